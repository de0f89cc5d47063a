/*
 * format.c: `sqlshape format`: schema files in, canonical DDL out. Loads files, directories
 * and stdin with the dialect's front end (schema_load_paths_flavor), normalises for the
 * flavour of --flavor (MariaDB 10.11 by default, or MySQL 8.0), and prints every object in load order with the
 * canonical printer. It never talks to a server; errors are positioned (file:line:col with a
 * caret) by the front end, and any error means exit status 1 and nothing on stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/commands.h"
#include "parser/frontend.h"

enum { OPT_DIALECT = 1, OPT_FLAVOR };

static const CliOpt format_opts[] = {
	{OPT_DIALECT, "--dialect", "NAME", "mysql", "the SQL dialect of the files: mysql (MySQL and MariaDB) or "
		"postgres (also postgresql; normalised for PostgreSQL 15)"},
	{OPT_FLAVOR, "--flavor", "NAME", "mariadb", "MySQL-dialect files: mariadb reads and normalises them as "
		"MariaDB 10.11 does (its executable comments, column-level REFERENCES as a foreign key); mysql as "
		"MySQL 8.0 does (/*!NNNNN ... */ comments of every version run, /*M! ... */ ones do not, column-level "
		"REFERENCES is ignored, utf8mb4_0900_ai_ci and the other MySQL defaults apply)"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const format_groups[] = {format_opts, NULL};

const CliSpec cli_format_spec = {
	.name = "format",
	.synopsis = "format [--dialect mysql|postgres] [--flavor mariadb|mysql] FILE|DIR|-...",
	.description = "Print the schema described by the given files as canonical CREATE statements: every\n"
		"identifier quoted, one column or key per line, implicit things made explicit (key and\n"
		"constraint names, DEFAULT NULL, charsets inherited from the table), in an order that\n"
		"loads into an empty database (tables in foreign-key order, views after what they read,\n"
		"then routines and triggers).\n",
	.groups = format_groups,
	.more = "arguments:\n"
		"  FILE        a file of SQL statements\n"
		"  DIR         every *.sql file in the directory, in name order\n"
		"  -           standard input\n"
		"\n"
		"Exit status: 0 on success, 1 on any error (reported as file:line:col on stderr).\n",
	.examples = "sqlshape format schema/\n"
		"sqlshape format --flavor mysql dump.sql\n"
		"pg_dump --schema-only shop | sqlshape format --dialect postgres -",
};

int cmd_format(int argc, char **argv)
{
	const char *dialect = "mysql", *flavor = "mariadb";
	Dialect dl;
	char **paths;
	int npaths = 0, rc = 1;
	Arena a;
	Diag d;
	Schema *s;
	ServerInfo si;
	StrBuf out;
	CliParser p;
	int k;

	paths = argc > 1 ? (char **)xmalloc(sizeof *paths * (size_t)argc) : NULL;
	cli_init(&p, &cli_format_spec, argc, argv);
	while ((k = cli_next(&p)) != CLI_DONE) {
		if (k == CLI_HELP || k == CLI_ERROR) {
			free(paths);
			return k == CLI_HELP ? 0 : 1;
		}
		if (k == OPT_DIALECT)
			dialect = p.val;
		else if (k == OPT_FLAVOR)
			flavor = p.val;
		else
			paths[npaths++] = (char *)p.val;
	}
	if (!str_ieq(dialect, "mysql") && !str_ieq(dialect, "mariadb") && !str_ieq(dialect, "postgres") &&
	    !str_ieq(dialect, "postgresql")) {
		free(paths);
		return cli_error(&cli_format_spec, "unsupported dialect \"%s\" (expected \"mysql\" or \"postgres\")", dialect);
	}
	if (server_info_flavor(&si, flavor) < 0) {
		free(paths);
		return cli_error(&cli_format_spec, "unknown flavor \"%s\" (expected \"mariadb\" or \"mysql\")", flavor);
	}
	if (!npaths) {
		free(paths);
		return cli_error(&cli_format_spec, "no input: give files, directories or - for stdin");
	}

	arena_init(&a);
	diag_init(&d, &a);
	d.color = diag_color_for(stderr);
	sb_init(&out);
	dl = str_has_prefix(dialect, "postgres") || str_ihas_prefix(dialect, "postgres") ? DIALECT_POSTGRES : DIALECT_MYSQL;
	s = schema_new(&a, dl);
	if (dl == DIALECT_POSTGRES)
		server_info_default(&si, dl);
	if (schema_load_paths_flavor(&a, &d, dl, si.flavor, paths, npaths, s, NULL) == 0 && d.errors == 0) {
		if (dl == DIALECT_POSTGRES) {
			pg_normalize(&a, s, &si);
			pg_print_schema(&out, s, &si);
		} else {
			mysql_normalize(&a, s, &si);
			mysql_print_schema(&out, s, &si);
		}
		fwrite(out.buf, 1, out.len, stdout);
		rc = fflush(stdout) == 0 ? 0 : 1;
	}
	sb_release(&out);
	diag_release(&d);
	arena_release(&a);
	free(paths);
	return rc;
}
