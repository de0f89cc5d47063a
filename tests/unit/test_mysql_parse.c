/*
 * test_mysql_parse.c: the MySQL front end from text to model: every column type and alias,
 * column attributes, indexes, foreign keys, checks, table options, partitioning, CREATE INDEX,
 * ALTER TABLE, views, triggers, routines, dump preambles, annotations, the canonical expression
 * text (many spellings that must agree), every error path, nesting limits, and every real
 * schema under ../shared/real-schemas/mysql.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parser/frontend.h"
#include "parser/model.h"

static Arena A;
static Diag D;
static Schema *S;
static ParseStats ST;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	diag_init(&D, &A);
	D.stream = NULL;
	S = schema_new(&A, DIALECT_MYSQL);
	memset(&ST, 0, sizeof ST);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	diag_release(&D);
	arena_release(&A);
	return 0;
}

/* Parse sql as file "t.sql" into S. */
static int P(const char *sql)
{
	char *copy = arena_strdup(&A, sql);
	int file = diag_add_file(&D, "t.sql", copy, strlen(copy));
	return mysql_parse(&A, &D, file, S, &ST);
}

static void P_ok(const char *sql)
{
	if (P(sql) != 0) {
		fprintf(stderr, "unexpected errors for:\n%s\n%s", sql, sb_str(&D.text));
		fail();
	}
}

/* Expect failure with a message containing each of the given fragments. */
static void P_err(const char *sql, const char *frag1, const char *frag2)
{
	int rc = P(sql);
	if (rc == 0 || (frag1 && !strstr(sb_str(&D.text), frag1)) || (frag2 && !strstr(sb_str(&D.text), frag2))) {
		fprintf(stderr, "for:\n%s\nwanted \"%s\" and \"%s\", got (rc %d):\n%s", sql, frag1 ? frag1 : "",
			frag2 ? frag2 : "", rc, sb_str(&D.text));
		fail();
	}
}

static Table *T(const char *name)
{
	Table *t = schema_find_table(S, NULL, name);
	assert_non_null(t);
	return t;
}

static Column *C(const char *table, const char *col)
{
	Column *c = table_find_column(T(table), DIALECT_MYSQL, col);
	if (!c)
		fprintf(stderr, "no column %s.%s\n", table, col);
	assert_non_null(c);
	return c;
}

static Index *I(const char *table, const char *name)
{
	Index *ix = table_find_index(T(table), DIALECT_MYSQL, name);
	assert_non_null(ix);
	return ix;
}

static const char *E(const char *text)
{
	return mysql_expr_canonical(&A, &D, text);
}

/* ---- column types ---- */

typedef struct TypeCase {
	const char *sql;
	const char *type;
	int length, scale;
	bool is_unsigned, zerofill;
	const char *charset;
} TypeCase;

static void test_types(void **state)
{
	static const TypeCase cases[] = {
		{"INT", "int", -1, -1, 0, 0, NULL},
		{"INT(11)", "int", 11, -1, 0, 0, NULL},
		{"INTEGER UNSIGNED", "int", -1, -1, 1, 0, NULL},
		{"int(10) unsigned zerofill", "int", 10, -1, 1, 1, NULL},
		{"TINYINT(4)", "tinyint", 4, -1, 0, 0, NULL},
		{"SMALLINT", "smallint", -1, -1, 0, 0, NULL},
		{"MEDIUMINT", "mediumint", -1, -1, 0, 0, NULL},
		{"MIDDLEINT", "mediumint", -1, -1, 0, 0, NULL},
		{"BIGINT(20) SIGNED", "bigint", 20, -1, 0, 0, NULL},
		{"INT1", "tinyint", -1, -1, 0, 0, NULL},
		{"INT2", "smallint", -1, -1, 0, 0, NULL},
		{"INT3", "mediumint", -1, -1, 0, 0, NULL},
		{"INT4", "int", -1, -1, 0, 0, NULL},
		{"INT8", "bigint", -1, -1, 0, 0, NULL},
		{"BOOL", "tinyint", 1, -1, 0, 0, NULL},
		{"BOOLEAN", "tinyint", 1, -1, 0, 0, NULL},
		{"BIT", "bit", -1, -1, 0, 0, NULL},
		{"BIT(8)", "bit", 8, -1, 0, 0, NULL},
		{"DECIMAL(10,2)", "decimal", 10, 2, 0, 0, NULL},
		{"DEC(5)", "decimal", 5, -1, 0, 0, NULL},
		{"NUMERIC(8,3) UNSIGNED", "decimal", 8, 3, 1, 0, NULL},
		{"FIXED(4,1)", "decimal", 4, 1, 0, 0, NULL},
		{"DECIMAL", "decimal", -1, -1, 0, 0, NULL},
		{"FLOAT", "float", -1, -1, 0, 0, NULL},
		{"FLOAT(7,3)", "float", 7, 3, 0, 0, NULL},
		{"FLOAT(30)", "double", -1, -1, 0, 0, NULL},
		{"FLOAT(10)", "float", -1, -1, 0, 0, NULL},
		{"DOUBLE", "double", -1, -1, 0, 0, NULL},
		{"DOUBLE PRECISION(10,2)", "double", 10, 2, 0, 0, NULL},
		{"REAL", "double", -1, -1, 0, 0, NULL},
		{"FLOAT4", "float", -1, -1, 0, 0, NULL},
		{"FLOAT8", "double", -1, -1, 0, 0, NULL},
		{"CHAR", "char", -1, -1, 0, 0, NULL},
		{"CHAR(3)", "char", 3, -1, 0, 0, NULL},
		{"CHARACTER(2)", "char", 2, -1, 0, 0, NULL},
		{"NCHAR(2)", "char", 2, -1, 0, 0, "utf8mb3"},
		{"NATIONAL CHAR(2)", "char", 2, -1, 0, 0, "utf8mb3"},
		{"VARCHAR(255)", "varchar", 255, -1, 0, 0, NULL},
		{"CHARACTER VARYING(9)", "varchar", 9, -1, 0, 0, NULL},
		{"CHAR VARYING(9)", "varchar", 9, -1, 0, 0, NULL},
		{"NVARCHAR(5)", "varchar", 5, -1, 0, 0, "utf8mb3"},
		{"NATIONAL VARCHAR(5)", "varchar", 5, -1, 0, 0, "utf8mb3"},
		{"NCHAR VARCHAR(5)", "varchar", 5, -1, 0, 0, "utf8mb3"},
		{"VARCHAR(5) CHARACTER SET latin1", "varchar", 5, -1, 0, 0, "latin1"},
		{"VARCHAR(5) CHARSET utf8", "varchar", 5, -1, 0, 0, "utf8mb3"},
		{"VARCHAR(5) ASCII", "varchar", 5, -1, 0, 0, "latin1"},
		{"BINARY(16)", "binary", 16, -1, 0, 0, NULL},
		{"BINARY", "binary", -1, -1, 0, 0, NULL},
		{"VARBINARY(32)", "varbinary", 32, -1, 0, 0, NULL},
		{"TINYTEXT", "tinytext", -1, -1, 0, 0, NULL},
		{"TEXT", "text", -1, -1, 0, 0, NULL},
		{"TEXT(1000)", "text", 1000, -1, 0, 0, NULL},
		{"MEDIUMTEXT", "mediumtext", -1, -1, 0, 0, NULL},
		{"LONGTEXT", "longtext", -1, -1, 0, 0, NULL},
		{"LONG", "mediumtext", -1, -1, 0, 0, NULL},
		{"LONG VARCHAR", "mediumtext", -1, -1, 0, 0, NULL},
		{"LONG VARBINARY", "mediumblob", -1, -1, 0, 0, NULL},
		{"TINYBLOB", "tinyblob", -1, -1, 0, 0, NULL},
		{"BLOB", "blob", -1, -1, 0, 0, NULL},
		{"MEDIUMBLOB", "mediumblob", -1, -1, 0, 0, NULL},
		{"LONGBLOB", "longblob", -1, -1, 0, 0, NULL},
		{"DATE", "date", -1, -1, 0, 0, NULL},
		{"TIME(3)", "time", 3, -1, 0, 0, NULL},
		{"DATETIME", "datetime", -1, -1, 0, 0, NULL},
		{"DATETIME(6)", "datetime", 6, -1, 0, 0, NULL},
		{"TIMESTAMP(2)", "timestamp", 2, -1, 0, 0, NULL},
		{"YEAR", "year", -1, -1, 0, 0, NULL},
		{"YEAR(4)", "year", 4, -1, 0, 0, NULL},
		{"JSON", "json", -1, -1, 0, 0, NULL},
		{"GEOMETRY", "geometry", -1, -1, 0, 0, NULL},
		{"POINT", "point", -1, -1, 0, 0, NULL},
		{"LINESTRING", "linestring", -1, -1, 0, 0, NULL},
		{"POLYGON", "polygon", -1, -1, 0, 0, NULL},
		{"MULTIPOINT", "multipoint", -1, -1, 0, 0, NULL},
		{"MULTILINESTRING", "multilinestring", -1, -1, 0, 0, NULL},
		{"MULTIPOLYGON", "multipolygon", -1, -1, 0, 0, NULL},
		{"GEOMETRYCOLLECTION", "geometrycollection", -1, -1, 0, 0, NULL},
		{"GEOMCOLLECTION", "geometrycollection", -1, -1, 0, 0, NULL},
		{"INET6", "inet6", -1, -1, 0, 0, NULL},
		{"UUID", "uuid", -1, -1, 0, 0, NULL},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "CREATE TABLE t%zu (c %s);", i, cases[i].sql);
		P_ok(sql);
		snprintf(sql, sizeof sql, "t%zu", i);
		Column *c = C(sql, "c");
		if (strcmp(c->type, cases[i].type) || c->length != cases[i].length || c->scale != cases[i].scale ||
		    c->is_unsigned != cases[i].is_unsigned || c->zerofill != cases[i].zerofill ||
		    !str_eq(c->charset, cases[i].charset)) {
			fprintf(stderr, "%s: got %s(%d,%d) unsigned=%d zerofill=%d charset=%s\n", cases[i].sql, c->type,
				c->length, c->scale, c->is_unsigned, c->zerofill, c->charset ? c->charset : "-");
			fail();
		}
		assert_false(c->not_null);
	}
}

