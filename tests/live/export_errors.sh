#!/usr/bin/env bash
# sqlshape export's failures: bad URLs, refused connections, wrong passwords, missing
# databases, bad options. Every one exits 1 with a message, and no output ever holds the
# password.
. "$(dirname "$0")/lib.sh"
need_mysql

pw=$SQLSHAPE_TEST_MYSQL_PASSWORD
pw_enc=${SQLSHAPE_TEST_MYSQL_URL#mysql://*:}
pw_enc=${pw_enc%@*}
db=$(my_fresh_db a)
my_sql "$db" 'CREATE TABLE t (id int PRIMARY KEY)'
all="$LIVE_TMP/all-output"
: >"$all"

# run_export NAME ARGS...: runs sqlshape export, keeps stdout+stderr in $LIVE_TMP/NAME and
# appends them to $all; the exit status is in $LIVE_TMP/NAME.rc.
run_export() {
	local name=$1
	shift
	"$SQLSHAPE" export "$@" >"$LIVE_TMP/$name" 2>&1
	echo $? >"$LIVE_TMP/$name.rc"
	cat "$LIVE_TMP/$name" >>"$all"
}
exit_is() {  # exit_is NAME STATUS WHAT
	is "$3: exit status" "$2" "$(cat "$LIVE_TMP/$1.rc")"
}

run_export scheme --url "oracle://sqlshape:$pw_enc@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db"
exit_is scheme 1 "unsupported scheme"
contains "unsupported scheme: message" 'unsupported scheme "oracle"' "$LIVE_TMP/scheme"

run_export port --url "mysql://sqlshape:$pw_enc@127.0.0.1:99999/$db"
exit_is port 1 "port out of range"
contains "port out of range: message" "port out of range" "$LIVE_TMP/port"

# A port nothing listens on: the one the server is on, plus one, is checked free first.
closed=$((SQLSHAPE_TEST_MYSQL_PORT + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$closed") 2>/dev/null; do closed=$((closed + 1)); done
run_export refused --url "mysql://sqlshape:$pw_enc@127.0.0.1:$closed/$db"
exit_is refused 1 "connection refused"
contains "connection refused: names the URL with the password masked" \
	"cannot connect to \"mysql://sqlshape:***@127.0.0.1:$closed/$db\"" "$LIVE_TMP/refused"
contains "connection refused: hints at the server" "is the server running" "$LIVE_TMP/refused"

run_export badpw --url "mysql://sqlshape:wrong-$pw_enc@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db"
exit_is badpw 1 "wrong password"
contains "wrong password: server's message" "Access denied" "$LIVE_TMP/badpw"

run_export nodb --url "$(my_url no_such_database_here)"
exit_is nodb 1 "unknown database"
contains "unknown database: server's message" "Unknown database" "$LIVE_TMP/nodb"

run_export nodbname --url "$SQLSHAPE_TEST_MYSQL_URL"
exit_is nodbname 1 "no database in the URL"
contains "no database in the URL: message" "no database named in" "$LIVE_TMP/nodbname"

run_export nourl
exit_is nourl 1 "missing --url"
contains "missing --url: message" "missing --url" "$LIVE_TMP/nourl"

run_export positional "$(my_url "$db")"
exit_is positional 1 "URL given without --url"
contains "URL given without --url: message" "use --url URL" "$LIVE_TMP/positional"

run_export badopt --url "$(my_url "$db")" --frobnicate
exit_is badopt 1 "unknown option"
contains "unknown option: message" 'unknown option "--frobnicate"' "$LIVE_TMP/badopt"

run_export prune --url "$(my_url "$db")" --prune
exit_is prune 1 "--prune without --dir"

run_export pg --url "postgres://u:$pw_enc@127.0.0.1:1/x"
exit_is pg 1 "postgres URL"

# The password from MYSQL_PWD is used when the URL has none, and not shown either.
MYSQL_PWD=$pw "$SQLSHAPE" export --url "mysql://sqlshape@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db" \
	>"$LIVE_TMP/env" 2>&1
rc=$?
cat "$LIVE_TMP/env" >>"$all"
if sqlshape_not_built "$LIVE_TMP/env"; then
	skip "export with MYSQL_PWD: $(head -1 "$LIVE_TMP/env")"
else
	is "password from MYSQL_PWD: exit status" 0 "$rc"
	contains "password from MYSQL_PWD: the table is exported" 'CREATE TABLE `t`' "$LIVE_TMP/env"
fi
MYSQL_PWD=wrong "$SQLSHAPE" export --url "mysql://sqlshape@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db" \
	>"$LIVE_TMP/envbad" 2>&1
is "wrong MYSQL_PWD: exit status" 1 "$?"
contains "wrong MYSQL_PWD: the server says so (using password: YES)" "using password: YES" \
	"$LIVE_TMP/envbad"
cat "$LIVE_TMP/envbad" >>"$all"

"$SQLSHAPE" export --help >"$LIVE_TMP/help" 2>&1
is "--help: exit status" 0 "$?"
for opt in "--url URL" "--dir DIR" "--prune" "-h, --help"; do
	contains "--help documents $opt" "  $opt " "$LIVE_TMP/help"
done
contains "--help says where triggers go" "triggers" "$LIVE_TMP/help"

lacks "no output holds the password" "$pw" "$all"
lacks "no output holds the percent-encoded password" "$pw_enc" "$all"
done_testing
