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

# The catalogue of a fresh connection is read over two sessions (executor/pg_catalog.c): the
# same export as over one session, also under a search_path the database sets for every
# session (names printed as seen from app), and over one session when the role may open only
# one connection (the second session's refusal is not an error).
sqlshape=${SQLSHAPE:-$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/sqlshape}
"$sqlshape" export --url "$url" >"$LIVE_TMP/two.sql" 2>&1
SQLSHAPE_CATALOG_SESSIONS=1 "$sqlshape" export --url "$url" >"$LIVE_TMP/one.sql" 2>&1
same_files "two catalogue sessions export what one does" "$LIVE_TMP/one.sql" "$LIVE_TMP/two.sql"
contains "the export has the indexes (read by the second session)" "CREATE INDEX \"t1_brin\" ON" "$LIVE_TMP/two.sql"
pg_sql postgres "ALTER DATABASE \"$db\" SET search_path = app, public" >/dev/null
"$sqlshape" export --url "$url" >"$LIVE_TMP/two.sql" 2>&1
SQLSHAPE_CATALOG_SESSIONS=1 "$sqlshape" export --url "$url" >"$LIVE_TMP/one.sql" 2>&1
same_files "the same under the database's search_path" "$LIVE_TMP/one.sql" "$LIVE_TMP/two.sql"
contains "read under that search_path" "SET search_path = app, public;" "$LIVE_TMP/two.sql"
pg_sql postgres "ALTER DATABASE \"$db\" RESET search_path" >/dev/null
role="sqlshape_one_conn_$$"
pg_sql postgres "CREATE ROLE $role LOGIN PASSWORD 'One:Conn' CONNECTION LIMIT 1" >/dev/null
one_url="postgres://$role:One%3AConn@127.0.0.1:${SQLSHAPE_TEST_PG_PORT}/$db"
"$sqlshape" export --url "$one_url" >"$LIVE_TMP/limited.sql" 2>"$LIVE_TMP/limited.err"
is "a role limited to one connection exports: exit status" 0 "$?"
SQLSHAPE_CATALOG_SESSIONS=1 "$sqlshape" export --url "$url" >"$LIVE_TMP/one.sql" 2>&1
same_files "the same export over one session" "$LIVE_TMP/one.sql" "$LIVE_TMP/limited.sql"
lacks "the limited role's password is never printed" "One:Conn" "$LIVE_TMP/limited.err"
pg_sql postgres "DROP ROLE $role" >/dev/null

# The indexes query spells plain indexes itself instead of calling pg_get_indexdef: over
# indexes of every form (quoted names, enum, varchar, domain and array columns, operator
# classes with and without options, COLLATE, DESC, INCLUDE, NULLS NOT DISTINCT, storage
# options, partial, expression, partitioned), its text is pg_get_indexdef's for every one.
idb=$(pg_fresh_db indexes)
pg_sql "$idb" "CREATE TYPE e AS ENUM ('a', 'b'); CREATE DOMAIN dom AS int;
CREATE TABLE \"Mixed Case\" (\"select\" int, \"Col\" varchar(10), e e, d dom, arr int[], t text, tsv tsvector, c char(3), n numeric);
CREATE INDEX ON \"Mixed Case\" (\"select\"); CREATE UNIQUE INDEX \"Upper Idx\" ON \"Mixed Case\" (\"Col\", e);
CREATE INDEX ON \"Mixed Case\" (e); CREATE INDEX ON \"Mixed Case\" USING hash (e); CREATE INDEX ON \"Mixed Case\" USING hash (\"Col\");
CREATE INDEX ON \"Mixed Case\" (d); CREATE INDEX ON \"Mixed Case\" USING gin (arr); CREATE INDEX ON \"Mixed Case\" (arr);
CREATE INDEX ON \"Mixed Case\" (\"Col\" text_pattern_ops); CREATE INDEX ON \"Mixed Case\" (t COLLATE \"C\");
CREATE INDEX ON \"Mixed Case\" (t, n DESC); CREATE INDEX ON \"Mixed Case\" (n NULLS FIRST, t); CREATE INDEX ON \"Mixed Case\" (c, t, n);
CREATE INDEX ON \"Mixed Case\" (n) INCLUDE (t); CREATE UNIQUE INDEX ON \"Mixed Case\" (t) NULLS NOT DISTINCT;
CREATE INDEX ON \"Mixed Case\" (c) WITH (fillfactor = 70); CREATE INDEX ON \"Mixed Case\" (n) WHERE n > 0;
CREATE INDEX ON \"Mixed Case\" (lower(t)); CREATE INDEX ON \"Mixed Case\" USING gist (tsv); CREATE INDEX ON \"Mixed Case\" USING gist (tsv tsvector_ops (siglen = 100));
CREATE INDEX ON \"Mixed Case\" USING brin (n); CREATE INDEX ON \"Mixed Case\" USING btree (c bpchar_pattern_ops, t);
CREATE TABLE parted (k int, v varchar) PARTITION BY RANGE (k); CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
CREATE INDEX ON parted (v); CREATE INDEX ON ONLY parted (k)" >/dev/null
SQLSHAPE_DEBUG_CATALOG_SQL=1 "$sqlshape" export --url "$(pg_url "$idb")" 2>&1 >"$LIVE_TMP/idx.sql" | grep '^SELECT i.indrelid' | sed 's/;$//' >"$LIVE_TMP/idxq.sql"
is "the indexes query is found" 1 "$(wc -l <"$LIVE_TMP/idxq.sql")"
is "indexes read: all of them" "$(pg_sql "$idb" "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition")" \
	"$(pg_sql "$idb" "SELECT count(*) FROM ($(cat "$LIVE_TMP/idxq.sql")) q")"
is "every index's text is pg_get_indexdef's" "" \
	"$(pg_sql "$idb" "SELECT q.def FROM ($(cat "$LIVE_TMP/idxq.sql")) q(rel, def, descr, name) WHERE q.def IS DISTINCT FROM pg_get_indexdef(q.name::regclass)")"
ok "that database reads back equal to its export" "$pgcat" "$(pg_url "$idb")" "$LIVE_TMP/idx.sql"

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
