#!/usr/bin/env bash
# tests/live/osc_replica.sh: the online copy's replica throttle (executor/osc_throttle.c)
# against a real MariaDB replica of the test primary (tests/harness/servers.sh replica: loopback,
# GTID replication; stopped again when this script exits). A table `t` of 20,000 rows gets `a`
# INT -> BIGINT through the built-in engine with --replicas:
#   - the replica's SQL thread stopped: the copy pauses before its first chunk and says why;
#     START SLAVE SQL_THREAD: it goes on, completes, and rows and checksums are equal on the
#     primary and on the replica;
#   - the replica delayed (MASTER_DELAY, watched through sqlshape.conf): paused as lagging,
#     naming the delay; the delay removed: it completes, equal on both;
#   - --defer-cutover, then `sqlshape cutover --replicas`: its checksums pause the same way;
#   - --no-journal: the lag from Seconds_Behind_Master (said so), a stopped thread still pauses;
#   - an unreachable replica (a closed port, a password in its URL): paused, then after
#     --replica-timeout the copy stops with an error naming the replica without its password,
#     and nothing is left (no triggers, no shadow, the table unchanged);
#   - a server with no replication configured (the primary itself) and the real replica shut
#     down while the copy waits for it: the same clean stop.
. "$(dirname "$0")/lib.sh"
need_mysql

HARNESS="$LIVE_ROOT/tests/harness/servers.sh"
SERVERS=${SQLSHAPE_TEST_SERVERS_DIR:-}
if [ -z "$SERVERS" ] || ! "$HARNESS" replica "$SERVERS" >"$LIVE_TMP/replica.env" 2>"$LIVE_TMP/replica.err"; then
	_live_report 1 "a replica of the test primary starts" "$LIVE_TMP/replica.err"
	done_testing
fi
trap '"$HARNESS" replica-stop "$SERVERS"; rm -rf "$LIVE_TMP"' EXIT
. "$LIVE_TMP/replica.env"
_live_report 0 "a replica of the test primary starts"

