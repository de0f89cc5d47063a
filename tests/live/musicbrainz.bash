# tests/live/musicbrainz.bash (sourced, not a test of its own: hence not .sh): MusicBrainz's
# Create*.sql files as one file, set up the way its own scripts (InitDb.pl) set a database up.
#
# mb_file DIR OUT: DIR's Create*.sql files, in the order InitDb.pl runs them, after what its
# scripts do first: schema musicbrainz (first on the database's search_path: see mb_db),
# cube and earthdistance (and unaccent) installed into it. Its C extension
# musicbrainz_unaccent is not available here: the one statement that needs it is replaced by an
# SQL stand-in of the same name and signature, so that the indexes that call it load.
mb_file() {
	{
		cat <<'SQL'
CREATE SCHEMA musicbrainz;
CREATE EXTENSION cube WITH SCHEMA musicbrainz;
CREATE EXTENSION earthdistance WITH SCHEMA musicbrainz;
CREATE EXTENSION unaccent WITH SCHEMA musicbrainz;
SET search_path = musicbrainz, public;
CREATE FUNCTION musicbrainz_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$SELECT unaccent($1)$$;
SQL
		for f in CreateCollations CreateSearchConfiguration CreateTypes CreateTables CreateFunctions \
			CreatePrimaryKeys CreateFKConstraints CreateConstraints CreateIndexes CreateViews CreateTriggers; do
			cat "$1/$f.sql"
			echo
		done
	} >"$2"
}

# mb_db DB: the database's search_path as MusicBrainz sets it.
mb_db() {
	$SQLSHAPE_TEST_PSQL -d postgres -c "ALTER DATABASE \"$1\" SET search_path = musicbrainz, public" >/dev/null
}
