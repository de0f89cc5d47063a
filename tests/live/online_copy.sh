#!/usr/bin/env bash
# tests/live/online_copy.sh: the built-in online copy engine (executor/online_copy.c) on the
# throwaway MariaDB. A table `t` of 3,000 rows gets `a` INT -> BIGINT (a blocking copy the
# planner sends to the engine with --online-copy-min-rows 1000) while build/tools/osc_load
# writes to it (updates, deletes also of rows not yet copied, inserts, primary-key updates up
# and down) and makes the same change to a reference table `ref` in the same transaction:
# afterwards `t` must equal `ref` row for row. Then: SIGKILL at each phase and a second apply
# that converges; a cut-over blocked by a long transaction that retries without stalling other
# sessions beyond the lock timeout; --defer-cutover + `sqlshape cutover`; --keep-old-table;
# refusals before anything is created; the Threads_running throttle; progress lines.
. "$(dirname "$0")/lib.sh"
need_mysql

LOAD="${SQLSHAPE_BUILD:-$LIVE_ROOT/build}/tools/osc_load"
[ -x "$LOAD" ] || LOAD="$LIVE_ROOT/build/tools/osc_load"
printf 'CREATE TABLE t (id int NOT NULL, a bigint, s varchar(30), PRIMARY KEY (id), KEY ks (s));\nCREATE TABLE ref (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\n' >"$LIVE_TMP/want.sql"

