/*
 * test_diff_pg.c: the PostgreSQL differ on model pairs parsed from SQL text (pg_parse +
 * pg_normalize, as plan does): which statements, in which order, which are destructive and
 * skipped, the notes, and the typed detail (change and clause kinds) the planner reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "diff/diff.h"
#include "parser/frontend.h"
#include "parser/model.h"

static Arena A;
static ServerInfo SI;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	server_info_default(&SI, DIALECT_POSTGRES);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&A);
	return 0;
}

static Schema *parse(const char *sql)
{
	Diag d;
	Schema *s = schema_new(&A, DIALECT_POSTGRES);
	diag_init(&d, &A);
	int f = diag_add_file(&d, "test.sql", sql, strlen(sql));
	assert_int_equal(pg_parse(&A, &d, f, s, NULL), 0);
	pg_normalize(&A, s, &SI);
	diag_release(&d);
	return s;
}

static Plan *plan(const char *from, const char *to, bool allow_drop)
{
	DiffOptions o = {0};
	o.allow_drop = allow_drop;
	return diff_schemas(&A, parse(from), parse(to), &SI, &o);
}

/* The plan as one statement per line (for messages and substring checks). */
static const char *text(const Plan *p)
{
	StrBuf sb;
	sb_init(&sb);
	plan_print_sql(&sb, p);
	const char *r = sb_to_arena(&sb, &A);
	sb_release(&sb);
	return r;
}

/* index of the first change whose SQL contains needle; -1 if none */
static int find(const Plan *p, const char *needle)
{
	for (int i = 0; i < p->changes.n; i++)
		if (strstr(p->changes.v[i]->sql, needle))
			return i;
	return -1;
}

#define HAS(p, needle) \
	do { \
		if (find(p, needle) < 0) \
			fail_msg("no statement with \"%s\" in:\n%s", needle, text(p)); \
	} while (0)

#define BEFORE(p, a, b) \
	do { \
		int ia_ = find(p, a), ib_ = find(p, b); \
		if (ia_ < 0 || ib_ < 0 || ia_ >= ib_) \
			fail_msg("\"%s\" must come before \"%s\" in:\n%s", a, b, text(p)); \
	} while (0)

/* A domain whose check calls a function comes after the function, and goes before it; types
 * built on other types go before them. */
static void test_type_and_routine_order(void **state)
{
	(void)state;
	const char *s = "CREATE TYPE color AS ENUM ('red', 'blue');\n"
			"CREATE DOMAIN primary_color AS color CHECK (VALUE <> 'blue');\n"
			"CREATE DOMAIN base_text AS text;\n"
			"CREATE DOMAIN derived_text AS base_text CHECK (length(VALUE) > 1);\n"
			"CREATE FUNCTION is_email(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s LIKE '%@%' $$;\n"
			"CREATE DOMAIN email AS text CHECK (is_email(VALUE));\n";
	Plan *p = plan("", s, true);
	BEFORE(p, "FUNCTION public.is_email", "CREATE DOMAIN \"public\".\"email\"");
	BEFORE(p, "CREATE TYPE \"public\".\"color\"", "CREATE DOMAIN \"public\".\"primary_color\"");
	p = plan(s, "", true);
	BEFORE(p, "DROP DOMAIN \"public\".\"email\"", "DROP FUNCTION \"public\".\"is_email\"");
	BEFORE(p, "DROP DOMAIN \"public\".\"primary_color\"", "DROP TYPE \"public\".\"color\"");
	BEFORE(p, "DROP DOMAIN \"public\".\"derived_text\"", "DROP DOMAIN \"public\".\"base_text\"");
}

/* An enum column changing to another type is cast through text (enums have no other cast). */
static void test_enum_column_retype(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TYPE a AS ENUM ('x'); CREATE TYPE b AS ENUM ('x'); CREATE TABLE t (c a, d a[]);",
		       "CREATE TYPE a AS ENUM ('x'); CREATE TYPE b AS ENUM ('x'); CREATE TABLE t (c b, d b[]);", true);
	HAS(p, "ALTER COLUMN \"c\" TYPE b USING \"c\"::text::b");
	HAS(p, "ALTER COLUMN \"d\" TYPE b[] USING \"d\"::text[]::b[]");
}

