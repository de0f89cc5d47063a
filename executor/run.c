/*
 * run.c: the step loop of the safe executor (executor/run.h): short lock waits, retries with
 * exponential back-off and jitter on lock timeouts only, the blocker report before each
 * statement on a table, journal updates around each statement and the progress watcher while
 * it runs. It never decides what to run and never parses SQL; a statement is reported done
 * only after the server returned success for it.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "executor/run.h"

static double now_seconds(void);
static void sleep_seconds(double s);
static double backoff(const ExecOptions *o, int attempt);

void exec_options_default(ExecOptions *o)
{
	memset(o, 0, sizeof *o);
	o->lock_timeout = 3;
	o->retries = 10;
	o->blocker_timeout = -1;
	o->backoff_base = 0.5;
	o->backoff_max = 30;
	o->blocker_min_age = 1;
	o->verify = true;
	o->journal = true;
	o->progress = -1;
	o->progress_after = 2;
	o->progress_every = 5;
	o->chunk_time = 0;  /* the engine picks: online_copy.c chunk_target */
	o->chunk_size = 1000;
	o->max_threads_running = 25;
	o->max_replica_lag = 1;
	o->replica_timeout = 60;
}

ExecStep *exec_step_add(Arena *a, ExecStepList *l, const char *sql, const char *label, const char *table)
{
	ExecStep *st = ARENA_NEW(a, ExecStep);
	st->sql = sql;
	st->label = label;
	st->table = table;
	st->in_txn = true;
	LIST_PUSH(a, l, st);
	return st;
}

const char *exec_plan_hash(Arena *a, const ExecStepList *steps)
{
	unsigned long long h = 1469598103934665603ULL;
	for (int i = 0; i < steps->n; i++) {
		for (const unsigned char *p = (const unsigned char *)steps->v[i]->sql; *p; p++) {
			h ^= *p;
			h *= 1099511628211ULL;
		}
		h ^= 0xff;  /* statement boundary */
		h *= 1099511628211ULL;
	}
	return arena_printf(a, "%016llx", h);
}

double exec_now(void)
{
	return now_seconds();
}

void exec_sleep(double s)
{
	sleep_seconds(s);
}

