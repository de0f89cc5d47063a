#!/usr/bin/env bash
# `sqlshape format` on the command line: help, usage errors, exit statuses. (Needs no server.)
. "$(dirname "$0")/lib.sh"

ok "format --help exits 0" "$SQLSHAPE" format --help
is "help names the command" "usage: sqlshape format [--dialect mysql|postgres] [--flavor mariadb|mysql] FILE|DIR|-..." \
	"$("$SQLSHAPE" format --help | head -1)"
ok "sqlshape help format shows the same" sh -c "\"$SQLSHAPE\" help format | grep -q 'usage: sqlshape format'"
fails "no input is an error" "$SQLSHAPE" format
fails "an unknown option is an error" "$SQLSHAPE" format --frobnicate x.sql
fails "an unsupported dialect is an error" "$SQLSHAPE" format --dialect oracle x.sql
fails "--dialect without a value is an error" "$SQLSHAPE" format --dialect
"$SQLSHAPE" format --dialect oracle x.sql 2>"$LIVE_TMP/err" >"$LIVE_TMP/out"
is "a dialect error names the dialect, then the usage line" 'sqlshape: error: unsupported dialect "oracle" (expected "mysql" or "postgres")
usage: sqlshape format [--dialect mysql|postgres] [--flavor mariadb|mysql] FILE|DIR|-...' \
	"$(cat "$LIVE_TMP/err")"
is "nothing on stdout after an error" "" "$(cat "$LIVE_TMP/out")"

# With files: stdin, directories in name order, positioned errors.
mkdir -p "$LIVE_TMP/dir"
printf 'CREATE TABLE b (id int PRIMARY KEY, a_id int, FOREIGN KEY (a_id) REFERENCES a (id));\n' >"$LIVE_TMP/dir/1.sql"
printf 'CREATE TABLE a (id integer(11) NOT NULL, name varchar(10) CHARSET utf8, PRIMARY KEY (id));\n' >"$LIVE_TMP/dir/2.sql"
printf 'not sql\n' >"$LIVE_TMP/dir/notes.txt"
"$SQLSHAPE" format "$LIVE_TMP/dir" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "a directory formats" 0 "$?"
is "parents first, canonical spelling" 'CREATE TABLE `a` (
  `id` int NOT NULL,
  `name` varchar(10) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `b` (
  `id` int NOT NULL,
  `a_id` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `a_id` (`a_id`),
  CONSTRAINT `b_ibfk_1` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;' "$(cat "$LIVE_TMP/out")"
"$SQLSHAPE" format - <"$LIVE_TMP/out" >"$LIVE_TMP/out2" 2>&1
same_files "stdin, and formatting the output again changes nothing" "$LIVE_TMP/out" "$LIVE_TMP/out2"
printf 'CREATE TABLE t (\n  id intt\n);\n' >"$LIVE_TMP/bad.sql"
"$SQLSHAPE" format "$LIVE_TMP/bad.sql" >"$LIVE_TMP/out" 2>"$LIVE_TMP/err"
is "a syntax error exits 1" 1 "$?"
is "nothing on stdout after a syntax error" "" "$(cat "$LIVE_TMP/out")"
contains "the error is positioned" "bad.sql:2:6: error:" "$LIVE_TMP/err"
contains "with the source line" "    2 |   id intt" "$LIVE_TMP/err"
# PostgreSQL files: canonical DDL, and positioned errors
printf 'create table t (id serial primary key, v varchar(20) check (v in (%s)));\n' "'a', 'b'" >"$LIVE_TMP/pg.sql"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/pg.sql" >"$LIVE_TMP/pgout" 2>"$LIVE_TMP/pgerr"
is "postgres: exit status" 0 "$?"
contains "postgres: serial becomes a sequence" 'CREATE SEQUENCE "public"."t_id_seq" AS integer' "$LIVE_TMP/pgout"
# a check is printed as written (the server then stores what the user wrote); it is compared
# in its canonical form
contains "postgres: implicit check name and the check as written" \
	'CONSTRAINT "t_v_check" CHECK (v IN ('"'"'a'"'"', '"'"'b'"'"'))' "$LIVE_TMP/pgout"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/pgout" >"$LIVE_TMP/pgout2" 2>&1
same_files "postgres: format is idempotent" "$LIVE_TMP/pgout" "$LIVE_TMP/pgout2"
printf 'CREATE TABLE t (\n  a int,\n  b intt tt\n);\n' >"$LIVE_TMP/bad.sql"
"$SQLSHAPE" format --dialect postgres "$LIVE_TMP/bad.sql" >"$LIVE_TMP/badout" 2>"$LIVE_TMP/baderr"
is "postgres: a syntax error exits 1" 1 "$?"
contains "postgres: the error is positioned" "bad.sql:3:10: error: syntax error at or near \"tt\"" "$LIVE_TMP/baderr"
is "postgres: nothing on stdout after an error" "" "$(cat "$LIVE_TMP/badout")"
# --flavor: how MySQL-dialect files are read and normalised
printf 'CREATE TABLE t (a int /*!80023 INVISIBLE */, b int REFERENCES p (id)) /*M!100100 COMMENT="maria" */;\n' >"$LIVE_TMP/fl.sql"
"$SQLSHAPE" format "$LIVE_TMP/fl.sql" >"$LIVE_TMP/maria" 2>&1
contains "flavor mariadb (default): column-level REFERENCES is a foreign key" "CONSTRAINT \`t_ibfk_1\` FOREIGN KEY (\`b\`) REFERENCES \`p\` (\`id\`)" "$LIVE_TMP/maria"
contains "flavor mariadb: its own executable comment runs" "COMMENT='maria'" "$LIVE_TMP/maria"
lacks "flavor mariadb: MySQL 8.0.23's executable comment does not" "INVISIBLE" "$LIVE_TMP/maria"
"$SQLSHAPE" format --flavor mysql "$LIVE_TMP/fl.sql" >"$LIVE_TMP/my" 2>&1
contains "flavor mysql: MySQL's executable comment runs" "\`a\` int INVISIBLE" "$LIVE_TMP/my"
lacks "flavor mysql: column-level REFERENCES is ignored" "FOREIGN KEY" "$LIVE_TMP/my"
lacks "flavor mysql: MariaDB's executable comment does not run" "maria" "$LIVE_TMP/my"
contains "flavor mysql: MySQL 8.0's default collation" "COLLATE=utf8mb4_0900_ai_ci" "$LIVE_TMP/my"
fails "an unknown flavor is an error" "$SQLSHAPE" format --flavor oracle "$LIVE_TMP/fl.sql"
printf 'CREATE TABLE t (a int);\n' >"$LIVE_TMP/fl0.sql"
"$SQLSHAPE" diff --dialect mysql --flavor mysql "$LIVE_TMP/fl0.sql" "$LIVE_TMP/fl.sql" >"$LIVE_TMP/dmy" 2>&1
lacks "diff --flavor mysql: no foreign key from a column-level REFERENCES" "FOREIGN KEY" "$LIVE_TMP/dmy"
"$SQLSHAPE" diff --dialect mysql "$LIVE_TMP/fl0.sql" "$LIVE_TMP/fl.sql" >"$LIVE_TMP/dma" 2>&1
contains "diff (mariadb): the foreign key is added" "ADD FOREIGN KEY (\`b\`) REFERENCES \`p\` (\`id\`)" "$LIVE_TMP/dma"
done_testing
