#!/usr/bin/env bash
# tests/bench/osc/run.sh BUILD: `make bench-osc`. One throwaway MariaDB; a sysbench table of
# BENCH_ROWS rows (default 1,000,000) under sysbench's oltp_read_write load (BENCH_THREADS
# threads, default 4, at BENCH_RATE transactions per second, default 100) while the column
# `k` changes from INT to BIGINT, three ways, one after another on fresh copies of the same
# table:
#   alter    ALTER TABLE ... MODIFY k BIGINT ..., ALGORITHM=COPY  (blocking: the baseline)
#   pt-osc   pt-online-schema-change --alter "MODIFY k BIGINT ..." (Debian percona-toolkit)
#   sqlshape sqlshape apply of the exported schema with k changed to bigint
#            (the planner picks online-copy for a table this size; engine: SQLSHAPE_OSC,
#            default builtin)
# For each: the migration's wall time, and over the transactions that ran while it did, the
# load's p99 and max latency and its failed transactions (tests/bench/osc/oltp_timed.lua logs
# every transaction; latency is from the start of its execution). The load alone is measured
# first over BENCH_IDLE seconds (default 10). Each run checks afterwards that k is BIGINT and
# that the row count is unchanged. Prints a table and writes it to BUILD/bench-osc.txt.
# BENCH_MYSQLD_ARGS: further server options for the whole run (e.g.
# --innodb-autoinc-lock-mode=2; the harness's server otherwise keeps MariaDB's defaults). The
# server runs without a binary log (--skip-log-bin first; the harness turns it on for replica
# tests), as the README's figures were measured; BENCH_MYSQLD_ARGS=--log-bin brings it back.
# BENCH_TOOLS: which migrations to run (words of "alter pt-osc sqlshape", default all three).
# BENCH_KEEP=DIR: keep the evidence in DIR: the server's error log (with
# BENCH_MYSQLD_ARGS=--innodb-print-all-deadlocks=ON it holds every deadlock), each tool's
# output with a timestamp (seconds since the epoch) before each line, and the load's
# per-transaction logs, to put slow or failed transactions next to the migration's phases.
# Needs sysbench and percona-toolkit (apt-get install sysbench percona-toolkit).
set -u
BUILD=${1:-build}
ROWS=${BENCH_ROWS:-1000000}
THREADS=${BENCH_THREADS:-4}
RATE=${BENCH_RATE:-100}
IDLE=${BENCH_IDLE:-10}
ENGINE=${SQLSHAPE_OSC:-builtin}
TOOLS=" ${BENCH_TOOLS:-alter pt-osc sqlshape} "
KEEP=${BENCH_KEEP:-}
cd "$(dirname "$0")/../../.."
ROOT=$PWD
SQLSHAPE="$ROOT/$BUILD/sqlshape"
LUA="$ROOT/tests/bench/osc/oltp_timed.lua"
OUT="$ROOT/$BUILD/bench-osc.txt"

for tool in sysbench pt-online-schema-change; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench-osc: $tool is not installed (apt-get install sysbench percona-toolkit)" >&2
		exit 1
	fi
done
[ -x "$SQLSHAPE" ] || { echo "bench-osc: $SQLSHAPE not built (make)" >&2; exit 1; }

