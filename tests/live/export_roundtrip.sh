#!/usr/bin/env bash
# Export round trip of every real schema in ../shared/real-schemas/mysql (and the demo
# schema): load it into a fresh database, `sqlshape export`, load the export into another
# empty database; SHOW CREATE of every table, view, routine and trigger must be identical,
# and the export parsed and normalised must equal the model read from the server.
. "$(dirname "$0")/lib.sh"
need_mysql
modelcmp="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/modelcmp"

files=("$LIVE_ROOT/examples/demo/schema.sql" "$LIVE_SHARED"/real-schemas/mysql/*.sql)
if [ ! -f "${files[1]}" ]; then
	skip "no real schemas under $LIVE_SHARED/real-schemas/mysql: only the demo schema"
	files=("${files[0]}")
fi
n=0
for f in "${files[@]}"; do
	n=$((n + 1))
	name=$(basename "$f" .sql)
	src=$(my_fresh_db "s$n")
	dst=$(my_fresh_db "d$n")
	# Zabbix 5.0's schema needs the 3-byte utf8 its installation guide asks for (index prefixes
	# of 1021 characters); everything else loads with the server's default.
	case $name in zabbix-5.*)
		my_sql "$src" "ALTER DATABASE \`$src\` CHARACTER SET utf8mb3 COLLATE utf8mb3_bin"
		my_sql "$dst" "ALTER DATABASE \`$dst\` CHARACTER SET utf8mb3 COLLATE utf8mb3_bin" ;;
	esac
	# The objects file of the employees sample needs the employees tables.
	if [ "$name" = employees-objects-3c7fa05 ]; then
		my_prepare "$(dirname "$f")/employees-3c7fa05.sql" "$LIVE_TMP/pre.sql"
		my_load_unchecked "$src" "$LIVE_TMP/pre.sql" >/dev/null 2>&1
	fi
	my_prepare "$f" "$LIVE_TMP/in.sql"
	ok "$name: loads into MariaDB" my_load_unchecked "$src" "$LIVE_TMP/in.sql"

	"$SQLSHAPE" export --url "$(my_url "$src")" >"$LIVE_TMP/export.sql" 2>"$LIVE_TMP/export.err"
	rc=$?
	if [ $rc -ne 0 ] && sqlshape_not_built "$LIVE_TMP/export.err"; then
		skip "$name: $(head -1 "$LIVE_TMP/export.err")"
		continue
	fi
	cat "$LIVE_TMP/export.err" >>"$LIVE_TMP/export.sql.log"
	is "$name: export exits 0" 0 "$rc"
	[ $rc -eq 0 ] || { sed 's/^/#   /' "$LIVE_TMP/export.err" | head -20; continue; }
	# With foreign key checks on: the export's order must load as it is.
	ok "$name: export loads into an empty database" my_load "$dst" "$LIVE_TMP/export.sql"
	my_show_create "$src" >"$LIVE_TMP/src.show"
	my_show_create "$dst" >"$LIVE_TMP/dst.show"
	same_files "$name: SHOW CREATE identical after the round trip" "$LIVE_TMP/src.show" \
		"$LIVE_TMP/dst.show"
	"$modelcmp" "$LIVE_TMP/export.sql" "$(my_url "$src")" >"$LIVE_TMP/cmp" 2>&1
	rc=$?
	if [ $rc -eq 77 ]; then
		skip "$name: $(cat "$LIVE_TMP/cmp")"
	else
		is "$name: parse(export) == model read from the server" "0" "$rc"
		[ $rc -eq 0 ] || sed 's/^/#   /' "$LIVE_TMP/cmp" | head -20
	fi
	lacks "$name: export holds no password" "$SQLSHAPE_TEST_MYSQL_PASSWORD" "$LIVE_TMP/export.sql"
	# Keep the server small: these databases are done with.
	my_sql "$src" "DROP DATABASE \`$src\`; DROP DATABASE \`$dst\`"
done
done_testing
