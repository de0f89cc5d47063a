/*
 * test_executor.c: the parts of the safe executor that need no server: the executor's
 * command-line options and sqlshape.conf (executor/config.c: sections, overrides, positioned
 * errors), the plan hash of the journal, the blocker description and the step list
 * (executor/run.c, executor/blockers.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "executor/config.h"
#include "executor/run.h"

typedef struct Fix {
	Arena a;
	Diag d;
	char path[64];
} Fix;

static int setup(void **state)
{
	Fix *f = calloc(1, sizeof *f);
	arena_init(&f->a);
	diag_init(&f->d, &f->a);
	f->d.stream = NULL;
	snprintf(f->path, sizeof f->path, "/tmp/sqlshape-test-conf-%ld.conf", (long)getpid());
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fix *f = *state;
	unlink(f->path);
	diag_release(&f->d);
	arena_release(&f->a);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Run exec_config_option over copies of args; returns the last result. */
static int parse_args(Arena *a, ExecConfig *cfg, int argc, const char *const *args)
{
	char *argv[16];
	int rc = 0;
	for (int i = 0; i < argc; i++)
		argv[i] = arena_strdup(a, args[i]);
	for (int i = 0; i < argc; i++) {
		rc = exec_config_option(argc, argv, &i, cfg);
		if (rc <= 0)
			break;
	}
	return rc;
}

static void test_defaults(void **state)
{
	ExecConfig cfg;
	(void)state;
	exec_config_init(&cfg);
	assert_true(cfg.exec.lock_timeout == 3);
	assert_int_equal(cfg.exec.retries, 10);
	assert_true(cfg.exec.blocker_timeout < 0);
	assert_true(cfg.exec.verify);
	assert_true(cfg.exec.journal);
	assert_int_equal(cfg.allow_drop, -1);
	assert_int_equal(cfg.online_copy_min_rows, -1);
}

static void test_options(void **state)
{
	Fix *f = *state;
	ExecConfig cfg;
	const char *args[] = {"--lock-timeout", "1.5", "--retries=4", "--blocker-timeout", "0", "--no-verify",
			"--env", "prod", "--config=x.conf", "--no-progress"};
	exec_config_init(&cfg);
	assert_int_equal(parse_args(&f->a, &cfg, 10, args), 1);
	assert_true(cfg.exec.lock_timeout == 1.5);
	assert_int_equal(cfg.exec.retries, 4);
	assert_true(cfg.exec.blocker_timeout == 0);
	assert_false(cfg.exec.verify);
	assert_string_equal(cfg.env, "prod");
	assert_string_equal(cfg.config_path, "x.conf");
	assert_int_equal(cfg.exec.progress, 0);
	assert_true(cfg.cli_lock_timeout && cfg.cli_retries && cfg.cli_blocker_timeout && cfg.cli_verify);

	/* not ours: 0; bad values and missing values: -1 */
	{
		const char *other[] = {"--allow-drop"};
		const char *bad1[] = {"--lock-timeout", "soon"};
		const char *bad2[] = {"--retries", "-1"};
		const char *bad3[] = {"--lock-timeout", "0"};
		const char *missing[] = {"--retries"};
		const char *none[] = {"--blocker-timeout", "none"};
		exec_config_init(&cfg);
		assert_int_equal(parse_args(&f->a, &cfg, 1, other), 0);
		assert_int_equal(parse_args(&f->a, &cfg, 2, bad1), -1);
		assert_int_equal(parse_args(&f->a, &cfg, 2, bad2), -1);
		assert_int_equal(parse_args(&f->a, &cfg, 2, bad3), -1);
		assert_int_equal(parse_args(&f->a, &cfg, 1, missing), -1);
		assert_int_equal(parse_args(&f->a, &cfg, 2, none), 1);
		assert_true(cfg.exec.blocker_timeout < 0);
	}

	/* the replicas the online copy watches */
	{
		const char *rep[] = {"--replicas", "mysql://m@r1/db,mysql://m@r2/db", "--max-replica-lag=2.5",
				     "--replica-timeout", "0"};
		const char *lag0[] = {"--max-replica-lag", "0"};
		const char *lagx[] = {"--max-replica-lag", "soon"};
		exec_config_init(&cfg);
		assert_true(cfg.exec.max_replica_lag == 1 && cfg.exec.replica_timeout == 60 && !cfg.exec.replicas);
		assert_int_equal(parse_args(&f->a, &cfg, 5, rep), 1);
		assert_string_equal(cfg.exec.replicas, "mysql://m@r1/db,mysql://m@r2/db");
		assert_true(cfg.exec.max_replica_lag == 2.5);
		assert_true(cfg.exec.replica_timeout == 0);
		assert_true(cfg.cli_replicas && cfg.cli_max_replica_lag && cfg.cli_replica_timeout);
		assert_int_equal(parse_args(&f->a, &cfg, 2, lag0), -1);
		assert_int_equal(parse_args(&f->a, &cfg, 2, lagx), -1);
	}
}