fresh() {  # fresh NAME: t and ref with the same 3000 rows (even ids), fresh statistics
	local db
	db=$(my_fresh_db "$1")
	my_sql "$db" "CREATE TABLE t (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));
		CREATE TABLE ref (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));
		INSERT INTO t SELECT 2 * seq, seq, CONCAT('r', seq) FROM seq_1_to_3000;
		INSERT INTO ref SELECT * FROM t; ANALYZE TABLE t, ref" >/dev/null
	echo "$db"
}
# the rows of a table as one checksum line
sum_of() { my_sql "$1" "SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#', id, a, s, ISNULL(a), ISNULL(s)))), 0) FROM \`$2\`"; }
leftovers() {  # what the engine may leave: shadow/old tables, its triggers, checkpoint rows
	my_sql "$1" "SELECT CONCAT_WS(',', (SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$1' AND TABLE_NAME LIKE '%\\_\\_osc\\_%'),
		(SELECT GROUP_CONCAT(TRIGGER_NAME ORDER BY TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$1' AND TRIGGER_NAME LIKE '%\\_\\_osc\\_%'),
		(SELECT GROUP_CONCAT(table_name) FROM _sqlshape.online_copies WHERE target = '$1'))"
}
col_type() { my_sql "$1" "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$1' AND TABLE_NAME = 't' AND COLUMN_NAME = 'a'"; }
has_del_trigger() { my_sql "$1" "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '$1' AND TRIGGER_NAME = 't__osc_del'"; }
wait_del_trigger() {  # wait_del_trigger DB: until the engine has made its triggers on t (at most 5 s)
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(has_del_trigger "$1")" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}
load_start() {  # load_start DB TAG: osc_load in the background, waits until it runs
	rm -f "$LIVE_TMP/stop.$2"
	"$LOAD" "$(my_url "$1")" "$LIVE_TMP/stop.$2" "$RANDOM" >"$LIVE_TMP/load.$2" 2>&1 &
	echo $! >"$LIVE_TMP/load.$2.pid"
	wait_for "load running" "$LIVE_TMP/load.$2" 60
}
load_stop() {  # load_stop TAG: stop it, its exit status
	touch "$LIVE_TMP/stop.$1"
	wait "$(cat "$LIVE_TMP/load.$1.pid")"
}
APPLY=(apply --online-copy-min-rows 1000 --chunk-size 100 --chunk-time 0.02 --lock-timeout 1)

# --- plan: strategy online-copy, engine builtin -------------------------------------------
db=$(fresh plan)
url=$(my_url "$db")
"$SQLSHAPE" plan --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.out" 2>&1
contains "plan: strategy online-copy" 'alter_table "t": strategy online-copy' "$LIVE_TMP/plan.out"
contains "plan: engine builtin" '-- online-copy (engine builtin): ALTER TABLE `t` MODIFY COLUMN `a` bigint DEFAULT NULL' "$LIVE_TMP/plan.out"

# --- the copy under concurrent writes ------------------------------------------------------
db=$(fresh load)
url=$(my_url "$db")
ok "load started" load_start "$db" main
# chunks of 10 rows: a copy of some hundreds of chunks while the load writes
"$SQLSHAPE" "${APPLY[@]}" --chunk-size 10 --chunk-time 0.001 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/apply.out" 2>&1
is "apply under load exits 0" 0 $?
n_during=$(my_sql "$db" "SELECT COUNT(*) FROM ref WHERE id >= 500000 OR id % 2 = 1")
load_stop main
is "the load saw no errors" 0 $?
contains "the load ran transactions" "errors 0" "$LIVE_TMP/load.main"
contains "copied in chunks" 'copied "t" in' "$LIVE_TMP/apply.out"
contains "checksums compared before the swap" 'checksums equal:' "$LIVE_TMP/apply.out"
grep -q 'checksums equal: .* on 2 connections' "$LIVE_TMP/apply.out"
is "the checksums ran on two connections of their own" 0 $?
grep -q 'checksums equal for the first [0-9]* rows, in [0-9]* ranges\? checked while copying' "$LIVE_TMP/apply.out" || { grep -e '^-- copied' -e 'checksums' "$LIVE_TMP/apply.out"; false; }
is "ranges already copied were checked while the copy went on, under the load" 0 $?
contains "secondary indexes built after the copy" 'ADD KEY `ks` (`s`)' "$LIVE_TMP/apply.out"
contains "one atomic rename" 'RENAME TABLE `t` TO `t__osc_old`, `t__osc_new` TO `t`;' "$LIVE_TMP/apply.out"
is "t has the new type" "bigint(20)" "$(col_type "$db")"
is "t equals ref row for row (nothing lost, duplicated or stale)" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "ids moved by primary-key updates are there" "$(my_sql "$db" "SELECT COUNT(*) FROM ref WHERE id % 2 = 1")" "$(my_sql "$db" "SELECT COUNT(*) FROM t WHERE id % 2 = 1")"
is "nothing left behind" "" "$(leftovers "$db")"
is "the load inserted or moved rows meanwhile" 1 "$([ "$n_during" -gt 0 ] && echo 1 || echo 0)"
ok "second plan is empty" "$SQLSHAPE" plan --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql"

# the key column's own type changes, under load
db=$(fresh pktype)
url=$(my_url "$db")
printf 'CREATE TABLE t (id bigint NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\nCREATE TABLE ref (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\n' >"$LIVE_TMP/want_pk.sql"
load_start "$db" pk
"$SQLSHAPE" "${APPLY[@]}" --chunk-size 10 --chunk-time 0.001 --url "$url" "$LIVE_TMP/want_pk.sql" >"$LIVE_TMP/pk.out" 2>&1
is "primary-key column INT -> BIGINT under load exits 0" 0 $?
load_stop pk
is "pk: the load saw no errors" 0 $?
is "pk: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "pk: the key has the new type" "bigint(20)" "$(my_sql "$db" "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = 't' AND COLUMN_NAME = 'id'")"

# a transaction that has read t when the triggers are created and writes t afterwards: the
# engine's DDL must not wait for its metadata lock (the server would see a deadlock when the
# transaction writes and roll the transaction back, 1213); it is tried without waiting instead
db=$(fresh readwrite)
url=$(my_url "$db")
$SQLSHAPE_TEST_MYSQL_CLIENT --unbuffered "$db" -e "START TRANSACTION; SELECT a FROM t WHERE id = 2; SELECT 'holding'; SELECT SLEEP(3);
	UPDATE t SET a = -7 WHERE id = 2; UPDATE ref SET a = -7 WHERE id = 2; COMMIT; SELECT 'committed'" >"$LIVE_TMP/rw.out" 2>&1 &
rw=$!
wait_for holding "$LIVE_TMP/rw.out" 30
"$SQLSHAPE" "${APPLY[@]}" --lock-timeout 10 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/rw_apply.out" 2>&1
is "apply while a transaction that read t is open exits 0" 0 $?
wait "$rw"
is "that transaction's later write to t did not fail" 0 $?
contains "it committed" committed "$LIVE_TMP/rw.out"
lacks "no deadlock" 'Deadlock' "$LIVE_TMP/rw.out"
is "readwrite: t equals ref (its update kept)" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "readwrite: nothing left behind" "" "$(leftovers "$db")"

# a transaction that wrote a row of the chunk being copied (through the triggers: the chunk
# then meets its lock in the shadow) and later writes a row that chunk has already inserted:
# the chunk must not wait holding its rows (InnoDB would see a deadlock and roll back the
# application's transaction, the smaller one); it gives way and is tried again. The copy is
# held before its first chunk by the throttle while a SLEEP runs.
db=$(fresh chunkwait)
url=$(my_url "$db")
$SQLSHAPE_TEST_MYSQL_CLIENT -e "SELECT SLEEP(2)" >/dev/null 2>&1 &
sleeper=$!
"$SQLSHAPE" "${APPLY[@]}" --lock-timeout 10 --chunk-size 5000 --max-threads-running 1 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/cw_apply.out" 2>&1 &
cw=$!
wait_del_trigger "$db"
# (the pause between the two writes is the client's: a SLEEP() would count in Threads_running)
{
	echo "START TRANSACTION; UPDATE t SET a = -1 WHERE id = 6000; UPDATE ref SET a = -1 WHERE id = 6000;"
	sleep 3
	echo "UPDATE t SET a = -2 WHERE id = 2; UPDATE ref SET a = -2 WHERE id = 2; COMMIT; SELECT 'committed';"
} | $SQLSHAPE_TEST_MYSQL_CLIENT "$db" >"$LIVE_TMP/cw.out" 2>&1
is "the transaction writing a row of the chunk, then one the chunk had copied, commits" 0 $?
lacks "chunkwait: no deadlock" 'Deadlock' "$LIVE_TMP/cw.out"
wait "$cw"
is "chunkwait: apply exits 0" 0 $?
wait "$sleeper"
contains "the copy was held by the throttle meanwhile" 'throttled: Threads_running' "$LIVE_TMP/cw_apply.out"
contains "the chunk gave way and was tried again" 'again after a lock held by the application' "$LIVE_TMP/cw_apply.out"
is "chunkwait: t equals ref (both updates kept)" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"

# a renamed column is copied under its new name
db=$(fresh rename)
url=$(my_url "$db")
printf 'CREATE TABLE t (id int NOT NULL, b bigint, -- @renamed from=a\n s varchar(30), PRIMARY KEY (id), KEY ks (s));\nCREATE TABLE ref (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\n' >"$LIVE_TMP/want_ren.sql"
ok "rename + type change through the engine" "$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want_ren.sql"
contains "it went through the engine" 'CHANGE COLUMN `a` `b` bigint' "$LIVE_TMP/out"
is "the renamed column kept its values" "$(my_sql "$db" "SELECT SUM(a) FROM ref")" "$(my_sql "$db" "SELECT SUM(b) FROM t")"

# a new UNIQUE key the rows violate: refused, nothing left
db=$(fresh dupkey)
url=$(my_url "$db")
my_sql "$db" "UPDATE t SET s = 'same' WHERE id IN (2, 4)"
printf 'CREATE TABLE t (id int NOT NULL, a bigint, s varchar(30), PRIMARY KEY (id), KEY ks (s), UNIQUE KEY us (s));\nCREATE TABLE ref (id int NOT NULL, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\n' >"$LIVE_TMP/want_dup.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want_dup.sql" >"$LIVE_TMP/dup.out" 2>&1
is "a new unique key with duplicates is refused" 1 $?
contains "saying the copy would lose rows" 'the new UNIQUE key "us" of "t" has duplicates' "$LIVE_TMP/dup.out"
is "dup: nothing left behind" "" "$(leftovers "$db")"
is "dup: t as it was" "3000 int(11)" "$(my_sql "$db" "SELECT COUNT(*) FROM t") $(col_type "$db")"

# AUTO_INCREMENT carried over: ids of deleted top rows are not reused
db=$(my_fresh_db autoinc)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s)); CREATE TABLE ref LIKE t;
	INSERT INTO t (a, s) SELECT seq, 'x' FROM seq_1_to_2000; DELETE FROM t WHERE id > 1500; ANALYZE TABLE t" >/dev/null
