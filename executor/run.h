/*
 * run.h: the safe executor. It runs an ordered list of steps (one statement each) against a
 * live server so that a schema change cannot take the site down:
 *
 *   - every statement waits at most ExecOptions.lock_timeout for its locks (MySQL/MariaDB
 *     session lock_wait_timeout, PostgreSQL lock_timeout) and is retried on a lock timeout
 *     (MySQL 1205, SQLSTATE 55P03) with exponential back-off and jitter, up to
 *     ExecOptions.retries more tries: a blocked DDL never queues the application's queries
 *     for longer than the timeout;
 *   - before each statement on a table, the sessions that hold the table (open transactions,
 *     metadata locks, pg_locks) are named: connection id, user, age, current statement;
 *   - every run and statement is journaled on the server (executor/journal.c) and an unfinished
 *     run left by a crash is reported and cleaned up by the next run;
 *   - long statements report progress from a second connection (executor/progress.c);
 *   - a plan can be replayed first in a scratch database built from the current structure
 *     (executor/verify.c).
 *
 * What the steps are is not decided here: the caller turns a plan (diff/diff.h, and the
 * planner's steps once they exist) into an ExecStepList. Nothing here parses SQL.
 * Memory: steps and everything the executor keeps live in the run's arena.
 */
#ifndef SQLSHAPE_RUN_H
#define SQLSHAPE_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/list.h"
#include "executor/conn.h"

typedef struct ExecStep ExecStep;
/* A step that is not a statement (an external tool such as pt-online-schema-change): runs it,
 * 0 or -1 after a diagnostic. Not retried: the tool has its own retries. */
typedef int (*ExecExternalFn)(const ExecStep *st, void *ctx, Diag *d);

/* What is still to do after a replay: the number of statements that turn `after` (the scratch
 * database read back) into `want`, listed into sb one per line. Supplied by the caller, which
 * knows the dialect's differ and options. */
typedef int (*ExecRemainingFn)(Arena *a, const Schema *after, const Schema *want, const ServerInfo *si,
			       void *ctx, StrBuf *sb);

/* One statement of a plan. */
struct ExecStep {
	const char *sql;          /* one statement, no trailing ';' */
	const char *label;        /* what it does, e.g. "alter_table" (journal and output) */
	const char *table;        /* the table whose lock it takes; NULL: none worth checking */
	const char *schema;       /* PostgreSQL: the table's schema; NULL: the search path */
	bool in_txn;              /* may run inside a transaction block (false: CREATE INDEX
				   * CONCURRENTLY and the like) */
	const char *cleanup_sql;  /* undoes a half-done step (e.g. drop an INVALID index); run when
				   * the step fails or a crash left it running; NULL: none */
	ExecExternalFn external;  /* non-NULL: run this instead of sql (sql then only describes it
				   * in the output and the journal) */
	void *external_ctx;
	const void *source;       /* what the step came from (a planner PlanStep), for external */
	const char *rehearse_sql; /* external steps: a statement with the same effect on the schema,
				   * run instead in the verification rehearsal (NULL: none) */
};
LIST_TYPE(ExecStepList, ExecStep);

/* Append a step (in_txn true); strings are not copied (they must live in the arena already). */
ExecStep *exec_step_add(Arena *a, ExecStepList *l, const char *sql, const char *label,
			const char *table);

