#!/usr/bin/env bash
# The MySQL connection (executor/mysql_conn.c) through build/tools/sqlexec: server facts read
# at connect, multi-statement execution, and server errors shaped like diagnostics.
. "$(dirname "$0")/lib.sh"
need_mysql
sqlexec="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/sqlexec"

db=$(my_fresh_db a)
my_sql "$db" "ALTER DATABASE \`$db\` CHARACTER SET latin1 COLLATE latin1_german1_ci"
url=$(my_url "$db")
"$sqlexec" "$url" -facts >"$LIVE_TMP/facts" 2>&1
is "facts: exit status" 0 "$?"
contains "facts: MariaDB flavour" "fact flavor 1" "$LIVE_TMP/facts"
contains "facts: version" "fact version $(my_sql mysql 'SELECT VERSION()' | sed -E 's/^([0-9]+\.[0-9]+\.[0-9]+).*/\1/')" "$LIVE_TMP/facts"
contains "facts: the database's charset" "fact db_charset latin1" "$LIVE_TMP/facts"
contains "facts: the database's collation" "fact db_collation latin1_german1_ci" "$LIVE_TMP/facts"
contains "facts: default collation of utf8mb4" "fact default_collation utf8mb4 utf8mb4_general_ci" "$LIVE_TMP/facts"
contains "facts: default collation of latin1" "fact default_collation latin1 latin1_swedish_ci" "$LIVE_TMP/facts"
contains "facts: lower_case_table_names" "fact lower_case_table_names $(my_sql mysql 'SELECT @@lower_case_table_names')" "$LIVE_TMP/facts"
contains "facts: sql_mode" "fact sql_mode $(my_sql mysql 'SELECT @@GLOBAL.sql_mode')" "$LIVE_TMP/facts"

"$sqlexec" "$url" "CREATE TABLE a (id int); CREATE TABLE b (id int); INSERT INTO a VALUES (1)" \
	>"$LIVE_TMP/multi" 2>&1
is "multi-statement text: ok" ok "$(cat "$LIVE_TMP/multi")"
is "multi-statement text: every statement ran" "a
b" "$(my_sql "$db" 'SHOW TABLES')"
"$sqlexec" "$url" "SELECT * FROM a; SELECT 1" >"$LIVE_TMP/sel" 2>&1
is "result sets are drained" ok "$(cat "$LIVE_TMP/sel")"

"$sqlexec" "$url" "CREATE TABLE a (id int)" >"$LIVE_TMP/dup" 2>&1
is "existing table: exit status" 1 "$?"
contains "existing table: errno, SQLSTATE and message" \
	"sqlshape: error: server error 1050 (42S01): Table 'a' already exists" "$LIVE_TMP/dup"
contains "existing table: the statement is quoted" "note: statement: CREATE TABLE a (id int)" "$LIVE_TMP/dup"
contains "existing table: conn_last_errno/sqlstate" "1050 42S01" "$LIVE_TMP/dup"
contains "existing table: the server, password masked" "note: server: mysql://sqlshape:***@" "$LIVE_TMP/dup"

"$sqlexec" "$url" "CREATE TABLE c (id int,
  v varchar(10) DEFAULT 'x' NOT NULL NOT,
  w int)" >"$LIVE_TMP/syn" 2>&1
is "syntax error: exit status" 1 "$?"
contains "syntax error: positioned in the statement" "statement:3:3: error: server error 1064 (42000)" \
	"$LIVE_TMP/syn"
is "syntax error: the line and a caret" "    3 |   w int)
      |   ^" "$(grep -A1 '^    3 |' "$LIVE_TMP/syn")"

"$sqlexec" "$url" "CREATE TABLE d (id int); CREATE TABLE d (id int); CREATE TABLE e (id int)" \
	>"$LIVE_TMP/mid" 2>&1
is "failure inside a multi-statement text: exit status" 1 "$?"
contains "failure inside a multi-statement text: reported" "server error 1050" "$LIVE_TMP/mid"
is "failure inside a multi-statement text: later statements did not run" "" \
	"$(my_sql "$db" "SHOW TABLES LIKE 'e'")"
"$sqlexec" "$url" "SELECT 1" >"$LIVE_TMP/after" 2>&1
is "a new connection works after a failure" ok "$(cat "$LIVE_TMP/after")"
lacks "no output holds the password" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/dup"
done_testing
