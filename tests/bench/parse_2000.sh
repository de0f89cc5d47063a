#!/usr/bin/env bash
# tests/bench/parse_2000.sh BUILD: part of `make bench`. Times the MySQL front end on a generated
# schema of BENCH_TABLES (default 2000) tables (build/tools/gen_schema), best of BENCH_RUNS
# (default 5) runs of build/tools/mysql_dump -r in one process (load + parse of each run), wall
# clock and CPU time (the CPU time holds on a shared, loaded machine).
# Target: under 50 ms. Prints the figure; never fails on time.
set -u
BUILD=${1:-build}
N=${BENCH_TABLES:-2000}
RUNS=${BENCH_RUNS:-5}
cd "$(dirname "$0")/../.."
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-parse.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$BUILD/tools/gen_schema" "$N" >"$work/schema.sql" || exit 1
# first run: cold memory (page faults of the fresh arena dominate in a VM); best: parse work
out=$(MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824 \
	"$BUILD/tools/mysql_dump" -r "$RUNS" "$work/schema.sql") || { echo "parse failed"; exit 1; }
echo "parse $N tables ($(wc -c <"$work/schema.sql") bytes): $out (load $(cut -d' ' -f1 /proc/loadavg))"
