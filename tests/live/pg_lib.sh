# tests/live/pg_lib.sh: sourced by tests/live/pg_*.sh. Sets HOST, PORT, PGUSER_, PSQL and the
# check() helper; uses $SQLSHAPE_TEST_PG_URL (postgres://user@host:port/db) when the harness
# set it, else starts a throwaway PostgreSQL 15 in a temp dir (as the postgres user when run
# as root) and stops it on exit.
PGBIN=/usr/lib/postgresql/15/bin
TOOL=$BUILD/tools/pgcat
pass=0
fail=0
tmp=""
pg_lib_cleanup() {
	if [ -n "$tmp" ]; then
		if [ "$(id -u)" = 0 ]; then
			su postgres -c "$PGBIN/pg_ctl -D $tmp/data -m immediate stop" >/dev/null 2>&1
		else
			"$PGBIN/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1
		fi
		rm -rf "$tmp"
	fi
}
trap pg_lib_cleanup EXIT

if [ -n "${SQLSHAPE_TEST_PG_URL:-}" ]; then
	rest=${SQLSHAPE_TEST_PG_URL#*://}
	userpart=${rest%%@*}
	PGUSER_=${userpart%%:*}
	case "$userpart" in *:*) export PGPASSWORD=${userpart#*:} ;; esac
	hostport=${rest#*@}
	hostport=${hostport%%/*}
	HOST=${hostport%%:*}
	PORT=${hostport##*:}
else
	tmp=$(mktemp -d /tmp/sqlshape-pg.XXXXXX)
	PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
	HOST=127.0.0.1
	PGUSER_=postgres
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$tmp"
		su postgres -c "$PGBIN/initdb -D $tmp/data -A trust -U postgres" >/dev/null 2>&1 &&
		su postgres -c "$PGBIN/pg_ctl -D $tmp/data -w -o '-p $PORT -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off' -l $tmp/log start" >/dev/null 2>&1
	else
		"$PGBIN/initdb" -D "$tmp/data" -A trust -U postgres >/dev/null 2>&1 &&
		"$PGBIN/pg_ctl" -D "$tmp/data" -w -o "-p $PORT -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off" -l "$tmp/log" start >/dev/null 2>&1
	fi || { echo "$SUITE: cannot start PostgreSQL"; echo "$SUITE: 0 passed, 1 failed"; exit 1; }
fi
PSQL="psql -X -q -v ON_ERROR_STOP=1 -h $HOST -p $PORT -U $PGUSER_"

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