static void test_enum_set_serial(void **state)
{
	(void)state;
	P_ok("CREATE TABLE t (e ENUM('a','it''s','c') NOT NULL, s SET('x', 'y') DEFAULT 'x', id SERIAL);");
	Column *e = C("t", "e");
	assert_string_equal(e->type, "enum");
	assert_int_equal(e->values.n, 3);
	assert_string_equal(e->values.v[1], "it's");
	assert_true(e->not_null);
	assert_string_equal(C("t", "s")->type, "set");
	Column *id = C("t", "id");
	assert_string_equal(id->type, "bigint");
	assert_true(id->is_unsigned && id->not_null && id->auto_increment);
	assert_int_equal(T("t")->indexes.n, 1);
	assert_int_equal(T("t")->indexes.v[0]->kind, INDEX_UNIQUE);
	assert_null(T("t")->indexes.v[0]->name);
	assert_string_equal(T("t")->indexes.v[0]->parts.v[0]->column, "id");
}

static void test_column_attributes(void **state)
{
	(void)state;
	P_ok("CREATE TABLE t (\n"
	     " a INT NOT NULL DEFAULT 0 COMMENT 'the a',\n"
	     " b VARCHAR(10) NULL DEFAULT NULL COLLATE utf8mb4_bin,\n"
	     " c TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE NOW(3),\n"
	     " d DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE current_timestamp(),\n"
	     " e INT AUTO_INCREMENT UNIQUE KEY,\n"
	     " f INT PRIMARY KEY,\n"
	     " g INT GENERATED ALWAYS AS (a + 1) STORED,\n"
	     " h INT AS ((a * 2)) VIRTUAL INVISIBLE,\n"
	     " i INT AS (a) PERSISTENT,\n"
	     " j POINT NOT NULL SRID 4326,\n"
	     " k INT CHECK (k > 0),\n"
	     " l INT REFERENCES other (id) ON DELETE CASCADE ON UPDATE CASCADE,\n"
	     " m INT COLUMN_FORMAT FIXED STORAGE DISK,\n"
	     " n VARCHAR(5) BINARY CHARACTER SET latin1,\n"
	     " o DECIMAL(5,2) DEFAULT -1.50,\n"
	     " p VARCHAR(5) DEFAULT 'x' 'y',\n"
	     " q BIT(2) DEFAULT b'01',\n"
	     " r INT DEFAULT (a + 1),\n"
	     " s JSON DEFAULT (JSON_ARRAY()),\n"
	     " u BLOB COMPRESSED,\n"
	     " v INT UNIQUE\n"
	     ");");
	Column *a = C("t", "a");
	assert_true(a->not_null);
	assert_int_equal(a->default_kind, DEFAULT_LITERAL);
	assert_string_equal(a->default_text, "0");
	assert_string_equal(a->comment, "the a");
	Column *b = C("t", "b");
	assert_false(b->not_null);
	assert_int_equal(b->default_kind, DEFAULT_NULL);
	assert_string_equal(b->collation, "utf8mb4_bin");
	Column *c = C("t", "c");
	assert_int_equal(c->default_kind, DEFAULT_EXPR);
	assert_string_equal(c->default_text, "current_timestamp(3)");
	assert_string_equal(c->on_update, "current_timestamp(3)");
	assert_string_equal(C("t", "d")->default_text, "current_timestamp()");
	assert_string_equal(C("t", "d")->on_update, "current_timestamp()");
	assert_true(C("t", "e")->auto_increment);
	assert_int_equal(C("t", "g")->gen_kind, GEN_STORED);
	assert_string_equal(C("t", "g")->gen_expr, "`a` + 1");
	assert_int_equal(C("t", "h")->gen_kind, GEN_VIRTUAL);
	assert_string_equal(C("t", "h")->gen_expr, "`a` * 2");
	assert_true(C("t", "h")->invisible);
	assert_int_equal(C("t", "i")->gen_kind, GEN_STORED);
	assert_int_equal(C("t", "j")->srid, 4326);
	assert_int_equal(C("t", "a")->srid, -1);
	assert_string_equal(C("t", "n")->charset, "latin1");
	assert_string_equal(C("t", "n")->collation, "latin1_bin");
	assert_string_equal(C("t", "o")->default_text, "-1.50");
	assert_int_equal(C("t", "o")->default_kind, DEFAULT_LITERAL);
	assert_string_equal(C("t", "p")->default_text, "'xy'");
	assert_string_equal(C("t", "q")->default_text, "b'01'");
	assert_int_equal(C("t", "r")->default_kind, DEFAULT_EXPR);
	assert_string_equal(C("t", "r")->default_text, "`a` + 1");
	assert_string_equal(C("t", "s")->default_text, "json_array()");
	assert_string_equal(C("t", "u")->compression, "zlib");
	/* inline REFERENCES is an unnamed foreign key, as MariaDB 10.5+ makes it */
	assert_int_equal(T("t")->fks.n, 1);
	assert_null(T("t")->fks.v[0]->name);
	assert_string_equal(T("t")->fks.v[0]->columns.v[0], "l");
	assert_string_equal(T("t")->fks.v[0]->ref_table, "other");
	assert_string_equal(T("t")->fks.v[0]->ref_columns.v[0], "id");
	assert_int_equal(T("t")->fks.v[0]->on_delete, FK_CASCADE);
	assert_int_equal(T("t")->fks.v[0]->on_update, FK_CASCADE);
	/* column-level keys become indexes; column check becomes an unnamed table check */
	assert_int_equal(I("t", "PRIMARY")->kind, INDEX_PRIMARY);
	assert_string_equal(I("t", "PRIMARY")->parts.v[0]->column, "f");
	int uniques = 0;
	for (int i = 0; i < T("t")->indexes.n; i++)
		if (T("t")->indexes.v[i]->kind == INDEX_UNIQUE) {
			assert_null(T("t")->indexes.v[i]->name);
			uniques++;
		}
	assert_int_equal(uniques, 2);
	assert_int_equal(T("t")->checks.n, 1);
	assert_null(T("t")->checks.v[0]->name);
	assert_string_equal(T("t")->checks.v[0]->column, "k");
	assert_string_equal(T("t")->checks.v[0]->expr, "`k` > 0");
}

