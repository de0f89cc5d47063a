#!/usr/bin/env bash
# The README's five-minute tour, step by step against the test MariaDB: export the demo shop
# into a repository, add a column, plan (exit 2), apply, plan (exit 0), drop a column (skipped,
# exit 0; --fail-on-hazard exit 3; --allow-drop applies it). Every output line the README shows
# must be in the README's tour and in what sqlshape printed here, so the tour stays true.
. "$(dirname "$0")/lib.sh"
need_mysql
README="$LIVE_ROOT/README.md"
sed -n '/^## A five-minute tour/,/^## sqlshape beside/p' "$README" >"$LIVE_TMP/tour"
ok "the README has the tour" test -s "$LIVE_TMP/tour"

# shown LINE FILE: LINE is in the tour (indented as a code block) and in FILE
shown() {
	contains "tour shows: $1" "    $1" "$LIVE_TMP/tour"
	contains "sqlshape prints: $1" "$1" "$2"
}

db=$(my_fresh_db shop)
my_load "$db" "$LIVE_ROOT/examples/demo/schema.sql" >/dev/null
URL=$(my_url "$db")
cd "$LIVE_TMP" || exit 1
"$SQLSHAPE" export --url "$URL" --dir shop/schema >"$LIVE_TMP/out" 2>&1
is "export --dir" 0 "$?"
is "the files the tour lists" "customers.sql order_items.sql order_totals.sql orders.sql products.sql" "$(ls shop/schema | tr '\n' ' ' | sed 's/ $//')"
contains "the tour lists them" "customers.sql order_items.sql order_totals.sql orders.sql products.sql" "$LIVE_TMP/tour"

sed -i 's/^  `name` varchar(100) NOT NULL,$/&\n  `phone` varchar(32) DEFAULT NULL,/' shop/schema/customers.sql
contains "the tour's added line" '  `phone` varchar(32) DEFAULT NULL,' "$LIVE_TMP/tour"
"$SQLSHAPE" plan --url "$URL" shop/schema >"$LIVE_TMP/plan1" 2>&1
is "plan with a change: exit 2" 2 "$?"
shown '-- [1/1] alter_table "customers": strategy instant, ALGORITHM=INSTANT, LOCK=NONE, 0 rows, 32 kB' "$LIVE_TMP/plan1"
shown 'ALTER TABLE `customers` ADD COLUMN `phone` varchar(32) DEFAULT NULL AFTER `name`, ALGORITHM=INSTANT, LOCK=NONE;' "$LIVE_TMP/plan1"
"$SQLSHAPE" apply --url "$URL" shop/schema >"$LIVE_TMP/apply1" 2>&1
is "apply: exit 0" 0 "$?"
shown '-- verified: 1 statement accepted, the result matches the desired schema' "$LIVE_TMP/apply1"
shown '-- [1/1] alter_table (instant)' "$LIVE_TMP/apply1"
"$SQLSHAPE" plan --url "$URL" shop/schema >"$LIVE_TMP/plan2" 2>&1
is "plan after apply: exit 0" 0 "$?"

sed -i '/`created_at`/d' shop/schema/customers.sql
"$SQLSHAPE" plan --url "$URL" shop/schema >"$LIVE_TMP/plan3" 2>&1
is "plan of a drop without --allow-drop: exit 0" 0 "$?"
shown '-- skipped (needs --allow-drop): ALTER TABLE `customers` DROP COLUMN `created_at`;' "$LIVE_TMP/plan3"
"$SQLSHAPE" plan --url "$URL" --fail-on-hazard shop/schema >/dev/null 2>"$LIVE_TMP/plan4"
is "plan --fail-on-hazard of a drop: exit 3" 3 "$?"
shown 'sqlshape: error: destructive change not allowed (hazard data-loss): ALTER TABLE `customers` DROP COLUMN `created_at`' "$LIVE_TMP/plan4"
shown 'hint: apply leaves it out; allow it with --allow-drop (allow_drop = yes in sqlshape.conf)' "$LIVE_TMP/plan4"
"$SQLSHAPE" apply --url "$URL" --allow-drop shop/schema >"$LIVE_TMP/apply2" 2>&1
is "apply --allow-drop: exit 0" 0 "$?"
is "the column is gone" 0 "$(my_sql information_schema "SELECT COUNT(*) FROM COLUMNS WHERE TABLE_SCHEMA = '$db' AND COLUMN_NAME = 'created_at'")"
# (the journal outlives the database: earlier runs of this test on the same server are listed too)
"$SQLSHAPE" history --url "$URL" --limit 2 >"$LIVE_TMP/hist" 2>&1
is "history lists the tour's two runs, done" 2 "$(grep -c ' done  *1/1 ' "$LIVE_TMP/hist")"

done_testing