rep_sql() { $SQLSHAPE_TEST_REPLICA_CLIENT --batch --skip-column-names "$1" -e "$2"; }
# sync_replica: until the replica has applied everything the primary has logged so far
sync_replica() {
	local pos
	pos=$(my_sql mysql "SELECT @@gtid_binlog_pos")
	[ "$(rep_sql mysql "SELECT MASTER_GTID_WAIT('$pos', 60)")" = 0 ]
}
fresh() {  # fresh NAME: t with 20,000 rows, on the primary and (replicated) the replica
	local db
	db=$(my_fresh_db "$1")
	my_sql "$db" "CREATE TABLE t (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id));
		INSERT INTO t SELECT seq, seq * 7, CONCAT('r', seq) FROM seq_1_to_20000; ANALYZE TABLE t" >/dev/null
	echo "$db"
}
sum_sql="SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', id, a, s, ISNULL(a), ISNULL(s)))), 0) FROM t"
leftovers_sql() {
	echo "SELECT CONCAT_WS(',', (SELECT GROUP_CONCAT(TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$1' AND TABLE_NAME LIKE '%\\_\\_osc\\_%'),
		(SELECT GROUP_CONCAT(TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$1'))"
}
col_type_sql="SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_NAME = 't' AND COLUMN_NAME = 'a' AND TABLE_SCHEMA = DATABASE()"
printf 'CREATE TABLE t (id int NOT NULL, a bigint, s varchar(30), PRIMARY KEY (id));\n' >"$LIVE_TMP/want.sql"
APPLY=(apply --online-copy-min-rows 1000 --chunk-size 500 --chunk-time 0.05 --lock-timeout 1 --no-progress)
apply_bg() {  # apply_bg TAG DB ARGS...: apply in the background, output in $LIVE_TMP/TAG.out
	local tag=$1 db=$2
	shift 2
	"$SQLSHAPE" "${APPLY[@]}" --url "$(my_url "$db")" "$@" "$LIVE_TMP/want.sql" >"$LIVE_TMP/$tag.out" 2>&1 &
	echo $! >"$LIVE_TMP/$tag.pid"
}
apply_wait() {  # apply_wait TAG: its exit status
	wait "$(cat "$LIVE_TMP/$1.pid")"
}
# both_equal DB WHAT: after the copy, t has the new type and the same rows on both servers
both_equal() {
	local db=$1 what=$2 p r
	ok "$what: the replica caught up" sync_replica
	is "$what: bigint on the primary" "bigint(20)" "$(my_sql "$db" "$col_type_sql")"
	is "$what: bigint on the replica" "bigint(20)" "$(rep_sql "$db" "$col_type_sql")"
	p=$(my_sql "$db" "$sum_sql")
	r=$(rep_sql "$db" "$sum_sql")
	is "$what: 20,000 rows on the primary" "20000" "${p%%	*}"
	is "$what: rows and checksum equal on primary and replica" "$p" "$r"
	is "$what: CHECKSUM TABLE equal on primary and replica" "$(my_sql "$db" "CHECKSUM TABLE t" | cut -f2)" \
		"$(rep_sql "$db" "CHECKSUM TABLE t" | cut -f2)"
	is "$what: nothing left on the primary" "" "$(my_sql "$db" "$(leftovers_sql "$db")")"
	is "$what: nothing left on the replica" "" "$(rep_sql "$db" "$(leftovers_sql "$db")")"
}

# --- the replica replicates -----------------------------------------------------------------
db=$(fresh stopped)
ok "the replica has the table" sync_replica
is "the replica has the rows" "$(my_sql "$db" "$sum_sql")" "$(rep_sql "$db" "$sum_sql")"

# --- the SQL thread stopped: paused, then resumed once it runs again ---------------------------
rep_sql mysql "STOP SLAVE SQL_THREAD"
apply_bg stopped "$db" --replicas "$SQLSHAPE_TEST_REPLICA_URL" --replica-timeout 120
ok "stopped SQL thread: the copy pauses and says why" wait_for "has its replication stopped: SQL thread running: No" "$LIVE_TMP/stopped.out" 60
contains "stopped SQL thread: the message is a throttle line" "-- throttled: replica \"mysql://sqlshape:***@127.0.0.1:$SQLSHAPE_TEST_REPLICA_PORT/\"" "$LIVE_TMP/stopped.out"
contains "stopped SQL thread: it says how long it waits" "(--replica-timeout); copy paused" "$LIVE_TMP/stopped.out"
sleep 2
is "stopped SQL thread: no row copied while paused" "0" "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_new")"
rep_sql mysql "START SLAVE SQL_THREAD"
apply_wait stopped
is "stopped SQL thread: apply exits 0 once the replica runs again" 0 $?
contains "stopped SQL thread: the copy resumed" "-- copy resumed after" "$LIVE_TMP/stopped.out"
contains "stopped SQL thread: the copy completed" 'online copy of "t" done' "$LIVE_TMP/stopped.out"
both_equal "$db" "stopped SQL thread"
lacks "stopped SQL thread: the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/stopped.out"
lacks "stopped SQL thread: nor percent-encoded" "${SQLSHAPE_TEST_REPLICA_URL#mysql://sqlshape:}" "$LIVE_TMP/stopped.out"
is "the heartbeat row is gone after the run" "0" "$(my_sql _sqlshape "SELECT COUNT(*) FROM osc_heartbeat")"

# --- a delayed replica (MASTER_DELAY), watched through sqlshape.conf ---------------------------
db=$(fresh delayed)
ok "delayed: the replica has the table" sync_replica
rep_sql mysql "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 4; START SLAVE"
printf 'replicas = %s\nmax_replica_lag = 1.5\nreplica_timeout = 120\n' "$SQLSHAPE_TEST_REPLICA_URL" >"$LIVE_TMP/sqlshape.conf"
apply_bg delayed "$db" --config "$LIVE_TMP/sqlshape.conf"
ok "delayed: the copy pauses as lagging" wait_for "> --max-replica-lag 1.5 (it is delayed on purpose: SQL_Delay 4 s); copy paused" "$LIVE_TMP/delayed.out" 60
is "delayed: no row copied while it lags" "0" "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_new")"
rep_sql mysql "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE"
apply_wait delayed
is "delayed: apply exits 0 once the replica catches up" 0 $?
contains "delayed: the copy resumed" "-- copy resumed after" "$LIVE_TMP/delayed.out"
both_equal "$db" "delayed"
lacks "delayed: the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/delayed.out"

# --- --defer-cutover, then `cutover --replicas`: its checksums wait for the replica too -------
db=$(fresh deferred)
ok "deferred: the replica has the table" sync_replica
ok "deferred: apply --defer-cutover --replicas" "$SQLSHAPE" "${APPLY[@]}" --defer-cutover --url "$(my_url "$db")" \
	--replicas "$SQLSHAPE_TEST_REPLICA_URL" "$LIVE_TMP/want.sql"
rep_sql mysql "STOP SLAVE SQL_THREAD"
"$SQLSHAPE" cutover --lock-timeout 1 --no-progress --url "$(my_url "$db")" --replicas "$SQLSHAPE_TEST_REPLICA_URL" \
	--replica-timeout 120 t >"$LIVE_TMP/cutover.out" 2>&1 &
echo $! >"$LIVE_TMP/cutover.pid"
ok "deferred: cutover pauses for the stopped SQL thread" wait_for "has its replication stopped" "$LIVE_TMP/cutover.out" 60
is "deferred: no swap while paused" "" "$(grep -F 'swapped:' "$LIVE_TMP/cutover.out")"
rep_sql mysql "START SLAVE SQL_THREAD"
apply_wait cutover
is "deferred: cutover exits 0 once the replica runs again" 0 $?
contains "deferred: swapped" 'swapped: "t" has the new definition' "$LIVE_TMP/cutover.out"
both_equal "$db" "deferred"