before=$(my_sql "$db" "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = 't'")
printf 'CREATE TABLE t (id int NOT NULL AUTO_INCREMENT, a bigint, s varchar(30), PRIMARY KEY (id), KEY ks (s));\nCREATE TABLE ref (id int NOT NULL AUTO_INCREMENT, a int, s varchar(30), PRIMARY KEY (id), KEY ks (s));\n' >"$LIVE_TMP/want_ai.sql"
# (without --chunk-time: the harness's server keeps innodb_autoinc_lock_mode 1, where each chunk
# holds the AUTO-INC lock the triggers' inserts wait for, so the engine picks 0.01 s chunks)
ok "apply on an AUTO_INCREMENT table" "$SQLSHAPE" apply --online-copy-min-rows 1000 --chunk-size 100 --lock-timeout 1 --url "$url" "$LIVE_TMP/want_ai.sql"
contains "autoinc lock mode 1: chunks of 0.01 s" 'innodb_autoinc_lock_mode 1: each chunk holds the AUTO-INC lock' "$LIVE_TMP/out"
my_sql "$db" "INSERT INTO t (a, s) VALUES (1, 'new')"
is "AUTO_INCREMENT carried over" "$before" "$(my_sql "$db" "SELECT MAX(id) FROM t")"
lacks "no AUTO_INCREMENT column: no such note" 'each chunk holds the AUTO-INC lock' "$LIVE_TMP/apply.out"

