/*
 * planner.h: a diff Plan + server facts + table sizes -> a SafePlan: for every change the
 * strategy, the algorithm and lock the server is expected to use, the table's size, typed
 * hazards and the ordered steps the executor runs.
 *
 * No I/O, ever: the server is described (ServerInfo, read from its version string), table
 * sizes come from the current model (Table.est_rows / data_bytes filled by catalog_read), and
 * whether an external tool is installed comes in PlanOptions. So every decision is
 * unit-testable without a server. The facts behind the choices are in
 * ../shared/design/online-ddl-facts.md (MySQL 8.0/8.4, MariaDB 10.x/11.x, PostgreSQL 13-17);
 * planner/README.md lists them per operation and which were confirmed on a live server.
 *
 * Contract for the executor (executor/):
 *   - Run SafePlan.changes in order, and inside each PlannedChange its steps in order.
 *   - Before running anything: plan_check_policy() (hazards not allowed) and
 *     plan_check_runnable() (strategies that cannot run here, e.g. online-copy without its
 *     engine) must both return 0; otherwise nothing runs.
 *   - A step has exactly one of sql (a statement, no trailing ';') or osc_argv (an external
 *     command). MySQL/MariaDB ALTERs carry their ALGORITHM= and LOCK= clauses already: run the
 *     text as it is, never strip them (the server then refuses a worse algorithm instead of
 *     silently locking the table).
 *   - in_transaction == false: the statement must not run inside a transaction block
 *     (PostgreSQL CONCURRENTLY). MySQL/MariaDB DDL commits implicitly anyway: false there too.
 *   - lock_table (with lock_schema on PostgreSQL): the table whose lock the step waits for;
 *     run it with the short lock timeout, retry on lock timeouts, look for blockers on that
 *     table first. NULL: the step takes no table lock worth waiting for (CREATE VIEW ...).
 *   - cleanup_sql (may be NULL): run it when the step failed or was interrupted, before a retry
 *     and before a re-plan (e.g. DROP INDEX CONCURRENTLY IF EXISTS of an INVALID index). It is
 *     idempotent: running it when nothing was left behind is harmless.
 *   - long_running: the step's time grows with the table's size (index build, copy, rewrite,
 *     validation scan): show progress.
 *
 * All memory comes from the caller's arena; the SafePlan points into the Plan and the models
 * it was built from, which must outlive it.
 */
#ifndef SQLSHAPE_PLANNER_H
#define SQLSHAPE_PLANNER_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/list.h"
#include "core/sb.h"
#include "diff/diff.h"
#include "parser/model.h"

/* How a change is applied. MySQL/MariaDB: instant, inplace, copy, online-copy (and direct for
 * statements with no algorithm choice: CREATE/DROP/RENAME TABLE, views, triggers, routines).
 * PostgreSQL: direct, concurrently, not-valid-validate, set-not-null-via-check. */
#define Strategy_VALUES(V) \
	V(STRATEGY_DIRECT, "direct") \
	V(STRATEGY_INSTANT, "instant") \
	V(STRATEGY_INPLACE, "inplace") \
	V(STRATEGY_COPY, "copy") \
	V(STRATEGY_ONLINE_COPY, "online-copy") \
	V(STRATEGY_CONCURRENTLY, "concurrently") \
	V(STRATEGY_NOT_VALID_VALIDATE, "not-valid-validate") \
	V(STRATEGY_SET_NOT_NULL_VIA_CHECK, "set-not-null-via-check")

/* Hazard codes: stable, used by --allow-hazard and in JSON. */
#define HazardCode_VALUES(V) \
	V(HAZARD_DATA_LOSS, "data-loss")                 /* drops a table/column/index..., narrows a type */ \
	V(HAZARD_TABLE_REWRITE, "table-rewrite")         /* rebuilds or copies the whole table */ \
	V(HAZARD_BLOCKING_LOCK, "blocking-lock")         /* blocks writes (or reads) for a time that grows with the table */ \
	V(HAZARD_INDEX_BUILD, "index-build")             /* builds an index: time and I/O grow with the table */ \
	V(HAZARD_BACKWARD_INCOMPATIBLE, "backward-incompatible") /* deployed code may break (drop/rename, NOT NULL without default) */ \
	V(HAZARD_VALIDATION_SCAN, "validation-scan")     /* reads the whole table to validate; fails if rows violate */

/* MySQL/MariaDB ALGORITHM= (ALGO_NONE: not an ALTER, nothing pinned). NOCOPY is MariaDB's
 * "in place without rebuilding the clustered index". */
