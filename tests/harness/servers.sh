#!/usr/bin/env bash
# tests/harness/servers.sh: throwaway MariaDB and PostgreSQL 15 servers for the live tests.
#
#   dir=$(tests/harness/servers.sh start [mysql|pg|all])   # default all; prints the state dir
#   trap 'tests/harness/servers.sh stop "$dir"' EXIT
#   . "$dir/env"                                           # or: eval "$(servers.sh env "$dir")"
#   tests/harness/servers.sh stop "$dir"                   # stops both, removes the dir
#   eval "$(tests/harness/servers.sh replica "$dir")"      # a replica of its MariaDB, on demand
#   tests/harness/servers.sh replica-stop "$dir"           # stops the replica (stop does too)
#   tests/harness/servers.sh restart-mysql "$dir"          # MariaDB stopped and started again
#
# Everything lives in one fresh `mktemp -d` directory (under /dev/shm when writable, else
# $TMPDIR or /tmp; SQLSHAPE_SERVERS_TMP overrides): data directories, sockets, pid files,
# logs, client option files and the env file. Servers listen on 127.0.0.1 only, on a free port
# picked from 20000-59999 (never 3306/5432), read no system configuration (--no-defaults,
# their own postgresql.conf) and are tuned for speed, not durability. Each gets a test user
# with a random password (containing URL-reserved characters, so URL percent-decoding is
# exercised) and superuser rights. It never touches a system-wide server.
#
# SQLSHAPE_MYSQLD_ARGS adds mariadbd options (words split on spaces), e.g. for a benchmark:
# SQLSHAPE_MYSQLD_ARGS=--innodb-autoinc-lock-mode=2.
#
# MariaDB writes a binary log (server_id 1, GTIDs; log_bin_trust_function_creators so that
# functions without DETERMINISTIC are still accepted) so that a test can ask for a replica:
# `servers.sh replica DIR` starts one more mariadbd (server_id 2, in DIR/replica, loopback,
# its own port), loads a consistent mariadb-dump of the primary's databases (not `mysql`) and
# starts GTID replication from the snapshot's position. It prints the lines to eval:
#   SQLSHAPE_TEST_REPLICA_URL     mysql://sqlshape:PW@127.0.0.1:PORT/ (the primary's password)
#   SQLSHAPE_TEST_REPLICA_PORT, SQLSHAPE_TEST_REPLICA_CLIENT (mariadb as root over its socket)
# `replica-stop DIR` stops it and removes DIR/replica (`stop` does too). One replica per DIR.
#
# The env file exports:
#   SQLSHAPE_TEST_MYSQL_URL   mysql://sqlshape:PW@127.0.0.1:PORT/   (add the database name)
#   SQLSHAPE_TEST_MYSQL_PASSWORD, _USER, _PORT, _SOCKET
#   SQLSHAPE_TEST_MYSQL_CLIENT  e.g. `$SQLSHAPE_TEST_MYSQL_CLIENT db < file.sql`: the mariadb
#                               client as root over the socket (no password, no system config)
#   SQLSHAPE_TEST_MYSQL_DUMP    mariadb-dump, same connection
#   SQLSHAPE_TEST_MYSQL_ARGS    the connection options alone (--defaults-file=... first)
#   SQLSHAPE_TEST_PG_URL      postgres://sqlshape:PW@127.0.0.1:PORT/   (add the database name)
#   SQLSHAPE_TEST_PG_PASSWORD, _USER, _PORT, _SOCKET_DIR
#   SQLSHAPE_TEST_PSQL          psql as the superuser over the socket (trust): add -d DB
#   SQLSHAPE_TEST_PG_ARGS       the connection options alone (-h SOCKDIR -p PORT -U postgres)
#   SQLSHAPE_TEST_PG_BIN        /usr/lib/postgresql/15/bin
#   SQLSHAPE_TEST_SERVERS_DIR   the state directory
# Only the variables of the servers started are written.
set -u

PG_BIN=${SQLSHAPE_PG_BIN:-/usr/lib/postgresql/15/bin}
START_TIMEOUT=${SQLSHAPE_SERVER_TIMEOUT:-60}

die() {
	echo "servers.sh: $*" >&2
	exit 1
}

