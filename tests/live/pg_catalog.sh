#!/usr/bin/env bash
# tests/live/pg_catalog.sh BUILD: load tests/live/pg_forms.sql (a broad catalogue of PostgreSQL
# forms) into a throwaway database, read it back with pg_catalog_read and require the model to
# equal pg_parse + pg_normalize of the same file; then change the database and require a
# difference (so the comparison can fail). Uses $SQLSHAPE_TEST_PG_URL when the harness set it
# (postgres://user@host:port/db), else starts its own PostgreSQL 15 in a temp dir.
# Prints "pg_catalog: N passed, M failed".
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
SUITE=pg_catalog
. tests/live/pg_lib.sh
DB=sqlshape_forms_$$

check() {  # name, expected exit status, command...
	local name=$1 want=$2 out st
	shift 2
	out=$("$@" 2>&1)
	st=$?
	if [ "$st" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED: $name (exit $st, wanted $want)"
		printf '%s\n' "$out" | head -20
	fi
}

$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null 2>&1
check "load forms" 0 $PSQL -d "$DB" -f tests/live/pg_forms.sql
check "catalogue equals parsed file" 0 "$TOOL" "$HOST" "$PORT" "$DB" "$PGUSER_" tests/live/pg_forms.sql
check "catalogue dump" 0 "$TOOL" "$HOST" "$PORT" "$DB" "$PGUSER_"
# est_rows/data_bytes are META: rows change nothing
$PSQL -d "$DB" -c "INSERT INTO t1 (v, n) VALUES ('a', 1); ANALYZE t1" >/dev/null 2>&1
check "rows do not change the model" 0 "$TOOL" "$HOST" "$PORT" "$DB" "$PGUSER_" tests/live/pg_forms.sql
for change in "ALTER TABLE t1 ADD COLUMN zz int" "ALTER TABLE t1 ALTER COLUMN n SET DEFAULT 1" \
	"ALTER TABLE child DROP CONSTRAINT qty_positive" "DROP INDEX t1_nulls" "CREATE OR REPLACE VIEW v2 AS SELECT t.id, t.x AS label FROM t1 t WHERE NOT t.b" \
	"ALTER TYPE mood ADD VALUE 'meh'" "COMMENT ON COLUMN t1.v IS 'changed'" "DROP POLICY ins ON t1"; do
	check "difference seen after: $change" 1 sh -c "$PSQL -d $DB -c \"$change\" >/dev/null && $TOOL $HOST $PORT $DB $PGUSER_ tests/live/pg_forms.sql"
done
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
echo "pg_catalog: $pass passed, $fail failed"
[ "$fail" = 0 ]
