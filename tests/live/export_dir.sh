#!/usr/bin/env bash
# sqlshape export --dir: one file per object (a table with its triggers, a view, a routine),
# file names made safe, nested directories created, --prune removing stale *.sql only, and
# the directory read back equal to the server's model.
. "$(dirname "$0")/lib.sh"
need_mysql
modelcmp="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/modelcmp"

db=$(my_fresh_db a)
my_load "$db" "$LIVE_ROOT/examples/demo/schema.sql"
my_load "$db" /dev/stdin <<'SQL'
CREATE TABLE `a/b` (id int PRIMARY KEY);
CREATE TABLE `.hidden` (id int PRIMARY KEY);
CREATE FUNCTION f1(x int) RETURNS int DETERMINISTIC RETURN x * 2;
DELIMITER //
CREATE PROCEDURE p1() BEGIN SELECT 1; SELECT 2; END //
CREATE EVENT ev1 ON SCHEDULE EVERY 1 DAY ON COMPLETION PRESERVE DISABLE COMMENT 'nightly'
  DO BEGIN DELETE FROM `a/b` WHERE id < 0; DELETE FROM `a/b` WHERE id > 1000; END //
DELIMITER ;
SQL
out="$LIVE_TMP/deep/er/out"
"$SQLSHAPE" export --url "$(my_url "$db")" --dir "$out" >"$LIVE_TMP/log" 2>&1
rc=$?
if [ $rc -ne 0 ] && sqlshape_not_built "$LIVE_TMP/log"; then
	skip "export --dir: $(head -1 "$LIVE_TMP/log")"
	done_testing
fi
is "export --dir exits 0" 0 "$rc"
is "export --dir prints nothing" "" "$(cat "$LIVE_TMP/log")"
is "one file per table, view and routine, names made safe" \
"%2Ehidden.sql
a%2Fb.sql
customers.sql
ev1.event.sql
f1.function.sql
order_items.sql
order_totals.sql
orders.sql
p1.procedure.sql
products.sql" "$(cd "$out" && ls -A | LC_ALL=C sort)"
contains "a table's file holds the table" 'CREATE TABLE `order_items`' "$out/order_items.sql"
contains "a table's file holds its trigger" 'CREATE TRIGGER `order_items_take_stock`' \
	"$out/order_items.sql"
lacks "other tables' files hold no trigger" 'TRIGGER' "$out/orders.sql"
contains "the view's file" 'VIEW `order_totals`' "$out/order_totals.sql"
contains "the procedure's file" 'PROCEDURE `p1`' "$out/p1.procedure.sql"
contains "the function's file" 'FUNCTION `f1`' "$out/f1.function.sql"
contains "the event's file" "EVENT \`ev1\` ON SCHEDULE EVERY 1 DAY STARTS '" "$out/ev1.event.sql"
contains "the event keeps its properties" "ON COMPLETION PRESERVE DISABLE COMMENT 'nightly' DO BEGIN" "$out/ev1.event.sql"

"$modelcmp" "$out" "$(my_url "$db")" >"$LIVE_TMP/cmp" 2>&1
rc=$?
if [ $rc -eq 77 ]; then
	skip "modelcmp: $(cat "$LIVE_TMP/cmp")"
else
	is "the directory parses to the server's model" 0 "$rc"
	[ $rc -eq 0 ] || sed 's/^/#   /' "$LIVE_TMP/cmp" | head
fi

echo 'CREATE TABLE gone (id int);' >"$out/gone.sql"
echo notes >"$out/notes.txt"
"$SQLSHAPE" export --url "$(my_url "$db")" --dir "$out" >/dev/null 2>&1
ok "without --prune a stale file stays" test -f "$out/gone.sql"
"$SQLSHAPE" export --url "$(my_url "$db")" --dir "$out" --prune >"$LIVE_TMP/log" 2>&1
is "--prune exits 0" 0 "$?"
fails "--prune removes the stale *.sql" test -f "$out/gone.sql"
ok "--prune leaves other files alone" test -f "$out/notes.txt"
is "no temporary files left" "" "$(cd "$out" && ls -A | grep -v '\.sql$' | grep -v '^notes.txt$')"

: >"$LIVE_TMP/afile"
"$SQLSHAPE" export --url "$(my_url "$db")" --dir "$LIVE_TMP/afile/sub" >"$LIVE_TMP/log" 2>&1
is "--dir under a file: exit status 1" 1 "$?"
contains "--dir under a file: message" "cannot create directory" "$LIVE_TMP/log"
done_testing
