/*
 * test_mysql8_forms.c: MySQL 8.0 normalisation from text, without a MySQL server (none runs
 * here). Each case pairs DDL as people write it with the SHOW CREATE TABLE text MySQL 8.0.36
 * prints for it (the rules: no integer display width since 8.0.19 except signed tinyint(1) and
 * ZEROFILL columns; numeric defaults quoted, '0' and '0.00'; CURRENT_TIMESTAMP spelled without
 * parentheses; expression defaults, generated columns and checks in double parentheses; the
 * table's COLLATE=utf8mb4_0900_ai_ci; invisible columns in versioned 80023 comments; names
 * t_chk_N and t_ibfk_N). Both are parsed as MySQL reads them (mysql_parse_flavor with
 * FLAVOR_MYSQL), normalised for MySQL 8.0 and must be the same model; the canonical print
 * of either, parsed again, too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parser/frontend.h"
#include "tests/support/server_fixtures.h"

static Arena A;
static Diag D;

static int setup(void **state)
{
	(void)state;
	arena_init(&A);
	diag_init(&D, &A);
	D.stream = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	diag_release(&D);
	arena_release(&A);
	return 0;
}

static Schema *parse_mysql8(const char *name, const char *sql, const ServerInfo *si)
{
	Schema *s = schema_new(&A, DIALECT_MYSQL);
	int file = diag_add_file(&D, name, arena_strdup(&A, sql), strlen(sql));
	s->name = "app";
	if (mysql_parse_flavor(&A, &D, file, s, NULL, FLAVOR_MYSQL) != 0) {
		fprintf(stderr, "%s does not parse:\n%s", name, sb_str(&D.text));
		fail();
	}
	mysql_normalize(&A, s, si);
	return s;
}

static void same_model(const char *written, const char *server)
{
	ServerInfo si = si_mysql8();
	Schema *w = parse_mysql8("written.sql", written, &si);
	Schema *v = parse_mysql8("server.sql", server, &si);
	StrBuf sb = SB_INIT;
	EqCtx eq;
	Schema *again;

	eqctx_init(&eq, DIALECT_MYSQL);
	if (!Schema_equal(w, v, &eq)) {
		fprintf(stderr, "written and MySQL 8.0's text differ at %s\n", eq.path);
		fail();
	}
	mysql_print_schema(&sb, w, &si);
	again = parse_mysql8("printed.sql", sb_str(&sb), &si);
	eqctx_init(&eq, DIALECT_MYSQL);
	if (!Schema_equal(w, again, &eq)) {
		fprintf(stderr, "print/parse round trip differs at %s\n%s", eq.path, sb_str(&sb));
		fail();
	}
	sb_release(&sb);
}

static void test_columns_and_defaults(void **state)
{
	(void)state;
	same_model("CREATE TABLE t1 (\n"
		   "  id INT(11) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
		   "  name VARCHAR(50) NOT NULL DEFAULT '',\n"
		   "  qty INT NOT NULL DEFAULT 0,\n"
		   "  price DECIMAL(10,2) NOT NULL DEFAULT 0,\n"
		   "  flag BOOL NOT NULL DEFAULT FALSE,\n"
		   "  small SMALLINT(6),\n"
		   "  big BIGINT(20) UNSIGNED DEFAULT 5,\n"
		   "  ratio FLOAT DEFAULT 1.5,\n"
		   "  doc JSON,\n"
		   "  bits BIT(3) DEFAULT b'101',\n"
		   "  kind ENUM('a','b') DEFAULT 'a',\n"
		   "  UNIQUE KEY (name),\n"
		   "  KEY idx_qty (qty)\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n",
		   "CREATE TABLE `t1` (\n"
		   "  `id` int unsigned NOT NULL AUTO_INCREMENT,\n"
		   "  `name` varchar(50) NOT NULL DEFAULT '',\n"
		   "  `qty` int NOT NULL DEFAULT '0',\n"
		   "  `price` decimal(10,2) NOT NULL DEFAULT '0.00',\n"
		   "  `flag` tinyint(1) NOT NULL DEFAULT '0',\n"
		   "  `small` smallint DEFAULT NULL,\n"
		   "  `big` bigint unsigned DEFAULT '5',\n"
		   "  `ratio` float DEFAULT '1.5',\n"
		   "  `doc` json DEFAULT NULL,\n"
		   "  `bits` bit(3) DEFAULT b'101',\n"
		   "  `kind` enum('a','b') COLLATE utf8mb4_0900_ai_ci DEFAULT 'a',\n"
		   "  PRIMARY KEY (`id`),\n"
		   "  UNIQUE KEY `name` (`name`),\n"
		   "  KEY `idx_qty` (`qty`)\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n");
}

static void test_widths_kept(void **state)
{
	(void)state;
	/* the width stays where it means something: ZEROFILL, and tinyint(1) (a boolean) */
	same_model("CREATE TABLE w (a INT(5) ZEROFILL, b TINYINT(1), c TINYINT(4), d MEDIUMINT(8) UNSIGNED);\n",
		   "CREATE TABLE `w` (\n"
		   "  `a` int(5) unsigned zerofill DEFAULT NULL,\n"
		   "  `b` tinyint(1) DEFAULT NULL,\n"
		   "  `c` tinyint DEFAULT NULL,\n"
		   "  `d` mediumint unsigned DEFAULT NULL\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n");
}

