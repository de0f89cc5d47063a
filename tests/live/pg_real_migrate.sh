#!/usr/bin/env bash
# tests/live/pg_real_migrate.sh: real PostgreSQL schemas (../shared/real-schemas/postgres)
# migrated from an older version to a newer one with `sqlshape apply --allow-drop`: Zabbix
# 4.0.19 -> 5.0.5 -> 6.0.5, Synapse 54 -> 72, OpenStreetMap c848a8824 -> 4e3d84049, Danbooru
# 7442135ff -> 6066256fb (and GitLab init_structure -> structure with SQLSHAPE_TEST_GITLAB=1).
# Before each migration one row goes into every empty table without
# foreign keys (see fill_rows); afterwards the database must equal the newer file loaded directly
# (pg_dump --schema-only, column order inside tables ignored), a second plan must be empty and
# every table that exists on both sides must keep its rows.
. "$(dirname "$0")/lib.sh"
need_pg
R="$LIVE_SHARED/real-schemas/postgres"
canon="$LIVE_ROOT/tests/live/pg_dump_canon.py"
if [ ! -d "$R" ]; then
	skip "no $R"
	done_testing
fi

load_as_user() {  # load_as_user DB FILE: the test user owns what the files create
	"$SQLSHAPE_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$(pg_url "$1")" -f "$2"
}

pg_dump_canon() {
	# shellcheck disable=SC2086
	"$SQLSHAPE_TEST_PG_BIN/pg_dump" $SQLSHAPE_TEST_PG_ARGS --schema-only --no-owner --no-privileges --exclude-schema=_sqlshape -d "$1" | "$canon"
}

counts() {  # counts DB: "schema.table n" for each table, sorted
	pg_sql "$1" "SELECT n.nspname || '.' || c.relname || ' ' ||
		(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', '_sqlshape') AND n.nspname NOT LIKE 'pg_toast%'
		ORDER BY 1"
}

# One row in each empty table without foreign keys: every column without a default gets a
# value of its type category (1, 'x', true, now(), '{}', an enum's first label, a new uuid);
# columns of other types stay NULL. Rows with dangling references would fail the newer schema
# on the data itself, which the upgrade scripts of these projects fix up by hand first. Each
# INSERT on its own: one that fails (a check, an unknown NOT NULL type) leaves the others.
fill_rows() {
	pg_sql "$1" "SELECT format('INSERT INTO %I.%I (%s) VALUES (%s);', n.nspname, c.relname,
			string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), string_agg(v.val, ', ' ORDER BY a.attnum))
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.atthasdef
			AND a.attidentity = '' AND a.attgenerated = ''
		JOIN pg_type t ON t.oid = a.atttypid
		CROSS JOIN LATERAL (SELECT CASE
			WHEN t.typtype = 'e' THEN quote_literal((SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder LIMIT 1))
			WHEN t.typcategory = 'N' THEN '1'
			WHEN t.typcategory = 'S' THEN quote_literal('x')
			WHEN t.typcategory = 'B' THEN 'true'
			WHEN t.typcategory = 'D' THEN 'now()'
			WHEN t.typcategory = 'A' THEN quote_literal('{}')
			WHEN t.typname IN ('json', 'jsonb') THEN quote_literal('{}')
			WHEN t.typname = 'uuid' THEN 'gen_random_uuid()'
			WHEN t.typname = 'inet' THEN quote_literal('127.0.0.1')
			WHEN t.typname = 'bytea' THEN quote_literal('x')
			ELSE 'NULL' END AS val) v
		WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema')
		AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f')
		AND (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text = '0'
		GROUP BY n.nspname, c.relname ORDER BY 1" >"$LIVE_TMP/fill.sql"
	"$SQLSHAPE_TEST_PG_BIN/psql" -X -q -d "$(pg_url "$1")" -f "$LIVE_TMP/fill.sql" >/dev/null 2>&1
	counts "$1" | awk '$2 > 0' | wc -l
}

