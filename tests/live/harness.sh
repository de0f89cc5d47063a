#!/usr/bin/env bash
# The throwaway servers themselves: reachable as the test user with the password over TCP on
# loopback, the admin clients work, fresh databases are empty and per test.
. "$(dirname "$0")/lib.sh"
need_mysql
need_pg

ok "mariadb: test user logs in over TCP with the password" \
	mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$SQLSHAPE_TEST_MYSQL_PORT" \
	-u "$SQLSHAPE_TEST_MYSQL_USER" -p"$SQLSHAPE_TEST_MYSQL_PASSWORD" -e 'SELECT 1'
fails "mariadb: a wrong password is refused" \
	mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$SQLSHAPE_TEST_MYSQL_PORT" \
	-u "$SQLSHAPE_TEST_MYSQL_USER" -pwrong -e 'SELECT 1'
is "mariadb: not the default port" 1 "$([ "$SQLSHAPE_TEST_MYSQL_PORT" != 3306 ] && echo 1)"
is "mariadb: listens on loopback only" 127.0.0.1 "$(my_sql mysql 'SELECT @@bind_address')"
db=$(my_fresh_db a)
ok "mariadb: fresh database created" test -n "$db"
my_sql "$db" 'CREATE TABLE t (id int PRIMARY KEY)'
is "mariadb: fresh database holds what the test made" t "$(my_sql "$db" 'SHOW TABLES')"
db=$(my_fresh_db a)
is "mariadb: a second my_fresh_db starts empty" "" "$(my_sql "$db" 'SHOW TABLES')"

ok "postgres: test user logs in over TCP with the URL" \
	"$SQLSHAPE_TEST_PG_BIN/psql" -X -At "$(pg_url postgres)" -c 'SELECT 1'
fails "postgres: a wrong password is refused" \
	env PGPASSWORD=wrong "$SQLSHAPE_TEST_PG_BIN/psql" -X -At -h 127.0.0.1 \
	-p "$SQLSHAPE_TEST_PG_PORT" -U "$SQLSHAPE_TEST_PG_USER" -d postgres -c 'SELECT 1'
is "postgres: version 15" 15 "$(pg_sql postgres 'SHOW server_version' | cut -d. -f1)"
pdb=$(pg_fresh_db a)
pg_sql "$pdb" 'CREATE TABLE t (id int PRIMARY KEY)' >/dev/null
is "postgres: fresh database holds what the test made" t \
	"$(pg_sql "$pdb" "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")"
done_testing
