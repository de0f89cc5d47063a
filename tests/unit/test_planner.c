/*
 * test_planner.c: the planner without a server. MySQL/MariaDB cases parse a current and a
 * desired CREATE TABLE, diff them and plan for a hand-built ServerInfo (MariaDB 10.3/10.11/11.4,
 * MySQL 8.0.11/8.0.28/8.0.29/8.0.36/8.4), checking strategy, pinned ALGORITHM/LOCK, steps,
 * hazards and the policy. PostgreSQL cases plan hand-built Plans (statement text) against
 * hand-built models, checking the recipes, their transaction flags and cleanups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "diff/diff.h"
#include "parser/frontend.h"
#include "parser/model.h"
#include "planner/planner.h"

static Arena A;
static PlanOptions PO;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	plan_options_init(&PO);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&A);
	return 0;
}

static ServerInfo *server(const char *version)
{
	ServerInfo *si = ARENA_NEW(&A, ServerInfo);
	server_info_default(si, DIALECT_MYSQL);
	si->flavor = FLAVOR_UNKNOWN;
	server_info_parse_version(si, version);
	return si;
}

static Schema *parse(const char *sql, const ServerInfo *si, long long rows)
{
	Diag d;
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	diag_init(&d, &A);
	assert_int_equal(mysql_parse(&A, &d, diag_add_file(&d, "t.sql", sql, strlen(sql)), s, NULL), 0);
	mysql_normalize(&A, s, si);
	for (int i = 0; i < s->tables.n; i++) {
		s->tables.v[i]->est_rows = rows;
		s->tables.v[i]->data_bytes = rows * 100;
	}
	diag_release(&d);
	return s;
}

/* Plan the change from `from` to `to` on a server of this version, with tables of `rows`. */
static SafePlan *mplan(const char *version, const char *from, const char *to, long long rows, bool allow_drop)
{
	ServerInfo *si = server(version);
	Schema *cur = parse(from, si, rows), *want = parse(to, si, 0);
	DiffOptions dopt = {allow_drop};
	Plan *p = diff_schemas(&A, cur, want, si, &dopt);
	PO.allow_drop = allow_drop;
	return plan_changes(&A, p, cur, want, si, &PO);
}

static const PlanStep *step_of(const SafePlan *sp, int change, int step)
{
	assert_true(change < sp->changes.n);
	assert_true(step < sp->changes.v[change]->steps.n);
	return sp->changes.v[change]->steps.v[step];
}

static bool has_hazard(const PlannedChange *pc, HazardCode code)
{
	for (int i = 0; i < pc->hazards.n; i++)
		if (pc->hazards.v[i]->code == code)
			return true;
	return false;
}

#define T1 "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50)) DEFAULT CHARSET=utf8mb4;"

static void test_add_column_instant_per_flavour(void **state)
{
	static const struct { const char *version; const char *pin; Strategy st; } cases[] = {
		{"10.11.6-MariaDB", ", ALGORITHM=INSTANT, LOCK=NONE", STRATEGY_INSTANT},
		{"11.4.2-MariaDB", ", ALGORITHM=INSTANT, LOCK=NONE", STRATEGY_INSTANT},
		{"8.0.36", ", ALGORITHM=INSTANT, LOCK=DEFAULT", STRATEGY_INSTANT},
		{"8.4.0", ", ALGORITHM=INSTANT, LOCK=DEFAULT", STRATEGY_INSTANT},
		/* before 8.0.12 no INSTANT; 8.0.29's instant add/drop is avoided */
		{"8.0.11", ", ALGORITHM=INPLACE, LOCK=NONE", STRATEGY_INPLACE},
		{"8.0.29", ", ALGORITHM=INPLACE, LOCK=NONE", STRATEGY_INPLACE},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		SafePlan *sp = mplan(cases[i].version, T1,
				     "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50), b int) DEFAULT CHARSET=utf8mb4;", 10, false);
		const PlanStep *s = step_of(sp, 0, 0);
		assert_int_equal(sp->changes.n, 1);
		assert_int_equal(sp->changes.v[0]->steps.n, 1);
		assert_string_equal(s->sql, arena_printf(&A, "ALTER TABLE `t` ADD COLUMN `b` int DEFAULT NULL%s", cases[i].pin));
		assert_int_equal(sp->changes.v[0]->strategy, cases[i].st);
		assert_string_equal(s->lock_table, "t");
		assert_false(s->in_transaction);
	}
}

