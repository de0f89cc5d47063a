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

enum { OPT_DIALECT = 1, OPT_FLAVOR, OPT_FORMAT, OPT_ALLOW_DROP };

static const CliOpt diff_opts[] = {
	{OPT_DIALECT, "--dialect", "NAME", NULL, "mysql (MySQL and MariaDB; defaults and charsets as MariaDB 10.11 "
		"has them) or postgres (PostgreSQL 15). Required"},
	{OPT_FLAVOR, "--flavor", "NAME", "mariadb", "MySQL only: mariadb (MariaDB 10.11) or mysql (MySQL 8.0): how "
		"the files are read (executable comments, column-level REFERENCES) and which server's defaults apply"},
	{OPT_FORMAT, "--format", "FORMAT", "sql", "sql or json (the same shape as `sqlshape plan`)"},
	{OPT_ALLOW_DROP, "--allow-drop", NULL, "off", "include destructive statements; without it they are "
		"listed as \"-- skipped (needs --allow-drop): ...\""},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const diff_groups[] = {diff_opts, NULL};

const CliSpec cli_diff_spec = {
	.name = "diff",
	.synopsis = "diff --dialect mysql|postgres [--flavor mariadb|mysql] [--format sql|json] [--allow-drop] FROM TO",
	.description = "Print the statements that turn the schema in FROM (the current state) into the schema\n"
		"in TO (the desired state), without a server. Each of FROM and TO is a .sql file, a\n"
		"directory (every *.sql file inside, in sorted order) or - for standard input (at most\n"
		"one of them).\n",
	.groups = diff_groups,
	.more = "Exit status: 0 when FROM and TO are the same schema, 2 when there are changes (skipped\n"
		"ones do not count), 1 on any error.\n",
	.examples = "sqlshape diff --dialect mysql old/schema.sql new/schema.sql\n"
		"git show main:schema/users.sql | sqlshape diff --dialect mysql - schema/users.sql\n"
		"sqlshape diff --dialect postgres --format json --allow-drop old/ new/",
};

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
	CliParser cp;
	int k;

	cli_init(&cp, &cli_diff_spec, argc, argv);
	while ((k = cli_next(&cp)) != CLI_DONE) {
		switch (k) {
		case CLI_HELP:
			return 0;
		case CLI_ERROR:
			return 1;
		case OPT_DIALECT:
			dialect = cp.val;
			break;
		case OPT_FLAVOR:
			flavor = cp.val;
			break;
		case OPT_FORMAT:
			format = cp.val;
			break;
		case OPT_ALLOW_DROP:
			allow_drop = true;
			break;
		default:
			if (npaths == 2)
				return cli_error(&cli_diff_spec, "too many arguments: expected FROM and TO");
			paths[npaths++] = cp.val;
			break;
		}
	}
	if (!dialect) {
		return cli_error(&cli_diff_spec, "missing --dialect (mysql or postgres)");
	}
	if (!strcmp(dialect, "postgres") || !strcmp(dialect, "postgresql")) {
		dia = DIALECT_POSTGRES;
	} else if (strcmp(dialect, "mysql") && strcmp(dialect, "mariadb")) {
		fprintf(stderr, "sqlshape: error: unsupported dialect \"%s\" (expected mysql or postgres)\n", dialect);
		return 1;
	}
	if (npaths != 2) {
		return cli_error(&cli_diff_spec, "expected FROM and TO");
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
	d.color = diag_color_for(stderr);
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
