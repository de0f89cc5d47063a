/*
 * live_normalize.c: the MySQL normaliser and printer against a real server, over a catalogue
 * of column, key, constraint, table-option and partition forms. For each form, built by hand
 * as a user would write it:
 *
 *   1. "written == read back": the written model, printed as it is (aliases, widths and all),
 *      is created on the server; SHOW CREATE TABLE must equal the printed normalised model
 *      (after undoing the spellings the canonical form leaves out on purpose: default integer
 *      display widths, year(4), MariaDB's versioned comment around COMPRESSED), so the
 *      normaliser predicts exactly what the server stores;
 *   2. "print -> load -> SHOW CREATE identical": the printed normalised model, loaded into a
 *      second database, gives byte for byte the same SHOW CREATE TABLE;
 *   3. (with the MySQL front end in the tree) the written text parsed and normalised equals the
 *      hand-built model normalised (expressions compared in the front end's spelling);
 *   4. the server's SHOW CREATE TABLE parsed and normalised equals the written text parsed and
 *      normalised (Schema_equal; the EqCtx path and both model dumps on failure).
 *
 * Connects over TCP with SQLSHAPE_TEST_MYSQL_USER / _PASSWORD / _PORT (tests/harness/servers.sh
 * exports them). Prints "ok N - form" / "not ok N - form" lines with the evidence, then
 * "N passed, N failed"; exit status 1 on any failure. Drops its two databases at the end.
 */
#include <mariadb/mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parser/frontend.h"
#include "parser/mysql_types.h"
#include "tests/support/model_build.h"

/* With the MySQL front end in the tree, the server's text and the written text are also parsed
 * and compared as models (Schema_equal, the EqCtx path on failure). */
#if defined(__has_include)
#if __has_include("parser/mysql_parse.c")
#define HAVE_MYSQL_FRONTEND 1
#endif
#endif

typedef struct Case {
	const char *name;
	void (*build)(Arena *a, Table *t);
} Case;

/* ---- the catalogue ---- */

#define COL(t, n, ty) mb_col(a, (t), (n), (ty))
#define COLN(t, n, ty, l, s) mb_coln(a, (t), (n), (ty), (l), (s))

static Column *with_default(Column *c, DefaultKind k, const char *text)
{
	c->default_kind = k;
	c->default_text = text;
	return c;
}

/* single-column forms: type, length, scale, flags */
enum { U = 1, Z = 2, NN = 4 };
typedef struct ColForm {
	const char *name, *type;
	int length, scale, flags;
	DefaultKind dk;
	const char *dflt;
	const char *charset, *collation;
} ColForm;

