/*
 * verify.c: a dress rehearsal of a plan before it touches the target. A scratch database
 * (`_sqlshape_verify_<session id>`, on the same server) receives the current structure, no
 * rows; the plan's statements run there in order; the scratch database is read back like any
 * catalogue and the differ must find nothing left to do against the desired model. A statement
 * the server refuses, or a result that does not converge, stops apply before the target is
 * touched.
 *
 * The scratch database is dropped afterwards, whatever happened: on an error, and on SIGINT,
 * SIGTERM or SIGHUP (a thread waits for those signals while verification runs, kills the
 * scratch session's statement and drops the database from a fresh connection). After a kill -9
 * the next verification drops scratch databases whose session no longer exists on the server.
 * It never creates anything in the target database.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "executor/run.h"
#include "parser/frontend.h"

#define SCRATCH_PREFIX "_sqlshape_verify_"

static void add_ident(StrBuf *sb, Dialect d, const char *name)
{
	if (d == DIALECT_MYSQL)
		sb_add_mysql_ident(sb, name);
	else
		sb_add_pg_ident(sb, name);
}

static const char *drop_db_sql(Arena *a, Dialect d, const char *name)
{
	StrBuf sb;
	const char *sql;
	sb_init(&sb);
	sb_adds(&sb, "DROP DATABASE IF EXISTS ");
	add_ident(&sb, d, name);
	if (d == DIALECT_POSTGRES)
		sb_adds(&sb, " WITH (FORCE)");
	sql = sb_to_arena(&sb, a);
	sb_release(&sb);
	return sql;
}

/* Scratch databases left by sessions that are gone (a verification killed with -9). */
static void drop_stale_scratch(Arena *a, Conn *c)
{
	Diag qd;
	Rows r;
	Dialect d = conn_dialect(c);

	diag_init(&qd, a);
	qd.stream = NULL;
	if (conn_query(c, &qd, d == DIALECT_MYSQL
		? "SELECT s.SCHEMA_NAME FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME LIKE '\\_sqlshape\\_verify\\_%' "
		  "AND NOT EXISTS (SELECT 1 FROM information_schema.PROCESSLIST p "
		  "WHERE p.ID = CAST(SUBSTRING(s.SCHEMA_NAME, 18) AS UNSIGNED))"
		: "SELECT d.datname FROM pg_database d WHERE d.datname LIKE '\\_sqlshape\\_verify\\_%' "
		  "AND NOT EXISTS (SELECT 1 FROM pg_stat_activity p WHERE p.pid::text = substr(d.datname, 18))",
		&r) == 0) {
		for (int i = 0; i < r.nrows; i++)
			conn_exec(c, &qd, drop_db_sql(a, d, ROWS_AT(&r, i, 0)));
	}
	diag_release(&qd);
}

/* ---- signals: drop the scratch database on SIGINT/SIGTERM/SIGHUP ---- */

typedef struct Guard {
	pthread_t thread;
	sigset_t set, old;
	DbUrl url;              /* the target's URL: the thread connects with it */
	char drop_sql[256];
	long scratch_session;   /* the session running statements in the scratch database */
	volatile long armed;
	bool running;
} Guard;

static void *guard_wait(void *arg)
{
	Guard *g = arg;
	int sig = 0;
	Arena a;
	Diag d;
	Conn *c;

	if (sigwait(&g->set, &sig) != 0 || sig == SIGUSR2)
		return NULL;  /* verification finished normally */
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	fprintf(stderr, "sqlshape: signal %d: dropping the scratch database before exiting\n", sig);
	c = conn_open(&a, &d, &g->url);
	if (c) {
		char kill_sql[64];
		if (conn_dialect(c) == DIALECT_MYSQL)
			snprintf(kill_sql, sizeof kill_sql, "KILL QUERY %ld", g->scratch_session);
		else
			snprintf(kill_sql, sizeof kill_sql, "SELECT pg_cancel_backend(%ld)", g->scratch_session);
		if (g->scratch_session)
			conn_exec(c, &d, kill_sql);
		conn_exec(c, &d, g->drop_sql);
		conn_close(c);
	}
	_exit(128 + sig);
}

