#!/usr/bin/env bash
# tests/live/planner_facts.sh: every algorithm prediction of the planner for MariaDB 10.11
# (../shared/design/online-ddl-facts.md §2.2, planner/README.md) checked on the real server.
# Each case loads a scratch table, asks `sqlshape plan --format json` for the plan (so the
# prediction is the planner's, made from the live catalogue and server version), compares the
# predicted ALGORITHM of every step with the case's expectation, and then for every pinned
# ALTER:
#   - the next better algorithm (INSTANT < NOCOPY < INPLACE < COPY) is refused by the server
#     with 1845/1846 (so the prediction is not too pessimistic), and LOCK=NONE is refused where
#     LOCK=SHARED is predicted;
#   - the pinned statement itself is accepted (so it is not too optimistic);
# and finally a second plan is empty (the steps converge).
. "$(dirname "$0")/lib.sh"
need_mysql

# refused WHAT SQL-FILE DB: the statement fails with "not supported" (1845/1846), not a syntax
# error or anything else.
refused() {
	local out rc
	out=$($SQLSHAPE_TEST_MYSQL_CLIENT "$3" <"$2" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && printf '%s' "$out" | grep -qE 'ERROR (1845|1846)'; then
		_live_report 0 "$1"
	else
		printf 'statement: %s\nexit %s: %s\n' "$(cat "$2")" "$rc" "$out" >"$LIVE_TMP/evidence"
		_live_report 1 "$1" "$LIVE_TMP/evidence"
	fi
}

better_algo() {
	case $1 in
	NOCOPY) echo INSTANT ;;
	INPLACE) echo NOCOPY ;;
	COPY) echo INPLACE ;;
	*) echo "" ;;
	esac
}

