#!/usr/bin/env bash
# The export round trip of Pagila fef9675: load the dump with psql; its catalogue equals
# pg_parse of the file; `sqlshape export` of it loads into an empty database whose catalogue
# again equals the file; parse(export) equals the first catalogue; and pg_dump --schema-only of
# the two databases is equal, ignoring comments, \restrict lines and the owner/ACL of schema
# "public" (the file sets those with ALTER SCHEMA ... OWNER and GRANT/REVOKE, which sqlshape
# ignores by design).
. "$(dirname "$0")/lib.sh"
need_pg
pgcat="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/pgcat"
file="$LIVE_SHARED/real-schemas/postgres/pagila-schema-fef9675.sql"
if [ ! -f "$file" ]; then
	skip "no $file"
	done_testing
fi
a=$(pg_fresh_db a)
b=$(pg_fresh_db b)
ok "load pagila" pg_load "$a" "$file"
ok "catalogue equals the parsed file" "$pgcat" "$(pg_url "$a")" "$file"
"$SQLSHAPE" export --url "$(pg_url "$a")" >"$LIVE_TMP/export.sql" 2>"$LIVE_TMP/export.err"
is "sqlshape export: exit status" 0 "$?"
ok "export loads into an empty database" pg_load "$b" "$LIVE_TMP/export.sql"
ok "parse(export) equals the first catalogue" "$pgcat" "$(pg_url "$a")" "$LIVE_TMP/export.sql"
ok "second catalogue equals the parsed file" "$pgcat" "$(pg_url "$b")" "$file"
dump() {  # drop comments, blank lines, \restrict and schema public's owner/ACL
	"$SQLSHAPE_TEST_PG_BIN/pg_dump" --schema-only $SQLSHAPE_TEST_PG_ARGS "$1" |
		grep -v -e '^\\\(un\)\?restrict' -e '^--' -e '^$' -e '^ALTER SCHEMA public OWNER TO ' \
			-e '^REVOKE USAGE ON SCHEMA public FROM PUBLIC;$' -e '^GRANT ALL ON SCHEMA public TO PUBLIC;$'
}
dump "$a" >"$LIVE_TMP/a.sql"
dump "$b" >"$LIVE_TMP/b.sql"
ok "pg_dump output is not empty" test "$(wc -l <"$LIVE_TMP/a.sql")" -gt 500
same_files "pg_dump --schema-only of both databases equal" "$LIVE_TMP/a.sql" "$LIVE_TMP/b.sql"
done_testing
