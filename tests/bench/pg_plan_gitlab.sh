#!/usr/bin/env bash
# tests/bench/pg_plan_gitlab.sh BUILD: part of `make bench`. `sqlshape plan --allow-drop` of
# GitLab's structure.sql (1,401 tables, 2,297 partitions) against a database holding its
# init_structure.sql (1,067 tables), end to end (connect, read the catalogue, parse and
# normalise the file, diff, plan, print), on a throwaway PostgreSQL 15. Prints best and median
# wall time of BENCH_RUNS (default 3) runs after one warm-up, and the CPU seconds of the client
# and of its server backend (the postmaster's reaped-children counters), which a busy machine
# does not inflate the way it inflates wall time. Target: under 2 s. Needs
# ../shared/real-schemas/postgres (skipped without it); loading init_structure takes about a
# minute. Never fails on time.
set -u
BUILD=${1:-build}
RUNS=${BENCH_RUNS:-3}
cd "$(dirname "$0")/../.."
SQLSHAPE="$PWD/$BUILD/sqlshape"
R="$PWD/../shared/real-schemas/postgres"
if [ ! -f "$R/gitlab-init_structure-6714c913.sql" ] || [ ! -f "$R/gitlab-structure-6714c913.sql" ]; then
	echo "pg_plan_gitlab: skipped, GitLab's schema files are not in $R"
	exit 0
fi

dir=$(tests/harness/servers.sh start pg) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-pgbench.XXXXXX")
trap 'tests/harness/servers.sh stop "$dir"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
. "$dir/env"
url="${SQLSHAPE_TEST_PG_URL}gitlab"
now() { date +%s%N; }

$SQLSHAPE_TEST_PSQL -d postgres -c 'CREATE DATABASE gitlab' || exit 1
t0=$(now)
export PGPASSWORD=$SQLSHAPE_TEST_PG_PASSWORD
"$SQLSHAPE_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$url" -f "$R/gitlab-init_structure-6714c913.sql" >/dev/null 2>&1 || exit 1
t1=$(now)
printf 'loaded init_structure in %.1f s\n' "$(echo "($t1 - $t0) / 1000000000" | bc -l)"

run_plan() { "$SQLSHAPE" plan --allow-drop --url "$url" "$R/gitlab-structure-6714c913.sql"; }
# exit 2: changes planned (the expected outcome here)
run_plan >"$work/plan.sql" 2>"$work/plan.err"
rc=$?
if [ $rc != 2 ]; then
	echo "pg_plan_gitlab: plan failed (exit $rc): $(grep -v '^  ' "$work/plan.err" | grep -v warning | head -3)"
	exit 1
fi
printf 'plan: %d steps, %dK of SQL\n' "$(grep -c '^-- \[' "$work/plan.sql")" $(($(wc -c <"$work/plan.sql") / 1024))
for ((i = 0; i < RUNS; i++)); do
	s=$(now)
	run_plan >"$work/plan.sql" 2>/dev/null
	e=$(now)
	echo $(((e - s) / 1000))
done | sort -n | awk '{ v[NR] = $1 } END { printf "sqlshape plan (wall): best %.3f s, median %.3f s\n", v[1] / 1e6, v[int((NR + 1) / 2)] / 1e6 }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

PM=$(head -1 "$SQLSHAPE_TEST_SERVERS_DIR/pg/data/postmaster.pid")
TCK=$(getconf CLK_TCK)
reaped() { awk -v t="$TCK" '{ printf "%.3f\n", ($16 + $17) / t }' "/proc/$PM/stat"; }
if [ -x /usr/bin/time ] && [ -r "/proc/$PM/stat" ]; then
	for ((i = 0; i < RUNS; i++)); do
		s0=$(reaped)
		c=$(/usr/bin/time -f '%U %S' "$SQLSHAPE" plan --allow-drop --url "$url" "$R/gitlab-structure-6714c913.sql" 2>&1 >/dev/null |
			tail -1 | awk '{ printf "%.3f", $1 + $2 }')
		sleep 0.3
		s1=$(reaped)
		echo "$c $(echo "$s1 - $s0" | bc -l)"
	done | awk '{ t = $1 + $2; if (NR == 1 || t < best) { best = t; c = $1; s = $2 } }
		END { printf "CPU seconds (best of runs): client %.2f, server %.2f, total %.2f\n", c, s, best }'
fi