static void guard_start(Guard *g, const DbUrl *url, const char *drop_sql)
{
	memset(g, 0, sizeof *g);
	g->url = *url;
	snprintf(g->drop_sql, sizeof g->drop_sql, "%s", drop_sql);
	sigemptyset(&g->set);
	sigaddset(&g->set, SIGINT);
	sigaddset(&g->set, SIGTERM);
	sigaddset(&g->set, SIGHUP);
	sigaddset(&g->set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &g->set, &g->old);
	g->running = pthread_create(&g->thread, NULL, guard_wait, g) == 0;
}

static void guard_stop(Guard *g)
{
	if (g->running) {
		pthread_kill(g->thread, SIGUSR2);
		pthread_join(g->thread, NULL);
	}
	pthread_sigmask(SIG_SETMASK, &g->old, NULL);
}

/* ---- loading the current structure ---- */

/* Run a MySQL script as the canonical printer writes it: statements end in ";\n"; compound
 * ones come inside "DELIMITER X" ... "DELIMITER ;" lines and are sent alone, the others in
 * multi-statement batches (a few round trips for hundreds of tables). */
static int run_mysql_script(Conn *c, Diag *d, Arena *a, const char *text, const char *target, const char *scratch)
{
	const char *p = text;
	StrBuf batch;
	int n = 0, rc = 0;

	sb_init(&batch);
	while (*p && rc == 0) {
		const char *end;
		const char *stmt;
		bool alone = false;
		if (*p == '\n') {
			p++;
			continue;
		}
		if (str_has_prefix(p, "DELIMITER ") && !str_has_prefix(p, "DELIMITER ;\n")) {
			const char *dl = p + 10, *nl = strchr(dl, '\n'), *close;
			char *delim;
			if (!nl)
				break;
			delim = arena_strndup(a, dl, (size_t)(nl - dl));
			close = strstr(nl + 1, arena_printf(a, "%s\nDELIMITER ;\n", delim));
			if (!close) {
				rc = diag_error(d, LOC_NONE, "verification: cannot split the printed schema");
				break;
			}
			stmt = arena_strndup(a, nl + 1, (size_t)(close - nl - 1));
			p = close + strlen(delim) + strlen("\nDELIMITER ;\n");
			alone = true;
		} else {
			end = strstr(p, ";\n");
			if (!end)
				end = p + strlen(p);
			stmt = arena_strndup(a, p, (size_t)(end - p));
			p = *end ? end + 2 : end;
		}
		if (!*stmt)
			continue;
		/* a view or trigger body may name the target database: rehearse it against the copy */
		stmt = mysql_requalify(a, stmt, target, scratch);
		if (alone || n >= 200 || batch.len > 256 * 1024) {
			if (batch.len && conn_exec(c, d, sb_str(&batch)) < 0)
				rc = -1;
			sb_reset(&batch);
			n = 0;
		}
		if (rc == 0 && alone) {
			rc = conn_exec(c, d, stmt);
		} else if (rc == 0) {
			if (n++)
				sb_adds(&batch, ";\n");
			sb_adds(&batch, stmt);
		}
	}
	if (rc == 0 && batch.len && conn_exec(c, d, sb_str(&batch)) < 0)
		rc = -1;
	sb_release(&batch);
	return rc;
}

/* PostgreSQL: a sequence's position (last_value, is_called) is part of what ALTER SEQUENCE
 * is checked against (RESTART, MINVALUE): the rehearsal's sequences stand where the target's
 * do. Two queries whatever the number of sequences. */
static int copy_sequence_values(Arena *a, Diag *d, Conn *c, Conn *sc)
{
	Rows names, vals;
	StrBuf sb;
	int rc = 0;

	(void)a;
	if (conn_query(c, d, "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
			     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname "
			     "NOT IN ('pg_catalog', 'information_schema', '_sqlshape') AND n.nspname NOT LIKE 'pg\\_%'",
		       &names) < 0)
		return -1;
	if (!names.nrows)
		return 0;
	sb_init(&sb);
	for (int i = 0; i < names.nrows; i++) {
		if (i)
			sb_adds(&sb, " UNION ALL ");
		sb_adds(&sb, "SELECT ");
		sb_add_pg_string(&sb, ROWS_AT(&names, i, 0));
		sb_addf(&sb, "::text, last_value::text, is_called FROM %s", ROWS_AT(&names, i, 0));
	}
	rc = conn_query(c, d, sb_str(&sb), &vals);
	sb_reset(&sb);
	for (int i = 0; rc == 0 && i < vals.nrows; i++) {
		sb_adds(&sb, i ? ", " : "SELECT ");
		sb_adds(&sb, "setval(");
		sb_add_pg_string(&sb, ROWS_AT(&vals, i, 0));
		sb_addf(&sb, ", %s, %s)", ROWS_AT(&vals, i, 1), str_eq(ROWS_AT(&vals, i, 2), "t") ? "true" : "false");
	}
	if (rc == 0 && sb.len && conn_exec(sc, d, sb_str(&sb)) < 0)
		rc = -1;
	if (rc < 0)
		diag_note(d, "verification could not copy the sequences' positions");
	sb_release(&sb);
	return rc;
}

