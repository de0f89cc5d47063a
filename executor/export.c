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

enum { OPT_URL = 1, OPT_DIR, OPT_PRUNE };

static const CliOpt export_opts[] = {
	{OPT_URL, "--url", "URL", NULL, "the database to read: mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?socket=PATH] "
		"(mariadb:// is the same) or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...] "
		"(postgresql:// is the same). Percent-encode reserved characters in the user, password and database. "
		"Without a password in the URL, MYSQL_PWD or PGPASSWORD is used. The password is never printed: "
		"messages show it as ***. Required"},
	{OPT_DIR, "--dir", "DIR", "standard output", "write one file per object into DIR (created if missing); files "
		"are replaced atomically, other files in DIR are left alone (see below for the names)"},
	{OPT_PRUNE, "--prune", NULL, "off", "with --dir: also remove the *.sql files in DIR that this export did not "
		"write, so that DIR mirrors the database"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const export_groups[] = {export_opts, NULL};

const CliSpec cli_export_spec = {
	.name = "export",
	.synopsis = "export --url URL [--dir DIR [--prune]]",
	.description = "Print the schema of a live database as canonical CREATE statements, or write it into a\n"
		"directory, one file per object: the start of a schema repository.\n",
	.groups = export_groups,
	.more = "Files written by --dir (MySQL/MariaDB):\n"
		"  NAME.sql            a table followed by its triggers (in firing order), or a view\n"
		"  NAME.function.sql   a stored function\n"
		"  NAME.procedure.sql  a stored procedure\n"
		"  NAME.event.sql      a scheduled event\n"
		"For PostgreSQL the names sort in an order that loads:\n"
		"  0-schema.NAME.sql, 1-extension.NAME.sql, 2-type.SCHEMA.NAME.sql,\n"
		"  3-function.S.N.sql (every overload), 4-aggregate.S.N.sql,\n"
		"  5-sequence.S.N.sql, 6-table.S.N.sql (with its partitions, owned\n"
		"  sequences, indexes, triggers, policies, comments), 7-view.S.N.sql,\n"
		"  8-function.S.N.sql (signatures naming a row type),\n"
		"  9-foreign-keys.S.TABLE.sql\n"
		"Characters unsafe in a file name are percent-encoded (%2F for /; PostgreSQL names\n"
		"also %2E for .).\n"
		"\n"
		"Without --dir the statements go to standard output in an order that loads into an\n"
		"empty database: tables in foreign-key order, views after what they read, then\n"
		"routines, triggers and events.\n"
		"\n"
		"Exit status: 0 on success, 1 on any error.\n",
	.examples = "sqlshape export --url mysql://app@127.0.0.1:3306/shop > shop.sql\n"
		"sqlshape export --url mysql://app@127.0.0.1:3306/shop --dir schema/ --prune\n"
		"sqlshape export --url postgres://app@127.0.0.1:5432/shop --dir schema/",
};

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

/* ---- PostgreSQL: one file per object ---- */

/* One part of a PostgreSQL file name: bytes outside [A-Za-z0-9_$-] become %XX (so '.' only
 * ever separates the parts, and no name can climb out of the directory or hide). */
static void pg_name_part(StrBuf *sb, const char *name)
{
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '$' || *p == '-')
			sb_addc(sb, *p);
		else
			sb_addf(sb, "%%%02X", *p);
	}
}

/* "KIND.SCHEMA.NAME.sql" (SCHEMA left out when NULL). */
static const char *pg_file_name(Arena *a, const char *kind, const char *schema, const char *name)
{
	StrBuf sb;
	const char *r;
	sb_init(&sb);
	sb_adds(&sb, kind);
	if (schema) {
		sb_addc(&sb, '.');
		pg_name_part(&sb, schema);
	}
	sb_addc(&sb, '.');
	pg_name_part(&sb, name);
	sb_adds(&sb, ".sql");
	r = sb_to_arena(&sb, a);
	sb_release(&sb);
	return r;
}

/* Is ref ("schema.name", as Table.partition_of and Table.inherits hold it) table t? */
static bool pg_ref_is(const char *ref, const Table *t)
{
	size_t n = strlen(t->schema ? t->schema : "public");
	return ref && !strncmp(ref, t->schema ? t->schema : "public", n) && ref[n] == '.' && str_eq(ref + n + 1, t->name);
}

/* The table whose file holds t: the root of its PARTITION OF / INHERITS chain (a child can
 * only be created after its parent, so the family shares one file). */
static const Table *pg_file_table(const Schema *s, const Table *t)
{
	for (int depth = 0; depth < 64; depth++) {
		const char *parent = t->partition_of ? t->partition_of : t->inherits.n ? t->inherits.v[0] : NULL;
		const Table *up = NULL;
		for (int i = 0; parent && i < s->tables.n && !up; i++)
			if (s->tables.v[i] != t && pg_ref_is(parent, s->tables.v[i]))
				up = s->tables.v[i];
		if (!up)
			return t;
		t = up;
	}
	return t;
}

