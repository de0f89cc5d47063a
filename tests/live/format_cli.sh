#!/usr/bin/env bash
# `sqlshape format` on the command line: help, usage errors, exit statuses. (Needs no server.)
. "$(dirname "$0")/lib.sh"

ok "format --help exits 0" "$SQLSHAPE" format --help
is "help names the command" "usage: sqlshape format [--dialect mysql|postgres] FILE|DIR|-..." \
	"$("$SQLSHAPE" format --help | head -1)"
ok "sqlshape help format shows the same" sh -c "\"$SQLSHAPE\" help format | grep -q 'usage: sqlshape format'"
fails "no input is an error" "$SQLSHAPE" format
fails "an unknown option is an error" "$SQLSHAPE" format --frobnicate x.sql
fails "an unsupported dialect is an error" "$SQLSHAPE" format --dialect oracle x.sql
fails "--dialect without a value is an error" "$SQLSHAPE" format --dialect
"$SQLSHAPE" format --dialect oracle x.sql 2>"$LIVE_TMP/err" >"$LIVE_TMP/out"
is "a dialect error names the dialect" 'sqlshape format: error: unsupported dialect "oracle" (expected "mysql" or "postgres")' \
	"$(cat "$LIVE_TMP/err")"
is "nothing on stdout after an error" "" "$(cat "$LIVE_TMP/out")"

# PostgreSQL files: canonical DDL, and positioned errors
printf 'create table t (id serial primary key, v varchar(20) check (v in (%s)));\n' "'a', 'b'" >"$LIVE_TMP/pg.sql"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/pg.sql" >"$LIVE_TMP/pgout" 2>"$LIVE_TMP/pgerr"
is "postgres: exit status" 0 "$?"
contains "postgres: serial becomes a sequence" 'CREATE SEQUENCE "public"."t_id_seq" AS integer' "$LIVE_TMP/pgout"
contains "postgres: implicit check name and canonical expression" \
	'CONSTRAINT "t_v_check" CHECK (v = ANY(ARRAY['"'"'a'"'"', '"'"'b'"'"']))' "$LIVE_TMP/pgout"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/pgout" >"$LIVE_TMP/pgout2" 2>&1
same_files "postgres: format is idempotent" "$LIVE_TMP/pgout" "$LIVE_TMP/pgout2"
printf 'CREATE TABLE t (\n  a int,\n  b intt tt\n);\n' >"$LIVE_TMP/bad.sql"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/bad.sql" >"$LIVE_TMP/badout" 2>"$LIVE_TMP/baderr"
is "postgres: a syntax error exits 1" 1 "$?"
contains "postgres: the error is positioned" "bad.sql:3:10: error: syntax error at or near \"tt\"" "$LIVE_TMP/baderr"
is "postgres: nothing on stdout after an error" "" "$(cat "$LIVE_TMP/badout")"
done_testing
