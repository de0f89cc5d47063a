#!/usr/bin/env bash
# tests/golden/diff.sh BUILD: the golden diffs. For every tests/golden/diff/NAME.from.sql,
# `sqlshape diff --dialect mysql [options in NAME.args] NAME.from.sql NAME.to.sql` must exit 0
# (no changes) or 2 (changes) and print exactly NAME.out.sql. SQLSHAPE_GOLDEN_UPDATE=1 writes
# the outputs instead (review them with git diff). Prints one line per case and a closing
# "N passed, N failed".
set -u
BUILD=${1:?usage: tests/golden/diff.sh BUILD}
cd "$(dirname "$0")/../.."
SQLSHAPE=${SQLSHAPE:-$PWD/$BUILD/sqlshape}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-golden.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
if ! "$SQLSHAPE" diff --help >/dev/null 2>&1; then
	echo "golden diff: sqlshape diff is not built yet (it needs the MySQL parser): skipped"
	echo "0 passed, 0 failed"
	exit 0
fi
for from in tests/golden/diff/*.from.sql; do
	[ -e "$from" ] || continue
	base=${from%.from.sql}
	name=$(basename "$base")
	args=()
	[ -f "$base.args" ] && read -r -a args <"$base.args"
	"$SQLSHAPE" diff --dialect mysql "${args[@]}" "$from" "$base.to.sql" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "${SQLSHAPE_GOLDEN_UPDATE:-}" = 1 ] && { [ $rc = 0 ] || [ $rc = 2 ]; }; then
		cp "$TMP/out" "$base.out.sql"
	fi
	if [ $rc != 0 ] && [ $rc != 2 ]; then
		echo "golden diff $name: FAILED (exit $rc)"
		sed 's/^/    /' "$TMP/err" | head -20
		fail=$((fail + 1))
	elif ! diff -u "$base.out.sql" "$TMP/out" >"$TMP/diff" 2>&1; then
		echo "golden diff $name: FAILED"
		sed 's/^/    /' "$TMP/diff" | head -40
		fail=$((fail + 1))
	elif [ $rc = 2 ] && ! grep -qv '^-- skipped' "$TMP/out"; then
		echo "golden diff $name: FAILED (exit 2 with nothing to run)"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
