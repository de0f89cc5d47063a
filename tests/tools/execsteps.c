/*
 * execsteps.c: build/tools/execsteps [OPTIONS] URL STEP...: runs steps through the safe
 * executor (executor/run.h) the way apply does: session (apply lock, journal, recovery of an
 * unfinished run), then exec_run_steps. For the live tests of the executor on servers whose
 * differ is not wired into apply yet (PostgreSQL). Each STEP is "TABLE|SQL" (TABLE may be
 * empty), optionally "TABLE|SQL|CLEANUP" and a leading "!" marks a step that must run
 * outside a transaction. Options: --lock-timeout S, --retries N, --blocker-timeout S,
 * --no-journal, --backoff S (first pause), --verify FILE (rehearse the steps in a scratch
 * database first; converged means the scratch database prints, canonically, like FILE).
 * Exit 0 when every step ran, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor/config.h"
#include "executor/run.h"
#include "parser/frontend.h"

static void print_schema(StrBuf *sb, const Schema *s, const ServerInfo *si)
{
	if (s->dialect == DIALECT_MYSQL)
		mysql_print_schema(sb, s, si);
	else
		pg_print_schema(sb, s, si);
}

/* Convergence by canonical text: 1 (and both texts) when they differ. */
static int same_print(Arena *a, const Schema *after, const Schema *want, const ServerInfo *si, void *ctx, StrBuf *sb)
{
	StrBuf x, y;
	int rc;
	(void)a;
	(void)ctx;
	sb_init(&x);
	sb_init(&y);
	print_schema(&x, after, si);
	print_schema(&y, want, si);
	rc = strcmp(sb_str(&x), sb_str(&y)) != 0;
	if (rc)
		sb_addf(sb, "-- scratch:\n%s-- wanted:\n%s", sb_str(&x), sb_str(&y));
	sb_release(&x);
	sb_release(&y);
	return rc;
}

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	ExecConfig cfg;
	ExecSession s = {0};
	ExecStepList steps = {0};
	const char *url = NULL, *verify = NULL;
	int rc = 1, i;

	exec_config_init(&cfg);
	arena_init(&a);
	diag_init(&d, &a);
	for (i = 1; i < argc; i++) {
		int k;
		if (!strcmp(argv[i], "--backoff") && i + 1 < argc) {
			cfg.exec.backoff_base = atof(argv[++i]);
		} else if (!strcmp(argv[i], "--verify") && i + 1 < argc) {
			verify = argv[++i];
		} else if ((k = exec_config_option(argc, argv, &i, &cfg)) != 0) {
			if (k < 0)
				return 2;
		} else if (!url) {
			url = argv[i];
		} else {
			char *text = arena_strdup(&a, argv[i]), *bar, *bar2;
			bool outside = text[0] == '!';
			ExecStep *st;
			if (outside)
				text++;
			bar = strchr(text, '|');
			if (!bar) {
				fprintf(stderr, "execsteps: a step is TABLE|SQL[|CLEANUP]\n");
				return 2;
			}
			*bar = '\0';
			bar2 = strstr(bar + 1, "|");
			if (bar2)
				*bar2 = '\0';
			st = exec_step_add(&a, &steps, bar + 1, "statement", *text ? text : NULL);
			st->in_txn = !outside;
			st->cleanup_sql = bar2 ? bar2 + 1 : NULL;
		}
	}
	if (!url) {
		fprintf(stderr, "usage: execsteps [OPTIONS] URL TABLE|SQL[|CLEANUP]...\n");
		return 2;
	}
	if (dburl_parse(&a, &d, url, &u) < 0 || !(c = conn_open(&a, &d, &u)))
		goto out;
	if (exec_session_open(&s, &a, &d, c, &cfg.exec) < 0)
		goto out;
	if (verify) {
		Schema *cur = schema_new(&a, u.dialect), *want = schema_new(&a, u.dialect);
		char *paths[1];
		paths[0] = arena_strdup(&a, verify);
		if (catalog_read(&a, &d, c, cur) < 0 || schema_load_paths(&a, &d, u.dialect, paths, 1, want, NULL) < 0)
			goto out;
		if (u.dialect == DIALECT_MYSQL)
			mysql_normalize(&a, want, conn_server(c));
		else
			pg_normalize(&a, want, conn_server(c));
		if (exec_apply(&s, cur, want, &steps, same_print, NULL) < 0)
			goto out;
	} else if (exec_run_steps(&s, &steps) < 0) {
		goto out;
	}
	rc = 0;
out:
	exec_session_close(&s);
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