/* Remove from sb (lines "  STATEMENT;") those that also occur in known; the number left. */
static int unexplained_lines(StrBuf *sb, const StrBuf *known)
{
	StrBuf keep = SB_INIT;
	const char *line = sb_str(sb), *kn = known->len ? sb_str(known) : "";
	int left = 0;

	sb_init(&keep);
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
		bool seen = false;
		for (const char *k = kn; !seen && *k;) {
			const char *knl = strchr(k, '\n');
			size_t klen = knl ? (size_t)(knl - k) + 1 : strlen(k);
			seen = klen == len && !memcmp(k, line, len);
			k += klen;
		}
		if (!seen) {
			sb_add(&keep, line, len);
			left++;
		}
		line += len;
	}
	if (left) {
		sb_reset(sb);
		sb_add(sb, sb_str(&keep), keep.len);
	}
	sb_release(&keep);
	return left;
}

/* MySQL: trigger, routine and event bodies read back from the scratch database name it where
 * the statements named the target (mysql_requalify); name the target again, so that they
 * compare with the desired bodies as the target's will. View definitions need nothing: the
 * catalogue already drops the qualifier of the database it reads. */
static void requalify_bodies(Arena *a, Schema *s, const char *scratch, const char *target)
{
	for (int i = 0; i < s->triggers.n; i++) {
		Trigger *t = s->triggers.v[i];
		t->body = mysql_requalify(a, t->body, scratch, target);
		t->source = mysql_requalify(a, t->source, scratch, target);
	}
	for (int i = 0; i < s->routines.n; i++) {
		Routine *r = s->routines.v[i];
		r->definition = mysql_requalify(a, r->definition, scratch, target);
		r->source = mysql_requalify(a, r->source, scratch, target);
	}
	for (int i = 0; i < s->events.n; i++) {
		Event *e = s->events.v[i];
		e->body = mysql_requalify(a, e->body, scratch, target);
		e->source = mysql_requalify(a, e->source, scratch, target);
	}
}

