#!/usr/bin/env bash
# Real PostgreSQL schemas (../shared/real-schemas/postgres) loaded with psql into fresh
# databases: each one's catalogue (pg_catalog_read) must equal pg_parse + pg_normalize of the
# file. Files PostgreSQL 15 cannot load here are skipped visibly: those needing extensions that
# are not installed (PostGIS), the PostgreSQL 18 dump of Pagila (VIRTUAL generated columns),
# GitLab's two big
# structure files (minutes to load; checked by hand, see the README of tests/live).
. "$(dirname "$0")/lib.sh"
need_pg
pgcat="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/pgcat"
dir="$LIVE_SHARED/real-schemas/postgres"
if [ ! -d "$dir" ]; then
	skip "no $dir"
	done_testing
fi
for name in zabbix-4.0.19-054b81c zabbix-5.0.5-34525d7 zabbix-6.0.5-973fa9e \
	synapse-main-full54-8751f0ef32 synapse-main-full72-a58ad44eb0 \
	osm-structure-c848a8824 osm-structure-4e3d84049 \
	danbooru-structure-7442135ff danbooru-structure-6066256fb \
	gitlab-geo-structure-6714c913 pagila-schema-fef9675; do
	db=$(pg_fresh_db "$(printf '%s' "$name" | cut -c1-24 | tr -c 'A-Za-z0-9\n' '_')")
	ok "$name: loads" pg_load "$db" "$dir/$name.sql"
	ok "$name: catalogue equals the parsed file" "$pgcat" "$(pg_url "$db")" "$dir/$name.sql"
	$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1
done
skip "osm-structure-192394b35: needs PostGIS, not installed"
skip "pagila-schema-85bf46a: a PostgreSQL 18 dump (VIRTUAL generated columns) that 15 cannot load"
# MusicBrainz: its Create*.sql files together, set up the way its scripts do (musicbrainz.bash).
. "$LIVE_ROOT/tests/live/musicbrainz.bash"
for name in musicbrainz-162d130821 musicbrainz-805f906e09; do
	[ -d "$dir/$name" ] || { skip "$name: not in $dir"; continue; }
	db=$(pg_fresh_db "$(printf '%s' "$name" | cut -c1-24 | tr -c 'A-Za-z0-9\n' '_')")
	mb="$LIVE_TMP/$name.sql"
	mb_file "$dir/$name" "$mb"
	mb_db "$db"
	ok "$name: loads" pg_load "$db" "$mb"
	ok "$name: the Create*.sql files parse together" "$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/pgparse" "$mb"
	ok "$name: catalogue equals the parsed files" "$pgcat" "$(pg_url "$db")" "$mb"
	$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1
done
# GitLab's two structure files take minutes to load: run with SQLSHAPE_TEST_GITLAB=1.
if [ "${SQLSHAPE_TEST_GITLAB:-}" = 1 ]; then
	for name in gitlab-init_structure-6714c913 gitlab-structure-6714c913; do
		db=$(pg_fresh_db "$(printf '%s' "$name" | cut -c1-24 | tr -c 'A-Za-z0-9\n' '_')")
		ok "$name: loads" pg_load "$db" "$dir/$name.sql"
		ok "$name: catalogue equals the parsed file" "$pgcat" "$(pg_url "$db")" "$dir/$name.sql"
		"$SQLSHAPE" export --url "$(pg_url "$db")" >"$LIVE_TMP/gitlab-export.sql" 2>"$LIVE_TMP/gitlab-export.err"
		is "$name: export exit status" 0 "$?"
		ok "$name: parse(export) equals the catalogue" "$pgcat" "$(pg_url "$db")" "$LIVE_TMP/gitlab-export.sql"
		$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1
	done
else
	skip "gitlab-init_structure/gitlab-structure: minutes to load; run with SQLSHAPE_TEST_GITLAB=1"
fi
done_testing
