/*
 * test_core.c: arena, string buffer, diagnostics (positions, caret, hints) and the model's
 * generated equality/copy/dump.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/sb.h"
#include "parser/model.h"

static void test_arena_strings(void **state)
{
	Arena a;
	(void)state;
	arena_init(&a);
	char *s = arena_printf(&a, "%s-%d", "x", 42);
	assert_string_equal(s, "x-42");
	assert_null(arena_strdup(&a, NULL));
	/* Many allocations across blocks, including a big one, stay intact. */
	char *keep[2000];
	for (int i = 0; i < 2000; i++)
		keep[i] = arena_printf(&a, "v%d", i);
	char *big = arena_alloc(&a, 1 << 20);
	memset(big, 'z', 1 << 20);
	for (int i = 0; i < 2000; i++) {
		char want[16];
		snprintf(want, sizeof want, "v%d", i);
		assert_string_equal(keep[i], want);
	}
	arena_release(&a);
}

static void test_sb_quoting(void **state)
{
	StrBuf sb;
	(void)state;
	sb_init(&sb);
	sb_add_mysql_ident(&sb, "we`ird");
	sb_addc(&sb, ' ');
	sb_add_mysql_string(&sb, "it's a\\b\n");
	sb_addc(&sb, ' ');
	sb_add_pg_ident(&sb, "Mixed\"Case");
	sb_addc(&sb, ' ');
	sb_add_pg_string(&sb, "o'k");
	assert_string_equal(sb_str(&sb), "`we``ird` 'it''s a\\\\b\\n' \"Mixed\"\"Case\" 'o''k'");
	sb_release(&sb);
}

static void test_diag_caret(void **state)
{
	Arena a;
	Diag d;
	const char *text = "CREATE TABLE t (\n  a INTT,\n  b int\n);\n";
	(void)state;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	int f = diag_add_file(&d, "schema.sql", text, strlen(text));
	SrcLoc loc = {f, (uint32_t)(strstr(text, "INTT") - text), 4};
	assert_int_equal(diag_error(&d, loc, "unknown type \"%s\"", "INTT"), -1);
	diag_hint(&d, "did you mean \"INT\"?");
	assert_int_equal(d.errors, 1);
	assert_string_equal(sb_str(&d.text),
			    "schema.sql:2:5: error: unknown type \"INTT\"\n"
			    "    2 |   a INTT,\n"
			    "      |     ^~~~\n"
			    "hint: did you mean \"INT\"?\n");
	diag_release(&d);
	arena_release(&a);
}

static void test_diag_utf8_column(void **state)
{
	Arena a;
	Diag d;
	const char *text = "-- caf\xc3\xa9\nx \xc3\xa9 y";
	(void)state;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	int f = diag_add_file(&d, "u.sql", text, strlen(text));
	int line, col;
	SrcLoc loc = {f, (uint32_t)(strstr(text, "y") - text), 1};
	diag_line_col(&d, loc, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 5);
	diag_release(&d);
	arena_release(&a);
}

static Table *make_table(Arena *a, const char *name, const char *colname, const char *def)
{
	Table *t = ARENA_NEW(a, Table);
	t->name = name;
	Column *c = column_new(a);
	c->name = colname;
	c->type = "int";
	c->default_kind = def ? DEFAULT_LITERAL : DEFAULT_NONE;
	c->default_text = def;
	LIST_PUSH(a, &t->columns, c);
	Index *pk = ARENA_NEW(a, Index);
	pk->name = "PRIMARY";
	pk->kind = INDEX_PRIMARY;
	IndexPart *p = ARENA_NEW(a, IndexPart);
	p->column = colname;
	LIST_PUSH(a, &pk->parts, p);
	LIST_PUSH(a, &t->indexes, pk);
	return t;
}

static void test_model_equal_copy(void **state)
{
	Arena a;
	EqCtx c;
	(void)state;
	arena_init(&a);
	Schema *s1 = schema_new(&a, DIALECT_MYSQL);
	Schema *s2 = schema_new(&a, DIALECT_MYSQL);
	LIST_PUSH(&a, &s1->tables, make_table(&a, "t", "id", "0"));
	LIST_PUSH(&a, &s2->tables, make_table(&a, "t", "ID", "0"));
	eqctx_init(&c, DIALECT_MYSQL);
	/* MySQL column names compare case-insensitively. */
	assert_true(Schema_equal(s1, s2, &c));
	eqctx_init(&c, DIALECT_POSTGRES);
	assert_false(Schema_equal(s1, s2, &c));

	Schema *s3 = Schema_copy(&a, s1);
	assert_ptr_not_equal(s3->tables.v[0], s1->tables.v[0]);
	s3->tables.v[0]->columns.v[0]->default_text = "1";
	s3->tables.v[0]->renamed_from = "old"; /* META: ignored */
	eqctx_init(&c, DIALECT_MYSQL);
	assert_false(Schema_equal(s1, s3, &c));
	assert_string_equal(c.path, "tables `t` > columns `id` > default_text (\"0\" vs \"1\")");
	assert_string_equal(s1->tables.v[0]->columns.v[0]->default_text, "0");

	StrBuf sb;
	sb_init(&sb);
	Table_dump(&sb, s1->tables.v[0], 0);
	assert_non_null(strstr(sb_str(&sb), "name: \"t\""));
	assert_non_null(strstr(sb_str(&sb), "kind: PRIMARY"));
	sb_release(&sb);
	arena_release(&a);
}

static void test_server_version(void **state)
{
	ServerInfo si;
	(void)state;
	memset(&si, 0, sizeof si);
	server_info_parse_version(&si, "10.11.6-MariaDB-0+deb12u1");
	assert_int_equal(si.flavor, FLAVOR_MARIADB);
	assert_int_equal(si.major, 10);
	assert_int_equal(si.minor, 11);
	memset(&si, 0, sizeof si);
	server_info_parse_version(&si, "8.0.36");
	assert_int_equal(si.flavor, FLAVOR_MYSQL);
	assert_string_equal(server_default_collation(&si, "utf8mb4"), "utf8mb4_0900_ai_ci");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_sb_quoting),
		cmocka_unit_test(test_diag_caret),
		cmocka_unit_test(test_diag_utf8_column),
		cmocka_unit_test(test_model_equal_copy),
		cmocka_unit_test(test_server_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
