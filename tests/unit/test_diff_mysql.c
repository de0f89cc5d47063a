/*
 * test_diff_mysql.c: the MySQL differ on hand-built model pairs: which statements, in which
 * order, which are destructive and skipped, and the typed clause detail the planner reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "diff/diff.h"
#include "parser/model.h"

static Arena A;
static ServerInfo SI;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	server_info_default(&SI, DIALECT_MYSQL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&A);
	return 0;
}

/* ---- model builders ---- */

static Schema *schema(void)
{
	return schema_new(&A, DIALECT_MYSQL);
}

static Table *table(Schema *s, const char *name)
{
	Table *t = ARENA_NEW(&A, Table);
	t->name = name;
	t->engine = "InnoDB";
	t->charset = "utf8mb4";
	t->collation = "utf8mb4_general_ci";
	LIST_PUSH(&A, &s->tables, t);
	return t;
}

static Column *col(Table *t, const char *name, const char *type, int len, bool not_null)
{
	Column *c = column_new(&A);
	c->name = name;
	c->type = type;
	c->length = len;
	c->not_null = not_null;
	LIST_PUSH(&A, &t->columns, c);
	return c;
}

static void split_names(StrList *l, const char *names)
{
	const char *p = names;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		LIST_PUSH(&A, l, arena_strndup(&A, p, n));
		p += n + (e ? 1 : 0);
	}
}

static Index *idx(Table *t, const char *name, IndexKind kind, const char *cols)
{
	Index *ix = ARENA_NEW(&A, Index);
	StrList l = {0};
	ix->name = name;
	ix->kind = kind;
	split_names(&l, cols);
	for (int i = 0; i < l.n; i++) {
		IndexPart *p = ARENA_NEW(&A, IndexPart);
		p->column = l.v[i];
		LIST_PUSH(&A, &ix->parts, p);
	}
	LIST_PUSH(&A, &t->indexes, ix);
	return ix;
}

static ForeignKey *fk(Table *t, const char *name, const char *cols, const char *ref, const char *refcols)
{
	ForeignKey *f = ARENA_NEW(&A, ForeignKey);
	f->name = name;
	split_names(&f->columns, cols);
	f->ref_table = ref;
	split_names(&f->ref_columns, refcols);
	LIST_PUSH(&A, &t->fks, f);
	return f;
}

/* id int NOT NULL primary key, name varchar(100) */
static Table *basic(Schema *s, const char *name)
{
	Table *t = table(s, name);
	col(t, "id", "int", -1, true);
	col(t, "name", "varchar", 100, false);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	return t;
}

static Plan *diff(const Schema *from, const Schema *to, bool allow_drop)
{
	DiffOptions o = {.allow_drop = allow_drop};
	return diff_schemas(&A, from, to, &SI, &o);
}

static const char *sql_of(const Plan *p)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	plan_print_sql(&sb, p);
	{
		const char *r = sb_to_arena(&sb, &A);
		sb_release(&sb);
		return r;
	}
}

#define assert_plan(p, expected) assert_string_equal(sql_of(p), expected)

/* ---- tests ---- */

static void test_equal_is_empty(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	basic(a, "t");
	t = basic(b, "t");
	t->auto_increment = 500; /* counters are never diffed */
	assert_int_equal(diff(a, b, true)->changes.n, 0);
	assert_int_equal(diff(a, b, true)->skipped.n, 0);
}

static void test_create_and_drop_table(void **state)
{
	Schema *a = schema(), *b = schema();
	Plan *p;
	(void)state;
	basic(a, "old");
	basic(b, "new");
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 1);
	assert_int_equal(p->changes.v[0]->kind, CHANGE_CREATE_TABLE);
	assert_int_equal(p->skipped.n, 1);
	assert_string_equal(p->skipped.v[0]->sql, "DROP TABLE `old`");
	assert_true(p->skipped.v[0]->destructive);
	p = diff(a, b, true);
	assert_int_equal(p->changes.n, 2);
	assert_int_equal(p->changes.v[0]->kind, CHANGE_DROP_TABLE);
	assert_int_equal(p->changes.v[1]->kind, CHANGE_CREATE_TABLE);
	assert_true(strstr(p->changes.v[1]->sql, "CREATE TABLE `new`") != NULL);
	assert_int_equal(p->skipped.n, 0);
}