#define Algorithm_VALUES(V) \
	V(ALGO_NONE, "") \
	V(ALGO_INSTANT, "INSTANT") \
	V(ALGO_NOCOPY, "NOCOPY") \
	V(ALGO_INPLACE, "INPLACE") \
	V(ALGO_COPY, "COPY")

/* MySQL/MariaDB LOCK= (MYLOCK_UNSET: not an ALTER, nothing pinned). */
#define MyLock_VALUES(V) \
	V(MYLOCK_UNSET, "") \
	V(MYLOCK_DEFAULT, "DEFAULT")   /* MySQL ALGORITHM=INSTANT accepts only LOCK=DEFAULT */ \
	V(MYLOCK_NONE, "NONE") \
	V(MYLOCK_SHARED, "SHARED") \
	V(MYLOCK_EXCLUSIVE, "EXCLUSIVE")

/* PostgreSQL table lock levels, weakest first. */
#define PgLock_VALUES(V) \
	V(PGLOCK_NONE, "") \
	V(PGLOCK_ACCESS_SHARE, "ACCESS SHARE") \
	V(PGLOCK_ROW_SHARE, "ROW SHARE") \
	V(PGLOCK_ROW_EXCLUSIVE, "ROW EXCLUSIVE") \
	V(PGLOCK_SHARE_UPDATE_EXCLUSIVE, "SHARE UPDATE EXCLUSIVE") \
	V(PGLOCK_SHARE, "SHARE") \
	V(PGLOCK_SHARE_ROW_EXCLUSIVE, "SHARE ROW EXCLUSIVE") \
	V(PGLOCK_EXCLUSIVE, "EXCLUSIVE") \
	V(PGLOCK_ACCESS_EXCLUSIVE, "ACCESS EXCLUSIVE")

#define PLANNER_ENUM_VALUE_(sym, text) sym,
typedef enum Strategy { Strategy_VALUES(PLANNER_ENUM_VALUE_) } Strategy;
typedef enum HazardCode { HazardCode_VALUES(PLANNER_ENUM_VALUE_) } HazardCode;
typedef enum Algorithm { Algorithm_VALUES(PLANNER_ENUM_VALUE_) } Algorithm;
typedef enum MyLock { MyLock_VALUES(PLANNER_ENUM_VALUE_) } MyLock;
typedef enum PgLock { PgLock_VALUES(PLANNER_ENUM_VALUE_) } PgLock;
#undef PLANNER_ENUM_VALUE_

const char *Strategy_name(int v);
const char *HazardCode_name(int v);
const char *Algorithm_name(int v);
const char *MyLock_name(int v);
const char *PgLock_name(int v);
/* The code of a hazard name ("data-loss"); -1 when unknown. */
int hazard_code_parse(const char *name);

typedef struct Hazard {
	HazardCode code;
	const char *reason;      /* one line, names the table and its size where it matters */
	bool over_threshold;     /* the table has >= online_copy_min_rows rows (blocking-lock policy) */
} Hazard;
LIST_TYPE(HazardList, Hazard);

/* What the server is expected to do for one step (or a whole change: the worst of its steps). */
typedef struct LockInfo {
	Algorithm algorithm;     /* MySQL/MariaDB: pinned in the ALTER */
	MyLock lock;             /* MySQL/MariaDB: pinned in the ALTER */
	bool rebuild;            /* MySQL/MariaDB: the clustered index is rebuilt (INPLACE rebuild or COPY) */
	bool writes_blocked;     /* writes wait for the whole step (COPY, LOCK=SHARED, PG SHARE and stronger held for a scan/rewrite) */
	PgLock pg_lock;          /* PostgreSQL: the strongest lock the step takes on the table */
	bool scan;               /* PostgreSQL: reads the whole table (validation, index build) */
	bool rewrite;            /* PostgreSQL: writes a new copy of the table and its indexes */
} LockInfo;

typedef struct PlanStep {
	const char *sql;         /* the statement (no trailing ';'); NULL when osc_argv is used */
	StrList osc_argv;        /* external command (pt-online-schema-change), argv[0] first; no password in it */
	bool in_transaction;     /* may run inside a transaction block */
	bool has_body;           /* compound statement: a SQL script needs DELIMITER around it */
	const char *lock_schema; /* PostgreSQL schema of lock_table; NULL for MySQL */
	const char *lock_table;  /* table whose lock the step waits for; NULL: none */
	const char *cleanup_sql; /* run after a failure or interruption of this step; NULL: none */
	bool long_running;       /* time grows with the table: show progress */
	Strategy strategy;
	LockInfo lock;
	const char *note;        /* short human description ("add the check NOT VALID") or NULL */
	/* online-copy by the built-in engine (executor/online_copy.c): sql is the plain ALTER
	 * (what the rehearsal runs), online_alter its clauses for the shadow table, and
	 * online_renames old/new column name pairs (old at even indexes) so the copy maps a
	 * renamed column instead of losing it. */
	bool online_builtin;
	const char *online_alter;
	StrList online_renames;
} PlanStep;
LIST_TYPE(PlanStepList, PlanStep);

