#!/usr/bin/env bash
# tests/live/real_migrate.sh: real schemas migrated from an older version to a newer one with
# `sqlshape apply --allow-drop` (../shared/real-schemas/mysql): Zabbix 4.0.19 -> 5.0.5 -> 6.0.5,
# MediaWiki tables.sql, tables-generated.sql, MISP, Friendica, employees. Before each
# migration one row goes into every table; afterwards the database must equal the newer
# schema loaded directly (SHOW CREATE texts), a second plan must be empty, and every table
# that exists on both sides must still hold its row.
# Every schema is loaded twice and migrated: about 15 s on an idle 2-core machine.
. "$(dirname "$0")/lib.sh"
need_mysql
if ! "$SQLSHAPE" plan --help >/dev/null 2>&1; then
	skip "sqlshape plan is not built yet (it needs the MySQL parser)"
	done_testing
fi
R="$LIVE_SHARED/real-schemas/mysql"

# One row in each base table whose columns are all NOT NULL and that has no foreign key:
# missing columns take their implicit defaults (non-strict session). Rows with NULLs or
# dangling references would make the newer schema's NOT NULL columns and foreign keys fail on
# the data itself, which the upgrade scripts of these projects fix up by hand first.
fill_rows() {
	local db=$1 t
	my_sql information_schema "SELECT t.TABLE_NAME FROM TABLES t WHERE t.TABLE_SCHEMA='$db'
		AND t.TABLE_TYPE='BASE TABLE' AND NOT EXISTS (SELECT 1 FROM COLUMNS c
		WHERE c.TABLE_SCHEMA=t.TABLE_SCHEMA AND c.TABLE_NAME=t.TABLE_NAME AND c.IS_NULLABLE='YES')
		AND NOT EXISTS (SELECT 1 FROM KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA=t.TABLE_SCHEMA
		AND k.TABLE_NAME=t.TABLE_NAME AND k.REFERENCED_TABLE_NAME IS NOT NULL)" |
		sort >"$LIVE_TMP/eligible"
	# Only tables the file left empty: a second row could collide with a key the newer
	# schema adds (Zabbix's dbversion gains a primary key).
	counts "$db" | awk '$2 == 0 { print $1 }' | sort | join - "$LIVE_TMP/eligible" |
		while read -r t; do
			echo "INSERT IGNORE INTO \`$t\` () VALUES ();"
		done >"$LIVE_TMP/fill.sql"
	{ echo "SET SESSION sql_mode=''; SET SESSION foreign_key_checks=0;"; cat "$LIVE_TMP/fill.sql"; } >"$LIVE_TMP/fill2.sql"
	my_load "$db" "$LIVE_TMP/fill2.sql" >/dev/null 2>&1
}

counts() {  # counts DB: "table n" per base table, in one round trip
	local db=$1
	my_sql information_schema "SELECT TABLE_NAME FROM TABLES WHERE TABLE_SCHEMA='$db' AND TABLE_TYPE='BASE TABLE' ORDER BY 1" |
		awk -v q="'" '{ printf "%sSELECT %s%s%s, COUNT(*) FROM `%s`\n", (NR > 1 ? "UNION ALL " : ""), q, $1, q, $1 }' \
		>"$LIVE_TMP/counts.sql"
	[ -s "$LIVE_TMP/counts.sql" ] && my_load "$db" "$LIVE_TMP/counts.sql" | tail -n +2 | tr '\t' ' ' | sort
}

# apply with the progress report kept aside: on failure the evidence is the error itself.
apply_quiet() {
	"$SQLSHAPE" apply --allow-drop --url "$1" "$2" >"$LIVE_TMP/apply.log" 2>"$LIVE_TMP/apply.err"
	local rc=$?
	grep -v '^  ' "$LIVE_TMP/apply.err"
	return $rc
}