typedef struct ExecOptions {
	double lock_timeout;      /* seconds each lock may be waited for (default 3) */
	int retries;              /* further tries after a lock timeout (default 10) */
	double blocker_timeout;   /* < 0 (default): wait for blockers within the retry budget;
				   * 0: stop at once when a session holds the table;
				   * > 0: stop once blockers have held the table this long */
	double backoff_base;      /* first pause after a lock timeout, seconds (default 0.5) */
	double backoff_max;       /* longest pause (default 30) */
	double blocker_min_age;   /* MariaDB without lock tables: transactions open at least this
				   * long count as possible blockers (default 1 s) */
	bool verify;              /* replay in a scratch database first (default true) */
	bool journal;             /* keep the journal on the server (default true) */
	int progress;             /* -1: decide by isatty(stdout); 0: plain log lines; 1: terminal */
	double progress_after;    /* first progress report after this many seconds (default 2) */
	double progress_every;    /* then every N seconds in log mode (default 5) */
	/* the built-in online copy engine (executor/online_copy.h) */
	double chunk_time;        /* target seconds per copy chunk (0: the engine picks, 0.05 or 0.01) */
	long chunk_size;          /* rows of the first chunk (default 1000) */
	long max_threads_running; /* pause the copy while Threads_running is above (default 25) */
	const char *replicas;     /* mysql:// URLs of replicas to watch, comma-separated; NULL: none */
	double max_replica_lag;   /* pause the copy while a watched replica lags more (default 1 s) */
	double replica_timeout;   /* give up after a replica was unreachable or stopped this long (60 s) */
	bool keep_old_table;      /* keep the original as <t>__osc_old after the swap */
	bool defer_cutover;       /* stop before the swap; `sqlshape cutover` finishes */
} ExecOptions;

/* The defaults above. */
void exec_options_default(ExecOptions *o);

/* An apply in progress: the DDL connection, a second connection for the journal and the
 * blocker queries, the journal run. */
typedef struct ExecSession {
	Arena *arena;
	Diag *diag;
	Conn *conn;               /* runs the steps */
	Conn *aux;                /* journal, blockers, cleanup; never waits on a table lock */
	ExecOptions opt;
	const char *target;       /* the database (MySQL) / database name (PostgreSQL) */
	long run_id;              /* journal run, 0 when none */
	bool locked;              /* holds the per-database apply lock */
	const char *last_error;   /* the failing step's message (journal) */
	FILE *out;                /* report lines (stdout) */
} ExecSession;

/* Open the aux connection, create the journal if needed, take the per-database apply lock
 * (a second apply on the same database is refused, naming the session that holds it), and
 * recover what a crashed run left behind: report it, wait for a statement of it that the
 * server still runs, run the cleanup of its unfinished steps, drop INVALID indexes on its
 * tables (PostgreSQL) and the triggers and shadow table of an interrupted external online copy
 * (MySQL/MariaDB, pt-online-schema-change's names), mark it interrupted. -1 after a diagnostic. */
int exec_session_open(ExecSession *s, Arena *a, Diag *d, Conn *c, const ExecOptions *opt);
/* Release the lock and the aux connection. The DDL connection is the caller's. */
void exec_session_close(ExecSession *s);

/* Run the steps in order with lock timeouts, retries, blocker checks, progress and the
 * journal. Stops at the first failure (after running that step's cleanup) and reports what
 * had been applied. The journal keeps the run with exec_plan_hash(steps). */
int exec_run_steps(ExecSession *s, const ExecStepList *steps);

/* The planner's steps (planner/planner.h), change by change, in order: statement, lock table
 * and schema, transaction flag, cleanup; labelled "KIND (STRATEGY)". A step that runs an
 * external tool (osc_argv) gets `external` with ctx, and a description as its sql. */
struct SafePlan;
void exec_steps_from_safeplan(Arena *a, const struct SafePlan *sp, ExecStepList *out, ExecExternalFn external,
			      void *ctx);

/* The pause before try `attempt` (2, 3, ...) after a lock timeout: backoff_base * 2^(attempt-2),
 * capped at backoff_max, scaled by a random factor in [0.5, 1). */
double exec_backoff(const ExecOptions *o, int attempt);
/* Sleep s seconds (restarted after signals). */
void exec_sleep(double s);
/* Monotonic seconds. */
double exec_now(void);

/* Short lock waits on a session: MySQL/MariaDB lock_wait_timeout and innodb_lock_wait_timeout
 * (whole seconds, rounded up), PostgreSQL lock_timeout (and statement_timeout 0). */
int exec_set_lock_timeout(Conn *c, Diag *d, const ExecOptions *o);

/* What apply does with the steps of a plan: the rehearsal in a scratch database (unless
 * opt.verify is off or there is nothing to do; cur/want/remaining/ctx as exec_verify_plan),
 * then exec_run_steps. */