# name | current | desired | predicted algorithms of the steps, in order (LOCK after ':' when
# not NONE/DEFAULT) | rows inserted first
CASES=$(cat <<'EOF'
add_column_last|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, b int)|INSTANT|INSERT INTO t VALUES (1,1),(2,2)
add_column_middle|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, b int, a int)|INSTANT|INSERT INTO t VALUES (1,1)
add_column_not_null_default|CREATE TABLE t (id int PRIMARY KEY)|CREATE TABLE t (id int PRIMARY KEY, b int NOT NULL DEFAULT 7)|INSTANT|INSERT INTO t VALUES (1)
drop_column|CREATE TABLE t (id int PRIMARY KEY, a int, b int)|CREATE TABLE t (id int PRIMARY KEY, a int)|INSTANT|INSERT INTO t VALUES (1,1,1)
drop_indexed_column|CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY kb (b))|CREATE TABLE t (id int PRIMARY KEY, a int)|NOCOPY|INSERT INTO t VALUES (1,1,1)
reorder_column|CREATE TABLE t (id int PRIMARY KEY, a int, b int)|CREATE TABLE t (id int PRIMARY KEY, b int, a int)|INSTANT|INSERT INTO t VALUES (1,1,2)
int_to_bigint|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a bigint)|COPY:SHARED|INSERT INTO t VALUES (1,1)
varchar_same_class|CREATE TABLE t (id int PRIMARY KEY, s varchar(50)) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(60)) DEFAULT CHARSET=utf8mb4|INSTANT|INSERT INTO t VALUES (1,'x')
varchar_small_to_long|CREATE TABLE t (id int PRIMARY KEY, s varchar(10)) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(100)) DEFAULT CHARSET=utf8mb4|INSTANT|INSERT INTO t VALUES (1,'x')
varchar_cross_255|CREATE TABLE t (id int PRIMARY KEY, s varchar(40)) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(80)) DEFAULT CHARSET=utf8mb4|COPY:SHARED|INSERT INTO t VALUES (1,'x')
varchar_shrink|CREATE TABLE t (id int PRIMARY KEY, s varchar(80))|CREATE TABLE t (id int PRIMARY KEY, s varchar(40))|COPY:SHARED|INSERT INTO t VALUES (1,'x')
charset_utf8mb3_to_utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(20) CHARACTER SET utf8mb3) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(20)) DEFAULT CHARSET=utf8mb4|INSTANT|INSERT INTO t VALUES (1,'x')
collation_unindexed|CREATE TABLE t (id int PRIMARY KEY, s varchar(20)) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(20) COLLATE utf8mb4_bin) DEFAULT CHARSET=utf8mb4|INSTANT|INSERT INTO t VALUES (1,'x')
collation_indexed|CREATE TABLE t (id int PRIMARY KEY, s varchar(20), KEY ks (s)) DEFAULT CHARSET=utf8mb4|CREATE TABLE t (id int PRIMARY KEY, s varchar(20) COLLATE utf8mb4_bin, KEY ks (s)) DEFAULT CHARSET=utf8mb4|NOCOPY|INSERT INTO t VALUES (1,'x')
set_default|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 5)|INSTANT|INSERT INTO t VALUES (1,1)
drop_default|CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 5)|CREATE TABLE t (id int PRIMARY KEY, a int)|INSTANT|INSERT INTO t VALUES (1,1)
column_comment|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int COMMENT 'the a')|INSTANT|INSERT INTO t VALUES (1,1)
make_nullable|CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL)|CREATE TABLE t (id int PRIMARY KEY, a int)|INPLACE|INSERT INTO t VALUES (1,1)
make_nullable_redundant|CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL) ROW_FORMAT=REDUNDANT|CREATE TABLE t (id int PRIMARY KEY, a int) ROW_FORMAT=REDUNDANT|INSTANT|INSERT INTO t VALUES (1,1)
int_to_bigint_redundant|CREATE TABLE t (id int PRIMARY KEY, a int) ROW_FORMAT=REDUNDANT|CREATE TABLE t (id int PRIMARY KEY, a bigint) ROW_FORMAT=REDUNDANT|COPY:SHARED|INSERT INTO t VALUES (1,1)
make_not_null|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL)|INPLACE|INSERT INTO t VALUES (1,1)
enum_append|CREATE TABLE t (id int PRIMARY KEY, e enum('a','b'))|CREATE TABLE t (id int PRIMARY KEY, e enum('a','b','c'))|INSTANT|INSERT INTO t VALUES (1,'a')
enum_insert_middle|CREATE TABLE t (id int PRIMARY KEY, e enum('a','b'))|CREATE TABLE t (id int PRIMARY KEY, e enum('a','x','b'))|COPY:SHARED|INSERT INTO t VALUES (1,'b')
on_update_added|CREATE TABLE t (id int PRIMARY KEY, ts timestamp NULL DEFAULT NULL)|CREATE TABLE t (id int PRIMARY KEY, ts timestamp NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP)|INSTANT|INSERT INTO t VALUES (1,NULL)
add_index|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, KEY ka (a))|NOCOPY|INSERT INTO t VALUES (1,1)
add_unique|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, UNIQUE KEY ua (a))|NOCOPY|INSERT INTO t VALUES (1,1)
add_fulltext_first|CREATE TABLE t (id int PRIMARY KEY, s text)|CREATE TABLE t (id int PRIMARY KEY, s text, FULLTEXT KEY fs (s))|INPLACE:SHARED|INSERT INTO t VALUES (1,'hello world')
add_spatial|CREATE TABLE t (id int PRIMARY KEY, g point NOT NULL)|CREATE TABLE t (id int PRIMARY KEY, g point NOT NULL, SPATIAL KEY sg (g))|NOCOPY:SHARED|INSERT INTO t VALUES (1,POINT(1,1))
drop_index|CREATE TABLE t (id int PRIMARY KEY, a int, KEY ka (a))|CREATE TABLE t (id int PRIMARY KEY, a int)|NOCOPY|INSERT INTO t VALUES (1,1)
index_renamed_drop_add|CREATE TABLE t (id int PRIMARY KEY, a int, KEY ka (a))|CREATE TABLE t (id int PRIMARY KEY, a int, KEY kb (a))|INSTANT|INSERT INTO t VALUES (1,1)
add_primary_key|CREATE TABLE t (id int NOT NULL, a int)|CREATE TABLE t (id int NOT NULL, a int, PRIMARY KEY (id))|INPLACE|INSERT INTO t VALUES (1,1)
drop_primary_key|CREATE TABLE t (id int NOT NULL, a int, PRIMARY KEY (id))|CREATE TABLE t (id int NOT NULL, a int)|COPY:SHARED|INSERT INTO t VALUES (1,1)
replace_primary_key|CREATE TABLE t (id int NOT NULL, a int NOT NULL, PRIMARY KEY (id))|CREATE TABLE t (id int NOT NULL, a int NOT NULL, PRIMARY KEY (a))|INPLACE|INSERT INTO t VALUES (1,1)
fk_index_renamed|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kp (p), CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kq (p), CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|INSTANT|INSERT INTO p VALUES (1); INSERT INTO t VALUES (1,1)
fk_implicit_index_renamed|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kq (p), CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|NOCOPY|INSERT INTO p VALUES (1); INSERT INTO t VALUES (1,1)
add_foreign_key|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kp (p))|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kp (p), CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|COPY:SHARED|INSERT INTO p VALUES (1); INSERT INTO t VALUES (1,1)
drop_foreign_key|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kp (p), CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id))|CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (id int PRIMARY KEY, p int, KEY kp (p))|INSTANT|INSERT INTO p VALUES (1); INSERT INTO t VALUES (1,1)
add_check|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT ca CHECK (a > 0))|COPY:SHARED|INSERT INTO t VALUES (1,1)
drop_check|CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT ca CHECK (a > 0))|CREATE TABLE t (id int PRIMARY KEY, a int)|INSTANT|INSERT INTO t VALUES (1,1)
json_set_default|CREATE TABLE t (id int PRIMARY KEY, j json)|CREATE TABLE t (id int PRIMARY KEY, j json DEFAULT ('[]'))|INSTANT|INSERT INTO t VALUES (1,'[1]')
json_drop_default|CREATE TABLE t (id int PRIMARY KEY, j json DEFAULT ('[]'))|CREATE TABLE t (id int PRIMARY KEY, j json)|INSTANT|INSERT INTO t VALUES (1,'[1]')
not_null_drop_default|CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL DEFAULT 5)|CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL)|INSTANT|INSERT INTO t VALUES (1,1)
expression_default|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT (1 + 2))|INSTANT|INSERT INTO t VALUES (1,1)
virtual_to_regular|CREATE TABLE t (id int PRIMARY KEY, a int, v int AS (a + 1) VIRTUAL)|CREATE TABLE t (id int PRIMARY KEY, a int, v int)|COPY:SHARED|INSERT INTO t (id, a) VALUES (1,1)
add_long_unique|CREATE TABLE t (id int PRIMARY KEY, s text)|CREATE TABLE t (id int PRIMARY KEY, s text, UNIQUE KEY us (s) USING HASH)|COPY:SHARED|INSERT INTO t VALUES (1,'x')
drop_long_unique|CREATE TABLE t (id int PRIMARY KEY, s text, UNIQUE KEY us (s) USING HASH)|CREATE TABLE t (id int PRIMARY KEY, s text)|NOCOPY|INSERT INTO t VALUES (1,'x')
add_virtual|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, v int AS (a + 1) VIRTUAL)|INSTANT|INSERT INTO t (id, a) VALUES (1,1)
add_stored|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, v int AS (a + 1) STORED)|COPY:SHARED|INSERT INTO t (id, a) VALUES (1,1)
add_auto_increment_column|CREATE TABLE t (a int)|CREATE TABLE t (a int, id int NOT NULL AUTO_INCREMENT, KEY (id))|INPLACE:SHARED|INSERT INTO t VALUES (1)
table_comment|CREATE TABLE t (id int PRIMARY KEY)|CREATE TABLE t (id int PRIMARY KEY) COMMENT 'hello'|INSTANT|INSERT INTO t VALUES (1)
row_format|CREATE TABLE t (id int PRIMARY KEY) ROW_FORMAT=DYNAMIC|CREATE TABLE t (id int PRIMARY KEY) ROW_FORMAT=COMPACT|INPLACE|INSERT INTO t VALUES (1)
engine|CREATE TABLE t (id int PRIMARY KEY) ENGINE=InnoDB|CREATE TABLE t (id int PRIMARY KEY) ENGINE=MyISAM|COPY:SHARED|INSERT INTO t VALUES (1)
default_charset|CREATE TABLE t (id int PRIMARY KEY, s varchar(10) CHARACTER SET utf8mb4) DEFAULT CHARSET=latin1|CREATE TABLE t (id int PRIMARY KEY, s varchar(10) CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4|INSTANT|INSERT INTO t VALUES (1,'x')
convert_charset|CREATE TABLE t (id int PRIMARY KEY, s varchar(10)) DEFAULT CHARSET=latin1|CREATE TABLE t (id int PRIMARY KEY, s varchar(10)) DEFAULT CHARSET=utf8mb4|COPY:SHARED|INSERT INTO t VALUES (1,'x')
add_column_and_retype|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a bigint, b int)|INSTANT,COPY:SHARED|INSERT INTO t VALUES (1,1)
drop_column_and_add_index|CREATE TABLE t (id int PRIMARY KEY, a int, b int)|CREATE TABLE t (id int PRIMARY KEY, a int, KEY ka (a))|INPLACE|INSERT INTO t VALUES (1,1,1)
reorder_and_add_index|CREATE TABLE t (id int PRIMARY KEY, a int, b int)|CREATE TABLE t (id int PRIMARY KEY, b int, a int, KEY ka (a))|INPLACE|INSERT INTO t VALUES (1,1,1)
drop_column_and_index|CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY ka (a))|CREATE TABLE t (id int PRIMARY KEY, a int)|NOCOPY|INSERT INTO t VALUES (1,1,1)
add_column_and_index|CREATE TABLE t (id int PRIMARY KEY, a int)|CREATE TABLE t (id int PRIMARY KEY, a int, b int, KEY kb (b))|INSTANT,NOCOPY|INSERT INTO t VALUES (1,1)
EOF
)

