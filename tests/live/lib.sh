# tests/live/lib.sh: the assertion library of the live tests; sourced by every tests/live/*.sh.
#
# The runner (tests/run-all.sh live) starts the throwaway servers once and exports their env
# (see tests/harness/servers.sh) and SQLSHAPE (the binary under test). A test script can also
# be run by hand after `. "$dir/env"`. Each assertion prints one TAP-like line, "ok N - what"
# or "not ok N - what" (with the evidence indented below it); the runner counts those lines.
# `done_testing` prints the totals and sets the exit status.
#
# Databases: `my_fresh_db NAME` / `pg_fresh_db NAME` drop and create a database named after
# the test script and NAME (so tests never share state) and print its name; `my_url DB` /
# `pg_url DB` give the test user's URL for it.

LIVE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LIVE_SHARED="$LIVE_ROOT/../shared"
LIVE_NAME=$(basename "${0%.sh}" | tr -c 'A-Za-z0-9_\n' '_')
LIVE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-live.XXXXXX")
trap 'rm -rf "$LIVE_TMP"' EXIT
: "${SQLSHAPE:=$LIVE_ROOT/build/sqlshape}"
_live_n=0
_live_fail=0

# LIVE_TODO="reason": while set, a failing assertion is a known bug reported elsewhere: it
# prints "ok N - what # TODO reason" with its evidence (TAP's TODO), and a passing one says the
# mark can go. Neither fails the run.
LIVE_TODO=""

_live_report() {  # _live_report STATUS WHAT [EVIDENCE-FILE]
	_live_n=$((_live_n + 1))
	if [ -n "$LIVE_TODO" ]; then
		if [ "$1" = 0 ]; then
			echo "ok $_live_n - $2 # TODO passes now: remove the known-bug mark ($LIVE_TODO)"
		else
			echo "ok $_live_n - $2 # TODO known bug: $LIVE_TODO"
			[ -n "${3:-}" ] && [ -s "$3" ] && head -c 600 "$3" | sed -e 's/^/#   /' -e '$a\'
		fi
		return
	fi
	if [ "$1" = 0 ]; then
		echo "ok $_live_n - $2"
	else
		_live_fail=$((_live_fail + 1))
		echo "not ok $_live_n - $2"
		if [ -n "${3:-}" ] && [ -s "$3" ]; then
			# (the cut may end mid-line: sed '$a\' ends it, so the next ok line stays whole)
			head -c 4000 "$3" | sed -e 's/^/#   /' -e '$a\'
		fi
	fi
}

# ok WHAT CMD...: passes when CMD exits 0; its output is shown on failure.
ok() {
	local what=$1 rc
	shift
	"$@" >"$LIVE_TMP/out" 2>&1
	rc=$?
	_live_report "$rc" "$what" "$LIVE_TMP/out"
}

# fails WHAT CMD...: passes when CMD exits non-zero (and did not crash).
fails() {
	local what=$1 rc
	shift
	"$@" >"$LIVE_TMP/out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then
		_live_report 0 "$what"
	else
		echo "(exit status $rc)" >>"$LIVE_TMP/out"
		_live_report 1 "$what" "$LIVE_TMP/out"
	fi
}

# is WHAT EXPECTED ACTUAL: string equality, with a diff on failure.
is() {
	if [ "$2" = "$3" ]; then
		_live_report 0 "$1"
	else
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed '1,2d' >"$LIVE_TMP/diff"
		_live_report 1 "$1" "$LIVE_TMP/diff"
	fi
}

# same_files WHAT EXPECTED-FILE ACTUAL-FILE
same_files() {
	if diff -u "$2" "$3" >"$LIVE_TMP/diff" 2>&1; then
		_live_report 0 "$1"
	else
		_live_report 1 "$1" "$LIVE_TMP/diff"
	fi
}

