/*
 * test_pg_parse.c: the PostgreSQL front end (pg_parse, pg_canon, pg_normalize): types in
 * format_type spelling, serial as stored, implicit constraint and index names, canonical
 * expressions equal to the server's spelling, ignored statements, psql meta-commands and COPY
 * data, positioned syntax errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/diag.h"
#include "parser/frontend.h"

typedef struct Fx {
	Arena a;
	Diag d;
	Schema *s;
	ParseStats st;
	int rc;
} Fx;

static Fx *parse(const char *text)
{
	Fx *f = calloc(1, sizeof *f);
	ServerInfo si;
	arena_init(&f->a);
	diag_init(&f->d, &f->a);
	f->d.stream = NULL;
	f->s = schema_new(&f->a, DIALECT_POSTGRES);
	int id = diag_add_file(&f->d, "s.sql", arena_strdup(&f->a, text), strlen(text));
	f->rc = pg_parse(&f->a, &f->d, id, f->s, &f->st);
	server_info_default(&si, DIALECT_POSTGRES);
	pg_normalize(&f->a, f->s, &si);
	return f;
}

static void fx_free(Fx *f)
{
	diag_release(&f->d);
	arena_release(&f->a);
	free(f);
}

static Table *tab(Fx *f, const char *name)
{
	Table *t = schema_find_table(f->s, NULL, name);
	assert_non_null(t);
	return t;
}

static Column *colm(Table *t, const char *name)
{
	Column *c = table_find_column(t, DIALECT_POSTGRES, name);
	assert_non_null(c);
	return c;
}

static void test_types(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE t (a int4, b varchar(20), c timestamptz, d numeric(10,2)[], e char, f double precision,"
		      " g timestamp(3), h bit varying(5), i \"char\", j decimal(7), k text COLLATE \"C\", l interval day to second,"
		      " m time with time zone, n bool, o float(3), p integer[][]);");
	assert_int_equal(f->rc, 0);
	Table *t = tab(f, "t");
	assert_string_equal(t->schema, "public");
	assert_string_equal(colm(t, "a")->type, "integer");
	assert_string_equal(colm(t, "b")->type, "character varying(20)");
	assert_string_equal(colm(t, "c")->type, "timestamp with time zone");
	assert_string_equal(colm(t, "d")->type, "numeric(10,2)[]");
	assert_string_equal(colm(t, "e")->type, "character(1)");
	assert_string_equal(colm(t, "f")->type, "double precision");
	assert_string_equal(colm(t, "g")->type, "timestamp(3) without time zone");
	assert_string_equal(colm(t, "h")->type, "bit varying(5)");
	assert_string_equal(colm(t, "i")->type, "\"char\"");
	assert_string_equal(colm(t, "j")->type, "numeric(7,0)");
	assert_string_equal(colm(t, "k")->collation, "C");
	assert_string_equal(colm(t, "l")->type, "interval day to second");
	assert_string_equal(colm(t, "m")->type, "time with time zone");
	assert_string_equal(colm(t, "n")->type, "boolean");
	assert_string_equal(colm(t, "o")->type, "real");
	assert_string_equal(colm(t, "p")->type, "integer[]");
	fx_free(f);
}

static void test_serial_and_identity(void **state)
{
	(void)state;
	Fx *f = parse("CREATE SCHEMA app; CREATE TABLE app.t (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY (START 5));");
	assert_int_equal(f->rc, 0);
	Table *t = schema_find_table(f->s, "app", "t");
	assert_non_null(t);
	Column *id = colm(t, "id");
	assert_string_equal(id->type, "bigint");
	assert_true(id->not_null);
	assert_string_equal(id->default_text, "nextval('app.t_id_seq'::regclass)");
	assert_int_equal(f->s->sequences.n, 1);
	Sequence *q = f->s->sequences.v[0];
	assert_string_equal(q->name, "t_id_seq");
	assert_string_equal(q->schema, "app");
	assert_string_equal(q->owned_by, "app.t.id");
	assert_string_equal(q->data_type, "bigint");
	assert_true(q->max_value == 9223372036854775807LL);
	Column *n = colm(t, "n");
	assert_int_equal(n->identity, IDENTITY_ALWAYS);
	assert_true(n->not_null);
	assert_string_equal(n->identity_options, "START WITH 5");
	assert_string_equal(t->indexes.v[0]->name, "t_pkey");
	fx_free(f);
}

static void test_implicit_names(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE p (id int PRIMARY KEY);\n"
		      "CREATE TABLE t (a int UNIQUE, b int REFERENCES p, c int CHECK (c > 0) CHECK (c < 9), d int,\n"
		      "  CHECK (a > b), UNIQUE (a, b), EXCLUDE USING gist (d WITH =));\n"
		      "CREATE INDEX ON t (a); CREATE INDEX ON t (a); CREATE INDEX ON t (lower(d::text));\n"
		      "ALTER TABLE t ADD FOREIGN KEY (c, d) REFERENCES p (id, id);");
	assert_int_equal(f->rc, 0);
	Table *t = tab(f, "t");
	const char *want_ix[] = {"t_a_key", "t_a_b_key", "t_d_excl", "t_a_idx", "t_a_idx1", "t_lower_idx"};
	assert_int_equal(t->indexes.n, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(t->indexes.v[i]->name, want_ix[i]);
	assert_string_equal(t->indexes.v[2]->parts.v[0]->exclude_op, "=");
	assert_string_equal(t->checks.v[0]->name, "t_c_check");
	assert_string_equal(t->checks.v[1]->name, "t_c_check1");
	assert_string_equal(t->checks.v[2]->name, "t_check");
	assert_string_equal(t->fks.v[0]->name, "t_b_fkey");
	assert_string_equal(t->fks.v[0]->ref_columns.v[0], "id");  /* filled from the primary key */
	assert_string_equal(t->fks.v[1]->name, "t_c_d_fkey");
	/* long names are cut to 63 bytes the server's way */
	fx_free(f);
	f = parse("CREATE TABLE a_very_long_table_name_that_goes_on_and_on_and_on_forever_x (a_very_long_column_name_too int UNIQUE);");
	assert_int_equal(f->rc, 0);
	const char *nm = f->s->tables.v[0]->indexes.v[0]->name;
	assert_int_equal(strlen(nm), 63);
	assert_string_equal(nm, "a_very_long_table_name_that_goe_a_very_long_column_name_too_key"  /* checked on PostgreSQL 15 */);
	fx_free(f);
}