/* An enum losing a label while a column uses it: renamed away, created anew, the column moved
 * over through text with its default dropped and set again, the old one dropped last. */
static void test_enum_rebuild(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TYPE e AS ENUM ('a', 'b', 'c'); CREATE TABLE t (c e DEFAULT 'a');",
		       "CREATE TYPE e AS ENUM ('a', 'c'); CREATE TABLE t (c e DEFAULT 'a');", true);
	BEFORE(p, "ALTER TYPE \"public\".\"e\" RENAME TO \"e_sqlshape_old\"", "CREATE TYPE \"public\".\"e\" AS ENUM ('a', 'c')");
	BEFORE(p, "CREATE TYPE \"public\".\"e\"", "ALTER COLUMN \"c\" TYPE e USING \"c\"::text::e");
	BEFORE(p, "ALTER COLUMN \"c\" TYPE e", "DROP TYPE \"public\".\"e_sqlshape_old\"");
	HAS(p, "ALTER COLUMN \"c\" DROP DEFAULT, ALTER COLUMN \"c\" TYPE e USING \"c\"::text::e, ALTER COLUMN \"c\" SET DEFAULT 'a'");
	/* renamed and changed: what follows the rename names the new name */
	p = plan("CREATE TYPE s1 AS ENUM ('a', 'b');",
		 "CREATE TYPE s2 /* @renamed from=s1 */ AS ENUM ('b', 'a');", true);
	BEFORE(p, "ALTER TYPE \"public\".\"s1\" RENAME TO \"s2\"", "DROP TYPE \"public\".\"s2\"");
	p = plan("CREATE TYPE s1 AS ENUM ('a');", "CREATE TYPE s2 /* @renamed from=s1 */ AS ENUM ('a', 'b');", true);
	BEFORE(p, "RENAME TO \"s2\"", "ALTER TYPE \"public\".\"s2\" ADD VALUE 'b'");
}

static void test_same_schema_is_empty(void **state)
{
	(void)state;
	const char *s = "CREATE TYPE mood AS ENUM ('a', 'b');\n"
			"CREATE TABLE t (id serial PRIMARY KEY, m mood, v text DEFAULT 'x' CHECK (v <> ''));\n"
			"CREATE INDEX t_v ON t (lower(v)) WHERE id > 0;\n"
			"CREATE VIEW w AS SELECT id, v FROM t;\n"
			"CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n";
	Plan *p = plan(s, s, true);
	assert_int_equal(plan_count(p), 0);
	assert_int_equal(p->skipped.n, 0);
	assert_int_equal(p->notes.n, 0);
}

static void test_add_column_and_types(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE t (id int, n int, s text);",
		       "CREATE TABLE t (id bigint, n int NOT NULL DEFAULT 0, s integer, added date);", false);
	HAS(p, "ALTER COLUMN \"id\" TYPE bigint USING \"id\"::bigint");
	HAS(p, "ALTER COLUMN \"n\" SET DEFAULT 0");
	HAS(p, "ALTER COLUMN \"n\" SET NOT NULL");
	HAS(p, "ADD COLUMN \"added\" date");
	/* text -> integer may lose data: its own statement, skipped without --allow-drop */
	assert_int_equal(p->skipped.n, 1);
	assert_non_null(strstr(p->skipped.v[0]->sql, "ALTER COLUMN \"s\" TYPE integer USING \"s\"::integer"));
	const Change *c = p->changes.v[0];
	assert_int_equal(c->kind, CHANGE_ALTER_TABLE);
	assert_string_equal(c->table, "t");
	bool seen_type = false, seen_add = false;
	for (int i = 0; i < c->clauses.n; i++) {
		seen_type |= c->clauses.v[i]->kind == CLAUSE_ALTER_COLUMN_TYPE;
		seen_add |= c->clauses.v[i]->kind == CLAUSE_ADD_COLUMN;
	}
	assert_true(seen_type && seen_add);
}

