#!/usr/bin/env bash
# The MySQL catalogue read into the model (executor/mysql_catalog.c): table sizes attached
# from information_schema, trigger firing order kept, views without their own database's
# qualifiers, compound routine bodies parsed, and parse errors naming the object.
. "$(dirname "$0")/lib.sh"
need_mysql
sqlexec="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/sqlexec"

db=$(my_fresh_db a)
my_load "$db" /dev/stdin >/dev/null <<'SQL'
CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, v varchar(100)) ENGINE=InnoDB;
INSERT INTO t (v) VALUES ('a'), ('b'), ('c');
ANALYZE TABLE t;
CREATE TABLE empty_t (id int PRIMARY KEY);
CREATE TRIGGER t_b1 BEFORE INSERT ON t FOR EACH ROW SET NEW.v = UPPER(NEW.v);
CREATE TRIGGER t_b2 BEFORE INSERT ON t FOR EACH ROW FOLLOWS t_b1 SET NEW.v = CONCAT(NEW.v, '!');
CREATE TRIGGER t_b0 BEFORE INSERT ON t FOR EACH ROW PRECEDES t_b1 SET NEW.v = TRIM(NEW.v);
DELIMITER //
CREATE PROCEDURE p(IN n int) BEGIN DECLARE i int DEFAULT 0; WHILE i < n DO SET i = i + 1; END WHILE; SELECT i; END //
CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC BEGIN RETURN x * 2; END //
DELIMITER ;
SQL
my_sql "$db" "CREATE VIEW v AS SELECT \`$db\`.t.id FROM \`$db\`.t"

"$sqlexec" "$(my_url "$db")" -sizes >"$LIVE_TMP/sizes" 2>&1
is "catalog_read: exit status" 0 "$?"
read -r _ name rows bytes ai <<<"$(grep '^size t ' "$LIVE_TMP/sizes")"
is "est_rows from information_schema" 3 "$rows"
ok "data_bytes from information_schema" test "${bytes:-0}" -gt 0
is "auto_increment from the server" 4 "$ai"
is "an empty table: 0 rows" "size empty_t 0" "$(grep '^size empty_t ' "$LIVE_TMP/sizes" | cut -d' ' -f1-3)"

"$SQLSHAPE" export --url "$(my_url "$db")" >"$LIVE_TMP/export.sql" 2>"$LIVE_TMP/export.err"
is "export: exit status" 0 "$?"
is "triggers in firing order, FOLLOWS kept" \
"CREATE TRIGGER \`t_b0\` BEFORE INSERT ON \`t\` FOR EACH ROW
CREATE TRIGGER \`t_b1\` BEFORE INSERT ON \`t\` FOR EACH ROW FOLLOWS \`t_b0\`
CREATE TRIGGER \`t_b2\` BEFORE INSERT ON \`t\` FOR EACH ROW FOLLOWS \`t_b1\`" \
	"$(grep -o 'CREATE TRIGGER .* FOR EACH ROW\( FOLLOWS `[a-z0-9_]*`\)\?' "$LIVE_TMP/export.sql")"
lacks "the view names no database" "\`$db\`" "$LIVE_TMP/export.sql"
contains "the procedure's compound body is exported" "WHILE" "$LIVE_TMP/export.sql"
dst=$(my_fresh_db b)
ok "the export loads" my_load "$dst" "$LIVE_TMP/export.sql"
is "firing order survives the round trip" "t_b0 1
t_b1 2
t_b2 3" "$(my_sql information_schema "SELECT TRIGGER_NAME, ACTION_ORDER FROM TRIGGERS
	WHERE TRIGGER_SCHEMA = '$dst' ORDER BY ACTION_ORDER" | tr '\t' ' ')"
is "the procedure works after the round trip" 5 "$(my_sql "$dst" 'CALL p(5)')"

# A MariaDB sequence is part of the model: exported in load order between the tables.
sq=$(my_fresh_db seq)
my_sql "$sq" 'CREATE TABLE a (id int); CREATE SEQUENCE s1 START WITH 5 INCREMENT BY 2; CREATE TABLE b (id int)'
"$SQLSHAPE" export --url "$(my_url "$sq")" >"$LIVE_TMP/sq.sql" 2>"$LIVE_TMP/sq.err"
is "a sequence: export exits 0" 0 "$?"
is "a sequence: no warning" "" "$(cat "$LIVE_TMP/sq.err")"
is "a sequence: exported" 1 "$(grep -c '^CREATE SEQUENCE `s1`' "$LIVE_TMP/sq.sql")"
is "a sequence: the tables around it are exported" 2 "$(grep -c '^CREATE TABLE' "$LIVE_TMP/sq.sql")"
done_testing
