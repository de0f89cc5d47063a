#!/usr/bin/env bash
# tests/peer/run.sh BUILD [FILE.yml...]: sqldef's own MySQL test suite, checked by convergence.
#
# The suite is read from ../shared/peer-tests/sqldef/cmd/mysqldef/*.yml (MIT licence; never
# copied into this repository). For each case on a throwaway MariaDB (tests/harness/servers.sh):
#   1. `current` is loaded into database A and `desired` into database B, statement by
#      statement, with build/tools/sqlload (sqlshape's lexer finds the statement boundaries); their SHOW CREATE texts (AUTO_INCREMENT=N removed) are the two reference states;
#   2. forward: `sqlshape apply --allow-drop desired` on A; A must then equal B and
#      `sqlshape plan desired` on A must find nothing (exit 0);
#   3. backward: `sqlshape apply --allow-drop current` on A; A must equal the current
#      reference and a second plan must be empty.
# A case with `enable_drop: false` applies forward without --allow-drop and only requires the
# second plan to be empty (its drops are meant to be left out). A case with `error:` passes
# when sqlshape refuses the desired schema.
#
# Skipped, and counted per reason: flavour (the case excludes MariaDB), version (its
# min_version/max_version excludes 10.11), rejected (MariaDB itself refuses the case's SQL),
# sqldef-only (options with no equivalent: offline mode, TiDB-only table options).
#
# Prints pass/fail/skip per file and the total; the failing cases with their first evidence
# go to $PEER_LOG (default build/peer.log). Exit 1 when any case fails.
set -u
BUILD=${1:?usage: tests/peer/run.sh BUILD [FILE.yml...]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SQLSHAPE="$ROOT/$BUILD/sqlshape"
SUITE="$ROOT/../shared/peer-tests/sqldef/cmd/mysqldef"
PEER_LOG=${PEER_LOG:-$ROOT/build/peer.log}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-peer.XXXXXX")
SERVERS=

cleanup() {
	[ -n "$SERVERS" ] && tests/harness/servers.sh stop "$SERVERS" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$SQLSHAPE" ] || { echo "peer: $SQLSHAPE is not built"; exit 1; }
[ -x "$BUILD/tools/peer_cases" ] || { echo "peer: $BUILD/tools/peer_cases is not built"; exit 1; }
[ -x "$BUILD/tools/sqlload" ] || { echo "peer: $BUILD/tools/sqlload is not built"; exit 1; }
[ -d "$SUITE" ] || { echo "peer: the suite is not at $SUITE"; exit 1; }
if [ -z "${SQLSHAPE_TEST_MYSQL_URL:-}" ]; then
	SERVERS=$(tests/harness/servers.sh start mysql) || { echo "peer: the throwaway MariaDB did not start"; exit 1; }
	. "$SERVERS/env"
fi
MY="$SQLSHAPE_TEST_MYSQL_CLIENT"
SERVER_VERSION=$($MY --batch --skip-column-names -e "SELECT VERSION()")
SV=${SERVER_VERSION%%-*}
DB_A=${PEER_DB_PREFIX:-peer}_current
DB_B=${PEER_DB_PREFIX:-peer}_desired
URL_A="${SQLSHAPE_TEST_MYSQL_URL}$DB_A"
: >"$PEER_LOG"

# version_le A B: A <= B for dotted versions.
version_le() {
	[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}

fresh() {
	$MY -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\`"
}

# state DB: SHOW CREATE of every table and view, routines and triggers, one per line.
state() {
	local db=$1 t kind
	$MY --batch --skip-column-names information_schema -e "SELECT TABLE_NAME, TABLE_TYPE FROM TABLES
		WHERE TABLE_SCHEMA = '$db' ORDER BY TABLE_NAME" |
		while IFS=$'\t' read -r t kind; do
			if [ "$kind" = VIEW ]; then
				$MY --batch --skip-column-names "$db" -e "SHOW CREATE VIEW \`$t\`" | cut -f2 |
					sed "s/\`$db\`\.//g"
			else
				$MY --batch --skip-column-names "$db" -e "SHOW CREATE TABLE \`$t\`" | cut -f2- |
					sed -E 's/ AUTO_INCREMENT=[0-9]+//'
			fi
		done
	$MY --batch --skip-column-names information_schema -e "SELECT ROUTINE_TYPE, ROUTINE_NAME,
		ROUTINE_DEFINITION FROM ROUTINES WHERE ROUTINE_SCHEMA = '$db' ORDER BY 1, 2;
		SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,
		ACTION_ORDER, ACTION_STATEMENT FROM TRIGGERS WHERE TRIGGER_SCHEMA = '$db' ORDER BY 1, 2;
		SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, EXECUTE_AT, INTERVAL_VALUE, INTERVAL_FIELD,
		STATUS, ON_COMPLETION, EVENT_COMMENT FROM EVENTS WHERE EVENT_SCHEMA = '$db' ORDER BY 1"
}

# load DB FILE: run the file's statements one by one with build/tools/sqlload, which splits
# them with sqlshape's lexer (DELIMITER lines and compound trigger/routine/event bodies given
# with the default ";" are understood, unlike the mariadb client). Fails, with the statement
# and the server's message in $TMP/load.out, only when the server refuses a statement.
load() {
	"$BUILD/tools/sqlload" "${SQLSHAPE_TEST_MYSQL_URL}$1" "$2" >"$TMP/load.out" 2>&1
}

meta() {  # meta CASE-DIR KEY
	sed -n "s/^$2	//p" "$1/meta" | head -1 | sed -E 's/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/; s/[[:space:]]+#.*$//; s/[[:space:]]+$//'
}

fail_case() {  # fail_case FILE CASE WHY [EVIDENCE-FILE]
	{
		echo "FAIL $1 $2: $3"
		[ -n "${4:-}" ] && [ -s "$4" ] && head -c 3000 "$4" | sed 's/^/    /'
	} >>"$PEER_LOG"
}

# run_case FILE DIR: prints one of pass, fail, skip-flavour, skip-version, skip-rejected,
# skip-sqldef-only.
run_case() {
	local file=$1 dir=$2 name flavor minv maxv drop_ok err drop_opt
	name=$(basename "$dir")
	flavor=$(meta "$dir" flavor)
	minv=$(meta "$dir" min_version)
	maxv=$(meta "$dir" max_version)
	drop_ok=$(meta "$dir" enable_drop)
	err=$(meta "$dir" error)
	case "$flavor" in
	mysql | tidb | '!mariadb') echo skip-flavour; return ;;
	esac
	if { [ -n "$minv" ] && ! version_le "$minv" "$SV"; } || { [ -n "$maxv" ] && ! version_le "$SV" "$maxv"; }; then
		echo skip-version
		return
	fi
	if [ "$(meta "$dir" offline)" = true ] || grep -qiE 'AUTO_RANDOM|SHARD_ROW_ID_BITS|AUTO_ID_CACHE|/\*T!' "$dir/current.sql" "$dir/desired.sql"; then
		echo skip-sqldef-only
		return
	fi
	fresh "$DB_A" && fresh "$DB_B" || { fail_case "$file" "$name" "cannot create databases"; echo fail; return; }
	if [ -n "$err" ]; then
		if "$SQLSHAPE" plan --url "$URL_A" "$dir/desired.sql" >"$TMP/out" 2>&1; then
			fail_case "$file" "$name" "expected an error ($err)" "$TMP/out"
			echo fail
		else
			echo pass
		fi
		return
	fi
	if ! load "$DB_A" "$dir/current.sql" || ! load "$DB_B" "$dir/desired.sql"; then
		{ echo "SKIP-REJECTED $file $name:"; sed 's/^/    /' "$TMP/load.out"; } >>"$PEER_LOG"
		echo skip-rejected
		return
	fi
	state "$DB_A" | tests/peer/canon_state.py >"$TMP/current.state"
	state "$DB_B" | tests/peer/canon_state.py >"$TMP/desired.state"
	drop_opt=--allow-drop
	[ "$drop_ok" = false ] && drop_opt=
	if ! "$SQLSHAPE" apply $drop_opt --url "$URL_A" "$dir/desired.sql" >"$TMP/out" 2>&1; then
		fail_case "$file" "$name" "forward apply failed" "$TMP/out"
		echo fail
		return
	fi
	if [ -n "$drop_opt" ]; then
		state "$DB_A" | tests/peer/canon_state.py >"$TMP/after.state"
		if ! diff -u "$TMP/desired.state" "$TMP/after.state" >"$TMP/diff"; then
			fail_case "$file" "$name" "forward: result differs from desired loaded directly" "$TMP/diff"
			echo fail
			return
		fi
	fi
	"$SQLSHAPE" plan $drop_opt --url "$URL_A" "$dir/desired.sql" >"$TMP/out" 2>&1
	if [ $? -ne 0 ]; then
		fail_case "$file" "$name" "forward: second plan not empty" "$TMP/out"
		echo fail
		return
	fi
	if ! "$SQLSHAPE" apply --allow-drop --url "$URL_A" "$dir/current.sql" >"$TMP/out" 2>&1; then
		fail_case "$file" "$name" "backward apply failed" "$TMP/out"
		echo fail
		return
	fi
	state "$DB_A" | tests/peer/canon_state.py >"$TMP/after.state"
	if ! diff -u "$TMP/current.state" "$TMP/after.state" >"$TMP/diff"; then
		fail_case "$file" "$name" "backward: result differs from current loaded directly" "$TMP/diff"
		echo fail
		return
	fi
	"$SQLSHAPE" plan --allow-drop --url "$URL_A" "$dir/current.sql" >"$TMP/out" 2>&1
	if [ $? -ne 0 ]; then
		fail_case "$file" "$name" "backward: second plan not empty" "$TMP/out"
		echo fail
		return
	fi
	echo pass
}

files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$SUITE"/*.yml)
declare -A total=()
for f in "${files[@]}"; do
	base=$(basename "$f")
	rm -rf "$TMP/cases"
	"$BUILD/tools/peer_cases" "$f" "$TMP/cases" >"$TMP/names" || { echo "peer: cannot read $f"; exit 1; }
	declare -A n=([pass]=0 [fail]=0 [skip-flavour]=0 [skip-version]=0 [skip-rejected]=0 [skip-sqldef-only]=0)
	while read -r c; do
		r=$(run_case "$base" "$TMP/cases/$c")
		n[$r]=$((${n[$r]:-0} + 1))
		total[$r]=$((${total[$r]:-0} + 1))
	done <"$TMP/names"
	skips=$((n[skip-flavour] + n[skip-version] + n[skip-rejected] + n[skip-sqldef-only]))
	printf 'peer %-32s pass %3d  fail %3d  skip %3d\n' "$base" "${n[pass]}" "${n[fail]}" "$skips"
	unset n
done
p=${total[pass]:-0}
fl=${total[fail]:-0}
echo "peer total: pass $p, fail $fl, skip $(( ${total[skip-flavour]:-0} + ${total[skip-version]:-0} + ${total[skip-rejected]:-0} + ${total[skip-sqldef-only]:-0} )) (flavour ${total[skip-flavour]:-0}, version ${total[skip-version]:-0}, rejected by MariaDB ${total[skip-rejected]:-0}, sqldef-only ${total[skip-sqldef-only]:-0}); runnable passing: $(( (p + fl) ? 100 * p / (p + fl) : 0 ))%"
echo "peer: failures listed in $PEER_LOG"
[ "$fl" -eq 0 ]