static const ColForm col_forms[] = {
	{"int", "int", -1, -1, 0, 0, NULL, NULL, NULL},
	{"int_11", "int", 11, -1, 0, 0, NULL, NULL, NULL},
	{"int_5", "int", 5, -1, 0, 0, NULL, NULL, NULL},
	{"int_unsigned", "int", -1, -1, U, 0, NULL, NULL, NULL},
	{"int_10_unsigned", "int", 10, -1, U, 0, NULL, NULL, NULL},
	{"tinyint", "tinyint", -1, -1, 0, 0, NULL, NULL, NULL},
	{"tinyint_1", "tinyint", 1, -1, 0, 0, NULL, NULL, NULL},
	{"tinyint_unsigned", "tinyint", -1, -1, U, 0, NULL, NULL, NULL},
	{"smallint", "smallint", -1, -1, 0, 0, NULL, NULL, NULL},
	{"smallint_unsigned", "smallint", -1, -1, U, 0, NULL, NULL, NULL},
	{"mediumint", "mediumint", -1, -1, 0, 0, NULL, NULL, NULL},
	{"mediumint_unsigned", "mediumint", -1, -1, U, 0, NULL, NULL, NULL},
	{"bigint", "bigint", -1, -1, 0, 0, NULL, NULL, NULL},
	{"bigint_unsigned", "bigint", -1, -1, U, 0, NULL, NULL, NULL},
	{"int_zerofill", "int", -1, -1, Z, 0, NULL, NULL, NULL},
	{"int_8_zerofill", "int", 8, -1, Z, 0, NULL, NULL, NULL},
	{"bool", "bool", -1, -1, 0, 0, NULL, NULL, NULL},
	{"boolean", "boolean", -1, -1, 0, 0, NULL, NULL, NULL},
	{"integer", "integer", -1, -1, 0, 0, NULL, NULL, NULL},
	{"int1", "int1", -1, -1, 0, 0, NULL, NULL, NULL},
	{"int8", "int8", -1, -1, 0, 0, NULL, NULL, NULL},
	{"middleint", "middleint", -1, -1, 0, 0, NULL, NULL, NULL},
	{"decimal", "decimal", -1, -1, 0, 0, NULL, NULL, NULL},
	{"decimal_10", "decimal", 10, -1, 0, 0, NULL, NULL, NULL},
	{"decimal_12_2", "decimal", 12, 2, 0, 0, NULL, NULL, NULL},
	{"numeric", "numeric", -1, -1, 0, 0, NULL, NULL, NULL},
	{"dec_zerofill", "dec", 5, 1, Z, 0, NULL, NULL, NULL},
	{"fixed", "fixed", 4, 1, 0, 0, NULL, NULL, NULL},
	{"float", "float", -1, -1, 0, 0, NULL, NULL, NULL},
	{"float_7_3", "float", 7, 3, 0, 0, NULL, NULL, NULL},
	{"float_p30", "float", 30, -1, 0, 0, NULL, NULL, NULL},
	{"float_p10", "float", 10, -1, 0, 0, NULL, NULL, NULL},
	{"float_unsigned", "float", -1, -1, U, 0, NULL, NULL, NULL},
	{"double", "double", -1, -1, 0, 0, NULL, NULL, NULL},
	{"double_10_2", "double", 10, 2, 0, 0, NULL, NULL, NULL},
	{"real", "real", -1, -1, 0, 0, NULL, NULL, NULL},
	{"double_precision", "double precision", -1, -1, 0, 0, NULL, NULL, NULL},
	{"bit", "bit", -1, -1, 0, 0, NULL, NULL, NULL},
	{"bit_8", "bit", 8, -1, 0, 0, NULL, NULL, NULL},
	{"year", "year", -1, -1, 0, 0, NULL, NULL, NULL},
	{"year_4", "year", 4, -1, 0, 0, NULL, NULL, NULL},
	{"date", "date", -1, -1, 0, 0, NULL, NULL, NULL},
	{"time_2", "time", 2, -1, 0, 0, NULL, NULL, NULL},
	{"datetime", "datetime", -1, -1, 0, 0, NULL, NULL, NULL},
	{"datetime_0", "datetime", 0, -1, 0, 0, NULL, NULL, NULL},
	{"datetime_6", "datetime", 6, -1, 0, 0, NULL, NULL, NULL},
	{"timestamp_null", "timestamp", -1, -1, 0, 0, NULL, NULL, NULL},
	{"timestamp_not_null", "timestamp", -1, -1, NN, 0, NULL, NULL, NULL},
	{"timestamp_0", "timestamp", 0, -1, 0, 0, NULL, NULL, NULL},
	{"char", "char", -1, -1, 0, 0, NULL, NULL, NULL},
	{"char_10", "char", 10, -1, 0, 0, NULL, NULL, NULL},
	{"varchar_255", "varchar", 255, -1, 0, 0, NULL, NULL, NULL},
	{"binary", "binary", -1, -1, 0, 0, NULL, NULL, NULL},
	{"varbinary_3", "varbinary", 3, -1, 0, 0, NULL, NULL, NULL},
	{"tinytext", "tinytext", -1, -1, 0, 0, NULL, NULL, NULL},
	{"text", "text", -1, -1, 0, 0, NULL, NULL, NULL},
	{"text_100", "text", 100, -1, 0, 0, NULL, NULL, NULL},
	{"text_60", "text", 60, -1, 0, 0, NULL, NULL, NULL},
	{"text_100_latin1", "text", 100, -1, 0, 0, NULL, "latin1", NULL},
	{"mediumtext", "mediumtext", -1, -1, 0, 0, NULL, NULL, NULL},
	{"longtext", "longtext", -1, -1, 0, 0, NULL, NULL, NULL},
	{"long_varchar", "long varchar", -1, -1, 0, 0, NULL, NULL, NULL},
	{"long", "long", -1, -1, 0, 0, NULL, NULL, NULL},
	{"tinyblob", "tinyblob", -1, -1, 0, 0, NULL, NULL, NULL},
	{"blob", "blob", -1, -1, 0, 0, NULL, NULL, NULL},
	{"blob_70000", "blob", 70000, -1, 0, 0, NULL, NULL, NULL},
	{"blob_200", "blob", 200, -1, 0, 0, NULL, NULL, NULL},
	{"mediumblob", "mediumblob", -1, -1, 0, 0, NULL, NULL, NULL},
	{"longblob", "longblob", -1, -1, 0, 0, NULL, NULL, NULL},
	{"long_varbinary", "long varbinary", -1, -1, 0, 0, NULL, NULL, NULL},
	{"json", "json", -1, -1, 0, 0, NULL, NULL, NULL},
	{"geometry", "geometry", -1, -1, 0, 0, NULL, NULL, NULL},
	{"point_not_null", "point", -1, -1, NN, 0, NULL, NULL, NULL},
	{"linestring", "linestring", -1, -1, 0, 0, NULL, NULL, NULL},
	{"nchar_5", "nchar", 5, -1, 0, 0, NULL, NULL, NULL},
	{"national_varchar", "national varchar", 4, -1, 0, 0, NULL, NULL, NULL},
	{"charset_latin1", "varchar", 5, -1, 0, 0, NULL, "latin1", NULL},
	{"collate_bin", "varchar", 5, -1, 0, 0, NULL, NULL, "utf8mb4_bin"},
	{"charset_utf8", "varchar", 5, -1, 0, 0, NULL, "utf8", NULL},
	{"charset_same_as_table", "varchar", 5, -1, 0, 0, NULL, "utf8mb4", NULL},
	{"charset_and_collate", "varchar", 5, -1, 0, 0, NULL, "latin1", "latin1_german1_ci"},
	{"charset_binary", "char", 5, -1, 0, 0, NULL, "binary", NULL},
	{"binary_attribute", "varchar", 5, -1, 0, 0, NULL, NULL, "_bin"},
	{"collate_binary", "varchar", 5, -1, 0, 0, NULL, NULL, "binary"},
	{"text_unicode_ci", "text", -1, -1, 0, 0, NULL, "utf8mb4", "utf8mb4_unicode_ci"},
	{"ascii", "varchar", 5, -1, 0, 0, NULL, "ascii", NULL},
	{"default_0", "int", -1, -1, 0, DEFAULT_LITERAL, "0", NULL, NULL},
	{"default_quoted_0", "int", -1, -1, 0, DEFAULT_LITERAL, "'0'", NULL, NULL},
	{"default_negative", "int", -1, -1, 0, DEFAULT_LITERAL, "-1", NULL, NULL},
	{"default_octal_looking", "int", -1, -1, U, DEFAULT_LITERAL, "07", NULL, NULL},
	{"default_varchar_number", "varchar", 3, -1, 0, DEFAULT_LITERAL, "3", NULL, NULL},
	{"default_bit", "bit", 1, -1, 0, DEFAULT_LITERAL, "b'1'", NULL, NULL},
	{"default_bit_number", "bit", 4, -1, 0, DEFAULT_LITERAL, "5", NULL, NULL},
	{"default_true", "tinyint", 1, -1, 0, DEFAULT_LITERAL, "TRUE", NULL, NULL},
	{"default_false", "bool", -1, -1, 0, DEFAULT_LITERAL, "false", NULL, NULL},
	{"default_decimal", "decimal", 5, 2, 0, DEFAULT_LITERAL, "1.5", NULL, NULL},
	{"default_decimal_quoted", "decimal", 5, 2, 0, DEFAULT_LITERAL, "'1.50'", NULL, NULL},
	{"default_double_exp", "double", -1, -1, 0, DEFAULT_LITERAL, "1.5e3", NULL, NULL},
	{"default_double_big", "double", -1, -1, 0, DEFAULT_LITERAL, "1e20", NULL, NULL},
	{"default_float", "float", -1, -1, 0, DEFAULT_LITERAL, "0.1", NULL, NULL},
	{"default_float_pi", "float", -1, -1, 0, DEFAULT_LITERAL, "3.14159", NULL, NULL},
	{"default_float_neg_zero", "float", -1, -1, 0, DEFAULT_LITERAL, "-0", NULL, NULL},
	{"default_bigint_max", "bigint", -1, -1, 0, DEFAULT_LITERAL, "9223372036854775807", NULL, NULL},
	{"default_empty_string", "char", 2, -1, 0, DEFAULT_LITERAL, "''", NULL, NULL},
	{"default_binary_padded", "binary", 4, -1, NN, DEFAULT_LITERAL, "''", NULL, NULL},
	{"default_binary_short", "binary", 3, -1, 0, DEFAULT_LITERAL, "'ab'", NULL, NULL},
	{"default_escapes", "varchar", 20, -1, 0, DEFAULT_LITERAL, "'it''s a \\\\ b'", NULL, NULL},
	{"default_double_quoted", "varchar", 20, -1, 0, DEFAULT_LITERAL, "\"say \\\"hi\\\"\"", NULL, NULL},
	{"default_hex", "varchar", 3, -1, 0, DEFAULT_LITERAL, "0x41", NULL, NULL},
	{"default_date", "date", -1, -1, 0, DEFAULT_LITERAL, "'2020-01-01'", NULL, NULL},
	{"default_date_zero", "date", -1, -1, 0, DEFAULT_LITERAL, "0", NULL, NULL},
	{"default_datetime_short", "datetime", -1, -1, 0, DEFAULT_LITERAL, "'2020-01-01'", NULL, NULL},
	{"default_time_fsp", "time", 2, -1, 0, DEFAULT_LITERAL, "'10:00:00'", NULL, NULL},
	{"default_time_zero", "time", -1, -1, 0, DEFAULT_LITERAL, "0", NULL, NULL},
	{"default_timestamp_literal", "timestamp", -1, -1, 0, DEFAULT_LITERAL, "'2020-01-01 00:00:00'", NULL, NULL},
	{"default_set", "set", -1, -1, 0, DEFAULT_LITERAL, "'a,b'", NULL, NULL},
	{"default_null_explicit", "int", -1, -1, 0, DEFAULT_NULL, NULL, NULL, NULL},
	{"default_not_null", "int", -1, -1, NN, DEFAULT_LITERAL, "5", NULL, NULL},
	{"default_blob_literal", "blob", -1, -1, 0, DEFAULT_LITERAL, "'x'", NULL, NULL},
	{"default_text_expr_literal", "text", -1, -1, 0, DEFAULT_EXPR, "''", NULL, NULL},
	{"default_expr_arith", "int", -1, -1, 0, DEFAULT_EXPR, "1 + 2", NULL, NULL},
	{"default_expr_call", "varchar", 10, -1, 0, DEFAULT_EXPR, "concat('a','b')", NULL, NULL},
	{"default_expr_paren_literal", "int", -1, -1, 0, DEFAULT_EXPR, "(1)", NULL, NULL},
	{"default_expr_uuid", "varchar", 40, -1, 0, DEFAULT_EXPR, "uuid()", NULL, NULL},
	{"default_now", "datetime", -1, -1, 0, DEFAULT_EXPR, "now()", NULL, NULL},
	{"default_current_timestamp_kw", "timestamp", -1, -1, NN, DEFAULT_EXPR, "CURRENT_TIMESTAMP", NULL, NULL},
	{"default_localtimestamp", "timestamp", -1, -1, 0, DEFAULT_EXPR, "localtimestamp", NULL, NULL},
	{"default_current_timestamp_3", "datetime", 3, -1, 0, DEFAULT_EXPR, "current_timestamp(3)", NULL, NULL},
	{"default_curdate", "date", -1, -1, 0, DEFAULT_EXPR, "curdate()", NULL, NULL},
	{"default_float_scale", "float", 7, 3, 0, DEFAULT_LITERAL, "1.5", NULL, NULL},
	{"default_decimal_round", "decimal", 5, 2, 0, DEFAULT_LITERAL, "1.555", NULL, NULL},
	{"default_decimal_round_carry", "decimal", 5, 2, 0, DEFAULT_LITERAL, "-9.995", NULL, NULL},
	{"default_year", "year", -1, -1, 0, DEFAULT_LITERAL, "2020", NULL, NULL},
	{"default_datetime_fraction", "datetime", 6, -1, 0, DEFAULT_LITERAL, "'2020-01-01 10:00:00.123'", NULL, NULL},
	{"default_introducer", "varchar", 5, -1, 0, DEFAULT_LITERAL, "_latin1'x'", NULL, NULL},
	{"default_national_literal", "varchar", 5, -1, 0, DEFAULT_LITERAL, "N'x'", NULL, NULL},
	{"default_bit_zero", "bit", 8, -1, 0, DEFAULT_LITERAL, "0", NULL, NULL},
	{"default_unsigned_bigint_max", "bigint", -1, -1, U, DEFAULT_LITERAL, "18446744073709551615", NULL, NULL},
};