static void test_add_columns_positions(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	basic(a, "t");
	t = table(b, "t");
	col(t, "first", "int", -1, false);
	col(t, "id", "int", -1, true);
	col(t, "mid", "int", -1, false);
	col(t, "name", "varchar", 100, false);
	col(t, "tail1", "int", -1, false);
	col(t, "tail2", "int", -1, false);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` ADD COLUMN `first` int FIRST, ADD COLUMN `mid` int AFTER `id`, "
		    "ADD COLUMN `tail1` int, ADD COLUMN `tail2` int;\n");
}

static void test_drop_column_split_out(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Plan *p;
	(void)state;
	basic(a, "t");
	t = table(b, "t");
	col(t, "id", "int", -1, true);
	col(t, "extra", "int", -1, false);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `t` ADD COLUMN `extra` int;\n"
		       "-- skipped (needs --allow-drop): ALTER TABLE `t` DROP COLUMN `name`;\n");
	assert_int_equal(plan_count(p), 1);
	p = diff(a, b, true);
	assert_plan(p, "ALTER TABLE `t` DROP COLUMN `name`, ADD COLUMN `extra` int;\n");
	assert_int_equal(p->changes.v[0]->clauses.n, 2);
	assert_int_equal(p->changes.v[0]->clauses.v[0]->kind, CLAUSE_DROP_COLUMN);
	assert_true(p->changes.v[0]->destructive);
}

static void test_modify_widen_and_narrow(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Plan *p;
	(void)state;
	basic(a, "t");
	t = table(b, "t");
	col(t, "id", "bigint", -1, true);
	col(t, "name", "varchar", 50, false);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `t` MODIFY COLUMN `id` bigint NOT NULL;\n"
		       "-- skipped (needs --allow-drop): ALTER TABLE `t` MODIFY COLUMN `name` varchar(50);\n");
	p = diff(a, b, true);
	assert_plan(p, "ALTER TABLE `t` MODIFY COLUMN `id` bigint NOT NULL, MODIFY COLUMN `name` varchar(50);\n");
}

static void test_defaults_nullability_comment(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Column *c;
	(void)state;
	basic(a, "t");
	t = basic(b, "t");
	c = t->columns.v[1];
	c->not_null = true;
	c->default_kind = DEFAULT_LITERAL;
	c->default_text = "'x'";
	c->comment = "the name";
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` MODIFY COLUMN `name` varchar(100) NOT NULL DEFAULT 'x' COMMENT 'the name';\n");
}

static void test_reorder_minimal_moves(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *ta = table(a, "t"), *tb = table(b, "t");
	(void)state;
	col(ta, "a", "int", -1, false);
	col(ta, "b", "int", -1, false);
	col(ta, "c", "int", -1, false);
	col(ta, "d", "int", -1, false);
	/* a moves to the end: one MODIFY, not three. */
	col(tb, "b", "int", -1, false);
	col(tb, "c", "int", -1, false);
	col(tb, "d", "int", -1, false);
	col(tb, "a", "int", -1, false);
	assert_plan(diff(a, b, false), "ALTER TABLE `t` MODIFY COLUMN `a` int AFTER `d`;\n");
	/* and back: d first. */
	assert_plan(diff(b, a, false), "ALTER TABLE `t` MODIFY COLUMN `a` int FIRST;\n");
}

static void test_swap_columns(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *ta = table(a, "t"), *tb = table(b, "t");
	(void)state;
	col(ta, "a", "int", -1, false);
	col(ta, "b", "varchar", 10, false);
	col(tb, "b", "varchar", 10, false);
	col(tb, "a", "int", -1, false);
	assert_plan(diff(a, b, false), "ALTER TABLE `t` MODIFY COLUMN `a` int AFTER `b`;\n");
}

static void test_rename_column(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Plan *p;
	(void)state;
	t = basic(a, "t");
	idx(t, "k_name", INDEX_PLAIN, "name");
	t = table(b, "t");
	col(t, "id", "int", -1, true);
	col(t, "title", "varchar", 100, false)->renamed_from = "name";
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	idx(t, "k_name", INDEX_PLAIN, "title");
	p = diff(a, b, false);
	/* The index follows the column: no drop and add. */
	assert_plan(p, "ALTER TABLE `t` RENAME COLUMN `name` TO `title`;\n");
	assert_int_equal(p->changes.v[0]->clauses.v[0]->kind, CLAUSE_RENAME_COLUMN);
	assert_string_equal(p->changes.v[0]->clauses.v[0]->old_name, "name");
	/* With a new type it is CHANGE COLUMN. */
	t->columns.v[1]->length = 200;
	assert_plan(diff(a, b, false), "ALTER TABLE `t` CHANGE COLUMN `name` `title` varchar(200);\n");
	/* Once renamed, the hint is inert. */
	assert_int_equal(diff(b, b, false)->changes.n, 0);
}

