/*
 * progress.c: what a long statement is doing, asked from a second connection while the first
 * waits for the server. A thread sleeps until the statement has run for progress_after seconds,
 * then connects (with its own arena and diagnostics: nothing of the run's is written from the
 * thread) and polls: MariaDB's information_schema.PROCESSLIST (STAGE, MAX_STAGE, PROGRESS,
 * STATE: ALTER TABLE copy progress and "Waiting for table metadata lock"), PostgreSQL's
 * pg_stat_progress_create_index (phase, blocks, tuples) and pg_stat_activity (lock waits, with
 * pg_blocking_pids). On a terminal one status line is redrawn; otherwise a plain log line is
 * written every progress_every seconds. Output goes only to the FILE it was given.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "executor/run.h"

struct Progress {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	DbUrl url;
	long session;
	char label[64];
	ExecOptions opt;
	FILE *out;
	bool tty;
	bool drew;          /* a status line is on the terminal */
	struct timespec t0; /* CLOCK_REALTIME, for pthread_cond_timedwait */
};

static double elapsed(const Progress *p)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return (double)(now.tv_sec - p->t0.tv_sec) + (double)(now.tv_nsec - p->t0.tv_nsec) / 1e9;
}

/* Wait until `at` seconds after the start or until stopped; true when stopped. */
static bool wait_until(Progress *p, double at)
{
	struct timespec ts = p->t0;
	bool stopped;
	long long ns = (long long)ts.tv_nsec + (long long)((at - (double)(long long)at) * 1e9);
	ts.tv_sec += (time_t)at + (time_t)(ns / 1000000000LL);
	ts.tv_nsec = (long)(ns % 1000000000LL);
	pthread_mutex_lock(&p->mu);
	while (!p->stop && pthread_cond_timedwait(&p->cv, &p->mu, &ts) == 0)
		;
	stopped = p->stop;
	pthread_mutex_unlock(&p->mu);
	return stopped;
}

/* What the server says about the session, into sb (empty when it says nothing). */
static void server_status(Conn *c, Arena *a, long session, StrBuf *sb)
{
	Diag d;
	Rows r;
	char sql[768];

	diag_init(&d, a);
	d.stream = NULL;
	if (conn_dialect(c) == DIALECT_MYSQL) {
		snprintf(sql, sizeof sql, "SELECT STATE, STAGE, MAX_STAGE, PROGRESS FROM information_schema.PROCESSLIST "
					  "WHERE ID = %ld", session);
		if (conn_query(c, &d, sql, &r) == 0 && r.nrows == 1) {
			const char *state = ROWS_AT(&r, 0, 0);
			int stage = ROWS_AT(&r, 0, 1) ? atoi(ROWS_AT(&r, 0, 1)) : 0;
			int max = ROWS_AT(&r, 0, 2) ? atoi(ROWS_AT(&r, 0, 2)) : 0;
			double pct = ROWS_AT(&r, 0, 3) ? atof(ROWS_AT(&r, 0, 3)) : 0;
			if (state && *state)
				sb_adds(sb, state);
			if (max > 0)
				sb_addf(sb, "%sstage %d of %d, %.1f%%", sb->len ? ", " : "", stage, max, pct);
		}
	} else {
		snprintf(sql, sizeof sql,
			 "SELECT a.wait_event_type, a.wait_event, p.phase, p.blocks_done, p.blocks_total, "
			 "p.tuples_done, p.tuples_total, array_to_string(pg_blocking_pids(a.pid), ',') "
			 "FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid "
			 "WHERE a.pid = %ld", session);
		if (conn_query(c, &d, sql, &r) == 0 && r.nrows == 1) {
			const char *wtype = ROWS_AT(&r, 0, 0), *phase = ROWS_AT(&r, 0, 2);
			const char *blockers = ROWS_AT(&r, 0, 7);
			if (phase) {
				double bd = ROWS_AT(&r, 0, 3) ? atof(ROWS_AT(&r, 0, 3)) : 0;
				double bt = ROWS_AT(&r, 0, 4) ? atof(ROWS_AT(&r, 0, 4)) : 0;
				double td = ROWS_AT(&r, 0, 5) ? atof(ROWS_AT(&r, 0, 5)) : 0;
				double tt = ROWS_AT(&r, 0, 6) ? atof(ROWS_AT(&r, 0, 6)) : 0;
				sb_adds(sb, phase);
				if (bt > 0)
					sb_addf(sb, ", blocks %.0f of %.0f (%.1f%%)", bd, bt, 100.0 * bd / bt);
				else if (tt > 0)
					sb_addf(sb, ", tuples %.0f of %.0f (%.1f%%)", td, tt, 100.0 * td / tt);
			}
			if (wtype && !strcmp(wtype, "Lock"))
				sb_addf(sb, "%swaiting for a %s lock%s%s", sb->len ? ", " : "",
					ROWS_AT(&r, 0, 1) ? ROWS_AT(&r, 0, 1) : "", blockers && *blockers ? " held by " : "",
					blockers && *blockers ? blockers : "");
		}
	}
	diag_release(&d);
}

