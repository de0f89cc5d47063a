/*
 * test_url.c: connection URL parsing (executor/url.c): every part, percent-decoding, the
 * password from the environment, errors, and that no output ever contains the password.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "executor/conn.h"

typedef struct Fix {
	Arena a;
	Diag d;
} Fix;

static int setup(void **state)
{
	Fix *f = calloc(1, sizeof *f);
	arena_init(&f->a);
	diag_init(&f->d, &f->a);
	f->d.stream = NULL;
	unsetenv("MYSQL_PWD");
	unsetenv("PGPASSWORD");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fix *f = *state;
	diag_release(&f->d);
	arena_release(&f->a);
	free(f);
	return 0;
}

static void test_mysql_full(void **state)
{
	Fix *f = *state;
	DbUrl u;
	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://app:s3cret@db.example:3307/shop", &u), 0);
	assert_int_equal(u.dialect, DIALECT_MYSQL);
	assert_string_equal(u.user, "app");
	assert_string_equal(u.password, "s3cret");
	assert_string_equal(u.host, "db.example");
	assert_int_equal(u.port, 3307);
	assert_string_equal(u.database, "shop");
	assert_null(u.socket);
	assert_null(u.params);
	assert_string_equal(u.display, "mysql://app:***@db.example:3307/shop");
	assert_int_equal(f->d.errors, 0);
}

static void test_mysql_minimal_and_socket(void **state)
{
	Fix *f = *state;
	DbUrl u;
	assert_int_equal(dburl_parse(&f->a, &f->d, "mariadb://localhost/", &u), 0);
	assert_int_equal(u.dialect, DIALECT_MYSQL);
	assert_null(u.user);
	assert_null(u.password);
	assert_string_equal(u.host, "localhost");
	assert_int_equal(u.port, 0);
	assert_null(u.database);

	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://root@/app?socket=%2Ftmp%2Fmy%20d.sock", &u), 0);
	assert_string_equal(u.user, "root");
	assert_null(u.password);
	assert_null(u.host);
	assert_string_equal(u.database, "app");
	assert_string_equal(u.socket, "/tmp/my d.sock");
	assert_string_equal(u.display, "mysql://root@/app?socket=%2Ftmp%2Fmy%20d.sock");

	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://[::1]:3310/x", &u), 0);
	assert_string_equal(u.host, "::1");
	assert_int_equal(u.port, 3310);
}

static void test_percent_decoding(void **state)
{
	Fix *f = *state;
	DbUrl u;
	assert_int_equal(dburl_parse(&f->a, &f->d,
				     "mysql://us%40er:p%40ss%3Aw%2Fd%25@127.0.0.1:20001/my%2Ddb", &u), 0);
	assert_string_equal(u.user, "us@er");
	assert_string_equal(u.password, "p@ss:w/d%");
	assert_string_equal(u.database, "my-db");
	assert_string_equal(u.display, "mysql://us%40er:***@127.0.0.1:20001/my%2Ddb");
	/* Raw reserved characters in the password: the userinfo ends at the last '@'. */
	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://u:a@b/c:d@h:1/db", &u), 0);
	assert_string_equal(u.password, "a@b/c:d");
	assert_string_equal(u.host, "h");
	assert_string_equal(u.display, "mysql://u:***@h:1/db");
	/* An empty password is a password. */
	setenv("MYSQL_PWD", "fromenv", 1);
	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://u:@h/db", &u), 0);
	assert_string_equal(u.password, "");
}

static void test_password_from_env(void **state)
{
	Fix *f = *state;
	DbUrl u;
	setenv("MYSQL_PWD", "envpw", 1);
	setenv("PGPASSWORD", "pgenvpw", 1);
	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://u@h/db", &u), 0);
	assert_string_equal(u.password, "envpw");
	assert_string_equal(u.display, "mysql://u@h/db");
	assert_int_equal(dburl_parse(&f->a, &f->d, "mysql://u:given@h/db", &u), 0);
	assert_string_equal(u.password, "given");
	assert_int_equal(dburl_parse(&f->a, &f->d, "postgres://u@h/db", &u), 0);
	assert_string_equal(u.password, "pgenvpw");
}