/* Column-level REFERENCES per flavour: MariaDB makes a foreign key, MySQL ignores it. */
static void test_column_references_flavor(void **state)
{
	const char *sql = "CREATE TABLE t (a INT REFERENCES p (id) ON DELETE SET NULL, b INT ON DELETE CASCADE,\n"
			  " c INT REFERENCES db2.p (k) MATCH FULL ON UPDATE RESTRICT);";
	char *copy = arena_strdup(&A, sql);
	int file = diag_add_file(&D, "t.sql", copy, strlen(copy));
	(void)state;
	assert_int_equal(mysql_parse_flavor(&A, &D, file, S, NULL, FLAVOR_MYSQL), 0);
	assert_int_equal(T("t")->fks.n, 0);
	S = schema_new(&A, DIALECT_MYSQL);
	file = diag_add_file(&D, "t.sql", copy, strlen(copy));
	assert_int_equal(mysql_parse_flavor(&A, &D, file, S, NULL, FLAVOR_MARIADB), 0);
	assert_int_equal(T("t")->fks.n, 2);
	assert_string_equal(T("t")->fks.v[0]->columns.v[0], "a");
	assert_int_equal(T("t")->fks.v[0]->on_delete, FK_SET_NULL);
	assert_string_equal(T("t")->fks.v[1]->columns.v[0], "c");
	assert_string_equal(T("t")->fks.v[1]->ref_schema, "db2");
	assert_string_equal(T("t")->fks.v[1]->match, "FULL");
	assert_int_equal(T("t")->fks.v[1]->on_update, FK_RESTRICT);
	/* MariaDB refuses a column-level reference without its column ("incorrectly formed") */
	S = schema_new(&A, DIALECT_MYSQL);
	P_err("CREATE TABLE u (a INT REFERENCES p);", "column-level REFERENCES of column \"a\" must name one referenced column", NULL);
}

static void test_keywords_as_names(void **state)
{
	(void)state;
	P_ok("CREATE TABLE status (status INT, date DATE, key_block_size INT, comment TEXT, type INT, value INT,\n"
	     " timestamp TIMESTAMP, text TEXT, action INT, data BLOB, engine INT, year YEAR, `key` INT,\n"
	     " `select` INT, point POINT, json JSON, bit BIT, enum ENUM('a'), view INT, trigger_x INT, serial INT,\n"
	     " KEY comment (comment), KEY status (status, `key`));");
	assert_int_equal(T("status")->columns.n, 21);
	assert_string_equal(C("status", "serial")->type, "int");
	assert_string_equal(I("status", "comment")->parts.v[0]->column, "comment");
}

static void test_indexes(void **state)
{
	(void)state;
	P_ok("CREATE TABLE t (a INT, b VARCHAR(100), c TEXT, g GEOMETRY NOT NULL,\n"
	     " PRIMARY KEY USING BTREE (a),\n"
	     " UNIQUE KEY uk (b(10) DESC, a ASC) USING HASH COMMENT 'u' KEY_BLOCK_SIZE=8,\n"
	     " CONSTRAINT cu UNIQUE (a, b),\n"
	     " UNIQUE INDEX (b),\n"
	     " INDEX ix ((lower(b)), a) INVISIBLE,\n"
	     " KEY kx (a) IGNORED,\n"
	     " KEY ky (a) NOT IGNORED VISIBLE,\n"
	     " FULLTEXT KEY ft (c) WITH PARSER ngram,\n"
	     " SPATIAL INDEX sp (g));");
	Index *pk = I("t", "PRIMARY");
	assert_int_equal(pk->kind, INDEX_PRIMARY);
	assert_string_equal(pk->method, "BTREE");
	Index *uk = I("t", "uk");
	assert_int_equal(uk->kind, INDEX_UNIQUE);
	assert_int_equal(uk->parts.n, 2);
	assert_int_equal(uk->parts.v[0]->prefix_len, 10);
	assert_true(uk->parts.v[0]->desc);
	assert_false(uk->parts.v[1]->desc);
	assert_string_equal(uk->method, "HASH");
	assert_string_equal(uk->comment, "u");
	assert_int_equal(uk->key_block_size, 8);
	assert_int_equal(I("t", "cu")->kind, INDEX_UNIQUE);
	Index *ix = I("t", "ix");
	assert_null(ix->parts.v[0]->column);
	assert_string_equal(ix->parts.v[0]->expr, "lower(`b`)");
	assert_string_equal(ix->parts.v[1]->column, "a");
	assert_true(ix->invisible);
	assert_true(I("t", "kx")->invisible);
	assert_false(I("t", "ky")->invisible);
	assert_int_equal(I("t", "ft")->kind, INDEX_FULLTEXT);
	assert_string_equal(I("t", "ft")->parser, "ngram");
	assert_int_equal(I("t", "sp")->kind, INDEX_SPATIAL);
	assert_int_equal(T("t")->indexes.n, 9);
}

static void test_foreign_keys_and_checks(void **state)
{
	(void)state;
	P_ok("CREATE TABLE p (id INT PRIMARY KEY);\n"
	     "CREATE TABLE c (a INT, b INT,\n"
	     " CONSTRAINT fk1 FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE ON UPDATE RESTRICT,\n"
	     " FOREIGN KEY fk_idx (b) REFERENCES db2.p (id) MATCH FULL ON UPDATE SET NULL ON DELETE NO ACTION,\n"
	     " CONSTRAINT FOREIGN KEY (a, b) REFERENCES p (id, id) ON DELETE SET DEFAULT,\n"
	     " CONSTRAINT ck CHECK (a > 0) NOT ENFORCED,\n"
	     " CHECK (b < 10) ENFORCED,\n"
	     " CONSTRAINT ck2 CHECK ((`a` >= 18)));");
	Table *t = T("c");
	assert_int_equal(t->fks.n, 3);
	ForeignKey *f1 = t->fks.v[0];
	assert_string_equal(f1->name, "fk1");
	assert_string_equal(f1->ref_table, "p");
	assert_null(f1->ref_schema);
	assert_int_equal(f1->on_delete, FK_CASCADE);
	assert_int_equal(f1->on_update, FK_RESTRICT);
	ForeignKey *f2 = t->fks.v[1];
	assert_string_equal(f2->name, "fk_idx");
	assert_string_equal(f2->ref_schema, "db2");
	assert_string_equal(f2->match, "FULL");
	assert_int_equal(f2->on_update, FK_SET_NULL);
	assert_int_equal(f2->on_delete, FK_NO_ACTION);
	ForeignKey *f3 = t->fks.v[2];
	assert_null(f3->name);
	assert_int_equal(f3->columns.n, 2);
	assert_int_equal(f3->on_delete, FK_SET_DEFAULT);
	assert_int_equal(f3->on_update, FK_UNSPECIFIED);
	assert_int_equal(t->checks.n, 3);
	assert_string_equal(t->checks.v[0]->name, "ck");
	assert_true(t->checks.v[0]->not_enforced);
	assert_null(t->checks.v[1]->name);
	assert_false(t->checks.v[1]->not_enforced);
	assert_string_equal(t->checks.v[2]->expr, "`a` >= 18");
}