static void test_drop_column_needs_allow_drop(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE t (id int, gone int);", "CREATE TABLE t (id int);", false);
	assert_int_equal(plan_count(p), 0);
	assert_int_equal(p->skipped.n, 1);
	assert_string_equal(p->skipped.v[0]->sql, "ALTER TABLE \"public\".\"t\" DROP COLUMN \"gone\"");
	p = plan("CREATE TABLE t (id int, gone int);", "CREATE TABLE t (id int);", true);
	assert_int_equal(plan_count(p), 1);
	assert_true(p->changes.v[0]->destructive);
}

static void test_column_order_is_a_note(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE t (a int, b text);", "CREATE TABLE t (b text, a int);", true);
	assert_int_equal(plan_count(p), 0);
	assert_int_equal(p->notes.n, 1);
	assert_non_null(strstr(p->notes.v[0], "cannot reorder columns"));
	assert_non_null(strstr(text(p), "-- note: column order of \"public\".\"t\""));
}

static void test_enum_values(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TYPE m AS ENUM ('b', 'd');", "CREATE TYPE m AS ENUM ('a', 'b', 'c', 'd', 'e');", false);
	assert_int_equal(plan_count(p), 3);
	assert_string_equal(p->changes.v[0]->sql, "ALTER TYPE \"public\".\"m\" ADD VALUE 'a' BEFORE 'b'");
	assert_string_equal(p->changes.v[1]->sql, "ALTER TYPE \"public\".\"m\" ADD VALUE 'c' AFTER 'b'");
	assert_string_equal(p->changes.v[2]->sql, "ALTER TYPE \"public\".\"m\" ADD VALUE 'e' AFTER 'd'");
	p = plan("CREATE TYPE m AS ENUM ('a', 'old', 'c');", "CREATE TYPE m AS ENUM ('a', 'new', 'c');", false);
	assert_int_equal(plan_count(p), 1);
	assert_string_equal(p->changes.v[0]->sql, "ALTER TYPE \"public\".\"m\" RENAME VALUE 'old' TO 'new'");
	/* a label that goes away: drop and create, destructive */
	p = plan("CREATE TYPE m AS ENUM ('a', 'b', 'c');", "CREATE TYPE m AS ENUM ('a', 'c');", false);
	assert_int_equal(plan_count(p), 0);
	assert_int_equal(p->skipped.n, 2);
}

static void test_identity_needs_not_null_first(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE t (id int);", "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);", false);
	assert_int_equal(plan_count(p), 1);
	assert_string_equal(p->changes.v[0]->sql,
			    "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"id\" SET NOT NULL, ALTER COLUMN \"id\" ADD GENERATED ALWAYS AS IDENTITY");
	p = plan("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);", "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY);", false);
	HAS(p, "ALTER COLUMN \"id\" SET GENERATED BY DEFAULT");
}

static void test_view_replace_or_recreate(void **state)
{
	(void)state;
	const char *base = "CREATE TABLE t (id int, a text, b int);\n";
	char from[512], to[512];
	/* a new column at the end: CREATE OR REPLACE */
	snprintf(from, sizeof from, "%sCREATE VIEW v AS SELECT id, a FROM t;", base);
	snprintf(to, sizeof to, "%sCREATE VIEW v AS SELECT id, a, b FROM t;", base);
	Plan *p = plan(from, to, false);
	assert_int_equal(plan_count(p), 1);
	assert_int_equal(p->changes.v[0]->kind, CHANGE_REPLACE_VIEW);
	HAS(p, "CREATE OR REPLACE VIEW \"public\".\"v\"");
	/* a column goes: drop and create, and the view reading it goes and comes back too */
	snprintf(from, sizeof from, "%sCREATE VIEW v AS SELECT id, a FROM t;\nCREATE VIEW w AS SELECT v.id FROM v;", base);
	snprintf(to, sizeof to, "%sCREATE VIEW v AS SELECT id FROM t;\nCREATE VIEW w AS SELECT v.id FROM v;", base);
	p = plan(from, to, false);
	BEFORE(p, "DROP VIEW \"public\".\"w\"", "DROP VIEW \"public\".\"v\"");
	BEFORE(p, "DROP VIEW \"public\".\"v\"", "CREATE VIEW \"public\".\"v\"");
	BEFORE(p, "CREATE VIEW \"public\".\"v\"", "CREATE VIEW \"public\".\"w\"");
	assert_int_equal(p->skipped.n, 0);
	/* a column type change takes the views that read the table */
	p = plan("CREATE TABLE t (id int);\nCREATE VIEW v AS SELECT id FROM t;", "CREATE TABLE t (id bigint);\nCREATE VIEW v AS SELECT id FROM t;", false);
	BEFORE(p, "DROP VIEW \"public\".\"v\"", "ALTER TABLE \"public\".\"t\"");
	BEFORE(p, "ALTER TABLE \"public\".\"t\"", "CREATE VIEW \"public\".\"v\"");
}

