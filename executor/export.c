/*
 * export.c: `sqlshape export`: a live database's schema as canonical CREATE statements, on
 * standard output (in an order that loads into an empty database) or as one file per object
 * in a directory. It reads the catalogue through executor/conn.h and prints with the
 * dialect's canonical printer; it never writes to the server and never prints the password.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/commands.h"
#include "executor/conn.h"
#include "parser/frontend.h"

static const char export_usage[] =
	"usage: sqlshape export --url URL [--dir DIR [--prune]]\n"
	"\n"
	"Print the schema of a live database as canonical CREATE statements.\n"
	"\n"
	"options:\n"
	"  --url URL   the database to read:\n"
	"                mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH]\n"
	"              (mariadb:// is the same). Percent-encode reserved characters in the\n"
	"              user, password and database. Without a password in the URL, MYSQL_PWD\n"
	"              is used. The password is never printed: messages show it as ***.\n"
	"  --dir DIR   write one file per object into DIR (created if missing) instead of\n"
	"              printing:\n"
	"                NAME.sql            a table followed by its triggers (in firing\n"
	"                                    order), or a view\n"
	"                NAME.function.sql   a stored function\n"
	"                NAME.procedure.sql  a stored procedure\n"
	"                NAME.event.sql      a scheduled event\n"
	"              Characters unsafe in a file name are percent-encoded (%2F for /).\n"
	"              Files are replaced atomically; other files in DIR are left alone.\n"
	"  --prune     with --dir: also remove the *.sql files in DIR that this export did\n"
	"              not write, so that DIR mirrors the database\n"
	"  -h, --help  show this help\n"
	"\n"
	"Without --dir the statements go to standard output in an order that loads into an\n"
	"empty database: tables in foreign-key order, views after what they read, then\n"
	"routines, triggers and events. Exit status: 0 on success, 1 on any error.\n";

/* End the statement printed from start on with ";\n"; a compound body (one holding
 * semicolons) is wrapped in DELIMITER lines as mysql_print_schema does, so each file loads
 * with the mysql client as well as with sqlshape. */
static void end_statement(StrBuf *sb, size_t start)
{
	while (sb->len > start && strchr(" \t\n;", sb->buf[sb->len - 1]))
		sb_truncate(sb, sb->len - 1);
	if (memchr(sb->buf + start, ';', sb->len - start)) {
		char *stmt = xstrdup(sb->buf + start);
		sb_truncate(sb, start);
		sb_addf(sb, "DELIMITER ;;\n%s;;\nDELIMITER ;\n", stmt);
		free(stmt);
		return;
	}
	sb_adds(sb, ";\n");
}

/* A file name for an object: bytes outside [A-Za-z0-9_$.-] become %XX, and so does a leading
 * '.', so no name can climb out of the directory or hide. */
static char *file_name(Arena *a, const char *name, const char *suffix)
{
	StrBuf sb;
	char *r;

	sb_init(&sb);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '$' || *p == '-' || (*p == '.' && p != (const unsigned char *)name))
			sb_addc(&sb, *p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	sb_adds(&sb, suffix);
	r = sb_to_arena(&sb, a);
	sb_release(&sb);
	return r;
}

static int mkdir_p(Diag *d, const char *dir)
{
	char *tmp = xstrdup(dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) < 0 && errno != EEXIST) {
			diag_error(d, LOC_NONE, "cannot create directory \"%s\": %s", tmp, strerror(errno));
			free(tmp);
			return -1;
		}
		*p = '/';
	}
	free(tmp);
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return diag_error(d, LOC_NONE, "cannot create directory \"%s\": %s", dir, strerror(errno));
	return 0;
}

/* Write text to DIR/NAME through a temporary file and rename. */
static int write_file(Arena *a, Diag *d, const char *dir, const char *name, const StrBuf *text)
{
	const char *path = arena_printf(a, "%s/%s", dir, name);
	const char *tmp = arena_printf(a, "%s/.%s.tmp%ld", dir, name, (long)getpid());
	FILE *f = fopen(tmp, "w");

	if (!f)
		return diag_error(d, LOC_NONE, "cannot write \"%s\": %s", tmp, strerror(errno));
	if (fwrite(text->buf, 1, text->len, f) != text->len || fclose(f) != 0) {
		int e = errno;
		unlink(tmp);
		return diag_error(d, LOC_NONE, "cannot write \"%s\": %s", tmp, strerror(e));
	}
	if (rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return diag_error(d, LOC_NONE, "cannot rename \"%s\" to \"%s\": %s", tmp, path, strerror(e));
	}
	return 0;
}

typedef struct Written {
	const char **v;
	int n, cap;
} Written;

static int emit(Arena *a, Diag *d, const char *dir, Written *w, const char *name, StrBuf *sb)
{
	LIST_PUSH(a, w, name);
	return write_file(a, d, dir, name, sb);
}

static int prune(Arena *a, Diag *d, const char *dir, const Written *w)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!dp)
		return diag_error(d, LOC_NONE, "cannot read directory \"%s\": %s", dir, strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		bool keep = false;
		if (n < 5 || strcmp(e->d_name + n - 4, ".sql") != 0 || e->d_name[0] == '.')
			continue;
		for (int i = 0; i < w->n && !keep; i++)
			keep = !strcmp(w->v[i], e->d_name);
		if (!keep && unlink(arena_printf(a, "%s/%s", dir, e->d_name)) < 0)
			rc = diag_error(d, LOC_NONE, "cannot remove \"%s/%s\": %s", dir, e->d_name,
					strerror(errno));
	}
	closedir(dp);
	return rc;
}