static void test_rename_table(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Plan *p;
	(void)state;
	basic(a, "old");
	t = basic(b, "new");
	t->renamed_from = "old";
	col(t, "more", "int", -1, false);
	p = diff(a, b, false);
	assert_plan(p, "RENAME TABLE `old` TO `new`;\nALTER TABLE `new` ADD COLUMN `more` int;\n");
	assert_int_equal(p->skipped.n, 0);
}

static void test_index_changes(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	t = basic(a, "t");
	idx(t, "k1", INDEX_PLAIN, "name");
	idx(t, "gone", INDEX_PLAIN, "name,id");
	t = basic(b, "t");
	idx(t, "k1", INDEX_UNIQUE, "name");
	idx(t, "k2", INDEX_PLAIN, "id,name");
	assert_plan(diff(a, b, true),
		    "ALTER TABLE `t` DROP INDEX `k1`, DROP INDEX `gone`, ADD UNIQUE KEY `k1` (`name`), "
		    "ADD KEY `k2` (`id`,`name`);\n");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` DROP INDEX `k1`, ADD UNIQUE KEY `k1` (`name`), ADD KEY `k2` (`id`,`name`);\n"
		    "-- skipped (needs --allow-drop): ALTER TABLE `t` DROP INDEX `gone`;\n");
}

static void test_add_column_apart_from_add_index(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Plan *p;
	(void)state;
	basic(a, "t");
	t = basic(b, "t");
	col(t, "email", "varchar", 200, false);
	idx(t, "k_email", INDEX_UNIQUE, "email");
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `t` ADD COLUMN `email` varchar(200);\n"
		       "ALTER TABLE `t` ADD UNIQUE KEY `k_email` (`email`);\n");
	assert_int_equal(p->changes.v[0]->clauses.v[0]->kind, CLAUSE_ADD_COLUMN);
	assert_int_equal(p->changes.v[1]->clauses.v[0]->kind, CLAUSE_ADD_INDEX);
}

static void test_auto_increment_key_stays_with_column(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	t = table(a, "t");
	col(t, "name", "varchar", 10, false);
	t = table(b, "t");
	col(t, "id", "int", -1, true)->auto_increment = true;
	col(t, "name", "varchar", 10, false);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` ADD COLUMN `id` int NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (`id`);\n");
}

static void test_primary_key_change(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	basic(a, "t");
	t = table(b, "t");
	col(t, "id", "int", -1, true);
	col(t, "name", "varchar", 100, true);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id,name");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` DROP PRIMARY KEY, MODIFY COLUMN `name` varchar(100) NOT NULL, "
		    "ADD PRIMARY KEY (`id`,`name`);\n");
}

static void test_rename_index(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	t = basic(a, "t");
	idx(t, "old_k", INDEX_PLAIN, "name");
	t = basic(b, "t");
	idx(t, "new_k", INDEX_PLAIN, "name")->renamed_from = "old_k";
	assert_plan(diff(a, b, false), "ALTER TABLE `t` RENAME INDEX `old_k` TO `new_k`;\n");
}

static void test_foreign_key_change_order(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *p, *c;
	ForeignKey *f;
	Plan *pl;
	(void)state;
	basic(a, "parent");
	c = basic(a, "child");
	col(c, "pid", "int", -1, false);
	idx(c, "k_pid", INDEX_PLAIN, "pid");
	fk(c, "fk_p", "pid", "parent", "id");
	p = basic(b, "parent");
	(void)p;
	c = basic(b, "child");
	col(c, "pid", "int", -1, false);
	idx(c, "k_pid", INDEX_PLAIN, "pid");
	f = fk(c, "fk_p", "pid", "parent", "id");
	f->on_delete = FK_CASCADE;
	pl = diff(a, b, false);
	assert_plan(pl, "ALTER TABLE `child` DROP FOREIGN KEY `fk_p`;\n"
			"ALTER TABLE `child` ADD CONSTRAINT `fk_p` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`) ON DELETE CASCADE;\n");
	/* Removing the FK is destructive; its index stays only if the desired table keeps it. */
	c->fks.n = 0;
	pl = diff(a, b, false);
	assert_int_equal(pl->changes.n, 0);
	assert_string_equal(pl->skipped.v[0]->sql, "ALTER TABLE `child` DROP FOREIGN KEY `fk_p`");
}

