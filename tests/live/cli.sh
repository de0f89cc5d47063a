#!/usr/bin/env bash
# The command line as a new user meets it: --help, help COMMAND and COMMAND --help for every
# command (the same text, with options, defaults and examples), --version / version, and usage
# errors (one error line, the usage line, exit 1, nothing on stdout). Needs no server.
. "$(dirname "$0")/lib.sh"

"$SQLSHAPE" --help >"$LIVE_TMP/top" 2>"$LIVE_TMP/err"
is "--help exits 0" 0 "$?"
is "--help writes nothing on stderr" "" "$(cat "$LIVE_TMP/err")"
"$SQLSHAPE" help >"$LIVE_TMP/top2"
same_files "help alone is --help" "$LIVE_TMP/top" "$LIVE_TMP/top2"
"$SQLSHAPE" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "no command: exit 1" 1 "$?"
contains "no command: the usage on stderr" "usage: sqlshape COMMAND" "$LIVE_TMP/err"

cmds=$(sed -n '/^commands:/,/^$/p' "$LIVE_TMP/top" | awk 'NR > 1 && NF { print $1 }')
for c in help version export plan apply history diff format; do
	grep -qx "$c" <<<"$cmds"
	is "--help lists $c" 0 "$?"
done
for c in $cmds; do
	"$SQLSHAPE" "$c" --help >"$LIVE_TMP/a" 2>&1
	is "$c --help exits 0" 0 "$?"
	"$SQLSHAPE" help "$c" >"$LIVE_TMP/b" 2>&1
	same_files "help $c is $c --help" "$LIVE_TMP/a" "$LIVE_TMP/b"
	is "$c --help starts with its usage line" "usage: sqlshape $c" "$(head -1 "$LIVE_TMP/a" | cut -d' ' -f1-3)"
	contains "$c --help has examples" "examples:" "$LIVE_TMP/a"
	contains "$c --help documents -h, --help" "  -h, --help" "$LIVE_TMP/a"
	# every option shown gets a default or none, but the usage error of each command is uniform
	"$SQLSHAPE" "$c" --no-such-option=secret >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
	is "$c: unknown option exits 1" 1 "$?"
	is "$c: unknown option: one error line, then the usage line" \
		"sqlshape: error: unknown option \"--no-such-option\" (see 'sqlshape $c --help')
$(head -1 "$LIVE_TMP/a")" "$(cat "$LIVE_TMP/err")"
	is "$c: nothing on stdout after a usage error" "" "$(cat "$LIVE_TMP/out")"
done
lacks "an unknown option's value is never echoed" "secret" "$LIVE_TMP/err"

# options that need a value, at the end of the line
for args in "plan --url" "apply --format" "export --dir" "history --limit" "diff --dialect" "format --flavor" \
	"apply --lock-timeout" "plan --env"; do
	set -- $args
	"$SQLSHAPE" "$@" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
	is "$args (no value) exits 1" 1 "$?"
	is "$args (no value): error and usage" 2 "$(wc -l <"$LIVE_TMP/err")"
	contains "$args (no value): names the option" "option \"$2\" needs a value" "$LIVE_TMP/err"
	contains "$args (no value): the usage line" "usage: sqlshape $1 " "$LIVE_TMP/err"
done
"$SQLSHAPE" plan --allow-drop=yes x.sql >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "a flag given a value exits 1" 1 "$?"
contains "a flag given a value: says so" 'option "--allow-drop" takes no value' "$LIVE_TMP/err"
"$SQLSHAPE" frobnicate >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "unknown command exits 1" 1 "$?"
contains "unknown command: named" 'unknown command "frobnicate"' "$LIVE_TMP/err"
"$SQLSHAPE" help frobnicate >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "help of an unknown command exits 1" 1 "$?"

# the options of the tables with their defaults
"$SQLSHAPE" apply --help >"$LIVE_TMP/apply"
for opt in "--url URL" "--dry-run" "--allow-drop" "--lock-timeout S" "--retries N" "--blocker-timeout S" \
	"--no-verify" "--no-journal" "--progress" "--no-progress" "--env NAME" "--config FILE" \
	"--online-copy-min-rows N" "--allow-hazard CODE[,CODE...]" "--osc ENGINE"; do
	awk -v o="  $opt" 'index($0, o) == 1 && (length($0) == length(o) || substr($0, length(o) + 1, 1) == " ") { f = 1 }
		END { exit !f }' "$LIVE_TMP/apply"
	is "apply --help lists $opt" 0 "$?"
done
tr '\n' ' ' <"$LIVE_TMP/apply" | tr -s ' ' >"$LIVE_TMP/apply.flat"
for d in "(default: 3)" "(default: 10)" "(default: 100000)" "(default: sql)"; do
	contains "apply --help shows $d" "$d" "$LIVE_TMP/apply.flat"
done

# versions
"$SQLSHAPE" --version >"$LIVE_TMP/v1"
is "--version exits 0" 0 "$?"
"$SQLSHAPE" version >"$LIVE_TMP/v2"
same_files "version is --version" "$LIVE_TMP/v1" "$LIVE_TMP/v2"
ok "sqlshape's own version first" grep -qE '^sqlshape [0-9]+\.[0-9]+\.[0-9]+$' "$LIVE_TMP/v1"
ok "the MySQL client library's version" grep -qE '^libmysqlclient [0-9]+\.[0-9]+' "$LIVE_TMP/v1"
ok "libpq's version" grep -qE '^libpq [0-9]+\.[0-9]+$' "$LIVE_TMP/v1"
ok "libpg_query's version" grep -qE '^libpg_query [0-9]+\.[0-9]+' "$LIVE_TMP/v1"
fails "version takes no argument" "$SQLSHAPE" version extra

done_testing