static void test_add_column_middle(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, b int, a int, s varchar(50)) DEFAULT CHARSET=utf8mb4;";
	(void)state;
	/* MySQL: anywhere only from 8.0.30 (8.0.29 excluded); MariaDB 10.4+ */
	assert_int_equal(step_of(mplan("8.0.28", T1, to, 10, false), 0, 0)->lock.algorithm, ALGO_INPLACE);
	assert_true(step_of(mplan("8.0.28", T1, to, 10, false), 0, 0)->lock.rebuild);
	assert_int_equal(step_of(mplan("8.0.36", T1, to, 10, false), 0, 0)->lock.algorithm, ALGO_INSTANT);
	assert_int_equal(step_of(mplan("10.11.6-MariaDB", T1, to, 10, false), 0, 0)->lock.algorithm, ALGO_INSTANT);
	assert_int_equal(step_of(mplan("10.3.39-MariaDB", T1, to, 10, false), 0, 0)->lock.algorithm, ALGO_INPLACE);
}

static void test_copy_small_blocking_large_online(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, a bigint, s varchar(50)) DEFAULT CHARSET=utf8mb4;";
	SafePlan *sp;
	const PlannedChange *pc;
	(void)state;
	/* small: a blocking copy, allowed */
	sp = mplan("10.11.6-MariaDB", T1, to, 1000, false);
	pc = sp->changes.v[0];
	assert_int_equal(pc->strategy, STRATEGY_COPY);
	assert_string_equal(pc->steps.v[0]->sql,
			    "ALTER TABLE `t` MODIFY COLUMN `a` bigint DEFAULT NULL, ALGORITHM=COPY, LOCK=SHARED");
	assert_true(has_hazard(pc, HAZARD_BLOCKING_LOCK));
	assert_true(has_hazard(pc, HAZARD_TABLE_REWRITE));
	assert_null(pc->refusal);
	assert_int_equal(plan_check_policy(&(Diag){.arena = &A}, sp, &PO), 0);
	/* large: online-copy by the built-in engine: the plain ALTER, its clauses for the shadow */
	sp = mplan("10.11.6-MariaDB", T1, to, 500000, false);
	pc = sp->changes.v[0];
	assert_int_equal(pc->strategy, STRATEGY_ONLINE_COPY);
	assert_null(pc->refusal);
	assert_true(pc->steps.v[0]->online_builtin);
	assert_string_equal(pc->steps.v[0]->sql, "ALTER TABLE `t` MODIFY COLUMN `a` bigint DEFAULT NULL");
	assert_string_equal(pc->steps.v[0]->online_alter, "MODIFY COLUMN `a` bigint DEFAULT NULL");
	assert_int_equal(pc->steps.v[0]->online_renames.n, 0);
	assert_false(has_hazard(pc, HAZARD_BLOCKING_LOCK));
	assert_int_equal(pc->rows, 500000);
	/* --osc none: refused, naming the way out */
	PO.osc = OSC_NONE;
	pc = mplan("10.11.6-MariaDB", T1, to, 500000, false)->changes.v[0];
	assert_non_null(pc->refusal);
	assert_non_null(strstr(pc->refusal, "online copy"));
	assert_false(pc->steps.v[0]->online_builtin);
	PO.osc = OSC_BUILTIN;
	/* the threshold is an option */
	PO.online_copy_min_rows = 1000000;
	assert_int_equal(mplan("10.11.6-MariaDB", T1, to, 500000, false)->changes.v[0]->strategy, STRATEGY_COPY);
	/* MariaDB 11.2+: COPY with LOCK=NONE keeps writes going */
	PO.online_copy_min_rows = PLAN_DEFAULT_ONLINE_COPY_MIN_ROWS;
	sp = mplan("11.4.2-MariaDB", T1, to, 500000, false);
	pc = sp->changes.v[0];
	assert_int_equal(pc->strategy, STRATEGY_COPY);
	assert_int_equal(pc->lock.lock, MYLOCK_NONE);
	assert_false(has_hazard(pc, HAZARD_BLOCKING_LOCK));
}

