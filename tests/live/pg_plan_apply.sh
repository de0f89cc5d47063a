#!/usr/bin/env bash
# tests/live/pg_plan_apply.sh: `sqlshape plan` / `apply` against PostgreSQL over the change
# cases in tests/live/pg_changes (NAME.from.sql, NAME.to.sql, NAME.rows.sql): load FROM, insert
# the rows, apply TO with --allow-drop; the database must then equal TO loaded fresh
# (pg_dump --schema-only, column order inside a table ignored), a second plan must be empty and
# every table must keep its rows. Then backwards (apply FROM, compare with FROM loaded fresh,
# empty plan). Also: an empty database to tests/live/pg_forms.sql and back to empty, and the
# --allow-drop gate.
. "$(dirname "$0")/lib.sh"
need_pg
cases="$LIVE_ROOT/tests/live/pg_changes"
canon="$LIVE_ROOT/tests/live/pg_dump_canon.py"

# The test user loads the files, as it applies the changes (a sequence and the table owning it
# must have one owner).
load_as_user() {  # load_as_user DB FILE
	"$SQLSHAPE_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$(pg_url "$1")" -f "$2"
}

pg_dump_canon() {  # pg_dump_canon DB > FILE (apply's journal, schema _sqlshape, left out)
	# shellcheck disable=SC2086
	"$SQLSHAPE_TEST_PG_BIN/pg_dump" $SQLSHAPE_TEST_PG_ARGS --schema-only --no-owner --no-privileges \
		--exclude-schema=_sqlshape -d "$1" | "$canon"
}