# contains WHAT NEEDLE HAYSTACK-FILE / lacks WHAT NEEDLE HAYSTACK-FILE (fixed strings)
contains() {
	if grep -qF -- "$2" "$3"; then
		_live_report 0 "$1"
	else
		_live_report 1 "$1" "$3"
	fi
}
lacks() {
	if ! grep -qF -- "$2" "$3"; then
		_live_report 0 "$1"
	else
		grep -nF -- "$2" "$3" | sed "s/$(printf '%s' "$2" | sed 's/[]\/$*.^[]/\\&/g')/<hidden>/g" \
			>"$LIVE_TMP/hits"
		_live_report 1 "$1" "$LIVE_TMP/hits"
	fi
}

# skip WHY: a test that cannot run here; counted as neither passed nor failed, but visible.
skip() {
	echo "# skip: $*"
}

done_testing() {
	echo "# $LIVE_NAME: $((_live_n - _live_fail)) passed, $_live_fail failed"
	[ "$_live_fail" -eq 0 ]
	exit
}

need_mysql() {
	if [ -z "${SQLSHAPE_TEST_MYSQL_URL:-}" ]; then
		echo "not ok 1 - no test MariaDB (run through tests/run-all.sh live)"
		exit 1
	fi
}
need_pg() {
	if [ -z "${SQLSHAPE_TEST_PG_URL:-}" ]; then
		echo "not ok 1 - no test PostgreSQL (run through tests/run-all.sh live)"
		exit 1
	fi
}

