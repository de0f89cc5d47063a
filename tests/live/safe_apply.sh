#!/usr/bin/env bash
# tests/live/safe_apply.sh: the safe executor behind `sqlshape apply` on the throwaway MariaDB.
#   - a transaction that read a table stays open: apply waits at most the lock timeout per try,
#     another session's query on that table is never stalled much longer than the timeout
#     (measured), apply names the blocker, retries and succeeds once it ends; or stops naming it
#     when the budget runs out; --blocker-timeout 0 stops before trying (with the
#     metadata_lock_info plugin: the exact lock is named);
#   - apply killed with SIGKILL while its first statement waits, between statements and during
#     a long statement: the next apply reports the unfinished run, finishes and converges;
#   - a plan the server rejects is refused by the verification before the target changes; no
#     scratch database is left behind, stale ones are dropped;
#   - progress lines for a long statement; the journal and `sqlshape history`; sqlshape.conf.
. "$(dirname "$0")/lib.sh"
need_mysql

M() { $SQLSHAPE_TEST_MYSQL_CLIENT "$@"; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
lt() { [ "$(echo "$1 < $2" | bc)" = 1 ]; }  # lt A B: A < B (decimals)

# blocker DB SECONDS: a session that reads table a inside a transaction and keeps it open;
# prints its connection id once the transaction holds the table.
blocker() {
	local tag="SELECT SLEEP($2.0$RANDOM)" id i
	M "$1" -e "BEGIN; SELECT COUNT(*) FROM a; $tag; COMMIT" >/dev/null 2>&1 &
	for i in $(seq 1 100); do
		id=$(my_sql information_schema "SELECT ID FROM PROCESSLIST WHERE INFO = '$tag'")
		[ -n "$id" ] && { echo "$id"; return; }
		sleep 0.1
	done
}
end_session() { my_sql information_schema "KILL $1" 2>/dev/null; }

# stall_probe DB OUT SECONDS: query table a every 0.2 s for SECONDS; write the longest wait.
stall_probe() {
	local end max=0 t d
	end=$(echo "$(now) + $3" | bc)
	while lt "$(now)" "$end"; do
		t=$(now)
		my_sql "$1" "SELECT COUNT(*) FROM a" >/dev/null
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
		my_sql "$1" "SELECT COUNT(*) FROM a" >/dev/null
		d=$(elapsed "$t")
		lt "$d" "$min" && min=$d
	done
	echo "$min"
}

columns() {
	my_sql information_schema "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ' ')
		FROM COLUMNS WHERE TABLE_SCHEMA = '$1' AND TABLE_NAME = '$2'"
}
last_run() {  # last_run DB: state and done/planned statements of the newest run of DB
	my_sql _sqlshape "SELECT CONCAT(state, ' ', (SELECT COUNT(*) FROM statements s WHERE s.run_id = r.id
		AND s.state = 'done'), '/', statements) FROM runs r WHERE target = '$1' ORDER BY id DESC LIMIT 1"
}