dir=$(SQLSHAPE_MYSQLD_ARGS="--skip-log-bin ${BENCH_MYSQLD_ARGS:-}" tests/harness/servers.sh start mysql) || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-bench-osc.XXXXXX")
load_pid=""
cleanup() {
	[ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null
	if [ -n "$KEEP" ]; then
		mkdir -p "$KEEP" && cp -r "$work"/. "$KEEP"/ && cp "$dir/mysql/error.log" "$KEEP/server-error.log"
	fi
	tests/harness/servers.sh stop "$dir"
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
. "$dir/env"
my() { $SQLSHAPE_TEST_MYSQL_CLIENT -N "$@"; }
now_us() { echo $(($(date +%s%N) / 1000)); }
defaults_file=${SQLSHAPE_TEST_MYSQL_ARGS#--defaults-file=}

# The harness tunes the server for tiny test databases; a million rows need a real buffer
# pool and redo log (both dynamic on MariaDB 10.11). Durability settings stay as the harness
# set them, the same for all three runs.
my -e "SET GLOBAL innodb_buffer_pool_size = 1024 * 1024 * 1024;
	SET GLOBAL innodb_log_file_size = 512 * 1024 * 1024" || exit 1

autoinc_mode=$(my -e 'SELECT @@innodb_autoinc_lock_mode')
SB=(--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SQLSHAPE_TEST_MYSQL_PORT"
	--mysql-user="$SQLSHAPE_TEST_MYSQL_USER" --mysql-password="$SQLSHAPE_TEST_MYSQL_PASSWORD"
	--tables=1 --table-size="$ROWS")

t0=$(now_us)
my -e 'CREATE DATABASE sbtmpl' || exit 1
sysbench oltp_read_write "${SB[@]}" --mysql-db=sbtmpl prepare >"$work/prepare.log" 2>&1 ||
	{ cat "$work/prepare.log" >&2; exit 1; }
printf 'prepared %d rows in %.1f s (MariaDB %s, sysbench %s, %s)\n' "$ROWS" \
	"$(echo "($(now_us) - $t0) / 1000000" | bc -l)" "$(my -e 'SELECT VERSION()')" \
	"$(sysbench --version | awk '{print $2}')" "$(pt-online-schema-change --version 2>/dev/null | tail -1)"

fresh_copy() {  # the template table into a new database sbtest
	my -e "DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest;
		CREATE TABLE sbtest.sbtest1 LIKE sbtmpl.sbtest1;
		INSERT INTO sbtest.sbtest1 SELECT * FROM sbtmpl.sbtest1;
		ANALYZE TABLE sbtest.sbtest1" >/dev/null
}

start_load() {  # start_load NAME: the load in the background, its log directory $work/NAME
	mkdir -p "$work/$1"
	OSC_BENCH_LOG="$work/$1" sysbench "$LUA" "${SB[@]}" --mysql-db=sbtest --threads="$THREADS" \
		--rate="$RATE" --time=0 --mysql-ignore-errors=all --db-ps-mode=disable run \
		>"$work/$1.sysbench.log" 2>&1 &
	load_pid=$!
	sleep 3  # connected and in its stride before anything is measured
}

stop_load() {
	kill -TERM "$load_pid" 2>/dev/null  # (a background job ignores SIGINT)
	wait "$load_pid" 2>/dev/null
	load_pid=""
}

# window NAME FROM_US TO_US: "transactions errors p99_ms max_ms" over the transactions whose
# execution overlapped [FROM, TO].
window() {
	cat "$work/$1"/lat.* 2>/dev/null | awk -v from="$2" -v to="$3" '
		$1 <= to && $1 + $2 >= from { n++; err += $3; lat[n] = $2 }
		END {
			if (n == 0) { print "0 0 - -"; exit }
			m = 0
			for (i = 1; i <= n; i++) if (lat[i] > m) m = lat[i]
			print n, err, "P", m / 1000
		}' >"$work/w"
	read -r n err _ max <"$work/w"
	local p99
	p99=$(cat "$work/$1"/lat.* | awk -v from="$2" -v to="$3" '$1 <= to && $1 + $2 >= from { print $2 }' |
		sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
			i = int(NR * 0.99 + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.1f", v[i] / 1000 }')
	printf '%s %s %s %.1f\n' "$n" "$err" "$p99" "$max"
}

load_errors() {  # load_errors NAME FROM TO: the failed transactions' server errors, "1213 x3, 1205 x1"
	cat "$work/$1"/lat.* 2>/dev/null | awk -v from="$2" -v to="$3" '$1 <= to && $1 + $2 >= from && $3 { print $4 }' |
		sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep = ", "}'
}

check_result() {  # check_result NAME: k is bigint, no row lost
	local type rows
	type=$(my -e "SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'sbtest'
		AND TABLE_NAME = 'sbtest1' AND COLUMN_NAME = 'k'")
	rows=$(my -e 'SELECT COUNT(*) FROM sbtest.sbtest1')
	if [ "$type" != bigint ] || [ "$rows" != "$ROWS" ]; then
		echo "bench-osc: $1 left k as '$type' with $rows rows (want bigint, $ROWS)" >&2
		return 1
	fi
}

results=()
run_one() {  # run_one NAME CMD...: fresh table, load, the migration, its window
	local name=$1 start end rc
	shift
	fresh_copy || exit 1
	start_load "$name"
	start=$(now_us)
	"$@" 2>&1 | perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.3f %s", time, $_' >"$work/$name.out"
	rc=${PIPESTATUS[0]}
	end=$(now_us)
	sleep 1
	stop_load
	if [ "$rc" != 0 ]; then
		echo "bench-osc: $name failed (exit $rc):" >&2
		tail -20 "$work/$name.out" >&2
		exit 1
	fi
	check_result "$name" || exit 1
	read -r n err p99 max < <(window "$name" "$start" "$end")
	results+=("$(printf '%-38s %8.1f %8s %9s %7s %7s  %s' "$name" \
		"$(echo "($end - $start) / 1000000" | bc -l)" "$p99" "$max" "$err" "$n" "$(load_errors "$name" "$start" "$end")")")
	echo "done: $name"
}

# The load alone.
fresh_copy || exit 1
start_load idle
s=$(now_us)
sleep "$IDLE"
e=$(now_us)
stop_load
read -r n err p99 max < <(window idle "$s" "$e")
results+=("$(printf '%-38s %8s %8s %9s %7s %7s  %s' "load alone (${IDLE} s)" - "$p99" "$max" "$err" "$n" "$(load_errors idle "$s" "$e")")")

[[ $TOOLS == *" alter "* ]] && run_one "ALTER TABLE ... ALGORITHM=COPY" \
	my -e 'ALTER TABLE sbtest.sbtest1 MODIFY k BIGINT NOT NULL DEFAULT 0, ALGORITHM=COPY'

[[ $TOOLS == *" pt-osc "* ]] && run_one "pt-online-schema-change" \
	pt-online-schema-change --alter 'MODIFY k BIGINT NOT NULL DEFAULT 0' --execute \
	--recursion-method=none --no-check-unique-key-change \
	"F=$defaults_file,D=sbtest,t=sbtest1"

[[ $TOOLS == *" sqlshape "* ]] && {
fresh_copy || exit 1
url="${SQLSHAPE_TEST_MYSQL_URL}sbtest"
"$SQLSHAPE" export --url "$url" >"$work/current.sql" || exit 1
sed -E 's/^(  `k` )int(\([0-9]+\))?/\1bigint/' "$work/current.sql" >"$work/desired.sql"
if cmp -s "$work/current.sql" "$work/desired.sql"; then
	echo "bench-osc: could not find column k in the exported schema:" >&2
	cat "$work/current.sql" >&2
	exit 1
fi
"$SQLSHAPE" plan --url "$url" --osc "$ENGINE" "$work/desired.sql" >"$work/plan.txt" 2>&1
run_one "sqlshape apply (online-copy, $ENGINE)" \
	"$SQLSHAPE" apply --url "$url" --osc "$ENGINE" --no-progress "$work/desired.sql"
}

{
	printf '%s rows, sysbench oltp_read_write, %s threads at %s tx/s; column k INT -> BIGINT; innodb_autoinc_lock_mode=%s\n' \
		"$ROWS" "$THREADS" "$RATE" "$autoinc_mode"
	printf '%-38s %8s %8s %9s %7s %7s  %s\n' "" "wall s" "p99 ms" "max ms" "errors" "tx" "server errors"
	printf '%s\n' "${results[@]}"
	echo "sqlshape's plan:"
	[ -f "$work/plan.txt" ] && sed 's/^/  /' "$work/plan.txt"
} | tee "$OUT"