counts() {  # counts DB: "schema.table n" for each table, sorted
	pg_sql "$1" "SELECT n.nspname || '.' || c.relname || ' ' ||
		(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', '_sqlshape')
		AND n.nspname NOT LIKE 'pg_toast%'
		ORDER BY 1"
}

apply_quiet() {  # apply_quiet URL FILE [options]: the error alone as evidence
	local url=$1 file=$2
	shift 2
	"$SQLSHAPE" apply "$@" --url "$url" "$file" >"$LIVE_TMP/apply.log" 2>"$LIVE_TMP/apply.err"
	local rc=$?
	[ $rc = 0 ] || { cat "$LIVE_TMP/apply.err"; tail -3 "$LIVE_TMP/apply.log"; }
	return $rc
}

# converge NAME DB FILE WHAT WANT: apply FILE to DB; the database must then dump as WANT (the
# canonical dump of FILE loaded fresh), plan again empty and keep its rows.
converge() {
	local name=$1 db=$2 file=$3 what=$4 want=$5
	counts "$db" >"$LIVE_TMP/before"
	ok "$name: apply $what" apply_quiet "$(pg_url "$db")" "$file" --allow-drop
	"$SQLSHAPE" plan --allow-drop --url "$(pg_url "$db")" "$file" >"$LIVE_TMP/plan2" 2>&1
	is "$name: second plan after $what is empty (exit 0)" 0 "$?"
	pg_dump_canon "$db" >"$LIVE_TMP/got"
	LIVE_TODO=${DUMP_TODO:-}
	same_files "$name: $what equals the file loaded fresh" "$want" "$LIVE_TMP/got"
	LIVE_TODO=""
	counts "$db" >"$LIVE_TMP/after"
	join "$LIVE_TMP/before" "$LIVE_TMP/after" | awk '$2 != $3 { print "rows changed: " $0 }' >"$LIVE_TMP/lost"
	is "$name: rows kept after $what" "" "$(cat "$LIVE_TMP/lost")"
}

for from in "$cases"/*.from.sql; do
	name=$(basename "$from" .from.sql)
	# PG_CASES="columns views": run only those (by hand, while working on one)
	case " ${PG_CASES:-$name} " in *" $name "*) ;; *) continue ;; esac
	to="$cases/$name.to.sql"
	db=$(pg_fresh_db "$name")
	ref=$(pg_fresh_db "ref")
	ok "$name: current state loads" load_as_user "$db" "$from"
	ok "$name: desired state loads" load_as_user "$ref" "$to"
	pg_dump_canon "$db" >"$LIVE_TMP/want_from"
	pg_dump_canon "$ref" >"$LIVE_TMP/want_to"
	[ -f "$cases/$name.rows.sql" ] && ok "$name: rows go in" load_as_user "$db" "$cases/$name.rows.sql"
	converge "$name" "$db" "$to" "forwards" "$LIVE_TMP/want_to"
	# NAME.oneway: going back needs what sqlshape does not do (say why in the file)
	[ -f "$cases/$name.oneway" ] || converge "$name" "$db" "$from" "backwards" "$LIVE_TMP/want_from"
	$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" -c "DROP DATABASE IF EXISTS \"$ref\"" >/dev/null 2>&1
done

[ -n "${PG_CASES:-}" ] && done_testing

# PostgreSQL cannot reorder columns: the plan says so in a note and changes nothing.
db=$(pg_fresh_db order_note)
load_as_user "$db" "$cases/order.from.sql" >/dev/null 2>&1
"$SQLSHAPE" plan --url "$(pg_url "$db")" - >"$LIVE_TMP/plan" 2>&1 <<'SQL'
CREATE TABLE t (c date, b text, a int);
SQL
is "a different column order alone: plan exits 0" 0 "$?"
contains "a different column order alone: a note says so" "-- note: column order of \"public\".\"t\"" "$LIVE_TMP/plan"

# Without --allow-drop, destructive statements are listed as skipped and not run.
db=$(pg_fresh_db gate)
load_as_user "$db" "$cases/columns.from.sql" >/dev/null 2>&1
"$SQLSHAPE" plan --url "$(pg_url "$db")" "$cases/columns.to.sql" >"$LIVE_TMP/plan" 2>&1
grep '^-- skipped (needs --allow-drop): ALTER TABLE "public"."items"' "$LIVE_TMP/plan" >"$LIVE_TMP/skipped"
contains "without --allow-drop: DROP COLUMN is skipped" 'DROP COLUMN "gone"' "$LIVE_TMP/skipped"
lacks "without --allow-drop: DROP COLUMN is not run" 'DROP COLUMN "gone"' <(grep -v '^-- skipped' "$LIVE_TMP/plan")
ok "without --allow-drop: apply runs the rest" apply_quiet "$(pg_url "$db")" "$cases/columns.to.sql"
is "without --allow-drop: the column stays" "1" "$(pg_sql "$db" "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'gone'")"

# A sequence whose new range leaves out its position and holds values it handed out: the
# restart could hand them out again, so the ALTER needs --allow-drop (with a note); one that
# handed out only values below the new range restarts without it and the next row takes the new
# START.
db=$(pg_fresh_db restart_gate)
cat >"$LIVE_TMP/restart_from.sql" <<'SQL'
CREATE TABLE r (id int GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY -10 MINVALUE -200 MAXVALUE 100) PRIMARY KEY, n int);
CREATE TABLE q (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int);
INSERT INTO r (n) VALUES (1), (2), (3);
INSERT INTO q (n) VALUES (1), (2);
SQL
load_as_user "$db" "$LIVE_TMP/restart_from.sql"
cat >"$LIVE_TMP/restart.sql" <<'SQL'
CREATE TABLE r (id int GENERATED ALWAYS AS IDENTITY (START WITH 90 INCREMENT BY 5 MINVALUE 90 MAXVALUE 200) PRIMARY KEY, n int);
CREATE TABLE q (id int GENERATED ALWAYS AS IDENTITY (START WITH 10 MINVALUE 10) PRIMARY KEY, n int);
SQL
"$SQLSHAPE" plan --url "$(pg_url "$db")" "$LIVE_TMP/restart.sql" >"$LIVE_TMP/plan" 2>&1
contains "restart that may repeat values: skipped without --allow-drop" \
	'-- skipped (needs --allow-drop): ALTER TABLE "public"."r" ALTER COLUMN "id" SET INCREMENT BY 5 SET MINVALUE 90' "$LIVE_TMP/plan"
contains "restart that may repeat values: a note says why" 'identity sequence of "public"."r"."id" stands at 80' "$LIVE_TMP/plan"
contains "restart past what was handed out: planned" 'SET MINVALUE 10 SET NO MAXVALUE SET START WITH 10 SET CACHE 1 SET NO CYCLE RESTART;' "$LIVE_TMP/plan"
ok "restart past what was handed out: apply without --allow-drop" apply_quiet "$(pg_url "$db")" "$LIVE_TMP/restart.sql"
is "restart past what was handed out: the next row takes the new START" "10" \
	"$(pg_sql "$db" "INSERT INTO q (n) VALUES (3) RETURNING id" | head -1)"
is "restart that may repeat values: not run" "80" "$(pg_sql "$db" "SELECT last_value FROM r_id_seq")"
ok "restart that may repeat values: runs with --allow-drop" apply_quiet "$(pg_url "$db")" "$LIVE_TMP/restart.sql" --allow-drop
is "restart that may repeat values: restarted at START" "90|f" "$(pg_sql "$db" "SELECT last_value, is_called FROM r_id_seq")"

# An empty database to the broad catalogue of forms and back to empty.
db=$(pg_fresh_db forms)
forms="$LIVE_ROOT/tests/live/pg_forms.sql"
echo "" >"$LIVE_TMP/empty.sql"
pg_dump_canon "$db" >"$LIVE_TMP/want_empty"
ref=$(pg_fresh_db "ref")
load_as_user "$ref" "$forms" >/dev/null 2>&1
pg_dump_canon "$ref" >"$LIVE_TMP/want_forms"
# CHECKs, defaults and views are created from their text as written (t1's CHECK (v IN ('a',
# 'b')) on a varchar column keeps its varchar[] casts in pg_dump) and compared canonical.
converge "forms" "$db" "$forms" "from empty" "$LIVE_TMP/want_forms"
converge "forms" "$db" "$LIVE_TMP/empty.sql" "to empty" "$LIVE_TMP/want_empty"
done_testing
