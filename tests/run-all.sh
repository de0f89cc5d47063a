#!/usr/bin/env bash
# tests/run-all.sh BUILD [SUITE...]: runs the test suites against the binaries in BUILD and
# prints one closing line "N passed, N failed". Suites: unit (cmocka programs), golden (error
# goldens, one test per file), live (starts one
# throwaway MariaDB + PostgreSQL pair through tests/harness/servers.sh, runs every
# tests/live/*.sh and every $BUILD/tests/live_* program against it, and stops it even on failure
# or interrupt). A suite whose run_X function does not exist yet is reported and skipped.
# Exit 1 on any failure.
set -u
BUILD=${1:?usage: tests/run-all.sh BUILD [SUITE...]}
shift
# The default list names suites that may not exist yet; they are skipped. A suite asked for
# by name must exist.
EXPLICIT=$#
SUITES=${*:-unit golden diff fuzz live}
cd "$(dirname "$0")/.."
export SQLSHAPE="$PWD/$BUILD/sqlshape"
export SQLSHAPE_BUILD="$BUILD"  # live tests find $BUILD/tools/* through it
pass=0
fail=0
failed=()

run_unit() {
	local t
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		count_cmocka unit "$(basename "$t")" "$("$t" 2>&1)"
	done
}

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..." per program.
count_cmocka() {  # count_cmocka SUITE PROGRAM OUTPUT
	local p f
	p=$(printf '%s\n' "$3" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$3" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; fi  # crashed before reporting
	printf '%s\n' "$3" | grep -E '^\[  (FAILED|  ERROR)' | sed "s|^|$2: |"
	echo "$1 $2: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" = 0 ] || failed+=("$1/$2")
}

SERVERS_DIR=""
stop_servers() {
	if [ -n "$SERVERS_DIR" ]; then
		tests/harness/servers.sh stop "$SERVERS_DIR"
		SERVERS_DIR=""
	fi
}
trap stop_servers EXIT
trap 'stop_servers; exit 130' INT TERM

# Live tests: one server pair for the whole suite; each test makes its own databases.
# tests/live/*.sh print "ok N - ..." / "not ok N - ..." lines (tests/live/lib.sh).
run_live() {
	local t out p f name todo
	if ! SERVERS_DIR=$(tests/harness/servers.sh start); then
		echo "live: the throwaway servers did not start"
		fail=$((fail + 1))
		failed+=("live/servers")
		return
	fi
	eval "$(tests/harness/servers.sh env "$SERVERS_DIR")"
	for t in tests/live/*.sh; do
		[ "$t" = tests/live/lib.sh ] && continue
		name=$(basename "$t" .sh)
		out=$(bash "$t" 2>&1)
		local rc=$?
		p=$(printf '%s\n' "$out" | grep -c '^ok ')
		f=$(printf '%s\n' "$out" | grep -c '^not ok ')
		if [ "$rc" -ne 0 ] && [ "$f" = 0 ]; then f=1; fi  # died without saying why
		if [ "$f" != 0 ]; then
			printf '%s\n' "$out" | grep -v '^ok ' | sed "s|^|$name: |"
		fi
		todo=$(printf '%s\n' "$out" | grep -c '^ok .* # TODO')
		if [ "$todo" != 0 ]; then
			echo "live $name: $p passed ($todo marked TODO: known bugs), $f failed"
		else
			echo "live $name: $p passed, $f failed"
		fi
		pass=$((pass + p))
		fail=$((fail + f))
		[ "$f" = 0 ] || failed+=("live/$name")
	done
	for t in "$BUILD"/tests/live_*; do
		[ -x "$t" ] || continue
		out=$("$t" 2>&1)
		count_cmocka live "$(basename "$t")" "$out"
	done
	stop_servers
}

# Golden diffs (tests/golden/diff.sh): `sqlshape diff` on file pairs, exact output.
run_diff() {
	local out p f
	out=$(tests/golden/diff.sh "$BUILD" 2>&1)
	printf '%s\n' "$out" | grep -v '^[0-9]* passed' | grep -v ': ok$'
	p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
	p=${p:-0}
	f=${f:-1}
	echo "diff golden: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" = 0 ] || failed+=("diff/golden")
}

# Every fuzz target replays its corpus (tests/fuzz/corpus/NAME for build/replay/fuzz_NAME).
run_fuzz() {
	local r n out p f
	for r in "$BUILD"/replay/fuzz_*; do
		[ -x "$r" ] || continue
		n=$(basename "$r")
		out=$("$r" "tests/fuzz/corpus/${n#fuzz_}" 2>&1)
		p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
		if [ -z "$p" ]; then printf '%s\n' "$out" | tail -20; p=0; f=1; fi
		echo "fuzz $n corpus: $p passed, $f failed"
		pass=$((pass + p))
		fail=$((fail + f))
		[ "$f" = 0 ] || failed+=("fuzz/$n")
	done
}

# tests/golden/run.sh prints "golden NAME: FAILED" per failing file and "N passed, N failed".
run_golden() {
	local out p f
	out=$(tests/golden/run.sh "$BUILD" 2>&1)
	p=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
	p=${p:-0}
	f=${f:-1}
	printf '%s\n' "$out" | grep -v ' passed, ' | sed 's/^/golden: /'
	echo "golden: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" = 0 ] || failed+=("golden")
}

for s in $SUITES; do
	if declare -F "run_$s" >/dev/null; then
		"run_$s"
	else
		if [ "$EXPLICIT" = 0 ]; then
			echo "$s: no such suite yet, skipped"
		else
			echo "no suite \"$s\"" >&2
			fail=$((fail + 1))
		fi
	fi
done
[ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[@]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