/* The user's spelling and the server's pg_get_expr spelling give one canonical text. */
static void test_canonical_expressions(void **state)
{
	(void)state;
	Arena a;
	Diag d;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	static const char *const pairs[][2] = {
		{"v IN ('a', 'b')", "((v)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"},
		{"n > 0", "(n > (0)::numeric)"},
		{"bt BETWEEN 1 AND 5", "((bt >= 1) AND (bt <= 5))"},
		{"x <> ''", "(x <> ''::text)"},
		{"-1", "'-1'::integer"},
		{"nextval('public.s')", "nextval('s'::regclass)"},
		{"e LIKE '%@%'", "(e ~~ '%@%'::text)"},
		{"a NOT IN (1, 2)", "(a <> ALL (ARRAY[1, 2]))"},
		{"(a AND b) AND c", "(a AND b AND c)"},
		{"NOW()", "now()"},
		{"'0.0000'::float8", "0"},
		{"''::bytea", "'\\x'::bytea"},
		{"'ab'::bytea", "'\\x6162'::bytea"},
		{"nextval('s')", "nextval('public.s'::regclass)"},
		{"public.f(x)", "f(x)"},
		{"(a, b) > (0, 0)", "(ROW(a, b) > ROW(0, 0))"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		const char *u = pg_expr_canonical(&a, &d, pairs[i][0]);
		const char *s = pg_expr_canonical(&a, &d, pairs[i][1]);
		assert_non_null(u);
		assert_non_null(s);
		if (strcmp(u, s) != 0)
			fail_msg("\"%s\" -> \"%s\" but \"%s\" -> \"%s\"", pairs[i][0], u, pairs[i][1], s);
	}
	/* different meanings stay different */
	assert_string_not_equal(pg_expr_canonical(&a, &d, "n > 0"), pg_expr_canonical(&a, &d, "n >= 0"));
	assert_string_not_equal(pg_expr_canonical(&a, &d, "'2020-01-01'::date"), pg_expr_canonical(&a, &d, "'2020-01-01'::timestamp"));
	assert_int_equal(d.errors, 0);
	diag_release(&d);
	arena_release(&a);
}

static void test_defaults_as_stored(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE t (a varchar(9) DEFAULT 'x', b date DEFAULT '2020-01-01', c int[] DEFAULT '{}',"
		      " d boolean DEFAULT 't', e int DEFAULT NULL, f int DEFAULT '5');");
	assert_int_equal(f->rc, 0);
	Table *t = tab(f, "t");
	assert_string_equal(colm(t, "a")->default_text, "'x'");
	assert_string_equal(colm(t, "b")->default_text, "'2020-01-01'::date");
	assert_string_equal(colm(t, "c")->default_text, "'{}'::int[]");
	assert_string_equal(colm(t, "d")->default_text, "true");
	assert_null(colm(t, "e")->default_text);
	assert_string_equal(colm(t, "f")->default_text, "5");
	fx_free(f);
	/* DEFAULT takes a b_expr: what it cannot hold keeps its parentheses */
	f = parse("CREATE TABLE t (a timestamp DEFAULT (now() AT TIME ZONE 'utc'), b boolean DEFAULT (1 < 2 AND 2 < 3),"
		  " c boolean DEFAULT ('x' LIKE 'y'), d int DEFAULT 1 + 2);");
	assert_int_equal(f->rc, 0);
	t = tab(f, "t");
	assert_string_equal(colm(t, "a")->default_text, "(now() AT TIME ZONE 'utc')");
	assert_string_equal(colm(t, "b")->default_text, "(1 < 2 AND 2 < 3)");
	assert_string_equal(colm(t, "c")->default_text, "('x' LIKE 'y')");
	assert_string_equal(colm(t, "d")->default_text, "1 + 2");
	fx_free(f);
}

/* The server's spellings of what users write differently: SET "TimeZone" in a function, a
 * timestamp partition bound with its time, a policy's cast of a non-string column. */
static void test_server_spellings(void **state)
{
	(void)state;
	Fx *u = parse("CREATE FUNCTION f() RETURNS int LANGUAGE sql SET timezone = 'UTC' AS $$ SELECT 1 $$;\n"
		      "CREATE TABLE logs (id int, at timestamp) PARTITION BY RANGE (at);\n"
		      "CREATE TABLE logs_1 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');\n"
		      "CREATE TABLE d (id int, day date) PARTITION BY RANGE (day);\n"
		      "CREATE TABLE d_1 PARTITION OF d FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');\n"
		      "CREATE TABLE u (n bigint);\n"
		      "CREATE POLICY p ON u USING (n::text = 'x');\n");
	Fx *s = parse("CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql SET \"TimeZone\" TO 'UTC' AS $$ SELECT 1 $$;\n");
	assert_int_equal(u->rc, 0);
	assert_int_equal(s->rc, 0);
	assert_string_equal(u->s->routines.v[0]->definition, s->s->routines.v[0]->definition);
	assert_string_equal(tab(u, "logs_1")->partition_bound,
			    "FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2024-02-01 00:00:00')");
	assert_string_equal(tab(u, "d_1")->partition_bound, "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')");
	assert_non_null(strstr(u->s->policies.v[0]->using_expr, "n::text"));
	fx_free(u);
	fx_free(s);
	/* implicit constraint names are unique in the schema: a name cut to 63 bytes that another
	 * table's constraint took gets a number */
	u = parse("CREATE TABLE ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssx (a int CHECK (a > 0));\n"
		  "CREATE TABLE ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssy (a int CHECK (a > 0));\n");
	assert_int_equal(u->rc, 0);
	assert_string_equal(u->s->tables.v[0]->checks.v[0]->name, "sssssssssssssssssssssssssssssssssssssssssssssssssssssss_a_check");
	assert_string_equal(u->s->tables.v[1]->checks.v[0]->name, "ssssssssssssssssssssssssssssssssssssssssssssssssssssss_a_check1");
	fx_free(u);
}

static void test_typed_literals(void **state)
{
	(void)state;
	Arena a;
	arena_init(&a);
	assert_true(pg_expr_has_typed_literal(&a, "'1.50'::money"));
	assert_true(pg_expr_has_typed_literal(&a, "now() + interval '1 day'"));
	assert_true(pg_expr_has_typed_literal(&a, "B'101'"));
	assert_false(pg_expr_has_typed_literal(&a, "'x'::text"));
	assert_true(pg_expr_has_typed_literal(&a, "start_at >= '00:00:00'"));
	assert_false(pg_expr_has_typed_literal(&a, "nextval('s'::regclass)"));
	assert_false(pg_expr_has_typed_literal(&a, "a > 0"));
	assert_false(pg_expr_has_typed_literal(&a, "not an expression ("));
	arena_release(&a);
}

static void test_dump_file_noise(void **state)
{
	(void)state;
	const char *text = "\\restrict abc123\n"
			   "SET statement_timeout = 0;\n"
			   "SELECT pg_catalog.set_config('search_path', '', false);\n"
			   "BEGIN;\n"
			   "CREATE TABLE public.t (id integer NOT NULL);\n"
			   "ALTER TABLE public.t OWNER TO alice;\n"
			   "COPY public.t (id) FROM stdin;\n"
			   "1\n"
			   "\\N;(\n"
			   "\\.\n"
			   "GRANT ALL ON TABLE public.t TO bob;\n"
			   "INSERT INTO public.t VALUES (2);\n"
			   "COMMIT;\n"
			   "\\unrestrict abc123\n";
	Fx *f = parse(text);
	assert_int_equal(f->rc, 0);
	assert_int_equal(f->s->tables.n, 1);
	assert_int_equal(f->st.data_statements, 2);
	assert_int_equal(f->st.statements, 1);  /* only the CREATE TABLE built something */
	assert_int_equal(f->d.errors, 0);
	/* one warning each for OWNER TO, GRANT, data */
	assert_int_equal(f->d.warnings, 3);
	fx_free(f);
}

static void test_search_path(void **state)
{
	(void)state;
	Fx *f = parse("CREATE SCHEMA app; SET search_path = app, public; CREATE TYPE st AS ENUM ('a');"
		      " CREATE TABLE t (s st, id serial);");
	assert_int_equal(f->rc, 0);
	Table *t = schema_find_table(f->s, "app", "t");
	assert_non_null(t);
	assert_string_equal(colm(t, "s")->type, "app.st");
	fx_free(f);
}

static void test_syntax_error_position(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE ok (a int);\n\\set x 1\nCREATE TABLE t (\n  a int,\n  b intt tt\n);\n");
	assert_int_equal(f->rc, -1);
	assert_string_equal(sb_str(&f->d.text),
			    "s.sql:5:10: error: syntax error at or near \"tt\"\n"
			    "    5 |   b intt tt\n"
			    "      |          ^~\n");
	fx_free(f);
	f = parse("CREATE TABLE t (a int");
	assert_int_equal(f->rc, -1);
	assert_non_null(strstr(sb_str(&f->d.text), "syntax error at end of input"));
	assert_non_null(strstr(sb_str(&f->d.text), "hint:"));
	fx_free(f);
	f = parse("ALTER TABLE missing ADD COLUMN a int;");
	assert_int_equal(f->rc, -1);
	assert_non_null(strstr(sb_str(&f->d.text), "s.sql:1:13: error: table \"public.missing\" does not exist"));
	fx_free(f);
}

/* What the server merges or reprints: a partition's own copy of its parent's check, and
 * columns of a sub-select in FROM that the server qualifies with its alias. */
static void test_server_shapes(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE p (a int, CONSTRAINT c1 CHECK (a > 0)) PARTITION BY LIST (a);\n"
		      "CREATE TABLE p1 (a int, CONSTRAINT c1 CHECK (a > 0), CONSTRAINT own CHECK (a < 9));\n"
		      "ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1);\n"
		      "CREATE VIEW v AS SELECT x FROM (SELECT a AS x FROM p) s;\n");
	assert_int_equal(f->rc, 0);
	Table *p1 = tab(f, "p1");
	assert_int_equal(p1->checks.n, 1);
	assert_string_equal(p1->checks.v[0]->name, "own");
	assert_string_equal(f->s->views.v[0]->definition, "SELECT s.x FROM (SELECT p.a AS x FROM p) s");
	fx_free(f);
}