static void test_file_sections_and_overrides(void **state)
{
	Fix *f = *state;
	ExecConfig cfg;
	const char *args[] = {"--retries", "7"};

	write_file(f->path,
		   "; global defaults\n"
		   "lock_timeout = 5\n"
		   "retries = 2\n"
		   "url = mysql://app@global/db\n"
		   "\n"
		   "[staging]\n"
		   "url = mysql://app@staging/db\n"
		   "lock_timeout = 1\n"
		   "verify = no\n"
		   "allow_drop = yes\n"
		   "online_copy_min_rows = 5000\n"
		   "allow_hazards = index-build,table-rewrite\n"
		   "replicas = mysql://r1/db, mysql://r2/db\n"
		   "max_replica_lag = 2.5\n"
		   "replica_timeout = 0\n"
		   "blocker_timeout = 30\n"
		   "\n"
		   "[production]\n"
		   "url = mysql://app@prod/db\n"
		   "lock_timeout = 9\n");
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	cfg.env = "staging";
	assert_int_equal(parse_args(&f->a, &cfg, 2, args), 1);
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), 0);
	assert_string_equal(cfg.url, "mysql://app@staging/db");
	assert_true(cfg.exec.lock_timeout == 1);
	assert_int_equal(cfg.exec.retries, 7);  /* the command line wins */
	assert_false(cfg.exec.verify);
	assert_int_equal(cfg.allow_drop, 1);
	assert_int_equal(cfg.online_copy_min_rows, 5000);
	assert_string_equal(cfg.allow_hazards, "index-build,table-rewrite");
	assert_string_equal(cfg.exec.replicas, "mysql://r1/db, mysql://r2/db");
	assert_true(cfg.exec.max_replica_lag == 2.5);
	assert_true(cfg.exec.replica_timeout == 0);
	assert_true(cfg.exec.blocker_timeout == 30);

	/* no --env: the global keys only */
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), 0);
	assert_string_equal(cfg.url, "mysql://app@global/db");
	assert_true(cfg.exec.lock_timeout == 5);
	assert_int_equal(cfg.exec.retries, 2);
	assert_true(cfg.exec.verify);

	/* an environment the file does not have */
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	cfg.env = "qa";
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), -1);
	assert_non_null(strstr(sb_str(&f->d.text), "has no section [qa]"));
}

static void test_file_errors(void **state)
{
	Fix *f = *state;
	ExecConfig cfg;

	write_file(f->path, "retries = 3\n\n[prod]\nlock_timeout = soon\n");
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	cfg.env = "prod";
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), -1);
	assert_non_null(strstr(sb_str(&f->d.text), ":4:1: error: bad value \"soon\" for \"lock_timeout\""));

	sb_reset(&f->d.text);
	write_file(f->path, "lock_wait = 3\n");
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), -1);
	assert_non_null(strstr(sb_str(&f->d.text), ":1:1: error: unknown key \"lock_wait\""));

	sb_reset(&f->d.text);
	write_file(f->path, "retries = 3\nthis is not ini\n");
	exec_config_init(&cfg);
	cfg.config_path = f->path;
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), -1);
	assert_non_null(strstr(sb_str(&f->d.text), ":2:1: error: cannot parse this line"));

	/* an explicit file that does not exist */
	sb_reset(&f->d.text);
	exec_config_init(&cfg);
	cfg.config_path = "/nonexistent/sqlshape.conf";
	assert_int_equal(exec_config_load(&f->a, &f->d, &cfg), -1);
	assert_non_null(strstr(sb_str(&f->d.text), "cannot read config file"));
}

static void test_plan_hash(void **state)
{
	Fix *f = *state;
	ExecStepList a = {0}, b = {0}, c = {0};
	const char *ha, *hb, *hc;

	exec_step_add(&f->a, &a, "ALTER TABLE `t` ADD COLUMN `a` int", "alter_table", "t");
	exec_step_add(&f->a, &a, "CREATE TABLE `u` (`id` int)", "create_table", "u");
	exec_step_add(&f->a, &b, "ALTER TABLE `t` ADD COLUMN `a` int", "alter_table", "t");
	exec_step_add(&f->a, &b, "CREATE TABLE `u` (`id` int)", "create_table", "u");
	/* the same text split differently is another plan */
	exec_step_add(&f->a, &c, "ALTER TABLE `t` ADD COLUMN `a` intCREATE TABLE `u` (`id` int)", "x", NULL);
	ha = exec_plan_hash(&f->a, &a);
	hb = exec_plan_hash(&f->a, &b);
	hc = exec_plan_hash(&f->a, &c);
	assert_int_equal(strlen(ha), 16);
	assert_string_equal(ha, hb);
	assert_string_not_equal(ha, hc);
	assert_true(a.v[0]->in_txn);
	assert_null(a.v[0]->cleanup_sql);
	assert_string_equal(a.v[1]->table, "u");
}

static void test_blocker_describe(void **state)
{
	StrBuf sb;
	Blocker b = {42, "app", 31.4, "idle in transaction", "SELECT *\nFROM\tt", "AccessShareLock"};
	Blocker quiet = {7, NULL, 0, NULL, NULL, NULL};
	char longq[400];
	Blocker big = {8, "u", 1, "", longq, ""};
	(void)state;

	sb_init(&sb);
	exec_blocker_describe(&sb, &b);
	assert_string_equal(sb_str(&sb),
			    "connection 42 (user app, open 31 s, idle in transaction, holds AccessShareLock): SELECT * FROM t");
	sb_reset(&sb);
	exec_blocker_describe(&sb, &quiet);
	assert_string_equal(sb_str(&sb), "connection 7 (user ?, open 0 s)");
	memset(longq, 'x', sizeof longq - 1);
	longq[sizeof longq - 1] = '\0';
	sb_reset(&sb);
	exec_blocker_describe(&sb, &big);
	assert_true(sb.len < 260);
	assert_non_null(strstr(sb_str(&sb), "x ..."));
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_sections_and_overrides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blocker_describe, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