static void test_timestamps(void **state)
{
	(void)state;
	same_model("CREATE TABLE ts (\n"
		   "  created TIMESTAMP NOT NULL DEFAULT NOW(),\n"
		   "  updated DATETIME DEFAULT current_timestamp() ON UPDATE LOCALTIMESTAMP,\n"
		   "  precise DATETIME(3) DEFAULT NOW(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
		   "  maybe TIMESTAMP NULL\n"
		   ");\n",
		   "CREATE TABLE `ts` (\n"
		   "  `created` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
		   "  `updated` datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
		   "  `precise` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),\n"
		   "  `maybe` timestamp NULL DEFAULT NULL\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n");
}

static void test_keys_checks_generated(void **state)
{
	(void)state;
	same_model("CREATE TABLE parent (id INT PRIMARY KEY);\n"
		   "CREATE TABLE child (\n"
		   "  id INT PRIMARY KEY,\n"
		   "  parent_id INT REFERENCES parent (id),\n"
		   "  total INT AS (id * 2),\n"
		   "  secret VARCHAR(10) /*!80023 INVISIBLE */,\n"
		   "  d DATE DEFAULT (curdate()),\n"
		   "  INDEX f_idx ((LOWER(secret))),\n"
		   "  FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE,\n"
		   "  CHECK (id > 0)\n"
		   ");\n",
		   "CREATE TABLE `parent` (\n"
		   "  `id` int NOT NULL,\n"
		   "  PRIMARY KEY (`id`)\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n"
		   "CREATE TABLE `child` (\n"
		   "  `id` int NOT NULL,\n"
		   "  `parent_id` int DEFAULT NULL,\n"
		   "  `total` int GENERATED ALWAYS AS ((`id` * 2)) VIRTUAL,\n"
		   "  `secret` varchar(10) DEFAULT NULL /*!80023 INVISIBLE */,\n"
		   "  `d` date DEFAULT (curdate()),\n"
		   "  PRIMARY KEY (`id`),\n"
		   "  KEY `parent_id` (`parent_id`),\n"
		   "  KEY `f_idx` ((lower(`secret`))),\n"
		   "  CONSTRAINT `child_ibfk_1` FOREIGN KEY (`parent_id`) REFERENCES `parent` (`id`) ON DELETE CASCADE,\n"
		   "  CONSTRAINT `child_chk_1` CHECK ((`id` > 0))\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n");
}

static void test_charsets(void **state)
{
	(void)state;
	same_model("CREATE TABLE cs (a CHAR(2) CHARACTER SET latin1, b VARCHAR(5) COLLATE utf8mb4_bin, c TEXT)"
		   " CHARSET utf8mb4;\n",
		   "CREATE TABLE `cs` (\n"
		   "  `a` char(2) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,\n"
		   "  `b` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n"
		   "  `c` text\n"
		   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n");
}

/* What MySQL 8 does not share with MariaDB must not come out equal. */
static void test_flavours_differ(void **state)
{
	ServerInfo my = si_mysql8(), maria = si_mariadb();
	const char *sql = "CREATE TABLE f (a INT, b INT REFERENCES f (a)) DEFAULT CHARSET=utf8mb4;\n";
	Schema *m8 = parse_mysql8("f.sql", sql, &my);
	Schema *mb = schema_new(&A, DIALECT_MYSQL);
	int file = diag_add_file(&D, "f.sql", arena_strdup(&A, sql), strlen(sql));
	Table *t8, *tb;
	EqCtx eq;

	(void)state;
	assert_int_equal(mysql_parse_flavor(&A, &D, file, mb, NULL, FLAVOR_MARIADB), 0);
	mysql_normalize(&A, mb, &maria);
	t8 = schema_find_table(m8, NULL, "f");
	tb = schema_find_table(mb, NULL, "f");
	assert_int_equal(t8->fks.n, 0);
	assert_int_equal(tb->fks.n, 1);
	assert_string_equal(t8->collation, "utf8mb4_0900_ai_ci");
	assert_string_equal(tb->collation, "utf8mb4_general_ci");
	eqctx_init(&eq, DIALECT_MYSQL);
	assert_false(Schema_equal(m8, mb, &eq));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_columns_and_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_widths_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timestamps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_checks_generated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_charsets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flavours_differ, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