static void test_partitions_views_routines(void **state)
{
	(void)state;
	Fx *f = parse("CREATE TABLE e (id int, at date) PARTITION BY RANGE (at);\n"
		      "CREATE TABLE e1 PARTITION OF e FOR VALUES FROM ('2020-01-01') TO (MAXVALUE);\n"
		      "CREATE TABLE e2 (id int, at date); ALTER TABLE e ATTACH PARTITION e2 DEFAULT;\n"
		      "CREATE VIEW v AS SELECT id, count(*) FROM e GROUP BY id;\n"
		      "CREATE FUNCTION f(a integer, OUT b text) RETURNS text LANGUAGE SQL VOLATILE AS 'select ''x''';\n"
		      "CREATE TRIGGER tg AFTER INSERT OR DELETE ON e FOR EACH ROW EXECUTE PROCEDURE f();\n");
	assert_int_equal(f->rc, 0);
	Table *e = tab(f, "e");
	assert_string_equal(e->partition_by, "RANGE (at)");
	Table *e1 = tab(f, "e1");
	assert_string_equal(e1->partition_of, "public.e");
	assert_string_equal(e1->partition_bound, "FOR VALUES FROM ('2020-01-01') TO (MAXVALUE)");
	Table *e2 = tab(f, "e2");
	assert_string_equal(e2->partition_bound, "DEFAULT");
	assert_int_equal(e2->columns.n, 0);
	assert_string_equal(f->s->views.v[0]->definition, "SELECT e.id, count(*) AS count FROM e GROUP BY e.id");
	Routine *r = f->s->routines.v[0];
	assert_string_equal(r->args, "integer");
	assert_string_equal(r->language, "sql");
	assert_null(strstr(r->definition, "VOLATILE"));
	Trigger *tg = f->s->triggers.v[0];
	assert_string_equal(tg->events, "INSERT OR DELETE");
	assert_string_equal(tg->body, "EXECUTE FUNCTION f()");
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_serial_and_identity),
		cmocka_unit_test(test_implicit_names),
		cmocka_unit_test(test_canonical_expressions),
		cmocka_unit_test(test_defaults_as_stored),
		cmocka_unit_test(test_typed_literals),
		cmocka_unit_test(test_server_spellings),
		cmocka_unit_test(test_dump_file_noise),
		cmocka_unit_test(test_search_path),
		cmocka_unit_test(test_syntax_error_position),
		cmocka_unit_test(test_partitions_views_routines),
		cmocka_unit_test(test_server_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