static void test_pt_osc_command(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, a bigint, s varchar(50)) DEFAULT CHARSET=utf8mb4;";
	const PlanStep *s;
	(void)state;
	PO.osc = OSC_PT;
	PO.osc_available = true;
	PO.osc_path = "/usr/bin/pt-online-schema-change";
	PO.osc_host = "db1";
	PO.osc_port = 3307;
	PO.osc_user = "app";
	PO.osc_database = "shop";
	PO.osc_defaults_file = "/tmp/x.cnf";
	s = step_of(mplan("8.0.36", T1, to, 500000, false), 0, 0);
	assert_null(s->sql);
	assert_int_equal(s->osc_argv.n, 5);
	assert_string_equal(s->osc_argv.v[0], "/usr/bin/pt-online-schema-change");
	assert_string_equal(s->osc_argv.v[1], "--alter");
	assert_string_equal(s->osc_argv.v[2], "MODIFY COLUMN `a` bigint DEFAULT NULL");
	assert_string_equal(s->osc_argv.v[3], "--execute");
	assert_string_equal(s->osc_argv.v[4], "h=db1,P=3307,u=app,F=/tmp/x.cnf,D=shop,t=t");
	/* asked for but not installed: refused with the reason */
	PO.osc_available = false;
	assert_non_null(strstr(mplan("8.0.36", T1, to, 500000, false)->changes.v[0]->refusal, "not found"));
}

static void test_split_instant_add_from_copy(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, a bigint, s varchar(50), b int) DEFAULT CHARSET=utf8mb4;";
	SafePlan *sp;
	(void)state;
	sp = mplan("10.11.6-MariaDB", T1, to, 10, false);
	assert_int_equal(sp->changes.n, 1);
	assert_int_equal(sp->changes.v[0]->steps.n, 2);
	assert_string_equal(step_of(sp, 0, 0)->sql, "ALTER TABLE `t` ADD COLUMN `b` int DEFAULT NULL, ALGORITHM=INSTANT, LOCK=NONE");
	assert_int_equal(step_of(sp, 0, 1)->lock.algorithm, ALGO_COPY);
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_COPY);
	/* the new last column goes first even when another column of the same table is retyped */
	sp = mplan("10.11.6-MariaDB", "CREATE TABLE t (id int PRIMARY KEY, a int, z int);",
		   "CREATE TABLE t (id int PRIMARY KEY, a bigint, z int, b int);", 10, false);
	assert_int_equal(sp->changes.v[0]->steps.n, 2);
}

static void test_mysql_varchar_and_charset(void **state)
{
	const char *v60 = "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(60)) DEFAULT CHARSET=utf8mb4;";
	const char *v70 = "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(70)) DEFAULT CHARSET=utf8mb4;";
	(void)state;
	/* same length-byte class: MySQL INPLACE metadata only, MariaDB INSTANT */
	assert_int_equal(step_of(mplan("8.0.36", T1, v60, 10, false), 0, 0)->lock.algorithm, ALGO_INPLACE);
	assert_false(step_of(mplan("8.0.36", T1, v60, 10, false), 0, 0)->lock.rebuild);
	assert_int_equal(step_of(mplan("10.11.6-MariaDB", T1, v60, 10, false), 0, 0)->lock.algorithm, ALGO_INSTANT);
	/* 200 -> 280 bytes crosses 255: COPY on both */
	assert_int_equal(step_of(mplan("8.0.36", T1, v70, 10, false), 0, 0)->lock.algorithm, ALGO_COPY);
	assert_int_equal(step_of(mplan("10.11.6-MariaDB", T1, v70, 10, false), 0, 0)->lock.algorithm, ALGO_COPY);
}

static void test_indexes(void **state)
{
	const char *ix = "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50), KEY ka (a)) DEFAULT CHARSET=utf8mb4;";
	const char *ft = "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50), FULLTEXT KEY fs (s)) DEFAULT CHARSET=utf8mb4;";
	SafePlan *sp;
	(void)state;
	sp = mplan("10.11.6-MariaDB", T1, ix, 10, false);
	assert_string_equal(step_of(sp, 0, 0)->sql, "ALTER TABLE `t` ADD KEY `ka` (`a`), ALGORITHM=NOCOPY, LOCK=NONE");
	assert_true(has_hazard(sp->changes.v[0], HAZARD_INDEX_BUILD));
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_INPLACE);
	assert_string_equal(step_of(mplan("8.0.36", T1, ix, 10, false), 0, 0)->sql,
			    "ALTER TABLE `t` ADD KEY `ka` (`a`), ALGORITHM=INPLACE, LOCK=NONE");
	/* FULLTEXT is never online: LOCK=SHARED, blocking; on a big table online-copy */
	sp = mplan("10.11.6-MariaDB", T1, ft, 10, false);
	assert_int_equal(step_of(sp, 0, 0)->lock.lock, MYLOCK_SHARED);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_BLOCKING_LOCK));
	assert_int_equal(mplan("10.11.6-MariaDB", T1, ft, 200000, false)->changes.v[0]->strategy, STRATEGY_ONLINE_COPY);
}