# --- 1. a blocker that ends: retries, bounded stalls, success ---------------------------------
db=$(my_fresh_db block)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE a (id int PRIMARY KEY, v int); INSERT INTO a VALUES (1, 1), (2, 2)"
printf 'CREATE TABLE a (id int PRIMARY KEY, v int, w int);\n' >"$LIVE_TMP/w.sql"
base=$(baseline "$db")
bid=$(blocker "$db" 60)
ok "a blocker holds table a" test -n "$bid"
stall_probe "$db" "$LIVE_TMP/stall" 6 &
probe=$!
t0=$(now)
"$SQLSHAPE" apply --lock-timeout 1 --retries 30 --url "$url" "$LIVE_TMP/w.sql" >"$LIVE_TMP/out1" 2>&1 &
app=$!
sleep 4.5
end_session "$bid"
wait "$app"
rc=$?
wait "$probe"
is "apply succeeds once the blocker ends" 0 "$rc"
contains "apply names the blocker's connection" "connection $bid (user root" "$LIVE_TMP/out1"
contains "apply says what the blocker runs" "SELECT SLEEP(60" "$LIVE_TMP/out1"
contains "a try gave up after the lock timeout" "lock wait timed out after 1." "$LIVE_TMP/out1"
ok "it retried (more than one try)" grep -qE 'done in .* \(([2-9]|[1-9][0-9]) tries\)' "$LIVE_TMP/out1"
is "the column was added" "id v w" "$(columns "$db" a)"
stall=$(cat "$LIVE_TMP/stall")
wait_only=$(echo "$stall - $base" | bc)
echo "# longest stall of another session's query on the table: $stall s, $wait_only s without the query's own $base s (lock timeout 1 s)"
ok "other sessions were stalled at most about the timeout ($wait_only s < 1.7 s)" lt "$wait_only" 1.7
ok "the probe did meet the waiting DDL ($stall s > 0.15 s)" lt 0.15 "$stall"
is "journal: the run is done" "done 1/1" "$(last_run "$db")"
tries=$(my_sql _sqlshape "SELECT attempts FROM statements WHERE run_id = (SELECT MAX(id) FROM runs WHERE target = '$db')")
ok "journal: the statement records its tries ($tries)" test "$tries" -ge 2

# --- 2. the budget runs out: stop and name the blocker ----------------------------------------
printf 'CREATE TABLE a (id int PRIMARY KEY, v int, w int, x int);\n' >"$LIVE_TMP/x.sql"
bid=$(blocker "$db" 60)
t0=$(now)
"$SQLSHAPE" apply --lock-timeout 1 --retries 2 --url "$url" "$LIVE_TMP/x.sql" >"$LIVE_TMP/out2" 2>&1
rc=$?
took=$(elapsed "$t0")
is "apply fails when the retries are spent" 1 "$rc"
contains "the failure names the blocker" "blocked by connection $bid (user root" "$LIVE_TMP/out2"
contains "it says how many tries" "gave up after 3 tries of at most 1 s lock wait each" "$LIVE_TMP/out2"
contains "it says nothing was applied" "nothing had been applied" "$LIVE_TMP/out2"
ok "3 tries of 1 s plus back-off took under 10 s ($took s)" lt "$took" 10
is "the column was not added" "id v w" "$(columns "$db" a)"
is "journal: the run failed" "failed 0/1" "$(last_run "$db")"

