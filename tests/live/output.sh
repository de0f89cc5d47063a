#!/usr/bin/env bash
# Output that fits terminals and logs: colour only on a terminal and never with NO_COLOR set;
# progress as a redrawn status line only on a terminal, log lines otherwise; what a command
# produces (plans, exports, formatted schemas, help) on stdout and messages on stderr.
# A terminal is a pty from script(1).
. "$(dirname "$0")/lib.sh"
need_mysql

# on_pty CMD...: run CMD with stdout and stderr on a fresh pty; what the pty showed on stdout
on_pty() {
	script -qec "$(printf '%q ' "$@")" /dev/null </dev/null
}
ESC=$(printf '\033')

printf 'CREATE TABLE t (id int,\n' >"$LIVE_TMP/bad.sql"
printf 'CREATE TABLE t (id int PRIMARY KEY);\n' >"$LIVE_TMP/good.sql"

# --- colour ----------------------------------------------------------------------------------
on_pty env -u NO_COLOR "$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/tty"
contains "on a terminal: the error is coloured" "${ESC}[1;31merror:${ESC}[0m" "$LIVE_TMP/tty"
on_pty env NO_COLOR=1 "$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/tty"
lacks "on a terminal with NO_COLOR=1: no escape sequence" "$ESC" "$LIVE_TMP/tty"
contains "on a terminal with NO_COLOR=1: the error all the same" "bad.sql:1:24: error:" "$LIVE_TMP/tty"
on_pty env NO_COLOR= "$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/tty"
contains "NO_COLOR set but empty does not count (no-color.org)" "${ESC}[1;31m" "$LIVE_TMP/tty"
env -u NO_COLOR "$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
lacks "into a file: no escape sequence" "$ESC" "$LIVE_TMP/err"
for c in plan diff export history; do
	# every command colours the same way: through the URL/file error of each
	case $c in
	plan) args=(plan --url "mysql://nobody@127.0.0.1:1/x" "$LIVE_TMP/good.sql") ;;
	diff) args=(diff --dialect mysql "$LIVE_TMP/good.sql" "$LIVE_TMP/bad.sql") ;;
	export) args=(export --url "mysql://nobody@127.0.0.1:1/x") ;;
	history) args=(history --url "mysql://nobody@127.0.0.1:1/x") ;;
	esac
	on_pty env -u NO_COLOR "$SQLSHAPE" "${args[@]}" >"$LIVE_TMP/tty"
	contains "$c on a terminal: coloured error" "${ESC}[1;31merror:" "$LIVE_TMP/tty"
	on_pty env NO_COLOR=1 "$SQLSHAPE" "${args[@]}" >"$LIVE_TMP/tty"
	lacks "$c on a terminal with NO_COLOR: plain" "$ESC" "$LIVE_TMP/tty"
done

# --- stdout and stderr -----------------------------------------------------------------------
db=$(my_fresh_db out)
url=$(my_url "$db")
"$SQLSHAPE" format "$LIVE_TMP/good.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
contains "format: the schema on stdout" "CREATE TABLE \`t\`" "$LIVE_TMP/out"
is "format: nothing on stderr" "" "$(cat "$LIVE_TMP/err")"
"$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "format error: nothing on stdout" "" "$(cat "$LIVE_TMP/out")"
contains "format error: the error on stderr" "error: syntax error" "$LIVE_TMP/err"
"$SQLSHAPE" plan --url "$url" "$LIVE_TMP/good.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "plan with changes: exit 2" 2 "$?"
contains "plan: the statements on stdout" "CREATE TABLE \`t\`" "$LIVE_TMP/out"
is "plan: nothing on stderr" "" "$(cat "$LIVE_TMP/err")"
"$SQLSHAPE" plan --url "$url" --format json "$LIVE_TMP/good.sql" >"$LIVE_TMP/json" 2>"$LIVE_TMP/err"
ok "plan --format json: stdout is JSON alone" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$LIVE_TMP/json"
"$SQLSHAPE" plan --url "${url}_missing" "$LIVE_TMP/good.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "plan error: exit 1" 1 "$?"
is "plan error: nothing on stdout" "" "$(cat "$LIVE_TMP/out")"
ok "plan error: the error on stderr" grep -q "error" "$LIVE_TMP/err"
"$SQLSHAPE" apply --url "$url" --no-verify "$LIVE_TMP/good.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "apply: exit 0" 0 "$?"
is "apply: nothing on stderr when all goes well" "" "$(cat "$LIVE_TMP/err")"
"$SQLSHAPE" export --url "$url" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
contains "export: the schema on stdout" "CREATE TABLE \`t\`" "$LIVE_TMP/out"
is "export: nothing on stderr" "" "$(cat "$LIVE_TMP/err")"
"$SQLSHAPE" --help >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "help: on stdout only" "0 $(wc -c <"$LIVE_TMP/out")" "$(wc -c <"$LIVE_TMP/err") $(wc -c <"$LIVE_TMP/out")"
"$SQLSHAPE" plan --nope >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "usage error: nothing on stdout" "" "$(cat "$LIVE_TMP/out")"

# --- progress: a status line on a terminal, log lines otherwise ----------------------------
# The ALTER waits for a metadata lock held by an open transaction for 4 s; progress starts
# after 2 s.
printf 'CREATE TABLE t (id int PRIMARY KEY, v int);\n' >"$LIVE_TMP/v.sql"
hold() {
	my_sql "$db" "START TRANSACTION; SELECT COUNT(*) FROM t; SELECT SLEEP(4); COMMIT" >/dev/null &
	sleep 0.5
}
hold
on_pty "$SQLSHAPE" apply --url "$url" --no-verify --lock-timeout 20 "$LIVE_TMP/v.sql" >"$LIVE_TMP/tty"
wait
contains "on a terminal: the change applied" "-- done in" "$LIVE_TMP/tty"
ok "on a terminal: a status line redrawn in place" grep -qa "$(printf '\r\033')\[K-- " "$LIVE_TMP/tty"
printf 'CREATE TABLE t (id int PRIMARY KEY, v int, w int);\n' >"$LIVE_TMP/w.sql"
hold
"$SQLSHAPE" apply --url "$url" --no-verify --lock-timeout 20 "$LIVE_TMP/w.sql" >"$LIVE_TMP/log" 2>&1
wait
contains "into a file: plain log lines" "still running after 2 s: Waiting for table metadata lock" "$LIVE_TMP/log"
lacks "into a file: no redrawing" "$ESC" "$LIVE_TMP/log"

done_testing