static void build_col_form(Arena *a, Table *t, const ColForm *f)
{
	Column *c = COLN(t, "c", f->type, f->length, f->scale);
	c->is_unsigned = (f->flags & U) != 0;
	c->zerofill = (f->flags & Z) != 0;
	c->not_null = (f->flags & NN) != 0;
	c->default_kind = f->dk;
	c->default_text = f->dflt;
	c->charset = f->charset;
	c->collation = f->collation;
	if (!strcmp(f->type, "set"))
		mb_values(a, c, "a,b");
	if (!strcmp(f->name, "text_100_latin1"))
		t->charset = "latin1";
}

/* ---- multi-element forms ---- */

static void f_enum_labels(Arena *a, Table *t)
{
	Column *c = COL(t, "e", "enum");
	mb_values(a, c, "a,it's,back\\slash");
	with_default(c, DEFAULT_LITERAL, "'it''s'");
	mb_values(a, COL(t, "s", "set"), "x,y");
	mb_values(a, COL(t, "tr", "enum"), "sp ,x");
}

static void f_on_update(Arena *a, Table *t)
{
	Column *c = with_default(COL(t, "c", "datetime"), DEFAULT_EXPR, "current_timestamp");
	Column *d = with_default(COLN(t, "d", "timestamp", 6, -1), DEFAULT_EXPR, "current_timestamp(6)");
	c->on_update = "now()";
	d->not_null = true;
	d->on_update = "current_timestamp(6)";
}

static void f_generated(Arena *a, Table *t)
{
	Column *v, *s;
	COL(t, "a", "int");
	v = COL(t, "v", "int");
	v->gen_kind = GEN_VIRTUAL;
	v->gen_expr = "`a` + 1";
	s = COL(t, "s", "int");
	s->gen_kind = GEN_STORED;
	s->gen_expr = "`a` * 2";
	s->comment = "gen";
	s->invisible = true;
}

static void f_invisible_comment(Arena *a, Table *t)
{
	Column *c = COL(t, "c", "int"), *d;
	c->invisible = true;
	d = with_default(COL(t, "d", "int"), DEFAULT_LITERAL, "3");
	d->not_null = true;
	d->invisible = true;
	d->comment = "it's \"z\" \\ here";
	COL(t, "e", "int")->comment = "";
}