# migrate NAME DB NEWER-FILE: apply, compare, plan again, rows.
migrate() {
	local name=$1 db=$2 newer=$3 ref
	my_prepare "$newer" "$LIVE_TMP/newer.sql"
	strict_off "$LIVE_TMP/newer.sql"
	ref=$(my_fresh_db "ref_$name")
	set_charset "$ref"
	ok "$name: newer schema loads directly" my_load "$ref" "$LIVE_TMP/newer.sql"
	counts "$db" >"$LIVE_TMP/before"
	ok "$name: apply" apply_quiet "$(my_url "$db")" "$LIVE_TMP/newer.sql"
	ok "$name: second plan is empty" "$SQLSHAPE" plan --allow-drop --url "$(my_url "$db")" "$LIVE_TMP/newer.sql"
	my_show_create "$ref" | "$LIVE_ROOT/tests/peer/canon_state.py" >"$LIVE_TMP/want"
	my_show_create "$db" | "$LIVE_ROOT/tests/peer/canon_state.py" >"$LIVE_TMP/got"
	same_files "$name: equals the newer schema loaded directly" "$LIVE_TMP/want" "$LIVE_TMP/got"
	counts "$db" >"$LIVE_TMP/after"
	# Tables on both sides keep their rows.
	join "$LIVE_TMP/before" "$LIVE_TMP/after" | awk '$2 != $3 { print "rows changed: " $0 }' >"$LIVE_TMP/lost"
	is "$name: rows kept in the tables that stay" "" "$(cat "$LIVE_TMP/lost")"
}

# Zabbix 4.0's host_inventory is wider than InnoDB's strict row-size check allows: the files
# load as their authors load them, with innodb_strict_mode off (sqlshape ignores SET).
strict_off() {
	sed -i '1i SET SESSION innodb_strict_mode = 0;' "$1"
}

# Zabbix wants a utf8 (3-byte) binary-collated database: its keys are too long for utf8mb4.
DB_CHARSET=
NO_FILL=
set_charset() {
	[ -n "$DB_CHARSET" ] && my_sql "$1" "ALTER DATABASE \`$1\` CHARACTER SET $DB_CHARSET"
}

# start NAME OLDER-FILE: a database with the older schema and one row per table.
start() {
	local db
	my_prepare "$2" "$LIVE_TMP/older.sql"
	strict_off "$LIVE_TMP/older.sql"
	db=$(my_fresh_db "$1")
	set_charset "$db"
	my_load "$db" "$LIVE_TMP/older.sql" >/dev/null 2>&1 || true
	[ -n "$NO_FILL" ] || fill_rows "$db"
	echo "$db"
}

# Zabbix's upgrades put rows into new parent tables (roles) before adding the foreign keys
# that need them: synthetic child rows would be orphans, so only the file's own row
# (dbversion) travels through its migrations.
DB_CHARSET="utf8mb3 COLLATE utf8mb3_bin"
NO_FILL=1
db=$(start zabbix "$R/zabbix-4.0.19-054b81c.sql")
migrate zabbix_4_to_5 "$db" "$R/zabbix-5.0.5-34525d7.sql"
migrate zabbix_5_to_6 "$db" "$R/zabbix-6.0.5-973fa9e.sql"
DB_CHARSET=
NO_FILL=
db=$(start mediawiki "$R/mediawiki-tables-2224e31507.sql")
migrate mediawiki "$db" "$R/mediawiki-tables-c3c22e9ae8.sql"
db=$(start mwgen "$R/mediawiki-tables-generated-22937aeb64.sql")
migrate mediawiki_generated "$db" "$R/mediawiki-tables-generated-03748077.sql"
db=$(start misp "$R/misp-MYSQL-16a271340.sql")
migrate misp "$db" "$R/misp-MYSQL-41f45fb5d.sql"
db=$(start friendica "$R/friendica-database-7371070cde.sql")
migrate friendica "$db" "$R/friendica-database-a0a8aeb304.sql"
db=$(start employees "$R/employees-5cd6371.sql")
migrate employees "$db" "$R/employees-3c7fa05.sql"
done_testing