typedef struct PlannedChange {
	const Change *change;    /* the differ's change this plans */
	Strategy strategy;       /* the most expensive of its steps */
	LockInfo lock;           /* the worst of its steps */
	long long rows;          /* the table's estimated rows; -1: no table or a new table */
	long long bytes;         /* data + index bytes; -1 as rows */
	HazardList hazards;
	PlanStepList steps;
	const char *refusal;     /* non-NULL: this change cannot run here as planned (why, what to do) */
} PlannedChange;
LIST_TYPE(PlannedChangeList, PlannedChange);

typedef struct SafePlan {
	const ServerInfo *si;
	const Plan *plan;
	PlannedChangeList changes;  /* one per plan->changes, same order */
	PlannedChangeList skipped;  /* one per plan->skipped (planned too, for display; never run) */
} SafePlan;

/* Who runs online-copy steps: the built-in engine (default), pt-online-schema-change, or
 * nobody (online copies refused). */
typedef enum OscTool { OSC_BUILTIN = 0, OSC_PT, OSC_NONE } OscTool;

typedef struct PlanOptions {
	long long online_copy_min_rows; /* tables with at least this many rows never get a blocking copy (default 100000) */
	bool allow_drop;                /* data-loss hazards allowed */
	StrList allow_hazards;          /* codes allowed by --allow-hazard / config */
	OscTool osc;                    /* --osc builtin (default), pt-osc or none */
	bool osc_available;             /* the tool was found on PATH (the caller looked) */
	const char *osc_path;           /* its path (argv[0]); NULL: "pt-online-schema-change" */
	/* Connection for the external tool's DSN; the password is never in argv: the executor
	 * writes it to osc_defaults_file (a [client] option file, mode 0600) and the DSN names the
	 * file with F=. */
	const char *osc_host, *osc_user, *osc_socket, *osc_database, *osc_defaults_file;
	int osc_port;
} PlanOptions;

#define PLAN_DEFAULT_ONLINE_COPY_MIN_ROWS 100000LL

void plan_options_init(PlanOptions *o);

/* Plan every change of p. cur is the live state (sizes, current definitions), want the desired
 * state the Plan leads to; both normalised for si. Never fails: what cannot be planned safely
 * gets a hazard or a refusal. */
SafePlan *plan_changes(Arena *a, const Plan *p, const Schema *cur, const Schema *want,
		       const ServerInfo *si, const PlanOptions *o);

/* Whether a hazard is refused under o: data-loss without allow_drop, blocking-lock over the
 * threshold, unless its code is in o->allow_hazards. */
bool plan_hazard_refused(const Hazard *h, const PlanOptions *o);

/* -1 with one error per refused hazard (and a hint naming --allow-hazard) when any hazard of
 * sp->changes is refused; 0 otherwise. */
int plan_check_policy(Diag *d, const SafePlan *sp, const PlanOptions *o);

/* -1 with one error per change that cannot run here (its refusal); 0 otherwise. */
int plan_check_runnable(Diag *d, const SafePlan *sp);

/* Renderings (planner/plan_output.c). All append to sb. */
/* SQL script: every step, each statement preceded by "-- strategy ..., lock ..., rows ...,
 * hazard ..." comment lines; skipped changes as "-- skipped (needs --allow-drop): ..." lines. */
void safeplan_print_sql(StrBuf *sb, const SafePlan *sp, const PlanOptions *o);
/* JSON: the diff's document (diff/README.md) with, per change, "strategy", "algorithm",
 * "lock", "rows", "bytes", "hazards" [{"code","reason","refused"}] and "steps". */
void safeplan_print_json(StrBuf *sb, const SafePlan *sp, const PlanOptions *o);
/* Markdown for a pull-request comment: | table | change | strategy | rows / size | hazards |. */
void safeplan_print_markdown(StrBuf *sb, const SafePlan *sp, const PlanOptions *o);

/* "1.2M rows, 340 MB" style size text into the arena (rows < 0: "new table"). */
const char *plan_size_text(Arena *a, long long rows, long long bytes);

#endif
