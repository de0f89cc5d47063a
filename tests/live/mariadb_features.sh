#!/usr/bin/env bash
# MariaDB-only forms against the live MariaDB: column-level REFERENCES (a real foreign key since
# 10.5), system-versioned tables (WITH SYSTEM VERSIONING, ROW START/END columns, PERIOD FOR
# SYSTEM_TIME, WITHOUT SYSTEM VERSIONING columns), sequences (CREATE SEQUENCE, nextval()
# defaults) and Aria tables (SHOW CREATE names PAGE_CHECKSUM=1 whether asked for or not). For
# the hand-written forms: the model of the file equals the model read back from the server;
# export loads into an empty database with identical SHOW CREATE output (SHOW CREATE SEQUENCE
# for sequences); parse(export) equals the server's model; plan + apply into an empty database
# converges (second plan empty); changes to sequences and versioning converge.
. "$(dirname "$0")/lib.sh"
need_mysql
modelcmp="$LIVE_ROOT/${SQLSHAPE_BUILD:-build}/tools/modelcmp"

cat >"$LIVE_TMP/forms.sql" <<'SQL'
CREATE SEQUENCE s_plain;
CREATE SEQUENCE s_full START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE;
create sequence s_down increment by -2;
create sequence s_nocache nocache comment='no cache';
create sequence s_odd increment 0 no maxvalue minvalue=-5 start=3 engine=aria;
CREATE TABLE parent (id int PRIMARY KEY, code varchar(10) UNIQUE);
CREATE TABLE child (
  x int,
  a int REFERENCES parent(id) ON DELETE CASCADE,
  b varchar(10) REFERENCES parent (code) MATCH FULL ON UPDATE SET NULL ON DELETE RESTRICT,
  CONSTRAINT named_fk FOREIGN KEY (x) REFERENCES parent (id),
  c int references parent(id) on update restrict,
  FOREIGN KEY (a) REFERENCES parent (id) MATCH SIMPLE
);
CREATE TABLE numbered (id int DEFAULT nextval(s_plain) PRIMARY KEY, n bigint DEFAULT nextval(s_down));
CREATE TABLE hist_implicit (id int PRIMARY KEY, u int UNIQUE, v varchar(5)) WITH SYSTEM VERSIONING;
CREATE TABLE hist_explicit (
  id int PRIMARY KEY, x int, u int UNIQUE,
  rs timestamp(6) AS ROW START INVISIBLE,
  re timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  PERIOD FOR SYSTEM_TIME (rs, re),
  KEY (x), CHECK (x > 0)
) WITH SYSTEM VERSIONING COMMENT='explicit';
CREATE TABLE hist_trx (id int, rs bigint unsigned AS ROW START, re bigint unsigned AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re)) ENGINE=InnoDB WITH SYSTEM VERSIONING;
CREATE TABLE hist_without (x int, y int COMMENT 'c' WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING;
CREATE TABLE hist_column (x int WITH SYSTEM VERSIONING, y int, period int);
CREATE TABLE plain_later (id int PRIMARY KEY);
CREATE TABLE aria_plain (id int PRIMARY KEY, v varchar(5)) ENGINE=Aria;
CREATE TABLE aria_opts (id int PRIMARY KEY) ENGINE=Aria PAGE_CHECKSUM=0 TRANSACTIONAL=1 ROW_FORMAT=PAGE;
SQL

src=$(my_fresh_db src)
dst=$(my_fresh_db dst)
ok "forms load into MariaDB" my_load "$src" "$LIVE_TMP/forms.sql"
"$modelcmp" "$LIVE_TMP/forms.sql" "$(my_url "$src")" >"$LIVE_TMP/cmp" 2>&1
is "written forms == model read back from the server" "0" "$?"
[ -s "$LIVE_TMP/cmp" ] && sed 's/^/#   /' "$LIVE_TMP/cmp" | head -5

"$SQLSHAPE" export --url "$(my_url "$src")" >"$LIVE_TMP/export.sql" 2>"$LIVE_TMP/export.err"
is "export exits 0" 0 "$?"
lacks "export warns about nothing (sequences are read)" "not read" "$LIVE_TMP/export.err"
contains "export has the sequence" "CREATE SEQUENCE \`s_full\` START WITH 10 MINVALUE 1 MAXVALUE 1000 INCREMENT BY 5 CACHE 20 CYCLE" "$LIVE_TMP/export.sql"
contains "export has the period" "PERIOD FOR SYSTEM_TIME (\`rs\`, \`re\`)" "$LIVE_TMP/export.sql"
contains "export has the column-level foreign key" "CONSTRAINT \`child_ibfk_1\` FOREIGN KEY (\`a\`) REFERENCES \`parent\` (\`id\`) ON DELETE CASCADE" "$LIVE_TMP/export.sql"
ok "export loads into an empty database" my_load "$dst" "$LIVE_TMP/export.sql"
my_show_create "$src" >"$LIVE_TMP/src.show"
my_show_create "$dst" >"$LIVE_TMP/dst.show"
same_files "SHOW CREATE identical after the round trip" "$LIVE_TMP/src.show" "$LIVE_TMP/dst.show"
contains "SHOW CREATE SEQUENCE compared" "CREATE SEQUENCE \`s_odd\` start with 3 minvalue -5" "$LIVE_TMP/dst.show"
"$modelcmp" "$LIVE_TMP/export.sql" "$(my_url "$src")" >"$LIVE_TMP/cmp" 2>&1
is "parse(export) == model read from the server" "0" "$?"
[ -s "$LIVE_TMP/cmp" ] && sed 's/^/#   /' "$LIVE_TMP/cmp" | head -5

# plan/apply into an empty database converges
app=$(my_fresh_db app)
ok "apply of the forms into an empty database" "$SQLSHAPE" apply --url "$(my_url "$app")" "$LIVE_TMP/forms.sql"
"$SQLSHAPE" plan --url "$(my_url "$app")" "$LIVE_TMP/forms.sql" >"$LIVE_TMP/plan2" 2>&1
is "second plan is empty (exit 0)" 0 "$?"
[ -s "$LIVE_TMP/plan2" ] && sed 's/^/#   /' "$LIVE_TMP/plan2" | head -10

# changes: a sequence altered, one dropped, one created; versioning added and dropped
sed -e 's/CACHE 20 CYCLE/CACHE 30 NOCYCLE/' -e '/s_nocache/d' \
	-e 's/^CREATE TABLE hist_implicit (id int PRIMARY KEY, u int UNIQUE, v varchar(5)) WITH SYSTEM VERSIONING;/CREATE TABLE hist_implicit (id int PRIMARY KEY, u int UNIQUE, v varchar(5));/' \
	-e 's/^CREATE TABLE plain_later (id int PRIMARY KEY);/CREATE TABLE plain_later (id int PRIMARY KEY) WITH SYSTEM VERSIONING;/' \
	"$LIVE_TMP/forms.sql" >"$LIVE_TMP/forms2.sql"
echo "CREATE SEQUENCE s_new START WITH 100;" >>"$LIVE_TMP/forms2.sql"
"$SQLSHAPE" plan --url "$(my_url "$app")" --allow-drop "$LIVE_TMP/forms2.sql" >"$LIVE_TMP/plan3" 2>&1
contains "plan alters the changed sequence in place" "ALTER SEQUENCE \`s_full\` START WITH 10 MINVALUE 1 MAXVALUE 1000 INCREMENT BY 5 CACHE 30 NOCYCLE" "$LIVE_TMP/plan3"
contains "plan drops the gone sequence" "DROP SEQUENCE \`s_nocache\`" "$LIVE_TMP/plan3"
contains "plan drops versioning" "ALTER TABLE \`hist_implicit\` DROP SYSTEM VERSIONING" "$LIVE_TMP/plan3"
contains "plan adds versioning" "ALTER TABLE \`plain_later\` ADD SYSTEM VERSIONING" "$LIVE_TMP/plan3"
"$SQLSHAPE" plan --url "$(my_url "$app")" "$LIVE_TMP/forms2.sql" 2>&1 | grep -v '^--' >"$LIVE_TMP/plan3b"
lacks "without --allow-drop the sequence drop is held back" "DROP SEQUENCE" "$LIVE_TMP/plan3b"
lacks "without --allow-drop the history drop is held back" "DROP SYSTEM VERSIONING" "$LIVE_TMP/plan3b"
ok "apply of the changes" "$SQLSHAPE" apply --url "$(my_url "$app")" --allow-drop "$LIVE_TMP/forms2.sql"
"$SQLSHAPE" plan --url "$(my_url "$app")" --allow-drop "$LIVE_TMP/forms2.sql" >"$LIVE_TMP/plan4" 2>&1
is "plan after the changes is empty (exit 0)" 0 "$?"
[ -s "$LIVE_TMP/plan4" ] && sed 's/^/#   /' "$LIVE_TMP/plan4" | head -10
is "the altered sequence kept its identity and got the new cache" "30" \
	"$(my_sql "$app" "SELECT cache_size FROM s_full")"

my_sql "$src" "DROP DATABASE \`$src\`; DROP DATABASE \`$dst\`; DROP DATABASE \`$app\`"
done_testing
