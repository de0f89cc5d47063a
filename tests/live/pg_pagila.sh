#!/usr/bin/env bash
# tests/live/pg_pagila.sh BUILD: the export round trip of Pagila fef9675. Load the dump with
# psql; its catalogue must equal pg_parse of the file; export it (pg_print_schema of the
# catalogue model), load the export into an empty database; the export's own parse and the new
# database's catalogue must equal the first catalogue, and pg_dump --schema-only of the two
# databases must be equal, ignoring \restrict lines and the owner/ACL of schema "public"
# (the file changes those with ALTER SCHEMA ... OWNER and GRANT/REVOKE, which sqlshape ignores
# by design). Prints "pg_pagila: N passed, M failed".
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
SUITE=pg_pagila
. tests/live/pg_lib.sh
FILE=../shared/real-schemas/postgres/pagila-schema-fef9675.sql
A=sqlshape_pagila_a_$$
B=sqlshape_pagila_b_$$
out=$(mktemp -d /tmp/sqlshape-pagila.XXXXXX)
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $A" -c "CREATE DATABASE $A" -c "DROP DATABASE IF EXISTS $B" -c "CREATE DATABASE $B" >/dev/null 2>&1
check "load pagila" 0 $PSQL -d "$A" -f "$FILE"
check "catalogue equals the parsed file" 0 "$TOOL" "$HOST" "$PORT" "$A" "$PGUSER_" "$FILE"
check "export" 0 sh -c "PGCAT_PRINT=1 $TOOL $HOST $PORT $A $PGUSER_ > $out/export.sql"
check "export loads into an empty database" 0 $PSQL -d "$B" -f "$out/export.sql"
check "parse(export) equals the first catalogue" 0 "$TOOL" "$HOST" "$PORT" "$A" "$PGUSER_" "$out/export.sql"
check "second catalogue equals the parsed file" 0 "$TOOL" "$HOST" "$PORT" "$B" "$PGUSER_" "$FILE"
filter() {  # drop comments, blank lines, \restrict and schema public's owner/ACL
	grep -v -e '^\\\(un\)\?restrict' -e '^--' -e '^$' -e '^ALTER SCHEMA public OWNER TO ' \
		-e '^REVOKE USAGE ON SCHEMA public FROM PUBLIC;$' -e '^GRANT ALL ON SCHEMA public TO PUBLIC;$'
}
pg_dump --schema-only -h "$HOST" -p "$PORT" -U "$PGUSER_" "$A" | filter > "$out/a.sql"
pg_dump --schema-only -h "$HOST" -p "$PORT" -U "$PGUSER_" "$B" | filter > "$out/b.sql"
check "pg_dump output is not empty" 0 test "$(wc -l < "$out/a.sql")" -gt 500
check "pg_dump --schema-only of both databases equal" 0 diff "$out/a.sql" "$out/b.sql"
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $A" -c "DROP DATABASE IF EXISTS $B" >/dev/null 2>&1
rm -rf "$out"
echo "pg_pagila: $pass passed, $fail failed"
[ "$fail" = 0 ]
