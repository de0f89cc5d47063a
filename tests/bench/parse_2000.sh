#!/usr/bin/env bash
# tests/bench/parse_2000.sh BUILD: part of `make bench`. Times the MySQL front end on a generated
# schema of BENCH_TABLES (default 2000) tables (build/tools/gen_schema), best of BENCH_RUNS
# (default 5) runs of build/tools/mysql_dump -q, which measures load + parse around the call.
# Target: well under 50 ms on an idle machine. Prints the figure; never fails on time.
set -u
BUILD=${1:-build}
N=${BENCH_TABLES:-2000}
RUNS=${BENCH_RUNS:-5}
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-parse.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$BUILD/tools/gen_schema" "$N" >"$work/schema.sql" || exit 1
best=
for _ in $(seq "$RUNS"); do
	ms=$("$BUILD/tools/mysql_dump" -q "$work/schema.sql" | sed -n 's/.*; \([0-9.]*\) ms$/\1/p')
	[ -n "$ms" ] || { echo "parse failed"; exit 1; }
	if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$ms; fi
done
echo "parse $N tables ($(wc -c <"$work/schema.sql") bytes): best of $RUNS runs $best ms (load $(cut -d' ' -f1 /proc/loadavg))"