static void f_compressed(Arena *a, Table *t)
{
	Column *c;
	COLN(t, "a", "varchar", 100, -1)->compression = "";
	c = COL(t, "b", "text");
	c->compression = "zlib";
	c->charset = "latin1";
	c = COL(t, "c", "blob");
	c->compression = "";
	c->not_null = true;
	COL(t, "d", "text")->not_null = true;
}

static void f_serial(Arena *a, Table *t)
{
	COL(t, "id", "serial");
	COL(t, "v", "int");
}

static void f_auto_increment_pk(Arena *a, Table *t)
{
	Column *c = COL(t, "id", "bigint");
	c->is_unsigned = true;
	c->auto_increment = true;
	mb_index(a, t, INDEX_PRIMARY, NULL, "id");
}

static void f_pk_implies_not_null(Arena *a, Table *t)
{
	COL(t, "a", "int");
	COLN(t, "b", "varchar", 10, -1);
	mb_index(a, t, INDEX_PRIMARY, NULL, "a,b");
}

static void f_pk_using_btree(Arena *a, Table *t)
{
	COL(t, "a", "int");
	mb_index(a, t, INDEX_PRIMARY, NULL, "a")->method = "btree";
}

static void f_unnamed_keys(Arena *a, Table *t)
{
	COL(t, "a", "int");
	COLN(t, "b", "varchar", 100, -1);
	COL(t, "c", "int");
	mb_index(a, t, INDEX_UNIQUE, NULL, "a");
	mb_index(a, t, INDEX_PLAIN, NULL, "a");
	mb_index(a, t, INDEX_PLAIN, NULL, "b(10)");
	mb_index(a, t, INDEX_UNIQUE, NULL, "b");
	mb_index(a, t, INDEX_PLAIN, NULL, "a,c");
	mb_index(a, t, INDEX_PLAIN, "c", "c");
}

/* unique keys over NOT NULL columns sort before the others, whole columns before prefixes */
static void f_unique_order(Arena *a, Table *t)
{
	COL(t, "n", "int");
	COL(t, "m", "int")->not_null = true;
	COLN(t, "s", "varchar", 20, -1)->not_null = true;
	COL(t, "p", "int");
	mb_index(a, t, INDEX_PLAIN, NULL, "p");
	mb_index(a, t, INDEX_UNIQUE, NULL, "n");
	mb_index(a, t, INDEX_UNIQUE, NULL, "s(5)");
	mb_index(a, t, INDEX_UNIQUE, NULL, "m");
	mb_index(a, t, INDEX_UNIQUE, NULL, "n,s(3)");
	mb_index(a, t, INDEX_UNIQUE, NULL, "m,s");
}

static void f_prefix_full_length(Arena *a, Table *t)
{
	COLN(t, "a", "varchar", 10, -1);
	COL(t, "e", "text");
	mb_index(a, t, INDEX_PLAIN, NULL, "a(10)");
	mb_index(a, t, INDEX_PLAIN, NULL, "e(20)");
}

static void f_desc_and_hash(Arena *a, Table *t)
{
	COL(t, "a", "int");
	COL(t, "b", "int");
	mb_index(a, t, INDEX_PLAIN, NULL, "a desc,b");
	mb_index(a, t, INDEX_PLAIN, NULL, "b desc")->method = "hash";
	mb_index(a, t, INDEX_UNIQUE, "u", "b")->method = "BTREE";
}

static void f_fulltext_spatial(Arena *a, Table *t)
{
	COL(t, "d", "text");
	COL(t, "g", "point")->not_null = true;
	mb_index(a, t, INDEX_FULLTEXT, NULL, "d");
	mb_index(a, t, INDEX_SPATIAL, NULL, "g");
	mb_index(a, t, INDEX_FULLTEXT, "ft2", "d");
}

static void f_key_options(Arena *a, Table *t)
{
	Index *i1, *i2, *i3;
	COL(t, "a", "int");
	COL(t, "b", "int");
	i1 = mb_index(a, t, INDEX_PLAIN, "ix", "a");
	i1->comment = "key's";
	i1->invisible = true;
	i2 = mb_index(a, t, INDEX_PLAIN, "kb", "b");
	i2->key_block_size = 4;
	i3 = mb_index(a, t, INDEX_PLAIN, "empty_comment", "a,b");
	i3->comment = "";
}

static void f_fk_unnamed(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	mb_fk(a, t, NULL, "pid", "par", "id");
}

static void f_fk_named(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	mb_fk(a, t, "named_fk", "pid", "par", "id");
}

static void f_fk_with_index(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	COL(t, "x", "int");
	mb_index(a, t, INDEX_PLAIN, "k", "pid,x");
	mb_fk(a, t, NULL, "pid", "par", "id");
}

static void f_fk_index_name_taken(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	COL(t, "x", "int");
	mb_index(a, t, INDEX_PLAIN, "pid", "x");
	mb_fk(a, t, NULL, "pid", "par", "id");
}

static void f_fk_hash_index(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	mb_index(a, t, INDEX_PLAIN, NULL, "pid")->method = "HASH";
	mb_fk(a, t, NULL, "pid", "par", "id");
}

static void f_fk_prefix_index(Arena *a, Table *t)
{
	COLN(t, "code", "varchar", 10, -1);
	mb_index(a, t, INDEX_PLAIN, NULL, "code(5)");
	mb_fk(a, t, NULL, "code", "parv", "code");
}

static void f_fk_actions(Arena *a, Table *t)
{
	ForeignKey *f1, *f2, *f3;
	COL(t, "a", "int");
	COL(t, "b", "int");
	COL(t, "c", "int");
	f1 = mb_fk(a, t, NULL, "a", "par", "id");
	f1->on_delete = FK_RESTRICT;
	f1->on_update = FK_NO_ACTION;
	f2 = mb_fk(a, t, "fk_b", "b", "par", "id");
	f2->on_delete = FK_CASCADE;
	f2->on_update = FK_SET_NULL;
	f3 = mb_fk(a, t, NULL, "c", "par", "id");
	f3->on_delete = FK_SET_NULL;
	f3->on_update = FK_CASCADE;
}

static void f_fk_composite(Arena *a, Table *t)
{
	COL(t, "x", "int");
	COL(t, "y", "int");
	mb_fk(a, t, NULL, "x,y", "par", "a,b")->on_delete = FK_CASCADE;
}

