/*
 * online_copy.c: the built-in online copy engine (see online_copy.h for the algorithm and its
 * guarantees). Everything it creates is named after the table (`<t>__osc_new`, `<t>__osc_old`,
 * triggers `<t>__osc_ins/_upd/_del`) and recorded in `_sqlshape`.`online_copies` before it is
 * created, so that recovery finds it. It never alters the original table in place: the only
 * statement that touches the original's definition is the final atomic RENAME. Every name in
 * generated SQL is quoted; values of key columns travel as hexadecimal literals.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "executor/bg_conn.h"
#include "executor/online_copy.h"
#include "executor/osc_throttle.h"

const char online_copy_checkpoint_ddl[] =
	"CREATE TABLE IF NOT EXISTS `_sqlshape`.`online_copies` ("
	"`target` varchar(255) NOT NULL, `table_name` varchar(64) NOT NULL, "
	"`shadow_name` varchar(64) NOT NULL, `old_name` varchar(64) NOT NULL, "
	"`state` varchar(16) NOT NULL, `alter_text` longtext NOT NULL, `renames` text NULL, "
	"`keep_old` tinyint NOT NULL DEFAULT 0, `rows_copied` bigint NOT NULL DEFAULT 0, "
	"`started_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL, "
	"PRIMARY KEY (`target`, `table_name`)) ENGINE=InnoDB";

typedef struct OcKey {
	const char *old, *new_;    /* name in the original / in the shadow */
	bool hex;                  /* travels as HEX(): string and binary types */
	const char *charset;       /* string types: the column's character set */
} OcKey;

typedef struct OcCol {
	const char *old, *new_;
	const char *old_dt, *new_dt, *old_type, *new_type;
	const char *prec, *scale, *dtprec;  /* the shadow column's, for CASTs */
	bool new_text;
	bool same_bytes;           /* text on both sides in the same character set: compared as bytes */
	const char *charset;       /* then that character set */
	bool nullable;             /* NULL allowed on either side: the checksum marks NULLs */
	const char *old_cast;      /* how the original's value is compared (NULL: plainly) */
	bool in_sum;               /* part of the checksum */
} OcCol;

typedef struct Oc {
	ExecSession *s;
	Diag *d;
	Arena *a;
	Conn *c;
	const char *table, *shadow, *old, *trg[3], *lockname;
	const char *pos;           /* `<t>__osc_pos`: how far the copy has gone (MEMORY, no row locks) */
	const char *alter, *renames;
	const char *readd;         /* "ADD KEY ..., ..." of the shadow's secondary indexes built after the copy */
	const char *index;
	OcKey *key;
	int nkey;
	OcCol *col;
	int ncol;
	long long est_rows, copied, verified;
	long chunk;
	int recopied;
	bool checkpoint, locked, keep_old;
	bool locking_copy;         /* statement-based binary log: the copy reads with shared locks */
	bool live;                 /* our triggers may be on the table: the application writes the shadow too */
	bool autoinc_lock;         /* each chunk holds the shadow's table AUTO-INC lock (autoinc lock mode 0/1) */
	bool plain_text;           /* every text column of the checksums is same_bytes, all in one character set */
	int nowait;                /* lock_wait_timeout = 0 accepted (MariaDB): 1 yes, 0 no, -1 not asked yet */
	const char *copy_ended;    /* server time (seconds) when the last chunk began */
	const char *const *verified_to; /* the copied rows up to this key were checksummed while copying */
	long long verified_ahead;  /* their rows */
	long ahead_chunks;         /* and ranges */
	long verify_batch;         /* rows per checksum range found while copying (0: none) */
	OscThrottle *thr;          /* Threads_running and replica lag (osc_throttle.h) */
} Oc;

/* ---- small helpers ---- */

static void id(StrBuf *sb, const char *name)
{
	sb_add_mysql_ident(sb, name);
}

static void str(StrBuf *sb, const char *text)
{
	sb_add_mysql_string(sb, text);
}

