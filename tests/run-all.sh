#!/usr/bin/env bash
# tests/run-all.sh BUILD [SUITE...]: runs the test suites against the binaries in BUILD and
# prints one closing line "N passed, N failed". Suites: unit (cmocka programs), golden (error
# goldens, one test per file). Exit 1 on any failure.
set -u
BUILD=${1:?usage: tests/run-all.sh BUILD [SUITE...]}
shift
SUITES=${*:-unit golden}
cd "$(dirname "$0")/.."
export SQLSHAPE="$PWD/$BUILD/sqlshape"
pass=0
fail=0
failed=()

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..." per program.
run_unit() {
	local t out p f
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		out=$("$t" 2>&1)
		p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		p=${p:-0}
		f=${f:-0}
		if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; fi  # crashed before reporting
		printf '%s\n' "$out" | grep -E '^\[  (FAILED|  ERROR)' | sed "s|^|$(basename "$t"): |"
		echo "unit $(basename "$t"): $p passed, $f failed"
		pass=$((pass + p))
		fail=$((fail + f))
		[ "$f" = 0 ] || failed+=("unit/$(basename "$t")")
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
	"run_$s"
done
[ ${#failed[@]} -eq 0 ] || printf 'failed: %s\n' "${failed[@]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
