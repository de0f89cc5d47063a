/*
 * blockers.c: which other sessions hold a table, asked before a statement that needs its
 * lock. The answer names each session (connection id, user, how long its transaction has been
 * open, what it does) so that an operator can act; it is information, never a reason to touch
 * those sessions (nothing here kills anything).
 *
 * MySQL/MariaDB: the metadata locks themselves when the server shows them
 * (information_schema.METADATA_LOCK_INFO from MariaDB's metadata_lock_info plugin, or
 * performance_schema.metadata_locks when performance_schema is on, as on MySQL 8); otherwise
 * the open InnoDB transactions (information_schema.INNODB_TRX with the processlist) older than
 * a limit, which may or may not have touched the table (the server does not say): `exact` is
 * false then. PostgreSQL: granted pg_locks on the table with pg_stat_activity.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/run.h"

static void add_own_ids(StrBuf *sb, const long *own, int nown)
{
	sb_adds(sb, "(0");
	for (int i = 0; i < nown; i++)
		sb_addf(sb, ", %ld", own[i]);
	sb_addc(sb, ')');
}

static int rows_to_blockers(Arena *a, const Rows *r, BlockerList *out)
{
	for (int i = 0; i < r->nrows; i++) {
		Blocker *b = ARENA_NEW(a, Blocker);
		b->id = ROWS_AT(r, i, 0) ? atol(ROWS_AT(r, i, 0)) : 0;
		b->user = ROWS_AT(r, i, 1);
		b->age = ROWS_AT(r, i, 2) ? atof(ROWS_AT(r, i, 2)) : 0;
		b->state = ROWS_AT(r, i, 3);
		b->query = ROWS_AT(r, i, 4);
		b->lock = r->ncols > 5 ? ROWS_AT(r, i, 5) : NULL;
		LIST_PUSH(a, out, b);
	}
	return 0;
}

static int mysql_blockers(Arena *a, Diag *d, Conn *aux, const char *schema, const char *table,
			  const long *own, int nown, double min_age, BlockerList *out, bool *exact)
{
	Rows r;
	StrBuf sb;
	int rc;
	bool mdl_info, pfs;

	if (conn_query(aux, d, "SELECT (SELECT COUNT(*) FROM information_schema.PLUGINS "
			       "WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'), "
			       "@@performance_schema", &r) < 0 || r.nrows != 1)
		return -1;
	mdl_info = ROWS_AT(&r, 0, 0) && atoi(ROWS_AT(&r, 0, 0)) > 0;
	pfs = ROWS_AT(&r, 0, 1) && atoi(ROWS_AT(&r, 0, 1)) > 0;
	sb_init(&sb);
	/* Columns: id, user, age, state, statement, locks. */
	if (mdl_info) {
		sb_adds(&sb, "SELECT p.ID, p.USER, COALESCE(MAX(TIMESTAMPDIFF(SECOND, t.trx_started, NOW())), MAX(p.TIME)), "
			     "CONCAT(MAX(p.COMMAND), IF(MAX(t.trx_id) IS NULL, '', ' in transaction'), "
			     "IF(MAX(p.STATE) <> '', CONCAT(', ', MAX(p.STATE)), '')), MAX(p.INFO), "
			     "GROUP_CONCAT(DISTINCT m.LOCK_MODE) "
			     "FROM information_schema.METADATA_LOCK_INFO m "
			     "JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID "
			     "LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID "
			     "WHERE m.TABLE_SCHEMA = ");
		if (schema)
			sb_add_mysql_string(&sb, schema);
		else
			sb_adds(&sb, "DATABASE()");
		sb_adds(&sb, " AND m.TABLE_NAME = ");
		sb_add_mysql_string(&sb, table);
		sb_adds(&sb, " AND p.ID NOT IN ");
		add_own_ids(&sb, own, nown);
		sb_adds(&sb, " GROUP BY p.ID, p.USER ORDER BY 3 DESC");
		*exact = true;
	} else if (pfs) {
		sb_adds(&sb, "SELECT t.PROCESSLIST_ID, t.PROCESSLIST_USER, MAX(t.PROCESSLIST_TIME), "
			     "CONCAT(MAX(t.PROCESSLIST_COMMAND), IFNULL(CONCAT(', ', MAX(t.PROCESSLIST_STATE)), '')), "
			     "MAX(t.PROCESSLIST_INFO), GROUP_CONCAT(DISTINCT ml.LOCK_TYPE) "
			     "FROM performance_schema.metadata_locks ml "
			     "JOIN performance_schema.threads t ON t.THREAD_ID = ml.OWNER_THREAD_ID "
			     "WHERE ml.OBJECT_TYPE = 'TABLE' AND ml.LOCK_STATUS = 'GRANTED' AND ml.OBJECT_SCHEMA = ");
		if (schema)
			sb_add_mysql_string(&sb, schema);
		else
			sb_adds(&sb, "DATABASE()");
		sb_adds(&sb, " AND ml.OBJECT_NAME = ");
		sb_add_mysql_string(&sb, table);
		sb_adds(&sb, " AND t.PROCESSLIST_ID NOT IN ");
		add_own_ids(&sb, own, nown);
		sb_adds(&sb, " GROUP BY t.PROCESSLIST_ID, t.PROCESSLIST_USER ORDER BY 3 DESC");
		*exact = true;
	} else {
		sb_adds(&sb, "SELECT p.ID, p.USER, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), "
			     "CONCAT(p.COMMAND, ' in transaction', IF(p.STATE <> '', CONCAT(', ', p.STATE), '')), "
			     "COALESCE(p.INFO, t.trx_query), NULL "
			     "FROM information_schema.INNODB_TRX t "
			     "JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id "
			     "WHERE p.ID NOT IN ");
		add_own_ids(&sb, own, nown);
		sb_addf(&sb, " AND TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) >= %ld ORDER BY 3 DESC",
			(long)min_age);
		*exact = false;
	}
	rc = conn_query(aux, d, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	return rows_to_blockers(a, &r, out);
}

