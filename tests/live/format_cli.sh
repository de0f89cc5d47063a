#!/usr/bin/env bash
# `sqlshape format` on the command line: help, usage errors, exit statuses. (Needs no server.)
. "$(dirname "$0")/lib.sh"

ok "format --help exits 0" "$SQLSHAPE" format --help
is "help names the command" "usage: sqlshape format [--dialect mysql] FILE|DIR|-..." \
	"$("$SQLSHAPE" format --help | head -1)"
ok "sqlshape help format shows the same" sh -c "\"$SQLSHAPE\" help format | grep -q 'usage: sqlshape format'"
fails "no input is an error" "$SQLSHAPE" format
fails "an unknown option is an error" "$SQLSHAPE" format --frobnicate x.sql
fails "an unsupported dialect is an error" "$SQLSHAPE" format --dialect oracle x.sql
fails "--dialect without a value is an error" "$SQLSHAPE" format --dialect
"$SQLSHAPE" format --dialect postgres x.sql 2>"$LIVE_TMP/err" >"$LIVE_TMP/out"
is "a dialect error names the dialect" 'sqlshape format: error: unsupported dialect "postgres" (expected "mysql")' \
	"$(cat "$LIVE_TMP/err")"
is "nothing on stdout after an error" "" "$(cat "$LIVE_TMP/out")"
done_testing