int exec_apply(ExecSession *s, const Schema *cur, Schema *want, const ExecStepList *steps,
	       ExecRemainingFn remaining, void *ctx);

/* FNV-1a 64 of every step's SQL, as 16 hex digits (the journal's plan hash). */
const char *exec_plan_hash(Arena *a, const ExecStepList *steps);

/* ---- blockers (executor/blockers.c) ---- */

typedef struct Blocker {
	long id;                  /* connection id / backend pid */
	const char *user;
	double age;               /* seconds its transaction (or statement) has been open */
	const char *state;        /* what the server says it does ("idle in transaction", ...) */
	const char *query;        /* current or last statement; may be NULL */
	const char *lock;         /* the lock it holds on the table when known */
} Blocker;
LIST_TYPE(BlockerList, Blocker);

/* The sessions other than ours that hold (or, where the server cannot say which table a
 * transaction touched, may hold) a lock on table. own: the ids of our sessions. 0 with the
 * list filled (possibly empty); -1 when the query failed (reported to d). *exact says whether
 * the server told which table each one holds. */
int exec_find_blockers(Arena *a, Diag *d, Conn *aux, const char *schema, const char *table,
		       const long *own, int nown, double min_age, BlockerList *out, bool *exact);
/* "connection 12 (user app, transaction open 31 s, idle in transaction): SELECT ..." */
void exec_blocker_describe(StrBuf *sb, const Blocker *b);

/* ---- journal (executor/journal.c) ---- */

/* Create the journal's schema and tables when missing. */
int journal_ensure(ExecSession *s);
/* Record a new run with its steps, all pending. */
int journal_begin(ExecSession *s, const ExecStepList *steps);
/* A step's state: "running" (attempt n), "done", "failed" (error text). */
int journal_step(ExecSession *s, int seq, const char *state, int attempts, const char *error);
/* Close the run: "done" or "failed". */
int journal_end(ExecSession *s, const char *state, const char *error);
/* Report and clean up runs of this database left "running" by a process that died. */
int journal_recover(ExecSession *s);

/* ---- verification (executor/verify.c) ---- */

/* Replay steps in a scratch database built from cur (structure only, no rows) on the server
 * of c and check with `remaining` that nothing is left to do against want. The scratch
 * database is dropped afterwards, also on failure, SIGINT, SIGTERM or SIGHUP; scratch
 * databases of sessions that no longer exist are dropped first. -1 (with the reason) when the
 * server rejects a step or the result differs; the target is never touched. */
int exec_verify_plan(Arena *a, Diag *d, Conn *c, const Schema *cur, Schema *want,
		     const ExecStepList *steps, ExecRemainingFn remaining, void *ctx);

/* ---- progress (executor/progress.c) ---- */

typedef struct Progress Progress;
/* Start watching session `session_id` of the server behind url from a second connection (in
 * a thread): after opt->progress_after seconds, elapsed time and what the server reports
 * about the statement (MariaDB stage and percentage, PostgreSQL pg_stat_progress_create_index
 * phase and blocks/tuples, lock waits). label names the step in the lines printed. */
Progress *progress_start(const DbUrl *url, long session_id, const char *label, const ExecOptions *opt,
			 FILE *out);
/* Stop watching (joins the thread) and free it; clears a terminal status line. */
void progress_stop(Progress *p);

/* Progress the caller measures itself (the online copy engine): rows done of an estimate, the
 * rate and the time left. On a terminal one status line redrawn at most twice a second;
 * otherwise a log line after progress_after seconds and then every progress_every seconds. */
typedef struct ProgressRows {
	FILE *out;
	const char *label;
	bool tty, drew;
	double t0, last, after, every;
} ProgressRows;
void progress_rows_init(ProgressRows *p, const char *label, const ExecOptions *opt, FILE *out);
/* done of total rows (total <= 0: unknown); state: what it does now ("copying", "throttled:
 * Threads_running 40 > 25"). force: print now (log mode), e.g. for a change of state. */
void progress_rows_update(ProgressRows *p, long long done, long long total, const char *state, bool force);
/* Clear the status line (terminal). */
void progress_rows_end(ProgressRows *p);

#endif
