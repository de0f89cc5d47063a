#!/usr/bin/env bash
# tests/golden/run.sh BUILD [--update]: error goldens. Each tests/golden/errors/NAME.sql is
# parsed by BUILD/tools/mysql_dump -d (diagnostics only) from inside that directory, and the
# output must equal NAME.out byte for byte (message, caret, hints). --update rewrites the .out
# files instead (review the change with git diff). Prints one line per file and a closing
# "N passed, N failed"; exit 1 on any failure.
set -u
BUILD=${1:?usage: tests/golden/run.sh BUILD [--update]}
UPDATE=${2:-}
cd "$(dirname "$0")/../.."
TOOL="$PWD/$BUILD/tools/mysql_dump"
pass=0
fail=0
cd tests/golden/errors
for sql in *.sql; do
	name=${sql%.sql}
	out=$("$TOOL" -d "$sql" 2>&1)
	if [ "$UPDATE" = "--update" ]; then
		printf '%s\n' "$out" > "$name.out"
		echo "golden $name: updated"
		pass=$((pass + 1))
	elif [ -f "$name.out" ] && [ "$out" = "$(cat "$name.out")" ]; then
		pass=$((pass + 1))
	else
		echo "golden $name: FAILED"
		diff -u "$name.out" <(printf '%s\n' "$out") | head -20
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