# With the metadata_lock_info plugin the lock itself is named, and --blocker-timeout 0 stops
# before trying at all.
installed=""
if [ "$(my_sql information_schema "SELECT COUNT(*) FROM PLUGINS WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO'")" = 0 ]; then
	my_sql mysql "INSTALL SONAME 'metadata_lock_info'" && installed=1
fi
t0=$(now)
"$SQLSHAPE" apply --blocker-timeout 0 --url "$url" "$LIVE_TMP/x.sql" >"$LIVE_TMP/out3" 2>&1
rc=$?
took=$(elapsed "$t0")
is "--blocker-timeout 0: apply stops" 1 "$rc"
contains "--blocker-timeout 0: the held lock is named" "connection $bid (user root, open" "$LIVE_TMP/out3"
contains "--blocker-timeout 0: with the lock type" "holds MDL_SHARED_READ" "$LIVE_TMP/out3"
lacks "--blocker-timeout 0: no try was made" "lock wait timed out" "$LIVE_TMP/out3"
ok "--blocker-timeout 0: it stops at once ($took s)" lt "$took" 3
[ -n "$installed" ] && my_sql mysql "UNINSTALL SONAME 'metadata_lock_info'"
end_session "$bid"

# --- 3. SIGKILL: while the first statement waits, between statements, during a long one -------
# a) the only statement waits for a blocker when apply is killed
bid=$(blocker "$db" 60)
"$SQLSHAPE" apply --lock-timeout 1 --retries 100 --url "$url" "$LIVE_TMP/x.sql" >"$LIVE_TMP/k1" 2>&1 &
app=$!
sleep 3
kill -9 "$app"
wait "$app" 2>/dev/null
end_session "$bid"
is "killed while waiting: the journal shows the run running" "running 0/1" "$(last_run "$db")"
killed_run=$(my_sql _sqlshape "SELECT MAX(id) FROM runs WHERE target = '$db'")
"$SQLSHAPE" apply --lock-timeout 1 --url "$url" "$LIVE_TMP/x.sql" >"$LIVE_TMP/k1b" 2>&1
is "killed while waiting: the next apply succeeds" 0 $?
contains "killed while waiting: the next apply reports the unfinished run" "unfinished run" "$LIVE_TMP/k1b"
contains "killed while waiting: it says what was running" "statement 1 was running: ALTER TABLE \`a\` ADD COLUMN \`x\`" "$LIVE_TMP/k1b"
is "killed while waiting: converged" "id v w x" "$(columns "$db" a)"
ok "killed while waiting: a second plan is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/x.sql"
# (its ALTER may have run after all: the server kept the dead client's session waiting for the
# lock, which the blocker gave up just then; the next apply then has nothing left to do)
is "killed while waiting: the old run is marked interrupted" "interrupted" \
	"$(my_sql _sqlshape "SELECT state FROM runs WHERE id = $killed_run")"

# b) between statements: the first statement (a new table) is done, the second waits
printf 'CREATE TABLE a (id int PRIMARY KEY, v int, w int, x int, y int);\nCREATE TABLE b (id int PRIMARY KEY);\n' >"$LIVE_TMP/y.sql"
bid=$(blocker "$db" 60)
"$SQLSHAPE" apply --lock-timeout 1 --retries 100 --url "$url" "$LIVE_TMP/y.sql" >"$LIVE_TMP/k2" 2>&1 &
app=$!
for i in $(seq 1 50); do grep -q 'lock wait timed out' "$LIVE_TMP/k2" && break; sleep 0.2; done
kill -9 "$app"
wait "$app" 2>/dev/null
end_session "$bid"
is "killed between statements: one of two done" "running 1/2" "$(last_run "$db")"
"$SQLSHAPE" apply --lock-timeout 1 --url "$url" "$LIVE_TMP/y.sql" >"$LIVE_TMP/k2b" 2>&1
is "killed between statements: the next apply succeeds" 0 $?
contains "killed between statements: reported" "1 of 2 statements done" "$LIVE_TMP/k2b"
lacks "killed between statements: the done statement is not run again" "CREATE TABLE \`b\`" "$LIVE_TMP/k2b"
is "killed between statements: converged" "id v w x y" "$(columns "$db" a)"
ok "killed between statements: a second plan is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/y.sql"

# c) during a long statement (a copying ALTER of 262,144 rows, accepted as a blocking copy with
# --online-copy-min-rows): the server finishes it for the
# dead client; the next apply waits for it, then plans again from what is there.
big=$(my_fresh_db big)
my_sql "$big" "CREATE TABLE a (id int PRIMARY KEY, v int, s varchar(100));
	INSERT INTO a SELECT seq, seq, REPEAT('x', 100) FROM seq_1_to_262144"
printf 'CREATE TABLE a (id int PRIMARY KEY, v bigint, s varchar(100));\n' >"$LIVE_TMP/big.sql"
"$SQLSHAPE" apply --online-copy-min-rows 1000000 --url "$(my_url "$big")" "$LIVE_TMP/big.sql" >"$LIVE_TMP/k3" 2>&1 &
app=$!
for i in $(seq 1 100); do
	[ -n "$(my_sql information_schema "SELECT ID FROM PROCESSLIST WHERE INFO LIKE 'ALTER TABLE%' AND DB = '$big'")" ] && break
	sleep 0.1
done
sleep 0.5
kill -9 "$app"
wait "$app" 2>/dev/null
is "killed during a long statement: the journal shows it running" "running 0/1" "$(last_run "$big")"
"$SQLSHAPE" apply --online-copy-min-rows 1000000 --url "$(my_url "$big")" "$LIVE_TMP/big.sql" >"$LIVE_TMP/k3b" 2>&1
is "killed during a long statement: the next apply succeeds" 0 $?
contains "killed during a long statement: reported" "unfinished run" "$LIVE_TMP/k3b"
contains "killed during a long statement: it waits for the statement the server still runs" "still runs on the server: ALTER TABLE" "$LIVE_TMP/k3b"
is "killed during a long statement: converged" "bigint" \
	"$(my_sql information_schema "SELECT DATA_TYPE FROM COLUMNS WHERE TABLE_SCHEMA = '$big' AND TABLE_NAME = 'a' AND COLUMN_NAME = 'v'")"
is "killed during a long statement: rows kept" 262144 "$(my_sql "$big" "SELECT COUNT(*) FROM a")"
ok "killed during a long statement: a second plan is empty" "$SQLSHAPE" plan --url "$(my_url "$big")" "$LIVE_TMP/big.sql"

# Progress of a long statement when output is not a terminal: plain log lines with the
# server's stage and percentage.
printf 'CREATE TABLE a (id int PRIMARY KEY, v int, s varchar(100));\n' >"$LIVE_TMP/big2.sql"
"$SQLSHAPE" apply --online-copy-min-rows 1000000 --allow-drop --url "$(my_url "$big")" "$LIVE_TMP/big2.sql" >"$LIVE_TMP/prog" 2>&1
is "long statement: apply succeeds" 0 $?
# MariaDB reports a stage and a percentage while the ALTER copies rows ("copy to tmp table")
# and builds indexes ("Enabling keys"); a line that falls before or after those (a slow,
# loaded machine) has the state alone
if grep -qE 'still running after [0-9]+ s: (copy to tmp table|Enabling keys)' "$LIVE_TMP/prog"; then
	ok "long statement: progress shows the server's stage and percentage" \
		grep -qE 'still running after [0-9]+ s: (copy to tmp table|Enabling keys), stage [0-9] of [0-9], [0-9.]+%' "$LIVE_TMP/prog"
elif grep -q 'still running after' "$LIVE_TMP/prog"; then
	skip "no progress line fell in the copy or the index build: $(grep -m1 'still running after' "$LIVE_TMP/prog")"
else
	skip "the copying ALTER finished within 2 s: no progress line to check"
fi

# On a terminal (forced with --progress): one status line redrawn in place.
"$SQLSHAPE" apply --online-copy-min-rows 1000000 --progress --url "$(my_url "$big")" "$LIVE_TMP/big.sql" >"$LIVE_TMP/prog2" 2>&1
is "long statement with --progress: apply succeeds" 0 $?
if grep -q 'done in [2-9]\.' "$LIVE_TMP/prog2" || grep -q 'done in [1-9][0-9]' "$LIVE_TMP/prog2"; then
	ok "long statement with --progress: a status line redrawn in place" grep -qaE "$(printf '\r\033')\[K-- alter_table( \([a-z-]+\))?: " "$LIVE_TMP/prog2"
else
	skip "the copying ALTER finished within 2 s: no status line to check"
fi

# d) an external online copy (pt-online-schema-change) interrupted: its triggers and shadow
# table, named after the journaled table, are dropped (journal rows as a killed run leaves them).
db=$(my_fresh_db osc)
my_sql "$db" "CREATE TABLE a (id int PRIMARY KEY, v int); CREATE TABLE \`_a_new\` (id int PRIMARY KEY, v int);
	CREATE TRIGGER \`pt_osc_${db}_a_ins\` AFTER INSERT ON a FOR EACH ROW REPLACE INTO \`_a_new\` VALUES (NEW.id, NEW.v);
	CREATE TRIGGER keep_me AFTER DELETE ON a FOR EACH ROW SET @x = 1"
printf 'CREATE TABLE a (id int PRIMARY KEY, v int);\nCREATE TABLE `_a_new` (id int PRIMARY KEY, v int);\nCREATE TRIGGER keep_me AFTER DELETE ON a FOR EACH ROW SET @x = 1;\n' >"$LIVE_TMP/osc.sql"
"$SQLSHAPE" apply --url "$(my_url "$db")" "$LIVE_TMP/osc.sql" >/dev/null 2>&1  # creates the journal
my_sql _sqlshape "INSERT INTO runs (target, plan_hash, statements, state, started_at, client, session_id)
	VALUES ('$db', '0123456789abcdef', 1, 'running', NOW(6), 'test', 0);
	INSERT INTO statements (run_id, seq, label, table_name, sql_text, state)
	VALUES (LAST_INSERT_ID(), 1, 'alter_table (online-copy)', 'a', '-- external: pt-online-schema-change --alter ...', 'running')"
printf 'CREATE TABLE a (id int PRIMARY KEY, v int);\nCREATE TRIGGER keep_me AFTER DELETE ON a FOR EACH ROW SET @x = 1;\n' >"$LIVE_TMP/osc2.sql"
"$SQLSHAPE" apply --url "$(my_url "$db")" "$LIVE_TMP/osc2.sql" >"$LIVE_TMP/osc.out" 2>&1
is "interrupted online copy: the next apply succeeds" 0 $?
contains "interrupted online copy: its trigger is dropped" "DROP TRIGGER IF EXISTS \`pt_osc_${db}_a_ins\`" "$LIVE_TMP/osc.out"
contains "interrupted online copy: its shadow table is dropped" "DROP TABLE IF EXISTS \`_a_new\`" "$LIVE_TMP/osc.out"
is "interrupted online copy: only the other trigger is left" "keep_me" "$(my_sql information_schema "SELECT GROUP_CONCAT(TRIGGER_NAME) FROM TRIGGERS WHERE TRIGGER_SCHEMA = '$db'")"
is "interrupted online copy: no shadow table" "a" "$(my_sql information_schema "SELECT GROUP_CONCAT(TABLE_NAME) FROM TABLES WHERE TABLE_SCHEMA = '$db'")"

# --- 4. verification ---------------------------------------------------------------------------
db=$(my_fresh_db verify)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE a (id int PRIMARY KEY); CREATE DATABASE IF NOT EXISTS \`_sqlshape_verify_999999999\`"
# The second table's foreign key names a column its parent lacks: the parser takes it, the
# server does not. Without verification the first statement would already have run.
printf 'CREATE TABLE a (id int PRIMARY KEY, n int);\nCREATE TABLE b (id int PRIMARY KEY, aid int, FOREIGN KEY (aid) REFERENCES a (nope));\n' >"$LIVE_TMP/bad.sql"
"$SQLSHAPE" apply --url "$url" "$LIVE_TMP/bad.sql" >"$LIVE_TMP/v1" 2>&1
is "verification: a plan the server rejects is refused" 1 $?
contains "verification: the server's reason" "Foreign key constraint is incorrectly formed" "$LIVE_TMP/v1"
contains "verification: says the target was not touched" "nothing was run on the target" "$LIVE_TMP/v1"
is "verification: the target is unchanged" "id" "$(columns "$db" a)"
is "verification: no table b" "" "$(my_sql "$db" "SHOW TABLES LIKE 'b'")"
is "verification: no scratch database left (stale ones dropped too)" "" \
	"$(my_sql information_schema "SELECT SCHEMA_NAME FROM SCHEMATA WHERE SCHEMA_NAME LIKE '\\_sqlshape\\_verify\\_%'")"
# A key on a TEXT column without a prefix length: MariaDB takes it but stores something else,
# so the plan would never converge (every apply would run it again).
printf 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE c (id int PRIMARY KEY, body text, KEY (body));\n' >"$LIVE_TMP/noconv.sql"
"$SQLSHAPE" apply --url "$url" "$LIVE_TMP/noconv.sql" >"$LIVE_TMP/v3" 2>&1
is "verification: a plan that does not converge is refused" 1 $?
contains "verification: it shows what would still differ" "the plan does not converge" "$LIVE_TMP/v3"
is "verification: no table c" "" "$(my_sql "$db" "SHOW TABLES LIKE 'c'")"
# A view and a trigger that name the target database itself (as SHOW CREATE VIEW prints them):
# rehearsed against the scratch copy, not the target, where the new tables do not exist yet.
qdb=$(my_fresh_db qualified)
qurl=$(my_url "$qdb")
my_sql "$qdb" "CREATE TABLE old_t (id int PRIMARY KEY)"
cat >"$LIVE_TMP/qualified.sql" <<SQL
CREATE TABLE users (id int PRIMARY KEY, name varchar(20));
CREATE TABLE posts (id int PRIMARY KEY, user_id int, title varchar(20));
CREATE TABLE audit (id int AUTO_INCREMENT PRIMARY KEY, post_id int);
CREATE TABLE old_t (id int PRIMARY KEY);
CREATE VIEW user_posts AS SELECT u.id AS user_id, p.id AS post_id FROM \`$qdb\`.users u JOIN $qdb.posts p ON u.id = p.user_id;
CREATE TRIGGER posts_ai AFTER INSERT ON posts FOR EACH ROW INSERT INTO \`$qdb\`.audit (post_id) VALUES (NEW.id);
SQL
"$SQLSHAPE" apply --url "$qurl" "$LIVE_TMP/qualified.sql" >"$LIVE_TMP/vq" 2>&1
is "verification: a view and a trigger naming the target database are rehearsed and applied" 0 $?
contains "verification: ... and verified" "verified" "$LIVE_TMP/vq"
is "verification: the view exists on the target" "user_posts" "$(my_sql "$qdb" "SHOW FULL TABLES WHERE Table_type = 'VIEW'" | cut -f1)"
my_sql "$qdb" "INSERT INTO users VALUES (1, 'a'); INSERT INTO posts VALUES (7, 1, 't')"
is "verification: the trigger writes into the target's own table" "7" "$(my_sql "$qdb" "SELECT post_id FROM audit")"
"$SQLSHAPE" plan --url "$qurl" "$LIVE_TMP/qualified.sql" >"$LIVE_TMP/vq2" 2>&1
is "verification: the second plan is empty" 0 $?
is "verification: no scratch database left behind" "" \
	"$(my_sql information_schema "SELECT SCHEMA_NAME FROM SCHEMATA WHERE SCHEMA_NAME LIKE '\\_sqlshape\\_verify\\_%'")"
# SIGTERM while the scratch database is being built (400 tables): it is dropped before exit.
sig=$(my_fresh_db sig)
for i in $(seq 1 400); do echo "CREATE TABLE t$i (id int PRIMARY KEY, a varchar(20), b int, KEY (b));"; done >"$LIVE_TMP/sig.sql"
my_load "$sig" "$LIVE_TMP/sig.sql"
sed 's/^CREATE TABLE t1 (id int PRIMARY KEY,/CREATE TABLE t1 (id int PRIMARY KEY, extra int,/' "$LIVE_TMP/sig.sql" >"$LIVE_TMP/sig2.sql"
"$SQLSHAPE" apply --url "$(my_url "$sig")" "$LIVE_TMP/sig2.sql" >"$LIVE_TMP/sig.out" 2>&1 &
app=$!
for i in $(seq 1 200); do grep -q 'verifying' "$LIVE_TMP/sig.out" && break; sleep 0.02; done
kill -TERM "$app"
wait "$app"
rc=$?
if grep -q 'verified' "$LIVE_TMP/sig.out"; then
	skip "verification finished before SIGTERM arrived"
else
	is "SIGTERM during verification: apply exits 128+15" 143 "$rc"
	contains "SIGTERM during verification: it says so" "signal 15: dropping the scratch database" "$LIVE_TMP/sig.out"
	is "SIGTERM during verification: no scratch database left" "" \
		"$(my_sql information_schema "SELECT SCHEMA_NAME FROM SCHEMATA WHERE SCHEMA_NAME LIKE '\\_sqlshape\\_verify\\_%'")"
	is "SIGTERM during verification: the target is unchanged" "id a b" "$(columns "$sig" t1)"
fi
"$SQLSHAPE" apply --no-verify --url "$url" "$LIVE_TMP/bad.sql" >"$LIVE_TMP/v2" 2>&1
is "--no-verify: the server's refusal comes from the target" 1 $?
contains "--no-verify: after statements had run" "already applied (" "$LIVE_TMP/v2"

# --- 5. journal and history ------------------------------------------------------------------------
"$SQLSHAPE" history --url "$(my_url "$db")" >"$LIVE_TMP/h" 2>&1
is "history exits 0" 0 $?
contains "history lists the failed run" "failed" "$LIVE_TMP/h"
contains "history shows the error" "failed: server error 1005" "$LIVE_TMP/h"
"$SQLSHAPE" history --url "$(my_url "$big")" --limit 1 >"$LIVE_TMP/h2" 2>&1
is "history --limit 1: one run" 1 "$(grep -cE '^[0-9]+ ' "$LIVE_TMP/h2")"
run=$(my_sql _sqlshape "SELECT MAX(id) FROM runs WHERE target = '$big'")
"$SQLSHAPE" history --url "$(my_url "$big")" --run "$run" >"$LIVE_TMP/h3" 2>&1
contains "history --run: the statement and its state" "-- [1] done, 1 try" "$LIVE_TMP/h3"
my_sql _sqlshape "SELECT * FROM runs; SELECT * FROM statements" >"$LIVE_TMP/journal"
lacks "the journal holds no password" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/journal"
lacks "history prints no password" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/h"

# --- 6. sqlshape.conf ------------------------------------------------------------------------------
db=$(my_fresh_db conf)
my_sql "$db" "CREATE TABLE a (id int PRIMARY KEY, v int); INSERT INTO a VALUES (1, 1)"
mkdir -p "$LIVE_TMP/conf"
cat >"$LIVE_TMP/conf/sqlshape.conf" <<EOF
; defaults for every environment
lock_timeout = 5
retries = 10

[staging]
url = mysql://$SQLSHAPE_TEST_MYSQL_USER@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db
lock_timeout = 1
retries = 0
EOF
bid=$(blocker "$db" 60)
t0=$(now)
(cd "$LIVE_TMP/conf" && MYSQL_PWD=$SQLSHAPE_TEST_MYSQL_PASSWORD "$SQLSHAPE" apply --env staging "$LIVE_TMP/w.sql") >"$LIVE_TMP/c1" 2>&1
rc=$?
took=$(elapsed "$t0")
end_session "$bid"
is "config: apply --env staging uses the section's url, lock_timeout and retries" 1 "$rc"
contains "config: one try of 1 s" "gave up after 1 try of at most 1 s" "$LIVE_TMP/c1"
lacks "config: the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/c1"
(cd "$LIVE_TMP/conf" && MYSQL_PWD=$SQLSHAPE_TEST_MYSQL_PASSWORD "$SQLSHAPE" apply --env staging --retries 3 "$LIVE_TMP/w.sql") >"$LIVE_TMP/c2" 2>&1
is "config: a flag overrides the file; apply succeeds" 0 $?
is "config: the column was added" "id v w" "$(columns "$db" a)"
printf '[staging]\nlock_timeout = soon\n' >"$LIVE_TMP/bad.conf"
"$SQLSHAPE" apply --config "$LIVE_TMP/bad.conf" --env staging --url "$(my_url "$db")" "$LIVE_TMP/w.sql" >"$LIVE_TMP/c3" 2>&1
is "config: a bad value is an error" 1 $?
contains "config: the error names file and line" "bad.conf:2:1: error: bad value \"soon\" for \"lock_timeout\"" "$LIVE_TMP/c3"
printf 'lock_wait = 3\n' >"$LIVE_TMP/bad2.conf"
"$SQLSHAPE" plan --config "$LIVE_TMP/bad2.conf" --url "$(my_url "$db")" "$LIVE_TMP/w.sql" >"$LIVE_TMP/c4" 2>&1
contains "config: an unknown key is an error" "bad2.conf:1:1: error: unknown key \"lock_wait\"" "$LIVE_TMP/c4"
"$SQLSHAPE" apply --config "$LIVE_TMP/conf/sqlshape.conf" --env production "$LIVE_TMP/w.sql" >"$LIVE_TMP/c5" 2>&1
contains "config: an unknown environment is an error" "has no section [production]" "$LIVE_TMP/c5"

done_testing
