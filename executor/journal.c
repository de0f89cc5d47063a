/*
 * journal.c: the record of every apply, kept on the server it changes, and what the next apply
 * does with a run that never finished. `sqlshape history` reads it.
 *
 * Where: MySQL/MariaDB: database `_sqlshape` (tables `runs`, `statements`); PostgreSQL: schema
 * `_sqlshape` inside the target database. One row per run (target database, plan hash, client,
 * the DDL session's id, start and end, state) and one per statement (text, table, cleanup, state
 * pending/running/done/failed/interrupted, tries, start, end, error). A statement is marked done
 * only after the server returned success for it. The journal never holds a password: the client
 * is recorded as user@host and process id.
 *
 * Only one apply runs per database at a time: the aux connection holds a lock (MySQL GET_LOCK,
 * PostgreSQL a session advisory lock) that the server releases when the process dies, so a run
 * still "running" in the journal while we hold the lock was left by a process that died.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/commands.h"
#include "executor/online_copy.h"
#include "executor/run.h"

#define PG_LOCK_CLASS 7013  /* first key of the advisory lock: "sqlshape" applies */

static bool is_my(const ExecSession *s)
{
	return conn_dialect(s->aux) == DIALECT_MYSQL;
}

/* A string literal, or NULL. */
static void lit(StrBuf *sb, Dialect d, const char *text)
{
	if (!text)
		sb_adds(sb, "NULL");
	else if (d == DIALECT_MYSQL)
		sb_add_mysql_string(sb, text);
	else
		sb_add_pg_string(sb, text);
}

static const char *now_fn(Dialect d)
{
	return d == DIALECT_MYSQL ? "NOW(6)" : "clock_timestamp()";
}

static const char *tbl(Dialect d, const char *name)
{
	if (d == DIALECT_MYSQL)
		return !strcmp(name, "runs") ? "`_sqlshape`.`runs`" : "`_sqlshape`.`statements`";
	return !strcmp(name, "runs") ? "\"_sqlshape\".\"runs\"" : "\"_sqlshape\".\"statements\"";
}

static int exec_sb(Conn *c, Diag *d, StrBuf *sb)
{
	int rc = conn_exec(c, d, sb_str(sb));
	sb_release(sb);
	return rc;
}

int journal_ensure(ExecSession *s)
{
	if (is_my(s))
		return conn_exec(s->aux, s->diag, arena_printf(s->arena, "%s%s",
			"CREATE DATABASE IF NOT EXISTS `_sqlshape` CHARACTER SET utf8mb4; "
			"CREATE TABLE IF NOT EXISTS `_sqlshape`.`runs` ("
			"`id` bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, "
			"`target` varchar(255) NOT NULL, `plan_hash` char(16) NOT NULL, "
			"`statements` int NOT NULL, `state` varchar(16) NOT NULL, "
			"`started_at` datetime(6) NOT NULL, `ended_at` datetime(6) NULL, "
			"`client` varchar(255) NOT NULL, `session_id` bigint NOT NULL, `error` text NULL, "
			"KEY `target` (`target`, `id`)) ENGINE=InnoDB; "
			"CREATE TABLE IF NOT EXISTS `_sqlshape`.`statements` ("
			"`run_id` bigint unsigned NOT NULL, `seq` int NOT NULL, `label` varchar(64) NULL, "
			"`table_name` varchar(255) NULL, `sql_text` longtext NOT NULL, `cleanup_sql` text NULL, "
			"`state` varchar(16) NOT NULL, `attempts` int NOT NULL DEFAULT 0, "
			"`started_at` datetime(6) NULL, `ended_at` datetime(6) NULL, `error` text NULL, "
			"PRIMARY KEY (`run_id`, `seq`)) ENGINE=InnoDB; ",
			online_copy_checkpoint_ddl));
	return conn_exec(s->aux, s->diag,
		"CREATE SCHEMA IF NOT EXISTS \"_sqlshape\"; "
		"CREATE TABLE IF NOT EXISTS \"_sqlshape\".\"runs\" ("
		"id bigserial PRIMARY KEY, target text NOT NULL, plan_hash text NOT NULL, "
		"statements int NOT NULL, state text NOT NULL, started_at timestamptz NOT NULL, "
		"ended_at timestamptz, client text NOT NULL, session_id bigint NOT NULL, error text); "
		"CREATE TABLE IF NOT EXISTS \"_sqlshape\".\"statements\" ("
		"run_id bigint NOT NULL, seq int NOT NULL, label text, table_name text, sql_text text NOT NULL, "
		"cleanup_sql text, state text NOT NULL, attempts int NOT NULL DEFAULT 0, started_at timestamptz, "
		"ended_at timestamptz, error text, PRIMARY KEY (run_id, seq))");
}

