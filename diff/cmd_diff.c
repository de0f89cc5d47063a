/*
 * cmd_diff.c: `sqlshape diff --dialect mysql|postgres FROM TO`: the plan between two sets of
 * schema files, no server involved. Both sides are loaded with the dialect's front end,
 * normalised for the default server of the dialect (MariaDB 10.11, PostgreSQL 15) and diffed as
 * `plan` would.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/commands.h"
#include "diff/diff.h"
#include "parser/frontend.h"

static const char diff_usage[] =
	"usage: sqlshape diff --dialect mysql|postgres [--flavor mariadb|mysql] [--format sql|json] [--allow-drop] FROM TO\n"
	"\n"
	"Print the statements that turn the schema in FROM (the current state) into the schema\n"
	"in TO (the desired state), without a server. Each of FROM and TO is a .sql file, a\n"
	"directory (every *.sql file inside, in sorted order) or - for standard input (at most\n"
	"one of them).\n"
	"\n"
	"options:\n"
	"  --dialect NAME   mysql (MySQL and MariaDB; the default server assumed for defaults\n"
	"                   and charsets is MariaDB 10.11) or postgres (PostgreSQL 15). Required\n"
	"  --flavor NAME    MySQL only: mariadb (default: MariaDB 10.11) or mysql (MySQL 8.0):\n"
	"                   how the files are read (executable comments, column-level\n"
	"                   REFERENCES) and which server's defaults apply\n"
	"  --format FORMAT  sql (default) or json (the same shape as `sqlshape plan`)\n"
	"  --allow-drop     include destructive statements; default: list them as\n"
	"                   \"-- skipped (needs --allow-drop): ...\"\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 when FROM and TO are the same schema, 2 when there are changes (skipped\n"
	"ones do not count), 1 on any error.\n"
	"\n"
	"example:\n"
	"  sqlshape diff --dialect mysql old/schema.sql new/schema.sql\n";

int cmd_diff(int argc, char **argv)
{
	const char *dialect = NULL, *format = "sql", *flavor = "mariadb", *paths[2] = {NULL, NULL};
	bool allow_drop = false;
	int npaths = 0, rc = 1;
	Dialect dia = DIALECT_MYSQL;
	Arena a;
	Diag d;
	ServerInfo si;
	Schema *from, *to;
	Plan *p;
	DiffOptions dopt = {0};
	StrBuf sb;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(diff_usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--dialect") || !strcmp(arg, "--format")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sqlshape: error: option \"%s\" needs a value\n", arg);
				return 1;
			}
			*(arg[2] == 'd' ? &dialect : &format) = argv[++i];
		} else if (str_has_prefix(arg, "--dialect=")) {
			dialect = arg + 10;
		} else if (str_has_prefix(arg, "--format=")) {
			format = arg + 9;
		} else if (!strcmp(arg, "--flavor")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sqlshape: error: option \"%s\" needs a value\n", arg);
				return 1;
			}
			flavor = argv[++i];
		} else if (str_has_prefix(arg, "--flavor=")) {
			flavor = arg + 9;
		} else if (!strcmp(arg, "--allow-drop")) {
			allow_drop = true;
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "sqlshape: error: unknown option \"%s\"\nRun 'sqlshape diff --help' for the options.\n", arg);
			return 1;
		} else if (npaths == 2) {
			fprintf(stderr, "sqlshape: error: too many arguments: expected FROM and TO\n");
			return 1;
		} else {
			paths[npaths++] = arg;
		}
	}
	if (!dialect) {
		fprintf(stderr, "sqlshape: error: missing --dialect (mysql or postgres)\nRun 'sqlshape diff --help' for the options.\n");
		return 1;
	}
	if (!strcmp(dialect, "postgres") || !strcmp(dialect, "postgresql")) {
		dia = DIALECT_POSTGRES;
	} else if (strcmp(dialect, "mysql") && strcmp(dialect, "mariadb")) {
		fprintf(stderr, "sqlshape: error: unsupported dialect \"%s\" (expected mysql or postgres)\n", dialect);
		return 1;
	}
	if (npaths != 2) {
		fprintf(stderr, "sqlshape: error: expected FROM and TO\nRun 'sqlshape diff --help' for the options.\n");
		return 1;
	}
	if (!strcmp(paths[0], "-") && !strcmp(paths[1], "-")) {
		fprintf(stderr, "sqlshape: error: only one of FROM and TO can be standard input\n");
		return 1;
	}
	if (server_info_flavor(&si, flavor) < 0) {
		fprintf(stderr, "sqlshape: error: unknown flavor \"%s\" (expected mariadb or mysql)\n", flavor);
		return 1;
	}
	if (strcmp(format, "sql") && strcmp(format, "json")) {
		fprintf(stderr, "sqlshape: error: unknown format \"%s\" (expected sql or json)\n", format);
		return 1;
	}

	arena_init(&a);
	diag_init(&d, &a);
	d.color = isatty(2);
	sb_init(&sb);
	if (dia == DIALECT_POSTGRES)
		server_info_default(&si, dia);
	from = schema_new(&a, dia);
	to = schema_new(&a, dia);
	if (schema_load_paths_flavor(&a, &d, dia, si.flavor, (char *const *)&paths[0], 1, from, NULL) < 0 ||
	    schema_load_paths_flavor(&a, &d, dia, si.flavor, (char *const *)&paths[1], 1, to, NULL) < 0)
		goto out;
	if (dia == DIALECT_POSTGRES) {
		pg_normalize(&a, from, &si);
		pg_normalize(&a, to, &si);
	} else {
		mysql_normalize(&a, from, &si);
		mysql_normalize(&a, to, &si);
	}
	dopt.allow_drop = allow_drop;
	p = diff_schemas(&a, from, to, &si, &dopt);
	if (!strcmp(format, "json"))
		plan_print_json(&sb, p);
	else
		plan_print_sql(&sb, p);
	if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout) != 0) {
		diag_error(&d, LOC_NONE, "cannot write the plan: %s", strerror(errno));
		goto out;
	}
	rc = plan_count(p) ? 2 : 0;
out:
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
