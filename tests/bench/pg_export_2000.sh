#!/usr/bin/env bash
# tests/bench/pg_export_2000.sh BUILD: part of `make bench`. Starts a throwaway PostgreSQL 15,
# loads a generated database of BENCH_TABLES (default 2000) tables
# (tests/bench/gen_pg_tables.awk), then times `sqlshape export` against
# `pg_dump --schema-only` of the same database, both over TCP as the same user, best and
# median of BENCH_RUNS (default 3) runs after one warm-up, side by side. Also checks that the
# export reads back equal to the database (build/tools/pgcat URL export.sql).
# Target: export under 0.4 s. Prints the figures and the load average; never fails on time.
set -u
BUILD=${1:-build}
N=${BENCH_TABLES:-2000}
RUNS=${BENCH_RUNS:-3}
cd "$(dirname "$0")/../.."
SQLSHAPE="$PWD/$BUILD/sqlshape"

dir=$(tests/harness/servers.sh start pg) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-pgbench.XXXXXX")
trap 'tests/harness/servers.sh stop "$dir"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
. "$dir/env"
url="${SQLSHAPE_TEST_PG_URL}bench"
now() { date +%s%N; }

awk -v n="$N" -f tests/bench/gen_pg_tables.awk >"$work/schema.sql"
$SQLSHAPE_TEST_PSQL -d postgres -c 'CREATE DATABASE bench' || exit 1
t0=$(now)
$SQLSHAPE_TEST_PSQL -d bench -f "$work/schema.sql" >/dev/null || exit 1
$SQLSHAPE_TEST_PSQL -d bench -c 'ANALYZE' || exit 1
t1=$(now)
objs=$($SQLSHAPE_TEST_PSQL -d bench -At -F' ' -c "SELECT
	(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'),
	(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'i'),
	(SELECT count(*) FROM pg_views WHERE schemaname = 'public'),
	(SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal)")
read -r ntab nidx nview ntrig <<<"$objs"
printf 'loaded %d tables, %d indexes, %d views, %d triggers in %.1f s (%s)\n' "$ntab" "$nidx" "$nview" "$ntrig" \
	"$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$($SQLSHAPE_TEST_PSQL -d bench -At -c 'SHOW server_version')"

# time_runs OUTFILE CMD...: one warm-up, then RUNS timed runs; prints "best median" in s.
time_runs() {
	local out=$1 i s e
	shift
	"$@" >"$out" 2>"$out.err" || { echo "failed: $(head -3 "$out.err")" >&2; return 1; }
	for ((i = 0; i < RUNS; i++)); do
		s=$(now)
		"$@" >"$out" 2>"$out.err" || return 1
		e=$(now)
		echo $(((e - s) / 1000))
	done | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f %.3f\n", v[1] / 1e6, v[int((NR + 1) / 2)] / 1e6 }'
}

export PGPASSWORD=$SQLSHAPE_TEST_PG_PASSWORD
dump=(pg_dump --schema-only -h 127.0.0.1 -p "$SQLSHAPE_TEST_PG_PORT" -U "$SQLSHAPE_TEST_PG_USER" bench)
printf '\n%-34s %8s %8s %10s\n' "" "best s" "median s" "output"
if r=$(time_runs "$work/export.sql" "$SQLSHAPE" export --url "$url"); then
	printf '%-34s %8s %8s %9dK\n' "sqlshape export" $r $(($(wc -c <"$work/export.sql") / 1024))
	export_best=${r%% *}
else
	printf '%-34s %s\n' "sqlshape export" "$(head -1 "$work/export.sql.err")"
	export_best=""
fi
r=$(time_runs "$work/dump.sql" "${dump[@]}") &&
	printf '%-34s %8s %8s %9dK\n' "pg_dump --schema-only" $r $(($(wc -c <"$work/dump.sql") / 1024))
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ -n "$export_best" ]; then
	if "$BUILD/tools/pgcat" "$url" "$work/export.sql" >"$work/cmp.txt" 2>&1; then
		echo "export reads back equal to the database: yes"
	else
		echo "export reads back equal to the database: NO"; head -5 "$work/cmp.txt"; exit 1
	fi
	if [ "$(echo "$export_best < 0.4" | bc)" = 1 ]; then
		echo "target export < 0.4 s: met"
	else
		echo "target export < 0.4 s: missed"
	fi
fi