# --- SIGKILL at each phase, then apply again -----------------------------------------------
for phase in shadow triggers copy verify rename; do
	db=$(fresh "kill_$phase")
	url=$(my_url "$db")
	load_start "$db" "$phase"
	# (in a subshell that reports the status, so that the shell's "Killed" goes to the file)
	(SQLSHAPE_OSC_STOP_AT=$phase "$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql"; echo "exit status $?") >"$LIVE_TMP/kill.out" 2>&1
	contains "killed at $phase (SIGKILL)" "exit status 137" "$LIVE_TMP/kill.out"
	if [ "$phase" = rename ]; then
		is "killed after the rename: t has the new type" "bigint(20)" "$(col_type "$db")"
	else
		is "killed at $phase: t is as it was" "int(11)" "$(col_type "$db")"
	fi
	"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/rerun.out" 2>&1
	is "after kill at $phase: apply again exits 0" 0 $?
	load_stop "$phase"
	is "after kill at $phase: the load saw no errors" 0 $?
	if [ "$phase" = rename ]; then
		contains "after kill at rename: recovery finishes the swap" 'had swapped the tables: finishing it' "$LIVE_TMP/rerun.out"
	else
		contains "after kill at $phase: recovery drops triggers, then the shadow" 'dropping its triggers, then its shadow table' "$LIVE_TMP/rerun.out"
	fi
	is "after kill at $phase: t has the new type" "bigint(20)" "$(col_type "$db")"
	is "after kill at $phase: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
	is "after kill at $phase: nothing left behind" "" "$(leftovers "$db")"
done

