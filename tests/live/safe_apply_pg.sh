#!/usr/bin/env bash
# tests/live/safe_apply_pg.sh: the safe executor (executor/run.h) on the throwaway PostgreSQL,
# driven by build/tools/execsteps (any steps, e.g. the concurrent index builds the planner will
# hand it) and by `sqlshape apply` itself: a transaction that read the table stays open: each try waits at most
# lock_timeout, another session's query is never stalled much longer (measured), the blocker
# is named (pid, user, lock), the step succeeds once it ends or stops naming it when the
# budget runs out; a failed CREATE UNIQUE INDEX CONCURRENTLY leaves no INVALID index; a
# concurrent build that times out waiting for an old transaction is cleaned up before its
# next try; SIGKILL in the middle of a run: the next run reports it, drops the INVALID index
# a dead build left and finishes; the journal lives in schema _sqlshape, which the catalogue
# reader leaves out; `sqlshape history` reads it.
. "$(dirname "$0")/lib.sh"
need_pg
EXEC="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/execsteps"
[ -x "$EXEC" ] || EXEC="$(dirname "$SQLSHAPE")/tools/execsteps"

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
lt() { [ "$(echo "$1 < $2" | bc)" = 1 ]; }

# blocker DB SECONDS: a session that read table t inside a transaction and keeps it open;
# prints its pid.
blocker() {
	local tag="pg_sleep($2.0$RANDOM)" pid i
	$SQLSHAPE_TEST_PSQL -d "$1" -c "BEGIN" -c "SELECT count(*) FROM t" -c "SELECT $tag" -c "COMMIT" >/dev/null 2>&1 &
	for i in $(seq 1 100); do
		pid=$(pg_sql "$1" "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT $tag'")
		[ -n "$pid" ] && { echo "$pid"; return; }
		sleep 0.1
	done
}
end_session() { pg_sql postgres "SELECT pg_terminate_backend($1)" >/dev/null; }

stall_probe() {  # stall_probe DB OUT SECONDS
	local end max=0 t d
	end=$(echo "$(now) + $3" | bc)
	while lt "$(now)" "$end"; do
		t=$(now)
		pg_sql "$1" "SELECT count(*) FROM t" >/dev/null
		d=$(elapsed "$t")
		lt "$max" "$d" && max=$d
		sleep 0.2
	done
	echo "$max" >"$2"
}
# baseline DB: the shortest of five runs of the probe's query with nobody waiting (client start
# and round trip), subtracted from the stall to report the wait itself.
baseline() {
	local min=99 t d i
	for i in 1 2 3 4 5; do
		t=$(now)
		pg_sql "$1" "SELECT count(*) FROM t" >/dev/null
		d=$(elapsed "$t")
		lt "$d" "$min" && min=$d
	done
	echo "$min"
}
last_run() {
	pg_sql "$1" "SELECT state || ' ' || (SELECT count(*) FROM _sqlshape.statements s WHERE s.run_id = r.id
		AND s.state = 'done') || '/' || statements FROM _sqlshape.runs r ORDER BY id DESC LIMIT 1"
}
invalid() { pg_sql "$1" "SELECT count(*) FROM pg_index WHERE NOT indisvalid"; }

db=$(pg_fresh_db block)
url=$(pg_url "$db")
pg_sql "$db" "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g % 10 FROM generate_series(1, 1000) g" >/dev/null

# --- 1. a blocker that ends ---------------------------------------------------------------------
base=$(baseline "$db")
bid=$(blocker "$db" 60)
ok "a blocker holds table t" test -n "$bid"
stall_probe "$db" "$LIVE_TMP/stall" 6 &
probe=$!
"$EXEC" --lock-timeout 1 --retries 30 "$url" 't|ALTER TABLE t ADD COLUMN w int' >"$LIVE_TMP/out1" 2>&1 &
app=$!
sleep 4.5
end_session "$bid"
wait "$app"
rc=$?
wait "$probe"
is "the step succeeds once the blocker ends" 0 "$rc"
contains "the blocker is named with its lock" "connection $bid (user postgres, open" "$LIVE_TMP/out1"
contains "and its lock mode" "holds AccessShareLock" "$LIVE_TMP/out1"
contains "a try gave up after lock_timeout" "lock wait timed out after 1." "$LIVE_TMP/out1"
ok "it retried" grep -qE 'done in .* \(([2-9]|[1-9][0-9]) tries\)' "$LIVE_TMP/out1"
stall=$(cat "$LIVE_TMP/stall")
wait_only=$(echo "$stall - $base" | bc)
echo "# longest stall of another session's query on the table: $stall s, $wait_only s without the query's own $base s (lock_timeout 1 s)"
ok "other sessions were stalled at most about the timeout ($wait_only s < 1.7 s)" lt "$wait_only" 1.7
ok "the probe did meet the waiting DDL ($stall s > 0.15 s)" lt 0.15 "$stall"
is "the column is there" 1 "$(pg_sql "$db" "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'w'")"
is "journal: done" "done 1/1" "$(last_run "$db")"