static void f_fk_self(Arena *a, Table *t)
{
	COL(t, "id", "int");
	COL(t, "parent", "int");
	mb_index(a, t, INDEX_PRIMARY, NULL, "id");
	mb_fk(a, t, NULL, "parent", "f_fk_self", "id");
}

static void f_fk_numbering(Arena *a, Table *t)
{
	COL(t, "a", "int");
	COL(t, "b", "int");
	COL(t, "c", "int");
	mb_index(a, t, INDEX_PLAIN, NULL, "b");
	mb_fk(a, t, "cx", "c", "par", "id");
	mb_fk(a, t, NULL, "a", "par", "id");
	mb_fk(a, t, NULL, "b", "par", "id");
}

static void f_checks(Arena *a, Table *t)
{
	COL(t, "a", "int");
	COL(t, "b", "int");
	mb_check(a, t, "CONSTRAINT_1", "`a` > 0");
	mb_check(a, t, NULL, "`b` > 0");
	mb_check(a, t, "q", "`a` < 5");
	mb_check(a, t, NULL, "`a` <> `b`");
}

static void f_column_check(Arena *a, Table *t)
{
	Check *ck;
	COL(t, "x", "int");
	ck = mb_check(a, t, NULL, "`x` > 1");
	ck->column = "x";
	mb_check(a, t, NULL, "`x` < 100");
}

static void f_table_charset_latin1(Arena *a, Table *t)
{
	COLN(t, "a", "varchar", 5, -1);
	COLN(t, "b", "varchar", 5, -1)->charset = "latin1";
	COLN(t, "c", "varchar", 5, -1)->charset = "utf8mb4";
	COLN(t, "d", "varchar", 5, -1)->collation = "latin1_bin";
	mb_values(a, COL(t, "e", "enum"), "x");
	t->charset = "latin1";
}

static void f_table_collate_only(Arena *a, Table *t)
{
	COLN(t, "a", "varchar", 5, -1);
	COLN(t, "b", "varchar", 5, -1)->charset = "latin1";
	COL(t, "j", "json");
	t->collation = "latin1_bin";
}

static void f_table_utf8mb3_bin(Arena *a, Table *t)
{
	COLN(t, "a", "varchar", 5, -1);
	COLN(t, "b", "varchar", 5, -1)->charset = "utf8mb3";
	t->charset = "utf8";
	t->collation = "utf8_bin";
}

static void f_table_utf8mb4_bin_json(Arena *a, Table *t)
{
	COL(t, "j", "json");
	t->collation = "utf8mb4_bin";
}

static void f_table_options(Arena *a, Table *t)
{
	COL(t, "a", "int");
	t->comment = "table's \\ comment";
	t->row_format = "dynamic";
	mb_strs(a, &t->options, "stats_persistent=1,stats_auto_recalc=0");
}

static void f_row_format_compressed(Arena *a, Table *t)
{
	COL(t, "a", "int");
	t->row_format = "COMPRESSED";
	t->key_block_size = 8;
}

static void f_engine_myisam(Arena *a, Table *t)
{
	COL(t, "a", "int");
	mb_index(a, t, INDEX_PLAIN, NULL, "a");
	t->engine = "myisam";
}

static void f_engine_lowercase(Arena *a, Table *t)
{
	COL(t, "a", "int");
	t->engine = "innodb";
	t->comment = "";
}

static Partitioning *part(Arena *a, Table *t, PartMethod m, const char *expr)
{
	Partitioning *p = ARENA_NEW(a, Partitioning);
	p->method = m;
	p->expr = expr;
	t->partitioning = p;
	return p;
}

static PartitionDef *pdef(Arena *a, Partitioning *p, const char *name, const char *values)
{
	PartitionDef *d = ARENA_NEW(a, PartitionDef);
	d->name = name;
	d->values = values;
	LIST_PUSH(a, &p->parts, d);
	return d;
}

static void f_part_range(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int")->not_null = true;
	COL(t, "b", "date")->not_null = true;
	mb_index(a, t, INDEX_PRIMARY, NULL, "a,b");
	p = part(a, t, PART_RANGE, "year(`b`)");
	pdef(a, p, "p0", "less than (2000)");
	pdef(a, p, "p1", "LESS THAN MAXVALUE");
}

static void f_part_hash_count(Arena *a, Table *t)
{
	COL(t, "a", "int");
	part(a, t, PART_HASH, "`a`")->count = 4;
}

static void f_part_key_count(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int");
	p = part(a, t, PART_KEY, NULL);
	mb_strs(a, &p->column_list, "a");
	p->count = 2;
}

static void f_part_list(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int");
	p = part(a, t, PART_LIST, "`a`");
	pdef(a, p, "p0", "IN (2, 1)")->comment = "x";
	pdef(a, p, "p1", "in (3, null)");
}

static void f_part_range_columns(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int");
	COL(t, "b", "date");
	p = part(a, t, PART_RANGE, NULL);
	p->columns = true;
	mb_strs(a, &p->column_list, "a,b");
	pdef(a, p, "p0", "LESS THAN (10, '2020-01-01')");
	pdef(a, p, "p1", "LESS THAN (maxvalue, maxvalue)");
}

static void f_part_linear_hash_named(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int");
	COL(t, "b", "int");
	p = part(a, t, PART_HASH, "`a` + `b`");
	p->linear = true;
	p->count = 2;
	pdef(a, p, "x", NULL)->engine = "innodb";
	pdef(a, p, "y", NULL)->engine = "InnoDB";
}

static void f_part_range_evaluated(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "d", "date");
	p = part(a, t, PART_RANGE, "to_days(`d`)");
	pdef(a, p, "p0", "LESS THAN (to_days('2020-01-01'))");
	pdef(a, p, "p1", "LESS THAN (TO_DAYS('2021-03-01') + 1)");
	pdef(a, p, "p2", "LESS THAN MAXVALUE");
}

static void f_part_range_unix_timestamp(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "ts", "timestamp")->not_null = true;
	p = part(a, t, PART_RANGE, "unix_timestamp(`ts`)");
	pdef(a, p, "p0", "LESS THAN (unix_timestamp('2020-01-01 00:00:00'))");
	pdef(a, p, "p1", "LESS THAN (1 + 2 * 1000000000)");
}

static void f_fk_other_database(Arena *a, Table *t)
{
	COL(t, "pid", "int");
	mb_fk(a, t, NULL, "pid", "par", "id")->ref_schema = "sqlshape_live_norm_other";
}