static void test_postgres(void **state)
{
	Fix *f = *state;
	DbUrl u;
	assert_int_equal(dburl_parse(&f->a, &f->d,
				     "postgresql://app:pw@10.0.0.5:6543/sales?sslmode=require&application_name=x%20y",
				     &u), 0);
	assert_int_equal(u.dialect, DIALECT_POSTGRES);
	assert_string_equal(u.user, "app");
	assert_string_equal(u.password, "pw");
	assert_string_equal(u.host, "10.0.0.5");
	assert_int_equal(u.port, 6543);
	assert_string_equal(u.database, "sales");
	assert_string_equal(u.params, "sslmode=require&application_name=x%20y");
	assert_string_equal(u.display,
			    "postgresql://app:***@10.0.0.5:6543/sales?sslmode=require&application_name=x%20y");

	assert_int_equal(dburl_parse(&f->a, &f->d, "postgres:///db?host=%2Fvar%2Frun%2Fpostgresql", &u), 0);
	assert_null(u.host);
	assert_string_equal(u.socket, "/var/run/postgresql");
	assert_null(u.params);
	assert_string_equal(u.database, "db");
}

/* Each malformed URL fails with one error whose text names the masked URL. */
static void expect_error(Fix *f, const char *url, const char *needle)
{
	DbUrl u;
	sb_reset(&f->d.text);
	f->d.errors = 0;
	assert_int_equal(dburl_parse(&f->a, &f->d, url, &u), -1);
	assert_int_equal(f->d.errors, 1);
	if (!strstr(sb_str(&f->d.text), needle))
		fail_msg("\"%s\" not in: %s", needle, sb_str(&f->d.text));
	if (strstr(sb_str(&f->d.text), "hunter2"))
		fail_msg("password leaked: %s", sb_str(&f->d.text));
}

static void test_errors(void **state)
{
	Fix *f = *state;
	expect_error(f, "", "empty connection");
	expect_error(f, "u:hunter2@host/db", "missing scheme in URL \"u:***@host/db\"");
	expect_error(f, "oracle://u:hunter2@h/db", "unsupported scheme \"oracle\" in URL \"oracle://u:***@h/db\"");
	expect_error(f, "mysql://u:hunter2@h:99999/db", "port out of range");
	expect_error(f, "mysql://u:hunter2@h:0/db", "port out of range");
	expect_error(f, "mysql://u:hunter2@h:33x/db", "port is not a number");
	expect_error(f, "mysql://u:hunter2@h:/db", "empty port");
	expect_error(f, "mysql://u:hunter2@h/db?sslmode=require", "unknown parameter \"sslmode\"");
	expect_error(f, "mysql://u:hunter2@h/db?socket", "parameter \"socket\" has no value");
	expect_error(f, "mysql://u:hunter2@h/d%zzb", "invalid percent-encoding in the database name");
	expect_error(f, "mysql://u:hunter2@h/a%2Fb", "\"/\" in the database name");
	expect_error(f, "mysql://u:hunter2%@h/db", "invalid percent-encoding in the password");
	expect_error(f, "mysql://u:hunter2%4@h/db", "invalid percent-encoding in the password");
	expect_error(f, "mysql://u:hunter2%00@h/db", "invalid percent-encoding in the password");
	expect_error(f, "mysql://u:hunter2@[::1/db", "unterminated \"[\"");
}

/* Whatever the URL, the password appears in no string the parser produces except password. */
static void test_password_never_shown(void **state)
{
	Fix *f = *state;
	static const char *const urls[] = {
		"mysql://u:hunter2@h/db",
		"mysql://u:hunter2@h:1/db?socket=/x",
		"mariadb://u:hunter2@/db",
		"postgres://u:hunter2@h/db?sslmode=disable",
		"postgresql://u:hunter2@h",
		"mysql://u:hunter2",
		"mysql://u:hunter2@",
		"mysql://u:hunter2@h:bad/db",
		"mysql://:hunter2@h/db",
		"u:hunter2@h",
		"oracle://u:hunter2@h",
	};
	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		DbUrl u;
		sb_reset(&f->d.text);
		int rc = dburl_parse(&f->a, &f->d, urls[i], &u);
		const char *fields[] = {u.user, u.host, u.database, u.socket, u.params, u.display};
		if (strstr(sb_str(&f->d.text), "hunter2"))
			fail_msg("%zu: message shows the password: %s", i, sb_str(&f->d.text));
		assert_non_null(u.display);
		for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
			if (fields[k] && strstr(fields[k], "hunter2"))
				fail_msg("%zu: field %zu shows the password: %s", i, k, fields[k]);
		if (rc == 0 && strchr(urls[i], '@'))
			assert_string_equal(u.password, "hunter2");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mysql_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mysql_minimal_and_socket, setup, teardown),
		cmocka_unit_test_setup_teardown(test_percent_decoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_from_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_postgres, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_password_never_shown, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