# --- 2. the budget runs out; --blocker-timeout 0 ------------------------------------------------
bid=$(blocker "$db" 60)
"$EXEC" --lock-timeout 1 --retries 2 --backoff 0.2 "$url" 't|ALTER TABLE t ADD COLUMN x int' >"$LIVE_TMP/out2" 2>&1
is "the step fails when the retries are spent" 1 $?
contains "the failure names the blocker" "blocked by connection $bid (user postgres" "$LIVE_TMP/out2"
contains "with the number of tries" "gave up after 3 tries" "$LIVE_TMP/out2"
contains "the server's error is lock_timeout's" "55P03" "$LIVE_TMP/out2"
"$EXEC" --blocker-timeout 0 "$url" 't|ALTER TABLE t ADD COLUMN x int' >"$LIVE_TMP/out3" 2>&1
is "--blocker-timeout 0 stops" 1 $?
contains "--blocker-timeout 0 names the blocker" "connection $bid (user postgres" "$LIVE_TMP/out3"
lacks "--blocker-timeout 0 makes no try" "lock wait timed out" "$LIVE_TMP/out3"

# A concurrent index build waits for the blocker's transaction (its snapshot), times out, and
# leaves an INVALID index; the cleanup runs before each next try, and the build succeeds once
# the blocker is gone.
"$EXEC" --lock-timeout 1 --retries 30 --backoff 0.3 "$url" \
	'!t|CREATE INDEX CONCURRENTLY t_v ON t (v)|DROP INDEX CONCURRENTLY IF EXISTS t_v' >"$LIVE_TMP/out4" 2>&1 &
app=$!
sleep 3.5
end_session "$bid"
wait "$app"
is "concurrent build behind a blocker: succeeds after it ends" 0 $?
contains "concurrent build: its cleanup ran before a next try" "cleanup before the next try: DROP INDEX CONCURRENTLY IF EXISTS t_v" "$LIVE_TMP/out4"
is "concurrent build: the index is valid" "t" "$(pg_sql "$db" "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v'::regclass")"
is "concurrent build: no INVALID index" 0 "$(invalid "$db")"

# Progress of a long statement: the concurrent build waits for an old transaction; the log
# line shows its phase (pg_stat_progress_create_index) and the session it waits for.
bid=$(blocker "$db" 60)
"$EXEC" --lock-timeout 20 "$url" '!t|CREATE INDEX CONCURRENTLY t_w ON t (w)|DROP INDEX CONCURRENTLY IF EXISTS t_w' >"$LIVE_TMP/prog" 2>&1 &
app=$!
sleep 3.5
end_session "$bid"
wait "$app"
is "progress: the build succeeds" 0 $?
contains "progress: a log line after 2 s with the build's phase" "statement still running after 2 s: waiting for" "$LIVE_TMP/prog"
contains "progress: the lock wait and who holds it" "lock held by $bid" "$LIVE_TMP/prog"

# --- 3. a failed CREATE UNIQUE INDEX CONCURRENTLY leaves nothing behind -------------------------
"$EXEC" "$url" '!t|CREATE UNIQUE INDEX CONCURRENTLY t_u ON t (v)|DROP INDEX CONCURRENTLY IF EXISTS t_u' >"$LIVE_TMP/out5" 2>&1
is "unique build over duplicates fails" 1 $?
contains "the server's reason" "could not create unique index" "$LIVE_TMP/out5"
contains "the cleanup ran" "cleanup: DROP INDEX CONCURRENTLY IF EXISTS t_u" "$LIVE_TMP/out5"
is "no INVALID index left" 0 "$(invalid "$db")"
is "no index t_u at all" "" "$(pg_sql "$db" "SELECT to_regclass('t_u')")"
is "journal: failed after the first statement" "failed 0/1" "$(last_run "$db")"