static void test_fk_steps_aside_for_type_change(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *p, *c;
	(void)state;
	basic(a, "parent");
	c = basic(a, "child");
	col(c, "pid", "int", -1, false);
	idx(c, "fk_p", INDEX_PLAIN, "pid");
	fk(c, "fk_p", "pid", "parent", "id");
	p = basic(b, "parent");
	p->columns.v[0]->type = "bigint";
	c = basic(b, "child");
	col(c, "pid", "bigint", -1, false);
	idx(c, "fk_p", INDEX_PLAIN, "pid");
	fk(c, "fk_p", "pid", "parent", "id");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `child` DROP FOREIGN KEY `fk_p`;\n"
		    "ALTER TABLE `parent` MODIFY COLUMN `id` bigint NOT NULL;\n"
		    "ALTER TABLE `child` MODIFY COLUMN `pid` bigint;\n"
		    "ALTER TABLE `child` ADD CONSTRAINT `fk_p` FOREIGN KEY (`pid`) REFERENCES `parent` (`id`);\n");
}

static void test_fk_index_kept(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *c;
	(void)state;
	basic(a, "parent");
	c = basic(a, "child");
	col(c, "pid", "int", -1, false);
	idx(c, "fk_p", INDEX_PLAIN, "pid")->implicit = true;
	fk(c, "fk_p", "pid", "parent", "id");
	basic(b, "parent");
	c = basic(b, "child");
	col(c, "pid", "int", -1, false);
	fk(c, "fk_p", "pid", "parent", "id");
	/* The server's own index for the FK is not dropped though the desired text omits it. */
	assert_int_equal(diff(a, b, true)->changes.n, 0);
}

static void test_circular_fks_created_then_altered(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *x, *y, *z;
	Plan *p;
	(void)state;
	x = basic(b, "x");
	col(x, "y_id", "int", -1, false);
	fk(x, "fk_xy", "y_id", "y", "id");
	y = basic(b, "y");
	col(y, "x_id", "int", -1, false);
	fk(y, "fk_yx", "x_id", "x", "id");
	z = basic(b, "z");
	col(z, "x_id", "int", -1, false);
	fk(z, "fk_zx", "x_id", "x", "id");
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 4);
	/* y does not wait on anyone once x is created; x's FK to y is added afterwards. */
	assert_int_equal(p->changes.v[0]->kind, CHANGE_CREATE_TABLE);
	assert_string_equal(p->changes.v[0]->table, "x");
	assert_null(strstr(p->changes.v[0]->sql, "FOREIGN KEY"));
	assert_string_equal(p->changes.v[1]->table, "y");
	assert_non_null(strstr(p->changes.v[1]->sql, "REFERENCES `x`"));
	assert_string_equal(p->changes.v[2]->table, "z");
	assert_non_null(strstr(p->changes.v[2]->sql, "REFERENCES `x`"));
	assert_string_equal(p->changes.v[3]->sql,
			    "ALTER TABLE `x` ADD CONSTRAINT `fk_xy` FOREIGN KEY (`y_id`) REFERENCES `y` (`id`)");
}

static void test_new_table_fk_to_changed_table_deferred(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t, *n;
	Plan *p;
	(void)state;
	t = table(a, "p");
	col(t, "id", "int", -1, true);
	t = table(b, "p");
	col(t, "id", "int", -1, true);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	n = table(b, "c");
	col(n, "pid", "int", -1, false);
	fk(n, "fk_c", "pid", "p", "id");
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 3);
	assert_int_equal(p->changes.v[0]->kind, CHANGE_CREATE_TABLE);
	assert_null(strstr(p->changes.v[0]->sql, "FOREIGN KEY"));
	assert_string_equal(p->changes.v[1]->sql, "ALTER TABLE `p` ADD PRIMARY KEY (`id`)");
	assert_string_equal(p->changes.v[2]->sql,
			    "ALTER TABLE `c` ADD CONSTRAINT `fk_c` FOREIGN KEY (`pid`) REFERENCES `p` (`id`)");
}

static void test_drop_tables_children_first(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *c;
	Plan *p;
	(void)state;
	basic(a, "parent");
	c = basic(a, "child");
	col(c, "pid", "int", -1, false);
	fk(c, "fk_p", "pid", "parent", "id");
	p = diff(a, b, true);
	assert_plan(p, "DROP TABLE `child`;\nDROP TABLE `parent`;\n");
}