static void test_drops_and_policy(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, s varchar(50)) DEFAULT CHARSET=utf8mb4;";
	SafePlan *sp;
	Diag d;
	(void)state;
	/* without --allow-drop the differ skips the drop; it is still planned for display */
	sp = mplan("10.11.6-MariaDB", T1, to, 10, false);
	assert_int_equal(sp->changes.n, 0);
	assert_int_equal(sp->skipped.n, 1);
	assert_true(has_hazard(sp->skipped.v[0], HAZARD_DATA_LOSS));
	sp = mplan("10.11.6-MariaDB", T1, to, 10, true);
	assert_int_equal(step_of(sp, 0, 0)->lock.algorithm, ALGO_INSTANT);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_DATA_LOSS));
	assert_true(has_hazard(sp->changes.v[0], HAZARD_BACKWARD_INCOMPATIBLE));
	diag_init(&d, &A);
	d.stream = NULL;
	assert_int_equal(plan_check_policy(&d, sp, &PO), 0);
	/* data loss without allow_drop is refused */
	PO.allow_drop = false;
	assert_int_equal(plan_check_policy(&d, sp, &PO), -1);
	assert_non_null(strstr(sb_str(&d.text), "data-loss"));
	/* unless allowed by code */
	LIST_PUSH(&A, &PO.allow_hazards, "data-loss");
	assert_int_equal(plan_check_policy(&d, sp, &PO), 0);
	diag_release(&d);
}

static void test_blocking_policy(void **state)
{
	/* ADD FOREIGN KEY validates with COPY: on a big table online-copy (refused), on a small one a
	 * blocking copy (allowed); a blocking lock over the threshold is refused by policy */
	const char *from = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p int, KEY kp (p));";
	const char *to = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p int, KEY kp (p), "
			 "CONSTRAINT fp FOREIGN KEY (p) REFERENCES p (id));";
	SafePlan *sp = mplan("10.11.6-MariaDB", from, to, 10, false);
	Hazard h = {HAZARD_BLOCKING_LOCK, "x", true};
	Diag d;
	(void)state;
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_COPY);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_VALIDATION_SCAN));
	diag_init(&d, &A);
	d.stream = NULL;
	assert_int_equal(plan_check_policy(&d, sp, &PO), 0);
	assert_int_equal(plan_check_runnable(&d, sp), 0);
	sp = mplan("10.11.6-MariaDB", from, to, 100000, false);
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_ONLINE_COPY);
	assert_int_equal(plan_check_runnable(&d, sp), 0);  /* the built-in engine runs it */
	PO.osc = OSC_NONE;
	sp = mplan("10.11.6-MariaDB", from, to, 100000, false);
	assert_int_equal(plan_check_runnable(&d, sp), -1);
	PO.osc = OSC_BUILTIN;
	assert_true(plan_hazard_refused(&h, &PO));
	LIST_PUSH(&A, &PO.allow_hazards, "blocking-lock");
	assert_false(plan_hazard_refused(&h, &PO));
	h.over_threshold = false;
	PO.allow_hazards.n = 0;
	assert_false(plan_hazard_refused(&h, &PO));
	diag_release(&d);
}

static void test_not_null_column_without_default(void **state)
{
	SafePlan *sp = mplan("10.11.6-MariaDB", T1,
			     "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50), n int NOT NULL) DEFAULT CHARSET=utf8mb4;", 10, false);
	(void)state;
	assert_true(has_hazard(sp->changes.v[0], HAZARD_BACKWARD_INCOMPATIBLE));
	sp = mplan("10.11.6-MariaDB", T1,
		   "CREATE TABLE t (id int PRIMARY KEY, a int, s varchar(50), n int NOT NULL DEFAULT 0) DEFAULT CHARSET=utf8mb4;", 10, false);
	assert_false(has_hazard(sp->changes.v[0], HAZARD_BACKWARD_INCOMPATIBLE));
}

