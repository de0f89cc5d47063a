#!/usr/bin/env bash
# tests/live/plan_apply.sh: plan and apply against the throwaway MariaDB. Every golden diff
# pair (tests/golden/diff/NAME.from.sql -> NAME.to.sql) is applied for real: FROM is loaded,
# rows inserted where the scenario has some, `sqlshape apply --allow-drop TO` run; then the
# database must equal TO loaded directly (SHOW CREATE texts), a second plan must be empty
# (exit 0) and the rows must still be there. Also: exit codes, JSON, skipped drops, dry run,
# stdin, and the report of a failing statement.
. "$(dirname "$0")/lib.sh"
need_mysql
if ! "$SQLSHAPE" plan --help >/dev/null 2>&1; then
	skip "sqlshape plan is not built yet (it needs the MySQL parser)"
	done_testing
fi
GOLDEN="$LIVE_ROOT/tests/golden/diff"
CANON="$LIVE_ROOT/tests/peer/canon_state.py"  # key order and DEFINER do not count

# Rows put into FROM before the migration, and the table:count expected after it.
declare -A ROWS=(
	[columns]="INSERT INTO users (name, email, legacy) VALUES ('a','a@x',1),('b','b@x',2),('c',NULL,3)"
	[columns_allow_drop]="INSERT INTO users (name, email, legacy) VALUES ('a','a@x',1),('b','b@x',2)"
	[renames]="INSERT INTO accounts VALUES (1,'ann','ann@x'),(2,'bob',NULL)"
	[indexes]="INSERT INTO posts VALUES (1,7,'hello','body one')"
	[options]="INSERT INTO t VALUES (1,'cafe'),(2,'x')"
	[generated]="INSERT INTO g (id, a, b) VALUES (1,1,2),(2,3,4)"
	[checks]="INSERT INTO c VALUES (1,5),(2,6)"
	[partitions]="INSERT INTO logs VALUES (1,2020),(2,2021); INSERT INTO h VALUES (1),(2),(3); INSERT INTO plain VALUES (1)"
	[spellings]="INSERT INTO t (id, code, ref) VALUES (1,'a',NULL),(2,'b',1)"
	[partitions_more]="INSERT INTO logs VALUES (1,2020),(2,2021),(3,2030); INSERT INTO h VALUES (1),(2),(3),(4),(5); INSERT INTO k VALUES (1),(2); INSERT INTO r VALUES (1),(200); INSERT INTO l VALUES (1),(2)"
)
declare -A KEEP=(
	[columns]="users:3" [columns_allow_drop]="users:2" [renames]="members:2" [indexes]="posts:1"
	[options]="t:2" [generated]="g:2" [checks]="c:2" [partitions]="logs:2 h:3 plain:1" [spellings]="t:2"
	[partitions_more]="logs:3 h:5 k:2 r:2 l:2"
)