# --- 4. SIGKILL in the middle of a run -----------------------------------------------------------
# Statement 1 (a new table) is done, statement 2 (a concurrent build) waits for a blocker when the process
# is killed; the build's backend is ended too (as a server restart would), leaving its INVALID
# index. The next run reports the run, drops the INVALID index and finishes.
bid=$(blocker "$db" 60)
"$EXEC" --lock-timeout 30 "$url" 't2|CREATE TABLE t2 (id int)' \
	'!t|CREATE INDEX CONCURRENTLY t_y ON t (v)' >"$LIVE_TMP/k1" 2>&1 &
app=$!
for i in $(seq 1 50); do
	cic=$(pg_sql "$db" "SELECT pid FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY t_y%'")
	[ -n "$cic" ] && break
	sleep 0.2
done
sleep 0.5
kill -9 "$app"
wait "$app" 2>/dev/null
[ -n "$cic" ] && end_session "$cic"
end_session "$bid"
is "killed: the journal shows the run running with 1 of 2 done" "running 1/2" "$(last_run "$db")"
is "killed: the dead build left an INVALID index" 1 "$(invalid "$db")"
"$EXEC" --lock-timeout 1 "$url" '!t|CREATE INDEX CONCURRENTLY t_y ON t (v)' >"$LIVE_TMP/k1b" 2>&1
is "killed: the next run succeeds" 0 $?
contains "killed: the next run reports the unfinished run" "1 of 2 statements done" "$LIVE_TMP/k1b"
contains "killed: it names the statement that was running" "statement 2 was running: CREATE INDEX CONCURRENTLY t_y" "$LIVE_TMP/k1b"
contains "killed: it drops the INVALID index" "DROP INDEX CONCURRENTLY IF EXISTS public.t_y; (INVALID index left by the interrupted run)" "$LIVE_TMP/k1b"
is "killed: the index is valid now" "t" "$(pg_sql "$db" "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_y'::regclass")"
is "killed: no INVALID index" 0 "$(invalid "$db")"
is "killed: the old run is interrupted" "interrupted" "$(pg_sql "$db" "SELECT state FROM _sqlshape.runs ORDER BY id DESC LIMIT 1 OFFSET 1")"

# --- 5. journal: where it lives, history ---------------------------------------------------------
ok "the journal's schema is not part of the exported schema" sh -c "! '$SQLSHAPE' export --url '$url' | grep -q _sqlshape"
"$SQLSHAPE" history --url "$url" >"$LIVE_TMP/h" 2>&1
is "history exits 0" 0 $?
contains "history lists an interrupted run" "interrupted" "$LIVE_TMP/h"
contains "history lists a failed run's error" "could not create unique index" "$LIVE_TMP/h"
pg_sql "$db" "SELECT * FROM _sqlshape.runs; SELECT * FROM _sqlshape.statements" >"$LIVE_TMP/journal"
lacks "the journal holds no password" "$SQLSHAPE_TEST_PG_PASSWORD" "$LIVE_TMP/journal"

# --- 6. verification in a scratch database -------------------------------------------------------
db2=$(pg_fresh_db verify)
url2=$(pg_url "$db2")
pg_sql "$db2" "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, 100) g" >/dev/null
printf 'CREATE TABLE t (id int PRIMARY KEY, v int, w int);\nCREATE INDEX t_v ON t (v);\n' >"$LIVE_TMP/want.sql"
scratch() { pg_sql postgres "SELECT count(*) FROM pg_database WHERE datname LIKE '\_sqlshape\_verify\_%'"; }
"$EXEC" --verify "$LIVE_TMP/want.sql" "$url2" 't|ALTER TABLE t ADD COLUMN w int' \
	'!t|CREATE INDEX CONCURRENTLY t_v ON t (v)|DROP INDEX CONCURRENTLY IF EXISTS t_v' >"$LIVE_TMP/v1" 2>&1