static void f_part_subpartitions(Arena *a, Table *t)
{
	Partitioning *p;
	COL(t, "a", "int");
	COL(t, "b", "date");
	p = part(a, t, PART_RANGE, "`a`");
	p->sub_method = PART_HASH;
	p->sub_expr = "to_days(`b`)";
	p->sub_count = 2;
	pdef(a, p, "p0", "LESS THAN (5)");
	pdef(a, p, "p1", "LESS THAN (10)");
}

static const Case multi_cases[] = {
	{"f_enum_labels", f_enum_labels},
	{"f_on_update", f_on_update},
	{"f_generated", f_generated},
	{"f_invisible_comment", f_invisible_comment},
	{"f_serial", f_serial},
	{"f_compressed", f_compressed},
	{"f_auto_increment_pk", f_auto_increment_pk},
	{"f_pk_implies_not_null", f_pk_implies_not_null},
	{"f_pk_using_btree", f_pk_using_btree},
	{"f_unnamed_keys", f_unnamed_keys},
	{"f_prefix_full_length", f_prefix_full_length},
	{"f_unique_order", f_unique_order},
	{"f_desc_and_hash", f_desc_and_hash},
	{"f_fulltext_spatial", f_fulltext_spatial},
	{"f_key_options", f_key_options},
	{"f_fk_unnamed", f_fk_unnamed},
	{"f_fk_named", f_fk_named},
	{"f_fk_with_index", f_fk_with_index},
	{"f_fk_index_name_taken", f_fk_index_name_taken},
	{"f_fk_hash_index", f_fk_hash_index},
	{"f_fk_prefix_index", f_fk_prefix_index},
	{"f_fk_actions", f_fk_actions},
	{"f_fk_composite", f_fk_composite},
	{"f_fk_self", f_fk_self},
	{"f_fk_numbering", f_fk_numbering},
	{"f_checks", f_checks},
	{"f_column_check", f_column_check},
	{"f_table_charset_latin1", f_table_charset_latin1},
	{"f_table_collate_only", f_table_collate_only},
	{"f_table_utf8mb3_bin", f_table_utf8mb3_bin},
	{"f_table_utf8mb4_bin_json", f_table_utf8mb4_bin_json},
	{"f_table_options", f_table_options},
	{"f_row_format_compressed", f_row_format_compressed},
	{"f_engine_myisam", f_engine_myisam},
	{"f_engine_lowercase", f_engine_lowercase},
	{"f_part_range", f_part_range},
	{"f_part_hash_count", f_part_hash_count},
	{"f_part_key_count", f_part_key_count},
	{"f_part_list", f_part_list},
	{"f_part_range_columns", f_part_range_columns},
	{"f_part_linear_hash_named", f_part_linear_hash_named},
	{"f_part_subpartitions", f_part_subpartitions},
	{"f_part_range_evaluated", f_part_range_evaluated},
	{"f_part_range_unix_timestamp", f_part_range_unix_timestamp},
	{"f_fk_other_database", f_fk_other_database},
};

/* ---- server ---- */

static MYSQL *db_open(const char *db)
{
	const char *user = getenv("SQLSHAPE_TEST_MYSQL_USER"), *pw = getenv("SQLSHAPE_TEST_MYSQL_PASSWORD");
	const char *port = getenv("SQLSHAPE_TEST_MYSQL_PORT");
	MYSQL *m = mysql_init(NULL);
	if (!m || !mysql_real_connect(m, "127.0.0.1", user, pw, db, (unsigned)atoi(port), NULL, 0)) {
		fprintf(stderr, "live_normalize: cannot connect: %s\n", m ? mysql_error(m) : "out of memory");
		exit(1);
	}
	mysql_set_character_set(m, "utf8mb4");
	return m;
}

static int db_exec(MYSQL *m, const char *sql, StrBuf *err)
{
	if (mysql_query(m, sql)) {
		sb_addf(err, "server error %u: %s\nstatement: %s\n", mysql_errno(m), mysql_error(m), sql);
		return -1;
	}
	return 0;
}

static char *show_create(MYSQL *m, const char *table, StrBuf *err)
{
	StrBuf q;
	MYSQL_RES *r;
	MYSQL_ROW row;
	char *out = NULL;
	sb_init(&q);
	sb_adds(&q, "SHOW CREATE TABLE ");
	sb_add_mysql_ident(&q, table);
	if (db_exec(m, sb_str(&q), err) == 0 && (r = mysql_store_result(m)) != NULL) {
		if ((row = mysql_fetch_row(r)) != NULL && row[1])
			out = xstrdup(row[1]);
		mysql_free_result(r);
	}
	sb_release(&q);
	return out;
}

/* The server's text in the canonical spelling: default integer display widths and year(4) go,
 * COMPRESSED loses its versioned comment. */
static void canonical_spelling(StrBuf *out, const char *s)
{
	static const char *const ints[] = {"tinyint", "smallint", "mediumint", "bigint", "int", NULL};
	sb_reset(out);
	while (*s) {
		bool done = false;
		if (s[0] == '\n' && !strncmp(s + 1, " PARTITION BY", 13)) {
			sb_addc(out, '\n');
			s += 2;
			continue;
		}
		if (!strncmp(s, "  COLUMNS(", 10)) {
			sb_adds(out, " COLUMNS(");
			s += 10;
			continue;
		}
		if (!strncmp(s, "/*M!100301 COMPRESSED*/", 23)) {
			/* MariaDB's versioned comment around its own keyword */
			sb_adds(out, "COMPRESSED");
			s += 23;
			continue;
		}
		if (!strncmp(s, " year(4)", 8)) {
			sb_adds(out, " year");
			s += 8;
			continue;
		}
		for (int i = 0; ints[i] && !done && s[0] == ' '; i++) {
			size_t n = strlen(ints[i]);
			if (!strncmp(s + 1, ints[i], n) && s[1 + n] == '(') {
				char *end;
				long w = strtol(s + 2 + n, &end, 10);
				bool uns = !strncmp(end, ") unsigned", 10);
				if (*end == ')' && w == mysql_int_default_width(ints[i], uns)) {
					sb_addc(out, ' ');
					sb_adds(out, ints[i]);
					s = end + 1;
					done = true;
				}
			}
		}
		if (!done)
			sb_addc(out, *s++);
	}
}

/* ---- driver ---- */

/* The written form: every element in model (declaration) order, as a user would have typed it;
 * the canonical printer ranks keys, which would change the server's choice of implicit names. */
