/*
 * conn.c: the dialect dispatch of executor/conn.h. It owns the Conn allocation and nothing
 * else: connecting, running statements and reading catalogues happen in the per-dialect
 * halves (executor/mysql_conn.c, executor/mysql_catalog.c, executor/pg_conn.c,
 * executor/pg_catalog.c). Messages name DbUrl.display only.
 */
#include <string.h>

#include "executor/conn_internal.h"

Conn *conn_open(Arena *a, Diag *d, const DbUrl *url)
{
	Conn *c = ARENA_NEW(a, Conn);

	c->dialect = url->dialect;
	c->arena = a;
	c->url = *url;
	switch (url->dialect) {
	case DIALECT_MYSQL:
		if (mysql_conn_open(c, d) < 0)
			return NULL;
		return c;
	case DIALECT_POSTGRES:
		if (pg_conn_open(c, d) < 0)
			return NULL;
		return c;
	}
	diag_error(d, LOC_NONE, "cannot connect to \"%s\": unknown dialect", url->display);
	return NULL;
}

void conn_close(Conn *c)
{
	if (!c)
		return;
	if (c->dialect == DIALECT_MYSQL)
		mysql_conn_close(c);
	else if (c->dialect == DIALECT_POSTGRES)
		pg_conn_close(c);
}

Dialect conn_dialect(const Conn *c)
{
	return c->dialect;
}

const ServerInfo *conn_server(const Conn *c)
{
	return &c->server;
}

int conn_exec(Conn *c, Diag *d, const char *sql)
{
	c->last_errno = 0;
	c->last_sqlstate[0] = '\0';
	if (c->dialect == DIALECT_MYSQL)
		return mysql_conn_exec(c, d, sql);
	return pg_conn_exec(c, d, sql);
}

int conn_last_errno(const Conn *c)
{
	return c->last_errno;
}

const char *conn_last_sqlstate(const Conn *c)
{
	return c->last_sqlstate;
}

int catalog_send(Conn *c, Diag *d)
{
	return c->dialect == DIALECT_POSTGRES ? pg_catalog_send(c, d) : 0;
}

int catalog_read(Arena *a, Diag *d, Conn *c, Schema *out)
{
	if (c->dialect == DIALECT_MYSQL)
		return mysql_catalog_read(a, d, c, out);
	return pg_catalog_read(a, d, c, out);
}

int conn_query(Conn *c, Diag *d, const char *sql, Rows *out)
{
	c->last_errno = 0;
	c->last_sqlstate[0] = '\0';
	memset(out, 0, sizeof *out);
	if (c->dialect == DIALECT_MYSQL)
		return mysql_conn_query(c, d, sql, out);
	return pg_conn_query_rows(c, d, sql, out);
}

int conn_send(Conn *c, Diag *d, const char *sql)
{
	c->last_errno = 0;
	c->last_sqlstate[0] = '\0';
	if (c->dialect != DIALECT_MYSQL)
		return diag_error(d, LOC_NONE, "sending a statement without waiting is not available on PostgreSQL connections");
	return mysql_conn_send(c, d, sql);
}

int conn_collect(Conn *c, Diag *d, const char *sql, Rows *sets, int nsets)
{
	c->last_errno = 0;
	c->last_sqlstate[0] = '\0';
	for (int i = 0; i < nsets; i++)
		memset(&sets[i], 0, sizeof sets[i]);
	if (c->dialect != DIALECT_MYSQL)
		return diag_error(d, LOC_NONE, "sending a statement without waiting is not available on PostgreSQL connections");
	return mysql_conn_collect(c, d, sql, sets, nsets);
}

long conn_session_id(const Conn *c)
{
	if (c->dialect == DIALECT_MYSQL)
		return c->my ? (long)mysql_thread_id(c->my) : 0;
	return c->pg ? (long)PQbackendPID(c->pg) : 0;
}

const DbUrl *conn_url(const Conn *c)
{
	return &c->url;
}

int rows_col(const Rows *r, const char *name)
{
	for (int j = 0; r->names && j < r->ncols; j++)
		if (r->names[j] && !strcmp(r->names[j], name))
			return j;
	return -1;
}