static void say(Oc *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(Oc *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(x->s->out, fmt, ap);
	va_end(ap);
	fputc('\n', x->s->out);
	fflush(x->s->out);
}

/* Tests: SQLSHAPE_OSC_STOP_AT=PHASE kills the process right there (as kill -9 would). */
static void stop_at(Oc *x, const char *phase)
{
	const char *want = getenv("SQLSHAPE_OSC_STOP_AT");
	if (want && !strcmp(want, phase)) {
		say(x, "-- SQLSHAPE_OSC_STOP_AT=%s: killing the process", phase);
		raise(SIGKILL);
	}
}

/* Move a quiet sink's messages into the run's (printed there if it prints). */
static void forward(Oc *x, Diag *qd)
{
	if (x->d->stream && qd->text.len)
		fputs(sb_str(&qd->text), x->d->stream);
	sb_adds(&x->d->text, sb_str(&qd->text));
	x->d->errors += qd->errors;
}

static int query_sb(Oc *x, StrBuf *sb, Rows *r)
{
	int rc = conn_query(x->c, x->d, sb_str(sb), r);
	sb_release(sb);
	return rc;
}

/* Sessions of the table's database with an open transaction, other than ours: "" when none,
 * else their connection ids; NULL when that cannot be read. An open transaction that has read
 * the table holds a shared metadata lock on it until it ends; a DDL that arrives then waits for
 * it, and when that transaction next writes the table it waits for the DDL in turn: the server
 * sees a deadlock and rolls back the application's transaction (1213; the DDL weighs more).
 * InnoDB does not say which tables a transaction has read, so every open transaction of a
 * session whose current database is the table's counts. */
static const char *open_transactions(Oc *x)
{
	StrBuf sb;
	Rows r;
	Diag qd;
	int rc;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	sb_init(&sb);
	sb_addf(&sb, "SELECT GROUP_CONCAT(t.trx_mysql_thread_id) FROM information_schema.INNODB_TRX t "
		     "JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id "
		     "WHERE p.DB = DATABASE() AND t.trx_mysql_thread_id NOT IN (%ld, %ld)",
		conn_session_id(x->c), conn_session_id(x->s->aux));
	rc = conn_query(x->c, &qd, sb_str(&sb), &r);
	sb_release(&sb);
	diag_release(&qd);
	if (rc < 0 || r.nrows != 1)
		return NULL;
	return ROWS_AT(&r, 0, 0) ? ROWS_AT(&r, 0, 0) : "";
}

/* Before a DDL while the application's transactions may use the table or (through our
 * triggers) the shadow: wait, at most one lock timeout, for a moment when no transaction of
 * the database is open, so that the DDL does not catch one between a read and a write (see
 * open_transactions). Nobody waits for us meanwhile. Under constant load there may be no such
 * moment: the DDL then runs anyway, under its short lock wait. */
static void wait_quiet(Oc *x)
{
	double t0 = exec_now(), budget = x->s->opt.lock_timeout;
	const char *who = NULL;
	/* not faster: on a busy machine the polls themselves would keep the clients from finishing */
	while ((who = open_transactions(x)) && *who && exec_now() - t0 < budget)
		exec_sleep(0.01);
	if (who && *who)
		say(x, "-- transactions stayed open for %.1f s (connections %s): running the DDL anyway", exec_now() - t0, who);
}

static void restore_lock_timeout(Oc *x)
{
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	exec_set_lock_timeout(x->c, &qd, &x->s->opt);
	diag_release(&qd);
}

/* The DDL without waiting for its metadata lock (MariaDB's lock_wait_timeout = 0): it fails at
 * once while any transaction holds the table, so it never queues the application behind it
 * and never catches a transaction between its read and its write (see open_transactions);
 * tried again every 5-20 ms, for as long as a DDL's tries would wait in all. 1: done; 0: not
 * possible here (MySQL: lock_wait_timeout is at least 1) or the table stayed busy; -1: another
 * error, reported. */
static int ddl_nowait(Oc *x, const char *sql)
{
	double t0 = exec_now(), budget = x->s->opt.lock_timeout * (x->s->opt.retries + 1);
	bool said = false;
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	if (x->nowait < 0) {
		Rows r;
		x->nowait = conn_exec(x->c, &qd, "SET SESSION lock_wait_timeout = 0") == 0 &&
			    conn_query(x->c, &qd, "SELECT @@lock_wait_timeout", &r) == 0 && r.nrows == 1 && ROWS_AT(&r, 0, 0) &&
			    !strcmp(ROWS_AT(&r, 0, 0), "0");
		restore_lock_timeout(x);
	}
	if (!x->nowait) {
		diag_release(&qd);
		return 0;
	}
	if (conn_exec(x->c, &qd, "SET SESSION lock_wait_timeout = 0") < 0) {
		diag_release(&qd);
		return 0;
	}
	for (;;) {
		int e;
		if (conn_exec(x->c, &qd, sql) == 0) {
			diag_release(&qd);
			restore_lock_timeout(x);
			if (said)
				say(x, "-- done after %.1f s of tries", exec_now() - t0);
			return 1;
		}
		e = conn_last_errno(x->c);
		if (e != 1205 && e != 1213) {
			forward(x, &qd);
			diag_release(&qd);
			restore_lock_timeout(x);
			return -1;
		}
		diag_release(&qd);
		diag_init(&qd, x->a);
		qd.stream = NULL;
		if (exec_now() - t0 >= budget) {
			const char *who = open_transactions(x);
			say(x, "-- \"%s\" stayed in use for %.0f s (open transactions: connections %s): waiting for the lock now",
			    x->table, exec_now() - t0, who && *who ? who : "?");
			diag_release(&qd);
			restore_lock_timeout(x);
			return 0;
		}
		if (!said && exec_now() - t0 >= x->s->opt.lock_timeout) {
			const char *who = open_transactions(x);
			say(x, "-- \"%s\" is in use by open transactions (connections %s): trying again without waiting, for up to %.0f s",
			    x->table, who && *who ? who : "?", budget);
			said = true;
		}
		exec_sleep(0.005 + 0.015 * ((double)rand() / RAND_MAX));
	}
}

/* A statement that waits for a metadata lock (CREATE/DROP TRIGGER, CREATE/ALTER/DROP/RENAME
 * TABLE): the session's short lock wait, retried on a lock timeout with back-off, the same
 * budget as every step of the safe executor, and on a deadlock (the DDL chosen as the victim
 * of a metadata-lock cycle). Printed before it runs. While our triggers are on the table
 * (the application's transactions use it and the shadow) it is first tried without waiting
 * (ddl_nowait), or where that is impossible, after a moment without open transactions
 * (wait_quiet). may_nowait false: a long ALTER of the shadow (an index build), which a failed
 * try without waiting at its very end would throw away; the application's transactions only
 * write the shadow, so they cannot be caught between a read and a write of it. */
static int ddl_opt(Oc *x, const char *sql, bool may_nowait)
{
	if (x->live && may_nowait) {
		int rc;
		fprintf(x->s->out, "%s;\n", sql);
		fflush(x->s->out);
		if ((rc = ddl_nowait(x, sql)) != 0)
			return rc < 0 ? -1 : 0;
	}
	for (int attempt = 1;; attempt++) {
		Diag qd;
		double t0;
		int rc;
		if (attempt == 1 && !(x->live && may_nowait)) {
			fprintf(x->s->out, "%s;\n", sql);
			fflush(x->s->out);
		}
		if (x->live && !x->nowait)
			wait_quiet(x);
		t0 = exec_now();
		diag_init(&qd, x->a);
		qd.stream = NULL;
		rc = conn_exec(x->c, &qd, sql);
		if (rc == 0) {
			diag_release(&qd);
			return 0;
		}
		if ((conn_last_errno(x->c) == 1205 || conn_last_errno(x->c) == 1213) && attempt <= x->s->opt.retries) {
			double pause = exec_backoff(&x->s->opt, attempt + 1);
			diag_release(&qd);
			say(x, "-- %s after %.1f s (try %d of %d); next try in %.1f s",
			    conn_last_errno(x->c) == 1205 ? "lock wait timed out" : "deadlock", exec_now() - t0, attempt,
			    x->s->opt.retries + 1, pause);
			exec_sleep(pause);
			continue;
		}
		if (x->d->stream && qd.text.len)
			fputs(sb_str(&qd.text), x->d->stream);
		sb_adds(&x->d->text, sb_str(&qd.text));
		x->d->errors += qd.errors;
		diag_release(&qd);
		if (conn_last_errno(x->c) == 1205)
			diag_note(x->d, "gave up after %d tries of at most %.0f s lock wait each: sessions kept the table", attempt,
				  x->s->opt.lock_timeout);
		return -1;
	}
}

static int ddl(Oc *x, const char *sql)
{
	return ddl_opt(x, sql, true);
}

static int ddl_sb(Oc *x, StrBuf *sb)
{
	int rc = ddl(x, sb_str(sb));
	sb_release(sb);
	return rc;
}

/* A name of at most 64 characters: the table's name, shortened (on a character boundary, with a
 * hash of the whole) when the suffix would not fit. */
static const char *derived(Arena *a, const char *table, const char *suffix)
{
	size_t n = strlen(table), room = 64 - strlen(suffix);
	unsigned h = 2166136261u;
	if (n <= room)
		return arena_printf(a, "%s%s", table, suffix);
	for (const unsigned char *p = (const unsigned char *)table; *p; p++)
		h = (h ^ *p) * 16777619u;
	n = room - 9;
	while (n && ((unsigned char)table[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(a, "%.*s_%08x%s", (int)n, table, h, suffix);
}

static void oc_init(Oc *x, ExecSession *s, Diag *d, const char *table)
{
	memset(x, 0, sizeof *x);
	x->s = s;
	x->d = d;
	x->a = s->arena;
	x->c = s->conn;
	x->table = table;
	x->shadow = derived(x->a, table, "__osc_new");
	x->old = derived(x->a, table, "__osc_old");
	x->trg[0] = derived(x->a, table, "__osc_ins");
	x->trg[1] = derived(x->a, table, "__osc_upd");
	x->trg[2] = derived(x->a, table, "__osc_del");
	x->pos = derived(x->a, table, "__osc_pos");
	x->lockname = arena_printf(x->a, "sqlshape-osc:%.20s.%.30s", s->target, table);
	x->checkpoint = s->opt.journal;
	x->keep_old = s->opt.keep_old_table;
	x->chunk = s->opt.chunk_size > 0 ? s->opt.chunk_size : 1000;
	x->nowait = -1;
}

static int table_exists(Oc *x, const char *name)
{
	StrBuf sb;
	Rows r;
	sb_init(&sb);
	sb_adds(&sb, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
	str(&sb, name);
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	return r.nrows == 1 && ROWS_AT(&r, 0, 0) && atoi(ROWS_AT(&r, 0, 0)) > 0;
}

/* ---- checkpoint (`_sqlshape`.`online_copies`, on the aux connection) ---- */

static int cp_exec(Oc *x, StrBuf *sb)
{
	int rc = conn_exec(x->s->aux, x->d, sb_str(sb));
	sb_release(sb);
	return rc;
}

static void cp_where(Oc *x, StrBuf *sb)
{
	sb_adds(sb, " WHERE `target` = ");
	str(sb, x->s->target);
	sb_adds(sb, " AND `table_name` = ");
	str(sb, x->table);
}

static int cp_begin(Oc *x)
{
	StrBuf sb;
	if (!x->checkpoint)
		return 0;
	sb_init(&sb);
	sb_adds(&sb, "REPLACE INTO `_sqlshape`.`online_copies` (`target`, `table_name`, `shadow_name`, `old_name`, `state`, "
		     "`alter_text`, `renames`, `keep_old`, `started_at`, `updated_at`) VALUES (");
	str(&sb, x->s->target);
	sb_adds(&sb, ", ");
	str(&sb, x->table);
	sb_adds(&sb, ", ");
	str(&sb, x->shadow);
	sb_adds(&sb, ", ");
	str(&sb, x->old);
	sb_adds(&sb, ", 'shadow', ");
	str(&sb, x->alter);
	sb_adds(&sb, ", ");
	str(&sb, x->renames ? x->renames : "");
	sb_addf(&sb, ", %d, NOW(6), NOW(6))", x->keep_old ? 1 : 0);
	return cp_exec(x, &sb);
}

static int cp_state(Oc *x, const char *state)
{
	StrBuf sb;
	if (!x->checkpoint)
		return 0;
	sb_init(&sb);
	sb_adds(&sb, "UPDATE `_sqlshape`.`online_copies` SET `state` = ");
	str(&sb, state);
	sb_addf(&sb, ", `rows_copied` = %lld, `keep_old` = %d, `updated_at` = NOW(6)", x->copied, x->keep_old ? 1 : 0);
	cp_where(x, &sb);
	return cp_exec(x, &sb);
}

static int cp_delete(Oc *x)
{
	StrBuf sb;
	if (!x->checkpoint)
		return 0;
	sb_init(&sb);
	sb_adds(&sb, "DELETE FROM `_sqlshape`.`online_copies`");
	cp_where(x, &sb);
	return cp_exec(x, &sb);
}

/* ---- the per-table lock ---- */

static int take_table_lock(Oc *x)
{
	StrBuf sb;
	Rows r;
	sb_init(&sb);
	sb_adds(&sb, "SELECT GET_LOCK(");
	str(&sb, x->lockname);
	sb_adds(&sb, ", 0), IS_USED_LOCK(");
	str(&sb, x->lockname);
	sb_adds(&sb, ")");
	if (query_sb(x, &sb, &r) < 0 || r.nrows != 1)
		return -1;
	if (!ROWS_AT(&r, 0, 0) || strcmp(ROWS_AT(&r, 0, 0), "1"))
		return diag_error(x->d, LOC_NONE, "another online copy of table \"%s\" is running (session %s)", x->table,
				  ROWS_AT(&r, 0, 1) ? ROWS_AT(&r, 0, 1) : "?");
	x->locked = true;
	return 0;
}

static void release_table_lock(Oc *x)
{
	StrBuf sb;
	Diag qd;
	if (!x->locked)
		return;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	sb_init(&sb);
	sb_adds(&sb, "DO RELEASE_LOCK(");
	str(&sb, x->lockname);
	sb_adds(&sb, ")");
	conn_exec(x->c, &qd, sb_str(&sb));
	sb_release(&sb);
	diag_release(&qd);
	x->locked = false;
}

/* ---- cleanup ---- */

/* Triggers first (while they exist every write to the table also writes the shadow), then the
 * table named `what` (the shadow, or the old table after a swap). Errors are reported and
 * leave the names for the next run's recovery. */
static int drop_leftovers(Oc *x, const char *what)
{
	int rc = 0;
	for (int i = 0; i < 3; i++) {
		StrBuf sb;
		sb_init(&sb);
		sb_adds(&sb, "DROP TRIGGER IF EXISTS ");
		id(&sb, x->trg[i]);
		if (ddl_sb(x, &sb) < 0)
			rc = -1;
	}
	if (rc == 0) {
		StrBuf sb;
		sb_init(&sb);
		sb_adds(&sb, "DROP TABLE IF EXISTS ");
		id(&sb, x->pos);
		if (what) {
			sb_adds(&sb, ", ");
			id(&sb, what);
		}
		if (ddl_sb(x, &sb) < 0)
			rc = -1;
	}
	return rc;
}

/* After a failure before the swap: everything the run created goes, the original stays as it
 * was. */
static void abandon(Oc *x)
{
	Diag *keep = x->d;
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = keep->stream;
	x->d = &qd;
	say(x, "-- online copy of \"%s\" abandoned: dropping its triggers, then its shadow table", x->table);
	x->live = true;
	if (drop_leftovers(x, x->shadow) == 0)
		cp_delete(x);
	else
		diag_note(keep, "the next apply drops what is left (triggers %s, %s, %s and table %s)", x->trg[0], x->trg[1],
			  x->trg[2], x->shadow);
	x->d = keep;
	diag_release(&qd);
	release_table_lock(x);
}

/* ---- pre-flight ---- */

/* Is dt one of the n names in t? */
static bool in_list(const char *dt, const char *const *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (dt && !strcmp(dt, t[i]))
			return true;
	return false;
}

static bool is_text_type(const char *dt)
{
	static const char *const t[] = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json"};
	return in_list(dt, t, sizeof t / sizeof t[0]);
}

static bool is_int_type(const char *dt)
{
	static const char *const t[] = {"tinyint", "smallint", "mediumint", "int", "bigint"};
	return in_list(dt, t, sizeof t / sizeof t[0]);
}

static bool is_bytes_type(const char *dt)
{
	static const char *const t[] = {"varbinary", "tinyblob", "blob", "mediumblob", "longblob"};
	return in_list(dt, t, sizeof t / sizeof t[0]);
}

/* Refusals that need nothing created: engine, system versioning, triggers, foreign keys. */
static int preflight(Oc *x)
{
	StrBuf sb;
	Rows r;

	sb_init(&sb);
	sb_adds(&sb, "SELECT ENGINE, TABLE_TYPE, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
		     "AND TABLE_NAME = ");
	str(&sb, x->table);
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (r.nrows != 1)
		return diag_error(x->d, LOC_NONE, "online copy: table \"%s\" does not exist", x->table);
	if (ROWS_AT(&r, 0, 1) && strstr(ROWS_AT(&r, 0, 1), "VERSIONED")) {
		diag_error(x->d, LOC_NONE, "online copy refused: table \"%s\" is system-versioned (its history cannot be copied)",
			   x->table);
		diag_hint(x->d, "accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
	}
	if (!ROWS_AT(&r, 0, 0) || strcasecmp(ROWS_AT(&r, 0, 0), "InnoDB")) {
		diag_error(x->d, LOC_NONE, "online copy refused: table \"%s\" uses engine %s, not InnoDB (the copy needs row locks and transactions)",
			   x->table, ROWS_AT(&r, 0, 0) ? ROWS_AT(&r, 0, 0) : "?");
		diag_hint(x->d, "accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
	}
	x->est_rows = ROWS_AT(&r, 0, 2) ? atoll(ROWS_AT(&r, 0, 2)) : 0;

	sb_init(&sb);
	sb_adds(&sb, "SELECT GROUP_CONCAT(TRIGGER_NAME ORDER BY TRIGGER_NAME SEPARATOR ', ') FROM information_schema.TRIGGERS "
		     "WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ");
	str(&sb, x->table);
	sb_adds(&sb, " AND TRIGGER_NAME NOT IN (");  /* ours, of a deferred copy */
	for (int i = 0; i < 3; i++) {
		if (i)
			sb_adds(&sb, ", ");
		str(&sb, x->trg[i]);
	}
	sb_adds(&sb, ")");
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (r.nrows == 1 && ROWS_AT(&r, 0, 0)) {
		diag_error(x->d, LOC_NONE, "online copy refused: table \"%s\" has triggers of its own (%s); the copy keeps the shadow table in sync with triggers",
			   x->table, ROWS_AT(&r, 0, 0));
		diag_hint(x->d, "drop them for the time of the change, or accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
	}

	sb_init(&sb);
	sb_adds(&sb, "SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
		     "WHERE (CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ");
	str(&sb, x->table);
	sb_adds(&sb, ") OR (UNIQUE_CONSTRAINT_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME = ");
	str(&sb, x->table);
	sb_adds(&sb, ") ORDER BY CONSTRAINT_NAME LIMIT 1");
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (r.nrows) {
		bool child = !strcmp(ROWS_AT(&r, 0, 1), x->table);
		diag_error(x->d, LOC_NONE, "online copy refused: table \"%s\" %s a foreign key (\"%s\" %s \"%s\"); the swap would leave it %s",
			   x->table, child ? "has" : "is referenced by", ROWS_AT(&r, 0, 0),
			   child ? "references" : "on", child ? ROWS_AT(&r, 0, 2) : ROWS_AT(&r, 0, 1),
			   child ? "on the old table" : "pointing at the old table");
		diag_hint(x->d, "the built-in engine does not rebuild foreign keys; use --osc pt-osc, or accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
	}
	return 0;
}

/* The key the copy walks: the PRIMARY KEY, else the UNIQUE key over NOT NULL columns with the
 * fewest columns (no prefix parts, no ENUM/SET: their order is not their text's). */
static int choose_key(Oc *x)
{
	StrBuf sb;
	Rows r;
	const char *best = NULL;
	int bestn = 0, start = -1;

	sb_init(&sb);
	sb_adds(&sb, "SELECT s.INDEX_NAME, s.COLUMN_NAME, c.IS_NULLABLE, c.DATA_TYPE, c.CHARACTER_SET_NAME, s.SUB_PART, "
		     "(c.EXTRA LIKE '%VIRTUAL%' OR c.EXTRA LIKE '%STORED%' OR c.EXTRA LIKE '%PERSISTENT%') "
		     "FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA "
		     "AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME "
		     "WHERE s.TABLE_SCHEMA = DATABASE() AND s.NON_UNIQUE = 0 AND s.TABLE_NAME = ");
	str(&sb, x->table);
	sb_adds(&sb, " ORDER BY s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX");
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	for (int i = 0; i < r.nrows;) {
		const char *name = ROWS_AT(&r, i, 0);
		int j = i, n = 0;
		bool usable = true;
		for (; j < r.nrows && !strcmp(ROWS_AT(&r, j, 0), name); j++, n++) {
			const char *dt = ROWS_AT(&r, j, 3);
			if (strcmp(ROWS_AT(&r, j, 2), "NO") || ROWS_AT(&r, j, 5) || !strcmp(ROWS_AT(&r, j, 6), "1") ||
			    !strcmp(dt, "enum") || !strcmp(dt, "set"))
				usable = false;
		}
		if (usable && (!best || (strcmp(best, "PRIMARY") && n < bestn))) {
			best = name;
			bestn = n;
			start = i;
		}
		i = j;
	}
	if (!best) {
		diag_error(x->d, LOC_NONE, "online copy refused: table \"%s\" has no PRIMARY KEY and no UNIQUE key over NOT NULL columns; "
			   "the copy cannot walk it in chunks nor find a row again to keep the shadow table in sync", x->table);
		diag_hint(x->d, "add a primary key first (ADD PRIMARY KEY runs online when its columns are NOT NULL and unique), "
			  "or accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
	}
	x->index = best;
	x->nkey = bestn;
	x->key = arena_alloc(x->a, sizeof(OcKey) * (size_t)bestn);
	for (int k = 0; k < bestn; k++) {
		const char *dt = ROWS_AT(&r, start + k, 3), *cs = ROWS_AT(&r, start + k, 4);
		x->key[k].old = ROWS_AT(&r, start + k, 1);
		x->key[k].hex = cs || is_bytes_type(dt) || !strcmp(dt, "binary");
		x->key[k].charset = cs;
	}
	return 0;
}

/* The new name of a column of the original ("old\tnew\n" pairs in x->renames). */
static const char *renamed(Oc *x, const char *old)
{
	const char *p = x->renames;
	size_t n = strlen(old);
	while (p && *p) {
		const char *tab = strchr(p, '\t'), *nl;
		if (!tab)
			break;
		nl = strchr(tab, '\n');
		if ((size_t)(tab - p) == n && !strncasecmp(p, old, n))
			return arena_strndup(x->a, tab + 1, nl ? (size_t)(nl - tab - 1) : strlen(tab + 1));
		p = nl ? nl + 1 : tab + strlen(tab);
	}
	return old;
}

static int columns_of(Oc *x, const char *table, Rows *r)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, "
		     "(EXTRA LIKE '%VIRTUAL%' OR EXTRA LIKE '%STORED%' OR EXTRA LIKE '%PERSISTENT%'), CHARACTER_SET_NAME, IS_NULLABLE "
		     "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
	str(&sb, table);
	sb_adds(&sb, " ORDER BY ORDINAL_POSITION");
	return query_sb(x, &sb, r);
}

/* How the original's value of c is compared with the shadow's (NULL: as it is); false when no
 * faithful conversion is known (the column is then left out of the checksum). */
static bool compare_cast(Oc *x, OcCol *c)
{
	const char *nd = c->new_dt, *od = c->old_dt;
	c->old_cast = NULL;
	if (c->new_text || !strcmp(c->old_type, c->new_type))
		return true;
	if (is_int_type(nd)) {
		c->old_cast = strstr(c->new_type, "unsigned") ? "UNSIGNED" : "SIGNED";
		if (is_int_type(od))
			c->old_cast = NULL;  /* the same digits */
	} else if (!strcmp(nd, "decimal") && c->prec && c->scale) {
		c->old_cast = arena_printf(x->a, "DECIMAL(%s,%s)", c->prec, c->scale);
	} else if (!strcmp(nd, "date")) {
		c->old_cast = "DATE";
	} else if (!strcmp(nd, "datetime") || !strcmp(nd, "timestamp")) {
		c->old_cast = arena_printf(x->a, "DATETIME(%s)", c->dtprec ? c->dtprec : "0");
	} else if (!strcmp(nd, "time")) {
		c->old_cast = arena_printf(x->a, "TIME(%s)", c->dtprec ? c->dtprec : "0");
	} else if (!strcmp(nd, "double") && (is_int_type(od) || !strcmp(od, "float") || !strcmp(od, "double"))) {
		c->old_cast = is_int_type(od) ? NULL : "DOUBLE";
	} else if (is_bytes_type(nd) && (is_bytes_type(od) || is_text_type(od))) {
		c->old_cast = NULL;
	} else {
		return false;
	}
	return true;
}

/* The copied columns: those of the original that are stored (not generated) on both sides,
 * under their new names; the key's columns must be among them. */
static int map_columns(Oc *x)
{
	Rows o, n;
	StrBuf skipped;

	if (columns_of(x, x->table, &o) < 0 || columns_of(x, x->shadow, &n) < 0)
		return -1;
	x->col = arena_alloc(x->a, sizeof(OcCol) * (size_t)(o.nrows ? o.nrows : 1));
	x->ncol = 0;
	sb_init(&skipped);
	for (int i = 0; i < o.nrows; i++) {
		const char *on = ROWS_AT(&o, i, 0), *nn = renamed(x, on);
		OcCol *c;
		int j;
		if (!strcmp(ROWS_AT(&o, i, 6), "1"))
			continue;
		for (j = 0; j < n.nrows && strcasecmp(ROWS_AT(&n, j, 0), nn); j++)
			;
		if (j == n.nrows || !strcmp(ROWS_AT(&n, j, 6), "1"))
			continue;
		c = &x->col[x->ncol++];
		c->old = on;
		c->new_ = ROWS_AT(&n, j, 0);
		c->old_dt = ROWS_AT(&o, i, 1);
		c->old_type = ROWS_AT(&o, i, 2);
		c->new_dt = ROWS_AT(&n, j, 1);
		c->new_type = ROWS_AT(&n, j, 2);
		c->prec = ROWS_AT(&n, j, 3);
		c->scale = ROWS_AT(&n, j, 4);
		c->dtprec = ROWS_AT(&n, j, 5);
		c->new_text = is_text_type(c->new_dt);
		c->same_bytes = c->new_text && is_text_type(c->old_dt) && ROWS_AT(&o, i, 7) && ROWS_AT(&n, j, 7) &&
				!strcmp(ROWS_AT(&o, i, 7), ROWS_AT(&n, j, 7));
		c->charset = c->same_bytes ? ROWS_AT(&n, j, 7) : NULL;
		c->nullable = strcmp(ROWS_AT(&o, i, 8), "NO") || strcmp(ROWS_AT(&n, j, 8), "NO");
		c->in_sum = compare_cast(x, c);
		if (!c->in_sum)
			sb_addf(&skipped, "%s\"%s\" (%s -> %s)", skipped.len ? ", " : "", c->old, c->old_type, c->new_type);
	}
	/* text columns of one character set need no CAST in the checksums (see checksum_sql) */
	x->plain_text = true;
	for (int i = 0, first = -1; i < x->ncol; i++) {
		const OcCol *c = &x->col[i];
		if (!c->in_sum || !c->new_text)
			continue;
		if (!c->same_bytes || (first >= 0 && strcmp(x->col[first].charset, c->charset)))
			x->plain_text = false;
		else if (first < 0)
			first = i;
	}
	if (skipped.len)
		say(x, "-- note: the checksums leave out %s: no exact comparison of the two types", sb_str(&skipped));
	sb_release(&skipped);
	if (!x->ncol)
		return diag_error(x->d, LOC_NONE, "online copy of \"%s\": no column to copy", x->table);
	for (int k = 0; k < x->nkey; k++) {
		int i;
		for (i = 0; i < x->ncol && strcmp(x->col[i].old, x->key[k].old); i++)
			;
		if (i == x->ncol) {
			diag_error(x->d, LOC_NONE, "online copy refused: the change drops column \"%s\" of key \"%s\" that the copy walks",
				   x->key[k].old, x->index);
			diag_hint(x->d, "split the change, or accept a blocking copy with --online-copy-min-rows above the table's rows");
		return -1;
		}
		x->key[k].new_ = x->col[i].new_;
	}
	return 0;
}

/* New UNIQUE keys of the shadow: duplicates in the original would be lost by the copy. */
static int check_new_unique(Oc *x)
{
	StrBuf sb;
	Rows r;
	sb_init(&sb);
	sb_adds(&sb, "SELECT INDEX_NAME, GROUP_CONCAT(CONCAT('`', REPLACE(COLUMN_NAME, '`', '``'), '`') ORDER BY SEQ_IN_INDEX), "
		     "GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS "
		     "WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND TABLE_NAME = ");
	str(&sb, x->shadow);
	sb_adds(&sb, " GROUP BY INDEX_NAME");
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	for (int i = 0; i < r.nrows; i++) {
		const char *cols = ROWS_AT(&r, i, 1);
		StrBuf q, olist;
		Rows d, ex;
		bool mappable = true;
		/* the same columns unique in the original already: nothing new */
		sb_init(&q);
		sb_adds(&q, "SELECT COUNT(*) FROM (SELECT INDEX_NAME, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS c "
			    "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND NON_UNIQUE = 0 AND TABLE_NAME = ");
		str(&q, x->table);
		sb_adds(&q, " GROUP BY INDEX_NAME) k WHERE k.c = ");
		{
			/* the shadow's columns under the original's names */
			StrBuf names;
			const char *p = ROWS_AT(&r, i, 2);
			sb_init(&names);
			sb_init(&olist);
			while (*p) {
				size_t n = strcspn(p, ",");
				const char *nn = arena_strndup(x->a, p, n), *on = NULL;
				for (int k = 0; k < x->ncol; k++)
					if (!strcasecmp(x->col[k].new_, nn))
						on = x->col[k].old;
				if (!on)
					mappable = false;
				sb_addf(&names, "%s%s", names.len ? "," : "", on ? on : nn);
				if (olist.len)
					sb_adds(&olist, ", ");
				id(&olist, on ? on : nn);
				p += n;
				if (*p == ',')
					p++;
			}
			str(&q, sb_str(&names));
			sb_release(&names);
		}
		(void)cols;
		if (!mappable) {
			sb_release(&q);
			sb_release(&olist);
			continue;  /* over a new column: its values come from defaults, the checksums judge */
		}
		if (query_sb(x, &q, &ex) < 0) {
			sb_release(&olist);
			return -1;
		}
		if (ex.nrows == 1 && atoi(ROWS_AT(&ex, 0, 0)) > 0) {
			sb_release(&olist);
			continue;
		}
		sb_init(&q);
		sb_addf(&q, "SELECT %s FROM ", sb_str(&olist));
		id(&q, x->table);
		sb_addf(&q, " GROUP BY %s HAVING COUNT(*) > 1 LIMIT 1", sb_str(&olist));
		sb_release(&olist);
		if (query_sb(x, &q, &d) < 0)
			return -1;
		if (d.nrows) {
			diag_error(x->d, LOC_NONE, "online copy refused: the new UNIQUE key \"%s\" of \"%s\" has duplicates in the table; the copy would lose rows",
				   ROWS_AT(&r, i, 0), x->table);
			diag_hint(x->d, "remove the duplicate rows first");
		return -1;
		}
	}
	return 0;
}

/* ---- SQL pieces ---- */

static void col_list(StrBuf *sb, Oc *x, bool new_side, const char *prefix)
{
	for (int i = 0; i < x->ncol; i++) {
		if (i)
			sb_adds(sb, ", ");
		if (prefix)
			sb_adds(sb, prefix);
		id(sb, new_side ? x->col[i].new_ : x->col[i].old);
	}
}

static void key_list(StrBuf *sb, Oc *x, bool new_side)
{
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(sb, ", ");
		id(sb, new_side ? x->key[k].new_ : x->key[k].old);
	}
}

/* A key value as fetched (HEX() for string and binary columns) as a literal. */
static void key_value(StrBuf *sb, const OcKey *k, const char *v)
{
	if (k->hex) {
		if (k->charset)
			sb_addf(sb, "_%s ", k->charset);
		sb_addf(sb, "X'%s'", v);
	} else {
		str(sb, v);
	}
}

/* key > vals (cmp ">") or key <= vals (cmp "<="), expanded into OR/AND form. */
static void key_cmp(StrBuf *sb, Oc *x, bool new_side, const char *cmp, const char *const *vals)
{
	bool le = !strcmp(cmp, "<=");
	sb_addc(sb, '(');
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(sb, " OR ");
		sb_addc(sb, '(');
		for (int j = 0; j < k; j++) {
			id(sb, new_side ? x->key[j].new_ : x->key[j].old);
			sb_adds(sb, " = ");
			key_value(sb, &x->key[j], vals[j]);
			sb_adds(sb, " AND ");
		}
		id(sb, new_side ? x->key[k].new_ : x->key[k].old);
		sb_adds(sb, le ? (k == x->nkey - 1 ? " <= " : " < ") : " > ");
		key_value(sb, &x->key[k], vals[k]);
		sb_addc(sb, ')');
	}
	sb_addc(sb, ')');
}

/* WHERE for the range (lo, hi]: lo NULL = from the start, hi NULL = to the end. */
static void range(StrBuf *sb, Oc *x, bool new_side, const char *const *lo, const char *const *hi)
{
	if (!lo && !hi) {
		sb_adds(sb, "1");
		return;
	}
	if (lo)
		key_cmp(sb, x, new_side, ">", lo);
	if (lo && hi)
		sb_adds(sb, " AND ");
	if (hi)
		key_cmp(sb, x, new_side, "<=", hi);
}

static void from_original(StrBuf *sb, Oc *x)
{
	sb_adds(sb, " FROM ");
	id(sb, x->table);
	sb_adds(sb, " FORCE INDEX (");
	id(sb, x->index);
	sb_adds(sb, ")");
}

/* INSERT of the original's rows in the range into the shadow; a row the triggers already wrote
 * is the newer one and stays (the no-op ON DUPLICATE KEY UPDATE, which unlike IGNORE keeps
 * conversion errors errors). */
static void copy_sql(StrBuf *sb, Oc *x, const char *const *lo, const char *const *hi, bool locking)
{
	sb_adds(sb, "INSERT INTO ");
	id(sb, x->shadow);
	sb_adds(sb, " (");
	col_list(sb, x, true, NULL);
	sb_adds(sb, ") SELECT ");
	col_list(sb, x, false, NULL);
	from_original(sb, x);
	sb_adds(sb, " WHERE ");
	range(sb, x, false, lo, hi);
	sb_adds(sb, locking ? " LOCK IN SHARE MODE ON DUPLICATE KEY UPDATE " : " ON DUPLICATE KEY UPDATE ");
	id(sb, x->col[0].new_);
	sb_adds(sb, " = ");
	id(sb, x->shadow);
	sb_addc(sb, '.');
	id(sb, x->col[0].new_);
}

static void checksum_sql(StrBuf *sb, Oc *x, bool new_side, const char *const *lo, const char *const *hi)
{
	bool any = false;
	sb_adds(sb, "SELECT COUNT(*), COALESCE(BIT_XOR(CRC32(CONCAT_WS('#'");
	for (int i = 0; i < x->ncol; i++) {
		const OcCol *c = &x->col[i];
		const char *name = new_side ? c->new_ : c->old;
		if (!c->in_sum)
			continue;
		sb_adds(sb, ", ");
		if (c->same_bytes && x->plain_text) {
			/* the same bytes on both sides, and every text column in one character set:
			 * CONCAT_WS joins them as they are (collations of one character set do not
			 * clash there); a CAST would copy each value (about a third slower) */
			id(sb, name);
		} else if (c->same_bytes) {
			/* the same bytes on both sides: no conversion, and binary strings have no
			 * collation to clash in CONCAT_WS (utf8mb4 with ucs2 would) */
			sb_adds(sb, "CAST(");
			id(sb, name);
			sb_adds(sb, " AS BINARY)");
		} else if (c->new_text) {
			sb_adds(sb, "CONVERT(");
			id(sb, name);
			sb_adds(sb, " USING utf8mb4)");
		} else if (!new_side && c->old_cast) {
			sb_adds(sb, "CAST(");
			id(sb, name);
			sb_addf(sb, " AS %s)", c->old_cast);
		} else {
			id(sb, name);
		}
	}
	/* CONCAT_WS skips NULLs: which of the values that may be one (a nullable column, or a
	 * CAST, which gives NULL for a value it cannot convert) are */
	for (int i = 0; i < x->ncol; i++) {
		if (!x->col[i].in_sum || !(x->col[i].nullable || x->col[i].old_cast))
			continue;
		sb_adds(sb, any ? ", " : ", CONCAT(");
		sb_adds(sb, "ISNULL(");
		id(sb, new_side ? x->col[i].new_ : x->col[i].old);
		sb_adds(sb, ")");
		any = true;
	}
	sb_adds(sb, any ? ")))), 0)" : "))), 0)");
	if (new_side) {
		sb_adds(sb, " FROM ");
		id(sb, x->shadow);
	} else {
		from_original(sb, x);
	}
	sb_adds(sb, " WHERE ");
	range(sb, x, new_side, lo, hi);
}

/* The two checksum_sql rows (original, shadow) agree; *count: the original's rows. */
static bool sums_agree(const Rows *orig, const Rows *shadow, long long *count)
{
	*count = orig->nrows == 1 ? atoll(ROWS_AT(orig, 0, 0)) : 0;
	return orig->nrows == 1 && shadow->nrows == 1 && !strcmp(ROWS_AT(orig, 0, 0), ROWS_AT(shadow, 0, 0)) &&
	       !strcmp(ROWS_AT(orig, 0, 1), ROWS_AT(shadow, 0, 1));
}

/* ---- phases ---- */

static int defer_indexes(Oc *x);
static int run_retry(Oc *x, const char *sql, Rows *rows);
static char *verify_text(Oc *x, const char *const *lo, const char *const *hi);
static int verify_range(Oc *x, const char *const *lo, const char *const *hi, long seq, long long *count);

static int create_shadow(Oc *x)
{
	StrBuf sb;
	int e;
	if ((e = table_exists(x, x->shadow)) != 0)
		return e < 0 ? -1 : diag_error(x->d, LOC_NONE, "online copy of \"%s\": table \"%s\" exists already", x->table, x->shadow);
	if ((e = table_exists(x, x->old)) != 0) {
		if (e > 0) {
			diag_error(x->d, LOC_NONE, "online copy of \"%s\": table \"%s\" exists (an old table kept by an earlier run?)",
				   x->table, x->old);
			diag_hint(x->d, "drop it (or rename it) first");
		}
		return -1;
	}
	if (cp_begin(x) < 0)
		return -1;
	sb_init(&sb);
	sb_adds(&sb, "CREATE TABLE ");
	id(&sb, x->shadow);
	sb_adds(&sb, " LIKE ");
	id(&sb, x->table);
	if (ddl_sb(x, &sb) < 0)
		return -1;
	stop_at(x, "shadow");
	sb_init(&sb);
	sb_adds(&sb, "ALTER TABLE ");
	id(&sb, x->shadow);
	sb_addf(&sb, " %s", x->alter);
	if (ddl_sb(x, &sb) < 0)
		return -1;
	return defer_indexes(x);
}

/* Plain secondary indexes (KEY, not UNIQUE, FULLTEXT or SPATIAL) cost most of a row-by-row
 * copy when they do not fit in memory; built after the copy, from sorted runs, they cost far
 * less. Their definitions are taken verbatim from SHOW CREATE TABLE of the shadow, dropped
 * while it is empty and added again by add_indexes. */
static int defer_indexes(Oc *x)
{
	StrBuf sb, drop, add;
	Rows r;
	const char *p;
	sb_init(&sb);
	sb_adds(&sb, "SHOW CREATE TABLE ");
	id(&sb, x->shadow);
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (r.nrows != 1 || r.ncols < 2 || !ROWS_AT(&r, 0, 1))
		return 0;
	sb_init(&drop);
	sb_init(&add);
	for (p = ROWS_AT(&r, 0, 1); p && *p;) {
		const char *nl = strchr(p, '\n'), *q = p;
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		while (*q == ' ')
			q++;
		if (!strncmp(q, "KEY `", 5)) {
			const char *end = p + len, *n = q + 5;
			StrBuf name;
			sb_init(&name);
			while (n < end && !(n[0] == '`' && n[1] != '`')) {
				sb_addc(&name, *n);
				n += n[0] == '`' ? 2 : 1;
			}
			if (end > q && end[-1] == ',')
				end--;
			sb_addf(&add, "%s%.*s", add.len ? ", " : "ADD ", (int)(end - q), q);
			if (drop.len)
				sb_adds(&drop, ", ");
			sb_adds(&drop, "DROP KEY ");
			id(&drop, sb_str(&name));
			sb_release(&name);
		}
		p = nl ? nl + 1 : NULL;
	}
	if (!drop.len) {
		sb_release(&drop);
		sb_release(&add);
		return 0;
	}
	x->readd = sb_move_to_arena(&add, x->a);
	sb_init(&sb);
	sb_adds(&sb, "ALTER TABLE ");
	id(&sb, x->shadow);
	sb_addf(&sb, " %s", sb_str(&drop));
	sb_release(&drop);
	return ddl_sb(x, &sb);
}

static int add_indexes(Oc *x)
{
	StrBuf sb;
	double t0 = exec_now();
	if (!x->readd)
		return 0;
	sb_init(&sb);
	sb_adds(&sb, "ALTER TABLE ");
	id(&sb, x->shadow);
	sb_addf(&sb, " %s", x->readd);
	if (ddl_opt(x, sb_str(&sb), false) < 0) {
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	say(x, "-- secondary indexes built after the copy in %.1f s", exec_now() - t0);
	return 0;
}

/* The new row into the shadow, replacing the row of the same key: INSERT ... ON DUPLICATE KEY
 * UPDATE of every column (an update in place takes fewer locks than REPLACE's delete and
 * insert, so application transactions deadlock less with each other through the shadow). */
static void upsert(StrBuf *sb, Oc *x)
{
	sb_adds(sb, "INSERT INTO ");
	id(sb, x->shadow);
	sb_adds(sb, " (");
	col_list(sb, x, true, NULL);
	sb_adds(sb, ") VALUES (");
	col_list(sb, x, false, "NEW.");
	sb_adds(sb, ") ON DUPLICATE KEY UPDATE ");
	for (int i = 0; i < x->ncol; i++) {
		if (i)
			sb_adds(sb, ", ");
		id(sb, x->col[i].new_);
		sb_adds(sb, " = VALUES(");
		id(sb, x->col[i].new_);
		sb_adds(sb, ")");
	}
}

/* The table that tells the triggers how far the copy has gone: one row, the key of the end of
 * the chunk being copied (`started`), or `done` once the last chunk began. MEMORY: reading it
 * takes no row lock, and it always shows the latest value. */
static int create_pos(Oc *x)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "CREATE TABLE ");
	id(&sb, x->pos);
	sb_adds(&sb, " (`started` tinyint NOT NULL DEFAULT 0, `done` tinyint NOT NULL DEFAULT 0) ENGINE=MEMORY SELECT ");
	key_list(&sb, x, false);
	sb_adds(&sb, " FROM ");
	id(&sb, x->table);
	sb_adds(&sb, " LIMIT 0");
	if (ddl_sb(x, &sb) < 0)
		return -1;
	sb_init(&sb);
	sb_adds(&sb, "INSERT IGNORE INTO ");  /* the key's columns: implicit defaults, not read while started = 0 */
	id(&sb, x->pos);
	sb_adds(&sb, " (`started`) VALUES (0)");
	return ddl_sb(x, &sb);
}

/* Before each chunk, the UPDATE that records its end (NULL: the last chunk, open above). Run
 * by copy_stmt: the triggers hold the MEMORY table's read lock for the whole statement of the
 * application that fired them, and a write lock request waiting behind them would queue every
 * later statement that fires them. */
static void set_pos_sql(StrBuf *sb_out, Oc *x, const char *const *hi)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "UPDATE ");
	id(&sb, x->pos);
	if (!hi) {
		sb_adds(&sb, " SET `done` = 1");
	} else {
		sb_adds(&sb, " SET `started` = 1");
		for (int k = 0; k < x->nkey; k++) {
			sb_adds(&sb, ", ");
			id(&sb, x->key[k].old);
			sb_adds(&sb, " = ");
			key_value(&sb, &x->key[k], hi[k]);
		}
	}
	*sb_out = sb;
}

/* "the copy has reached OLD's key": a shadow row may exist for it. A DELETE of a key the copy has
 * not reached is skipped: in REPEATABLE READ it would find no row and lock the gap above the
 * copied rows, where every other such delete and insert of the application waits (deadlocks
 * between application transactions, found with sysbench). */
static void reached(StrBuf *sb, Oc *x)
{
	sb_adds(sb, "EXISTS (SELECT 1 FROM ");
	id(sb, x->pos);
	sb_adds(sb, " WHERE `done` = 1 OR (`started` = 1 AND (");
	key_list(sb, x, false);
	sb_adds(sb, ") >= (");
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(sb, ", ");
		sb_adds(sb, "OLD.");
		id(sb, x->key[k].old);
	}
	sb_adds(sb, ")))");
}

/* "CREATE TRIGGER <trg[i]> AFTER <event> ON <table> FOR EACH ROW " into a fresh SB. */
static void trigger_head(StrBuf *sb, Oc *x, int i, const char *event)
{
	sb_init(sb);
	sb_adds(sb, "CREATE TRIGGER ");
	id(sb, x->trg[i]);
	sb_addf(sb, " AFTER %s ON ", event);
	id(sb, x->table);
	sb_adds(sb, " FOR EACH ROW ");
}

static int create_triggers(Oc *x)
{
	StrBuf sb, match;

	if (create_pos(x) < 0)
		return -1;
	x->live = true;
	/* the shadow's rows of OLD: the old key under its new names */
	sb_init(&match);
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(&match, " AND ");
		id(&match, x->key[k].new_);
		sb_adds(&match, " = OLD.");
		id(&match, x->key[k].old);
	}

	trigger_head(&sb, x, 0, "INSERT");
	upsert(&sb, x);
	if (ddl_sb(x, &sb) < 0)
		goto fail;

	trigger_head(&sb, x, 1, "UPDATE");
	sb_adds(&sb, "BEGIN IF NOT (");
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(&sb, " AND ");
		sb_adds(&sb, "OLD.");
		id(&sb, x->key[k].old);
		sb_adds(&sb, " <=> NEW.");
		id(&sb, x->key[k].old);
	}
	sb_adds(&sb, ") AND ");
	reached(&sb, x);
	sb_adds(&sb, " THEN DELETE FROM ");
	id(&sb, x->shadow);
	sb_addf(&sb, " WHERE %s; END IF; ", sb_str(&match));
	upsert(&sb, x);
	sb_adds(&sb, "; END");
	if (ddl_sb(x, &sb) < 0)
		goto fail;

	trigger_head(&sb, x, 2, "DELETE");
	sb_adds(&sb, "BEGIN IF ");
	reached(&sb, x);
	sb_adds(&sb, " THEN DELETE FROM ");
	id(&sb, x->shadow);
	sb_addf(&sb, " WHERE %s; END IF; END", sb_str(&match));
	if (ddl_sb(x, &sb) < 0)
		goto fail;
	sb_release(&match);
	return 0;
fail:
	sb_release(&match);
	return -1;
}

/* Pause while Threads_running or a watched replica's lag is above its limit
 * (executor/osc_throttle.h); -1 after a diagnostic when a replica stayed unmeasurable. */
static int throttle(Oc *x, ProgressRows *pr)
{
	return osc_throttle_wait(x->thr, pr);
}

static void rollback(Oc *x)
{
	Diag rd;
	diag_init(&rd, x->a);
	rd.stream = NULL;
	conn_exec(x->c, &rd, "ROLLBACK");
	diag_release(&rd);
}

static bool retryable(Oc *x)
{
	int e = conn_last_errno(x->c);
	return e == 1205 || e == 1213;
}

/* A statement of the copy (row locks only): retried on lock wait timeouts and deadlocks. */
static int run_retry(Oc *x, const char *sql, Rows *rows)
{
	for (int attempt = 1;; attempt++) {
		Diag qd;
		int rc;
		diag_init(&qd, x->a);
		qd.stream = NULL;
		rc = rows ? conn_query(x->c, &qd, sql, rows) : conn_exec(x->c, &qd, sql);
		if (rc == 0) {
			diag_release(&qd);
			return 0;
		}
		if (retryable(x) && attempt <= x->s->opt.retries) {
			diag_release(&qd);
			rollback(x);
			exec_sleep(exec_backoff(&x->s->opt, attempt + 1));
			continue;
		}
		forward(x, &qd);
		diag_release(&qd);
		return -1;
	}
}

/* "SELECT <key>, NOW() ... LIMIT n-1, 1": the key of the row that ends the chunk of n rows
 * after lo. */
static void chunk_end_sql(StrBuf *sb, Oc *x, const char *const *lo, long n)
{
	sb_adds(sb, "SELECT ");
	for (int k = 0; k < x->nkey; k++) {
		if (k)
			sb_adds(sb, ", ");
		if (x->key[k].hex) {
			sb_adds(sb, "HEX(");
			id(sb, x->key[k].old);
			sb_adds(sb, ")");
		} else {
			id(sb, x->key[k].old);
		}
	}
	/* and the server's time, after the chunk before it was copied (see ahead_step) */
	sb_adds(sb, ", NOW()");
	from_original(sb, x);
	if (lo) {
		sb_adds(sb, " WHERE ");
		range(sb, x, false, lo, NULL);
	}
	sb_adds(sb, " ORDER BY ");
	key_list(sb, x, false);
	sb_addf(sb, " LIMIT %ld, 1", n - 1);
}

/* The key chunk_end_sql's rows hold (NULL: no such row, the rest of the table is the last
 * chunk). */
static const char **chunk_end_of(Oc *x, const Rows *r)
{
	const char **hi;
	if (!r->nrows)
		return NULL;
	hi = arena_alloc(x->a, sizeof(char *) * (size_t)x->nkey);
	for (int k = 0; k < x->nkey; k++)
		hi[k] = ROWS_AT(r, 0, k);
	return hi;
}

/* The key of the row that ends the chunk of n rows after lo (NULL: no such row, the rest of
 * the table is the last chunk). */
static int chunk_end(Oc *x, const char *const *lo, long n, const char ***hi)
{
	StrBuf sb;
	Rows r;
	sb_init(&sb);
	chunk_end_sql(&sb, x, lo, n);
	if (run_retry(x, sb_str(&sb), &r) < 0) {
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	*hi = chunk_end_of(x, &r);
	return 0;
}

/* The next chunk's rows: sized to take `target` seconds after one of *n rows took `took`, at
 * most twice as many, between 10 and 100,000. */
static void adapt(long *n, double target, double took)
{
	double f = took > 0.001 ? target / took : 2.0;
	long next;
	if (f > 2.0)
		f = 2.0;
	if (f < 0.1)
		f = 0.1;
	next = (long)((double)*n * f);
	if (next < 10)
		next = 10;
	if (next > 100000)
		next = 100000;
	*n = next;
}

/* The copy's target per chunk (--chunk-time, else 0.05 s or 0.01 s): every shadow row a chunk
 * inserts stays locked until it commits, and an application write to such a row (through the
 * triggers) waits that long. With innodb_autoinc_lock_mode 0 or 1 and an AUTO_INCREMENT column
 * the chunk's INSERT ... SELECT also holds the shadow's table AUTO-INC lock for the whole
 * statement, and every insert of the triggers waits for it (an insert fired by an UPDATE or
 * DELETE always takes that lock in those modes): then every write of the application waits
 * for up to a chunk, so the chunks are five times shorter (bench-osc: the load's p99 98 ms at
 * 0.05 s, 37 ms at 0.01 s, the copy no slower). */
static double chunk_target(Oc *x)
{
	if (x->s->opt.chunk_time > 0)
		return x->s->opt.chunk_time;
	return x->autoinc_lock ? 0.01 : 0.05;
}

/* Does each chunk hold the shadow's AUTO-INC table lock? Said when it does. */
static void check_autoinc_lock(Oc *x)
{
	StrBuf sb;
	Rows r;
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	sb_init(&sb);
	sb_adds(&sb, "SELECT @@innodb_autoinc_lock_mode, EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
		     "AND EXTRA LIKE '%auto_increment%' AND TABLE_NAME = ");
	str(&sb, x->shadow);
	sb_adds(&sb, ")");
	x->autoinc_lock = conn_query(x->c, &qd, sb_str(&sb), &r) == 0 && r.nrows == 1 && ROWS_AT(&r, 0, 0) && ROWS_AT(&r, 0, 1) &&
			  atoi(ROWS_AT(&r, 0, 0)) < 2 && !strcmp(ROWS_AT(&r, 0, 1), "1");
	sb_release(&sb);
	diag_release(&qd);
	if (x->autoinc_lock && x->s->opt.chunk_time <= 0)
		say(x, "-- innodb_autoinc_lock_mode %s: each chunk holds the AUTO-INC lock the triggers' inserts wait for; chunks of 0.01 s",
		    ROWS_AT(&r, 0, 0));
}

/* lock_wait_timeout = 0 and innodb_lock_wait_timeout = 0 on the copy's connection (MariaDB;
 * MySQL's least is 1 s): true when the server took them. */
static bool rows_nowait(Oc *x)
{
	Rows r;
	Diag qd;
	bool ok;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	ok = conn_exec(x->c, &qd, "SET SESSION lock_wait_timeout = 0, SESSION innodb_lock_wait_timeout = 0") == 0 &&
	     conn_query(x->c, &qd, "SELECT @@lock_wait_timeout, @@innodb_lock_wait_timeout", &r) == 0 && r.nrows == 1 &&
	     ROWS_AT(&r, 0, 0) && !strcmp(ROWS_AT(&r, 0, 0), "0") && ROWS_AT(&r, 0, 1) && !strcmp(ROWS_AT(&r, 0, 1), "0");
	diag_release(&qd);
	if (!ok)
		restore_lock_timeout(x);
	return ok;
}

/* A statement of the copy that takes locks the application's statements also take: the
 * position's UPDATE (the MEMORY table's write lock) and the chunk's INSERT ... SELECT (row
 * locks in the shadow). With `nowait` (rows_nowait) it never waits for a lock: it fails at
 * once and is tried again 2-5 ms later (an application's transaction holds its row locks for
 * a few ms), for as long as a statement's tries would wait in all; then with the usual lock
 * wait (run_retry). A chunk that waited for a shadow row an
 * application transaction had written through the triggers would hold every row it had
 * inserted meanwhile, and when that transaction then wrote one of them InnoDB would see a
 * deadlock and roll back the application's transaction, the smaller one; a waiting write lock
 * on the position table queues every statement that fires the triggers, and when one of those
 * holds a row lock that a statement holding the read lock waits for, nothing resolves it but
 * a lock timeout (both found in bench-osc). */
static int copy_stmt(Oc *x, const char *sql, bool nowait, int *conflicts, Rows *rows)
{
	if (nowait) {
		double t0 = exec_now(), budget = x->s->opt.lock_timeout * (x->s->opt.retries + 1);
		bool said = false;
		while (exec_now() - t0 < budget) {
			Diag qd;
			int e;
			diag_init(&qd, x->a);
			qd.stream = NULL;
			if ((rows ? conn_query(x->c, &qd, sql, rows) : conn_exec(x->c, &qd, sql)) == 0) {
				diag_release(&qd);
				return 0;
			}
			e = conn_last_errno(x->c);
			if (e != 1205 && e != 1213) {
				forward(x, &qd);
				diag_release(&qd);
				return -1;
			}
			diag_release(&qd);
			(*conflicts)++;
			if (!said && exec_now() - t0 >= x->s->opt.lock_timeout) {
				say(x, "-- the copy meets locks of open transactions: trying again without waiting, for up to %.0f s", budget);
				said = true;
			}
			exec_sleep(0.002 + 0.003 * ((double)rand() / RAND_MAX));
		}
		restore_lock_timeout(x);
	}
	if (run_retry(x, sql, rows) < 0)
		return -1;
	if (nowait && !rows_nowait(x))
		return -1;
	return 0;
}

/* The sessions with a transaction that has modified rows and began at or before since (server
 * time): NULL when none. The engine's own sessions (and `also`, when not 0) are left out. */
static void older_sql(StrBuf *sb, Oc *x, const char *since, long also)
{
	sb_addf(sb, "SELECT GROUP_CONCAT(trx_mysql_thread_id) FROM information_schema.INNODB_TRX WHERE trx_started <= '%s' "
		    "AND trx_rows_modified > 0 AND trx_mysql_thread_id NOT IN (%ld, %ld, %ld)", since, conn_session_id(x->c),
		x->s->aux ? conn_session_id(x->s->aux) : 0, also);
}

/* ---- checksums of the copied ranges while the copy goes on ----
 * The copy keeps one core of the server busy; a connection of its own (executor/bg_conn.h)
 * checksums the ranges already copied on another, so that after the copy only the rest is left
 * to check. A range is checked once every transaction that had modified rows when its last
 * chunk was copied has ended (the gate), as the checksums after the copy wait for those older
 * than the copy (wait_older_transactions): a delete that skipped the shadow because the copy
 * had not reached the row would otherwise be seen in neither table. One range at a time, each
 * followed by as long a rest (AHEAD_RANGE_TIME); a range that differs is checked again and
 * copied again on the copy's connection, between two chunks. Without a connection to spare,
 * or when a gate does not clear within 5 s, the checksums after the copy do the rest. */
typedef struct Ahead {
	BgConn *bg;
	const char *const *from;  /* the range in flight: (from, to] */
	const char *const *to;    /* the end of what was handed over (NULL: nothing yet) */
	const char *const *upto;  /* the end of what is copied */
	const char *since;        /* the server's time after it was copied */
	long long pending;        /* rows copied after `to` */
	long batch;               /* rows per range, sized to about AHEAD_RANGE_TIME */
	double rest_until;        /* no range is handed over before then */
	long seq;
	bool busy, off;
} Ahead;

/* A range's checksums take about this long; after each, the connection rests as long as it
 * worked: the copy keeps one core busy and the application needs the others (on 2 cores, the
 * checks without rest raised the load's p99). */
#define AHEAD_RANGE_TIME 0.25

static void ahead_open(Oc *x, Ahead *h)
{
	Diag qd;
	memset(h, 0, sizeof *h);
	h->batch = x->chunk > 10 ? 10 * x->chunk : 100;  /* then sized to about 0.5 s */
	diag_init(&qd, x->a);
	qd.stream = NULL;
	h->bg = bg_open(conn_url(x->c), &x->s->opt, &qd);
	diag_release(&qd);
	h->off = !h->bg;
}

/* The result of the range in flight, once it is there (wait: until it is). -1 when it
 * differed and could not be copied again. */
static int ahead_collect(Oc *x, Ahead *h, ProgressRows *pr, bool wait)
{
	BgResult r;
	BgState st;
	long long count = 0;
	while ((st = bg_poll(h->bg, x->a, &r)) == BG_BUSY) {
		if (!wait)
			return 0;
		exec_sleep(0.002);
	}
	h->busy = false;
	if (st != BG_DONE) {
		progress_rows_end(pr);
		say(x, "-- checksums while copying stopped (%s): the checks after the copy do the rest",
		    st == BG_GATED ? "transactions older than the copied rows stayed open" : r.error ? r.error : "the connection failed");
		h->off = true;
		return 0;
	}
	if (!sums_agree(&r.sets[0], &r.sets[1], &count)) {
		progress_rows_end(pr);
		if (verify_range(x, h->from, h->to, h->seq, &count) < 0)
			return -1;
	}
	x->verified_ahead += count;
	x->verified_to = h->to;
	x->ahead_chunks++;
	adapt(&h->batch, AHEAD_RANGE_TIME, r.took);
	h->rest_until = exec_now() + r.took;
	return 0;
}

/* After each chunk but the last: n rows up to upto copied, the server's time since after that.
 * Collects the range in flight if it is done, and hands over the next once enough rows are. */
static int ahead_step(Oc *x, Ahead *h, ProgressRows *pr, const char *const *upto, long n, const char *since)
{
	StrBuf gate;
	if (h->off)
		return 0;
	h->pending += n;
	h->upto = upto;
	h->since = since;
	if (h->busy && ahead_collect(x, h, pr, false) < 0)
		return -1;
	if (h->off || h->busy || h->pending < h->batch || !since || exec_now() < h->rest_until)
		return 0;
	sb_init(&gate);
	older_sql(&gate, x, since, bg_session_id(h->bg));
	if (bg_submit(h->bg, sb_str(&gate), 5.0, verify_text(x, h->to, h->upto), 2) < 0) {
		h->off = true;
	} else {
		h->from = h->to;
		h->to = h->upto;
		h->pending = 0;
		h->busy = true;
		h->seq++;
	}
	sb_release(&gate);
	return 0;
}

/* The copy is over (ok) or failed: the range in flight collected when ok, the connection
 * closed. */
static int ahead_close(Oc *x, Ahead *h, ProgressRows *pr, bool ok)
{
	int rc = 0;
	if (ok && h->busy)
		rc = ahead_collect(x, h, pr, true);
	bg_close(h->bg);
	h->bg = NULL;
	if (ok && rc == 0 && h->off == false)
		x->verify_batch = h->batch;
	return rc;
}

static int copy_rows(Oc *x)
{
	const char *const *lo = NULL;
	const char **hi;
	ProgressRows pr;
	long chunks = 0, n = x->chunk;
	int conflicts = 0;
	/* with a statement-based binary log the copy reads with shared locks: it waits as before */
	bool nowait = !x->locking_copy && rows_nowait(x);
	Ahead ah;

	check_autoinc_lock(x);
	x->recopied = 0;
	x->verified_to = NULL;
	x->verified_ahead = 0;
	x->ahead_chunks = 0;
	x->verify_batch = 0;
	ahead_open(x, &ah);

	progress_rows_init(&pr, arena_printf(x->a, "online copy of \"%s\"", x->table), &x->s->opt, x->s->out);
	/* One round trip per chunk: the position's UPDATE, the chunk's INSERT ... SELECT and the
	 * query for the end of the next chunk (sized from the chunks before) go as one text; the
	 * last chunk's reads the server's time when it began instead. */
	if (throttle(x, &pr) < 0 || chunk_end(x, NULL, n, &hi) < 0)
		goto fail;
	for (;;) {
		StrBuf sb;
		Rows r;
		double t0 = exec_now();
		long next_n = x->chunk;
		set_pos_sql(&sb, x, (const char *const *)hi);
		if (!hi)
			sb_adds(&sb, "; SELECT NOW()");
		sb_adds(&sb, "; ");
		copy_sql(&sb, x, lo, (const char *const *)hi, x->locking_copy);
		if (hi) {
			sb_adds(&sb, "; ");
			chunk_end_sql(&sb, x, (const char *const *)hi, next_n);
		}
		if (copy_stmt(x, sb_str(&sb), nowait, &conflicts, &r) < 0) {
			sb_release(&sb);
			goto fail;
		}
		sb_release(&sb);
		chunks++;
		if (chunks == 1)
			stop_at(x, "copy");
		if (!hi) {
			if (r.nrows != 1 || r.ncols != 1) {
				diag_error(x->d, LOC_NONE, "online copy of \"%s\": the server did not say when the last chunk began", x->table);
				goto fail;
			}
			x->copy_ended = ROWS_AT(&r, 0, 0);
			break;
		}
		x->copied += n;
		{
			long m = n;
			adapt(&m, chunk_target(x), exec_now() - t0);
			x->chunk = m;
		}
		lo = (const char *const *)hi;
		hi = chunk_end_of(x, &r);
		if (ahead_step(x, &ah, &pr, lo, n, r.nrows == 1 ? ROWS_AT(&r, 0, x->nkey) : NULL) < 0)
			goto fail;
		n = next_n;
		progress_rows_update(&pr, x->copied, x->est_rows, "copying", false);
		if (chunks % 20 == 0)
			cp_state(x, "copy");
		if (throttle(x, &pr) < 0)
			goto fail;
	}
	progress_rows_end(&pr);
	if (nowait)
		restore_lock_timeout(x);
	say(x, "-- copied \"%s\" in %ld chunk%s in %.1f s (chunk size at the end %ld rows)%s", x->table, chunks,
	    chunks == 1 ? "" : "s", exec_now() - pr.t0, x->chunk,
	    conflicts ? arena_printf(x->a, "; %d tr%s again after a lock held by the application", conflicts,
				     conflicts == 1 ? "y" : "ies") : "");
	if (ahead_close(x, &ah, &pr, true) < 0)
		return -1;
	if (x->ahead_chunks)
		say(x, "-- checksums equal for the first %lld rows, in %ld range%s checked while copying", x->verified_ahead,
		    x->ahead_chunks, x->ahead_chunks == 1 ? "" : "s");
	return 0;
fail:
	progress_rows_end(&pr);
	if (nowait)
		restore_lock_timeout(x);
	ahead_close(x, &ah, &pr, false);
	return -1;
}

/* Both checksums of the range from one consistent snapshot: a write to the original and its
 * trigger's write to the shadow commit together, so the snapshot sees both or neither; no row
 * is locked, so the application never waits for a checksum. *same: they agree. */
static int compare_range(Oc *x, const char *const *lo, const char *const *hi, bool *same, long long *count)
{
	StrBuf a, b;
	Rows ra, rb;
	sb_init(&a);
	sb_init(&b);
	checksum_sql(&a, x, false, lo, hi);
	checksum_sql(&b, x, true, lo, hi);
	for (int attempt = 1;; attempt++) {
		Diag qd;
		int rc;
		diag_init(&qd, x->a);
		qd.stream = NULL;
		rc = conn_exec(x->c, &qd, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT");
		if (rc == 0)
			rc = conn_query(x->c, &qd, sb_str(&a), &ra);
		if (rc == 0)
			rc = conn_query(x->c, &qd, sb_str(&b), &rb);
		if (rc == 0)
			rc = conn_exec(x->c, &qd, "COMMIT");
		if (rc == 0) {
			diag_release(&qd);
			break;
		}
		if (retryable(x) && attempt <= x->s->opt.retries) {
			diag_release(&qd);
			rollback(x);
			exec_sleep(exec_backoff(&x->s->opt, attempt + 1));
			continue;
		}
		forward(x, &qd);
		diag_release(&qd);
		rollback(x);
		sb_release(&a);
		sb_release(&b);
		return -1;
	}
	sb_release(&a);
	sb_release(&b);
	*same = sums_agree(&ra, &rb, count);
	if (!*same)
		say(x, "-- checksum differs: original %s rows / %s, shadow %s rows / %s", ROWS_AT(&ra, 0, 0), ROWS_AT(&ra, 0, 1),
		    ROWS_AT(&rb, 0, 0), ROWS_AT(&rb, 0, 1));
	return 0;
}

/* Copy a range again: lock the original's range, replace the shadow's rows of it. */
static int recopy_range(Oc *x, const char *const *lo, const char *const *hi)
{
	StrBuf sb;
	int rc;
	sb_init(&sb);
	sb_adds(&sb, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION; SELECT COUNT(*)");
	from_original(&sb, x);
	sb_adds(&sb, " WHERE ");
	range(&sb, x, false, lo, hi);
	sb_adds(&sb, " LOCK IN SHARE MODE; DELETE FROM ");
	id(&sb, x->shadow);
	sb_adds(&sb, " WHERE ");
	range(&sb, x, true, lo, hi);
	sb_adds(&sb, "; ");
	copy_sql(&sb, x, lo, hi, true);
	sb_adds(&sb, "; COMMIT");
	rc = run_retry(x, sb_str(&sb), NULL);
	sb_release(&sb);
	if (rc < 0)
		rollback(x);
	return rc;
}

/* Check one range again on the copy's own connection, copying it again while its checksums
 * differ (at most three times). *count: its rows. */
static int verify_range(Oc *x, const char *const *lo, const char *const *hi, long seq, long long *count)
{
	for (int pass = 0;; pass++) {
		bool same = false;
		if (compare_range(x, lo, hi, &same, count) < 0)
			return -1;
		if (same)
			return 0;
		if (pass == 3) {
			diag_error(x->d, LOC_NONE, "online copy of \"%s\": the checksums of chunk %ld still differ after %d copies",
				   x->table, seq, pass);
			diag_note(x->d, "a conversion the change makes may lose or alter values (a narrower type, a new unique key)");
			return -1;
		}
		say(x, "-- chunk %ld differs: copying it again", seq);
		x->recopied++;
		if (recopy_range(x, lo, hi) < 0)
			return -1;
	}
}

/* The checksums run on VERIFIERS connections of their own, each on the next range while the
 * others work (the server reads both tables of a range in one snapshot per connection, so
 * ranges are checked side by side on as many cores); the copy's connection finds the ranges'
 * ends and copies again a range that differs. */
enum { VERIFIERS = 2 };

typedef struct Verifier {
	Conn *c;
	bool busy;
	const char *const *lo;
	const char **hi;
	char *sql;
	double t0;
	long seq;
} Verifier;

/* "SET TRANSACTION ...; START TRANSACTION WITH CONSISTENT SNAPSHOT; <original's checksum>;
 * <shadow's checksum>; COMMIT" for one range, in the arena. */
static char *verify_text(Oc *x, const char *const *lo, const char *const *hi)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT; ");
	checksum_sql(&sb, x, false, lo, hi);
	sb_adds(&sb, "; ");
	checksum_sql(&sb, x, true, lo, hi);
	sb_adds(&sb, "; COMMIT");
	return sb_move_to_arena(&sb, x->a);
}

/* Connections for the checksums, with the run's lock wait; how many opened (0: the copy's
 * own connection does them, one range after another). */
static int open_verifiers(Oc *x, Verifier *v)
{
	int n = 0;
	for (int i = 0; i < VERIFIERS; i++) {
		Diag qd;
		diag_init(&qd, x->a);
		qd.stream = NULL;
		v[n].c = conn_open(x->a, &qd, conn_url(x->c));
		if (v[n].c && exec_set_lock_timeout(v[n].c, &qd, &x->s->opt) < 0) {
			conn_close(v[n].c);
			v[n].c = NULL;
		}
		diag_release(&qd);
		if (!v[n].c)
			break;
		n++;
	}
	if (n < 2) {
		if (n)
			conn_close(v[0].c);
		say(x, "-- no second connection for the checksums: one range after another");
		return 0;
	}
	return n;
}

static void close_verifiers(Verifier *v, int n)
{
	for (int i = 0; i < n; i++)
		conn_close(v[i].c);  /* a range still in flight: its snapshot ends with the session */
}

static int verify_rows(Oc *x)
{
	/* after the ranges checked while copying, if any (copy_rows), numbered after them */
	const char *const *lo = x->verified_to;
	const char **hi;
	ProgressRows pr;
	long ahead = x->ahead_chunks, chunks = 0, seq = ahead;
	/* A checksum locks no row, so its chunks are sized to a longer time than the copy's (fewer
	 * round trips and snapshots); they start at the copy's last size. */
	long n = x->chunk > 100 ? x->chunk : 100;
	double target = chunk_target(x) > 0.5 ? chunk_target(x) : 0.5;
	Verifier v[VERIFIERS];
	int nv;
	bool last_sent = false;

	memset(v, 0, sizeof v);
	x->verified = x->verified_ahead;
	if (x->verify_batch > n)
		n = x->verify_batch;
	x->verified_to = NULL;
	x->verified_ahead = 0;
	x->ahead_chunks = 0;
	x->verify_batch = 0;
	nv = open_verifiers(x, v);
	progress_rows_init(&pr, arena_printf(x->a, "checksums of \"%s\"", x->table), &x->s->opt, x->s->out);
	for (;;) {
		long long count = 0;
		double t0;
		int j = -1;
		if (!nv) {
			/* on the copy's connection */
			if (last_sent)
				break;
			if (throttle(x, &pr) < 0)
				goto fail;
			t0 = exec_now();
			if (chunk_end(x, lo, n, &hi) < 0 || verify_range(x, lo, (const char *const *)hi, ++seq, &count) < 0)
				goto fail;
			last_sent = !hi;
			lo = (const char *const *)hi;
		} else {
			/* every idle verifier gets the next range */
			for (int i = 0; i < nv && !last_sent; i++) {
				Diag qd;
				if (v[i].busy)
					continue;
				if (throttle(x, &pr) < 0 || chunk_end(x, lo, n, &hi) < 0)
					goto fail;
				v[i].lo = lo;
				v[i].hi = hi;
				v[i].sql = verify_text(x, lo, (const char *const *)hi);
				v[i].t0 = exec_now();
				v[i].seq = ++seq;
				diag_init(&qd, x->a);
				qd.stream = NULL;
				if (conn_send(v[i].c, &qd, v[i].sql) < 0) {
					forward(x, &qd);
					diag_release(&qd);
					goto fail;
				}
				diag_release(&qd);
				v[i].busy = true;
				last_sent = !hi;
				lo = (const char *const *)hi;
			}
			/* the results of the range sent first */
			for (int i = 0; i < nv; i++)
				if (v[i].busy && (j < 0 || v[i].seq < v[j].seq))
					j = i;
			if (j < 0)
				break;
			{
				Rows r[2];
				Diag qd;
				bool same;
				diag_init(&qd, x->a);
				qd.stream = NULL;
				v[j].busy = false;
				t0 = v[j].t0;
				if (conn_collect(v[j].c, &qd, v[j].sql, r, 2) < 0) {
					int e = conn_last_errno(v[j].c);
					conn_exec(v[j].c, &qd, "ROLLBACK");
					if (e != 1205 && e != 1213) {
						forward(x, &qd);
						diag_release(&qd);
						goto fail;
					}
					same = false;  /* checked again below, with retries */
				} else {
					same = sums_agree(&r[0], &r[1], &count);
				}
				diag_release(&qd);
				if (!same) {
					progress_rows_end(&pr);
					if (verify_range(x, v[j].lo, (const char *const *)v[j].hi, v[j].seq, &count) < 0)
						goto fail;
				}
			}
		}
		chunks++;
		x->verified += count;
		adapt(&n, target, exec_now() - t0);
		progress_rows_update(&pr, x->verified, x->est_rows, "verifying", false);
	}
	progress_rows_end(&pr);
	close_verifiers(v, nv);
	say(x, "-- checksums equal: %lld rows in %ld chunk%s in %.1f s%s%s%s", x->verified, chunks + ahead, chunks + ahead == 1 ? "" : "s",
	    exec_now() - pr.t0, nv ? arena_printf(x->a, " on %d connections", nv) : "",
	    ahead ? arena_printf(x->a, ", %ld of them while copying", ahead) : "",
	    x->recopied ? arena_printf(x->a, " (%d copied again)", x->recopied) : "");
	return 0;
fail:
	progress_rows_end(&pr);
	close_verifiers(v, nv);
	return -1;
}

/* A transaction that deleted a row before the copy reached it skipped the shadow's delete; if
 * it is still open, the copy may have read the row and the checksums would see it in both
 * tables. So the checksums start only when every transaction older than the end of the copy
 * that has modified rows has ended (read-only ones cannot have skipped a delete); waiting at
 * most as long as a DDL's tries would. */
static int wait_older_transactions(Oc *x, const char *since)
{
	double t0 = exec_now(), budget = x->s->opt.lock_timeout * (x->s->opt.retries + 1);
	bool said = false;
	if (budget < 30)
		budget = 30;
	for (;;) {
		StrBuf sb;
		Rows r;
		sb_init(&sb);
		older_sql(&sb, x, since, 0);
		if (query_sb(x, &sb, &r) < 0)
			return -1;
		if (r.nrows != 1 || !ROWS_AT(&r, 0, 0))
			return 0;
		if (exec_now() - t0 > budget) {
			diag_error(x->d, LOC_NONE, "online copy of \"%s\": transactions open since before the end of the copy did not end (connections %s)",
				   x->table, ROWS_AT(&r, 0, 0));
			diag_hint(x->d, "end them and run apply again");
			return -1;
		}
		if (!said) {
			say(x, "-- waiting for transactions older than the copy to end (connections %s)", ROWS_AT(&r, 0, 0));
			said = true;
		}
		exec_sleep(0.15);  /* INNODB_TRX is refreshed only when last read over 0.1 s before */
	}
}

static int carry_auto_increment(Oc *x)
{
	StrBuf sb;
	Rows r;
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	conn_exec(x->c, &qd, "SET SESSION information_schema_stats_expiry = 0");  /* MySQL 8: fresh value */
	diag_release(&qd);
	sb_init(&sb);
	sb_adds(&sb, "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
	str(&sb, x->table);
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (r.nrows != 1 || !ROWS_AT(&r, 0, 0))
		return 0;
	sb_init(&sb);
	sb_adds(&sb, "ALTER TABLE ");
	id(&sb, x->shadow);
	sb_addf(&sb, " AUTO_INCREMENT = %s", ROWS_AT(&r, 0, 0));
	return ddl_sb(x, &sb);
}

/* The swap and what follows it. 0 once the table is swapped (a failed drop afterwards is only
 * reported: the next run's recovery finishes it). */
static int cut_over(Oc *x)
{
	StrBuf sb;
	Rows r;
	if (carry_auto_increment(x) < 0)
		return -1;
	sb_init(&sb);
	sb_adds(&sb, "ANALYZE TABLE ");
	id(&sb, x->shadow);
	if (query_sb(x, &sb, &r) < 0)
		return -1;
	if (cp_state(x, "cutover") < 0)
		return -1;
	sb_init(&sb);
	sb_adds(&sb, "RENAME TABLE ");
	id(&sb, x->table);
	sb_adds(&sb, " TO ");
	id(&sb, x->old);
	sb_adds(&sb, ", ");
	id(&sb, x->shadow);
	sb_adds(&sb, " TO ");
	id(&sb, x->table);
	if (ddl_sb(x, &sb) < 0)
		return -1;
	x->live = false;  /* the triggers are on the old table now, which nobody uses */
	stop_at(x, "rename");
	cp_state(x, "swapped");
	say(x, "-- swapped: \"%s\" has the new definition; the original is \"%s\"", x->table, x->old);
	if (drop_leftovers(x, x->keep_old ? NULL : x->old) == 0) {
		if (x->keep_old)
			say(x, "-- kept the original as \"%s\" (--keep-old-table)", x->old);
		cp_delete(x);
	}
	return 0;
}

/* ---- entry points ---- */

/* The copy reads READ COMMITTED without locks: the application never waits for the copy's
 * reads, and whatever a read races with (a row deleted between the copy's read and its
 * insert comes back in the shadow) the checksums find, and that chunk is copied again under
 * shared locks. With a statement-based binary log INSERT ... SELECT must lock what it reads
 * (REPEATABLE READ, LOCK IN SHARE MODE). */
static int set_isolation(Oc *x)
{
	Rows r;
	Diag qd;
	diag_init(&qd, x->a);
	qd.stream = NULL;
	x->locking_copy = conn_query(x->c, &qd, "SELECT @@log_bin = 1 AND @@binlog_format = 'STATEMENT'", &r) == 0 &&
			  r.nrows == 1 && ROWS_AT(&r, 0, 0) && !strcmp(ROWS_AT(&r, 0, 0), "1");
	diag_release(&qd);
	return conn_exec(x->c, x->d, x->locking_copy ? "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"
						  : "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
}

static int prepare(Oc *x)
{
	if (preflight(x) < 0 || choose_key(x) < 0)
		return -1;
	return 0;
}

static const char *renames_text(Arena *a, const PlanStep *ps)
{
	StrBuf sb;
	sb_init(&sb);
	for (int i = 0; i + 1 < ps->online_renames.n; i += 2)
		sb_addf(&sb, "%s\t%s\n", ps->online_renames.v[i], ps->online_renames.v[i + 1]);
	return sb_move_to_arena(&sb, a);
}

/* The checkpoint row of a table: state, alter, renames, keep_old (NULL state: none). */
static int cp_read(ExecSession *s, Diag *d, const char *table, Rows *r)
{
	StrBuf sb;
	int rc;
	if (!s->opt.journal) {
		r->nrows = 0;
		return 0;
	}
	sb_init(&sb);
	sb_adds(&sb, "SELECT `table_name`, `state`, `alter_text`, `renames`, `keep_old` FROM `_sqlshape`.`online_copies` "
		     "WHERE `target` = ");
	sb_add_mysql_string(&sb, s->target);
	if (table) {
		sb_adds(&sb, " AND `table_name` = ");
		sb_add_mysql_string(&sb, table);
	}
	sb_adds(&sb, " ORDER BY `table_name`");
	rc = conn_query(s->aux, d, sb_str(&sb), r);
	sb_release(&sb);
	return rc;
}

int online_copy_run(ExecSession *s, const PlanStep *ps, Diag *d)
{
	Oc x;
	Rows cp;
	double t0 = exec_now();

	if (!ps || !ps->online_alter || !ps->lock_table)
		return diag_error(d, LOC_NONE, "internal: an online-copy step without its clauses");
	oc_init(&x, s, d, ps->lock_table);
	x.alter = ps->online_alter;
	x.renames = renames_text(x.a, ps);
	if (s->opt.defer_cutover && !s->opt.journal)
		return diag_error(d, LOC_NONE, "--defer-cutover needs the journal (it keeps the copy's state): drop --no-journal");
	if (exec_set_lock_timeout(x.c, d, &s->opt) < 0 ||
	    set_isolation(&x) < 0 || take_table_lock(&x) < 0)
		return -1;
	if (!(x.thr = osc_throttle_open(s, d)))
		goto fail_nothing;
	/* A copy of the same change deferred earlier: verify it again and finish it. */
	if (cp_read(s, d, x.table, &cp) < 0)
		goto fail_nothing;
	if (cp.nrows && !strcmp(ROWS_AT(&cp, 0, 1), "deferred") && !strcmp(ROWS_AT(&cp, 0, 2), x.alter) &&
	    table_exists(&x, x.shadow) > 0) {
		say(&x, "-- the copy of \"%s\" deferred earlier is ready: checking it again", x.table);
		x.live = true;
		if (prepare(&x) < 0)
			goto fail_nothing;
		goto verify;
	}
	if (cp.nrows || table_exists(&x, x.shadow) > 0) {
		say(&x, "-- a copy of \"%s\" for another change is left: dropping it", x.table);
		x.live = true;
		if (drop_leftovers(&x, x.shadow) < 0)
			goto fail_nothing;
		cp_delete(&x);
	}
	/* Refusals before anything is created. */
	if (prepare(&x) < 0)
		goto fail_nothing;
	say(&x, "-- online copy of \"%s\" (~%lld rows) along key \"%s\": shadow \"%s\"", x.table, x.est_rows, x.index, x.shadow);
	if (create_shadow(&x) < 0 || map_columns(&x) < 0 || check_new_unique(&x) < 0)
		goto fail;
	if (cp_state(&x, "triggers") < 0 || create_triggers(&x) < 0)
		goto fail;
	stop_at(&x, "triggers");
	if (cp_state(&x, "copy") < 0 || copy_rows(&x) < 0 || add_indexes(&x) < 0 ||
	    wait_older_transactions(&x, x.copy_ended) < 0)
		goto fail;
verify:
	if (!x.col && map_columns(&x) < 0)
		goto fail;
	if (cp_state(&x, "verify") < 0 || verify_rows(&x) < 0)
		goto fail;
	stop_at(&x, "verify");
	if (s->opt.defer_cutover) {
		x.keep_old = s->opt.keep_old_table;
		if (cp_state(&x, "deferred") < 0)
			goto fail;
		say(&x, "-- cut-over of \"%s\" deferred: the triggers keep \"%s\" in sync; run `sqlshape cutover --url URL %s` to swap",
		    x.table, x.shadow, x.table);
		osc_throttle_close(x.thr);
		release_table_lock(&x);
		return 0;
	}
	if (cut_over(&x) < 0)
		goto fail;
	say(&x, "-- online copy of \"%s\" done in %.1f s", x.table, exec_now() - t0);
	osc_throttle_close(x.thr);
	release_table_lock(&x);
	return 0;
fail:
	osc_throttle_close(x.thr);
	abandon(&x);
	return -1;
fail_nothing:
	osc_throttle_close(x.thr);
	release_table_lock(&x);
	return -1;
}

int online_copy_cutover(ExecSession *s, const char *table)
{
	Rows cp;
	int done = 0;
	OscThrottle *thr;
	if (!s->opt.journal)
		return diag_error(s->diag, LOC_NONE, "cutover needs the journal (the deferred copies are recorded there)");
	if (cp_read(s, s->diag, table, &cp) < 0)
		return -1;
	if (exec_set_lock_timeout(s->conn, s->diag, &s->opt) < 0 || !(thr = osc_throttle_open(s, s->diag)))
		return -1;
	for (int i = 0; i < cp.nrows; i++) {
		Oc x;
		if (strcmp(ROWS_AT(&cp, i, 1), "deferred"))
			continue;
		oc_init(&x, s, s->diag, ROWS_AT(&cp, i, 0));
		x.alter = ROWS_AT(&cp, i, 2);
		x.renames = ROWS_AT(&cp, i, 3);
		x.keep_old = s->opt.keep_old_table || !strcmp(ROWS_AT(&cp, i, 4), "1");
		x.thr = thr;
		x.live = true;
		if (take_table_lock(&x) < 0) {
			osc_throttle_close(thr);
			return -1;
		}
		if (prepare(&x) < 0 || map_columns(&x) < 0 || verify_rows(&x) < 0 || cut_over(&x) < 0) {
			osc_throttle_close(thr);
			release_table_lock(&x);
			return -1;
		}
		release_table_lock(&x);
		done++;
	}
	osc_throttle_close(thr);
	if (!done)
		return diag_error(s->diag, LOC_NONE, "no deferred online copy%s%s%s waits for its cut-over in \"%s\"",
				  table ? " of \"" : "", table ? table : "", table ? "\"" : "", s->target);
	return 0;
}

/* ---- recovery ---- */

int online_copy_recover(ExecSession *s)
{
	Diag *d = s->diag;
	Rows cp, left;
	StrBuf sb;

	if (conn_dialect(s->aux) != DIALECT_MYSQL)
		return 0;
	if (cp_read(s, d, NULL, &cp) < 0)
		return -1;
	for (int i = 0; i < cp.nrows; i++) {
		Oc x;
		const char *state = ROWS_AT(&cp, i, 1);
		int has_new, has_old, has_t;
		oc_init(&x, s, d, ROWS_AT(&cp, i, 0));
		x.c = s->aux;
		x.keep_old = !strcmp(ROWS_AT(&cp, i, 4), "1");
		has_new = table_exists(&x, x.shadow);
		has_old = table_exists(&x, x.old);
		has_t = table_exists(&x, x.table);
		if (has_new < 0 || has_old < 0 || has_t < 0)
			return -1;
		if (take_table_lock(&x) < 0)
			return -1;
		if (!strcmp(state, "deferred") && has_new && has_t) {
			fprintf(s->out, "-- the online copy of \"%s\" waits for its cut-over (`sqlshape cutover`); its triggers keep \"%s\" in sync\n",
				x.table, x.shadow);
		} else if (!has_new && has_old && has_t && (!strcmp(state, "cutover") || !strcmp(state, "swapped"))) {
			fprintf(s->out, "-- the interrupted online copy of \"%s\" had swapped the tables: finishing it\n", x.table);
			if (drop_leftovers(&x, x.keep_old ? NULL : x.old) == 0)
				cp_delete(&x);
		} else {
			fprintf(s->out, "-- interrupted online copy of \"%s\" (state %s): dropping its triggers, then its shadow table; \"%s\" is as it was\n",
				x.table, state, x.table);
			x.live = true;
			if (drop_leftovers(&x, x.shadow) == 0)
				cp_delete(&x);
		}
		release_table_lock(&x);
	}
	/* Without a checkpoint (--no-journal): triggers of ours left on any table, and shadows. */
	sb_init(&sb);
	sb_adds(&sb, "SELECT CONCAT('DROP TRIGGER IF EXISTS `', REPLACE(TRIGGER_NAME, '`', '``'), '`') FROM information_schema.TRIGGERS "
		     "WHERE TRIGGER_SCHEMA = DATABASE() AND (TRIGGER_NAME LIKE '%\\_\\_osc\\_ins' OR TRIGGER_NAME LIKE '%\\_\\_osc\\_upd' "
		     "OR TRIGGER_NAME LIKE '%\\_\\_osc\\_del')");
	if (s->opt.journal)
		sb_adds(&sb, " AND EVENT_OBJECT_TABLE NOT IN (SELECT `table_name` FROM `_sqlshape`.`online_copies` WHERE `state` = 'deferred')");
	sb_adds(&sb, " UNION ALL SELECT CONCAT('DROP TABLE IF EXISTS `', REPLACE(TABLE_NAME, '`', '``'), '`') FROM information_schema.TABLES "
		     "WHERE TABLE_SCHEMA = DATABASE() AND (TABLE_NAME LIKE '%\\_\\_osc\\_new' OR TABLE_NAME LIKE '%\\_\\_osc\\_pos')");
	if (s->opt.journal)
		sb_adds(&sb, " AND TABLE_NAME NOT IN (SELECT `shadow_name` FROM `_sqlshape`.`online_copies` WHERE `state` = 'deferred') "
			     "AND TABLE_NAME NOT IN (SELECT CONCAT(LEFT(`shadow_name`, CHAR_LENGTH(`shadow_name`) - 3), 'pos') "
			     "FROM `_sqlshape`.`online_copies` WHERE `state` = 'deferred')");
	if (conn_query(s->aux, d, sb_str(&sb), &left) < 0) {
		sb_release(&sb);
		return -1;
	}
	sb_release(&sb);
	for (int i = 0; i < left.nrows; i++) {
		fprintf(s->out, "-- cleanup: %s; (left by an interrupted online copy)\n", ROWS_AT(&left, i, 0));
		if (conn_exec(s->aux, d, ROWS_AT(&left, i, 0)) < 0)
			diag_note(d, "run it by hand: %s;", ROWS_AT(&left, i, 0));
	}
	fflush(s->out);
	return 0;
}