static void test_charset_convert(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	t = basic(a, "t");
	t->charset = "latin1";
	t->collation = "latin1_swedish_ci";
	basic(b, "t");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;\n");
	/* A column that keeps its charset: DEFAULT CHARSET and a MODIFY for the others. */
	t = b->tables.v[0];
	col(t, "legacy", "varchar", 10, false)->charset = "latin1";
	col(a->tables.v[0], "legacy", "varchar", 10, false);
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` MODIFY COLUMN `name` varchar(100), "
		    "DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n");
}

static void test_column_charset_explicit_vs_inherited(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Column *c;
	(void)state;
	basic(a, "t");
	t = basic(b, "t");
	c = t->columns.v[1];
	c->charset = "utf8mb4";
	c->collation = "utf8mb4_general_ci";
	/* Spelled out or inherited: the same column. */
	assert_int_equal(diff(a, b, false)->changes.n, 0);
	c->collation = "utf8mb4_bin";
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` MODIFY COLUMN `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;\n");
}

static void test_table_options(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	(void)state;
	t = basic(a, "t");
	t->comment = "old";
	LIST_PUSH(&A, &t->options, "STATS_PERSISTENT=1");
	LIST_PUSH(&A, &t->options, "AUTO_INCREMENT=10");
	t = basic(b, "t");
	t->row_format = "DYNAMIC";
	LIST_PUSH(&A, &t->options, "CHECKSUM=1");
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` ROW_FORMAT=DYNAMIC, COMMENT='', CHECKSUM=1, STATS_PERSISTENT=DEFAULT;\n");
}

static void test_checks(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Check *ck;
	Plan *p;
	(void)state;
	t = basic(a, "t");
	ck = ARENA_NEW(&A, Check);
	ck->name = "c1";
	ck->expr = "`id` > 0";
	LIST_PUSH(&A, &t->checks, ck);
	t = basic(b, "t");
	ck = ARENA_NEW(&A, Check);
	ck->name = "c1";
	ck->expr = "`id` > 1";
	LIST_PUSH(&A, &t->checks, ck);
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `t` DROP CONSTRAINT `c1`, ADD CONSTRAINT `c1` CHECK (`id` > 1);\n");
	assert_false(p->changes.v[0]->destructive);
	t->checks.n = 0;
	p = diff(a, b, false);
	assert_plan(p, "-- skipped (needs --allow-drop): ALTER TABLE `t` DROP CONSTRAINT `c1`;\n");
}

static void test_generated_kind_change(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	Column *c;
	(void)state;
	t = basic(a, "t");
	c = col(t, "g", "int", -1, false);
	c->gen_kind = GEN_VIRTUAL;
	c->gen_expr = "`id` + 1";
	col(t, "z", "int", -1, false);
	t = basic(b, "t");
	c = col(t, "g", "int", -1, false);
	c->gen_kind = GEN_STORED;
	c->gen_expr = "`id` + 1";
	col(t, "z", "int", -1, false);
	/* Not destructive: a generated column's values come back. */
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` DROP COLUMN `g`, ADD COLUMN `g` int GENERATED ALWAYS AS (`id` + 1) STORED AFTER `name`;\n");
	/* Expression change within a kind: MODIFY. */
	c->gen_kind = GEN_VIRTUAL;
	c->gen_expr = "`id` + 2";
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` MODIFY COLUMN `g` int GENERATED ALWAYS AS (`id` + 2) VIRTUAL;\n");
}

static Partitioning *range_parts(Table *t, const char *const *names, const char *const *values, int n)
{
	Partitioning *p = ARENA_NEW(&A, Partitioning);
	p->method = PART_RANGE;
	p->expr = "`id`";
	for (int i = 0; i < n; i++) {
		PartitionDef *d = ARENA_NEW(&A, PartitionDef);
		d->name = names[i];
		d->values = values[i];
		LIST_PUSH(&A, &p->parts, d);
	}
	t->partitioning = p;
	return p;
}