for from in "$GOLDEN"/*.from.sql; do
	name=$(basename "${from%.from.sql}")
	to="$GOLDEN/$name.to.sql"
	a=$(my_fresh_db "a_$name")
	b=$(my_fresh_db "b_$name")
	ok "$name: current loads" my_load "$a" "$from"
	ok "$name: desired loads" my_load "$b" "$to"
	[ -n "${ROWS[$name]:-}" ] && ok "$name: rows inserted" my_sql "$a" "${ROWS[$name]}"
	# A pair that is the same schema spelled two ways (its golden diff is empty) must plan
	# nothing against the server too: the catalogue's spelling is a third one.
	if [ ! -s "$GOLDEN/$name.out.sql" ]; then
		ok "$name: same schema, empty plan against the server" \
			"$SQLSHAPE" plan --allow-drop --url "$(my_url "$a")" "$to"
		ok "$name: and from the other side" "$SQLSHAPE" plan --allow-drop --url "$(my_url "$b")" "$from"
	fi
	ok "$name: apply" "$SQLSHAPE" apply --allow-drop --url "$(my_url "$a")" "$to"
	ok "$name: second plan is empty" "$SQLSHAPE" plan --allow-drop --url "$(my_url "$a")" "$to"
	is "$name: equals the desired schema loaded directly" "$(my_show_create "$b" | "$CANON")" "$(my_show_create "$a" | "$CANON")"
	for tc in ${KEEP[$name]:-}; do
		is "$name: rows of ${tc%%:*} kept" "${tc##*:}" "$(my_sql "$a" "SELECT COUNT(*) FROM \`${tc%%:*}\`")"
	done
done

# Exit codes, skipped drops, JSON, dry run, stdin.
db=$(my_fresh_db codes)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE t (id int PRIMARY KEY, gone int); CREATE TABLE old (id int)"
printf 'CREATE TABLE t (id int PRIMARY KEY, added int);\n' >"$LIVE_TMP/want.sql"
"$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.out" 2>&1
is "plan exits 2 when there are changes" 2 $?
contains "plan shows the new column" 'ADD COLUMN `added` int' "$LIVE_TMP/plan.out"
contains "plan lists the skipped drop of a column" '-- skipped (needs --allow-drop): ALTER TABLE `t` DROP COLUMN `gone`;' "$LIVE_TMP/plan.out"
contains "plan lists the skipped drop of a table" '-- skipped (needs --allow-drop): DROP TABLE `old`;' "$LIVE_TMP/plan.out"
"$SQLSHAPE" plan --format json --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.json" 2>&1
ok "plan --format json is valid JSON" python3 -m json.tool "$LIVE_TMP/plan.json"
is "json: one change, two skipped" "1 2 alter_table" "$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(len(p["changes"]), len(p["skipped"]), p["changes"][0]["kind"])' "$LIVE_TMP/plan.json")"
"$SQLSHAPE" apply --dry-run --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/dry.out" 2>&1
is "apply --dry-run exits like plan" 2 $?
same_files "apply --dry-run prints the plan" "$LIVE_TMP/plan.out" "$LIVE_TMP/dry.out"
is "dry run changed nothing" "id gone" "$(my_sql "$db" "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ' ') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='$db' AND TABLE_NAME='t'")"
ok "apply without --allow-drop" "$SQLSHAPE" apply --url "$url" - <"$LIVE_TMP/want.sql"
is "columns after apply without --allow-drop" "id gone added" "$(my_sql "$db" "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ' ') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='$db' AND TABLE_NAME='t'")"
"$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan2.out" 2>&1
is "plan exits 0 when only skipped drops remain" 0 $?
ok "apply --allow-drop" "$SQLSHAPE" apply --allow-drop --url "$url" "$LIVE_TMP/want.sql"
is "the table is gone" "" "$(my_sql "$db" "SHOW TABLES LIKE 'old'")"
"$SQLSHAPE" plan --allow-drop --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan3.out" 2>&1
is "in sync: plan exits 0" 0 $?
is "in sync: plan prints nothing" "" "$(cat "$LIVE_TMP/plan3.out")"

# A directory is read in name order: the ALTER in b.sql needs the table of a.sql (files
# written in the other order, so that the directory's own order is not the sorted one).
db=$(my_fresh_db dirorder)
mkdir -p "$LIVE_TMP/order"
printf 'ALTER TABLE t ADD COLUMN b int;\n' >"$LIVE_TMP/order/b.sql"
printf 'CREATE TABLE t (a int);\n' >"$LIVE_TMP/order/a.sql"
printf 'ALTER TABLE t ADD COLUMN c int;\n' >"$LIVE_TMP/order/c.sql"
printf 'not sql\n' >"$LIVE_TMP/order/notes.txt"
ok "a directory in name order applies" "$SQLSHAPE" apply --url "$(my_url "$db")" "$LIVE_TMP/order"
is "columns in file order" "a b c" "$(my_sql "$db" "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ' ') FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='$db' AND TABLE_NAME='t'")"

# A failing statement: a unique key over duplicate rows. The first statement has run.
db=$(my_fresh_db fails)
url=$(my_url "$db")
my_sql "$db" "CREATE TABLE a (id int); CREATE TABLE b (v int); INSERT INTO b VALUES (1),(1)"
printf 'CREATE TABLE a (id int, x int);\nCREATE TABLE b (v int, UNIQUE KEY uv (v));\n' >"$LIVE_TMP/bad.sql"
"$SQLSHAPE" apply --url "$url" "$LIVE_TMP/bad.sql" >"$LIVE_TMP/apply.out" 2>"$LIVE_TMP/apply.err"
is "a failing statement: exit 1" 1 $?
contains "the failing statement is shown" 'ADD UNIQUE KEY `uv` (`v`)' "$LIVE_TMP/apply.err"
contains "the server's message is shown" 'Duplicate entry' "$LIVE_TMP/apply.err"
contains "what was applied is listed" 'ALTER TABLE `a` ADD COLUMN `x` int' "$LIVE_TMP/apply.err"
lacks "the password is never shown" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/apply.err"
fails "plan without --url exits 1" "$SQLSHAPE" plan "$LIVE_TMP/bad.sql"
done_testing
