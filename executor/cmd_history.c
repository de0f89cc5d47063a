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

enum { OPT_URL = 1, OPT_LIMIT, OPT_RUN };

static const CliOpt history_opts[] = {
	{OPT_URL, "--url", "URL", "the url key of sqlshape.conf", "the database (password from the URL, MYSQL_PWD or "
		"PGPASSWORD; never printed)"},
	{OPT_LIMIT, "--limit", "N", "20", "at most N runs"},
	{OPT_RUN, "--run", "ID", NULL, "the statements of run ID: state, tries, time, error"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const history_groups[] = {history_opts, exec_config_opts, NULL};

const CliSpec cli_history_spec = {
	.name = "history",
	.synopsis = "history [--url URL | --env NAME] [--limit N] [--run ID]",
	.description = "List the runs of `sqlshape apply` on the database at URL, newest first, from the journal\n"
		"kept on the server (MySQL/MariaDB: database `_sqlshape`; PostgreSQL: schema `_sqlshape`):\n"
		"run id, start, duration, state (running, done, failed, interrupted), statements done of\n"
		"planned, plan hash, client, error. With --run ID: the statements of that run.\n",
	.groups = history_groups,
	.more = "Exit status: 0, or 1 on any error.\n",
	.examples = "sqlshape history --url mysql://app@127.0.0.1:3306/shop\n"
		"sqlshape history --env production --run 12",
};

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
	CliParser p;
	int rc = 1, k;

	exec_config_init(&cfg);
	cli_init(&p, &cli_history_spec, argc, argv);
	while ((k = cli_next(&p)) != CLI_DONE) {
		char *end;
		long v;
		switch (k) {
		case CLI_HELP:
			return 0;
		case CLI_ERROR:
			return 1;
		case OPT_URL:
			url = p.val;
			break;
		case OPT_LIMIT:
		case OPT_RUN:
			v = strtol(p.val, &end, 10);
			if (*end || end == p.val || v <= 0)
				return cli_error(&cli_history_spec, "bad value \"%s\" for %s (expected a positive number)",
					p.val, p.opt->name);
			*(k == OPT_LIMIT ? &limit : &run) = v;
			break;
		case CLI_ARG:
			if (strstr(p.val, "://"))
				return cli_error(&cli_history_spec, "unexpected argument (a URL? use --url URL)");
			return cli_error(&cli_history_spec, "unexpected argument \"%s\"", p.val);
		default:
			if (exec_config_set(&cfg, k, p.val) < 0)
				return 1;
			break;
		}
	}
	arena_init(&a);
	diag_init(&d, &a);
	d.color = diag_color_for(stderr);
	if (exec_config_load(&a, &d, &cfg) < 0)
		goto out;
	if (!url)
		url = cfg.url;
	if (!url) {
		cli_error(&cli_history_spec, "missing --url (or --env NAME with a url in sqlshape.conf)");
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
