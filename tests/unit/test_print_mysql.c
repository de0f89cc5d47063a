/*
 * test_print_mysql.c: the canonical MySQL printer on hand-built models: column, key, foreign
 * key, check and partition fragments, whole tables, flavour spellings, escaping, and the
 * load order of mysql_print_schema (foreign-key parents first, cycles closed by ALTER TABLE,
 * views after the views they read, triggers last).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "parser/frontend.h"
#include "tests/support/model_build.h"
#include "tests/support/server_fixtures.h"

static Arena A;
static StrBuf SB;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	sb_init(&SB);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sb_release(&SB);
	arena_release(&A);
	return 0;
}

static const char *col_text(const Column *c, const ServerInfo *si)
{
	sb_reset(&SB);
	mysql_print_column_def(&SB, c, si);
	return sb_str(&SB);
}

static void test_column_defs(void **state)
{
	ServerInfo si = si_mariadb(), my = si_mysql8();
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	Table *t = mb_table(&A, s, "t");
	Column *a = mb_coln(&A, t, "a", "decimal", 5, 2);
	Column *b = mb_coln(&A, t, "b", "varchar", 10, -1);
	Column *c = mb_col(&A, t, "c", "timestamp");
	Column *d = mb_coln(&A, t, "d", "datetime", 3, -1);
	Column *e = mb_col(&A, t, "e", "enum");
	Column *g = mb_col(&A, t, "g", "int");
	Column *w = mb_col(&A, t, "we`ird", "point");
	(void)state;
	a->is_unsigned = true;
	a->zerofill = true;
	a->not_null = true;
	a->default_kind = DEFAULT_LITERAL;
	a->default_text = "1.50";
	a->comment = "it's \\ here";
	assert_string_equal(col_text(a, &si),
			    "`a` decimal(5,2) unsigned zerofill NOT NULL DEFAULT 1.50 COMMENT 'it''s \\\\ here'");
	b->charset = "latin1";
	b->collation = "latin1_bin";
	b->default_kind = DEFAULT_NULL;
	b->invisible = true;
	assert_string_equal(col_text(b, &si),
			    "`b` varchar(10) CHARACTER SET latin1 COLLATE latin1_bin INVISIBLE DEFAULT NULL");
	b->compression = "zlib";
	assert_string_equal(col_text(b, &si),
			    "`b` varchar(10) COMPRESSED CHARACTER SET latin1 COLLATE latin1_bin INVISIBLE DEFAULT NULL");
	b->compression = NULL;
	/* a nullable TIMESTAMP says NULL, whatever explicit_defaults_for_timestamp is */
	c->default_kind = DEFAULT_NULL;
	assert_string_equal(col_text(c, &si), "`c` timestamp NULL DEFAULT NULL");
	d->not_null = true;
	d->default_kind = DEFAULT_EXPR;
	d->default_text = "current_timestamp(3)";
	d->on_update = "current_timestamp(3)";
	assert_string_equal(col_text(d, &si),
			    "`d` datetime(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3)");
	assert_string_equal(col_text(d, &my),
			    "`d` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)");
	d->length = -1;
	d->default_text = "current_timestamp()";
	d->on_update = NULL;
	assert_string_equal(col_text(d, &si), "`d` datetime NOT NULL DEFAULT current_timestamp()");
	assert_string_equal(col_text(d, &my), "`d` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP");
	mb_values(&A, e, "a'b,c\\d");
	e->default_kind = DEFAULT_LITERAL;
	e->default_text = "'a''b'";
	assert_string_equal(col_text(e, &si), "`e` enum('a''b','c\\\\d') DEFAULT 'a''b'");
	/* expression defaults go in parentheses, which both flavours accept */
	g->default_kind = DEFAULT_EXPR;
	g->default_text = "`a` + 1";
	assert_string_equal(col_text(g, &si), "`g` int DEFAULT (`a` + 1)");
	g->default_kind = DEFAULT_NONE;
	g->gen_kind = GEN_STORED;
	g->gen_expr = "`a` * 2";
	g->comment = "x";
	assert_string_equal(col_text(g, &si), "`g` int GENERATED ALWAYS AS (`a` * 2) STORED COMMENT 'x'");
	g->gen_kind = GEN_VIRTUAL;
	g->comment = NULL;
	g->length = 5;
	assert_string_equal(col_text(g, &si), "`g` int(5) GENERATED ALWAYS AS (`a` * 2) VIRTUAL");
	w->srid = 4326;
	w->not_null = true;
	assert_string_equal(col_text(w, &si), "`we``ird` point NOT NULL");
	assert_string_equal(col_text(w, &my), "`we``ird` point SRID 4326 NOT NULL");
}

