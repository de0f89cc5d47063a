/*
 * test_mysql_catalog.c: the server-free parts of executor/mysql_catalog.c: how SHOW CREATE
 * statements are batched into multi-statement round trips, and the removal of a view's own
 * database qualifiers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "executor/mysql_internal.h"

static MyObject **make_objs(Arena *a, int n)
{
	MyObject **v = arena_alloc(a, sizeof *v * (size_t)n);
	for (int i = 0; i < n; i++) {
		v[i] = ARENA_NEW(a, MyObject);
		v[i]->kind = i % 3 == 2 ? MYOBJ_VIEW : MYOBJ_TABLE;
		v[i]->name = arena_printf(a, "t%04d", i);
	}
	return v;
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_batch_sizes(void **state)
{
	Arena a;
	StrBuf sb;
	MyObject **objs;
	int from = 0, batches = 0, total = 0;
	(void)state;
	arena_init(&a);
	sb_init(&sb);
	objs = make_objs(&a, 2001);
	while (from < 2001) {
		int n = mysql_batch_text(&sb, objs, from, 2001, MYSQL_BATCH_STATEMENTS, MYSQL_BATCH_BYTES);
		assert_true(n > 0 && n <= MYSQL_BATCH_STATEMENTS);
		assert_int_equal(count(sb_str(&sb), "SHOW CREATE "), n);
		assert_int_equal(count(sb_str(&sb), ";"), n);
		total += count(sb_str(&sb), "SHOW CREATE VIEW ");
		from += n;
		batches++;
	}
	/* 2001 statements: ceil(2001 / 200) round trips, not one per table. */
	assert_int_equal(batches, (2001 + MYSQL_BATCH_STATEMENTS - 1) / MYSQL_BATCH_STATEMENTS);
	assert_int_equal(total, 667);
	mysql_batch_text(&sb, objs, 0, 2, 200, 1 << 20);
	assert_string_equal(sb_str(&sb), "SHOW CREATE TABLE `t0000`;SHOW CREATE TABLE `t0001`;");
	sb_release(&sb);
	arena_release(&a);
}

static void test_batch_bytes_and_quoting(void **state)
{
	Arena a;
	StrBuf sb;
	MyObject **objs;
	(void)state;
	arena_init(&a);
	sb_init(&sb);
	objs = make_objs(&a, 10);
	objs[0]->name = "we`ird";
	objs[0]->kind = MYOBJ_PROCEDURE;
	assert_int_equal(mysql_batch_text(&sb, objs, 0, 10, 200, 1 << 20), 10);
	assert_true(str_has_prefix(sb_str(&sb), "SHOW CREATE PROCEDURE `we``ird`;SHOW CREATE TABLE `t0001`;"));
	/* The byte cap splits batches, but a batch always holds at least one statement. */
	assert_int_equal(mysql_batch_text(&sb, objs, 1, 10, 200, 60), 2);
	assert_int_equal(mysql_batch_text(&sb, objs, 1, 10, 200, 1), 1);
	assert_int_equal(mysql_batch_text(&sb, objs, 10, 10, 200, 1), 0);
	sb_release(&sb);
	arena_release(&a);
}

static void test_strip_db_qualifier(void **state)
{
	Arena a;
	(void)state;
	arena_init(&a);
	const char *v = "CREATE VIEW `v` AS select `shop`.`t`.`id` AS `id`,'`shop`.x' AS `s`,"
			"`shop2`.`u`.`a` AS `a`,`x``shop`.`b` from `shop`.`t`";
	assert_string_equal(mysql_strip_db_qualifier(&a, v, "shop"),
			    "CREATE VIEW `v` AS select `t`.`id` AS `id`,'`shop`.x' AS `s`,"
			    "`shop2`.`u`.`a` AS `a`,`x``shop`.`b` from `t`");
	/* Escapes inside literals do not end them early. */
	assert_string_equal(mysql_strip_db_qualifier(&a, "select 'a\\'`d`.' AS `x` from `d`.`t`", "d"),
			    "select 'a\\'`d`.' AS `x` from `t`");
	const char *none = "select 1 AS `1`";
	assert_ptr_equal(mysql_strip_db_qualifier(&a, none, "d"), none);
	assert_string_equal(mysql_strip_db_qualifier(&a, "select `we``ird`.`t`.`a` from `we``ird`.`t`", "we`ird"),
			    "select `t`.`a` from `t`");
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_sizes),
		cmocka_unit_test(test_batch_bytes_and_quoting),
		cmocka_unit_test(test_strip_db_qualifier),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
