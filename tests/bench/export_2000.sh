#!/usr/bin/env bash
# tests/bench/export_2000.sh BUILD: part of `make bench`. Starts a throwaway MariaDB, loads a generated
# database of BENCH_TABLES (default 2000) tables (tests/bench/gen_tables.awk), then times
# `sqlshape export` against `mariadb-dump --no-data` of the same database, both over TCP as
# the same user, best and median of BENCH_RUNS (default 3) runs after one warm-up. Also
# times the catalogue fetch alone (build/tools/mycatalog) and reports its round trips.
# Target: export under 0.5 s.
set -u
BUILD=${1:-build}
N=${BENCH_TABLES:-2000}
RUNS=${BENCH_RUNS:-3}
cd "$(dirname "$0")/../.."
SQLSHAPE="$PWD/$BUILD/sqlshape"
MYCATALOG="$PWD/$BUILD/tools/mycatalog"

dir=$(tests/harness/servers.sh start mysql) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-bench.XXXXXX")
trap 'tests/harness/servers.sh stop "$dir"; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
. "$dir/env"
url="${SQLSHAPE_TEST_MYSQL_URL}bench"
now() { date +%s%N; }

awk -v n="$N" -f tests/bench/gen_tables.awk >"$work/schema.sql"
$SQLSHAPE_TEST_MYSQL_CLIENT -e 'CREATE DATABASE bench' || exit 1
t0=$(now)
$SQLSHAPE_TEST_MYSQL_CLIENT bench <"$work/schema.sql" || exit 1
t1=$(now)
objs=$($SQLSHAPE_TEST_MYSQL_CLIENT -N -e "SELECT
	(SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench' AND TABLE_TYPE = 'BASE TABLE'),
	(SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'bench'),
	(SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = 'bench')")
read -r ntab nview ntrig <<<"$objs"
printf 'loaded %d tables, %d views, %d triggers in %.1f s (MariaDB %s)\n' "$ntab" "$nview" "$ntrig" \
	"$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$($SQLSHAPE_TEST_MYSQL_CLIENT -N -e 'SELECT VERSION()')"

# time_runs NAME OUTFILE CMD...: one warm-up, then RUNS timed runs; prints "best median" in s.
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

dump=(mariadb-dump --no-defaults --protocol=tcp -h 127.0.0.1 -P "$SQLSHAPE_TEST_MYSQL_PORT"
	-u "$SQLSHAPE_TEST_MYSQL_USER" --no-data --skip-comments --routines --triggers bench)
export MYSQL_PWD=$SQLSHAPE_TEST_MYSQL_PASSWORD
printf '\n%-34s %8s %8s %10s\n' "" "best s" "median s" "output"
if r=$(time_runs "$work/export.sql" "$SQLSHAPE" export --url "$url"); then
	printf '%-34s %8s %8s %9dK\n' "sqlshape export" $r $(($(wc -c <"$work/export.sql") / 1024))
	export_best=${r%% *}
else
	printf '%-34s %s\n' "sqlshape export" "$(head -1 "$work/export.sql.err")"
	export_best=""
fi
r=$(time_runs "$work/dump.sql" "${dump[@]}") &&
	printf '%-34s %8s %8s %9dK\n' "mariadb-dump --no-data" $r $(($(wc -c <"$work/dump.sql") / 1024))
if [ -x "$MYCATALOG" ] && r=$(time_runs "$work/cat.txt" "$MYCATALOG" "$url"); then
	printf '%-34s %8s %8s %9dK  (%s)\n' "catalogue fetch alone (mycatalog)" $r \
		$(($(wc -c <"$work/cat.txt") / 1024)) "$(tail -1 "$work/cat.txt" | sed 's/^-- //')"
fi
if [ -n "$export_best" ]; then
	if [ "$(echo "$export_best < 0.5" | bc)" = 1 ]; then
		echo "target export < 0.5 s: met"
	else
		echo "target export < 0.5 s: missed"
	fi
fi
