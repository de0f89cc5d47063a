/*
 * test_pg_json.c: pg_tree_from_json (libpg_query's JSON read into the protobuf-c structs) gives
 * the same tree as the protobuf route (pg_query_parse_protobuf + unpack): both are packed again
 * and compared byte for byte, statement by statement, over forms written here and over every
 * PostgreSQL schema in ../shared/real-schemas (when it is there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>

#include "core/arena.h"
#include "parser/frontend.h"
#include "parser/pg_tree.h"

static int fallbacks;

/* Both routes for one piece of SQL; 1 when they agree, 0 when not, -1 when it does not parse. */
static int same_tree(const char *sql)
{
	Arena a;
	PgQueryProtobufParseResult pr = pg_query_parse_protobuf(sql);
	PgQueryParseResult jr;
	PgQuery__ParseResult *t1, *t2;
	int rc = -1;
	if (pr.error) {
		pg_query_free_protobuf_parse_result(pr);
		return -1;
	}
	arena_init(&a);
	jr = pg_query_parse(sql);
	t1 = pg_tree_unpack(&a, &pr.parse_tree);
	t2 = jr.error ? NULL : pg_tree_from_json(&a, jr.parse_tree, sql);
	if (!t2 && !jr.error && t1) {
		/* refused (a negative number the JSON may have lost): the caller's fallback */
		fallbacks++;
		t2 = t1;
	}
	if (t1 && t2) {
		size_t n1 = pg_query__parse_result__get_packed_size(t1), n2 = pg_query__parse_result__get_packed_size(t2);
		uint8_t *b1 = malloc(n1 + 1), *b2 = malloc(n2 + 1);
		pg_query__parse_result__pack(t1, b1);
		pg_query__parse_result__pack(t2, b2);
		rc = n1 == n2 && !memcmp(b1, b2, n1);
		if (!rc && getenv("JDEBUG")) {
			size_t i = 0;
			while (i < n1 && i < n2 && b1[i] == b2[i])
				i++;
			fprintf(stderr, "sizes %zu %zu, first difference at byte %zu\n", n1, n2, i);
		}
		free(b1);
		free(b2);
	} else {
		if (getenv("JDEBUG"))
			fprintf(stderr, "no tree: %p %p\n", (void *)t1, (void *)t2);
		rc = 0;
	}
	if (!rc)
		fprintf(stderr, "trees differ for: %.300s\n", sql);
	pg_query_free_parse_result(jr);
	pg_query_free_protobuf_parse_result(pr);
	arena_release(&a);
	return rc;
}

static void test_forms(void **state)
{
	static const char *const forms[] = {
		"SELECT 1",
		"CREATE TABLE t (a int DEFAULT 0 NOT NULL, b text[] COLLATE \"C\", c numeric(10,2) CHECK (c > -1.5))",
		"SELECT NULL, 1.5, true, false, 'x'::varchar(3), B'101', X'ff', -2147483648, 9223372036854775807",
		"CREATE INDEX CONCURRENTLY i ON t USING gin (lower(b) gin_trgm_ops) INCLUDE (c) WHERE a IN (1, 2) AND NOT b IS NULL",
		"CREATE VIEW v AS SELECT a, count(*) FROM t JOIN u USING (id) GROUP BY 1 ORDER BY 2 DESC NULLS LAST LIMIT 5",
		"CREATE FUNCTION f(x int DEFAULT 1, OUT y text) RETURNS SETOF record LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$",
		"CREATE TRIGGER tg AFTER UPDATE OF a ON t REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION f('x')",
		"ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED",
		"CREATE TABLE p (a int, b date) PARTITION BY RANGE (b); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (MINVALUE) TO ('2020-01-01')",
		"COMMENT ON COLUMN t.a IS 'it''s'; SET search_path = s, public; CREATE SEQUENCE s AS bigint START 5 CACHE 10 NO CYCLE",
		"SELECT (ARRAY[1, 2])[1], (f(x)).*, x->>'k', $1, CASE WHEN a THEN 1 ELSE 2 END, a BETWEEN 1 AND 2, e'\\n'",
	};
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		assert_int_equal(same_tree(forms[i]), 1);
}

/* Strings the JSON writer escapes (quotes, backslashes, control characters as \u00XX) or
 * leaves as UTF-8: read by pg_canon.c's own JSON reader, not sent the protobuf way. */
static void test_escapes(void **state)
{
	static const char *const forms[] = {
		"COMMENT ON TABLE t IS E'tab\\there \\\\ \"q\" / \\x01 \\x1f ctl\\r\\n\\b\\f'",
		"SELECT U&'\\0041\\+01F600 \\00e9', '\xe6\x97\xa5\xe6\x9c\xac', 'a/b', \"we\"\"ird\"",
		"CREATE TABLE \"t\\x\" (\"c\"\"q\" text DEFAULT E'\\u2028\\t' COLLATE \"en-US\")",
	};
	int before = fallbacks;
	(void)state;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		assert_int_equal(same_tree(forms[i]), 1);
	assert_int_equal(fallbacks, before);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* every statement of a file that parses, one by one */
static int check_file(const char *path, int *stmts)
{
	char *text = slurp(path);
	PgQuerySplitResult sr;
	int bad = 0;
	if (!text)
		return 0;
	sr = pg_query_split_with_scanner(text);
	for (int i = 0; !sr.error && i < sr.n_stmts; i++) {
		char *piece = strndup(text + sr.stmts[i]->stmt_location, (size_t)sr.stmts[i]->stmt_len);
		int r = same_tree(piece);
		if (r == 0)
			bad++;
		if (r >= 0)
			(*stmts)++;
		free(piece);
	}
	pg_query_free_split_result(sr);
	free(text);
	return bad;
}

static void test_real_schemas(void **state)
{
	const char *dir = "../shared/real-schemas/postgres";
	DIR *d = opendir(dir);
	struct dirent *e;
	int bad = 0, stmts = 0;
	(void)state;
	if (!d)
		skip();
	while ((e = readdir(d))) {
		char path[1024];
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".sql") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		bad += check_file(path, &stmts);
	}
	closedir(d);
	fprintf(stderr, "# %d statements compared, %d through the protobuf route\n", stmts, fallbacks);
	assert_true(fallbacks < stmts / 10);
	assert_true(stmts > 1000);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_real_schemas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