/* Print a schema holding only the objects of one file, end it in a file and remember it. */
static int pg_emit(Arena *a, Diag *d, const char *dir, Written *w, const char *name, const Schema *part,
		   const ServerInfo *si, StrBuf *sb)
{
	sb_reset(sb);
	pg_print_schema(sb, part, si);
	return emit(a, d, dir, w, name, sb);
}

/*
 * The layout: a flat directory whose file names sort in an order that loads (the loader
 * reads *.sql sorted by name), each name "RANK-KIND.SCHEMA.NAME.sql":
 *   0-schema.NAME.sql          CREATE SCHEMA and its comment
 *   1-extension.NAME.sql
 *   2-type.S.N.sql             enum, domain, composite or range type
 *   3-function.S.N.sql         every overload of a function or procedure of that name
 *   4-aggregate.S.N.sql        (after the functions it is built from)
 *   5-sequence.S.N.sql         a sequence no exported table owns
 *   6-table.S.N.sql            a table with its partitions or inheritance children, the
 *                              sequences it owns, indexes, foreign keys, triggers, row-level
 *                              security, policies and comments
 *   7-view.S.N.sql             a view or materialized view with its indexes and comments
 *   8-function.S.N.sql         routines whose signature names a table's or view's row type
 *   9-foreign-keys.S.T.sql     the foreign keys of table T (and of its partitions), after
 *                              every table they may reference
 * Every file but the foreign keys' starts with the printer's SET lines; the directory loads
 * with sqlshape and, in name order, with psql.
 */
