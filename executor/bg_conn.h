/*
 * bg_conn.h: a connection of its own that runs one job at a time on a thread of its own, while
 * the caller goes on with its own connection. executor/online_copy.c checksums the ranges it
 * has copied this way while it copies the next ones.
 *
 * A job is a gate and a text. The gate is a query run first, again every 0.15 s, until its
 * first cell is NULL (or it returns no row); if that has not happened after gate_timeout
 * seconds, the job ends unrun ("gated"). Then the text runs (a multi-statement text on
 * MySQL/MariaDB) and its first nsets result sets are kept. The caller collects them with
 * bg_poll, which never waits, and only then submits the next job.
 *
 * Ownership: everything the thread touches lives in its own arena and connection; texts are
 * copied in at bg_submit, results copied out into the caller's arena at bg_poll. bg_close
 * stops the thread (after the statement it is running, if any) and frees all of it. The
 * thread writes nothing to the terminal: a failed job keeps its first line of diagnostic for
 * the caller, with the password masked as every diagnostic is.
 */
#ifndef SQLSHAPE_BG_CONN_H
#define SQLSHAPE_BG_CONN_H

#include "executor/run.h"

typedef struct BgConn BgConn;

enum { BG_MAX_SETS = 4 };

typedef enum BgState {
	BG_IDLE,    /* no job submitted, or its result collected */
	BG_BUSY,    /* running */
	BG_DONE,    /* ran: result sets in BgResult.sets */
	BG_GATED,   /* the gate never cleared: the text was not run */
	BG_FAILED,  /* a statement failed: BgResult.error, .errno_ */
} BgState;

typedef struct BgResult {
	Rows sets[BG_MAX_SETS];  /* in the caller's arena */
	double took;             /* seconds from the gate's clearing to the text's last result */
	int errno_;              /* the server's error code of a failed statement (0: none) */
	const char *error;       /* its diagnostic's first line, in the caller's arena */
} BgResult;

/* Connect to url with the session's lock wait (exec_set_lock_timeout) and start the thread.
 * NULL after a diagnostic in d when the connection fails. */
BgConn *bg_open(const DbUrl *url, const ExecOptions *o, Diag *d);
/* The session id (CONNECTION_ID()) of the background connection. */
long bg_session_id(const BgConn *b);
/* Hand the thread a job (texts copied); gate may be NULL. -1 when one is still running or not
 * collected (a caller's error). */
int bg_submit(BgConn *b, const char *gate, double gate_timeout, const char *sql, int nsets);
/* The job's state, without waiting; for BG_DONE / BG_GATED / BG_FAILED its result is copied
 * into out (arena a) and the connection is idle again. */
BgState bg_poll(BgConn *b, Arena *a, BgResult *out);
/* Stop the thread (it finishes the statement it is running), close the connection, free
 * everything. NULL is fine. */
void bg_close(BgConn *b);

#endif