static void test_table_options(void **state)
{
	(void)state;
	P_ok("CREATE TABLE IF NOT EXISTS t (a INT) ENGINE=MyISAM, DEFAULT CHARACTER SET = latin1 COLLATE latin1_bin\n"
	     " ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE 8 COMMENT='hello' AUTO_INCREMENT=42 STATS_PERSISTENT=1\n"
	     " PACK_KEYS=DEFAULT CHECKSUM=1, DELAY_KEY_WRITE=1 MAX_ROWS=100 MIN_ROWS 1 AVG_ROW_LENGTH=10\n"
	     " DATA DIRECTORY='/d' INDEX DIRECTORY = '/i' INSERT_METHOD=LAST UNION=(a,b) ENCRYPTION='Y'\n"
	     " PAGE_CHECKSUM=1 TRANSACTIONAL=0 COMPRESSION='zlib' stats_sample_pages=5;");
	Table *t = T("t");
	assert_string_equal(t->engine, "MyISAM");
	assert_string_equal(t->charset, "latin1");
	assert_string_equal(t->collation, "latin1_bin");
	assert_string_equal(t->row_format, "COMPRESSED");
	assert_int_equal(t->key_block_size, 8);
	assert_string_equal(t->comment, "hello");
	assert_int_equal(t->auto_increment, 42);
	const char *want[] = {"AVG_ROW_LENGTH=10", "CHECKSUM=1", "COMPRESSION='zlib'", "DATA DIRECTORY='/d'",
			      "DELAY_KEY_WRITE=1", "ENCRYPTION='Y'", "INDEX DIRECTORY='/i'", "INSERT_METHOD=LAST",
			      "MAX_ROWS=100", "MIN_ROWS=1", "PACK_KEYS=DEFAULT", "PAGE_CHECKSUM=1",
			      "STATS_PERSISTENT=1", "STATS_SAMPLE_PAGES=5", "TRANSACTIONAL=0", "UNION=(`a`,`b`)"};
	int n = (int)(sizeof want / sizeof want[0]);
	for (int i = 0; i < t->options.n && i < n; i++)
		assert_string_equal(t->options.v[i], want[i]);
	assert_int_equal(t->options.n, n);
	/* IF NOT EXISTS of an existing table changes nothing */
	P_ok("CREATE TABLE IF NOT EXISTS t (b INT);");
	assert_int_equal(T("t")->columns.n, 1);
}

static void test_partitioning(void **state)
{
	(void)state;
	P_ok("CREATE TABLE r (id INT, d DATE) PARTITION BY RANGE (YEAR(d)) (\n"
	     " PARTITION p0 VALUES LESS THAN (1990) ENGINE = InnoDB COMMENT 'old',\n"
	     " PARTITION p1 VALUES LESS THAN MAXVALUE);\n"
	     "CREATE TABLE l (a INT, b INT) PARTITION BY LIST COLUMNS (a, b) (\n"
	     " PARTITION x VALUES IN ((1, 2), (3, 4)), PARTITION y VALUES IN ((5, 6)));\n"
	     "CREATE TABLE h (a INT) PARTITION BY LINEAR HASH (a) PARTITIONS 4;\n"
	     "CREATE TABLE k (a INT) PARTITION BY KEY ALGORITHM=2 (a) PARTITIONS 3;\n"
	     "CREATE TABLE s (a INT, d DATE) PARTITION BY RANGE (a) SUBPARTITION BY HASH (TO_DAYS(d)) SUBPARTITIONS 2 (\n"
	     " PARTITION p0 VALUES LESS THAN (10) (SUBPARTITION s0 ENGINE=InnoDB, SUBPARTITION s1 MAX_ROWS=5),\n"
	     " PARTITION p1 VALUES LESS THAN (20) (SUBPARTITION s2, SUBPARTITION s3));\n"
	     "CREATE TABLE rc (a INT, b INT) PARTITION BY RANGE COLUMNS (a, b) (PARTITION p VALUES LESS THAN (1, MAXVALUE));");
	Partitioning *p = T("r")->partitioning;
	assert_non_null(p);
	assert_int_equal(p->method, PART_RANGE);
	assert_string_equal(p->expr, "year(`d`)");
	assert_int_equal(p->parts.n, 2);
	assert_string_equal(p->parts.v[0]->values, "LESS THAN (1990)");
	assert_string_equal(p->parts.v[0]->engine, "InnoDB");
	assert_string_equal(p->parts.v[0]->comment, "old");
	assert_string_equal(p->parts.v[1]->values, "LESS THAN MAXVALUE");
	p = T("l")->partitioning;
	assert_int_equal(p->method, PART_LIST);
	assert_true(p->columns);
	assert_int_equal(p->column_list.n, 2);
	assert_string_equal(p->parts.v[0]->values, "IN ((1, 2), (3, 4))");
	p = T("h")->partitioning;
	assert_int_equal(p->method, PART_HASH);
	assert_true(p->linear);
	assert_int_equal(p->count, 4);
	p = T("k")->partitioning;
	assert_int_equal(p->method, PART_KEY);
	assert_int_equal(p->key_algorithm, 2);
	assert_string_equal(p->column_list.v[0], "a");
	p = T("s")->partitioning;
	assert_int_equal(p->sub_method, PART_HASH);
	assert_string_equal(p->sub_expr, "to_days(`d`)");
	assert_int_equal(p->sub_count, 2);
	assert_int_equal(p->parts.v[0]->subparts.n, 2);
	assert_string_equal(p->parts.v[0]->subparts.v[1]->options.v[0], "MAX_ROWS 5");
	assert_string_equal(T("rc")->partitioning->parts.v[0]->values, "LESS THAN (1, MAXVALUE)");
}

/* ---- expressions ---- */