n=0
while IFS='|' read -r name from to expect rows; do
	[ -n "$name" ] || continue
	n=$((n + 1))
	db=$(my_fresh_db "f$n")
	url=$(my_url "$db")
	my_sql "$db" "$from"
	[ -n "$rows" ] && my_sql "$db" "$rows"
	printf '%s;\n' "$to" >"$LIVE_TMP/want.sql"
	"$SQLSHAPE" plan --allow-drop --format json --url "$url" "$LIVE_TMP/want.sql" >"$LIVE_TMP/plan.json" 2>"$LIVE_TMP/plan.err"
	rm -f "$LIVE_TMP"/step.*
	# one file per step (its SQL) and a line "ALGO LOCK" per step, in order
	got=$(python3 - "$LIVE_TMP/plan.json" "$LIVE_TMP" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
out = []
i = 0
for c in p["changes"]:
    for s in c["steps"]:
        i += 1
        open("%s/step.%03d.sql" % (sys.argv[2], i), "w").write(s["sql"] + ";\n")
        open("%s/step.%03d.meta" % (sys.argv[2], i), "w").write("%s %s\n" % (s.get("algorithm") or "-", s.get("lock") or "-"))
        if s.get("algorithm"):
            a = s["algorithm"]
            if s.get("lock") not in (None, "NONE", "DEFAULT"):
                a += ":" + s["lock"]
            out.append(a)
print(",".join(out))
PY
)
	is "$name: predicted $expect" "$expect" "$got"
	for f in "$LIVE_TMP"/step.*.sql; do
		[ -e "$f" ] || continue
		read -r algo lock <"${f%.sql}.meta"
		better=$(better_algo "$algo")
		if [ -n "$better" ]; then
			sed "s/ALGORITHM=$algo/ALGORITHM=$better/" "$f" >"$LIVE_TMP/better.sql"
			refused "$name: ALGORITHM=$better refused" "$LIVE_TMP/better.sql" "$db"
		fi
		if [ "$lock" = SHARED ]; then
			sed "s/LOCK=SHARED/LOCK=NONE/" "$f" >"$LIVE_TMP/better.sql"
			refused "$name: ALGORITHM=$algo, LOCK=NONE refused" "$LIVE_TMP/better.sql" "$db"
		fi
		ok "$name: $(basename "$f" .sql) with ALGORITHM=$algo accepted" my_load "$db" "$f"
	done
	ok "$name: second plan is empty" "$SQLSHAPE" plan --allow-drop --url "$url" "$LIVE_TMP/want.sql"
done <<<"$CASES"

done_testing