static int pg_blockers(Arena *a, Diag *d, Conn *aux, const char *schema, const char *table,
		       const long *own, int nown, BlockerList *out, bool *exact)
{
	Rows r;
	StrBuf sb;
	int rc;

	sb_init(&sb);
	sb_adds(&sb, "SELECT a.pid, a.usename, round(EXTRACT(EPOCH FROM clock_timestamp() - "
		     "COALESCE(a.xact_start, a.query_start, a.backend_start))::numeric, 1), a.state, a.query, "
		     "string_agg(DISTINCT l.mode, ',') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
		     "WHERE l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database "
		     "WHERE datname = current_database()) AND l.relation = to_regclass(");
	if (schema) {
		sb_adds(&sb, "quote_ident(");
		sb_add_pg_string(&sb, schema);
		sb_adds(&sb, ") || '.' || ");
	}
	sb_adds(&sb, "quote_ident(");
	sb_add_pg_string(&sb, table);
	sb_adds(&sb, "))");
	sb_adds(&sb, " AND l.pid NOT IN ");
	add_own_ids(&sb, own, nown);
	sb_adds(&sb, " GROUP BY 1, 2, 3, 4, 5 ORDER BY 3 DESC");
	rc = conn_query(aux, d, sb_str(&sb), &r);
	sb_release(&sb);
	if (rc < 0)
		return -1;
	*exact = true;
	return rows_to_blockers(a, &r, out);
}

int exec_find_blockers(Arena *a, Diag *d, Conn *aux, const char *schema, const char *table,
		       const long *own, int nown, double min_age, BlockerList *out, bool *exact)
{
	out->n = 0;
	*exact = false;
	if (conn_dialect(aux) == DIALECT_MYSQL)
		return mysql_blockers(a, d, aux, schema, table, own, nown, min_age, out, exact);
	return pg_blockers(a, d, aux, schema, table, own, nown, out, exact);
}

void exec_blocker_describe(StrBuf *sb, const Blocker *b)
{
	sb_addf(sb, "connection %ld (user %s, open %.0f s", b->id, b->user ? b->user : "?", b->age);
	if (b->state && *b->state)
		sb_addf(sb, ", %s", b->state);
	if (b->lock && *b->lock)
		sb_addf(sb, ", holds %s", b->lock);
	sb_adds(sb, ")");
	if (b->query && *b->query) {
		size_t n = strlen(b->query);
		/* One line, at most 200 bytes of the statement. */
		sb_adds(sb, ": ");
		for (size_t i = 0; i < n && i < 200; i++)
			sb_addc(sb, b->query[i] == '\n' || b->query[i] == '\t' ? ' ' : b->query[i]);
		if (n > 200)
			sb_adds(sb, " ...");
	}
}