static int export_dir_pg(Arena *a, Diag *d, const Schema *s, const ServerInfo *si, const char *dir, bool do_prune)
{
	StrBuf sb;
	Written w = {0};
	int rc = 0;
	bool *routine_done = arena_alloc(a, (size_t)s->routines.n + 1);

	if (mkdir_p(d, dir) < 0)
		return -1;
	sb_init(&sb);
	for (int i = 0; i < s->namespaces.n && rc == 0; i++) {
		Schema *part = schema_new(a, DIALECT_POSTGRES);
		LIST_PUSH(a, &part->namespaces, s->namespaces.v[i]);
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "0-schema", NULL, s->namespaces.v[i]->name), part, si, &sb);
	}
	for (int i = 0; i < s->extensions.n && rc == 0; i++) {
		Schema *part = schema_new(a, DIALECT_POSTGRES);
		LIST_PUSH(a, &part->extensions, s->extensions.v[i]);
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "1-extension", NULL, s->extensions.v[i]->name), part, si, &sb);
	}
	for (int i = 0; i < s->types.n && rc == 0; i++) {
		Schema *part = schema_new(a, DIALECT_POSTGRES);
		LIST_PUSH(a, &part->types, s->types.v[i]);
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "2-type", s->types.v[i]->schema, s->types.v[i]->name), part, si, &sb);
	}
	for (int i = 0; i < s->routines.n && rc == 0; i++) {
		const Routine *r = s->routines.v[i];
		Schema *part;
		const char *kind;
		if (routine_done[i])
			continue;
		part = schema_new(a, DIALECT_POSTGRES);
		for (int j = i; j < s->routines.n; j++) {
			const Routine *o = s->routines.v[j];
			if (!routine_done[j] && str_eq(o->schema, r->schema) && str_eq(o->name, r->name) &&
			    (o->kind == ROUTINE_AGGREGATE) == (r->kind == ROUTINE_AGGREGATE)) {
				LIST_PUSH(a, &part->routines, s->routines.v[j]);
				routine_done[j] = true;
			}
		}
		kind = r->kind == ROUTINE_AGGREGATE ? "4-aggregate" : "3-function";
		for (int j = 0; j < part->routines.n; j++)
			if (pg_routine_needs_relations(s, part->routines.v[j]))
				kind = "8-function";
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, kind, r->schema, r->name), part, si, &sb);
	}
	for (int i = 0; i < s->sequences.n && rc == 0; i++) {
		const Sequence *q = s->sequences.v[i];
		const char *dot = q->owned_by ? strrchr(q->owned_by, '.') : NULL;
		bool owned = false;
		for (int k = 0; dot && k < s->tables.n && !owned; k++) {
			const Table *t = s->tables.v[k];
			size_t n = (size_t)(dot - q->owned_by);
			StrBuf ref;
			sb_init(&ref);
			sb_add(&ref, q->owned_by, n);
			owned = pg_ref_is(sb_str(&ref), t);
			sb_release(&ref);
		}
		if (owned)
			continue;  /* written with its table */
		Schema *part = schema_new(a, DIALECT_POSTGRES);
		LIST_PUSH(a, &part->sequences, s->sequences.v[i]);
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "5-sequence", q->schema, q->name), part, si, &sb);
	}
	for (int i = 0; i < s->tables.n && rc == 0; i++) {
		const Table *t = s->tables.v[i];
		Schema *part;
		if (pg_file_table(s, t) != t)
			continue;  /* in its root's file */
		part = schema_new(a, DIALECT_POSTGRES);
		for (int k = 0; k < s->tables.n; k++) {
			if (pg_file_table(s, s->tables.v[k]) != t)
				continue;
			/* the foreign keys go to a file of their own, after every table */
			Table *copy = ARENA_NEW(a, Table);
			*copy = *s->tables.v[k];
			copy->fks = (ForeignKeyList){0};
			LIST_PUSH(a, &part->tables, copy);
		}
		for (int k = 0; k < s->sequences.n; k++) {
			const Sequence *q = s->sequences.v[k];
			const char *dot = q->owned_by ? strrchr(q->owned_by, '.') : NULL;
			for (int j = 0; dot && j < part->tables.n; j++) {
				StrBuf ref;
				bool mine;
				sb_init(&ref);
				sb_add(&ref, q->owned_by, (size_t)(dot - q->owned_by));
				mine = pg_ref_is(sb_str(&ref), part->tables.v[j]);
				sb_release(&ref);
				if (mine) {
					LIST_PUSH(a, &part->sequences, s->sequences.v[k]);
					break;
				}
			}
		}
		for (int k = 0; k < s->triggers.n; k++)
			for (int j = 0; j < part->tables.n; j++)
				if (str_eq(s->triggers.v[k]->schema, part->tables.v[j]->schema) &&
				    str_eq(s->triggers.v[k]->table, part->tables.v[j]->name)) {
					LIST_PUSH(a, &part->triggers, s->triggers.v[k]);
					break;
				}
		for (int k = 0; k < s->policies.n; k++)
			for (int j = 0; j < part->tables.n; j++)
				if (str_eq(s->policies.v[k]->schema, part->tables.v[j]->schema) &&
				    str_eq(s->policies.v[k]->table, part->tables.v[j]->name)) {
					LIST_PUSH(a, &part->policies, s->policies.v[k]);
					break;
				}
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "6-table", t->schema, t->name), part, si, &sb);
	}
	for (int i = 0; i < s->tables.n && rc == 0; i++) {
		const Table *t = s->tables.v[i], *root = pg_file_table(s, t);
		if (root != t)
			continue;
		sb_reset(&sb);
		for (int k = 0; k < s->tables.n; k++)
			if (pg_file_table(s, s->tables.v[k]) == t)
				pg_print_foreign_keys(&sb, s->tables.v[k]);
		if (sb.len)
			rc = emit(a, d, dir, &w, pg_file_name(a, "9-foreign-keys", t->schema, t->name), &sb);
	}
	for (int i = 0; i < s->views.n && rc == 0; i++) {
		const View *v = s->views.v[i];
		Schema *part = schema_new(a, DIALECT_POSTGRES);
		LIST_PUSH(a, &part->views, s->views.v[i]);
		/* a trigger on a view (INSTEAD OF) goes with the view */
		for (int k = 0; k < s->triggers.n; k++)
			if (str_eq(s->triggers.v[k]->schema, v->schema) && str_eq(s->triggers.v[k]->table, v->name))
				LIST_PUSH(a, &part->triggers, s->triggers.v[k]);
		rc = pg_emit(a, d, dir, &w, pg_file_name(a, "7-view", v->schema, v->name), part, si, &sb);
	}
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
	CliParser p;
	int rc = 1, k;

	cli_init(&p, &cli_export_spec, argc, argv);
	while ((k = cli_next(&p)) != CLI_DONE) {
		switch (k) {
		case CLI_HELP:
			return 0;
		case CLI_ERROR:
			return 1;
		case OPT_URL:
			url = p.val;
			break;
		case OPT_DIR:
			dir = p.val;
			break;
		case OPT_PRUNE:
			do_prune = true;
			break;
		default:
			/* Never echo an argument that may be a URL with its password. */
			if (strstr(p.val, "://") || strchr(p.val, '@'))
				return cli_error(&cli_export_spec, "unexpected argument (a URL? use --url URL)");
			return cli_error(&cli_export_spec, "unexpected argument \"%s\"", p.val);
		}
	}
	if (!url)
		return cli_error(&cli_export_spec, "missing --url");
	if (do_prune && !dir)
		return cli_error(&cli_export_spec, "--prune needs --dir");
	if (dir && !*dir)
		return cli_error(&cli_export_spec, "--dir needs a directory name");

	arena_init(&a);
	diag_init(&d, &a);
	d.color = diag_color_for(stderr);
	if (dburl_parse(&a, &d, url, &u) < 0)
		goto out;
	c = conn_open(&a, &d, &u);
	if (!c)
		goto out;
	s = schema_new(&a, u.dialect);
	if (catalog_read(&a, &d, c, s) < 0)
		goto out;
	if (dir) {
		if ((u.dialect == DIALECT_POSTGRES ? export_dir_pg : export_dir)(&a, &d, s, conn_server(c), dir, do_prune) < 0)
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