# --- MariaDB -------------------------------------------------------------------------------
# my_sql DB SQL: run SQL (several statements allowed) as root; tab-separated output, no headers.
my_sql() {
	$SQLSHAPE_TEST_MYSQL_CLIENT --batch --skip-column-names "$1" -e "$2"
}
# my_load DB FILE: run a file through the client (which understands DELIMITER).
my_load() {
	$SQLSHAPE_TEST_MYSQL_CLIENT --batch "$1" <"$2"
}
# my_load_unchecked DB FILE: the same with foreign key checks off, for loading test inputs
# whose statement order does not matter to the test (it makes FK-heavy schemas load fast).
my_load_unchecked() {
	{ echo 'SET foreign_key_checks = 0;'; cat "$2"; } | $SQLSHAPE_TEST_MYSQL_CLIENT --batch "$1"
}
my_fresh_db() {
	local db="t_${LIVE_NAME}_$1"
	db=${db:0:64}
	$SQLSHAPE_TEST_MYSQL_CLIENT -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`" ||
		return 1
	echo "$db"
}
my_url() {
	echo "${SQLSHAPE_TEST_MYSQL_URL}$1"
}
# my_show_create DB: what must survive a round trip, one object per line in name order:
# SHOW CREATE TABLE / VIEW of every table and view (AUTO_INCREMENT=N removed, the database's
# own name removed from views; newlines inside show as \n), then each routine's signature
# and characteristics, each trigger's table, timing, event and firing order, and each
# event's schedule (STARTS left out: it defaults to the creation time), completion, status,
# comment and body (the server keeps an event's body as written). Bodies of
# routines and triggers are compared through the model (modelcmp), not as text: the export
# prints them canonically. Two client runs, whatever the number of objects.
my_show_create() {
	local db=$1
	my_sql information_schema "
		SELECT CONCAT('SHOW CREATE ', IF(TABLE_TYPE = 'VIEW', 'VIEW',
			IF(TABLE_TYPE = 'SEQUENCE', 'SEQUENCE', 'TABLE')), ' \`',
			REPLACE(TABLE_NAME, '\`', '\`\`'), '\`;')
		FROM TABLES WHERE TABLE_SCHEMA = '$db' ORDER BY TABLE_NAME" >"$LIVE_TMP/show.sql"
	if [ -s "$LIVE_TMP/show.sql" ]; then
		# Tables give 2 columns, views 4: keep the CREATE text.
		my_load "$db" "$LIVE_TMP/show.sql" | grep -v '^Table	Create Table$' |
			grep -v '^View	Create View	' | cut -f2 |
			sed -E "s/ AUTO_INCREMENT=[0-9]+//; s/\`$db\`\\.//g"
	fi
	my_sql information_schema "
		SELECT R.ROUTINE_TYPE, R.ROUTINE_NAME, R.DTD_IDENTIFIER, R.IS_DETERMINISTIC,
			R.SQL_DATA_ACCESS, R.SECURITY_TYPE, R.ROUTINE_COMMENT,
			(SELECT GROUP_CONCAT(CONCAT_WS(' ', P.PARAMETER_MODE, P.PARAMETER_NAME, P.DTD_IDENTIFIER)
				ORDER BY P.ORDINAL_POSITION SEPARATOR ', ')
			 FROM PARAMETERS P WHERE P.SPECIFIC_SCHEMA = R.ROUTINE_SCHEMA
				AND P.SPECIFIC_NAME = R.SPECIFIC_NAME AND P.ROUTINE_TYPE = R.ROUTINE_TYPE
				AND P.ORDINAL_POSITION > 0)
		FROM ROUTINES R WHERE R.ROUTINE_SCHEMA = '$db' ORDER BY R.ROUTINE_TYPE, R.ROUTINE_NAME;
		SELECT 'TRIGGER', EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,
			ACTION_ORDER FROM TRIGGERS
		WHERE TRIGGER_SCHEMA = '$db' ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME;
		SELECT 'EVENT', EVENT_NAME, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD, ENDS,
			STATUS, ON_COMPLETION, EVENT_COMMENT, REPLACE(EVENT_DEFINITION, '\n', '\\n')
		FROM EVENTS WHERE EVENT_SCHEMA = '$db' ORDER BY EVENT_NAME"
}

# --- PostgreSQL ----------------------------------------------------------------------------
pg_sql() {
	$SQLSHAPE_TEST_PSQL -At -d "$1" -c "$2"
}
pg_load() {
	$SQLSHAPE_TEST_PSQL -d "$1" -f "$2"
}
pg_fresh_db() {
	local db="t_${LIVE_NAME}_$1"
	db=${db:0:63}
	$SQLSHAPE_TEST_PSQL -d postgres -c "DROP DATABASE IF EXISTS \"$db\"" -c "CREATE DATABASE \"$db\"" \
		>/dev/null || return 1
	echo "$db"
}
pg_url() {
	echo "${SQLSHAPE_TEST_PG_URL}$1"
}

# my_prepare FILE OUT: a copy of a schema file that loads into whatever database the client
# is pointed at: statements that pick, create or drop their own database (USE, CREATE/DROP
# DATABASE|SCHEMA) and the client's `source` of data files that are not there are removed,
# and so are qualifiers naming the database the file USEs (sakila.film -> film).
my_prepare() {
	local own
	own=$(sed -nE 's/^[[:space:]]*USE[[:space:]]+`?([A-Za-z0-9_]+)`?[[:space:]]*;.*/\1/Ip' "$1" | head -1)
	sed -E '/^[[:space:]]*(DROP|CREATE)[[:space:]]+(DATABASE|SCHEMA)[[:space:]]/Id
		/^[[:space:]]*USE[[:space:]]+[`A-Za-z0-9_]+[[:space:]]*;/Id
		/^[[:space:]]*source[[:space:]]/Id' "$1" |
		if [ -n "$own" ]; then
			sed -E "s/(^|[^A-Za-z0-9_\`.])\`?$own\`?\.([A-Za-z_\`])/\1\2/g"
		else
			cat
		fi >"$2"
}

# sqlshape_not_built OUTPUT-FILE: true when sqlshape said a part it needs is not built yet
# (parser or printer from another branch): such tests skip instead of failing.
sqlshape_not_built() {
	grep -q 'not built yet' "$1"
}
wait_for() {  # wait_for TEXT FILE [SECONDS]: until FILE contains TEXT
	local i
	for ((i = 0; i < ${3:-60} * 10; i++)); do
		grep -qF -- "$1" "$2" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