# A loopback TCP port nobody listens on. The check is racy by nature; start retries on a
# bind failure with another port.
free_port() {
	local p i
	for i in $(seq 1 200); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		case $p in 3306 | 5432 | 33060) continue ;; esac
		if command -v ss >/dev/null 2>&1; then
			ss -Hltn "sport = :$p" 2>/dev/null | grep -q . && continue
		fi
		if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			continue
		fi
		echo "$p"
		return 0
	done
	return 1
}

rand_hex() {
	od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# Percent-encode a string for the userinfo part of a URL.
urlenc() {
	local s=$1 out='' c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

# Run a command as the postgres OS user when we are root (PostgreSQL refuses to run as root).
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# mariadb_launch MYDIR PORTFILE EXTRA...: initialise MYDIR/data and start mariadbd on a free
# loopback port (retried when the port was taken), written to PORTFILE.
# mariadbd on MYDIR's data directory and PORT, in the background; its pid in
# MYDIR/mysqld.pid.launcher, its options (after the port) in MYDIR/launch.args for a restart.
mariadbd_spawn() {
	local my=$1 port=$2
	shift 2
	local user_opt=()
	[ "$(id -u)" = 0 ] && user_opt=(--user=root)
	printf '%s\n' "$@" >"$my/launch.args"
	mariadbd --no-defaults "${user_opt[@]}" --datadir="$my/data" --tmpdir="$my/tmp" \
		--socket="$my/mysqld.sock" --pid-file="$my/mysqld.pid" --log-error="$my/error.log" \
		--port="$port" --bind-address=127.0.0.1 --skip-networking=0 --skip-name-resolve \
		--innodb-buffer-pool-size=16M --innodb-log-file-size=8M --innodb-fast-shutdown=2 \
		--innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
		--loose-innodb-flush-method=nosync --innodb-use-native-aio=0 \
		--performance-schema=OFF --max-connections=200 \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
		--log-bin-trust-function-creators=1 "$@" \
		>>"$my/error.log" 2>&1 &
	echo $! >"$my/mysqld.pid.launcher"
}

# Stop the primary MariaDB of DIR (SIGTERM; with innodb_fast_shutdown=2 it recovers like after a
# crash) and start it again on the same port and data directory, with the same options.
restart_mysql() {
	local my=$1/mysql port i pid args=()
	[ -f "$my/port" ] || die "restart-mysql: no MariaDB in \"$1\""
	port=$(cat "$my/port")
	mapfile -t args <"$my/launch.args"
	stop_mariadb "$my"
	mariadbd_spawn "$my" "$port" "${args[@]}"
	pid=$(cat "$my/mysqld.pid.launcher")
	for ((i = 0; i < START_TIMEOUT * 10; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		mariadb-admin --no-defaults -uroot -S "$my/mysqld.sock" ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	cat "$my/error.log" >&2
	die "MariaDB did not come back after the restart"
}

mariadb_launch() {
	local my=$1 portfile=$2 port attempt pid i
	shift 2
	mkdir -p "$my/data" "$my/tmp"
	local user_opt=()
	[ "$(id -u)" = 0 ] && user_opt=(--user=root)
	if ! mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$my/data" \
		--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
		--innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
		>"$my/install.log" 2>&1; then
		cat "$my/install.log" >&2
		die "mariadb-install-db failed"
	fi
	for attempt in 1 2 3; do
		port=$(free_port) || die "no free port for MariaDB"
		: >"$my/error.log"
		mariadbd_spawn "$my" "$port" "$@"
		pid=$(cat "$my/mysqld.pid.launcher")
		for ((i = 0; i < START_TIMEOUT * 10; i++)); do
			if ! kill -0 "$pid" 2>/dev/null; then break; fi
			if [ -S "$my/mysqld.sock" ] &&
				mariadb-admin --no-defaults -uroot -S "$my/mysqld.sock" ping >/dev/null 2>&1; then
				break
			fi
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null && [ -S "$my/mysqld.sock" ]; then
			break
		fi
		if grep -q -i 'address already in use\|Do you already have another' "$my/error.log"; then
			echo "servers.sh: MariaDB port $port taken, retrying" >&2
			kill "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			continue
		fi
		kill "$pid" 2>/dev/null
		cat "$my/error.log" >&2
		die "MariaDB did not start within ${START_TIMEOUT}s (log above)"
	done
	kill -0 "$pid" 2>/dev/null || { cat "$my/error.log" >&2; die "MariaDB did not start"; }
	mariadb-admin --no-defaults -uroot -S "$my/mysqld.sock" ping >/dev/null 2>&1 ||
		{ cat "$my/error.log" >&2; die "MariaDB does not answer"; }
	printf '[client]\nuser=root\nsocket=%s\ndefault-character-set=utf8mb4\n' "$my/mysqld.sock" >"$my/client.cnf"
	chmod 600 "$my/client.cnf"
	echo "$port" >"$portfile"
}

# The test user (all privileges) on the server of MYDIR, with password PW; not binlogged.
mariadb_test_user() {
	local my=$1 pw=$2
	# The password holds no quote, so it needs no SQL escaping.
	if ! mariadb --defaults-file="$my/client.cnf" -e "
		SET SESSION sql_log_bin = 0;
		CREATE USER 'sqlshape'@'127.0.0.1' IDENTIFIED BY '$pw';
		CREATE USER 'sqlshape'@'localhost' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON *.* TO 'sqlshape'@'127.0.0.1' WITH GRANT OPTION;
		GRANT ALL PRIVILEGES ON *.* TO 'sqlshape'@'localhost' WITH GRANT OPTION;" 2>&1; then
		cat "$my/error.log" >&2
		die "cannot create the MariaDB test user"
	fi
}

# The primary writes a binary log (server_id 1, GTIDs) so that `servers.sh replica` can attach
# a replica to it at any time; files of 64 MB, purged half an hour after (the memory they use).
start_mysql() {
	local dir=$1 my=$1/mysql port pw
	mkdir -p "$my/binlog"
	# shellcheck disable=SC2086 # SQLSHAPE_MYSQLD_ARGS: words split on purpose
	mariadb_launch "$my" "$my/port" --server-id=1 --log-bin="$my/binlog/mariadb-bin" \
		--max-binlog-size=64M --binlog-expire-logs-seconds=1800 ${SQLSHAPE_MYSQLD_ARGS:-}
	port=$(cat "$my/port")
	pw="Sh@pe:$(rand_hex 6)/%x"
	mariadb_test_user "$my" "$pw"
	{
		echo "export SQLSHAPE_TEST_MYSQL_URL=$(printf %q "mysql://sqlshape:$(urlenc "$pw")@127.0.0.1:$port/")"
		echo "export SQLSHAPE_TEST_MYSQL_USER=sqlshape"
		echo "export SQLSHAPE_TEST_MYSQL_PASSWORD=$(printf %q "$pw")"
		echo "export SQLSHAPE_TEST_MYSQL_PORT=$port"
		echo "export SQLSHAPE_TEST_MYSQL_SOCKET=$(printf %q "$my/mysqld.sock")"
		echo "export SQLSHAPE_TEST_MYSQL_ARGS=$(printf %q "--defaults-file=$my/client.cnf")"
		echo "export SQLSHAPE_TEST_MYSQL_CLIENT=$(printf %q "mariadb --defaults-file=$my/client.cnf")"
		echo "export SQLSHAPE_TEST_MYSQL_DUMP=$(printf %q "mariadb-dump --defaults-file=$my/client.cnf")"
	} >>"$dir/env"
}

# A replica of the primary of DIR in DIR/replica: its own data directory and port, the
# primary's databases (not `mysql`) copied by one consistent mariadb-dump (--gtid
# --master-data: the snapshot's GTID position), then GTID replication from that position as a
# replication user. Prints the replica's env lines; its test user has the primary's password.
start_replica() {
	local dir=$1 my=$1/mysql rp=$1/replica port pport rpw dbs
	[ -S "$my/mysqld.sock" ] || die "replica: no MariaDB primary in \"$dir\""
	[ -d "$rp" ] && die "replica: \"$dir\" has a replica already (servers.sh replica-stop DIR)"
	pport=$(cat "$my/port")
	mariadb_launch "$rp" "$rp/port" --server-id=2 --skip-log-bin --skip-slave-start \
		--relay-log="$rp/relay-bin"
	port=$(cat "$rp/port")
	pw=$(. "$dir/env" && printf '%s' "$SQLSHAPE_TEST_MYSQL_PASSWORD")
	mariadb_test_user "$rp" "$pw"
	rpw="repl-$(rand_hex 8)"
	mariadb --defaults-file="$my/client.cnf" -e "
		SET SESSION sql_log_bin = 0;
		CREATE OR REPLACE USER 'sqlshape_repl'@'127.0.0.1' IDENTIFIED BY '$rpw';
		GRANT REPLICATION SLAVE ON *.* TO 'sqlshape_repl'@'127.0.0.1';" ||
		die "replica: cannot create the replication user on the primary"
	dbs=$(mariadb --defaults-file="$my/client.cnf" -N -B -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
		WHERE SCHEMA_NAME NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')")
	# --master-data needs at least one database named; with none the snapshot is empty.
	if [ -n "$dbs" ]; then
		# shellcheck disable=SC2086 # one word per database
		if ! { mariadb-dump --defaults-file="$my/client.cnf" --single-transaction --gtid --master-data=1 \
			--routines --events --triggers --databases $dbs | mariadb --defaults-file="$rp/client.cnf"; } \
			2>"$rp/load.log"; then
			cat "$rp/load.log" >&2
			die "replica: cannot load the primary's snapshot"
		fi
	else
		mariadb --defaults-file="$rp/client.cnf" -e "SET GLOBAL gtid_slave_pos = '$(mariadb \
			--defaults-file="$my/client.cnf" -N -B -e 'SELECT @@gtid_binlog_pos')'" ||
			die "replica: cannot set its GTID position"
	fi
	if ! mariadb --defaults-file="$rp/client.cnf" -e "
		CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = $pport, MASTER_USER = 'sqlshape_repl',
			MASTER_PASSWORD = '$rpw', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1;
		START SLAVE;" 2>"$rp/load.log"; then
		cat "$rp/load.log" >&2
		die "replica: cannot start replication"
	fi
	{
		echo "export SQLSHAPE_TEST_REPLICA_URL=$(printf %q "mysql://sqlshape:$(urlenc "$pw")@127.0.0.1:$port/")"
		echo "export SQLSHAPE_TEST_REPLICA_PORT=$port"
		echo "export SQLSHAPE_TEST_REPLICA_CLIENT=$(printf %q "mariadb --defaults-file=$rp/client.cnf")"
	} >"$rp/env"
	cat "$rp/env"
}

stop_mariadb() {  # stop_mariadb MYDIR
	local pid i
	[ -f "$1/mysqld.pid.launcher" ] || return 0
	pid=$(cat "$1/mysqld.pid.launcher")
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null
		for ((i = 0; i < 150; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null
	fi
}

stop_replica() {
	local dir=$1
	[ -d "$dir/replica" ] || return 0
	stop_mariadb "$dir/replica"
	rm -rf "$dir/replica"
	# the replication user goes with it
	if [ -S "$dir/mysql/mysqld.sock" ]; then
		mariadb --defaults-file="$dir/mysql/client.cnf" \
			-e "SET SESSION sql_log_bin = 0; DROP USER IF EXISTS 'sqlshape_repl'@'127.0.0.1'" 2>/dev/null
	fi
	return 0
}

start_pg() {
	local dir=$1 pg=$1/pg port pw attempt i
	[ -x "$PG_BIN/initdb" ] || die "no PostgreSQL 15 at $PG_BIN"
	mkdir -p "$pg"
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || die "running as root needs the postgres OS user"
		chown postgres: "$pg"
		chmod 711 "$dir"
	fi
	if ! as_pg "$PG_BIN/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
		--no-sync --no-instructions >"$pg/initdb.log" 2>&1; then
		cat "$pg/initdb.log" >&2
		die "initdb failed"
	fi
	# Local socket: trust (the superuser client); TCP: passwords (the test user's URL).
	as_pg sh -c "cat > '$pg/data/pg_hba.conf'" <<EOF
local all all trust
host all all 127.0.0.1/32 scram-sha-256
EOF
	for attempt in 1 2 3; do
		port=$(free_port) || die "no free port for PostgreSQL"
		as_pg sh -c ": > '$pg/server.log'"
		if as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t "$START_TIMEOUT" \
			-o "-p $port -k $pg -c listen_addresses=127.0.0.1 -c fsync=off \
			-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB \
			-c max_connections=100 -c max_wal_senders=0 -c wal_level=minimal \
			-c logging_collector=off" start >"$pg/pg_ctl.log" 2>&1; then
			break
		fi
		if grep -q 'could not bind\|already in use' "$pg/server.log"; then
			echo "servers.sh: PostgreSQL port $port taken, retrying" >&2
			continue
		fi
		cat "$pg/pg_ctl.log" "$pg/server.log" >&2
		die "PostgreSQL did not start within ${START_TIMEOUT}s (log above)"
	done
	as_pg "$PG_BIN/pg_isready" -q -h "$pg" -p "$port" ||
		{ cat "$pg/server.log" >&2; die "PostgreSQL does not answer"; }

	pw="Sh@pe:$(rand_hex 6)/%x"
	if ! "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg" -p "$port" -U postgres -d postgres \
		-c "CREATE ROLE sqlshape LOGIN SUPERUSER PASSWORD '$pw'" >/dev/null 2>"$pg/psql.err"; then
		cat "$pg/psql.err" "$pg/server.log" >&2
		die "cannot create the PostgreSQL test user"
	fi
	{
		echo "export SQLSHAPE_TEST_PG_URL=$(printf %q "postgres://sqlshape:$(urlenc "$pw")@127.0.0.1:$port/")"
		echo "export SQLSHAPE_TEST_PG_USER=sqlshape"
		echo "export SQLSHAPE_TEST_PG_PASSWORD=$(printf %q "$pw")"
		echo "export SQLSHAPE_TEST_PG_PORT=$port"
		echo "export SQLSHAPE_TEST_PG_SOCKET_DIR=$(printf %q "$pg")"
		echo "export SQLSHAPE_TEST_PG_BIN=$(printf %q "$PG_BIN")"
		echo "export SQLSHAPE_TEST_PG_ARGS=$(printf %q "-h $pg -p $port -U postgres")"
		echo "export SQLSHAPE_TEST_PSQL=$(printf %q "$PG_BIN/psql -X -q -v ON_ERROR_STOP=1 -h $pg -p $port -U postgres")"
	} >>"$dir/env"
}

stop_servers() {
	local dir=$1 pid
	[ -n "$dir" ] && [ -d "$dir" ] || return 0
	[ -f "$dir/env" ] || [ -d "$dir/mysql" ] || [ -d "$dir/pg" ] ||
		die "$dir does not look like a servers.sh directory"
	stop_replica "$dir"
	stop_mariadb "$dir/mysql"
	if [ -f "$dir/pg/data/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
			{
				pid=$(head -1 "$dir/pg/data/postmaster.pid" 2>/dev/null)
				[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
			}
	fi
	rm -rf "$dir"
}

cmd=${1:-}
case $cmd in
start)
	which=${2:-all}
	case $which in mysql | pg | all) ;; *) die "start: expected mysql, pg or all, found \"$which\"" ;; esac
	# Memory-backed when possible: the servers are throwaway and the machine's disk is the
	# bottleneck of DDL-heavy tests. SQLSHAPE_SERVERS_TMP overrides.
	base=${SQLSHAPE_SERVERS_TMP:-}
	if [ -z "$base" ]; then
		base=${TMPDIR:-/tmp}
		[ -d /dev/shm ] && [ -w /dev/shm ] && [ -x /dev/shm ] && base=/dev/shm
	fi
	dir=$(mktemp -d "$base/sqlshape-srv.XXXXXX") || die "mktemp failed"
	echo "export SQLSHAPE_TEST_SERVERS_DIR=$(printf %q "$dir")" >"$dir/env"
	# On any failure, leave nothing running behind.
	trap 'rc=$?; [ $rc -ne 0 ] && stop_servers "$dir"; exit $rc' EXIT
	case $which in mysql | all) (start_mysql "$dir") || exit 1 ;; esac
	case $which in pg | all) (start_pg "$dir") || exit 1 ;; esac
	echo "$dir"
	;;
env)
	[ -f "${2:-}/env" ] || die "env: no env file in \"${2:-}\""
	cat "$2/env"
	;;
stop)
	stop_servers "${2:?usage: servers.sh stop DIR}"
	;;
replica)
	d=${2:?usage: servers.sh replica DIR}
	[ -f "$d/env" ] || die "replica: no env file in \"$d\""
	# On any failure, leave no replica running behind.
	trap 'rc=$?; [ $rc -ne 0 ] && stop_replica "$d"; exit $rc' EXIT
	(start_replica "$d") || exit 1
	;;
replica-stop)
	stop_replica "${2:?usage: servers.sh replica-stop DIR}"
	;;
restart-mysql)
	restart_mysql "${2:?usage: servers.sh restart-mysql DIR}"
	;;
*)
	sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
	;;
esac