# --- the engine's connection lost mid-copy (KILL from another session), then apply again ---
db=$(fresh lostconn)
url=$(my_url "$db")
# (no load here: every other connection in this database is then sqlshape's; the load's
# survival of a dying engine is the SIGKILL cases' job above)
# the throttle holds the copy before its first chunk while a SLEEP runs, so the kill lands mid-copy
$SQLSHAPE_TEST_MYSQL_CLIENT -e "SELECT SLEEP(3)" >/dev/null 2>&1 &
sleeper=$!
"$SQLSHAPE" "${APPLY[@]}" --max-threads-running 1 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/lost.out" 2>&1 &
lost=$!
wait_del_trigger "$db"
is "lostconn: the triggers were made before the kill" 1 "$(has_del_trigger "$db")"
ids=$(my_sql "$db" "SELECT GROUP_CONCAT(ID) FROM information_schema.PROCESSLIST WHERE DB = '$db' AND ID <> CONNECTION_ID()")
isnt_empty=$([ -n "$ids" ] && echo yes)
is "lostconn: sqlshape's connections found" yes "$isnt_empty"
for id in ${ids//,/ }; do my_sql "$db" "KILL CONNECTION $id" 2>/dev/null; done
wait "$lost"
st=$?
wait "$sleeper"
[ "$st" -eq 1 ]
is "lostconn: apply whose connection was killed fails with exit status 1 (not a crash)" 0 $?
is "lostconn: t is as it was" "int(11)" "$(col_type "$db")"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/lost_rerun.out" 2>&1
is "lostconn: apply again exits 0" 0 $?
is "lostconn: t has the new type" "bigint(20)" "$(col_type "$db")"
is "lostconn: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "lostconn: nothing left behind" "" "$(leftovers "$db")"

# --- the server restarted mid-copy (its MEMORY position table comes back empty), then apply again
db=$(fresh restart)
url=$(my_url "$db")
$SQLSHAPE_TEST_MYSQL_CLIENT -e "SELECT SLEEP(5)" >/dev/null 2>&1 &
sleeper=$!
"$SQLSHAPE" "${APPLY[@]}" --max-threads-running 1 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/restart.out" 2>&1 &
rs=$!
wait_del_trigger "$db"
is "restart: the triggers were made before the restart" 1 "$(has_del_trigger "$db")"
"$(dirname "$0")/../harness/servers.sh" restart-mysql "$SQLSHAPE_TEST_SERVERS_DIR"
is "restart: the server stopped and started again" 0 $?
wait "$rs"
st=$?
wait "$sleeper"
[ "$st" -eq 1 ]
is "restart: the apply that lost its server fails with exit status 1 (not a crash)" 0 $?
is "restart: t is as it was" "int(11)" "$(col_type "$db")"
my_sql "$db" "UPDATE t SET a = a + 7 WHERE id <= 50; UPDATE ref SET a = a + 7 WHERE id <= 50; DELETE FROM t WHERE id BETWEEN 60 AND 70; DELETE FROM ref WHERE id BETWEEN 60 AND 70"
is "restart: the application writes through the leftover triggers" 0 $?
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/restart_rerun.out" 2>&1
is "restart: apply again exits 0" 0 $?
contains "restart: recovery drops triggers, then the shadow" 'dropping its triggers, then its shadow table' "$LIVE_TMP/restart_rerun.out"
is "restart: t has the new type" "bigint(20)" "$(col_type "$db")"
is "restart: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "restart: nothing left behind" "" "$(leftovers "$db")"

# --- a cut-over blocked by a long transaction ----------------------------------------------
db=$(fresh blocked)
url=$(my_url "$db")
ok "apply --defer-cutover" "$SQLSHAPE" "${APPLY[@]}" --defer-cutover --url "$url" "$LIVE_TMP/want.sql"
contains "deferred: says how to finish" 'sqlshape cutover' "$LIVE_TMP/out"
is "deferred: t is as it was" "int(11)" "$(col_type "$db")"
is "deferred: the shadow and its triggers wait" "t__osc_new,t__osc_pos,t__osc_del,t__osc_ins,t__osc_upd,t" "$(leftovers "$db")"
"$SQLSHAPE" plan --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan_def.out" 2>&1
lacks "deferred: plans do not see the shadow or its triggers" '__osc_' "$LIVE_TMP/plan_def.out"
# damage the shadow behind the triggers' back: the cut-over's checksums must find and repair it
my_sql "$db" "UPDATE t__osc_new SET a = a + 1 WHERE id = 10; DELETE FROM t__osc_new WHERE id = 2000; INSERT INTO t__osc_new VALUES (3, 3, 'stray')"
my_sql "$db" "INSERT INTO t VALUES (1, 1, 'while deferred'); INSERT INTO ref VALUES (1, 1, 'while deferred'); UPDATE t SET a = 5 WHERE id = 2; UPDATE ref SET a = 5 WHERE id = 2; DELETE FROM t WHERE id = 4; DELETE FROM ref WHERE id = 4"
# a transaction that reads t and stays open for 5 s holds its metadata lock
$SQLSHAPE_TEST_MYSQL_CLIENT --unbuffered "$db" -e "START TRANSACTION; SELECT id FROM t LIMIT 1; SELECT 'holding'; SELECT SLEEP(6); COMMIT" >"$LIVE_TMP/holder.out" 2>&1 &
holder=$!
wait_for holding "$LIVE_TMP/holder.out" 30
"$SQLSHAPE" cutover --lock-timeout 1 --retries 20 --url "$url" t >"$LIVE_TMP/cutover.out" 2>&1 &
cut=$!
wait_for "is in use by open transactions" "$LIVE_TMP/cutover.out" 30
is "the rename is tried again (without waiting) while the transaction is open" 0 $?
t0=$(date +%s.%N)
my_sql "$db" "SELECT COUNT(*) FROM t" >/dev/null
t1=$(date +%s.%N)
is "another session's query waits at most about the lock timeout (1 s)" 1 "$(echo "$t1 - $t0 < 2.5" | bc)"
is "the cut-over is still waiting for the transaction then" "" "$(grep -F 'swapped:' "$LIVE_TMP/cutover.out")"
wait "$cut"
is "cutover exits 0 once the transaction ended" 0 $?
wait "$holder"
contains "the rename went through once the transaction ended" 'done after' "$LIVE_TMP/cutover.out"
contains "the damaged chunks were found and copied again" 'differs: copying it again' "$LIVE_TMP/cutover.out"
grep -q 'checksums equal: .* on 2 connections (.* copied again)' "$LIVE_TMP/cutover.out"
is "found by the checksums on two connections, copied again on the copy's own" 0 $?
is "after cutover: t has the new type" "bigint(20)" "$(col_type "$db")"
is "after cutover: t equals ref (writes while deferred kept)" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "after cutover: nothing left behind" "" "$(leftovers "$db")"
fails "cutover with nothing deferred fails" "$SQLSHAPE" cutover --url "$url"
contains "and says so" 'no deferred online copy' "$LIVE_TMP/out"
ok "second plan after cutover is empty" "$SQLSHAPE" plan --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql"

# a later apply of the same change finishes a deferred copy (after checking it again)
db=$(fresh redo)
url=$(my_url "$db")
ok "apply --defer-cutover (again)" "$SQLSHAPE" "${APPLY[@]}" --defer-cutover --url "$url" "$LIVE_TMP/want.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/redo.out" 2>&1
is "apply of the same change exits 0" 0 $?
contains "it takes up the deferred copy" 'deferred earlier is ready: checking it again' "$LIVE_TMP/redo.out"
lacks "without copying again" 'CREATE TABLE `t__osc_new`' "$LIVE_TMP/redo.out"
is "redo: t has the new type" "bigint(20)" "$(col_type "$db")"
is "redo: nothing left behind" "" "$(leftovers "$db")"

# --- --keep-old-table ----------------------------------------------------------------------
db=$(fresh keep)
url=$(my_url "$db")
ok "apply --keep-old-table" "$SQLSHAPE" "${APPLY[@]}" --keep-old-table --url "$url" "$LIVE_TMP/want.sql"
is "the old table is kept with its rows" 3000 "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_old")"
is "the old table has the old type" "int(11)" "$(my_sql "$db" "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = 't__osc_old' AND COLUMN_NAME = 'a'")"
is "no triggers left, only the kept table" "t__osc_old" "$(leftovers "$db")"
ok "a later apply leaves the kept table alone" "$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/want.sql"
is "still there" 3000 "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_old")"