# A table that gains a NOT NULL column without a default cannot keep rows through ADD COLUMN:
# the projects' own upgrades fill such columns (Zabbix's dbversion.dbversionid and
# users.roleid, GitLab's users.organization_id). Those tables are emptied first (their rows do
# not count as kept or lost). With BACKFILLED=1 also those that gain a validated CHECK (added
# whole, or NOT VALID and then validated: the planner's recipe) or SET NOT NULL: GitLab adds
# them after background migrations have filled the columns.
empty_tables_gaining_required_columns() {  # DB NEWER-FILE
	"$SQLSHAPE" plan --allow-drop --url "$(pg_url "$1")" "$2" 2>/dev/null | python3 -c '
import re, sys
for line in sys.stdin:
    m = re.match(r"ALTER TABLE (\"[^\"]+\"\.\"[^\"]+\") (.*);$", line.rstrip())
    if not m:
        continue
    for clause in re.split(r", (?=ADD |DROP |ALTER |VALIDATE )", m.group(2)):
        if (clause.startswith("ADD COLUMN ") and " NOT NULL" in clause and " DEFAULT " not in clause
                and " GENERATED " not in clause) or (sys.argv[1] and (
                (clause.startswith("ADD CONSTRAINT ") and " CHECK " in clause and not clause.endswith("NOT VALID"))
                or clause.startswith("VALIDATE CONSTRAINT ") or clause.endswith(" SET NOT NULL"))):
            print("DELETE FROM %s;" % m.group(1))
            break
' "${BACKFILLED:-}" | sort -u >"$LIVE_TMP/empty.sql"
	if [ -s "$LIVE_TMP/empty.sql" ]; then
		echo "# emptied first: $(wc -l <"$LIVE_TMP/empty.sql") tables: $(head -5 "$LIVE_TMP/empty.sql" | tr '\n' ' ')..."
		# (triggers off: GitLab's users trigger records deletions in a table with no partition yet)
		{ echo "SET session_replication_role = replica;"; cat "$LIVE_TMP/empty.sql"; } |
			"$SQLSHAPE_TEST_PG_BIN/psql" -X -q -d "$(pg_url "$1")" >/dev/null 2>&1
	fi
}

apply_quiet() {
	"$SQLSHAPE" apply --allow-drop --url "$1" "$2" >"$LIVE_TMP/apply.log" 2>"$LIVE_TMP/apply.err"
	local rc=$?
	[ $rc = 0 ] || grep -v '^  ' "$LIVE_TMP/apply.err" | head -20
	return $rc
}

# migrate NAME DB NEWER-FILE: apply, compare, plan again, rows.
migrate() {
	local name=$1 db=$2 newer=$3 ref
	ref=$(pg_fresh_db "ref")
	[ -z "${PREPARE_REF:-}" ] || "$PREPARE_REF" "$ref"
	ok "$name: newer schema loads directly" load_as_user "$ref" "$newer"
	empty_tables_gaining_required_columns "$db" "$newer"
	counts "$db" >"$LIVE_TMP/before"
	ok "$name: apply" apply_quiet "$(pg_url "$db")" "$newer"
	"$SQLSHAPE" plan --allow-drop --url "$(pg_url "$db")" "$newer" >"$LIVE_TMP/plan2" 2>"$LIVE_TMP/plan2.err"
	local rc=$?
	is "$name: second plan is empty (exit 0)" 0 "$rc"
	[ $rc = 0 ] || head -c 2000 "$LIVE_TMP/plan2" | sed 's/^/#   /'
	pg_dump_canon "$ref" >"$LIVE_TMP/want"
	pg_dump_canon "$db" >"$LIVE_TMP/got"
	# REAL_KEEP=DIR keeps the two canonical dumps (by hand, to study a difference)
	if [ -n "${REAL_KEEP:-}" ]; then
		cp "$LIVE_TMP/want" "$REAL_KEEP/${name%% *}.want"
		cp "$LIVE_TMP/got" "$REAL_KEEP/${name%% *}.got"
	fi
	LIVE_TODO=${DUMP_TODO:-}
	same_files "$name: equals the newer schema loaded directly" "$LIVE_TMP/want" "$LIVE_TMP/got"
	LIVE_TODO=""
	counts "$db" >"$LIVE_TMP/after"
	join "$LIVE_TMP/before" "$LIVE_TMP/after" | awk '$2 != $3 { print "rows changed: " $0 }' >"$LIVE_TMP/lost"
	is "$name: rows kept in the tables that stay" "" "$(cat "$LIVE_TMP/lost")"
	$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$ref\"" >/dev/null 2>&1
}