int exec_verify_plan(Arena *a, Diag *d, Conn *c, const Schema *cur, Schema *want, const ExecStepList *steps,
		     ExecRemainingFn remaining, void *ctx)
{
	Dialect dl = conn_dialect(c);
	const ServerInfo *si = conn_server(c);
	const char *scratch = arena_printf(a, SCRATCH_PREFIX "%ld", conn_session_id(c));
	const char *drop = drop_db_sql(a, dl, scratch);
	DbUrl su = *conn_url(c);
	Conn *sc = NULL;
	StrBuf sb;
	Guard g;
	Schema *after, *base;
	StrBuf rebuilt = SB_INIT;
	int rc = -1;

	drop_stale_scratch(a, c);
	sb_init(&rebuilt);
	sb_init(&sb);
	sb_adds(&sb, "CREATE DATABASE ");
	add_ident(&sb, dl, scratch);
	if (dl == DIALECT_MYSQL && si->db_charset) {
		sb_addf(&sb, " CHARACTER SET %s", si->db_charset);
		if (si->db_collation)
			sb_addf(&sb, " COLLATE %s", si->db_collation);
	} else if (dl == DIALECT_POSTGRES) {
		sb_adds(&sb, " TEMPLATE template0");
	}
	guard_start(&g, conn_url(c), drop);
	if (conn_exec(c, d, sb_str(&sb)) < 0) {
		diag_hint(d, "verification needs the right to create a scratch database; --no-verify skips it");
		guard_stop(&g);
		sb_release(&sb);
		sb_release(&rebuilt);
		return -1;
	}
	sb_reset(&sb);
	fprintf(stdout, "-- verifying the plan in scratch database \"%s\"\n", scratch);
	fflush(stdout);

	su.database = scratch;
	sc = conn_open(a, d, &su);
	if (!sc)
		goto out;
	g.scratch_session = conn_session_id(sc);
	if (dl == DIALECT_MYSQL) {
		mysql_print_schema(&sb, cur, si);
		/* What exists on the server may have been created under laxer settings (InnoDB's row
		 * size check off, zero dates allowed): rebuild it leniently, then replay the plan
		 * with the server's defaults, as apply will run it. */
		if (conn_exec(sc, d, "SET SESSION foreign_key_checks = 0, SESSION innodb_strict_mode = 0, "
				     "SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'") < 0 ||
		    run_mysql_script(sc, d, a, sb_str(&sb), conn_url(c)->database, scratch) < 0 ||
		    conn_exec(sc, d, "SET SESSION foreign_key_checks = DEFAULT, SESSION innodb_strict_mode = DEFAULT, "
				     "SESSION sql_mode = DEFAULT") < 0) {
			diag_note(d, "verification could not rebuild the current structure in \"%s\"", scratch);
			goto out;
		}
	} else {
		pg_print_schema(&sb, cur, si);
		/* Function bodies are checked when they run (as pg_dump's scripts do): a body may
		 * name a table created after it. */
		if (conn_exec(sc, d, "SET check_function_bodies = false") < 0 ||
		    (sb.len && conn_exec(sc, d, sb_str(&sb)) < 0)) {
			diag_note(d, "verification could not rebuild the current structure in \"%s\"", scratch);
			goto out;
		}
	}
	if (dl == DIALECT_POSTGRES && copy_sequence_values(a, d, c, sc) < 0)
		goto out;
	/* The rebuild is printed from the model; where the server stores a printed object in
	 * another spelling than the target holds it (an expression it words differently), the
	 * difference would show after the plan whatever the plan did. What separates the rebuild
	 * from the target before the plan runs is therefore not held against the plan. */
	base = schema_new(a, dl);
	if (catalog_read(a, d, sc, base) < 0)
		goto out;
	if (dl == DIALECT_MYSQL)
		requalify_bodies(a, base, scratch, conn_url(c)->database);
	remaining(a, base, cur, si, ctx, &rebuilt);
	for (int i = 0; i < steps->n; i++) {
		const ExecStep *st = steps->v[i];
		const char *sql = st->external ? st->rehearse_sql : st->sql;
		if (sql && dl == DIALECT_MYSQL)
			sql = mysql_requalify(a, sql, conn_url(c)->database, scratch);
		if (sql && conn_exec(sc, d, sql) < 0) {
			diag_note(d, "verification: the server rejects statement %d of %d in the scratch database; "
				     "nothing was run on the target", i + 1, steps->n);
			goto out;
		}
	}
	after = schema_new(a, dl);
	if (catalog_read(a, d, sc, after) < 0)
		goto out;
	if (dl == DIALECT_MYSQL)
		requalify_bodies(a, after, scratch, conn_url(c)->database);
	sb_reset(&sb);
	if (dl == DIALECT_POSTGRES) {
		/* views the plan created are now there to be spelled by the server, as a second
		 * plan against the target will spell them */
		want = Schema_copy(a, want);
		pg_spell_desired(a, d, sc, after, want);
	}
	if (remaining(a, after, want, si, ctx, &sb) > 0) {
		int left = unexplained_lines(&sb, &rebuilt);
		if (left > 0) {
			diag_error(d, LOC_NONE, "verification: the plan does not converge: after it, the scratch "
						 "database still needs:\n%s", sb_str(&sb));
			diag_note(d, "nothing was run on the target");
			goto out;
		}
		diag_warn(d, LOC_NONE, "verification: the scratch copy of the current structure differs from the "
				       "target where the plan does not touch it; these statements were not checked:\n%s",
			  sb_str(&rebuilt));
	}
	fprintf(stdout, "-- verified: %d statement%s accepted, the result matches the desired schema\n", steps->n,
		steps->n == 1 ? "" : "s");
	fflush(stdout);
	rc = 0;
out:
	conn_close(sc);
	{
		Diag qd;
		diag_init(&qd, a);
		qd.stream = NULL;
		if (conn_exec(c, &qd, drop) < 0)
			diag_warn(d, LOC_NONE, "could not drop the scratch database \"%s\": drop it by hand", scratch);
		diag_release(&qd);
	}
	guard_stop(&g);
	sb_release(&sb);
	sb_release(&rebuilt);
	return rc;
}
