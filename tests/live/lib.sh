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

_live_report() {  # _live_report STATUS WHAT [EVIDENCE-FILE]
	_live_n=$((_live_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $_live_n - $2"
	else
		_live_fail=$((_live_fail + 1))
		echo "not ok $_live_n - $2"
		if [ -n "${3:-}" ] && [ -s "$3" ]; then
			head -c 4000 "$3" | sed 's/^/#   /'
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
# my_show_create DB: what must survive a round trip, in name order: SHOW CREATE TABLE / VIEW
# of every table and view (AUTO_INCREMENT=N removed, the database's own name removed from
# views), then every routine's SHOW CREATE text and every trigger (table, timing, event,
# firing order, statement). One object per line: newlines inside show as \n.
my_show_create() {
	local db=$1 t kind
	my_sql information_schema "SELECT TABLE_NAME, TABLE_TYPE FROM TABLES
		WHERE TABLE_SCHEMA = '$db' ORDER BY TABLE_NAME" |
		while IFS=$'\t' read -r t kind; do
			t=${t//\`/\`\`}
			if [ "$kind" = VIEW ]; then
				my_sql "$db" "SHOW CREATE VIEW \`$t\`" | cut -f2 | sed "s/\`$db\`\.//g"
			else
				my_sql "$db" "SHOW CREATE TABLE \`$t\`" | cut -f2- |
					sed -E 's/ AUTO_INCREMENT=[0-9]+//'
			fi
		done
	my_sql information_schema "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM ROUTINES
		WHERE ROUTINE_SCHEMA = '$db' ORDER BY ROUTINE_TYPE, ROUTINE_NAME" |
		while IFS=$'\t' read -r kind t; do
			my_sql "$db" "SHOW CREATE $kind \`${t//\`/\`\`}\`" | cut -f3
		done
	my_sql information_schema "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING,
		EVENT_MANIPULATION, ACTION_ORDER, ACTION_STATEMENT FROM TRIGGERS
		WHERE TRIGGER_SCHEMA = '$db' ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME"
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