# start NAME OLDER-FILE: a fresh database holding the older schema and rows; prints its name.
start() {
	local db
	db=$(pg_fresh_db "$1")
	ok "$1: older schema loads" load_as_user "$db" "$2" >&2
	echo "# $1: $(fill_rows "$db") tables hold rows" >&2
	echo "$db"
}

# REAL_CASES="synapse osm": only those (by hand)
want() { case " ${REAL_CASES:-$1} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

if want zabbix; then
db=$(start zabbix "$R/zabbix-4.0.19-054b81c.sql")
migrate "zabbix 4.0.19 -> 5.0.5" "$db" "$R/zabbix-5.0.5-34525d7.sql"
migrate "zabbix 5.0.5 -> 6.0.5" "$db" "$R/zabbix-6.0.5-973fa9e.sql"
fi

if want synapse; then
db=$(start synapse "$R/synapse-main-full54-8751f0ef32.sql")
migrate "synapse 54 -> 72" "$db" "$R/synapse-main-full72-a58ad44eb0.sql"
fi

if want osm; then
db=$(start osm "$R/osm-structure-c848a8824.sql")
migrate "osm c848a8824 -> 4e3d84049" "$db" "$R/osm-structure-4e3d84049.sql"
fi

if want danbooru; then
db=$(start danbooru "$R/danbooru-structure-7442135ff.sql")
migrate "danbooru 7442135ff -> 6066256fb" "$db" "$R/danbooru-structure-6066256fb.sql"
fi

# GitLab init_structure -> structure (1,067 -> 1,401 tables, 2,297 partitions): each file takes
# about a minute to load here, so it runs only when asked (SQLSHAPE_TEST_GITLAB=1). The file
# names the partitions' own indexes of its partitioned indexes (CREATE INDEX on the partition,
# ALTER INDEX parent ATTACH PARTITION): the migrated database's must carry the same names.
if [ -n "${SQLSHAPE_TEST_GITLAB:-}" ] && want gitlab; then
	db=$(start gitlab "$R/gitlab-init_structure-6714c913.sql")
	BACKFILLED=1 migrate "gitlab init_structure -> structure" "$db" "$R/gitlab-structure-6714c913.sql"
else
	skip "gitlab init_structure -> structure: minutes to load (SQLSHAPE_TEST_GITLAB=1 runs it)"
fi
# MusicBrainz 162d130821 -> 805f906e09: its Create*.sql files together, each version set up
# the way its scripts do (musicbrainz.bash: its own schema first on the search_path, cube and
# earthdistance, an SQL stand-in for its C extension musicbrainz_unaccent). The reference
# database for the newer files gets the same search_path.
if want musicbrainz; then
	if [ -d "$R/musicbrainz-162d130821" ] && [ -d "$R/musicbrainz-805f906e09" ]; then
		. "$LIVE_ROOT/tests/live/musicbrainz.bash"
		mb_file "$R/musicbrainz-162d130821" "$LIVE_TMP/mb-old.sql"
		mb_file "$R/musicbrainz-805f906e09" "$LIVE_TMP/mb-new.sql"
		db=$(pg_fresh_db musicbrainz)
		mb_db "$db"
		ok "musicbrainz: older schema loads" load_as_user "$db" "$LIVE_TMP/mb-old.sql"
		echo "# musicbrainz: $(fill_rows "$db") tables hold rows"
		PREPARE_REF=mb_db migrate "musicbrainz 162d130821 -> 805f906e09" "$db" "$LIVE_TMP/mb-new.sql"
	else
		skip "musicbrainz: not in $R"
	fi
fi
done_testing