static void test_outputs(void **state)
{
	const char *to = "CREATE TABLE t (id int PRIMARY KEY, a bigint, s varchar(50)) DEFAULT CHARSET=utf8mb4;";
	SafePlan *sp = mplan("10.11.6-MariaDB", T1, to, 500000, false);
	StrBuf sb;
	(void)state;
	sb_init(&sb);
	safeplan_print_sql(&sb, sp, &PO);
	assert_non_null(strstr(sb_str(&sb), "-- [1/1] alter_table \"t\": strategy online-copy"));
	assert_non_null(strstr(sb_str(&sb), "-- hazard table-rewrite: copies \"t\" (500k rows, 48 MB) into a shadow table"));
	assert_non_null(strstr(sb_str(&sb), "-- online-copy (engine builtin): ALTER TABLE"));
	sb_reset(&sb);
	safeplan_print_json(&sb, sp, &PO);
	assert_non_null(strstr(sb_str(&sb), "\"strategy\":\t\"online-copy\""));
	assert_non_null(strstr(sb_str(&sb), "\"engine\":\t\"builtin\""));
	assert_non_null(strstr(sb_str(&sb), "\"rows\":\t500000"));
	assert_non_null(strstr(sb_str(&sb), "\"code\":\t\"table-rewrite\""));
	sb_reset(&sb);
	safeplan_print_markdown(&sb, sp, &PO);
	assert_non_null(strstr(sb_str(&sb), "| table | change | strategy | rows / size | hazards |"));
	assert_non_null(strstr(sb_str(&sb), "| t | `` ALTER TABLE `t` MODIFY COLUMN"));
	assert_non_null(strstr(sb_str(&sb), "| online-copy | 500k rows, 48 MB |"));
	sb_release(&sb);
	assert_string_equal(plan_size_text(&A, 1234567, 340LL * 1024 * 1024), "1.2M rows, 340 MB");
	assert_string_equal(plan_size_text(&A, 1, 16384), "1 row, 16 kB");
	assert_string_equal(plan_size_text(&A, -1, -1), "new table");
	assert_int_equal(hazard_code_parse("blocking-lock"), HAZARD_BLOCKING_LOCK);
	assert_int_equal(hazard_code_parse("blocking"), -1);
}

/* ---- PostgreSQL: hand-built models and Plans ---- */

static ServerInfo PGSI;

static Table *pg_table(Schema *s, const char *name, long long rows)
{
	Table *t = ARENA_NEW(&A, Table);
	t->schema = "public";
	t->name = name;
	t->est_rows = rows;
	t->data_bytes = rows * 100;
	LIST_PUSH(&A, &s->tables, t);
	return t;
}

static Column *pg_col(Table *t, const char *name, const char *type, bool not_null)
{
	Column *c = column_new(&A);
	c->name = name;
	c->type = type;
	c->not_null = not_null;
	LIST_PUSH(&A, &t->columns, c);
	return c;
}

/* The change kind does not matter to the PostgreSQL planner: it reads the statement. */
static SafePlan *pgplan(Schema *cur, Schema *want, const char *sql, ChangeKind kind, const char *table)
{
	Plan *p = ARENA_NEW(&A, Plan);
	Change *c = ARENA_NEW(&A, Change);
	server_info_default(&PGSI, DIALECT_POSTGRES);
	c->kind = kind;
	c->table = table;
	c->object = table;
	c->sql = sql;
	LIST_PUSH(&A, &p->changes, c);
	return plan_changes(&A, p, cur, want, &PGSI, &PO);
}

static void pg_models(Schema **cur, Schema **want, long long rows)
{
	Table *t;
	*cur = schema_new(&A, DIALECT_POSTGRES);
	*want = schema_new(&A, DIALECT_POSTGRES);
	t = pg_table(*cur, "orders", rows);
	pg_col(t, "id", "integer", true);
	pg_col(t, "note", "character varying(20)", false);
	pg_col(t, "qty", "integer", false);
	t = pg_table(*want, "orders", 0);
	pg_col(t, "id", "integer", true);
	pg_col(t, "note", "text", false);
	pg_col(t, "qty", "bigint", true);
	pg_table(*cur, "customers", rows);
	pg_table(*want, "customers", 0);
}