# --- checks while copying: a range damaged before its check, a check held back too long -----
# A transaction that has modified rows since before the copy holds back the checks of the
# ranges copied while it is open (a delete it made may have skipped the shadow). Meanwhile the
# test damages a row of the shadow's first range: the check, once the transaction ends, finds
# it and copies the range again.
db=$(fresh ahead)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE side (id int PRIMARY KEY)"
$SQLSHAPE_TEST_MYSQL_CLIENT --unbuffered "$db" -e "START TRANSACTION; INSERT INTO side VALUES (1); SELECT 'holding'; SELECT SLEEP(3); COMMIT" >"$LIVE_TMP/ahead_holder.out" 2>&1 &
holder=$!
wait_for holding "$LIVE_TMP/ahead_holder.out" 30
"$SQLSHAPE" "${APPLY[@]}" --chunk-size 10 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/ahead.out" 2>&1 &
app=$!
for ((i = 0; i < 200; i++)); do
	[ "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_new WHERE id = 10" 2>/dev/null)" = 1 ] && break
	sleep 0.01
done
my_sql "$db" "UPDATE t__osc_new SET s = 'damaged' WHERE id = 10"
wait "$app"
is "a check held back by an older transaction: apply exits 0" 0 $?
wait "$holder"
contains "the damaged range was found while copying and copied again" 'chunk 1 differs: copying it again' "$LIVE_TMP/ahead.out"
contains "the checks went on after it while copying" 'checked while copying' "$LIVE_TMP/ahead.out"
is "damaged while copying: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
is "damaged while copying: nothing left behind" "" "$(leftovers "$db")"

# the transaction stays open beyond the checks' 5 s: they stop, the checks after the copy
# (which wait for it) do everything
db=$(fresh ahead_off)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE side (id int PRIMARY KEY)"
$SQLSHAPE_TEST_MYSQL_CLIENT --unbuffered "$db" -e "START TRANSACTION; INSERT INTO side VALUES (1); SELECT 'holding'; SELECT SLEEP(7); COMMIT" >"$LIVE_TMP/ahead_holder.out" 2>&1 &
holder=$!
wait_for holding "$LIVE_TMP/ahead_holder.out" 30
"$SQLSHAPE" "${APPLY[@]}" --chunk-size 10 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/ahead_off.out" 2>&1
is "a check held back beyond 5 s: apply exits 0" 0 $?
wait "$holder"
contains "the checks while copying stopped and said why" 'checksums while copying stopped (transactions older than the copied rows stayed open)' "$LIVE_TMP/ahead_off.out"
contains "the checks after the copy waited for the transaction" 'waiting for transactions older than the copy to end' "$LIVE_TMP/ahead_off.out"
contains "and compared every row" 'checksums equal: 3000 rows' "$LIVE_TMP/ahead_off.out"
is "held back: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"