static int export_dir(Arena *a, Diag *d, const Schema *s, const ServerInfo *si, const char *dir,
		      bool do_prune)
{
	StrBuf sb;
	Written w = {0};
	bool *placed = arena_alloc(a, sizeof *placed * (size_t)(s->triggers.n + 1));
	int rc = 0;

	if (mkdir_p(d, dir) < 0)
		return -1;
	sb_init(&sb);
	for (int i = 0; i < s->tables.n && rc == 0; i++) {
		const Table *t = s->tables.v[i];
		sb_reset(&sb);
		mysql_print_table(&sb, t, si);
		end_statement(&sb, 0);
		for (int k = 0; k < s->triggers.n; k++) {
			const Trigger *tr = s->triggers.v[k];
			if (!str_eq(tr->table, t->name))
				continue;
			sb_addc(&sb, '\n');
			size_t start = sb.len;
			mysql_print_trigger(&sb, tr, si);
			end_statement(&sb, start);
			placed[k] = true;
		}
		rc = emit(a, d, dir, &w, file_name(a, t->name, ".sql"), &sb);
	}
	for (int i = 0; i < s->views.n && rc == 0; i++) {
		sb_reset(&sb);
		mysql_print_view(&sb, s->views.v[i], si);
		end_statement(&sb, 0);
		rc = emit(a, d, dir, &w, file_name(a, s->views.v[i]->name, ".sql"), &sb);
	}
	for (int i = 0; i < s->routines.n && rc == 0; i++) {
		const Routine *r = s->routines.v[i];
		sb_reset(&sb);
		mysql_print_routine(&sb, r, si);
		end_statement(&sb, 0);
		rc = emit(a, d, dir, &w,
			  file_name(a, r->name, r->kind == ROUTINE_FUNCTION ? ".function.sql" : ".procedure.sql"),
			  &sb);
	}
	/* A trigger whose table is not in the export (cannot happen on a consistent server, but
	 * the model allows it) still gets written. */
	for (int k = 0; k < s->triggers.n && rc == 0; k++) {
		if (placed[k])
			continue;
		sb_reset(&sb);
		mysql_print_trigger(&sb, s->triggers.v[k], si);
		end_statement(&sb, 0);
		rc = emit(a, d, dir, &w, file_name(a, s->triggers.v[k]->name, ".trigger.sql"), &sb);
	}
	for (int k = 0; k < s->events.n && rc == 0; k++) {
		sb_reset(&sb);
		mysql_print_event(&sb, s->events.v[k], si, false);
		end_statement(&sb, 0);
		rc = emit(a, d, dir, &w, file_name(a, s->events.v[k]->name, ".event.sql"), &sb);
	}
	if (rc == 0 && s->sequences.n)
		diag_warn(d, LOC_NONE, "%d sequence(s) not written: sequences are not exported yet",
			  s->sequences.n);
	if (rc == 0 && do_prune)
		rc = prune(a, d, dir, &w);
	sb_release(&sb);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	const char *url = NULL, *dir = NULL;
	bool do_prune = false;
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	Schema *s;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(export_usage, stdout);
			return 0;
		} else if (!strcmp(arg, "--url") || !strcmp(arg, "--dir")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sqlshape: error: option \"%s\" needs a value\n", arg);
				return 1;
			}
			*(arg[2] == 'u' ? &url : &dir) = argv[++i];
		} else if (str_has_prefix(arg, "--url=")) {
			url = arg + 6;
		} else if (str_has_prefix(arg, "--dir=")) {
			dir = arg + 6;
		} else if (!strcmp(arg, "--prune")) {
			do_prune = true;
		} else {
			/* Never echo an argument that may be a URL with its password. */
			if (strstr(arg, "://") || strchr(arg, '@'))
				fprintf(stderr, "sqlshape: error: unexpected argument (a URL? use --url URL)\n");
			else
				fprintf(stderr, "sqlshape: error: unknown option \"%s\"\n", arg);
			fputs("Run 'sqlshape export --help' for the options.\n", stderr);
			return 1;
		}
	}
	if (!url) {
		fprintf(stderr, "sqlshape: error: missing --url\n%s", export_usage);
		return 1;
	}
	if (do_prune && !dir) {
		fprintf(stderr, "sqlshape: error: --prune needs --dir\n");
		return 1;
	}
	if (dir && !*dir) {
		fprintf(stderr, "sqlshape: error: --dir needs a directory name\n");
		return 1;
	}

	arena_init(&a);
	diag_init(&d, &a);
	d.color = isatty(2);
	if (dburl_parse(&a, &d, url, &u) < 0)
		goto out;
	if (u.dialect == DIALECT_POSTGRES && dir) {
		diag_error(&d, LOC_NONE, "cannot export \"%s\": --dir is not supported for PostgreSQL yet",
			   u.display);
		goto out;
	}
	c = conn_open(&a, &d, &u);
	if (!c)
		goto out;
	s = schema_new(&a, u.dialect);
	if (catalog_read(&a, &d, c, s) < 0)
		goto out;
	if (dir) {
		if (export_dir(&a, &d, s, conn_server(c), dir, do_prune) < 0)
			goto out;
	} else {
		StrBuf sb;
		sb_init(&sb);
		if (u.dialect == DIALECT_POSTGRES)
			pg_print_schema(&sb, s, conn_server(c));
		else
			mysql_print_schema(&sb, s, conn_server(c));
		if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout) != 0) {
			sb_release(&sb);
			diag_error(&d, LOC_NONE, "cannot write the export: %s", strerror(errno));
			goto out;
		}
		sb_release(&sb);
	}
	rc = 0;
out:
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
