#!/usr/bin/env bash
# The PostgreSQL catalogue reader (executor/pg_catalog.c) through build/tools/pgcat: a broad
# catalogue of forms (tests/live/pg_forms.sql) loaded into a fresh database reads back equal to
# pg_parse + pg_normalize of the same file; rows change nothing; each of a list of changes made
# on the server afterwards is seen as a difference (so the comparison can fail); the canonical
# export of the database loads into an empty database that again reads back equal.
. "$(dirname "$0")/lib.sh"
need_pg
pgcat="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/pgcat"
forms="$LIVE_ROOT/tests/live/pg_forms.sql"

db=$(pg_fresh_db forms)
url=$(pg_url "$db")
ok "forms load" pg_load "$db" "$forms"
ok "catalogue equals the parsed file" "$pgcat" "$url" "$forms"
ok "catalogue dump" "$pgcat" "$url"
pg_sql "$db" "INSERT INTO t1 (v, n) VALUES ('a', 1); ANALYZE t1" >/dev/null 2>&1
ok "rows do not change the model" "$pgcat" "$url" "$forms"

db2=$(pg_fresh_db export)
PGCAT_PRINT=1 "$pgcat" "$url" >"$LIVE_TMP/export.sql" 2>"$LIVE_TMP/export.err"
is "export: exit status" 0 "$?"
ok "export loads into an empty database" pg_load "$db2" "$LIVE_TMP/export.sql"
ok "the loaded export reads back equal to the file" "$pgcat" "$(pg_url "$db2")" "$forms"
ok "parse(export) equals the catalogue" "$pgcat" "$url" "$LIVE_TMP/export.sql"

while IFS= read -r change; do
	pg_sql "$db" "$change" >"$LIVE_TMP/change" 2>&1 || cat "$LIVE_TMP/change"
	fails "a difference is seen after: $change" "$pgcat" "$url" "$forms"
done <<'CHANGES'
ALTER TABLE t1 ADD COLUMN zz int
ALTER TABLE t1 ALTER COLUMN n SET DEFAULT 1
ALTER TABLE child DROP CONSTRAINT qty_positive
DROP INDEX t1_nulls
CREATE OR REPLACE VIEW v2 AS SELECT t.id, t.x AS label FROM t1 t WHERE NOT t.b
ALTER TYPE mood ADD VALUE 'meh'
COMMENT ON COLUMN t1.v IS 'changed'
DROP POLICY ins ON t1
CHANGES

fails "a wrong password is refused" "$pgcat" "postgres://${SQLSHAPE_TEST_PG_USER}:wrong@127.0.0.1:${SQLSHAPE_TEST_PG_PORT}/$db"
"$pgcat" "postgres://${SQLSHAPE_TEST_PG_USER}:wrong@127.0.0.1:${SQLSHAPE_TEST_PG_PORT}/$db" >"$LIVE_TMP/pw" 2>&1
lacks "the password is never printed" "wrong" "$LIVE_TMP/pw"
done_testing