is "verification: a converging plan runs" 0 $?
contains "verification: it says so" "verified: 2 statements accepted" "$LIVE_TMP/v1"
"$EXEC" --verify "$LIVE_TMP/want.sql" "$url2" 't|ALTER TABLE t ADD COLUMN q nosuchtype' >"$LIVE_TMP/v2" 2>&1
is "verification: a statement the server rejects stops the run" 1 $?
contains "verification: the server's reason" 'type "nosuchtype" does not exist' "$LIVE_TMP/v2"
"$EXEC" --verify "$LIVE_TMP/want.sql" "$url2" 't|ALTER TABLE t ADD COLUMN q int' >"$LIVE_TMP/v3" 2>&1
is "verification: a plan that does not converge stops the run" 1 $?
contains "verification: not converging" "the plan does not converge" "$LIVE_TMP/v3"
is "verification: the target is unchanged" 0 "$(pg_sql "$db2" "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'q'")"
is "verification: no scratch database left" 0 "$(scratch)"

# --- 7. `sqlshape apply` itself on PostgreSQL: blocker, retry, kill, recovery -------------------
db3=$(pg_fresh_db apply)
url3=$(pg_url "$db3")
pg_sql "$db3" "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 1)" >/dev/null
printf 'CREATE TABLE t (id int PRIMARY KEY, v int, w int);\nCREATE INDEX t_v ON t (v);\n' >"$LIVE_TMP/a1.sql"
bid=$(blocker "$db3" 60)
"$SQLSHAPE" apply --lock-timeout 1 --retries 30 --url "$url3" "$LIVE_TMP/a1.sql" >"$LIVE_TMP/a1" 2>&1 &
app=$!
sleep 3.5
end_session "$bid"
wait "$app"
is "apply: succeeds once the blocker ends" 0 $?
contains "apply: verified first" "verified: 2 statements accepted" "$LIVE_TMP/a1"
contains "apply: names the blocker" "connection $bid (user postgres" "$LIVE_TMP/a1"
contains "apply: retried after lock_timeout" "lock wait timed out after 1." "$LIVE_TMP/a1"
ok "apply: a second plan is empty" "$SQLSHAPE" plan --url "$url3" "$LIVE_TMP/a1.sql"
printf 'CREATE TABLE t (id int PRIMARY KEY, v int, w int, x int);\nCREATE INDEX t_v ON t (v);\n' >"$LIVE_TMP/a2.sql"
bid=$(blocker "$db3" 60)
"$SQLSHAPE" apply --lock-timeout 1 --retries 100 --url "$url3" "$LIVE_TMP/a2.sql" >"$LIVE_TMP/a2" 2>&1 &
app=$!
for i in $(seq 1 50); do grep -q 'lock wait timed out' "$LIVE_TMP/a2" && break; sleep 0.2; done
kill -9 "$app"
wait "$app" 2>/dev/null
end_session "$bid"
is "apply killed: the journal shows it running" "running 0/1" "$(last_run "$db3")"
"$SQLSHAPE" apply --url "$url3" "$LIVE_TMP/a2.sql" >"$LIVE_TMP/a2b" 2>&1
is "apply killed: the next apply succeeds" 0 $?
contains "apply killed: it reports the unfinished run" "unfinished run" "$LIVE_TMP/a2b"
ok "apply killed: a second plan is empty" "$SQLSHAPE" plan --url "$url3" "$LIVE_TMP/a2.sql"
ok "apply: the journal's schema is not planned away" sh -c "! '$SQLSHAPE' plan --allow-drop --url '$url3' '$LIVE_TMP/a2.sql' | grep -q _sqlshape"

# One apply at a time per database.
pg_sql "$db" "SELECT 1" >/dev/null
$SQLSHAPE_TEST_PSQL -d "$db" -c "SELECT pg_advisory_lock(7013, hashtext('sqlshape:' || current_database()))" \
	-c "SELECT pg_sleep(5)" >/dev/null 2>&1 &
sleep 1
"$EXEC" "$url" 't|ALTER TABLE t ADD COLUMN z int' >"$LIVE_TMP/lock" 2>&1
is "a second apply on the same database is refused" 1 $?
contains "it says another apply runs" "another sqlshape apply is running" "$LIVE_TMP/lock"
wait

done_testing
