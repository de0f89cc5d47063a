#!/usr/bin/env bash
# tests/bench/plan_2000.sh BUILD: `sqlshape plan` for a 2,000-table database whose desired
# schema changes 40 tables (a column added, a type widened, an index added or a comment
# changed), end to end (connect, read the catalogue, parse and normalise the files, diff,
# print), next to `skeema diff` on the same database and the same changes when skeema is
# installed. Target for sqlshape: under 1.0 s. Uses a throwaway MariaDB.
set -u
BUILD=${1:?usage: tests/bench/plan_2000.sh BUILD}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SQLSHAPE="$ROOT/$BUILD/sqlshape"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-bench.XXXXXX")
SERVERS=
cleanup() {
	[ -n "$SERVERS" ] && tests/harness/servers.sh stop "$SERVERS" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
if [ -z "${SQLSHAPE_TEST_MYSQL_URL:-}" ]; then
	SERVERS=$(tests/harness/servers.sh start mysql) || { echo "bench: MariaDB did not start"; exit 1; }
	. "$SERVERS/env"
fi
MY="$SQLSHAPE_TEST_MYSQL_CLIENT"
DB=bench_2000
N=${BENCH_TABLES:-2000}
CHANGED=${BENCH_CHANGED:-40}

table_sql() {  # table_sql I CHANGED(0/1)
	local i=$1 c=$2 kind
	kind=$((i % 4))
	printf 'CREATE TABLE `t%04d` (\n' "$i"
	printf '  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n'
	printf '  `account_id` int NOT NULL,\n'
	if [ "$c" = 1 ] && [ $kind = 1 ]; then
		printf '  `name` varchar(200) NOT NULL DEFAULT '"''"',\n'
	else
		printf '  `name` varchar(100) NOT NULL DEFAULT '"''"',\n'
	fi
	printf '  `status` enum('"'new','done'"') NOT NULL DEFAULT '"'new'"',\n'
	printf '  `amount` decimal(12,2) DEFAULT NULL,\n'
	printf '  `created_at` datetime NOT NULL DEFAULT current_timestamp(),\n'
	printf '  `updated_at` timestamp NULL DEFAULT NULL ON UPDATE current_timestamp(),\n'
	printf '  `note` text DEFAULT NULL,\n'
	[ "$c" = 1 ] && [ $kind = 0 ] && printf '  `extra` int DEFAULT NULL,\n'
	printf '  PRIMARY KEY (`id`),\n'
	[ "$c" = 1 ] && [ $kind = 2 ] && printf '  KEY `idx_created` (`created_at`),\n'
	printf '  KEY `idx_account` (`account_id`,`status`)\n'
	if [ "$c" = 1 ] && [ $kind = 3 ]; then
		printf ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='"'changed'"';\n'
	else
		printf ') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n'
	fi
}

mkdir -p "$TMP/current" "$TMP/desired"
step=$((N / CHANGED))
for i in $(seq 1 "$N"); do
	c=0
	[ $((i % step)) = 0 ] && c=1
	table_sql "$i" 0 >"$TMP/current/t$i.sql"
	table_sql "$i" "$c" >"$TMP/desired/t$i.sql"
done
cat "$TMP"/current/*.sql >"$TMP/current.sql"
$MY -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
$MY "$DB" <"$TMP/current.sql" || { echo "bench: cannot load the tables"; exit 1; }
URL="${SQLSHAPE_TEST_MYSQL_URL}$DB"

best=999
for run in 1 2 3; do
	t0=$(date +%s.%N)
	"$SQLSHAPE" plan --url "$URL" "$TMP/desired" >"$TMP/plan.out" 2>"$TMP/plan.err"
	rc=$?
	t1=$(date +%s.%N)
	el=$(echo "$t1 - $t0" | bc)
	best=$(echo "if ($el < $best) $el else $best" | bc)
done
stmts=$(grep -c '^ALTER TABLE' "$TMP/plan.out")
printf 'bench sqlshape plan: %d tables, %d changed: %.3f s (best of 3; exit %d, %d ALTER statements)\n' \
	"$N" "$CHANGED" "$best" "$rc" "$stmts"
[ "$rc" = 2 ] || { echo "bench: unexpected plan exit $rc"; head -20 "$TMP/plan.err"; }

if command -v skeema >/dev/null 2>&1; then
	(
		cd "$TMP" &&
		export MYSQL_PWD="$SQLSHAPE_TEST_MYSQL_PASSWORD" &&
		skeema init --skip-my-cnf -h 127.0.0.1 -P "$SQLSHAPE_TEST_MYSQL_PORT" -u "$SQLSHAPE_TEST_MYSQL_USER" \
			--schema "$DB" -d skm >/dev/null 2>&1 &&
		for i in $(seq "$step" "$step" "$N"); do
			f=$(printf 'skm/t%04d.sql' "$i")
			table_sql "$i" 1 >"$f"
		done &&
		t0=$(date +%s.%N) &&
		{ skeema diff --skip-my-cnf --allow-unsafe >skeema.out 2>skeema.err; true; } &&
		t1=$(date +%s.%N) &&
		printf 'bench skeema diff:   %d tables, %d changed: %.3f s (%d ALTER statements)\n' "$N" "$CHANGED" \
			"$(echo "$t1 - $t0" | bc)" "$(grep -c '^ALTER TABLE' skeema.out)"
	) || echo "bench skeema diff: could not run (see skeema init/diff output)"
else
	echo "bench skeema diff: skeema is not installed"
fi
