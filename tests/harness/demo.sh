#!/usr/bin/env bash
# tests/harness/demo.sh BUILD: `make demo`. Checks the Debian packages (installing them when
# run as root), starts a throwaway MariaDB, loads the sample shop (examples/demo/schema.sql)
# and shows what sqlshape makes of it. The server is stopped and removed at the end, also on
# failure or interrupt. Never touches a system-wide server.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
SQLSHAPE="$PWD/$BUILD/sqlshape"

tests/harness/install-deps.sh || exit 1
[ -x "$SQLSHAPE" ] || { echo "demo: build sqlshape first (make)" >&2; exit 1; }

if [ -t 1 ]; then
	say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
	say() { printf '\n== %s\n' "$*"; }
fi
show() {  # show CMD...: print the command (password masked) and run it
	local shown="$*"
	shown=${shown//"$SQLSHAPE_TEST_MYSQL_PASSWORD"/***}
	shown=${shown//"$pw_enc"/***}
	printf '$ %s\n' "${shown//$SQLSHAPE/sqlshape}"
	"$@"
}

say "starting a throwaway MariaDB"
dir=$(tests/harness/servers.sh start mysql) || exit 1
trap 'tests/harness/servers.sh stop "$dir"' EXIT
trap 'exit 130' INT TERM
. "$dir/env"
pw_enc=${SQLSHAPE_TEST_MYSQL_URL#mysql://*:}
pw_enc=${pw_enc%@*}
echo "MariaDB $($SQLSHAPE_TEST_MYSQL_CLIENT -N -e 'SELECT VERSION()') on 127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT (data in $dir)"

say "loading examples/demo/schema.sql into database \"shop\""
$SQLSHAPE_TEST_MYSQL_CLIENT -e 'CREATE DATABASE shop' || exit 1
$SQLSHAPE_TEST_MYSQL_CLIENT shop <examples/demo/schema.sql || exit 1
$SQLSHAPE_TEST_MYSQL_CLIENT -t shop -e 'SHOW FULL TABLES'
url="${SQLSHAPE_TEST_MYSQL_URL}shop"

say "the live schema as canonical CREATE statements (tables in foreign-key order)"
show "$SQLSHAPE" export --url "$url" || exit 1

say "the same, one file per object"
out=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-demo.XXXXXX")
trap 'tests/harness/servers.sh stop "$dir"; rm -rf "$out"' EXIT
show "$SQLSHAPE" export --url "$url" --dir "$out/shop" || exit 1
(cd "$out/shop" && ls -l)
echo "--- order_items.sql (the table with its trigger):"
cat "$out/shop/order_items.sql"

say "change the desired state: a new column and index on customers, a wider price"
sed -i 's/^  PRIMARY KEY (`id`),/  `phone` varchar(32) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `phone` (`phone`),/' "$out/shop/customers.sql"
sed -i 's/`price` decimal(10,2)/`price` decimal(12,2)/' "$out/shop/products.sql"
show "$SQLSHAPE" plan --url "$url" "$out/shop"
echo "(exit status $?: 0 in sync, 2 changes, 1 error)"

say "apply it, then plan again: nothing left to do"
show "$SQLSHAPE" apply --url "$url" "$out/shop" || exit 1
show "$SQLSHAPE" plan --url "$url" "$out/shop"
echo "(exit status $?)"

say "errors name the server, never the password"
show "$SQLSHAPE" export --url "${SQLSHAPE_TEST_MYSQL_URL}no_such_db"
say "stopping the server"