double exec_backoff(const ExecOptions *o, int attempt)
{
	return backoff(o, attempt);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_seconds(double s)
{
	struct timespec ts;
	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The pause before try `attempt` (2, 3, ...): base * 2^(attempt-2), capped, then scaled by a
 * random factor in [0.5, 1) so that several waiting tools do not retry in step. */
static double backoff(const ExecOptions *o, int attempt)
{
	double b = o->backoff_base * pow(2.0, attempt - 2);
	if (b > o->backoff_max)
		b = o->backoff_max;
	return b * (0.5 + 0.5 * ((double)rand() / ((double)RAND_MAX + 1.0)));
}

static bool is_lock_timeout(const Conn *c)
{
	if (conn_dialect(c) == DIALECT_MYSQL)
		return conn_last_errno(c) == 1205;
	return !strcmp(conn_last_sqlstate(c), "55P03");
}

/* Short lock waits for the DDL session. MariaDB's lock_wait_timeout covers metadata locks of
 * every statement (the WAIT n clause exists only for some: ALTER, CREATE/DROP INDEX, RENAME,
 * DROP and TRUNCATE TABLE; not CREATE TRIGGER or CREATE VIEW), innodb_lock_wait_timeout the
 * row locks a statement may need (foreign key checks). */
int exec_set_lock_timeout(Conn *c, Diag *d, const ExecOptions *o)
{
	char sql[256];
	if (conn_dialect(c) == DIALECT_MYSQL) {
		long t = lround(ceil(o->lock_timeout));
		if (t < 1)
			t = 1;
		snprintf(sql, sizeof sql, "SET SESSION lock_wait_timeout = %ld, SESSION innodb_lock_wait_timeout = %ld", t, t);
	} else {
		long ms = lround(o->lock_timeout * 1000);
		if (ms < 1)
			ms = 1;
		snprintf(sql, sizeof sql, "SET lock_timeout = %ld; SET statement_timeout = 0", ms);
	}
	return conn_exec(c, d, sql);
}

/* Replay the messages of a quiet diagnostics sink into the run's. */
static void diag_forward(Diag *to, const Diag *from)
{
	if (to->stream && from->text.len)
		fputs(sb_str(&from->text), to->stream);
	sb_adds(&to->text, sb_str(&from->text));
	to->errors += from->errors;
}

/* The message of a diagnostic text without its "sqlshape: error: " prefix and notes. */
static const char *first_error_line(Arena *a, const char *text)
{
	const char *e = strstr(text, "error: "), *nl;
	if (e)
		text = e + 7;
	nl = strchr(text, '\n');
	return nl ? arena_strndup(a, text, (size_t)(nl - text)) : text;
}

/* Who holds the step's table now. Prints them when the set differs from the last print.
 * Returns the number found (0 when the query failed: blockers are information, not a reason
 * to stop). */
static int report_blockers(ExecSession *s, const ExecStep *st, StrBuf *last, BlockerList *out)
{
	long own[2] = {conn_session_id(s->conn), conn_session_id(s->aux)};
	Diag qd;
	bool exact = false;
	StrBuf sb;

	out->n = 0;
	if (!st->table || !s->aux)
		return 0;
	diag_init(&qd, s->arena);
	qd.stream = NULL;
	if (exec_find_blockers(s->arena, &qd, s->aux, st->schema, st->table, own, 2,
			       s->opt.blocker_min_age, out, &exact) < 0) {
		diag_release(&qd);
		return 0;
	}
	diag_release(&qd);
	sb_init(&sb);
	for (int i = 0; i < out->n; i++) {
		sb_adds(&sb, exact ? "-- held by " : "-- possible blocker (open transaction) ");
		exec_blocker_describe(&sb, out->v[i]);
		sb_addc(&sb, '\n');
	}
	/* Ages change every second: compare the ids only. */
	{
		StrBuf ids;
		sb_init(&ids);
		for (int i = 0; i < out->n; i++)
			sb_addf(&ids, "%ld,", out->v[i]->id);
		if (strcmp(sb_str(&ids), sb_str(last))) {
			fprintf(s->out, "-- sessions on table \"%s\": %d\n%s", st->table, out->n, sb_str(&sb));
			fflush(s->out);
			sb_reset(last);
			sb_adds(last, sb_str(&ids));
		}
		sb_release(&ids);
	}
	sb_release(&sb);
	return out->n;
}

static void name_blockers(ExecSession *s, const BlockerList *bl)
{
	StrBuf sb;
	sb_init(&sb);
	for (int i = 0; i < bl->n; i++) {
		sb_reset(&sb);
		exec_blocker_describe(&sb, bl->v[i]);
		diag_note(s->diag, "blocked by %s", sb_str(&sb));
	}
	if (bl->n)
		diag_hint(s->diag, "end those transactions (or KILL them) and run apply again; "
			  "--retries and --lock-timeout set how long apply keeps trying");
	sb_release(&sb);
}

static void report_applied(ExecSession *s, const ExecStepList *steps, int failed)
{
	FILE *f = s->diag->stream ? s->diag->stream : stderr;
	if (failed == 0) {
		fprintf(f, "nothing had been applied: the database is as it was\n");
		return;
	}
	fprintf(f, "already applied (%d statement%s):\n", failed, failed == 1 ? "" : "s");
	for (int k = 0; k < failed; k++)
		fprintf(f, "  %s;\n", steps->v[k]->sql);
}

/* The step's cleanup after a failure, on the DDL connection (so with the same short lock
 * waits); its own errors are reported but do not change the outcome (the step failed). */
static void run_cleanup(ExecSession *s, const ExecStep *st)
{
	if (!st->cleanup_sql)
		return;
	fprintf(s->out, "-- cleanup: %s;\n", st->cleanup_sql);
	fflush(s->out);
	if (conn_exec(s->conn, s->diag, st->cleanup_sql) < 0)
		diag_note(s->diag, "the cleanup failed: run it by hand: %s;", st->cleanup_sql);
}

/* One step: tries until done, a non-lock error, or the budget is spent. */
static int run_step(ExecSession *s, const ExecStepList *steps, int i)
{
	const ExecStep *st = steps->v[i];
	BlockerList bl = {0};
	StrBuf last;
	double first_blocked = -1, t0 = now_seconds();
	int attempt, rc = -1;
	bool dirty = false;  /* a try timed out half-way: its cleanup must run before the next */
	Diag qd;

	sb_init(&last);
	fprintf(s->out, "-- [%d/%d] %s\n%s;\n", i + 1, steps->n, st->label ? st->label : "statement", st->sql);
	fflush(s->out);
	for (attempt = 1;; attempt++) {
		double ta;
		Progress *pr;

		if (report_blockers(s, st, &last, &bl) > 0) {
			double now = now_seconds();
			if (first_blocked < 0)
				first_blocked = now;
			if (s->opt.blocker_timeout == 0 ||
			    (s->opt.blocker_timeout > 0 && now - first_blocked >= s->opt.blocker_timeout)) {
				diag_error(s->diag, LOC_NONE, "statement %d of %d not run: %d session%s hold%s table \"%s\"%s",
					   i + 1, steps->n, bl.n, bl.n == 1 ? "" : "s", bl.n == 1 ? "s" : "",
					   st->table, s->opt.blocker_timeout == 0 ? " (--blocker-timeout 0)" : "");
				name_blockers(s, &bl);
				s->last_error = arena_printf(s->arena, "not run: %d session%s held table \"%s\"", bl.n,
							     bl.n == 1 ? "" : "s", st->table);
				journal_step(s, i + 1, "failed", attempt - 1, s->last_error);
				break;
			}
		} else {
			first_blocked = -1;
		}
		journal_step(s, i + 1, "running", attempt, NULL);
		diag_init(&qd, s->arena);
		qd.stream = NULL;
		ta = now_seconds();
		if (dirty) {
			/* e.g. the INVALID index a timed-out CREATE INDEX CONCURRENTLY left behind */
			fprintf(s->out, "-- cleanup before the next try: %s;\n", st->cleanup_sql);
			fflush(s->out);
			if (conn_exec(s->conn, &qd, st->cleanup_sql) == 0)
				dirty = false;
		}
		if (dirty) {
			rc = -1;  /* the cleanup failed: counts as this try */
		} else {
			if (st->external) {
				rc = st->external(st, st->external_ctx, &qd);
			} else {
				pr = progress_start(conn_url(s->conn), conn_session_id(s->conn), st->label, &s->opt, s->out);
				rc = conn_exec(s->conn, &qd, st->sql);
				progress_stop(pr);
			}
		}
		if (rc == 0) {
			diag_release(&qd);
			if (journal_step(s, i + 1, "done", attempt, NULL) < 0)
				diag_note(s->diag, "statement %d ran but the journal could not record it", i + 1);
			fprintf(s->out, "-- done in %.3f s%s\n", now_seconds() - t0,
				attempt > 1 ? arena_printf(s->arena, " (%d tries)", attempt) : "");
			fflush(s->out);
			break;
		}
		if (!st->external && is_lock_timeout(s->conn) && attempt <= s->opt.retries) {
			double pause = backoff(&s->opt, attempt + 1);
			diag_release(&qd);
			fprintf(s->out, "-- lock wait timed out after %.1f s (try %d of %d); next try in %.1f s\n",
				now_seconds() - ta, attempt, s->opt.retries + 1, pause);
			fflush(s->out);
			journal_step(s, i + 1, "running", attempt, "lock wait timeout");
			if (st->cleanup_sql)
				dirty = true;
			sleep_seconds(pause);
			continue;
		}
		diag_forward(s->diag, &qd);
		if (!st->external && is_lock_timeout(s->conn)) {
			/* Who is still there: the report names them even when it printed them before. */
			sb_reset(&last);
			report_blockers(s, st, &last, &bl);
			diag_note(s->diag, "gave up after %d tr%s of at most %.0f s lock wait each", attempt,
				  attempt == 1 ? "y" : "ies", ceil(s->opt.lock_timeout));
			name_blockers(s, &bl);
		}
		s->last_error = first_error_line(s->arena, sb_str(&qd.text));
		journal_step(s, i + 1, "failed", attempt, s->last_error);
		diag_release(&qd);
		run_cleanup(s, st);
		break;
	}
	sb_release(&last);
	return rc;
}

int exec_run_steps(ExecSession *s, const ExecStepList *steps)
{
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	if (!steps->n)
		return 0;
	if (exec_set_lock_timeout(s->conn, s->diag, &s->opt) < 0)
		return -1;
	if (journal_begin(s, steps) < 0)
		return -1;
	for (int i = 0; i < steps->n; i++) {
		if (run_step(s, steps, i) < 0) {
			FILE *f = s->diag->stream ? s->diag->stream : stderr;
			fprintf(f, "sqlshape: statement %d of %d failed:\n%s;\n", i + 1, steps->n, steps->v[i]->sql);
			report_applied(s, steps, i);
			journal_end(s, "failed", arena_printf(s->arena, "statement %d failed: %s", i + 1,
							      s->last_error ? s->last_error : "?"));
			return -1;
		}
	}
	return journal_end(s, "done", NULL);
}

int exec_apply(ExecSession *s, const Schema *cur, Schema *want, const ExecStepList *steps,
	       ExecRemainingFn remaining, void *ctx)
{
	if (steps->n && s->opt.verify &&
	    exec_verify_plan(s->arena, s->diag, s->conn, cur, want, steps, remaining, ctx) < 0)
		return -1;
	return exec_run_steps(s, steps);
}
