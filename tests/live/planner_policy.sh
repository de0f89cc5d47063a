#!/usr/bin/env bash
# tests/live/planner_policy.sh: the planner's choices and policy through `plan` and `apply` on
# the throwaway MariaDB: strategy/hazard comments, JSON and Markdown output, a change that
# needs an online copy planned for the built-in engine and refused before anything runs under
# --osc none, the same change accepted as a blocking
# copy under a higher --online-copy-min-rows, and run by pt-online-schema-change with
# --osc pt-osc (password never printed, option file removed), each converging to an empty
# second plan with the rows kept.
. "$(dirname "$0")/lib.sh"
need_mysql

big_db() {  # big_db NAME: a table t of 2000 rows with fresh statistics
	local db
	db=$(my_fresh_db "$1")
	my_sql "$db" "CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t SELECT seq, seq FROM seq_1_to_2000; ANALYZE TABLE t" >/dev/null
	echo "$db"
}
printf 'CREATE TABLE t (id int PRIMARY KEY, a bigint);\nCREATE TABLE other (id int PRIMARY KEY);\n' >"$LIVE_TMP/want.sql"
tables() { my_sql "$1" "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$1'"; }

# plan: comments, JSON, Markdown
db=$(big_db plan)
url=$(my_url "$db")
"$SQLSHAPE" plan --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.sql" 2>&1
is "plan exits 2" 2 $?
contains "sql: strategy comment" '-- [2/2] alter_table "t": strategy online-copy, 2.0k rows' "$LIVE_TMP/plan.sql"
contains "sql: hazard comment" '-- hazard table-rewrite: copies "t" (2.0k rows' "$LIVE_TMP/plan.sql"
contains "sql: the built-in engine runs it" '-- online-copy (engine builtin): ALTER TABLE `t` MODIFY COLUMN `a` bigint DEFAULT NULL' "$LIVE_TMP/plan.sql"
lacks "sql: no refusal with the built-in engine" '-- cannot run here' "$LIVE_TMP/plan.sql"
"$SQLSHAPE" plan --osc none --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan_none.sql" 2>&1
contains "sql: --osc none shows the refusal" '-- cannot run here: "t" (2.0k rows' "$LIVE_TMP/plan_none.sql"
contains "sql: the new table is direct" '-- [1/2] create_table "other": strategy direct' "$LIVE_TMP/plan.sql"
"$SQLSHAPE" plan --format json --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.json"
is "json: strategy, rows, hazards, steps, engine" "direct online-copy 2000 table-rewrite True 1 builtin" "$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
c0, c1 = p["changes"]
print(c0["strategy"], c1["strategy"], c1["rows"], c1["hazards"][0]["code"], c1["bytes"] > 0, len(c1["steps"]), c1["steps"][0]["engine"])' "$LIVE_TMP/plan.json")"
"$SQLSHAPE" plan --format json --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan2.json"
is "json: below the threshold a pinned blocking copy" "copy ALTER TABLE \`t\` MODIFY COLUMN \`a\` bigint DEFAULT NULL, ALGORITHM=COPY, LOCK=SHARED blocking-lock False" "$(python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["changes"][1]
print(c["strategy"], c["steps"][0]["sql"], c["hazards"][1]["code"], c["hazards"][1]["refused"])' "$LIVE_TMP/plan2.json")"
"$SQLSHAPE" plan --format markdown --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.md"
contains "markdown: header" '| table | change | strategy | rows / size | hazards |' "$LIVE_TMP/plan.md"
contains "markdown: the copy row" '| online-copy | 2.0k rows, ' "$LIVE_TMP/plan.md"

# apply with --osc none: refused before anything runs
"$SQLSHAPE" apply --osc none --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/apply.out" 2>&1
is "apply of an online-copy with --osc none exits 1" 1 $?
contains "the refusal names the table and the way out" 'cannot run: "t" (2.0k rows, ' "$LIVE_TMP/apply.out"
contains "the refusal mentions --osc pt-osc" '--osc pt-osc' "$LIVE_TMP/apply.out"
is "nothing ran (the new table was not created)" "t" "$(tables "$db")"

# a higher threshold accepts the blocking copy
ok "apply as a blocking copy under a higher threshold" "$SQLSHAPE" apply --url "$url" "$LIVE_TMP/want.sql"
ok "second plan is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql"
is "rows kept" 2000 "$(my_sql "$db" "SELECT COUNT(*) FROM t")"

# --osc pt-osc
if command -v pt-online-schema-change >/dev/null && perl -MDBD::mysql -e1 2>/dev/null; then
	db=$(big_db osc)
	url=$(my_url "$db")
	"$SQLSHAPE" plan --osc pt-osc --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/osc.plan" 2>&1
	contains "plan shows the pt-osc command" "-- runs: $(command -v pt-online-schema-change) --alter 'MODIFY COLUMN \`a\` bigint DEFAULT NULL' --execute" "$LIVE_TMP/osc.plan"
	lacks "plan never shows the password" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/osc.plan"
	TMPDIR="$LIVE_TMP" "$SQLSHAPE" apply --osc pt-osc --online-copy-min-rows 1000 --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/osc.out" 2>&1
	is "apply --osc pt-osc exits 0" 0 $?
	contains "pt-online-schema-change ran" 'Successfully altered' "$LIVE_TMP/osc.out"
	lacks "the password is never printed" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/osc.out"
	is "the option file is gone" "" "$(ls "$LIVE_TMP"/sqlshape-osc-*.cnf 2>/dev/null)"
	ok "second plan after pt-osc is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql"
	is "rows kept by pt-osc" 2000 "$(my_sql "$db" "SELECT COUNT(*) FROM t")"
	is "no shadow tables left" "other,t" "$(tables "$db")"
else
	skip "pt-online-schema-change (with DBD::mysql) is not installed"
fi

# option errors
# (exit 1, not the 2 of a plan with changes)
"$SQLSHAPE" plan --allow-hazard blocking --url "$url" "$LIVE_TMP/want.sql" >/dev/null 2>&1
is "unknown hazard code is an error" 1 $?
"$SQLSHAPE" plan --online-copy-min-rows lots --url "$url" "$LIVE_TMP/want.sql" >/dev/null 2>&1
is "bad --online-copy-min-rows is an error" 1 $?
"$SQLSHAPE" plan --osc gh-ost --url "$url" "$LIVE_TMP/want.sql" >/dev/null 2>&1
is "unknown --osc is an error" 1 $?
printf 'CREATE TABLE t (id int PRIMARY KEY, a bigint, b int);\nCREATE TABLE other (id int PRIMARY KEY);\n' >"$LIVE_TMP/want2.sql"
"$SQLSHAPE" plan --allow-hazard table-rewrite,index-build --allow-hazard data-loss --url "$url" "$LIVE_TMP/want2.sql" >/dev/null 2>&1
is "known hazard codes, repeated option: a plan with changes" 2 $?

done_testing