static void *watch(void *arg)
{
	Progress *p = arg;
	Arena a;
	Diag d;
	Conn *c = NULL;
	StrBuf sb;
	double next = p->opt.progress_after;

	if (wait_until(p, next))
		return NULL;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	sb_init(&sb);
	c = conn_open(&a, &d, &p->url);
	for (;;) {
		sb_reset(&sb);
		if (c)
			server_status(c, &a, p->session, &sb);
		if (p->tty) {
			fprintf(p->out, "\r\033[K-- %s: %.0f s%s%s", p->label, elapsed(p), sb.len ? ": " : "", sb_str(&sb));
			p->drew = true;
		} else {
			fprintf(p->out, "-- %s still running after %.0f s%s%s\n", p->label, elapsed(p), sb.len ? ": " : "",
				sb_str(&sb));
		}
		fflush(p->out);
		next += p->tty ? 0.5 : p->opt.progress_every;
		if (wait_until(p, next))
			break;
	}
	if (p->drew) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
	conn_close(c);
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return NULL;
}

Progress *progress_start(const DbUrl *url, long session_id, const char *label, const ExecOptions *opt, FILE *out)
{
	Progress *p = calloc(1, sizeof *p);
	if (!p)
		xoom();
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->url = *url;
	p->session = session_id;
	snprintf(p->label, sizeof p->label, "%s", label ? label : "statement");
	p->opt = *opt;
	p->out = out;
	p->tty = opt->progress > 0 || (opt->progress < 0 && isatty(fileno(out)));
	clock_gettime(CLOCK_REALTIME, &p->t0);
	if (pthread_create(&p->thread, NULL, watch, p) != 0) {
		/* No progress then; the statement runs all the same. */
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
		free(p);
		return NULL;
	}
	return p;
}

void progress_stop(Progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

void progress_rows_init(ProgressRows *p, const char *label, const ExecOptions *opt, FILE *out)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->label = label;
	p->tty = opt->progress > 0 || (opt->progress < 0 && isatty(fileno(out)));
	p->t0 = exec_now();
	p->after = opt->progress_after;
	p->every = opt->progress_every;
	p->last = -1;
}

void progress_rows_update(ProgressRows *p, long long done, long long total, const char *state, bool force)
{
	double now = exec_now(), el = now - p->t0, rate = el > 0 ? (double)done / el : 0;
	char of[64] = "", eta[48] = "";

	if (p->tty ? (p->last >= 0 && now - p->last < 0.5 && !force)
		   : (!force && (el < p->after || (p->last >= 0 && now - p->last < p->every))))
		return;
	p->last = now;
	if (total > 0) {
		double f = (double)done / (double)total;
		snprintf(of, sizeof of, " of ~%lld (%.0f%%)", total, f > 1 ? 100.0 : 100.0 * f);
		if (rate > 0 && done < total)
			snprintf(eta, sizeof eta, ", ETA %.0f s", (double)(total - done) / rate);
	}
	if (p->tty) {
		int width = 20, fill = total > 0 ? (int)((double)width * (done > total ? 1.0 : (double)done / (double)total)) : 0;
		fprintf(p->out, "\r\033[K-- %s [", p->label);
		for (int i = 0; i < width; i++)
			fputc(i < fill ? '#' : '.', p->out);
		fprintf(p->out, "] %lld%s rows, %.0f rows/s%s%s%s", done, of, rate, eta, state ? ": " : "", state ? state : "");
		p->drew = true;
	} else {
		fprintf(p->out, "-- %s: %lld%s rows, %.0f rows/s%s, %.0f s%s%s\n", p->label, done, of, rate, eta, el,
			state ? ": " : "", state ? state : "");
	}
	fflush(p->out);
}

void progress_rows_end(ProgressRows *p)
{
	if (p->drew) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->drew = false;
	}
}
