#!/usr/bin/env bash
# tests/peer/run_pg.sh BUILD [FILE.yml...]: sqldef's own PostgreSQL test suite (psqldef),
# checked by convergence, the way tests/peer/run.sh checks the MySQL one.
#
# The suite is read from ../shared/peer-tests/sqldef/cmd/psqldef/*.yml (MIT licence; never
# copied into this repository). For each case on a throwaway PostgreSQL 15
# (tests/harness/servers.sh):
#   1. `current` is loaded into database A and `desired` into database B with psql; their
#      `pg_dump --schema-only --no-owner --no-privileges` texts, canonicalised by
#      tests/peer/canon_pg_dump.py (comments, SET and \restrict lines dropped, column order
#      inside a table ignored), are the two reference states;
#   2. forward: `sqlshape apply --allow-drop desired` on A; A must then equal B and
#      `sqlshape plan --allow-drop desired` on A must find nothing (exit 0);
#   3. backward: `sqlshape apply --allow-drop current` on A; A must equal the current
#      reference and a second plan must be empty.
# A case with `enable_drop: false` applies forward without --allow-drop and only requires the
# second plan to be empty. A case with `error:` passes when sqlshape refuses the desired schema.
# Owners and privileges are left out of the comparison: the references are loaded by the
# superuser and sqlshape connects as the test user, and GRANT/REVOKE are outside what
# sqlshape manages (it warns and ignores them).
#
# Skipped, and counted per reason: version (the case's min_version/max_version excludes 15),
# extension (pgvector cases, the Aurora DSQL file, CREATE EXTENSION of one this server does
# not have), rejected (PostgreSQL itself refuses the case's SQL), sqldef-only (options with
# no sqlshape equivalent: offline mode, managed_roles / manage privilege and function
# management).
#
# Prints pass/fail/skip per file and the total; the failing cases with their first evidence
# go to $PEER_LOG (default build/peer-pg.log). Exit 1 when any case fails. PEER_CASE='A|B'
# runs only the cases so named.
set -u
BUILD=${1:?usage: tests/peer/run_pg.sh BUILD [FILE.yml...]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SQLSHAPE="$ROOT/$BUILD/sqlshape"
SUITE="$ROOT/../shared/peer-tests/sqldef/cmd/psqldef"
PEER_LOG=${PEER_LOG:-$ROOT/build/peer-pg.log}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sqlshape-peer-pg.XXXXXX")
SERVERS=

cleanup() {
	[ -n "$SERVERS" ] && tests/harness/servers.sh stop "$SERVERS" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$SQLSHAPE" ] || { echo "peer-pg: $SQLSHAPE is not built"; exit 1; }
[ -x "$BUILD/tools/peer_cases" ] || { echo "peer-pg: $BUILD/tools/peer_cases is not built"; exit 1; }
[ $# -gt 0 ] || [ -d "$SUITE" ] || { echo "peer-pg: the suite is not at $SUITE"; exit 1; }
if [ -z "${SQLSHAPE_TEST_PG_URL:-}" ]; then
	SERVERS=$(tests/harness/servers.sh start pg) || { echo "peer-pg: the throwaway PostgreSQL did not start"; exit 1; }
	. "$SERVERS/env"
fi
PSQL="$SQLSHAPE_TEST_PSQL"
# the system interpreter when there is one: a version manager's shim costs seconds per call
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
PG_DUMP="$SQLSHAPE_TEST_PG_BIN/pg_dump"
[ -x "$PG_DUMP" ] || PG_DUMP=pg_dump
SV=$($PSQL -d postgres -At -c "SHOW server_version" | sed 's/ .*//')
AVAILABLE=" $($PSQL -d postgres -At -c "SELECT name FROM pg_available_extensions" | tr '\n' ' ') "
DB_A=${PEER_DB_PREFIX:-peer}_current
DB_B=${PEER_DB_PREFIX:-peer}_desired
URL_A="${SQLSHAPE_TEST_PG_URL}$DB_A"
: >"$PEER_LOG"

# version_le A B: A <= B for dotted versions.
version_le() {
	[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}

fresh() {  # fresh DB...: drop and create each, in one client run
	local args=() db
	for db in "$@"; do
		args+=(-c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\"")
	done
	$PSQL -d postgres "${args[@]}" >/dev/null 2>&1
}

# state DB: the canonical pg_dump of DB (apply's journal, schema _sqlshape, left out).
state() {
	# pg_dump's -h/-p/-U as the superuser over the socket (the same as psql)
	$PG_DUMP $SQLSHAPE_TEST_PG_ARGS --schema-only --no-owner --no-privileges --exclude-schema=_sqlshape "$1" 2>"$TMP/dump.err" |
		"$PY" tests/peer/canon_pg_dump.py
}

load() {  # load DB FILE
	$PSQL -v ON_ERROR_STOP=1 -d "$1" -f "$2" >"$TMP/load.out" 2>&1
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

# missing_extension DIR: the first extension the case creates that this server lacks.
missing_extension() {
	local e
	for e in $(cat "$1/current.sql" "$1/desired.sql" |
		sed -nE 's/.*CREATE[[:space:]]+EXTENSION[[:space:]]+(IF[[:space:]]+NOT[[:space:]]+EXISTS[[:space:]]+)?"?([A-Za-z0-9_-]+)"?.*/\2/Ip'); do
		case "$AVAILABLE" in
		*" $e "*) ;;
		*) echo "$e"; return ;;
		esac
	done
}

# run_case FILE DIR: prints one of pass, fail, skip-version, skip-extension, skip-rejected,
# skip-sqldef-only.
run_case() {
	local file=$1 dir=$2 name flavor minv maxv drop_ok err drop_opt
	name=$(basename "$dir")
	flavor=$(meta "$dir" flavor)
	minv=$(meta "$dir" min_version)
	maxv=$(meta "$dir" max_version)
	drop_ok=$(meta "$dir" enable_drop)
	err=$(meta "$dir" error)
	if [ "$file" = tests_aurora_dsql.yml ] || [ "$flavor" = pgvector ] || [ -n "$(missing_extension "$dir")" ]; then
		echo skip-extension
		return
	fi
	if { [ -n "$minv" ] && ! version_le "$minv" "$SV"; } || { [ -n "$maxv" ] && ! version_le "$SV" "$maxv"; }; then
		echo skip-version
		return
	fi
	if [ "$(meta "$dir" offline)" = true ] || grep -qE '^(managed_roles|manage)	' "$dir/meta"; then
		echo skip-sqldef-only
		return
	fi
	fresh "$DB_A" "$DB_B" || { fail_case "$file" "$name" "cannot create databases"; echo fail; return; }
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
		echo skip-rejected
		return
	fi
	state "$DB_A" >"$TMP/current.state"
	state "$DB_B" >"$TMP/desired.state"
	drop_opt=--allow-drop
	[ "$drop_ok" = false ] && drop_opt=
	if ! "$SQLSHAPE" apply $drop_opt --url "$URL_A" "$dir/desired.sql" >"$TMP/out" 2>&1; then
		fail_case "$file" "$name" "forward apply failed" "$TMP/out"
		echo fail
		return
	fi
	if [ -n "$drop_opt" ]; then
		state "$DB_A" >"$TMP/after.state"
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
	state "$DB_A" >"$TMP/after.state"
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

KINDS="skip-version skip-extension skip-rejected skip-sqldef-only"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$SUITE"/*.yml)
declare -A total=()
for f in "${files[@]}"; do
	base=$(basename "$f")
	rm -rf "$TMP/cases"
	"$BUILD/tools/peer_cases" "$f" "$TMP/cases" >"$TMP/names" || { echo "peer-pg: cannot read $f"; exit 1; }
	declare -A n=([pass]=0 [fail]=0)
	while read -r c; do
		# PEER_CASE='A|B': only the cases so named (by hand, while working on them)
		[ -n "${PEER_CASE:-}" ] && ! [[ $c =~ ^(${PEER_CASE})$ ]] && continue
		r=$(run_case "$base" "$TMP/cases/$c")
		n[$r]=$((${n[$r]:-0} + 1))
		total[$r]=$((${total[$r]:-0} + 1))
	done <"$TMP/names"
	skips=0
	for k in $KINDS; do skips=$((skips + ${n[$k]:-0})); done
	printf 'peer-pg %-32s pass %3d  fail %3d  skip %3d\n' "$base" "${n[pass]}" "${n[fail]}" "$skips"
	unset n
done
p=${total[pass]:-0}
fl=${total[fail]:-0}
skips=0
for k in $KINDS; do skips=$((skips + ${total[$k]:-0})); done
echo "peer-pg total: pass $p, fail $fl, skip $skips (version ${total[skip-version]:-0}, extension ${total[skip-extension]:-0}, rejected by PostgreSQL ${total[skip-rejected]:-0}, sqldef-only ${total[skip-sqldef-only]:-0}); runnable passing: $(( (p + fl) ? 100 * p / (p + fl) : 0 ))%"
echo "peer-pg: failures listed in $PEER_LOG"
[ "$fl" -eq 0 ]
