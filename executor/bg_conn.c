/*
 * bg_conn.c: see bg_conn.h. One mutex guards the job and its result; the thread holds it only
 * to take a job and to post its result, never while a statement runs.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "executor/bg_conn.h"

struct BgConn {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	Arena arena;  /* the thread's: the connection, its rows and diagnostics */
	Conn *c;
	/* the job (under mu) */
	char *gate, *sql;  /* xstrdup'd; freed by the thread once taken */
	double gate_timeout;
	int nsets;
	bool has_job, quit;
	BgState state;
	/* the result (under mu; in the thread's arena until bg_poll copies it) */
	Rows sets[BG_MAX_SETS];
	int errno_;
	char *error;  /* xstrdup'd */
	double took;
};

/* The first line of a quiet sink's text, xstrdup'd. */
static char *first_line(const Diag *d)
{
	const char *t = sb_str(&d->text);
	size_t n = strcspn(t, "\n");
	char *s = xmalloc(n + 1);
	memcpy(s, t, n);
	s[n] = '\0';
	return s;
}

/* Run the gate until it clears: 1 cleared, 0 timed out or told to quit, -1 failed. */
static int pass_gate(BgConn *b, Diag *d, const char *gate, double timeout)
{
	double t0 = exec_now();
	for (;;) {
		Rows r;
		bool quit;
		if (conn_query(b->c, d, gate, &r) < 0)
			return -1;
		if (!r.nrows || !ROWS_AT(&r, 0, 0))
			return 1;
		pthread_mutex_lock(&b->mu);
		quit = b->quit;
		pthread_mutex_unlock(&b->mu);
		if (quit || exec_now() - t0 > timeout)
			return 0;
		/* not sooner: InnoDB refreshes what information_schema.INNODB_TRX shows only when it
		 * was last read more than 0.1 s before, so polling it faster shows the same
		 * transactions for ever */
		exec_sleep(0.15);
	}
}

static void *bg_main(void *arg)
{
	BgConn *b = arg;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		char *gate, *sql;
		double gate_timeout, t0 = 0;
		int nsets, rc = 1;
		Diag d;
		Rows sets[BG_MAX_SETS];
		while (!b->quit && !b->has_job)
			pthread_cond_wait(&b->cv, &b->mu);
		if (b->quit)
			break;
		gate = b->gate;
		sql = b->sql;
		gate_timeout = b->gate_timeout;
		nsets = b->nsets;
		b->gate = b->sql = NULL;
		b->has_job = false;
		pthread_mutex_unlock(&b->mu);

		diag_init(&d, &b->arena);
		d.stream = NULL;
		if (gate)
			rc = pass_gate(b, &d, gate, gate_timeout);
		if (rc > 0) {
			t0 = exec_now();
			rc = conn_send(b->c, &d, sql) < 0 || conn_collect(b->c, &d, sql, sets, nsets) < 0 ? -1 : 2;
		}
		free(gate);
		free(sql);

		pthread_mutex_lock(&b->mu);
		if (rc == 2) {
			b->state = BG_DONE;
			memcpy(b->sets, sets, sizeof(Rows) * (size_t)nsets);
			b->took = exec_now() - t0;
		} else if (rc == 0) {
			b->state = BG_GATED;
		} else {
			b->state = BG_FAILED;
			b->errno_ = conn_last_errno(b->c);
			b->error = first_line(&d);
		}
		diag_release(&d);
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

BgConn *bg_open(const DbUrl *url, const ExecOptions *o, Diag *d)
{
	BgConn *b = xmalloc(sizeof *b);
	memset(b, 0, sizeof *b);
	arena_init(&b->arena);
	b->c = conn_open(&b->arena, d, url);
	if (!b->c || exec_set_lock_timeout(b->c, d, o) < 0) {
		conn_close(b->c);
		arena_release(&b->arena);
		free(b);
		return NULL;
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->state = BG_IDLE;
	if (pthread_create(&b->thread, NULL, bg_main, b) != 0) {
		diag_error(d, LOC_NONE, "cannot start a thread for a background connection");
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv);
		conn_close(b->c);
		arena_release(&b->arena);
		free(b);
		return NULL;
	}
	return b;
}

long bg_session_id(const BgConn *b)
{
	return conn_session_id(b->c);
}

int bg_submit(BgConn *b, const char *gate, double gate_timeout, const char *sql, int nsets)
{
	int rc = -1;
	if (nsets < 0 || nsets > BG_MAX_SETS)
		return -1;
	pthread_mutex_lock(&b->mu);
	if (b->state == BG_IDLE) {
		b->gate = gate ? xstrdup(gate) : NULL;
		b->sql = xstrdup(sql);
		b->gate_timeout = gate_timeout;
		b->nsets = nsets;
		b->has_job = true;
		b->state = BG_BUSY;
		pthread_cond_broadcast(&b->cv);
		rc = 0;
	}
	pthread_mutex_unlock(&b->mu);
	return rc;
}

/* r copied into arena a. */
static void rows_copy(Arena *a, const Rows *r, Rows *out)
{
	size_t cells = (size_t)r->nrows * (size_t)r->ncols;
	*out = *r;
	out->cell = arena_alloc(a, sizeof *out->cell * (cells + 1));
	for (size_t i = 0; i < cells; i++)
		out->cell[i] = r->cell[i] ? arena_strdup(a, r->cell[i]) : NULL;
	out->names = arena_alloc(a, sizeof *out->names * (size_t)(r->ncols + 1));
	for (int j = 0; j < r->ncols; j++)
		out->names[j] = r->names && r->names[j] ? arena_strdup(a, r->names[j]) : NULL;
}

BgState bg_poll(BgConn *b, Arena *a, BgResult *out)
{
	BgState st;
	memset(out, 0, sizeof *out);
	pthread_mutex_lock(&b->mu);
	st = b->state;
	if (st == BG_DONE || st == BG_GATED || st == BG_FAILED) {
		for (int i = 0; st == BG_DONE && i < BG_MAX_SETS; i++)
			if (b->sets[i].cell)
				rows_copy(a, &b->sets[i], &out->sets[i]);
		memset(b->sets, 0, sizeof b->sets);
		out->took = b->took;
		out->errno_ = b->errno_;
		out->error = b->error ? arena_strdup(a, b->error) : NULL;
		free(b->error);
		b->error = NULL;
		b->errno_ = 0;
		b->state = BG_IDLE;
	}
	pthread_mutex_unlock(&b->mu);
	return st;
}

void bg_close(BgConn *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->mu);
	b->quit = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	pthread_join(b->thread, NULL);
	free(b->gate);
	free(b->sql);
	free(b->error);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
	conn_close(b->c);
	arena_release(&b->arena);
	free(b);
}