static void test_partitions(void **state)
{
	Schema *a = schema(), *b = schema();
	const char *n3[] = {"p0", "p1", "p2"}, *v3[] = {"LESS THAN (10)", "LESS THAN (20)", "LESS THAN (30)"};
	const char *n2b[] = {"p0", "p12"}, *v2b[] = {"LESS THAN (10)", "LESS THAN (30)"};
	Table *ta, *tb;
	(void)state;
	ta = basic(a, "t");
	tb = basic(b, "t");
	range_parts(ta, n3, v3, 2);
	range_parts(tb, n3, v3, 3);
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` ADD PARTITION (PARTITION `p2` VALUES LESS THAN (30));\n");
	assert_plan(diff(b, a, false),
		    "-- skipped (needs --allow-drop): ALTER TABLE `t` DROP PARTITION `p2`;\n");
	range_parts(ta, n3, v3, 3);
	range_parts(tb, n2b, v2b, 2);
	assert_plan(diff(a, b, false),
		    "ALTER TABLE `t` REORGANIZE PARTITION `p1`, `p2` INTO (PARTITION `p12` VALUES LESS THAN (30));\n");
	tb->partitioning = NULL;
	assert_plan(diff(a, b, false), "ALTER TABLE `t` REMOVE PARTITIONING;\n");
	assert_plan(diff(b, a, false),
		    "ALTER TABLE `t` PARTITION BY RANGE (`id`)\n(PARTITION `p0` VALUES LESS THAN (10),\n"
		    " PARTITION `p1` VALUES LESS THAN (20),\n PARTITION `p2` VALUES LESS THAN (30));\n");
}

static View *view(Schema *s, const char *name, const char *def)
{
	View *v = ARENA_NEW(&A, View);
	v->name = name;
	v->definition = def;
	LIST_PUSH(&A, &s->views, v);
	return v;
}

static void test_views_dependency_order(void **state)
{
	Schema *a = schema(), *b = schema();
	Plan *p;
	(void)state;
	basic(a, "t");
	basic(b, "t");
	view(a, "v_old", "select 1 AS `x`");
	view(a, "v_same", "select `t`.`id` AS `id` from `t`");
	view(b, "v_top", "select `v_mid`.`id` AS `id` from `v_mid`");
	view(b, "v_mid", "select `v_base`.`id` AS `id` from `v_base`");
	view(b, "v_base", "select `t`.`id` AS `id` from `t`");
	view(b, "v_same", "select `t`.`id` AS `id`, `t`.`name` AS `name` from `t`");
	p = diff(a, b, true);
	assert_plan(p, "DROP VIEW `v_old`;\n"
		       "CREATE VIEW `v_base` AS select `t`.`id` AS `id` from `t`;\n"
		       "CREATE VIEW `v_mid` AS select `v_base`.`id` AS `id` from `v_base`;\n"
		       "CREATE VIEW `v_top` AS select `v_mid`.`id` AS `id` from `v_mid`;\n"
		       "CREATE OR REPLACE VIEW `v_same` AS select `t`.`id` AS `id`, `t`.`name` AS `name` from `t`;\n");
	assert_int_equal(p->changes.v[4]->kind, CHANGE_REPLACE_VIEW);
}

static void test_names_changing_case(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *ta = basic(a, "t"), *tb = basic(b, "t");
	Check *ck;
	Plan *p;
	(void)state;
	ta->columns.v[1]->name = "Name";
	idx(ta, "IDX_NAME", INDEX_PLAIN, "Name");
	idx(tb, "idx_name", INDEX_PLAIN, "name");
	ck = ARENA_NEW(&A, Check);
	ck->name = "CHK_ID";
	ck->expr = "`id` > 0";
	LIST_PUSH(&A, &ta->checks, ck);
	ck = Check_copy(&A, ck);
	ck->name = "chk_id";
	LIST_PUSH(&A, &tb->checks, ck);
	/* equal for the model (MySQL names are case-insensitive), renamed for the server */
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `t` DROP CONSTRAINT `CHK_ID`, RENAME COLUMN `Name` TO `name`, "
		       "RENAME INDEX `IDX_NAME` TO `idx_name`, ADD CONSTRAINT `chk_id` CHECK (`id` > 0);\n");
	p = diff(b, b, false);
	assert_int_equal(p->changes.n + p->skipped.n, 0);
}

static void test_unnamed_fk_readded_without_name(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *pa, *pb;
	Plan *p;
	(void)state;
	basic(a, "users");
	basic(a, "admins");
	basic(b, "users");
	basic(b, "admins");
	pa = basic(a, "posts");
	pb = basic(b, "posts");
	col(pa, "author_id", "int", -1, false);
	col(pb, "author_id", "int", -1, false);
	idx(pa, "author_id", INDEX_PLAIN, "author_id")->implicit = true;
	idx(pb, "author_id", INDEX_PLAIN, "author_id")->implicit = true;
	fk(pa, "posts_ibfk_1", "author_id", "users", "id");
	fk(pb, "posts_ibfk_1", "author_id", "admins", "id");
	/* the server will name it posts_ibfk_1 again, and its index after the column */
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `posts` DROP FOREIGN KEY `posts_ibfk_1`;\n"
		       "ALTER TABLE `posts` ADD FOREIGN KEY (`author_id`) REFERENCES `admins` (`id`);\n");
	/* a key the user named posts_ibfk_1 has its index named so: the name is given */
	pa->indexes.v[1]->name = pb->indexes.v[1]->name = "posts_ibfk_1";
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `posts` DROP FOREIGN KEY `posts_ibfk_1`;\n"
		       "ALTER TABLE `posts` ADD CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`author_id`) REFERENCES `admins` (`id`);\n");
	pa->indexes.v[1]->name = pb->indexes.v[1]->name = "author_id";
	/* with posts_ibfk_2 staying, the server would pick 3: the name is given */
	col(pa, "editor_id", "int", -1, false);
	col(pb, "editor_id", "int", -1, false);
	fk(pa, "posts_ibfk_2", "editor_id", "users", "id");
	fk(pb, "posts_ibfk_2", "editor_id", "users", "id");
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `posts` DROP FOREIGN KEY `posts_ibfk_1`;\n"
		       "ALTER TABLE `posts` ADD CONSTRAINT `posts_ibfk_1` FOREIGN KEY (`author_id`) REFERENCES `admins` (`id`);\n");
	/* a user's own name is always given */
	pa->fks.v[0]->name = pb->fks.v[0]->name = "fk_author";
	p = diff(a, b, false);
	assert_plan(p, "ALTER TABLE `posts` DROP FOREIGN KEY `fk_author`;\n"
		       "ALTER TABLE `posts` ADD CONSTRAINT `fk_author` FOREIGN KEY (`author_id`) REFERENCES `admins` (`id`);\n");
}

static Event *event(Schema *s, const char *name, const char *schedule, const char *body)
{
	Event *e = ARENA_NEW(&A, Event);
	e->name = name;
	e->schedule = schedule;
	e->body = body;
	LIST_PUSH(&A, &s->events, e);
	return e;
}

static void test_events_create_alter_drop(void **state)
{
	Schema *a = schema(), *b = schema();
	Event *ea, *eb;
	Plan *p;
	(void)state;
	/* the server's STARTS (the creation time) is not a change when the file gives none */
	ea = event(a, "cleanup", "EVERY 1 DAY", "DELETE FROM `records`");
	ea->starts = "'2026-11-23 10:00:00'";
	eb = event(b, "cleanup", "EVERY 1 DAY", "DELETE FROM `records`");
	p = diff(a, b, false);
	assert_int_equal(p->changes.n + p->skipped.n, 0);
	/* ... nor is the moment an expression gave; a literal that differs is */
	eb->starts = "CURRENT_TIMESTAMP + INTERVAL 1 HOUR";
	p = diff(a, b, false);
	assert_int_equal(p->changes.n + p->skipped.n, 0);
	eb->starts = "'2030-01-01 00:00:00'";
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 1);
	assert_int_equal(p->changes.v[0]->kind, CHANGE_ALTER_EVENT);
	eb->starts = NULL;
	/* a changed property: ALTER EVENT with every property, the comment cleared explicitly */
	ea->comment = "old";
	eb->preserve = true;
	eb->status = "DISABLE";
	p = diff(a, b, false);
	assert_plan(p, "ALTER EVENT `cleanup` ON SCHEDULE EVERY 1 DAY ON COMPLETION PRESERVE DISABLE COMMENT '' "
		       "DO DELETE FROM `records`;\n");
	/* a new event with a compound body; one that goes away needs --allow-drop */
	event(b, "e2", "AT '2035-01-01 00:00:00'", "BEGIN DELETE FROM `a`; DELETE FROM `b`; END");
	event(a, "gone", "EVERY 2 HOUR", "SELECT 1");
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 2);
	assert_int_equal(p->changes.v[1]->kind, CHANGE_CREATE_EVENT);
	assert_true(p->changes.v[1]->has_body);
	assert_int_equal(p->skipped.n, 1);
	assert_string_equal(p->skipped.v[0]->sql, "DROP EVENT `gone`");
	assert_true(p->skipped.v[0]->destructive);
	p = diff(a, b, true);
	assert_int_equal(p->changes.n, 3);
	assert_string_equal(p->changes.v[0]->sql, "DROP EVENT `gone`");
}

static void test_triggers_drop_and_create(void **state)
{
	Schema *a = schema(), *b = schema();
	Trigger *tr;
	Plan *p;
	(void)state;
	basic(a, "t");
	basic(b, "t");
	tr = ARENA_NEW(&A, Trigger);
	tr->name = "trg";
	tr->table = "t";
	tr->timing = "BEFORE";
	tr->events = "INSERT";
	tr->for_each_row = true;
	tr->body = "SET NEW.`name` = 'a'";
	LIST_PUSH(&A, &a->triggers, tr);
	tr = Trigger_copy(&A, tr);
	tr->body = "BEGIN SET NEW.`name` = 'b'; END";
	LIST_PUSH(&A, &b->triggers, tr);
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 2);
	assert_string_equal(p->changes.v[0]->sql, "DROP TRIGGER `trg`");
	assert_false(p->changes.v[0]->destructive);
	assert_true(p->changes.v[1]->has_body);
	assert_plan(p, "DROP TRIGGER `trg`;\nDELIMITER //\n"
		       "CREATE TRIGGER `trg` BEFORE INSERT ON `t` FOR EACH ROW BEGIN SET NEW.`name` = 'b'; END//\n"
		       "DELIMITER ;\n");
	b->triggers.n = 0;
	p = diff(a, b, false);
	assert_int_equal(p->changes.n, 0);
	assert_int_equal(p->skipped.n, 1);
}

static void test_json(void **state)
{
	Schema *a = schema(), *b = schema();
	Table *t;
	StrBuf sb = SB_INIT;
	(void)state;
	basic(a, "t");
	t = table(b, "t");
	col(t, "id", "int", -1, true);
	idx(t, "PRIMARY", INDEX_PRIMARY, "id");
	col(t, "x", "int", -1, false);
	sb_init(&sb);
	plan_print_json(&sb, diff(a, b, false));
	assert_non_null(strstr(sb_str(&sb), "\"changes\":"));
	assert_non_null(strstr(sb_str(&sb), "\"kind\":\t\"alter_table\""));
	assert_non_null(strstr(sb_str(&sb), "\"sql\":\t\"ALTER TABLE `t` ADD COLUMN `x` int\""));
	assert_non_null(strstr(sb_str(&sb), "\"skipped\":"));
	assert_non_null(strstr(sb_str(&sb), "\"sql\":\t\"ALTER TABLE `t` DROP COLUMN `name`\""));
	assert_non_null(strstr(sb_str(&sb), "\"destructive\":\ttrue"));
	assert_non_null(strstr(sb_str(&sb), "\"kind\":\t\"drop_column\""));
	sb_release(&sb);
}

/* A change of the default alone is ALTER COLUMN SET/DROP DEFAULT (data dictionary only), not a
 * MODIFY restating the column; anything else that changes with it makes it a MODIFY. */
static void test_default_only_change(void **state)
{
	Schema *a = schema(), *b = schema(), *c = schema(), *d = schema();
	Column *x;
	(void)state;
	col(basic(a, "t"), "n", "int", -1, true);
	x = col(basic(b, "t"), "n", "int", -1, true);
	x->default_kind = DEFAULT_LITERAL;
	x->default_text = "5";
	assert_plan(diff(a, b, false), "ALTER TABLE `t` ALTER COLUMN `n` SET DEFAULT 5;\n");
	assert_int_equal(diff(a, b, false)->changes.v[0]->clauses.v[0]->kind, CLAUSE_SET_DEFAULT);
	assert_plan(diff(b, a, false), "ALTER TABLE `t` ALTER COLUMN `n` DROP DEFAULT;\n");
	assert_int_equal(diff(b, a, false)->changes.v[0]->clauses.v[0]->kind, CLAUSE_DROP_DEFAULT);
	x = col(basic(c, "t"), "n", "int", -1, true);
	x->default_kind = DEFAULT_EXPR;
	x->default_text = "1 + 2";
	assert_plan(diff(a, c, false), "ALTER TABLE `t` ALTER COLUMN `n` SET DEFAULT (1 + 2);\n");
	x = col(basic(d, "t"), "n", "bigint", -1, true);
	x->default_kind = DEFAULT_LITERAL;
	x->default_text = "5";
	assert_plan(diff(a, d, false), "ALTER TABLE `t` MODIFY COLUMN `n` bigint NOT NULL DEFAULT 5;\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_equal_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_and_drop_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_columns_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_column_split_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modify_widen_and_narrow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_defaults_nullability_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reorder_minimal_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swap_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_index_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_column_apart_from_add_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auto_increment_key_stays_with_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_primary_key_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_key_change_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fk_index_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fk_steps_aside_for_type_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_circular_fks_created_then_altered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_table_fk_to_changed_table_deferred, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_tables_children_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_charset_convert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_column_charset_explicit_vs_inherited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_generated_kind_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partitions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_views_dependency_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_triggers_drop_and_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_create_alter_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unnamed_fk_readded_without_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_changing_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_only_change, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
