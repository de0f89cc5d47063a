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

static const char format_usage[] =
	"usage: sqlshape format [--dialect mysql|postgres] [--flavor mariadb|mysql] FILE|DIR|-...\n"
	"\n"
	"Print the schema described by the given files as canonical CREATE statements: every\n"
	"identifier quoted, one column or key per line, implicit things made explicit (key and\n"
	"constraint names, DEFAULT NULL, charsets inherited from the table), in an order that\n"
	"loads into an empty database (tables in foreign-key order, views after what they read,\n"
	"then routines and triggers).\n"
	"\n"
	"arguments:\n"
	"  FILE        a file of SQL statements\n"
	"  DIR         every *.sql file in the directory, in name order\n"
	"  -           standard input\n"
	"\n"
	"options:\n"
	"  --dialect mysql   the SQL dialect of the files (default mysql; MySQL and MariaDB).\n"
	"                    The output is normalised for MariaDB 10.11.\n"
	"  --dialect postgres  PostgreSQL files (also postgresql); normalised for PostgreSQL 15.\n"
	"  --flavor mariadb  (default) MySQL-dialect files read and normalised as MariaDB 10.11\n"
	"                    reads them: its executable comments, column-level REFERENCES as a\n"
	"                    foreign key.\n"
	"  --flavor mysql    read and normalised as MySQL 8.0: /*!NNNNN ... */ comments of every\n"
	"                    version run, /*M! ... */ ones do not, column-level REFERENCES is\n"
	"                    ignored; utf8mb4_0900_ai_ci and the other MySQL defaults apply.\n"
	"                    Example: sqlshape format --flavor mysql dump.sql\n"
	"  -h, --help        show this help\n"
	"\n"
	"Exit status: 0 on success, 1 on any error (reported as file:line:col on stderr).\n";

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

	paths = argc > 1 ? (char **)xmalloc(sizeof *paths * (size_t)argc) : NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(format_usage, stdout);
			free(paths);
			return 0;
		} else if (!strcmp(arg, "--dialect") || !strcmp(arg, "--flavor")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sqlshape format: error: option \"%s\" needs a value\n", arg);
				free(paths);
				return 1;
			}
			*(arg[2] == 'd' ? &dialect : &flavor) = argv[++i];
		} else if (str_has_prefix(arg, "--dialect=")) {
			dialect = arg + strlen("--dialect=");
		} else if (str_has_prefix(arg, "--flavor=")) {
			flavor = arg + strlen("--flavor=");
		} else if (arg[0] == '-' && arg[1]) {
			fprintf(stderr, "sqlshape format: error: unknown option \"%s\"\n%s", arg, format_usage);
			free(paths);
			return 1;
		} else {
			paths[npaths++] = argv[i];
		}
	}
	if (!str_ieq(dialect, "mysql") && !str_ieq(dialect, "mariadb") && !str_ieq(dialect, "postgres") &&
	    !str_ieq(dialect, "postgresql")) {
		fprintf(stderr, "sqlshape format: error: unsupported dialect \"%s\" (expected \"mysql\" or \"postgres\")\n", dialect);
		free(paths);
		return 1;
	}
	if (server_info_flavor(&si, flavor) < 0) {
		fprintf(stderr, "sqlshape format: error: unknown flavor \"%s\" (expected \"mariadb\" or \"mysql\")\n", flavor);
		free(paths);
		return 1;
	}
	if (!npaths) {
		fprintf(stderr, "sqlshape format: error: no input: give files, directories or - for stdin\n%s",
			format_usage);
		free(paths);
		return 1;
	}

	arena_init(&a);
	diag_init(&d, &a);
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