static const char *client_name(Arena *a, const Conn *c)
{
	char host[256];
	const DbUrl *u = conn_url(c);
	if (gethostname(host, sizeof host) != 0)
		strcpy(host, "?");
	host[sizeof host - 1] = '\0';
	return arena_printf(a, "%s@%s pid %ld", u->user ? u->user : "?", host, (long)getpid());
}

int journal_begin(ExecSession *s, const ExecStepList *steps)
{
	Dialect d = conn_dialect(s->aux);
	StrBuf sb;
	Rows r;
	int rc;

	if (!s->opt.journal)
		return 0;
	sb_init(&sb);
	sb_addf(&sb, "INSERT INTO %s (target, plan_hash, statements, state, started_at, client, session_id) VALUES (",
		tbl(d, "runs"));
	lit(&sb, d, s->target);
	sb_adds(&sb, ", ");
	lit(&sb, d, exec_plan_hash(s->arena, steps));
	sb_addf(&sb, ", %d, 'running', %s, ", steps->n, now_fn(d));
	lit(&sb, d, client_name(s->arena, s->conn));
	sb_addf(&sb, ", %ld)", conn_session_id(s->conn));
	sb_adds(&sb, d == DIALECT_MYSQL ? "; SELECT LAST_INSERT_ID()" : " RETURNING id");
	rc = conn_query(s->aux, s->diag, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0 || r.nrows != 1 || !ROWS_AT(&r, 0, 0))
		return diag_error(s->diag, LOC_NONE, "cannot start the journal of this run");
	s->run_id = atol(ROWS_AT(&r, 0, 0));

	sb_init(&sb);
	for (int i = 0; i < steps->n; i++) {
		const ExecStep *st = steps->v[i];
		if (sb.len > 256 * 1024) {
			if (exec_sb(s->aux, s->diag, &sb) < 0)
				return -1;
			sb_init(&sb);
		}
		if (!sb.len)
			sb_addf(&sb, "INSERT INTO %s (run_id, seq, label, table_name, sql_text, cleanup_sql, state) VALUES ",
				tbl(d, "statements"));
		else
			sb_adds(&sb, ", ");
		sb_addf(&sb, "(%ld, %d, ", s->run_id, i + 1);
		lit(&sb, d, st->label);
		sb_adds(&sb, ", ");
		lit(&sb, d, st->table);
		sb_adds(&sb, ", ");
		lit(&sb, d, st->sql);
		sb_adds(&sb, ", ");
		lit(&sb, d, st->cleanup_sql);
		sb_adds(&sb, ", 'pending')");
	}
	if (sb.len)
		return exec_sb(s->aux, s->diag, &sb);
	sb_release(&sb);
	return 0;
}

int journal_step(ExecSession *s, int seq, const char *state, int attempts, const char *error)
{
	Dialect d;
	StrBuf sb;

	if (!s->opt.journal || !s->run_id)
		return 0;
	d = conn_dialect(s->aux);
	sb_init(&sb);
	sb_addf(&sb, "UPDATE %s SET state = ", tbl(d, "statements"));
	lit(&sb, d, state);
	sb_addf(&sb, ", attempts = %d, error = ", attempts);
	lit(&sb, d, error);
	if (!strcmp(state, "running") && !error)
		sb_addf(&sb, ", started_at = COALESCE(started_at, %s)", now_fn(d));
	else if (strcmp(state, "running"))
		sb_addf(&sb, ", ended_at = %s", now_fn(d));
	sb_addf(&sb, " WHERE run_id = %ld AND seq = %d", s->run_id, seq);
	return exec_sb(s->aux, s->diag, &sb);
}