static void print_written(StrBuf *sb, const Table *t, const ServerInfo *si)
{
	StrBuf whole;
	const char *tail;
	bool first = true;
	sb_adds(sb, "CREATE TABLE ");
	sb_add_mysql_ident(sb, t->name);
	sb_adds(sb, " (\n");
#define SEP() (sb_adds(sb, first ? "  " : ",\n  "), first = false)
	for (int i = 0; i < t->columns.n; i++) {
		SEP();
		mysql_print_column_def(sb, t->columns.v[i], si);
		mysql_print_column_checks(sb, t, t->columns.v[i], si);
	}
	for (int i = 0; i < t->indexes.n; i++) {
		const Index *ix = t->indexes.v[i];
		SEP();
		if (!ix->name && ix->kind != INDEX_PRIMARY) {
			/* an unnamed key: the printer's text without a name */
			Index copy = *ix;
			copy.name = NULL;
			mysql_print_index_def(sb, &copy, si);
		} else {
			mysql_print_index_def(sb, ix, si);
		}
	}
	for (int i = 0; i < t->fks.n; i++) {
		SEP();
		mysql_print_fk_def(sb, t->fks.v[i], si);
	}
	for (int i = 0; i < t->checks.n; i++) {
		if (t->checks.v[i]->column)
			continue;
		SEP();
		mysql_print_check_def(sb, t->checks.v[i], si);
	}
#undef SEP
	sb_adds(sb, "\n)");
	/* table options and partitioning: the canonical printer's tail */
	sb_init(&whole);
	{
		Table bare = *t;
		memset(&bare.columns, 0, sizeof bare.columns);
		memset(&bare.indexes, 0, sizeof bare.indexes);
		memset(&bare.fks, 0, sizeof bare.fks);
		memset(&bare.checks, 0, sizeof bare.checks);
		mysql_print_table(&whole, &bare, si);
	}
	tail = strstr(sb_str(&whole), "\n)");
	if (tail)
		sb_adds(sb, tail + 2);
	sb_release(&whole);
}

static const char *const DB_W = "sqlshape_live_norm_written";
static const char *const DB_P = "sqlshape_live_norm_printed";
static const char *const DB_O = "sqlshape_live_norm_other";
static int n_ok, n_fail;

static void report(bool ok, const char *what, const StrBuf *evidence)
{
	int n = n_ok + n_fail + 1;
	if (ok) {
		n_ok++;
		printf("ok %d - %s\n", n, what);
		return;
	}
	n_fail++;
	printf("not ok %d - %s\n", n, what);
	if (evidence && evidence->len) {
		const char *p = sb_str(evidence);
		while (*p) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			printf("#   %.*s\n", (int)len, p);
			p += len + (e ? 1 : 0);
		}
	}
}

#ifdef HAVE_MYSQL_FRONTEND
/* One statement text as a model; NULL with the parser's messages in err. */
static Schema *parse_text(Arena *a, const char *what, const char *text, StrBuf *err)
{
	Diag d;
	Schema *s = schema_new(a, DIALECT_MYSQL);
	const char *copy = arena_strdup(a, text);
	int fid;
	diag_init(&d, a);
	d.stream = NULL;
	fid = diag_add_file(&d, what, copy, strlen(copy));
	if (mysql_parse(a, &d, fid, s, NULL) < 0 || d.errors) {
		sb_addf(err, "%s does not parse:\n%s\ntext:\n%s\n", what, sb_str(&d.text), text);
		diag_release(&d);
		return NULL;
	}
	diag_release(&d);
	s->name = DB_W;
	return s;
}

/* The hand-built models carry expressions as the server prints them; the front end's canonical
 * spelling may differ in spacing ("concat('a', 'b')"), so compare in that spelling. */
static const char *canon_expr(Arena *a, const char *text)
{
	Diag d;
	const char *c;
	if (!text)
		return NULL;
	diag_init(&d, a);
	d.stream = NULL;
	c = mysql_expr_canonical(a, &d, text);
	diag_release(&d);
	return c ? c : text;
}

static Schema *with_canonical_exprs(Arena *a, const Schema *src)
{
	Schema *s = Schema_copy(a, src);
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		for (int k = 0; k < t->columns.n; k++) {
			Column *c = t->columns.v[k];
			if (c->default_kind == DEFAULT_EXPR)
				c->default_text = canon_expr(a, c->default_text);
			c->gen_expr = canon_expr(a, c->gen_expr);
		}
		for (int k = 0; k < t->checks.n; k++)
			t->checks.v[k]->expr = canon_expr(a, t->checks.v[k]->expr);
		if (t->partitioning) {
			t->partitioning->expr = canon_expr(a, t->partitioning->expr);
			t->partitioning->sub_expr = canon_expr(a, t->partitioning->sub_expr);
		}
	}
	return s;
}

static void compare_models(const char *what, const Schema *x, const Schema *y, const char *xtext,
			   const char *ytext)
{
	EqCtx c;
	StrBuf ev;
	eqctx_init(&c, DIALECT_MYSQL);
	if (Schema_equal(x, y, &c)) {
		report(true, what, NULL);
		return;
	}
	sb_init(&ev);
	sb_addf(&ev, "differs at: %s\nleft from:\n%s\nright from:\n%s\nleft model:\n", c.path, xtext, ytext);
	schema_dump(&ev, x);
	sb_adds(&ev, "right model:\n");
	schema_dump(&ev, y);
	report(false, what, &ev);
	sb_release(&ev);
}
#endif