static void test_key_fk_check_defs(void **state)
{
	ServerInfo si = si_mariadb(), my = si_mysql8();
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	Table *t = mb_table(&A, s, "t");
	Index *pk = mb_index(&A, t, INDEX_PRIMARY, "PRIMARY", "a,b");
	Index *k = mb_index(&A, t, INDEX_PLAIN, "k", "a desc,b(10)");
	Index *ft = mb_index(&A, t, INDEX_FULLTEXT, "ft", "c");
	Index *ex = mb_index(&A, t, INDEX_UNIQUE, "ex", "");
	IndexPart *ep = ARENA_NEW(&A, IndexPart);
	ForeignKey *fk = mb_fk(&A, t, "fk`1", "a,b", "parent", "x,y");
	Check *ck = mb_check(&A, t, "c1", "`a` > 0");
	(void)state;
	pk->method = "BTREE";
	sb_reset(&SB);
	mysql_print_index_def(&SB, pk, &si);
	assert_string_equal(sb_str(&SB), "PRIMARY KEY (`a`,`b`) USING BTREE");
	k->method = "HASH";
	k->key_block_size = 4;
	k->comment = "c'";
	k->invisible = true;
	sb_reset(&SB);
	mysql_print_index_def(&SB, k, &si);
	assert_string_equal(sb_str(&SB), "KEY `k` (`a` DESC,`b`(10)) USING HASH KEY_BLOCK_SIZE=4 COMMENT 'c''' IGNORED");
	sb_reset(&SB);
	mysql_print_index_def(&SB, k, &my);
	assert_string_equal(sb_str(&SB), "KEY `k` (`a` DESC,`b`(10)) USING HASH KEY_BLOCK_SIZE=4 COMMENT 'c''' INVISIBLE");
	ft->parser = "ngram";
	sb_reset(&SB);
	mysql_print_index_def(&SB, ft, &si);
	assert_string_equal(sb_str(&SB), "FULLTEXT KEY `ft` (`c`) WITH PARSER `ngram`");
	ep->expr = "lower(`c`)";
	LIST_PUSH(&A, &ex->parts, ep);
	sb_reset(&SB);
	mysql_print_index_def(&SB, ex, &my);
	assert_string_equal(sb_str(&SB), "UNIQUE KEY `ex` ((lower(`c`)))");

	fk->on_delete = FK_CASCADE;
	fk->on_update = FK_SET_NULL;
	fk->ref_schema = "other";
	sb_reset(&SB);
	mysql_print_fk_def(&SB, fk, &si);
	assert_string_equal(sb_str(&SB), "CONSTRAINT `fk``1` FOREIGN KEY (`a`, `b`) REFERENCES `other`.`parent` (`x`, `y`) "
					 "ON DELETE CASCADE ON UPDATE SET NULL");
	ck->not_enforced = true;
	sb_reset(&SB);
	mysql_print_check_def(&SB, ck, &my);
	assert_string_equal(sb_str(&SB), "CONSTRAINT `c1` CHECK (`a` > 0) NOT ENFORCED");
	sb_reset(&SB);
	mysql_print_check_def(&SB, ck, &si);
	assert_string_equal(sb_str(&SB), "CONSTRAINT `c1` CHECK (`a` > 0)");
}

/* The normalised model of MariaDB's c1 table prints as SHOW CREATE TABLE shows it, but for
 * the default display widths. */
static void test_whole_table(void **state)
{
	ServerInfo si = si_mariadb();
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	Table *t = mb_table(&A, s, "c1");
	Column *j;
	(void)state;
	mb_col(&A, t, "id", "int");
	mb_col(&A, t, "pid", "int");
	mb_coln(&A, t, "b", "varchar", 100, -1);
	mb_col(&A, t, "c", "text");
	j = mb_col(&A, t, "j", "json");
	(void)j;
	mb_index(&A, t, INDEX_FULLTEXT, NULL, "c");
	mb_index(&A, t, INDEX_PLAIN, NULL, "b(10)");
	mb_index(&A, t, INDEX_UNIQUE, NULL, "b");
	mb_fk(&A, t, NULL, "pid", "par", "id")->on_delete = FK_CASCADE;
	mb_check(&A, t, NULL, "`pid` > 0");
	mb_index(&A, t, INDEX_PRIMARY, NULL, "id");
	t->charset = "latin1";
	t->comment = "t'c";
	t->row_format = "compressed";
	t->key_block_size = 8;
	mb_strs(&A, &t->options, "stats_persistent=1");
	mysql_normalize(&A, s, &si);
	sb_reset(&SB);
	mysql_print_table(&SB, t, &si);
	assert_string_equal(sb_str(&SB),
			    "CREATE TABLE `c1` (\n"
			    "  `id` int NOT NULL,\n"
			    "  `pid` int DEFAULT NULL,\n"
			    "  `b` varchar(100) DEFAULT NULL,\n"
			    "  `c` text DEFAULT NULL,\n"
			    "  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`)),\n"
			    "  PRIMARY KEY (`id`),\n"
			    "  UNIQUE KEY `b_2` (`b`),\n"
			    "  KEY `b` (`b`(10)),\n"
			    "  KEY `pid` (`pid`),\n"
			    "  FULLTEXT KEY `c` (`c`),\n"
			    "  CONSTRAINT `c1_ibfk_1` FOREIGN KEY (`pid`) REFERENCES `par` (`id`) ON DELETE CASCADE,\n"
			    "  CONSTRAINT `CONSTRAINT_1` CHECK (`pid` > 0)\n"
			    ") ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci STATS_PERSISTENT=1 "
			    "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COMMENT='t''c'");
}