int journal_end(ExecSession *s, const char *state, const char *error)
{
	Dialect d;
	StrBuf sb;

	if (!s->opt.journal || !s->run_id)
		return 0;
	d = conn_dialect(s->aux);
	sb_init(&sb);
	sb_addf(&sb, "UPDATE %s SET state = ", tbl(d, "runs"));
	lit(&sb, d, state);
	sb_addf(&sb, ", ended_at = %s, error = ", now_fn(d));
	lit(&sb, d, error);
	sb_addf(&sb, " WHERE id = %ld", s->run_id);
	return exec_sb(s->aux, s->diag, &sb);
}

/* ---- the per-database apply lock ---- */

static int take_lock(ExecSession *s)
{
	Rows r;
	StrBuf sb;
	int rc;
	Dialect d = conn_dialect(s->aux);

	sb_init(&sb);
	if (d == DIALECT_MYSQL) {
		/* Lock names are limited to 64 characters. */
		sb_adds(&sb, "SELECT GET_LOCK(LEFT(CONCAT('sqlshape:', DATABASE()), 64), 0), "
			     "IS_USED_LOCK(LEFT(CONCAT('sqlshape:', DATABASE()), 64))");
	} else {
		sb_addf(&sb, "SELECT pg_try_advisory_lock(%d, hashtext('sqlshape:' || current_database())), "
			     "(SELECT string_agg(pid::text, ',') FROM pg_locks WHERE locktype = 'advisory' AND granted "
			     "AND classid = %d AND objsubid = 2 AND pid <> pg_backend_pid() AND database = "
			     "(SELECT oid FROM pg_database WHERE datname = current_database()) AND objid::bigint = "
			     "(hashtext('sqlshape:' || current_database())::bigint & 4294967295))",
			PG_LOCK_CLASS, PG_LOCK_CLASS);
	}
	rc = conn_query(s->aux, s->diag, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0 || r.nrows != 1)
		return -1;
	if (ROWS_AT(&r, 0, 0) && (!strcmp(ROWS_AT(&r, 0, 0), "1") || !strcmp(ROWS_AT(&r, 0, 0), "t"))) {
		s->locked = true;
		return 0;
	}
	diag_error(s->diag, LOC_NONE, "another sqlshape apply is running on \"%s\" (session %s)", s->target,
		   ROWS_AT(&r, 0, 1) ? ROWS_AT(&r, 0, 1) : "?");
	diag_hint(s->diag, "wait for it to finish; `sqlshape history` shows the runs");
	return -1;
}

/* ---- recovery ---- */

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether session sid of a dead run still executes something; its statement in *what. */
static int session_busy(ExecSession *s, long sid, const char **what)
{
	Rows r;
	char sql[256];

	if (is_my(s))
		snprintf(sql, sizeof sql, "SELECT COMMAND, TIME, INFO FROM information_schema.PROCESSLIST "
					  "WHERE ID = %ld AND COMMAND <> 'Sleep'", sid);
	else
		snprintf(sql, sizeof sql, "SELECT state, round(EXTRACT(EPOCH FROM clock_timestamp() - query_start)), query "
					  "FROM pg_stat_activity WHERE pid = %ld AND state <> 'idle'", sid);
	if (conn_query(s->aux, s->diag, sql, &r) < 0)
		return -1;
	if (r.nrows && what)
		*what = ROWS_AT(&r, 0, 2);
	return r.nrows > 0;
}

/* PostgreSQL: INVALID indexes on the tables a dead run touched (a CREATE INDEX CONCURRENTLY
 * that never finished), dropped. */
static void drop_invalid_indexes(ExecSession *s, const Rows *steps)
{
	StrBuf sb;
	Rows r;
	int have = 0;

	sb_init(&sb);
	sb_adds(&sb, "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) FROM pg_index i "
		     "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid "
		     "JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE NOT i.indisvalid AND tc.relname IN (");
	for (int i = 0; i < steps->nrows; i++) {
		const char *t = ROWS_AT(steps, i, 4);
		if (!t)
			continue;
		if (have++)
			sb_adds(&sb, ", ");
		sb_add_pg_string(&sb, t);
	}
	sb_adds(&sb, ")");
	if (have && conn_query(s->aux, s->diag, sb_str(&sb), &r) == 0) {
		for (int i = 0; i < r.nrows; i++) {
			const char *sql = arena_printf(s->arena, "DROP INDEX CONCURRENTLY IF EXISTS %s", ROWS_AT(&r, i, 0));
			fprintf(s->out, "-- cleanup: %s; (INVALID index left by the interrupted run)\n", sql);
			if (conn_exec(s->aux, s->diag, sql) < 0)
				diag_note(s->diag, "run it by hand: %s;", sql);
		}
	}
	sb_release(&sb);
}