static void test_function_signature_change(void **state)
{
	(void)state;
	const char *from = "CREATE TABLE t (id int);\n"
			   "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
			   "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;\n"
			   "CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n";
	const char *to = "CREATE TABLE t (id int);\n"
			 "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;\n"
			 "CREATE FUNCTION f(a int) RETURNS bigint LANGUAGE sql AS $$ SELECT a::bigint $$;\n"
			 "CREATE TRIGGER t_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n";
	Plan *p = plan(from, to, false);
	/* body only: CREATE OR REPLACE, the trigger stays */
	HAS(p, "CREATE OR REPLACE FUNCTION public.trg()");
	assert_true(find(p, "DROP TRIGGER") < 0);
	/* return type: drop and create */
	BEFORE(p, "DROP FUNCTION \"public\".\"f\"(integer)", "CREATE OR REPLACE FUNCTION public.f(");
	assert_int_equal(p->skipped.n, 0);
}

static void test_key_change_takes_foreign_keys(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE p (a int, b int, CONSTRAINT p_pkey PRIMARY KEY (a));\n"
		       "CREATE TABLE c (x int REFERENCES p (a));",
		       "CREATE TABLE p (a int, b int, CONSTRAINT p_pkey PRIMARY KEY (a) DEFERRABLE);\n"
		       "CREATE TABLE c (x int REFERENCES p (a));",
		       false);
	BEFORE(p, "DROP CONSTRAINT \"c_x_fkey\"", "DROP CONSTRAINT \"p_pkey\"");
	BEFORE(p, "ADD CONSTRAINT \"p_pkey\" PRIMARY KEY", "ADD CONSTRAINT \"c_x_fkey\" FOREIGN KEY");
	assert_int_equal(p->skipped.n, 0);
}

static void test_new_objects_in_order(void **state)
{
	(void)state;
	Plan *p = plan("",
		       "CREATE SCHEMA app;\n"
		       "CREATE TYPE app.st AS ENUM ('x');\n"
		       "CREATE TABLE app.p (id int PRIMARY KEY, s app.st);\n"
		       "CREATE TABLE app.c (id int, p int REFERENCES app.p);\n"
		       "CREATE INDEX c_p ON app.c (p);\n"
		       "CREATE TABLE ev (at date) PARTITION BY RANGE (at);\n"
		       "CREATE TABLE ev_1 PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n"
		       "COMMENT ON TABLE app.c IS 'kids';\n",
		       false);
	BEFORE(p, "CREATE SCHEMA \"app\"", "CREATE TYPE \"app\".\"st\"");
	BEFORE(p, "CREATE TYPE \"app\".\"st\"", "CREATE TABLE \"app\".\"p\"");
	BEFORE(p, "CREATE TABLE \"app\".\"c\"", "FOREIGN KEY");
	BEFORE(p, "CREATE TABLE \"public\".\"ev\"", "CREATE TABLE \"public\".\"ev_1\" PARTITION OF");
	BEFORE(p, "CREATE INDEX \"c_p\"", "COMMENT ON TABLE \"app\".\"c\" IS 'kids'");
	assert_int_equal(p->changes.v[find(p, "CREATE INDEX")]->kind, CHANGE_CREATE_INDEX);
}