static void test_expr_canonical_spellings(void **state)
{
	static const char *const same[][2] = {
		{"(a >= 18)", "`a` >= 18"},
		{"((a >= 18))", "a>=18"},
		{"a != 1", "a <> 1"},
		{"a && b || c", "(a AND b) OR c"},
		{"!(a = 1)", "NOT a = 1"},
		{"not (a between 1 and 5)", "a NOT BETWEEN 1 AND 5"},
		{"NOT (a IN (1,2))", "a not in (1, 2)"},
		{"not (a is null)", "a IS NOT NULL"},
		{"a MOD 2", "a % 2"},
		{"a RLIKE 'x'", "a REGEXP 'x'"},
		{"CURRENT_TIMESTAMP", "now()"},
		{"current_timestamp()", "LOCALTIMESTAMP"},
		{"NOW(3)", "current_timestamp(3)"},
		{"CURRENT_DATE", "curdate()"},
		{"IF(a, 'x', \"y\")", "if(`a`, 'x', 'y')"},
		{"_utf8mb4'abc'", "'abc'"},
		{"'it''s'", "'it\\'s'"},
		{"'a' 'b'", "'ab'"},
		{"d >= DATE '2020-01-01'", "`d` >= DATE'2020-01-01'"},
		{"t < time \"10:00\"", "t < TIME'10:00'"},
		{"TIMESTAMP'2020-01-01 00:00:00'", "timestamp '2020-01-01 00:00:00'"},
		{"X'4A'", "0x4a"},
		{"0b101", "b'101'"},
		{"t.c", "`t`.`c`"},
		{"BINARY a = 'x'", "CAST(a AS CHAR CHARSET binary) = 'x'"},
		{"CAST(a AS CHAR(3))", "cast(`a` as char(3) charset utf8mb3)"},
		{"CONVERT(a, SIGNED INTEGER)", "CAST(a AS SIGNED)"},
		{"a + (b + c)", "a + (b + c)"},
		{"(a + b) + c", "a + b + c"},
		{"(a * b) + c", "a * b + c"},
		{"- (-a)", "-(-a)"},
		{"DATE_ADD(d, INTERVAL 1 DAY)", "date_add(`d`, interval 1 day)"},
		{"CASE WHEN a THEN 1 ELSE 0 END", "case when a then 1 else 0 end"},
		{"lower(`name`)", "LOWER(name)"},
		{"COUNT(*)", "count(*)"},
		{"json_valid(`g`)", "JSON_VALID(g)"},
		{"a->'$.x'", "`a` -> '$.x'"},
		{"a->>\"$.x\"", "a->>'$.x'"},
		{"(`age` < 200) and ((`a` like 'x%') or (`a` is null))", "age < 200 and (a like 'x%' or a is null)"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		const char *x = E(same[i][0]), *y = E(same[i][1]);
		if (!x || !y || strcmp(x, y)) {
			fprintf(stderr, "[%s] -> %s\n[%s] -> %s\n%s", same[i][0], x ? x : "(error)", same[i][1],
				y ? y : "(error)", sb_str(&D.text));
			fail();
		}
	}
	/* a typed literal is not the plain string; a column named date stays a column */
	assert_string_not_equal(E("DATE '2020-01-01'"), E("'2020-01-01'"));
	assert_string_equal(E("`date` > date(ts)"), "`date` > date(`ts`)");
}

static void test_expr_exact_text(void **state)
{
	static const char *const cases[][2] = {
		{"(a >= 18)", "`a` >= 18"},
		{"a OR b AND c", "`a` OR `b` AND `c`"},
		{"(a OR b) AND c", "(`a` OR `b`) AND `c`"},
		{"a XOR b", "`a` XOR `b`"},
		{"NOT a", "NOT `a`"},
		{"(NOT a) = b", "(NOT `a`) = `b`"},
		{"!a = b", "(NOT `a`) = `b`"},
		{"a = b = c", "`a` = `b` = `c`"},
		{"a = (b = c)", "`a` = (`b` = `c`)"},
		{"a <=> NULL", "`a` <=> NULL"},
		{"a IS NOT TRUE", "`a` IS NOT TRUE"},
		{"a is unknown", "`a` IS UNKNOWN"},
		{"a | b & c", "`a` | `b` & `c`"},
		{"(a | b) & c", "(`a` | `b`) & `c`"},
		{"a << 1 >> 2", "`a` << 1 >> 2"},
		{"a - (b - c)", "`a` - (`b` - `c`)"},
		{"a DIV 2 * 3", "`a` DIV 2 * 3"},
		{"a ^ b * c", "`a` ^ `b` * `c`"},
		{"(a * b) ^ c", "(`a` * `b`) ^ `c`"},
		{"-a * b", "-`a` * `b`"},
		{"-(a * b)", "-(`a` * `b`)"},
		{"~a", "~`a`"},
		{"a COLLATE utf8mb4_bin = 'x'", "`a` COLLATE utf8mb4_bin = 'x'"},
		{"a LIKE 'x!%' ESCAPE '!'", "`a` LIKE 'x!%' ESCAPE '!'"},
		{"a BETWEEN 1 + 1 AND 5", "`a` BETWEEN 1 + 1 AND 5"},
		{"a IN (1, 'b', NULL)", "`a` IN (1, 'b', NULL)"},
		{"CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' END", "CASE `a` WHEN 1 THEN 'x' WHEN 2 THEN 'y' END"},
		{"CONVERT(a USING UTF8MB4)", "CONVERT(`a` USING utf8mb4)"},
		{"CAST(a AS DECIMAL(10,2))", "CAST(`a` AS DECIMAL(10,2))"},
		{"CAST(a AS DATETIME(6))", "CAST(`a` AS DATETIME(6))"},
		{"CAST(a AS UNSIGNED)", "CAST(`a` AS UNSIGNED)"},
		{"d + INTERVAL 1 HOUR", "`d` + INTERVAL 1 HOUR"},
		{"UTC_TIMESTAMP", "utc_timestamp()"},
		{"LEFT(a, 2)", "left(`a`, 2)"},
		{"RIGHT(a, 2)", "right(`a`, 2)"},
		{"CHAR(65)", "char(65)"},
		{"INSERT(a, 1, 2, 'x')", "insert(`a`, 1, 2, 'x')"},
		{"REPLACE(a, 'x', 'y')", "replace(`a`, 'x', 'y')"},
		{"MOD(a, 3)", "mod(`a`, 3)"},
		{"DATE(a)", "date(`a`)"},
		{"TIME(a)", "time(`a`)"},
		{"YEAR(a)", "year(`a`)"},
		{"COALESCE(a, b, 0)", "coalesce(`a`, `b`, 0)"},
		{"COUNT(DISTINCT a)", "count(DISTINCT `a`)"},
		{"cast(json_extract(`j`,_utf8mb4'$.a') as unsigned array)", "CAST(json_extract(`j`, '$.a') AS UNSIGNED ARRAY)"},
		{"db.f(1)", "`db`.f(1)"},
		{"_binary'x'", "_binary'x'"},
		{"N'x'", "N'x'"},
		{"'a\\nb'", "'a\\nb'"},
		{"TRUE", "TRUE"},
		{"1.5e3", "1.5e3"},
		{"@v", "@v"},
		{"`we``ird`", "`we``ird`"},
		{"(1, 2)", "(1, 2)"},
		{"a NOT REGEXP '^x'", "`a` NOT REGEXP '^x'"},
		{"a IS NULL = 0", "`a` IS NULL = 0"},
		{"(a = 1) IS NULL", "`a` = 1 IS NULL"},
		{"(a AND b) IS NULL", "(`a` AND `b`) IS NULL"},
		{"a BETWEEN (b BETWEEN 1 AND 2) AND 3", "`a` BETWEEN (`b` BETWEEN 1 AND 2) AND 3"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *x = E(cases[i][0]);
		if (!x || strcmp(x, cases[i][1])) {
			fprintf(stderr, "[%s] -> %s, want %s\n%s", cases[i][0], x ? x : "(error)", cases[i][1], sb_str(&D.text));
			fail();
		}
		/* the canonical text reparses to itself */
		const char *y = E(x);
		assert_non_null(y);
		assert_string_equal(x, y);
	}
}

static void test_expr_errors(void **state)
{
	(void)state;
	assert_null(E("a +"));
	assert_null(E("(a"));
	assert_null(E("a b"));
	assert_null(E("'unterminated"));
	assert_null(E(""));
	assert_non_null(strstr(sb_str(&D.text), "<expression>:1:"));
}

static void test_user_and_server_checks_agree(void **state)
{
	(void)state;
	/* what a user writes and what MariaDB 10.11 / MySQL 8 print for the same table */
	P_ok("CREATE TABLE u (age INT, a VARCHAR(5), b INT,\n"
	     " CONSTRAINT c1 CHECK (age >= 18),\n"
	     " CONSTRAINT c2 CHECK (age < 200 and (a like 'x%' or a is null) and not (b between 1 and 5)),\n"
	     " CONSTRAINT c3 CHECK (a in ('a','b')),\n"
	     " g INT AS (age * 2 + b) VIRTUAL, d DATETIME DEFAULT NOW());\n"
	     "CREATE TABLE s (`age` int(11), `a` varchar(5), `b` int(11),\n"
	     " CONSTRAINT `c1` CHECK (`age` >= 18),\n"
	     " CONSTRAINT `c2` CHECK (`age` < 200 and (`a` like 'x%' or `a` is null) and `b` not between 1 and 5),\n"
	     " CONSTRAINT `c3` CHECK ((`a` in (_utf8mb4'a',_utf8mb4'b'))),\n"
	     " `g` int(11) GENERATED ALWAYS AS (`age` * 2 + `b`) VIRTUAL, `d` datetime DEFAULT current_timestamp());");
	for (int i = 0; i < 3; i++)
		assert_string_equal(T("u")->checks.v[i]->expr, T("s")->checks.v[i]->expr);
	assert_string_equal(C("u", "g")->gen_expr, C("s", "g")->gen_expr);
	assert_string_equal(C("u", "d")->default_text, C("s", "d")->default_text);
}

/* ---- statements ---- */

static void test_create_index_and_alter(void **state)
{
	(void)state;
	P_ok("CREATE TABLE p (id INT NOT NULL);\n"
	     "CREATE TABLE t (id INT, a INT, b VARCHAR(10), c INT);\n"
	     "CREATE UNIQUE INDEX ua ON t (a);\n"
	     "CREATE INDEX ib USING BTREE ON t (b(5) DESC) COMMENT 'x' ALGORITHM=INPLACE LOCK=NONE;\n"
	     "CREATE FULLTEXT INDEX ft ON t (b);\n"
	     "ALTER TABLE p ADD PRIMARY KEY (id);\n"
	     "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id) ON DELETE CASCADE,\n"
	     "  ADD COLUMN d INT NOT NULL DEFAULT 1 AFTER a, ADD e INT FIRST, ADD INDEX ic (c), ADD CHECK (a > 0);\n"
	     "ALTER TABLE t MODIFY COLUMN b VARCHAR(20) NOT NULL, ALTER COLUMN a SET DEFAULT 5, ALTER c DROP DEFAULT;\n"
	     "ALTER TABLE t CHANGE c c2 BIGINT;\n"
	     "ALTER TABLE t ADD (x INT, y INT), DROP COLUMN y, DROP INDEX ft, ENGINE=InnoDB;\n"
	     "ALTER TABLE t PARTITION BY HASH (id) PARTITIONS 2;");
	Table *t = T("t");
	assert_int_equal(I("t", "ua")->kind, INDEX_UNIQUE);
	assert_string_equal(I("t", "ib")->method, "BTREE");
	assert_true(I("t", "ib")->parts.v[0]->desc);
	assert_null(table_find_index(t, DIALECT_MYSQL, "ft"));
	assert_int_equal(I("p", "PRIMARY")->kind, INDEX_PRIMARY);
	assert_int_equal(t->fks.n, 1);
	assert_string_equal(t->fks.v[0]->name, "fk");
	const char *order[] = {"e", "id", "a", "d", "b", "c2", "x"};
	assert_int_equal(t->columns.n, 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(t->columns.v[i]->name, order[i]);
	assert_true(C("t", "b")->not_null);
	assert_int_equal(C("t", "b")->length, 20);
	assert_string_equal(C("t", "a")->default_text, "5");
	assert_string_equal(C("t", "c2")->type, "bigint");
	assert_string_equal(C("t", "c2")->renamed_from, "c");
	assert_int_equal(t->checks.n, 1);
	assert_string_equal(t->engine, "InnoDB");
	assert_int_equal(t->partitioning->method, PART_HASH);
	assert_int_equal(ST.statements, 11);
	/* MariaDB IF [NOT] EXISTS */
	P_ok("CREATE INDEX IF NOT EXISTS ua ON t (b);\n"
	     "ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT, ADD KEY IF NOT EXISTS ua (b), DROP INDEX IF EXISTS nope,\n"
	     "  DROP COLUMN IF EXISTS nope, DROP FOREIGN KEY IF EXISTS nope;");
	P_err("ALTER TABLE t ADD COLUMN IF NOT EXISTS z1 INT, ADD COLUMN z1 INT", "duplicate column \"z1\"", NULL);
	assert_int_equal(T("t")->columns.n, 8);
	assert_int_equal(I("t", "ua")->parts.v[0]->column[0], 'a');
}

static void test_views_triggers_routines(void **state)
{
	(void)state;
	P_ok("CREATE TABLE t (id INT, a VARCHAR(10));\n"
	     "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v (x, y) AS\n"
	     "  select id, a from t where id > 1 WITH LOCAL CHECK OPTION;\n"
	     "CREATE VIEW v2 AS (SELECT  *   FROM `t`);\n"
	     "DELIMITER ;;\n"
	     "CREATE DEFINER=root@localhost TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW FOLLOWS other\n"
	     "BEGIN\n  IF NEW.a IS NULL THEN SET NEW.a = 'x'; END IF;\n  BEGIN SET @x = 1; END;\nEND;;\n"
	     "CREATE TRIGGER tr2 AFTER DELETE ON t FOR EACH ROW SET @n = @n + 1;;\n"
	     "CREATE FUNCTION f(x INT, y VARCHAR(5) CHARSET utf8mb4) RETURNS DECIMAL(10,2) UNSIGNED\n"
	     "  DETERMINISTIC NO SQL COMMENT 'adds' RETURN x + 1;;\n"
	     "CREATE PROCEDURE p(IN a INT, OUT b INT, INOUT c TEXT) MODIFIES SQL DATA SQL SECURITY INVOKER\n"
	     "lbl: BEGIN\n  DECLARE i INT DEFAULT 0;\n  WHILE i < 3 DO SET i = i + 1; END WHILE;\nEND lbl;;\n"
	     "DELIMITER ;\n");
	assert_int_equal(S->views.n, 2);
	View *v = S->views.v[0];
	assert_string_equal(v->name, "v");
	assert_string_equal(v->algorithm, "MERGE");
	assert_string_equal(v->security, "INVOKER");
	assert_string_equal(v->definer, "`root`@`%`");
	assert_string_equal(v->check_option, "LOCAL");
	assert_int_equal(v->columns.n, 2);
	assert_string_equal(v->definition, "SELECT `id`, `a` FROM `t` WHERE `id` > 1");
	assert_string_equal(S->views.v[1]->definition, "(SELECT * FROM `t`)");
	assert_null(S->views.v[1]->algorithm);
	assert_int_equal(S->triggers.n, 2);
	Trigger *tr = S->triggers.v[0];
	assert_string_equal(tr->timing, "BEFORE");
	assert_string_equal(tr->events, "UPDATE");
	assert_string_equal(tr->table, "t");
	assert_string_equal(tr->order_clause, "FOLLOWS other");
	assert_string_equal(tr->definer, "`root`@`localhost`");
	assert_string_equal(tr->body, "BEGIN IF NEW.`a` IS NULL THEN SET NEW.`a` = 'x'; END IF; BEGIN SET @x = 1; END; END");
	assert_string_equal(S->triggers.v[1]->body, "SET @n = @n + 1");
	assert_int_equal(S->routines.n, 2);
	Routine *f = S->routines.v[0];
	assert_int_equal(f->kind, ROUTINE_FUNCTION);
	assert_string_equal(f->args, "`x` int, `y` varchar(5) CHARSET utf8mb4");
	assert_string_equal(f->returns, "decimal(10,2) unsigned");
	assert_string_equal(f->comment, "adds");
	assert_string_equal(f->definition, "DETERMINISTIC NO SQL RETURN `x` + 1");
	Routine *p = S->routines.v[1];
	assert_int_equal(p->kind, ROUTINE_PROCEDURE);
	assert_string_equal(p->args, "IN `a` int, OUT `b` int, INOUT `c` text");
	assert_non_null(strstr(p->definition, "MODIFIES SQL DATA SQL SECURITY INVOKER `lbl`: BEGIN DECLARE `i` INT DEFAULT 0;"));
	/* a compound body with the default delimiter, as a server prints it */
	P_ok("CREATE PROCEDURE p2() BEGIN SELECT 1; CASE WHEN 1 THEN SELECT 2; END CASE; IF 1 THEN SELECT 3; END IF; END;\n"
	     "CREATE TABLE after_p2 (a INT);");
	assert_non_null(schema_find_table(S, NULL, "after_p2"));
	assert_string_equal(S->routines.v[2]->definition,
			    "BEGIN SELECT 1; CASE WHEN 1 THEN SELECT 2; END CASE; IF 1 THEN SELECT 3; END IF; END");
	/* the same body written differently normalises to the same text */
	P_ok("CREATE TRIGGER tr3 AFTER DELETE ON t FOR EACH ROW set   @n=@n+1 ;");
	assert_string_equal(S->triggers.v[2]->body, S->triggers.v[1]->body);
}

static void test_mysqldump_file(void **state)
{
	(void)state;
	P_ok("/*M!999999\\- enable the sandbox mode */ \n"
	     "-- MySQL dump 10.13\n"
	     "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
	     "/*!50503 SET NAMES utf8mb4 */;\n"
	     "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n"
	     "DROP TABLE IF EXISTS `t1`;\n"
	     "/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
	     "CREATE TABLE `t1` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
	     "LOCK TABLES `t1` WRITE;\n/*!40000 ALTER TABLE `t1` DISABLE KEYS */;\n"
	     "INSERT INTO `t1` VALUES (1),(2);\nINSERT INTO `t1` VALUES (3);\n"
	     "/*!40000 ALTER TABLE `t1` ENABLE KEYS */;\nUNLOCK TABLES;\n"
	     "/*!50001 DROP VIEW IF EXISTS `v1`*/;\n"
	     "/*!50001 CREATE VIEW `v1` AS SELECT \n 1 AS `id`*/;\n"
	     "USE `db`;\n"
	     "/*!50001 DROP VIEW IF EXISTS `v1`*/;\n"
	     "/*!50001 CREATE ALGORITHM=UNDEFINED */\n"
	     "/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n"
	     "/*!50001 VIEW `v1` AS select `t1`.`id` AS `id` from `t1` */;\n"
	     "DELIMITER ;;\n"
	     "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `trg` BEFORE INSERT ON `t1` FOR EACH ROW SET NEW.id = NEW.id + 1 */;;\n"
	     "DELIMITER ;\n"
	     "/*!50003 CREATE*/ /*!50106 EVENT `ev` ON SCHEDULE EVERY 1 DAY DO DELETE FROM t1 */;\n"
	     "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `db` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n"
	     "/*M!100100 SET sql_mode=@OLD */;\n");
	assert_int_equal(S->tables.n, 1);
	assert_int_equal(S->views.n, 1);
	assert_string_equal(S->views.v[0]->definition, "SELECT `t1`.`id` AS `id` FROM `t1`");
	assert_null(S->views.v[0]->security);
	assert_int_equal(S->triggers.n, 1);
	assert_int_equal(ST.data_statements, 2);
	assert_true(ST.ignored_statements >= 11);
	/* the event inside executable comments is read like any other */
	assert_int_equal(S->events.n, 1);
	assert_string_equal(S->events.v[0]->schedule, "EVERY 1 DAY");
	/* one warning, for the data statements */
	assert_int_equal(D.warnings, 1);
	assert_non_null(strstr(sb_str(&D.text), "ignored 2 data statements"));
}

static void test_events(void **state)
{
	(void)state;
	P_ok("CREATE DEFINER='root'@'%' EVENT `e1` ON SCHEDULE EVERY '1 4' DAY_HOUR\n"
	     "  STARTS '2030-01-01 00:00:00' ENDS CURRENT_TIMESTAMP + INTERVAL 1 YEAR\n"
	     "  ON COMPLETION PRESERVE DISABLE ON SLAVE COMMENT 'it''s'\n"
	     "  DO delete   from records where created_at < now() - interval 30 day;\n"
	     "create event e2 on schedule every '12' minute do begin\n"
	     "  delete from a; if 1 then delete from b; end if;\n"
	     "end;\n"
	     "CREATE EVENT e3 ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION NOT PRESERVE ENABLE COMMENT '' DO SELECT 1;\n"
	     "CREATE TABLE after_events (a INT);");
	assert_int_equal(S->events.n, 3);
	assert_non_null(schema_find_table(S, NULL, "after_events"));
	Event *e = S->events.v[0];
	assert_string_equal(e->name, "e1");
	assert_string_equal(e->schedule, "EVERY '1 4' DAY_HOUR");
	assert_string_equal(e->starts, "'2030-01-01 00:00:00'");
	assert_true(mysql_event_time_literal(e->starts));
	assert_false(mysql_event_time_literal(e->ends));
	assert_true(e->preserve);
	assert_string_equal(e->status, "DISABLE ON SLAVE");
	assert_string_equal(e->comment, "it's");
	assert_string_equal(e->definer, "`root`@`%`");
	assert_string_equal(e->body, "DELETE FROM `records` WHERE `created_at` < now() - INTERVAL 30 DAY");
	e = S->events.v[1];
	assert_string_equal(e->schedule, "EVERY 12 MINUTE");
	assert_false(e->preserve);
	assert_null(e->status);
	assert_null(e->starts);
	assert_non_null(strstr(e->body, "END IF; END"));
	e = S->events.v[2];
	assert_string_equal(e->schedule, "AT '2035-01-01 00:00:00'");
	assert_null(e->comment);
	assert_null(e->status);
	/* the same event twice is an error; OR REPLACE replaces it */
	P_ok("CREATE OR REPLACE EVENT e3 ON SCHEDULE EVERY 2 DAY DO SELECT 2;");
	assert_int_equal(S->events.n, 3);
	assert_string_equal(S->events.v[2]->schedule, "EVERY 2 DAY");
	P_err("CREATE EVENT e1 ON SCHEDULE EVERY 1 DAY DO SELECT 2;", "event \"e1\" is defined twice", NULL);
	/* a schedule is required */
	P_err("CREATE EVENT y DO SELECT 1;", "expected", NULL);
}

static void test_annotations(void **state)
{
	(void)state;
	P_ok("-- @renamed from=old_t\n"
	     "CREATE TABLE t (\n"
	     "  a INT, -- @renamed from=old_a\n"
	     "  -- @renamed from=old_b\n"
	     "  b INT,\n"
	     "  c INT /* @renamed from=`old c` */,\n"
	     "  d INT,\n"
	     "  KEY k (a) -- @renamed from=old_k\n"
	     ");\n"
	     "CREATE TABLE u ( -- @renamed from=old_u\n x INT);");
	assert_string_equal(T("t")->renamed_from, "old_t");
	assert_string_equal(C("t", "a")->renamed_from, "old_a");
	assert_string_equal(C("t", "b")->renamed_from, "old_b");
	assert_string_equal(C("t", "c")->renamed_from, "old c");
	assert_null(C("t", "d")->renamed_from);
	assert_string_equal(I("t", "k")->renamed_from, "old_k");
	assert_string_equal(T("u")->renamed_from, "old_u");
	assert_null(C("u", "x")->renamed_from);
	/* on ALTER TABLE and CREATE INDEX, also after the statement's delimiter */
	P_ok("-- @renamed from=old_i\nCREATE INDEX i ON u (x);\n"
	     "ALTER TABLE u ADD COLUMN b INT; -- @renamed from=old_b\n"
	     "ALTER TABLE u\n  -- @renamed from=old_c\n  ADD COLUMN c INT,\n  ADD KEY k2 (c) -- @renamed from=old_k2\n;\n");
	assert_string_equal(I("u", "i")->renamed_from, "old_i");
	assert_string_equal(C("u", "b")->renamed_from, "old_b");
	assert_string_equal(C("u", "c")->renamed_from, "old_c");
	assert_string_equal(I("u", "k2")->renamed_from, "old_k2");
}

static void test_ignored_statements(void **state)
{
	(void)state;
	P_ok("\xEF\xBB\xBF" "CREATE TABLE bom (a INT);\r\nCREATE TABLE crlf (b INT) -- comment\r\n;\r\n");
	assert_non_null(schema_find_table(S, NULL, "bom"));
	assert_non_null(schema_find_table(S, NULL, "crlf"));
	P_ok("SET NAMES utf8;\nUSE db;\nSELECT 'x' AS 'INFO';\nflush /*!50503 binary */ logs;\nsource x.dump ;\n"
	     "DROP TABLE IF EXISTS a, b;\nDROP DATABASE IF EXISTS x;\nCREATE SCHEMA IF NOT EXISTS s;\nSTART TRANSACTION;\n"
	     "COMMIT;\n;;\n");
	assert_int_equal(ST.ignored_statements, 10);
	assert_int_equal(ST.statements, 2);
	assert_int_equal(D.warnings, 0);
}

/* ---- errors ---- */

static void test_errors(void **state)
{
	(void)state;
	P_err("CREATE TABLE t (a INT,)", "t.sql:1:23: error: syntax error at \")\": expected a column, key or constraint definition", NULL);
	P_err("CREATE TABLE t (a INT NOT NUL)", "syntax error at \"NUL\": expected ENFORCED or NULL", NULL);
	P_err("CREATE TABLE t (a VARCHAR)", "syntax error at \")\": expected \"(\"", NULL);
	P_err("CREATE TABLE t (a 'int')", "expected a data type", NULL);
	P_err("CREATE TABLE t (a int) ENGINE", "at end of statement", NULL);
	P_err("GRANT ALL ON x TO y", "syntax error at \"GRANT\": expected ALTER, CREATE or DROP", NULL);
	P_err("CREATE TABLE t (a int, a int)", "duplicate column \"a\"", "hint: \"a\" was first defined at t.sql:1:17");
	P_err("CREATE TABLE t (a int);\nCREATE TABLE t (b int)", "t.sql:2:14: error: duplicate table \"t\"", "hint:");
	P_err("CREATE TABLE x (a int, KEY k(a), KEY k(a))", "duplicate index \"k\"", NULL);
	P_err("CREATE TABLE y (a int PRIMARY KEY, PRIMARY KEY (a))", "more than one primary key", NULL);
	P_err("CREATE TABLE z (a int, CONSTRAINT c CHECK (a > 0), CONSTRAINT c CHECK (a < 9))", "duplicate check constraint \"c\"", NULL);
	P_err("CREATE INDEX i ON nope (a)", "CREATE INDEX refers to unknown table \"nope\"", "hint:");
	P_err("ALTER TABLE nope ADD COLUMN a INT", "ALTER TABLE refers to unknown table \"nope\"", NULL);
	P_err("CREATE TABLE w (a int); ALTER TABLE w MODIFY b INT", "table \"w\" has no column \"b\"", NULL);
	P_err("CREATE TABLE w2 (a int); ALTER TABLE w2 DROP INDEX nope", "table \"w2\" has no index \"nope\"", NULL);
	P_err("CREATE TRIGGER tr BEFORE INSERT ON nope FOR EACH ROW SET @a = 1", "refers to unknown table \"nope\"", NULL);
	P_err("CREATE VIEW v AS", "expected a statement body", NULL);
	/* groups instead of long keyword lists */
	P_err("CREATE TABLE t (a INT FOO)", "syntax error at \"FOO\": expected a column attribute, \",\", \"(\" or \")\"", NULL);
	P_err("CREATE TABLE t (a INT) ENGINE=InnoDB, CREATE", "syntax error at \"CREATE\": expected a table option\n", NULL);
	P_err("CREATE VIEW v1 AS SELECT 1; CREATE VIEW v1 AS SELECT 2", "duplicate view \"v1\"", NULL);
	P_err("CREATE TABLE q (a int) COMMENT 'x", "unterminated string", NULL);
	P_err("CREATE TABLE q (a int) /* x", "unterminated comment", NULL);
	P_err("CREATE TABLE `q (a int)", "unterminated quoted identifier", NULL);
	P_err("CREATE TABLE q (a int) [", "unexpected character \"[\"", NULL);
	P_err("CREATE TABLE q (a VARCHAR(99999999999))", "number \"99999999999\" is too large", NULL);
	P_err("CREATE TABLE q (a INT, FOREIGN KEY (a) REFERENCES p (x, y))", "foreign key has 1 column but references 2", NULL);
	P_err("CREATE TABLE q (a INT) PARTITION BY RANGE (a) (PARTITION p VALUES LESS THAN (1), PARTITION p VALUES LESS THAN (2))",
	      "duplicate partition \"p\"", NULL);
	P_err("CREATE TABLE q2 (a INT);\nCREATE TABLE q3 LIKE nope", "LIKE unknown table \"nope\"", NULL);
	P_err("CREATE TEMPORARY VIEW v AS SELECT 1", NULL, NULL);
	/* every error is reported, not only the first */
	setup(NULL);
	P_err("CREATE TABLE a1 (x INT,);\nCREATE TABLE a2 (y FOO);\nCREATE TABLE a3 (z INT);", "t.sql:1:", "t.sql:2:");
	assert_int_equal(D.errors, 2);
	assert_non_null(schema_find_table(S, NULL, "a3"));
}

static void test_nesting_limits(void **state)
{
	(void)state;
	StrBuf sb = SB_INIT;
	sb_adds(&sb, "CREATE TABLE t (a INT CHECK (");
	for (int i = 0; i < 1500; i++)
		sb_addc(&sb, '(');
	sb_addc(&sb, '1');
	for (int i = 0; i < 1500; i++)
		sb_addc(&sb, ')');
	sb_adds(&sb, "));");
	P_err(sb_str(&sb), "nested too deeply", NULL);
	sb_reset(&sb);
	sb_adds(&sb, "CREATE TABLE t2 (a INT CHECK (");
	for (int i = 0; i < 5000; i++)
		sb_adds(&sb, "- ");
	sb_adds(&sb, "1));");
	P_err(sb_str(&sb), "nested too deeply", NULL);
	sb_reset(&sb);
	sb_adds(&sb, "CREATE TABLE t3 (a INT CHECK (1");
	for (int i = 0; i < 20000; i++)
		sb_adds(&sb, " + 1");
	sb_adds(&sb, "));");
	P_err(sb_str(&sb), "nested too deeply", NULL);
	/* 900 levels are fine */
	sb_reset(&sb);
	sb_adds(&sb, "CREATE TABLE t4 (a INT CHECK (");
	for (int i = 0; i < 900; i++)
		sb_addc(&sb, '(');
	sb_addc(&sb, 'a');
	for (int i = 0; i < 900; i++)
		sb_addc(&sb, ')');
	sb_adds(&sb, " > 0));");
	setup(NULL);
	P_ok(sb_str(&sb));
	assert_string_equal(T("t4")->checks.v[0]->expr, "`a` > 0");
	sb_release(&sb);
}

static void test_real_schemas(void **state)
{
	const char *dir = "../shared/real-schemas/mysql";
	DIR *dh = opendir(dir);
	struct dirent *de;
	int files = 0, data = 0;
	(void)state;
	if (!dh) {
		fprintf(stderr, "cannot open %s (run from the repository root)\n", dir);
		fail();
	}
	while ((de = readdir(dh)) != NULL) {
		size_t l = strlen(de->d_name);
		char path[512];
		char *paths[1];
		if (l < 5 || strcmp(de->d_name + l - 4, ".sql"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		paths[0] = path;
		teardown(NULL);
		setup(NULL);
		if (schema_load_paths(&A, &D, DIALECT_MYSQL, paths, 1, S, &ST) != 0) {
			fprintf(stderr, "%s:\n%s", path, sb_str(&D.text));
			fail();
		}
		assert_true(S->tables.n > 0 || S->routines.n > 0);
		assert_int_equal(D.warnings, ST.data_statements ? 1 : 0);
		data += ST.data_statements;
		files++;
	}
	closedir(dh);
	assert_true(files >= 10);
	fprintf(stderr, "real schemas: %d files parsed, %d data statements ignored\n", files, data);
}

/* Executable comments run the way the target flavour runs them. */
static void test_executable_comments_by_flavour(void **state)
{
	const char *sql = "CREATE TABLE t (a INT /*!50705 , b INT */ /*!50500 , c INT */ /*M!100300 , d INT */);";
	const char *want[2][4] = {{"a", "c", "d", NULL}, {"a", "b", "c", NULL}};
	Flavor flavours[2] = {FLAVOR_MARIADB, FLAVOR_MYSQL};
	(void)state;
	for (int i = 0; i < 2; i++) {
		Schema *s = schema_new(&A, DIALECT_MYSQL);
		char *copy = arena_strdup(&A, sql);
		int file = diag_add_file(&D, "t.sql", copy, strlen(copy));
		assert_int_equal(mysql_parse_flavor(&A, &D, file, s, NULL, flavours[i]), 0);
		Table *t = schema_find_table(s, NULL, "t");
		assert_non_null(t);
		assert_int_equal(t->columns.n, 3);
		for (int j = 0; j < 3; j++)
			assert_string_equal(t->columns.v[j]->name, want[i][j]);
	}
	/* mysql_parse assumes MariaDB, the default target. */
	P_ok(sql);
	assert_int_equal(T("t")->columns.n, 3);
	assert_string_equal(T("t")->columns.v[1]->name, "c");
	P_err("CREATE TABLE u (a INT /*!50705 , b INT", "unterminated executable comment", NULL);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T_(test_types),
		T_(test_enum_set_serial),
		T_(test_column_attributes),
		T_(test_column_references_flavor),
		T_(test_keywords_as_names),
		T_(test_indexes),
		T_(test_foreign_keys_and_checks),
		T_(test_table_options),
		T_(test_partitioning),
		T_(test_expr_canonical_spellings),
		T_(test_expr_exact_text),
		T_(test_expr_errors),
		T_(test_user_and_server_checks_agree),
		T_(test_create_index_and_alter),
		T_(test_views_triggers_routines),
		T_(test_mysqldump_file),
		T_(test_events),
		T_(test_annotations),
		T_(test_ignored_statements),
		T_(test_errors),
		T_(test_nesting_limits),
		T_(test_real_schemas),
		T_(test_executable_comments_by_flavour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