static void test_partitioning(void **state)
{
	ServerInfo si = si_mariadb();
	Partitioning *p = ARENA_NEW(&A, Partitioning);
	PartitionDef *d0 = ARENA_NEW(&A, PartitionDef), *d1 = ARENA_NEW(&A, PartitionDef);
	Partitioning *h = ARENA_NEW(&A, Partitioning);
	(void)state;
	p->method = PART_RANGE;
	p->columns = true;
	mb_strs(&A, &p->column_list, "a,b");
	d0->name = "p0";
	d0->values = "LESS THAN (10,'2020-01-01')";
	d0->engine = "InnoDB";
	d0->comment = "x";
	d1->name = "p1";
	d1->values = "LESS THAN (MAXVALUE,MAXVALUE)";
	d1->engine = "InnoDB";
	LIST_PUSH(&A, &p->parts, d0);
	LIST_PUSH(&A, &p->parts, d1);
	sb_reset(&SB);
	mysql_print_partitioning(&SB, p, &si);
	assert_string_equal(sb_str(&SB),
			    "PARTITION BY RANGE COLUMNS(`a`,`b`)\n"
			    "(PARTITION `p0` VALUES LESS THAN (10,'2020-01-01') COMMENT = 'x' ENGINE = InnoDB,\n"
			    " PARTITION `p1` VALUES LESS THAN (MAXVALUE,MAXVALUE) ENGINE = InnoDB)");
	h->method = PART_RANGE;
	h->expr = "`a`";
	h->sub_method = PART_KEY;
	h->sub_linear = true;
	mb_strs(&A, &h->sub_columns, "b");
	h->sub_count = 2;
	LIST_PUSH(&A, &h->parts, d1);
	sb_reset(&SB);
	mysql_print_partitioning(&SB, h, &si);
	assert_string_equal(sb_str(&SB),
			    "PARTITION BY RANGE (`a`)\n"
			    "SUBPARTITION BY LINEAR KEY (`b`)\n"
			    "SUBPARTITIONS 2\n"
			    "(PARTITION `p1` VALUES LESS THAN (MAXVALUE,MAXVALUE) ENGINE = InnoDB)");
	memset(h, 0, sizeof *h);
	h->method = PART_HASH;
	h->linear = true;
	h->expr = "`a` + `b`";
	h->count = 4;
	sb_reset(&SB);
	mysql_print_partitioning(&SB, h, &si);
	assert_string_equal(sb_str(&SB), "PARTITION BY LINEAR HASH (`a` + `b`)\nPARTITIONS 4");
}

static Table *fk_table(Schema *s, const char *name, const char *parent)
{
	Table *t = mb_table(&A, s, name);
	mb_col(&A, t, "id", "int")->not_null = true;
	mb_index(&A, t, INDEX_PRIMARY, "PRIMARY", "id");
	if (parent) {
		mb_col(&A, t, "p", "int");
		mb_index(&A, t, INDEX_PLAIN, "p", "p");
		mb_fk(&A, t, arena_printf(&A, "%s_fk", name), "p", parent, "id");
	}
	t->engine = "InnoDB";
	return t;
}