static void test_renames(void **state)
{
	(void)state;
	Schema *from = parse("CREATE TABLE old_t (id int, old_c text);\nCREATE INDEX old_i ON old_t (id);");
	Schema *to = parse("CREATE TABLE new_t (id int, new_c text);\nCREATE INDEX new_i ON new_t (id);");
	to->tables.v[0]->renamed_from = "old_t";
	to->tables.v[0]->columns.v[1]->renamed_from = "old_c";
	to->tables.v[0]->indexes.v[0]->renamed_from = "old_i";
	Plan *p = diff_schemas(&A, from, to, &SI, NULL);
	assert_int_equal(p->skipped.n, 0);
	BEFORE(p, "ALTER TABLE \"public\".\"old_t\" RENAME TO \"new_t\"", "RENAME COLUMN \"old_c\" TO \"new_c\"");
	HAS(p, "ALTER INDEX \"public\".\"old_i\" RENAME TO \"new_i\"");
	assert_int_equal(plan_count(p), 3);
}

static void test_renames_from_comments(void **state)
{
	(void)state;
	Schema *to = parse("-- @renamed from=Old_T\n"
			   "CREATE TABLE t (\n"
			   "  id int, -- @renamed from=\"Key\"\n"
			   "  -- @renamed from=b\n"
			   "  c text\n"
			   ");\n"
			   "CREATE INDEX t_c /* @renamed from=i */ ON t (c);\n");
	const Table *t = to->tables.v[0];
	assert_string_equal(t->renamed_from, "old_t");
	assert_string_equal(t->columns.v[0]->renamed_from, "Key");
	assert_string_equal(t->columns.v[1]->renamed_from, "b");
	assert_string_equal(t->indexes.v[0]->renamed_from, "i");
	/* the same annotations, with nothing to rename from: no rename, the new objects */
	Plan *p = diff_schemas(&A, parse(""), to, &SI, NULL);
	assert_true(find(p, "RENAME") < 0);
	HAS(p, "CREATE TABLE \"public\".\"t\"");
}

static void test_sequence_outlives_its_owner(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE a (id serial);",
		       "CREATE SEQUENCE a_id_seq AS integer;\n"
		       "CREATE TABLE b (id int DEFAULT nextval('a_id_seq'));\n"
		       "ALTER SEQUENCE a_id_seq OWNED BY b.id;",
		       true);
	BEFORE(p, "ALTER SEQUENCE \"public\".\"a_id_seq\" OWNED BY NONE", "DROP TABLE \"public\".\"a\"");
	BEFORE(p, "CREATE TABLE \"public\".\"b\"", "ALTER SEQUENCE \"public\".\"a_id_seq\" OWNED BY \"public\".\"b\".\"id\"");
	assert_true(find(p, "CREATE SEQUENCE") < 0);
	assert_true(find(p, "DROP SEQUENCE") < 0);
}

static void test_policies_and_rls(void **state)
{
	(void)state;
	Plan *p = plan("CREATE TABLE t (o text);\nCREATE POLICY r ON t FOR SELECT USING (o = current_user);",
		       "CREATE TABLE t (o text);\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
		       "CREATE POLICY r ON t FOR SELECT USING (o = current_user OR o IS NULL);",
		       false);
	HAS(p, "ENABLE ROW LEVEL SECURITY");
	BEFORE(p, "DROP POLICY \"r\"", "CREATE POLICY \"r\"");
	assert_int_equal(p->skipped.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_schema_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_column_and_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_column_needs_allow_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_order_is_a_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_identity_needs_not_null_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_replace_or_recreate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_function_signature_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_change_takes_foreign_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_objects_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renames, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renames_from_comments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequence_outlives_its_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policies_and_rls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_type_and_routine_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum_column_retype, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum_rebuild, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