/* MySQL/MariaDB: what an interrupted pt-online-schema-change leaves on table t: its triggers
 * (pt_osc_<db>_<t>_ins/_upd/_del) and its shadow table _<t>_new. Triggers go first: while they
 * exist every write to t also writes the shadow table. */
static void drop_osc_leftovers(ExecSession *s, const char *table)
{
	StrBuf sb;
	Rows r;

	sb_init(&sb);
	sb_adds(&sb, "SELECT CONCAT('DROP TRIGGER IF EXISTS `', REPLACE(TRIGGER_NAME, '`', '``'), '`') "
		     "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ");
	sb_add_mysql_string(&sb, table);
	sb_adds(&sb, " AND TRIGGER_NAME LIKE 'pt\\_osc\\_%' UNION ALL "
		     "SELECT CONCAT('DROP TABLE IF EXISTS `', REPLACE(TABLE_NAME, '`', '``'), '`') "
		     "FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
	sb_add_mysql_string(&sb, arena_printf(s->arena, "_%s_new", table));
	if (conn_query(s->aux, s->diag, sb_str(&sb), &r) == 0) {
		for (int i = 0; i < r.nrows; i++) {
			const char *sql = ROWS_AT(&r, i, 0);
			fprintf(s->out, "-- cleanup: %s; (left by the interrupted online copy of \"%s\")\n", sql, table);
			if (conn_exec(s->aux, s->diag, sql) < 0)
				diag_note(s->diag, "run it by hand: %s;", sql);
		}
	}
	sb_release(&sb);
}

/* How long recovery waits for a statement a dead run left running on the server. */
static double recovery_wait(const ExecOptions *o)
{
	double w = o->lock_timeout * (o->retries + 1);
	if (o->blocker_timeout >= 0)
		return o->blocker_timeout;
	return w < 30 ? 30 : w;
}

static int recover_run(ExecSession *s, const char **run)
{
	Dialect d = conn_dialect(s->aux);
	long id = atol(run[0]), sid = run[4] ? atol(run[4]) : 0;
	Rows st;
	StrBuf sb;
	int done = 0, rc;
	const char *what = NULL;
	double t0;

	sb_init(&sb);
	sb_addf(&sb, "SELECT seq, state, sql_text, cleanup_sql, table_name FROM %s WHERE run_id = %ld ORDER BY seq",
		tbl(d, "statements"), id);
	rc = conn_query(s->aux, s->diag, sb_str(&sb), &st);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	for (int i = 0; i < st.nrows; i++)
		done += str_eq(ROWS_AT(&st, i, 1), "done");
	fprintf(s->out, "-- unfinished run %ld (started %s by %s, plan %s): %d of %s statements done\n", id,
		run[1] ? run[1] : "?", run[5] ? run[5] : "?", run[2] ? run[2] : "?", done, run[3] ? run[3] : "?");
	for (int i = 0; i < st.nrows; i++)
		if (str_eq(ROWS_AT(&st, i, 1), "running"))
			fprintf(s->out, "--   statement %s was running: %s;\n", ROWS_AT(&st, i, 0), ROWS_AT(&st, i, 2));
	fflush(s->out);

	/* The server may still be running that statement for the dead client. */
	t0 = mono_now();
	while (sid && (rc = session_busy(s, sid, &what)) > 0) {
		if (mono_now() - t0 >= recovery_wait(&s->opt)) {
			diag_error(s->diag, LOC_NONE, "session %ld of interrupted run %ld still runs a statement: %.200s",
				   sid, id, what ? what : "?");
			diag_hint(s->diag, "wait for it to end (or KILL it) and run apply again");
			return -1;
		}
		if (mono_now() - t0 < 0.5) {
			fprintf(s->out, "-- its session %ld still runs on the server: %.200s; waiting for it\n", sid,
				what ? what : "?");
			fflush(s->out);
		}
		usleep(250000);
	}
	if (rc < 0)
		return -1;

	for (int i = 0; i < st.nrows; i++) {
		const char *state = ROWS_AT(&st, i, 1), *cleanup = ROWS_AT(&st, i, 3);
		if (cleanup && (str_eq(state, "running") || str_eq(state, "failed"))) {
			fprintf(s->out, "-- cleanup: %s;\n", cleanup);
			if (conn_exec(s->aux, s->diag, cleanup) < 0)
				diag_note(s->diag, "run it by hand: %s;", cleanup);
		}
	}
	if (d == DIALECT_POSTGRES) {
		drop_invalid_indexes(s, &st);
	} else {
		for (int i = 0; i < st.nrows; i++) {
			const char *state = ROWS_AT(&st, i, 1), *sql = ROWS_AT(&st, i, 2), *t = ROWS_AT(&st, i, 4);
			if (t && sql && str_has_prefix(sql, "-- external:") &&
			    (str_eq(state, "running") || str_eq(state, "failed")))
				drop_osc_leftovers(s, t);
		}
	}
	sb_init(&sb);
	sb_addf(&sb, "UPDATE %s SET state = 'interrupted', ended_at = %s WHERE run_id = %ld AND state IN ('running', 'pending')",
		tbl(d, "statements"), now_fn(d), id);
	if (exec_sb(s->aux, s->diag, &sb) < 0)
		return -1;
	sb_init(&sb);
	sb_addf(&sb, "UPDATE %s SET state = 'interrupted', ended_at = %s, error = 'the process ended before the run did; "
		     "cleaned up by a later apply' WHERE id = %ld", tbl(d, "runs"), now_fn(d), id);
	if (exec_sb(s->aux, s->diag, &sb) < 0)
		return -1;
	fprintf(s->out, "-- run %ld marked interrupted; planning again from the live database\n", id);
	fflush(s->out);
	return 0;
}

int journal_recover(ExecSession *s)
{
	Dialect d = conn_dialect(s->aux);
	StrBuf sb;
	Rows r;
	int rc;

	sb_init(&sb);
	sb_addf(&sb, "SELECT id, %s, plan_hash, statements, session_id, client FROM %s WHERE target = ",
		d == DIALECT_MYSQL ? "DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%S')"
				   : "to_char(started_at, 'YYYY-MM-DD HH24:MI:SS')",
		tbl(d, "runs"));
	lit(&sb, d, s->target);
	sb_adds(&sb, " AND state = 'running' ORDER BY id");
	rc = conn_query(s->aux, s->diag, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	for (int i = 0; i < r.nrows; i++) {
		const char *row[6];
		for (int j = 0; j < 6; j++)
			row[j] = ROWS_AT(&r, i, j);
		if (recover_run(s, row) < 0)
			return -1;
	}
	return 0;
}

/* ---- the session ---- */

int exec_session_open(ExecSession *s, Arena *a, Diag *d, Conn *c, const ExecOptions *opt)
{
	Rows r;

	memset(s, 0, sizeof *s);
	s->arena = a;
	s->diag = d;
	s->conn = c;
	s->opt = *opt;
	s->out = stdout;
	s->aux = conn_open(a, d, conn_url(c));
	if (!s->aux)
		return -1;
	if (conn_query(s->aux, d, conn_dialect(c) == DIALECT_MYSQL ? "SELECT DATABASE()" : "SELECT current_database()",
		       &r) < 0 || r.nrows != 1 || !ROWS_AT(&r, 0, 0))
		return diag_error(d, LOC_NONE, "no database selected in \"%s\"", conn_url(c)->display);
	s->target = ROWS_AT(&r, 0, 0);
	/* Recovery's cleanups wait no longer for locks than the steps do. */
	if (exec_set_lock_timeout(s->aux, d, opt) < 0 || take_lock(s) < 0)
		return -1;
	if (!s->opt.journal)
		return online_copy_recover(s);
	if (journal_ensure(s) < 0) {
		diag_hint(d, "the journal needs the right to create the %s `_sqlshape`; --no-journal runs without it",
			  conn_dialect(c) == DIALECT_MYSQL ? "database" : "schema");
		return -1;
	}
	if (journal_recover(s) < 0)
		return -1;
	return online_copy_recover(s);
}

void exec_session_close(ExecSession *s)
{
	if (s->aux) {
		conn_close(s->aux);  /* releases the lock with the session */
		s->aux = NULL;
	}
	s->locked = false;
}