# --- --no-journal: no heartbeat table, Seconds_Behind_Master, and said so ---------------------
db=$(fresh nojournal)
ok "no journal: the replica has the table" sync_replica
rep_sql mysql "STOP SLAVE SQL_THREAD"
apply_bg nojournal "$db" --no-journal --replicas "$SQLSHAPE_TEST_REPLICA_URL" --replica-timeout 120
ok "no journal: the copy pauses for the stopped SQL thread" wait_for "has its replication stopped" "$LIVE_TMP/nojournal.out" 60
contains "no journal: it says the lag comes from Seconds_Behind_Master" "replica lag is read from Seconds_Behind_Master" "$LIVE_TMP/nojournal.out"
rep_sql mysql "START SLAVE SQL_THREAD"
apply_wait nojournal
is "no journal: apply exits 0 once the replica runs again" 0 $?
both_equal "$db" "no journal"

# --- an unreachable replica: paused, then a clean stop --------------------------------------
db=$(fresh unreachable)
before=$(my_sql "$db" "$sum_sql")
t0=$(date +%s)
"$SQLSHAPE" "${APPLY[@]}" --url "$(my_url "$db")" --replicas "mysql://watcher:Pw-s3cr3t-x@127.0.0.1:1/" \
	--replica-timeout 3 "$LIVE_TMP/want.sql" >"$LIVE_TMP/unreachable.out" 2>&1
is "unreachable: apply fails" 1 $?
t1=$(date +%s)
contains "unreachable: paused first, naming the replica" '-- throttled: replica "mysql://watcher:***@127.0.0.1:1/" is unreachable' "$LIVE_TMP/unreachable.out"
contains "unreachable: then stopped after --replica-timeout" 'error: online copy stopped: replica "mysql://watcher:***@127.0.0.1:1/" is unreachable' "$LIVE_TMP/unreachable.out"
contains "unreachable: the limit is named" "(--replica-timeout 3)" "$LIVE_TMP/unreachable.out"
contains "unreachable: what it made is dropped" 'abandoned: dropping its triggers, then its shadow table' "$LIVE_TMP/unreachable.out"
ok "unreachable: it waited about --replica-timeout (3-30 s, took $((t1 - t0)) s)" test $((t1 - t0)) -ge 3 -a $((t1 - t0)) -lt 30
lacks "unreachable: the password is never printed" "Pw-s3cr3t-x" "$LIVE_TMP/unreachable.out"
is "unreachable: nothing left behind (no triggers, no shadow)" "" "$(my_sql "$db" "$(leftovers_sql "$db")")"
is "unreachable: the table is unchanged" "int(11)" "$(my_sql "$db" "$col_type_sql")"
is "unreachable: the rows are unchanged" "$before" "$(my_sql "$db" "$sum_sql")"

# --- a server that is no replica (the primary itself): paused, then a clean stop ------------
"$SQLSHAPE" "${APPLY[@]}" --url "$(my_url "$db")" --replicas "$SQLSHAPE_TEST_MYSQL_URL" --replica-timeout 2 \
	"$LIVE_TMP/want.sql" >"$LIVE_TMP/noreplica.out" 2>&1
is "no replica: apply fails" 1 $?
contains "no replica: says the server replicates nothing" "has no replication configured" "$LIVE_TMP/noreplica.out"
is "no replica: nothing left behind" "" "$(my_sql "$db" "$(leftovers_sql "$db")")"
lacks "no replica: the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/noreplica.out"

# --- the real replica shut down while the copy waits for it ---------------------------------
db=$(fresh lost)
ok "lost: the replica has the table" sync_replica
rep_sql mysql "STOP SLAVE SQL_THREAD"
apply_bg lost "$db" --replicas "$SQLSHAPE_TEST_REPLICA_URL" --replica-timeout 15
ok "lost: the copy pauses for the stopped SQL thread" wait_for "has its replication stopped" "$LIVE_TMP/lost.out" 60
"$HARNESS" replica-stop "$SERVERS"
apply_wait lost
is "lost: apply fails once the replica has been gone for --replica-timeout" 1 $?
contains "lost: the stop names the replica, unreachable" "error: online copy stopped: replica \"mysql://sqlshape:***@127.0.0.1:$SQLSHAPE_TEST_REPLICA_PORT/\" is unreachable" "$LIVE_TMP/lost.out"
is "lost: nothing left behind (no triggers, no shadow)" "" "$(my_sql "$db" "$(leftovers_sql "$db")")"
is "lost: the table is unchanged" "int(11)" "$(my_sql "$db" "$col_type_sql")"
lacks "lost: the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/lost.out"

done_testing