static void test_pg_create_index_concurrently(void **state)
{
	Schema *cur, *want;
	SafePlan *sp;
	const PlanStep *s;
	(void)state;
	pg_models(&cur, &want, 5000);
	sp = pgplan(cur, want, "CREATE INDEX \"orders_qty_idx\" ON \"public\".\"orders\" USING btree (\"qty\")",
		    CHANGE_ALTER_TABLE, "orders");
	s = step_of(sp, 0, 0);
	assert_string_equal(s->sql, "CREATE INDEX CONCURRENTLY \"orders_qty_idx\" ON \"public\".\"orders\" USING btree (\"qty\")");
	assert_false(s->in_transaction);
	assert_string_equal(s->cleanup_sql, "DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"orders_qty_idx\"");
	assert_int_equal(s->lock.pg_lock, PGLOCK_SHARE_UPDATE_EXCLUSIVE);
	assert_string_equal(s->lock_table, "orders");
	assert_string_equal(s->lock_schema, "public");
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_CONCURRENTLY);
	assert_int_equal(sp->changes.v[0]->rows, 5000);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_INDEX_BUILD));
	/* DROP INDEX too */
	LIST_PUSH(&A, &cur->tables.v[0]->indexes, ARENA_NEW(&A, Index));
	cur->tables.v[0]->indexes.v[0]->name = "old_idx";
	sp = pgplan(cur, want, "DROP INDEX \"public\".\"old_idx\"", CHANGE_ALTER_TABLE, "orders");
	assert_string_equal(step_of(sp, 0, 0)->sql, "DROP INDEX CONCURRENTLY \"public\".\"old_idx\"");
	assert_false(step_of(sp, 0, 0)->in_transaction);
	/* a table created by this plan: plain CREATE INDEX inside the transaction */
	sp = pgplan(cur, want, "CREATE INDEX \"n_idx\" ON \"public\".\"newtab\" (\"x\")", CHANGE_ALTER_TABLE, "newtab");
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_DIRECT);
	assert_true(step_of(sp, 0, 0)->in_transaction);
}

static void test_pg_fk_not_valid_validate(void **state)
{
	Schema *cur, *want;
	SafePlan *sp;
	(void)state;
	pg_models(&cur, &want, 5000);
	sp = pgplan(cur, want,
		    "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_c_fkey\" FOREIGN KEY (\"qty\") REFERENCES \"public\".\"customers\" (\"id\")",
		    CHANGE_ALTER_TABLE, "orders");
	assert_int_equal(sp->changes.v[0]->steps.n, 2);
	assert_string_equal(step_of(sp, 0, 0)->sql,
			    "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_c_fkey\" FOREIGN KEY (\"qty\") REFERENCES \"public\".\"customers\" (\"id\") NOT VALID");
	assert_int_equal(step_of(sp, 0, 0)->lock.pg_lock, PGLOCK_SHARE_ROW_EXCLUSIVE);
	assert_string_equal(step_of(sp, 0, 1)->sql, "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_c_fkey\"");
	assert_int_equal(step_of(sp, 0, 1)->lock.pg_lock, PGLOCK_SHARE_UPDATE_EXCLUSIVE);
	assert_true(step_of(sp, 0, 1)->lock.scan);
	assert_string_equal(step_of(sp, 0, 1)->cleanup_sql,
			    "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT IF EXISTS \"orders_c_fkey\"");
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_NOT_VALID_VALIDATE);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_VALIDATION_SCAN));
	assert_false(has_hazard(sp->changes.v[0], HAZARD_BLOCKING_LOCK));
	/* a CHECK the same way, added NOT VALID where it stands in the statement */
	sp = pgplan(cur, want,
		    "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"note\" SET DEFAULT 'x', ADD CONSTRAINT \"q_pos\" CHECK ((\"qty\" > 0))",
		    CHANGE_ALTER_TABLE, "orders");
	assert_int_equal(sp->changes.v[0]->steps.n, 2);
	assert_string_equal(step_of(sp, 0, 0)->sql,
			    "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"note\" SET DEFAULT 'x', ADD CONSTRAINT \"q_pos\" CHECK ((\"qty\" > 0)) NOT VALID");
	assert_int_equal(step_of(sp, 0, 0)->lock.pg_lock, PGLOCK_ACCESS_EXCLUSIVE);
	assert_string_equal(step_of(sp, 0, 1)->sql, "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"q_pos\"");
}