static void run_case(MYSQL *mw, MYSQL *mp, const ServerInfo *si, const char *name,
		     void (*build)(Arena *, Table *), const ColForm *form)
{
	Arena a;
	Schema *s;
	Table *t;
	StrBuf raw, canon, norm, ev, q;
	char *srv = NULL, *srv2 = NULL;
	char what[200];

	arena_init(&a);
	sb_init(&raw);
	sb_init(&canon);
	sb_init(&norm);
	sb_init(&ev);
	sb_init(&q);
	s = schema_new(&a, DIALECT_MYSQL);
	s->name = DB_W;
	t = mb_table(&a, s, name);
	if (form)
		build_col_form(&a, t, form);
	else
		build(&a, t);

	/* 1. the written form on the server; its SHOW CREATE vs the normalised model printed */
	print_written(&raw, t, si);
	{
		/* the model's marker for the BINARY attribute is written as the attribute */
		char *m = strstr(raw.buf, " COLLATE _bin");
		if (m) {
			memcpy(m, " BINARY      ", 13);
		}
	}
	snprintf(what, sizeof what, "%s: written == read back", name);
	if (db_exec(mw, sb_str(&raw), &ev) == 0 && (srv = show_create(mw, name, &ev)) != NULL) {
		mysql_normalize(&a, s, si);
		mysql_print_table(&norm, t, si);
		canonical_spelling(&canon, srv);
		if (!strcmp(sb_str(&canon), sb_str(&norm))) {
			report(true, what, NULL);
		} else {
			sb_addf(&ev, "written:\n%s\nserver (canonical spelling):\n%s\nnormalised model printed:\n%s\n",
				sb_str(&raw), sb_str(&canon), sb_str(&norm));
			report(false, what, &ev);
		}
	} else {
		sb_addf(&ev, "written:\n%s\n", sb_str(&raw));
		report(false, what, &ev);
	}

#ifdef HAVE_MYSQL_FRONTEND
	/* 3. the written text parsed and normalised == the hand-built model normalised;
	 * 4. the server's text parsed and normalised == the written text parsed and normalised */
	if (srv) {
		StrBuf perr;
		Schema *ws, *ss;
		sb_init(&perr);
		ws = parse_text(&a, "written", sb_str(&raw), &perr);
		ss = parse_text(&a, "SHOW CREATE TABLE", srv, &perr);
		snprintf(what, sizeof what, "%s: written text parses to the hand-built model", name);
		if (ws) {
			mysql_normalize(&a, ws, si);
			compare_models(what, ws, with_canonical_exprs(&a, s), sb_str(&raw), "(hand-built)");
		} else {
			report(false, what, &perr);
		}
		snprintf(what, sizeof what, "%s: parsed server text == parsed written text", name);
		if (ws && ss) {
			mysql_normalize(&a, ss, si);
			compare_models(what, ss, ws, srv, sb_str(&raw));
		} else {
			report(false, what, &perr);
		}
		sb_release(&perr);
	}
#endif

	/* 2. the normalised model printed, loaded elsewhere: the same SHOW CREATE, byte for byte */
	snprintf(what, sizeof what, "%s: print -> load -> SHOW CREATE identical", name);
	sb_reset(&ev);
	if (srv && db_exec(mp, sb_str(&norm), &ev) == 0 && (srv2 = show_create(mp, name, &ev)) != NULL) {
		if (!strcmp(srv, srv2)) {
			report(true, what, NULL);
		} else {
			sb_addf(&ev, "original:\n%s\nafter print and load:\n%s\n", srv, srv2);
			report(false, what, &ev);
		}
	} else {
		report(false, what, &ev);
	}
	free(srv);
	free(srv2);
	sb_release(&raw);
	sb_release(&canon);
	sb_release(&norm);
	sb_release(&ev);
	sb_release(&q);
	arena_release(&a);
}

static void server_info_of(MYSQL *m, const char *db, ServerInfo *si, Arena *a)
{
	MYSQL_RES *r;
	MYSQL_ROW row;
	StrBuf q, err;
	memset(si, 0, sizeof *si);
	si->flavor = FLAVOR_MYSQL;
	server_info_parse_version(si, arena_strdup(a, mysql_get_server_info(m)));
	sb_init(&q);
	sb_init(&err);
	sb_adds(&q, "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ");
	sb_add_mysql_string(&q, db);
	if (db_exec(m, sb_str(&q), &err) == 0 && (r = mysql_store_result(m)) != NULL) {
		if ((row = mysql_fetch_row(r)) != NULL) {
			si->db_charset = arena_strdup(a, row[0]);
			si->db_collation = arena_strdup(a, row[1]);
		}
		mysql_free_result(r);
	}
	sb_release(&q);
	sb_release(&err);
}

int main(int argc, char **argv)
{
	static const char *const setup_sql[] = {
		"CREATE TABLE `par` (`id` int PRIMARY KEY, `a` int, `b` int, UNIQUE KEY (`a`, `b`))",
		"CREATE TABLE `parv` (`code` varchar(10) PRIMARY KEY)",
	};
	MYSQL *root, *mw, *mp;
	ServerInfo si;
	Arena a;
	StrBuf err, q;
	const char *only = argc > 1 ? argv[1] : NULL;

	if (!getenv("SQLSHAPE_TEST_MYSQL_PORT")) {
		printf("not ok 1 - no test server (SQLSHAPE_TEST_MYSQL_* unset; run through tests/run-all.sh live)\n");
		return 1;
	}
	arena_init(&a);
	sb_init(&err);
	sb_init(&q);
	root = db_open(NULL);
	for (int i = 0; i < 3; i++) {
		const char *db = i == 2 ? DB_O : i ? DB_P : DB_W;
		sb_reset(&q);
		sb_addf(&q, "DROP DATABASE IF EXISTS `%s`", db);
		db_exec(root, sb_str(&q), &err);
		sb_reset(&q);
		sb_addf(&q, "CREATE DATABASE `%s`", db);
		if (db_exec(root, sb_str(&q), &err)) {
			fprintf(stderr, "%s", sb_str(&err));
			return 1;
		}
	}
	sb_reset(&q);
	sb_addf(&q, "CREATE TABLE `%s`.`par` (`id` int PRIMARY KEY)", DB_O);
	if (db_exec(root, sb_str(&q), &err)) {
		fprintf(stderr, "%s", sb_str(&err));
		return 1;
	}
	mw = db_open(DB_W);
	mp = db_open(DB_P);
	for (size_t i = 0; i < sizeof setup_sql / sizeof setup_sql[0]; i++) {
		if (db_exec(mw, setup_sql[i], &err) || db_exec(mp, setup_sql[i], &err)) {
			fprintf(stderr, "%s", sb_str(&err));
			return 1;
		}
	}
	server_info_of(mw, DB_W, &si, &a);

	for (size_t i = 0; i < sizeof col_forms / sizeof col_forms[0]; i++) {
		char name[80];
		snprintf(name, sizeof name, "c_%s", col_forms[i].name);
		if (!only || strstr(name, only))
			run_case(mw, mp, &si, name, NULL, &col_forms[i]);
	}
	for (size_t i = 0; i < sizeof multi_cases / sizeof multi_cases[0]; i++)
		if (!only || strstr(multi_cases[i].name, only))
			run_case(mw, mp, &si, multi_cases[i].name, multi_cases[i].build, NULL);

	for (int i = 0; i < 3; i++) {
		sb_reset(&q);
		sb_addf(&q, "DROP DATABASE IF EXISTS `%s`", i == 2 ? DB_O : i ? DB_P : DB_W);
		db_exec(root, sb_str(&q), &err);
	}
	mysql_close(mw);
	mysql_close(mp);
	mysql_close(root);
	sb_release(&err);
	sb_release(&q);
	arena_release(&a);
	printf("%d passed, %d failed\n", n_ok, n_fail);
	return n_fail ? 1 : 0;
}
