/*
 * cmd_history.c: `sqlshape history`: the runs the journal (executor/journal.c) recorded for a
 * database, newest first, or the statements of one run. Read-only: it never creates the
 * journal and never takes the apply lock. Messages name DbUrl.display only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/commands.h"
#include "executor/config.h"
#include "executor/conn.h"

static const char history_usage[] =
	"usage: sqlshape history --url URL [--limit N] [--run ID]\n"
	"\n"
	"List the runs of `sqlshape apply` on the database at URL, newest first, from the journal\n"
	"kept on the server (MySQL/MariaDB: database `_sqlshape`; PostgreSQL: schema `_sqlshape`):\n"
	"run id, start, duration, state (running, done, failed, interrupted), statements done of\n"
	"planned, plan hash, client, error. With --run ID: the statements of that run.\n"
	"\n"
	"options:\n"
	"  --url URL        the database (password from the URL, MYSQL_PWD or PGPASSWORD; never printed)\n"
	"  --limit N        at most N runs (default 20)\n"
	"  --run ID         the statements of run ID: state, tries, time, error\n"
	"  --env NAME, --config FILE  take the URL from sqlshape.conf\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0, or 1 on any error.\n";

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* First line of a stored error, without the "sqlshape: error: " prefix. */
static const char *first_line(Arena *a, const char *s)
{
	const char *nl;
	if (!s)
		return "";
	if (str_has_prefix(s, "sqlshape: error: "))
		s += 17;
	nl = strchr(s, '\n');
	return nl ? arena_strndup(a, s, (size_t)(nl - s)) : s;
}