static void test_pg_set_not_null_via_check(void **state)
{
	Schema *cur, *want;
	SafePlan *sp;
	(void)state;
	pg_models(&cur, &want, 5000);
	sp = pgplan(cur, want, "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"qty\" SET NOT NULL", CHANGE_ALTER_TABLE, "orders");
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_SET_NOT_NULL_VIA_CHECK);
	assert_int_equal(sp->changes.v[0]->steps.n, 4);
	assert_string_equal(step_of(sp, 0, 0)->sql,
			    "ALTER TABLE \"public\".\"orders\" ADD CONSTRAINT \"orders_qty_not_null\" CHECK (\"qty\" IS NOT NULL) NOT VALID");
	assert_string_equal(step_of(sp, 0, 1)->sql, "ALTER TABLE \"public\".\"orders\" VALIDATE CONSTRAINT \"orders_qty_not_null\"");
	assert_string_equal(step_of(sp, 0, 2)->sql, "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"qty\" SET NOT NULL");
	assert_string_equal(step_of(sp, 0, 3)->sql, "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT \"orders_qty_not_null\"");
	assert_string_equal(step_of(sp, 0, 1)->cleanup_sql,
			    "ALTER TABLE \"public\".\"orders\" DROP CONSTRAINT IF EXISTS \"orders_qty_not_null\"");
	assert_true(has_hazard(sp->changes.v[0], HAZARD_VALIDATION_SCAN));
	assert_false(has_hazard(sp->changes.v[0], HAZARD_BLOCKING_LOCK));
	/* a column the same statement retypes cannot be proven by a check made before: scan */
	sp = pgplan(cur, want,
		    "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"qty\" TYPE bigint, ALTER COLUMN \"qty\" SET NOT NULL",
		    CHANGE_ALTER_TABLE, "orders");
	assert_int_equal(sp->changes.v[0]->steps.n, 1);
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_DIRECT);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_BLOCKING_LOCK));
}

static void test_pg_rewrites(void **state)
{
	Schema *cur, *want;
	SafePlan *sp;
	Diag d;
	(void)state;
	/* varchar(20) -> text keeps the bytes: no rewrite */
	pg_models(&cur, &want, 500000);
	sp = pgplan(cur, want, "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"note\" TYPE text", CHANGE_ALTER_TABLE, "orders");
	assert_false(sp->changes.v[0]->lock.rewrite);
	assert_int_equal(sp->changes.v[0]->hazards.n, 0);
	/* integer -> bigint rewrites under ACCESS EXCLUSIVE: refused by policy on a big table */
	sp = pgplan(cur, want, "ALTER TABLE \"public\".\"orders\" ALTER COLUMN \"qty\" TYPE bigint", CHANGE_ALTER_TABLE, "orders");
	assert_true(sp->changes.v[0]->lock.rewrite);
	assert_int_equal(sp->changes.v[0]->lock.pg_lock, PGLOCK_ACCESS_EXCLUSIVE);
	assert_true(has_hazard(sp->changes.v[0], HAZARD_TABLE_REWRITE));
	assert_true(has_hazard(sp->changes.v[0], HAZARD_BLOCKING_LOCK));
	diag_init(&d, &A);
	d.stream = NULL;
	assert_int_equal(plan_check_policy(&d, sp, &PO), -1);
	assert_non_null(strstr(sb_str(&d.text), "blocking-lock"));
	diag_release(&d);
	/* a volatile default rewrites; a constant one does not */
	sp = pgplan(cur, want, "ALTER TABLE \"public\".\"orders\" ADD COLUMN \"u\" uuid DEFAULT gen_random_uuid()",
		    CHANGE_ALTER_TABLE, "orders");
	assert_true(sp->changes.v[0]->lock.rewrite);
	sp = pgplan(cur, want, "ALTER TABLE \"public\".\"orders\" ADD COLUMN \"k\" integer DEFAULT 0", CHANGE_ALTER_TABLE, "orders");
	assert_false(sp->changes.v[0]->lock.rewrite);
	assert_int_equal(sp->changes.v[0]->strategy, STRATEGY_DIRECT);
	assert_true(step_of(sp, 0, 0)->in_transaction);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_column_instant_per_flavour, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_column_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_small_blocking_large_online, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pt_osc_command, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_instant_add_from_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mysql_varchar_and_charset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indexes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drops_and_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocking_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_null_column_without_default, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_create_index_concurrently, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_fk_not_valid_validate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_set_not_null_via_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pg_rewrites, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