static void test_schema_order(void **state)
{
	ServerInfo si = si_mariadb();
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	View *v1 = ARENA_NEW(&A, View), *v2 = ARENA_NEW(&A, View);
	Trigger *tr = ARENA_NEW(&A, Trigger);
	const char *out, *pa, *pb, *pc, *pv1, *pv2, *ptr, *alter;
	(void)state;
	/* a -> b -> c (child names sort before their parents) */
	fk_table(s, "a", "b");
	fk_table(s, "b", "c");
	fk_table(s, "c", NULL);
	/* x <-> y cycle, z self-reference */
	fk_table(s, "x", "y");
	fk_table(s, "y", "x");
	fk_table(s, "z", "z");
	v1->name = "v1";
	v1->definition = "select `id` AS `id` from `v2`";
	v2->name = "v2";
	v2->definition = "select `id` AS `id` from `a`";
	v2->algorithm = "MERGE";
	v2->check_option = "LOCAL";
	LIST_PUSH(&A, &s->views, v1);
	LIST_PUSH(&A, &s->views, v2);
	tr->name = "tr";
	tr->table = "a";
	tr->timing = "BEFORE";
	tr->events = "INSERT";
	tr->body = "BEGIN SET NEW.`p` = 1; END";
	LIST_PUSH(&A, &s->triggers, tr);
	{
		/* `a_first` sorts first but follows `tr`: it must come after it */
		Trigger *t2 = ARENA_NEW(&A, Trigger);
		t2->name = "a_first";
		t2->table = "a";
		t2->timing = "BEFORE";
		t2->events = "INSERT";
		t2->order_clause = "FOLLOWS `tr`";
		t2->body = "SET NEW.`p` = 2";
		LIST_PUSH(&A, &s->triggers, t2);
	}
	sb_reset(&SB);
	mysql_print_schema(&SB, s, &si);
	out = sb_str(&SB);
	pa = strstr(out, "CREATE TABLE `a`");
	pb = strstr(out, "CREATE TABLE `b`");
	pc = strstr(out, "CREATE TABLE `c`");
	pv1 = strstr(out, "CREATE VIEW `v1`");
	pv2 = strstr(out, "CREATE ALGORITHM=MERGE VIEW `v2` AS select `id` AS `id` from `a` WITH LOCAL CHECK OPTION;\n");
	ptr = strstr(out, "DELIMITER ;;\nCREATE TRIGGER `tr` BEFORE INSERT ON `a` FOR EACH ROW BEGIN SET NEW.`p` = 1; END;;\nDELIMITER ;\n");
	alter = strstr(out, "ALTER TABLE `x` ADD CONSTRAINT `x_fk` FOREIGN KEY (`p`) REFERENCES `y` (`id`);\n");
	assert_non_null(pa);
	assert_non_null(pb);
	assert_non_null(pc);
	assert_non_null(pv1);
	assert_non_null(pv2);
	assert_non_null(ptr);
	assert_non_null(alter);
	assert_true(pc < pb && pb < pa);
	assert_true(pv2 < pv1 && pa < pv2 && pv1 < ptr);
	assert_non_null(strstr(out, "CREATE TRIGGER `a_first` BEFORE INSERT ON `a` FOR EACH ROW FOLLOWS `tr` SET NEW.`p` = 2;\n"));
	assert_true(ptr < strstr(out, "CREATE TRIGGER `a_first`"));
	/* x went first without its FK; y has its own; z keeps its self-reference */
	assert_null(strstr(strstr(out, "CREATE TABLE `x`"), "REFERENCES `y` (`id`)\n"));
	assert_non_null(strstr(out, "CONSTRAINT `y_fk` FOREIGN KEY (`p`) REFERENCES `x` (`id`)\n"));
	assert_non_null(strstr(out, "CONSTRAINT `z_fk` FOREIGN KEY (`p`) REFERENCES `z` (`id`)\n"));
	assert_true(strstr(out, "CREATE TABLE `y`") < alter);
	/* each statement ends with ";\n" */
	assert_non_null(strstr(out, ") ENGINE=InnoDB;\nCREATE TABLE"));
}

static void test_routine(void **state)
{
	ServerInfo si = si_mariadb();
	Routine r = {0};
	(void)state;
	r.name = "f";
	r.kind = ROUTINE_FUNCTION;
	r.args = "`x` int";
	r.returns = "int";
	r.definition = "RETURN `x` + 1";
	sb_reset(&SB);
	mysql_print_routine(&SB, &r, &si);
	assert_string_equal(sb_str(&SB), "CREATE FUNCTION `f`(`x` int) RETURNS int\nRETURN `x` + 1");
	r.definition = "FUNCTION `f`() RETURNS int RETURN 1";
	sb_reset(&SB);
	mysql_print_routine(&SB, &r, &si);
	assert_string_equal(sb_str(&SB), "CREATE FUNCTION `f`() RETURNS int RETURN 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_column_defs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_fk_check_defs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whole_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partitioning, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_routine, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
