#!/usr/bin/env bash
# tests/live/planner_pg.sh: the planner's PostgreSQL recipes on the throwaway PostgreSQL 15:
# CREATE INDEX CONCURRENTLY outside a transaction, foreign keys and checks added NOT VALID then
# validated, SET NOT NULL through a validated check; afterwards every index is valid
# (pg_index.indisvalid), every constraint validated (pg_constraint.convalidated), no helper check
# is left and the second plan is empty. A concurrent unique build over duplicates fails and
# leaves no INVALID index; a validation over orphans fails and leaves no NOT VALID constraint;
# a rewrite of a table at the threshold is refused before anything runs unless allowed.
. "$(dirname "$0")/lib.sh"
need_pg

if "$SQLSHAPE" plan --url "$(pg_url postgres)" /dev/null 2>&1 | grep -q 'only MySQL and MariaDB'; then
	skip "plan/apply for PostgreSQL are not built yet"
	done_testing
fi

setup() {  # setup NAME: customers and orders with rows
	local db
	db=$(pg_fresh_db "$1")
	pg_sql "$db" "
		CREATE TABLE customers (id integer PRIMARY KEY);
		CREATE TABLE orders (id integer PRIMARY KEY, cust integer, qty integer, code text);
		INSERT INTO customers SELECT g FROM generate_series(1, 50) g;
		INSERT INTO orders SELECT g, 1 + g % 50, g, 'c' || (g % 7) FROM generate_series(1, 200) g;
		ANALYZE" >/dev/null
	echo "$db"
}
cat >"$LIVE_TMP/want.sql" <<'EOF'
CREATE TABLE customers (id integer PRIMARY KEY);
CREATE TABLE orders (
	id integer PRIMARY KEY,
	cust integer CONSTRAINT orders_cust_fkey REFERENCES customers (id),
	qty integer NOT NULL CONSTRAINT orders_qty_check CHECK (qty > 0),
	code text
);
CREATE INDEX orders_qty_idx ON orders (qty);
EOF

db=$(setup recipes)
url=$(pg_url "$db")
"$SQLSHAPE" plan --format json --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.json" 2>"$LIVE_TMP/plan.err"
is "plan exits 2" 2 $?
is "strategies of the changes" "concurrently not-valid-validate set-not-null-via-check" "$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
print(" ".join(sorted({c["strategy"] for c in p["changes"] if c["strategy"] != "direct"})))' "$LIVE_TMP/plan.json")"
is "the concurrent build runs outside a transaction, with a cleanup" "False DROP INDEX CONCURRENTLY IF EXISTS" "$(python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
s = [s for c in p["changes"] for s in c["steps"] if "CONCURRENTLY" in (s.get("sql") or "")][0]
print(s["in_transaction"], " ".join(s["cleanup_sql"].split()[:5]))' "$LIVE_TMP/plan.json")"
"$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.sql" 2>&1
contains "sql: a VALIDATE step" 'VALIDATE CONSTRAINT' "$LIVE_TMP/plan.sql"
contains "sql: the helper check" 'CHECK ("qty" IS NOT NULL) NOT VALID' "$LIVE_TMP/plan.sql"
ok "apply" "$SQLSHAPE" apply --url "$url" "$LIVE_TMP/want.sql"
is "every index is valid" "" "$(pg_sql "$db" "SELECT indexrelid::regclass FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT indisvalid")"
is "every constraint is validated" "" "$(pg_sql "$db" "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated")"
is "no helper check left" "orders_cust_fkey orders_pkey orders_qty_check" "$(pg_sql "$db" "SELECT string_agg(conname, ' ' ORDER BY conname) FROM pg_constraint WHERE conrelid = 'orders'::regclass")"
is "qty is NOT NULL" "t" "$(pg_sql "$db" "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'qty'")"
ok "second plan is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/want.sql"
is "rows kept" 200 "$(pg_sql "$db" "SELECT count(*) FROM orders")"

# a failed concurrent unique build leaves nothing behind
db=$(setup dupes)
url=$(pg_url "$db")
printf 'CREATE TABLE customers (id integer PRIMARY KEY);\nCREATE TABLE orders (id integer PRIMARY KEY, cust integer, qty integer, code text);\nCREATE UNIQUE INDEX orders_code_key ON orders (code);\n' >"$LIVE_TMP/dupes.sql"
"$SQLSHAPE" apply --url "$url" "$LIVE_TMP/dupes.sql" >"$LIVE_TMP/dupes.out" 2>&1
is "a unique build over duplicates fails" 1 $?
contains "the cleanup ran" 'cleanup: DROP INDEX CONCURRENTLY IF EXISTS' "$LIVE_TMP/dupes.out"
is "no INVALID index is left" "" "$(pg_sql "$db" "SELECT relname FROM pg_class WHERE relname = 'orders_code_key'")"

# a failed validation leaves no NOT VALID constraint
db=$(setup orphans)
url=$(pg_url "$db")
pg_sql "$db" "INSERT INTO orders VALUES (999, 777, 1, 'x')" >/dev/null
printf 'CREATE TABLE customers (id integer PRIMARY KEY);\nCREATE TABLE orders (id integer PRIMARY KEY, cust integer CONSTRAINT orders_cust_fkey REFERENCES customers (id), qty integer, code text);\n' >"$LIVE_TMP/orphans.sql"
"$SQLSHAPE" apply --url "$url" "$LIVE_TMP/orphans.sql" >"$LIVE_TMP/orphans.out" 2>&1
is "validating a foreign key over an orphan fails" 1 $?
is "no NOT VALID constraint is left" "" "$(pg_sql "$db" "SELECT conname FROM pg_constraint WHERE conname = 'orders_cust_fkey'")"

# a rewrite at the threshold is refused before anything runs, unless allowed
db=$(setup rewrite)
url=$(pg_url "$db")
printf 'CREATE TABLE customers (id integer PRIMARY KEY, note text);\nCREATE TABLE orders (id integer PRIMARY KEY, cust integer, qty bigint, code text);\n' >"$LIVE_TMP/rewrite.sql"
"$SQLSHAPE" apply --online-copy-min-rows 100 --url "$url" "$LIVE_TMP/rewrite.sql" >"$LIVE_TMP/rewrite.out" 2>&1
is "a rewrite under ACCESS EXCLUSIVE of a big table is refused" 1 $?
contains "the refusal names the hazard" 'hazard blocking-lock' "$LIVE_TMP/rewrite.out"
is "nothing ran (customers unchanged)" "id" "$(pg_sql "$db" "SELECT string_agg(attname, ' ') FROM pg_attribute WHERE attrelid = 'customers'::regclass AND attnum > 0")"
ok "allowed with --allow-hazard blocking-lock" "$SQLSHAPE" apply --online-copy-min-rows 100 --allow-hazard blocking-lock --url "$url" "$LIVE_TMP/rewrite.sql"
ok "second plan after the rewrite is empty" "$SQLSHAPE" plan --url "$url" "$LIVE_TMP/rewrite.sql"

done_testing
