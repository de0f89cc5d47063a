#!/usr/bin/env bash
# sqlshape export --dir for PostgreSQL: one file per object in a flat directory whose names
# sort in an order that loads (schemas, extensions, types, functions, aggregates, sequences,
# tables with their partitions/indexes/triggers/policies, views, late functions, foreign keys);
# the directory parses back to the server's model, loads in name order into an empty
# database with psql, that database reads back equal; --prune removes stale *.sql only.
. "$(dirname "$0")/lib.sh"
need_pg
modelcmp="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/modelcmp"

db=$(pg_fresh_db a)
pg_load "$db" "$LIVE_ROOT/tests/live/pg_forms.sql" >/dev/null 2>&1
pg_load "$db" /dev/stdin >/dev/null <<'SQL'
CREATE TABLE "odd/name.x" (id int PRIMARY KEY);
CREATE TABLE measure (at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE measure_2024 PARTITION OF measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX measure_v ON measure (v);
CREATE TABLE zz_first (id int PRIMARY KEY);
CREATE TABLE aa_refers (id int PRIMARY KEY, z int REFERENCES zz_first (id));
COMMENT ON CONSTRAINT aa_refers_z_fkey ON aa_refers IS 'forward reference';
CREATE FUNCTION row_of(t zz_first) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION add_one(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
SQL
out="$LIVE_TMP/deep/out"
"$SQLSHAPE" export --url "$(pg_url "$db")" --dir "$out" >"$LIVE_TMP/log" 2>&1
is "export --dir exits 0" 0 "$?"
is "export --dir prints nothing" "" "$(cat "$LIVE_TMP/log")"
names=$(cd "$out" && ls -A | LC_ALL=C sort)
contains_line() { printf '%s\n' "$names" | grep -qxF "$1"; }
ok "a schema file" contains_line 0-schema.app.sql
ok "an extension file" contains_line 1-extension.pgcrypto.sql
ok "a type file" contains_line 2-type.public.mood.sql
ok "overloads share one file" contains_line 3-function.public.add_one.sql
is "two overloads in it" 2 "$(grep -c 'FUNCTION public.add_one(' "$out/3-function.public.add_one.sql")"
ok "a function on a row type comes after the tables" contains_line 8-function.public.row_of.sql
ok "a table file, name made safe" contains_line 6-table.public.odd%2Fname%2Ex.sql
ok "a partitioned table's file" contains_line 6-table.public.measure.sql
fails "no file for a partition" contains_line 6-table.public.measure_2024.sql
contains "the partition is in its parent's file" 'PARTITION OF "public"."measure"' "$out/6-table.public.measure.sql"
contains "a table's trigger is in its file" 'CREATE TRIGGER' "$out/6-table.public.t1.sql"
contains "a table's policy is in its file" 'CREATE POLICY' "$out/6-table.public.t1.sql"
ok "a view file" contains_line 7-view.public.v1.sql
ok "foreign keys after every table" contains_line 9-foreign-keys.public.aa_refers.sql
contains "the foreign key's comment goes with it" 'forward reference' "$out/9-foreign-keys.public.aa_refers.sql"
lacks "the table file holds no foreign key" 'FOREIGN KEY' "$out/6-table.public.aa_refers.sql"
is "no temporary files left" "" "$(cd "$out" && ls -A | grep -v '\.sql$')"

"$modelcmp" "$out" "$(pg_url "$db")" >"$LIVE_TMP/cmp" 2>&1
is "the directory parses to the server's model" 0 "$?"
sed 's/^/#   /' "$LIVE_TMP/cmp" | head -5

db2=$(pg_fresh_db b)
(cd "$out" && LC_ALL=C cat $(ls | LC_ALL=C sort)) >"$LIVE_TMP/all.sql"
$SQLSHAPE_TEST_PSQL -v ON_ERROR_STOP=1 -d "$db2" -f "$LIVE_TMP/all.sql" >"$LIVE_TMP/load" 2>&1
is "the files load in name order with psql" 0 "$?"
grep ERROR "$LIVE_TMP/load" | head -3 | sed 's/^/#   /'
"$modelcmp" "$out" "$(pg_url "$db2")" >"$LIVE_TMP/cmp" 2>&1
is "the loaded copy reads back equal" 0 "$?"
sed 's/^/#   /' "$LIVE_TMP/cmp" | head -5

echo 'CREATE TABLE gone (id int);' >"$out/6-table.public.gone.sql"
echo notes >"$out/notes.txt"
"$SQLSHAPE" export --url "$(pg_url "$db")" --dir "$out" >/dev/null 2>&1
ok "without --prune a stale file stays" test -f "$out/6-table.public.gone.sql"
"$SQLSHAPE" export --url "$(pg_url "$db")" --dir "$out" --prune >"$LIVE_TMP/log" 2>&1
is "--prune exits 0" 0 "$?"
fails "--prune removes the stale *.sql" test -f "$out/6-table.public.gone.sql"
ok "--prune leaves other files alone" test -f "$out/notes.txt"
is "the same files again" "$names" "$(cd "$out" && ls -A | grep '\.sql$' | LC_ALL=C sort)"
done_testing
