#!/usr/bin/env bash
# tests/golden/run.sh BUILD [--update]: error goldens. Each tests/golden/errors/NAME.sql is
# parsed by BUILD/tools/mysql_dump -d (diagnostics only) from inside that directory, and the
# output must equal NAME.out byte for byte (message, caret, hints). --update rewrites the .out
# files instead (review the change with git diff). Prints one line per file and a closing
# "N passed, N failed"; exit 1 on any failure.
#
# PostgreSQL error goldens: each tests/golden/errors_pg/NAME.sql is read by
# `BUILD/sqlshape format --dialect postgres NAME.sql` (stdin_NAME.sql through "-", NAME.dir
# as a directory of files), and its standard error must equal NAME.out.
set -u
BUILD=${1:?usage: tests/golden/run.sh BUILD [--update]}
UPDATE=${2:-}
cd "$(dirname "$0")/../.."
TOOL="$PWD/$BUILD/tools/mysql_dump"
TOOL_ROOT="$PWD/$BUILD"
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
cd ../errors_pg
SQLSHAPE="$TOOL_ROOT/sqlshape"
for case in *.sql *.dir; do
	[ -e "$case" ] || continue
	name=${case%.sql}
	name=${name%.dir}
	case $case in
	stdin_*) out=$("$SQLSHAPE" format --dialect postgres - <"$case" 2>&1 >/dev/null) ;;
	*) out=$("$SQLSHAPE" format --dialect postgres "$case" 2>&1 >/dev/null) ;;
	esac
	if [ "$UPDATE" = "--update" ]; then
		printf '%s\n' "$out" > "$name.out"
		echo "golden pg $name: updated"
		pass=$((pass + 1))
	elif [ -f "$name.out" ] && [ "$out" = "$(cat "$name.out")" ]; then
		pass=$((pass + 1))
	else
		echo "golden pg $name: FAILED"
		diff -u "$name.out" <(printf '%s\n' "$out") | head -20
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
