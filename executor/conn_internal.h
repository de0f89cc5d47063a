/*
 * conn_internal.h: the inside of a Conn, shared by the per-dialect connection files only
 * (executor/mysql_conn.c, executor/pg_conn.c) and the dispatch in executor/conn.c. Nothing
 * outside executor/ includes this.
 */
#ifndef SQLSHAPE_CONN_INTERNAL_H
#define SQLSHAPE_CONN_INTERNAL_H

/* Spelled with its directory: the lemon grammar generates build/gen/mysql.h (token codes),
 * which -Ibuild/gen would otherwise find first. */
#include <mariadb/mysql.h>
#include <libpq-fe.h>

#include "executor/conn.h"

struct Conn {
	Dialect dialect;
	Arena *arena;          /* the run's arena: server facts and catalogue strings live here */
	DbUrl url;
	ServerInfo server;
	MYSQL *my;             /* DIALECT_MYSQL */
	PGconn *pg;            /* DIALECT_POSTGRES */
	int last_errno;        /* MySQL error number of the last failure */
	char last_sqlstate[6];
	bool catalog_sent;     /* PostgreSQL: catalog_send's queries are out, their results unread */
	bool pristine;         /* PostgreSQL: nothing has run on pg since it was opened (no SET, no
				* transaction), so another session of the same conninfo sees what it sees */
	bool cols_later;       /* PostgreSQL: c->pg's catalogue pipeline waits for the columns queries */
	PGconn *cat_pg[2];     /* PostgreSQL: extra sessions reading parts of the catalogue (pg_catalog.c) */
};

/* Per-dialect halves of the functions in conn.h; conn.c dispatches on url->dialect. */
int mysql_conn_open(Conn *c, Diag *d);
void mysql_conn_close(Conn *c);
int mysql_conn_exec(Conn *c, Diag *d, const char *sql);
int mysql_catalog_read(Arena *a, Diag *d, Conn *c, Schema *out);
int mysql_conn_query(Conn *c, Diag *d, const char *sql, Rows *out);
int mysql_conn_send(Conn *c, Diag *d, const char *sql);
int mysql_conn_collect(Conn *c, Diag *d, const char *sql, Rows *sets, int nsets);

int pg_conn_open(Conn *c, Diag *d);
PGconn *pg_conn_start(Conn *c);
void pg_conn_close(Conn *c);
int pg_conn_exec(Conn *c, Diag *d, const char *sql);
int pg_catalog_read(Arena *a, Diag *d, Conn *c, Schema *out);
int pg_catalog_send(Conn *c, Diag *d);
int pg_conn_query_rows(Conn *c, Diag *d, const char *sql, Rows *out);

#endif
