#!/usr/bin/env bash
# The MySQL catalogue reader's fetch step (build/tools/mycatalog): a handful of round trips
# whatever the number of tables, and the very texts SHOW CREATE gives, for tables, views,
# routines and triggers (in firing order).
. "$(dirname "$0")/lib.sh"
need_mysql
tool="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/mycatalog"

db=$(my_fresh_db many)
{
	for i in $(seq 1 401); do
		printf 'CREATE TABLE `t%03d` (id int PRIMARY KEY, v varchar(20) DEFAULT '"'"'x;y'"'"');\n' "$i"
	done
	echo 'CREATE TABLE `we``ird` (`a b` int) COMMENT '"'"'it'"''"'s'"'"';'
	echo 'CREATE VIEW v1 AS SELECT id FROM t001 WHERE v <> '"'"';'"'"';'
	echo 'CREATE TRIGGER tr_b BEFORE INSERT ON t002 FOR EACH ROW SET NEW.v = CONCAT(NEW.v, '"'"';'"'"');'
	echo 'CREATE TRIGGER tr_a BEFORE INSERT ON t002 FOR EACH ROW FOLLOWS tr_b SET NEW.v = UPPER(NEW.v);'
	echo 'CREATE FUNCTION f1(x int) RETURNS int DETERMINISTIC RETURN x + 1;'
	echo 'DELIMITER //'
	echo 'CREATE PROCEDURE p1() BEGIN SELECT 1; SELECT 2; END //'
	echo 'DELIMITER ;'
} >"$LIVE_TMP/many.sql"
ok "load 402 tables, a view, two triggers and two routines" my_load "$db" "$LIVE_TMP/many.sql"

"$tool" "$(my_url "$db")" >"$LIVE_TMP/cat" 2>"$LIVE_TMP/cat.err"
is "mycatalog exits 0" 0 "$?"
# 1 (tables) + 1 (routines) + ceil(405 / 200) SHOW CREATE batches + 1 (triggers)
is "round trips: 6 for 407 objects" "-- round trips: 6" "$(tail -1 "$LIVE_TMP/cat")"
is "every object listed" 407 "$(grep -c '^-- [A-Z]* ' "$LIVE_TMP/cat")"
is "objects by kind" "1 FUNCTION
1 PROCEDURE
402 TABLE
2 TRIGGER
1 VIEW" "$(grep '^-- [A-Z]* ' "$LIVE_TMP/cat" | grep -v 'round trips' | cut -d' ' -f2 | sort | uniq -c | sed 's/^ *//')"

# The text of one object: from its header line to the next header.
obj_text() {
	awk -v h="-- $1" '$0 == h { on = 1; next } /^-- / { on = 0 } on' "$LIVE_TMP/cat"
}
for t in t001 t250 t401 'we`ird'; do
	q=$(printf '%s' "$t" | sed 's/`/``/g')
	is "SHOW CREATE TABLE text of $t" \
		"$($SQLSHAPE_TEST_MYSQL_CLIENT --raw -N -B "$db" -e "SHOW CREATE TABLE \`$q\`" | cut -f2-)" \
		"$(obj_text "TABLE $t")"
done
is "SHOW CREATE VIEW text" \
	"$($SQLSHAPE_TEST_MYSQL_CLIENT --raw -N -B "$db" -e 'SHOW CREATE VIEW v1' | cut -f2)" \
	"$(obj_text "VIEW v1")"
# Multi-line: compare in the client's escaped batch form (newline as \n).
is "SHOW CREATE PROCEDURE text (a body with semicolons)" \
	"$($SQLSHAPE_TEST_MYSQL_CLIENT -N -B "$db" -e 'SHOW CREATE PROCEDURE p1' | cut -f3)" \
	"$(obj_text "PROCEDURE p1" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')"
is "triggers in firing order" "-- TRIGGER tr_b
-- TRIGGER tr_a" "$(grep '^-- TRIGGER' "$LIVE_TMP/cat")"
is "trigger text rebuilt from information_schema" \
	"CREATE DEFINER=\`root\`@\`localhost\` TRIGGER \`tr_b\` BEFORE INSERT ON \`t002\` FOR EACH ROW SET NEW.v = CONCAT(NEW.v, ';')" \
	"$(obj_text "TRIGGER tr_b")"

empty=$(my_fresh_db empty)
"$tool" "$(my_url "$empty")" >"$LIVE_TMP/empty" 2>&1
is "empty database: only the round trips line" "-- round trips: 3" "$(cat "$LIVE_TMP/empty")"

# A table the user cannot see the definition of is an error, not a silent gap.
$SQLSHAPE_TEST_MYSQL_CLIENT -e "CREATE USER IF NOT EXISTS 'lim'@'127.0.0.1' IDENTIFIED BY 'limpw';
	GRANT SELECT (id) ON \`$db\`.t001 TO 'lim'@'127.0.0.1'"
"$tool" "mysql://lim:limpw@127.0.0.1:$SQLSHAPE_TEST_MYSQL_PORT/$db" >"$LIVE_TMP/lim" 2>&1
is "limited user: exit status" 1 "$?"
contains "limited user: the server's refusal is reported" "server error" "$LIVE_TMP/lim"
lacks "limited user: password not shown" "limpw" "$LIVE_TMP/lim"
$SQLSHAPE_TEST_MYSQL_CLIENT -e "DROP USER 'lim'@'127.0.0.1'"
done_testing