static int list_runs(Arena *a, Diag *d, Conn *c, long limit)
{
	Dialect dl = conn_dialect(c);
	StrBuf sb;
	Rows r;
	int rc;

	sb_init(&sb);
	if (dl == DIALECT_MYSQL)
		sb_adds(&sb, "SELECT r.id, DATE_FORMAT(r.started_at, '%Y-%m-%d %H:%i:%S'), "
			     "ROUND(TIMESTAMPDIFF(MICROSECOND, r.started_at, r.ended_at) / 1e6, 1), r.state, "
			     "(SELECT COUNT(*) FROM `_sqlshape`.`statements` s WHERE s.run_id = r.id AND s.state = 'done'), "
			     "r.statements, r.plan_hash, r.client, r.error FROM `_sqlshape`.`runs` r WHERE r.target = DATABASE() ");
	else
		sb_adds(&sb, "SELECT r.id, to_char(r.started_at, 'YYYY-MM-DD HH24:MI:SS'), "
			     "round(EXTRACT(EPOCH FROM r.ended_at - r.started_at)::numeric, 1), r.state, "
			     "(SELECT count(*) FROM \"_sqlshape\".\"statements\" s WHERE s.run_id = r.id AND s.state = 'done'), "
			     "r.statements, r.plan_hash, r.client, r.error FROM \"_sqlshape\".\"runs\" r "
			     "WHERE r.target = current_database() ");
	sb_addf(&sb, "ORDER BY r.id DESC LIMIT %ld", limit);
	rc = conn_query(c, d, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	if (!r.nrows) {
		printf("no runs recorded for this database\n");
		return 0;
	}
	printf("%-6s %-19s %9s %-11s %-10s %-16s %s\n", "RUN", "STARTED", "DURATION", "STATE", "STATEMENTS", "PLAN", "CLIENT");
	for (int i = 0; i < r.nrows; i++) {
		const char *dur = ROWS_AT(&r, i, 2);
		printf("%-6s %-19s %9s %-11s %4s/%-5s %-16s %s\n", ROWS_AT(&r, i, 0), or_dash(ROWS_AT(&r, i, 1)),
		       dur ? arena_printf(a, "%s s", dur) : "-", or_dash(ROWS_AT(&r, i, 3)), or_dash(ROWS_AT(&r, i, 4)),
		       or_dash(ROWS_AT(&r, i, 5)), or_dash(ROWS_AT(&r, i, 6)), or_dash(ROWS_AT(&r, i, 7)));
		if (ROWS_AT(&r, i, 8))
			printf("       error: %s\n", first_line(a, ROWS_AT(&r, i, 8)));
	}
	return 0;
}

static int list_statements(Arena *a, Diag *d, Conn *c, long run)
{
	Dialect dl = conn_dialect(c);
	StrBuf sb;
	Rows r;
	int rc;

	sb_init(&sb);
	if (dl == DIALECT_MYSQL)
		sb_addf(&sb, "SELECT s.seq, s.state, s.attempts, "
			     "ROUND(TIMESTAMPDIFF(MICROSECOND, s.started_at, s.ended_at) / 1e6, 3), s.sql_text, s.error "
			     "FROM `_sqlshape`.`statements` s JOIN `_sqlshape`.`runs` r ON r.id = s.run_id "
			     "WHERE r.target = DATABASE() AND s.run_id = %ld ORDER BY s.seq", run);
	else
		sb_addf(&sb, "SELECT s.seq, s.state, s.attempts, "
			     "round(EXTRACT(EPOCH FROM s.ended_at - s.started_at)::numeric, 3), s.sql_text, s.error "
			     "FROM \"_sqlshape\".\"statements\" s JOIN \"_sqlshape\".\"runs\" r ON r.id = s.run_id "
			     "WHERE r.target = current_database() AND s.run_id = %ld ORDER BY s.seq", run);
	rc = conn_query(c, d, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	if (!r.nrows)
		return diag_error(d, LOC_NONE, "no run %ld recorded for this database", run);
	for (int i = 0; i < r.nrows; i++) {
		const char *t = ROWS_AT(&r, i, 3);
		printf("-- [%s] %s, %s tr%s%s\n%s;\n", ROWS_AT(&r, i, 0), or_dash(ROWS_AT(&r, i, 1)), or_dash(ROWS_AT(&r, i, 2)),
		       ROWS_AT(&r, i, 2) && !strcmp(ROWS_AT(&r, i, 2), "1") ? "y" : "ies",
		       t ? arena_printf(a, ", %s s", t) : "", ROWS_AT(&r, i, 4));
		if (ROWS_AT(&r, i, 5))
			printf("--   error: %s\n", first_line(a, ROWS_AT(&r, i, 5)));
	}
	return 0;
}

int cmd_history(int argc, char **argv)
{
	ExecConfig cfg;
	const char *url = NULL;
	long limit = 20, run = 0;
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	Rows r;
	int rc = 1, k;

	exec_config_init(&cfg);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(history_usage, stdout);
			return 0;
		} else if ((!strcmp(arg, "--url") || !strcmp(arg, "--limit") || !strcmp(arg, "--run")) && i + 1 < argc) {
			const char *v = argv[++i];
			char *end;
			if (arg[2] == 'u') {
				url = v;
				continue;
			}
			*(arg[2] == 'l' ? &limit : &run) = strtol(v, &end, 10);
			if (*end || end == v || (arg[2] == 'l' ? limit : run) <= 0) {
				fprintf(stderr, "sqlshape: error: bad value \"%s\" for %s (expected a positive number)\n", v, arg);
				return 1;
			}
		} else if (str_has_prefix(arg, "--url=")) {
			url = arg + 6;
		} else if ((k = exec_config_option(argc, argv, &i, &cfg)) != 0) {
			if (k < 0)
				return 1;
		} else {
			if (strstr(arg, "://"))
				fprintf(stderr, "sqlshape: error: unexpected argument (a URL? use --url URL)\n");
			else
				fprintf(stderr, "sqlshape: error: unknown option \"%s\"\nRun 'sqlshape history --help' for the options.\n", arg);
			return 1;
		}
	}
	arena_init(&a);
	diag_init(&d, &a);
	d.color = isatty(2);
	if (exec_config_load(&a, &d, &cfg) < 0)
		goto out;
	if (!url)
		url = cfg.url;
	if (!url) {
		fprintf(stderr, "sqlshape: error: missing --url\nRun 'sqlshape history --help' for the options.\n");
		goto out;
	}
	if (dburl_parse(&a, &d, url, &u) < 0 || !(c = conn_open(&a, &d, &u)))
		goto out;
	{
		StrBuf sb;
		sb_init(&sb);
		if (u.dialect == DIALECT_MYSQL)
			sb_adds(&sb, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '_sqlshape' AND TABLE_NAME = 'runs'");
		else
			sb_adds(&sb, "SELECT count(*) FROM pg_tables WHERE schemaname = '_sqlshape' AND tablename = 'runs'");
		k = conn_query(c, &d, sb_str(&sb), &r);
		sb_release(&sb);
		if (k < 0)
			goto out;
		if (!ROWS_AT(&r, 0, 0) || !strcmp(ROWS_AT(&r, 0, 0), "0")) {
			printf("no journal on this server: nothing has been applied with sqlshape yet\n");
			rc = 0;
			goto out;
		}
	}
	rc = (run ? list_statements(&a, &d, c, run) : list_runs(&a, &d, c, limit)) < 0 ? 1 : 0;
out:
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