# --- a user allowed too few connections: the checksums run one range after another ------------
db=$(fresh fewconn)
$SQLSHAPE_TEST_MYSQL_CLIENT -e "CREATE USER IF NOT EXISTS 'osc_few'@'127.0.0.1' IDENTIFIED BY 'fewpw';
	GRANT ALL ON \`$db\`.* TO 'osc_few'@'127.0.0.1' WITH MAX_USER_CONNECTIONS 3;
	GRANT ALL ON \`_sqlshape%\`.* TO 'osc_few'@'127.0.0.1'; GRANT PROCESS, RELOAD ON *.* TO 'osc_few'@'127.0.0.1'"
few_url="mysql://osc_few:fewpw@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db"
"$SQLSHAPE" "${APPLY[@]}" --url "$few_url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/few.out" 2>&1
is "three connections at most: apply exits 0" 0 $?
contains "and says the checksums run on the copy's connection" 'no second connection for the checksums: one range after another' "$LIVE_TMP/few.out"
contains "the checksums still compared every row" 'checksums equal: 3000 rows' "$LIVE_TMP/few.out"
is "three connections at most: t has the new type" "bigint(20)" "$(col_type "$db")"
is "three connections at most: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"
lacks "the password is not shown" 'fewpw' "$LIVE_TMP/few.out"
$SQLSHAPE_TEST_MYSQL_CLIENT -e "DROP USER 'osc_few'@'127.0.0.1'"

# --- refusals before anything is created ---------------------------------------------------
db=$(my_fresh_db refuse)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE nk (a int, b int); INSERT INTO nk SELECT seq, seq FROM seq_1_to_2000;
	CREATE TABLE nu (a int NOT NULL, b int, UNIQUE KEY (a)); INSERT INTO nu SELECT seq, seq FROM seq_1_to_2000;
	CREATE TABLE tr (id int PRIMARY KEY, b int); INSERT INTO tr SELECT seq, seq FROM seq_1_to_2000;
	CREATE TRIGGER tr_own AFTER INSERT ON tr FOR EACH ROW SET @x = 1;
	CREATE TABLE p (id int PRIMARY KEY, b int); INSERT INTO p SELECT seq, seq FROM seq_1_to_2000;
	CREATE TABLE c (id int PRIMARY KEY, p int, CONSTRAINT c_p FOREIGN KEY (p) REFERENCES p (id));
	ANALYZE TABLE nk, nu, tr, p" >/dev/null
printf 'CREATE TABLE nk (a int, b bigint);\n' >"$LIVE_TMP/nk.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/nk.sql" >"$LIVE_TMP/nk.out" 2>&1
is "a table without a usable key is refused" 1 $?
contains "the refusal says why" 'table "nk" has no PRIMARY KEY and no UNIQUE key over NOT NULL columns' "$LIVE_TMP/nk.out"
lacks "nothing was created" 'CREATE TABLE `nk__osc_new`' "$LIVE_TMP/nk.out"
is "no shadow table, no trigger" "c,nk,nu,p,tr" "$(my_sql "$db" "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db'")"
is "nk unchanged" "int(11)" "$(my_sql "$db" "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$db' AND TABLE_NAME = 'nk' AND COLUMN_NAME = 'b'")"
printf 'CREATE TABLE nu (a int NOT NULL, b bigint, UNIQUE KEY a (a));\n' >"$LIVE_TMP/nu.sql"
ok "a NOT NULL unique key is walked instead" "$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/nu.sql"
contains "along the unique key" 'along key "a"' "$LIVE_TMP/out"
is "nu rows kept" 2000 "$(my_sql "$db" "SELECT COUNT(*) FROM nu")"
printf 'CREATE TABLE tr (id int PRIMARY KEY, b bigint);\nCREATE TRIGGER tr_own AFTER INSERT ON tr FOR EACH ROW SET @x = 1;\n' >"$LIVE_TMP/tr.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/tr.sql" >"$LIVE_TMP/tr.out" 2>&1
is "a table with triggers of its own is refused" 1 $?
contains "naming them" 'has triggers of its own (tr_own)' "$LIVE_TMP/tr.out"
printf 'CREATE TABLE p (id int PRIMARY KEY, b bigint);\nCREATE TABLE c (id int PRIMARY KEY, p int, CONSTRAINT c_p FOREIGN KEY (p) REFERENCES p (id));\n' >"$LIVE_TMP/p.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/p.sql" >"$LIVE_TMP/p.out" 2>&1
is "a table referenced by a foreign key is refused" 1 $?
contains "naming the foreign key" 'is referenced by a foreign key ("c_p"' "$LIVE_TMP/p.out"
is "nothing left behind by the refusals" "" "$(leftovers "$db")"

# --- throttle and progress -----------------------------------------------------------------
db=$(fresh throttle)
url=$(my_url "$db")
$SQLSHAPE_TEST_MYSQL_CLIENT -e "SELECT SLEEP(3)" >/dev/null 2>&1 &
sleeper=$!
"$SQLSHAPE" "${APPLY[@]}" --max-threads-running 1 --progress --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/thr.out" 2>&1
is "apply with --max-threads-running 1 exits 0" 0 $?
wait "$sleeper"
contains "throttled while another query runs" 'throttled: Threads_running' "$LIVE_TMP/thr.out"
contains "resumed" 'copy resumed after' "$LIVE_TMP/thr.out"
contains "progress: rows, rate" 'rows/s' "$LIVE_TMP/thr.out"
is "throttled copy: t equals ref" "$(sum_of "$db" ref)" "$(sum_of "$db" t)"

# --- checksums over text columns of several collations and character sets -------------------
# One character set with two collations is checksummed as the columns are; utf8mb4 with
# latin1 and ucs2 (which CONCAT_WS cannot mix) through CASTs to bytes. Either way the copy
# completes, the checksums agree and every byte is kept.
db=$(my_fresh_db charsets)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE one (id int PRIMARY KEY, a int, u varchar(20) COLLATE utf8mb4_bin, g varchar(20) COLLATE utf8mb4_general_ci) DEFAULT CHARSET=utf8mb4;
	CREATE TABLE mix (id int PRIMARY KEY, a int, u varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_bin, l varchar(20) CHARSET latin1, w varchar(20) CHARSET ucs2) DEFAULT CHARSET=utf8mb4;
	INSERT INTO one SELECT seq, seq, CONCAT('été', seq), IF(seq % 7 = 0, NULL, CONCAT('ÉTÉ ', seq)) FROM seq_1_to_2000;
	INSERT INTO mix SELECT seq, seq, CONCAT('ü', seq), CONCAT('é', seq), CONCAT('w', seq) FROM seq_1_to_2000;
	ANALYZE TABLE one, mix" >/dev/null
bytes_of() { my_sql "$db" "SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS('#', id, a, HEX(${2}))))  FROM \`$1\`"; }
before_one=$(bytes_of one "CONCAT_WS('|', HEX(u), HEX(g), ISNULL(g))")
before_mix=$(bytes_of mix "CONCAT_WS('|', HEX(u), HEX(l), HEX(w))")
printf 'CREATE TABLE one (id int PRIMARY KEY, a bigint, u varchar(20) COLLATE utf8mb4_bin, g varchar(20) COLLATE utf8mb4_general_ci) DEFAULT CHARSET=utf8mb4;\nCREATE TABLE mix (id int PRIMARY KEY, a bigint, u varchar(20) CHARSET utf8mb4 COLLATE utf8mb4_bin, l varchar(20) CHARSET latin1, w varchar(20) CHARSET ucs2) DEFAULT CHARSET=utf8mb4;\n' >"$LIVE_TMP/cs.sql"
"$SQLSHAPE" "${APPLY[@]}" --url "$url" "$LIVE_TMP/cs.sql" >"$LIVE_TMP/cs.out" 2>&1
is "two tables with text in several collations and character sets: apply exits 0" 0 $? || cat "$LIVE_TMP/cs.out"
is "both were copied online" 2 "$(grep -c '^-- online copy of .* done in' "$LIVE_TMP/cs.out")"
is "checksums agreed for both" 2 "$(grep -c '^-- checksums equal: 2000 rows' "$LIVE_TMP/cs.out")"
is "one collation set: every byte kept" "$before_one" "$(bytes_of one "CONCAT_WS('|', HEX(u), HEX(g), ISNULL(g))")"
is "utf8mb4, latin1 and ucs2: every byte kept" "$before_mix" "$(bytes_of mix "CONCAT_WS('|', HEX(u), HEX(l), HEX(w))")"
is "the new types in place" "bigint(20) bigint(20)" "$(my_sql "$db" "SELECT GROUP_CONCAT(COLUMN_TYPE ORDER BY TABLE_NAME SEPARATOR ' ') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '$db' AND COLUMN_NAME = 'a'")"

# options from sqlshape.conf
db=$(fresh conf)
url=$(my_url "$db")
printf 'online_copy_min_rows = 1000\nchunk_size = 50\nchunk_time = 0.01\nkeep_old_table = yes\nmax_threads_running = 0\n' >"$LIVE_TMP/sqlshape.conf"
ok "apply with the engine's options from sqlshape.conf" "$SQLSHAPE" apply --config "$LIVE_TMP/sqlshape.conf" --url "$url" "$LIVE_TMP/want.sql"
is "keep_old_table = yes honoured" 3000 "$(my_sql "$db" "SELECT COUNT(*) FROM t__osc_old")"
printf 'osc = gh-ost\n' >"$LIVE_TMP/bad.conf"
fails "a bad osc value in sqlshape.conf is an error" "$SQLSHAPE" plan --config "$LIVE_TMP/bad.conf" --url "$url" "$LIVE_TMP/want.sql"

done_testing
