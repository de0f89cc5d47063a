/*
 * conn.h: the contract for everything that talks to a server: URLs, connections, running
 * statements and reading the live catalogue into the model. Implemented per dialect in
 * executor/url.c, executor/mysql_conn.c, executor/mysql_catalog.c, executor/pg_conn.c,
 * executor/pg_catalog.c. Passwords are kept only in DbUrl.password and never printed: use
 * DbUrl.display (the URL with the password replaced by "***") in every message.
 */
#ifndef SQLSHAPE_CONN_H
#define SQLSHAPE_CONN_H

#include "core/arena.h"
#include "core/diag.h"
#include "parser/model.h"

typedef struct DbUrl {
	Dialect dialect;        /* mysql:// mariadb:// -> MYSQL; postgres:// postgresql:// -> POSTGRES */
	const char *user;
	const char *password;   /* from the URL, else MYSQL_PWD / PGPASSWORD; never printed */
	const char *host;       /* NULL: localhost / socket */
	int port;               /* 0: default */
	const char *database;
	const char *socket;     /* ?socket=PATH (MySQL) / host=/path (PostgreSQL) */
	const char *params;     /* remaining query parameters, e.g. sslmode=require (PostgreSQL) */
	const char *display;    /* the URL with any password masked: safe to print */
	int timeout;            /* MySQL: seconds for connecting and for each read/write; 0: connect
				 * within 10 s, reads without a limit. Set by callers that must not
				 * hang on a dead server (the replicas the online copy watches). */
} DbUrl;

/* Parse a connection URL. -1 with a message on a malformed URL. */
int dburl_parse(Arena *a, Diag *d, const char *url, DbUrl *out);

typedef struct Conn Conn;  /* owns a MYSQL* or PGconn*; freed by conn_close */

/* Connect; -1/NULL with a message naming DbUrl.display (never the password). */
Conn *conn_open(Arena *a, Diag *d, const DbUrl *url);
void conn_close(Conn *c);
Dialect conn_dialect(const Conn *c);
/* Server version and defaults (filled at connect). */
const ServerInfo *conn_server(const Conn *c);

/* Run one statement (no result set expected). On failure: -1 and a diagnostic that quotes the
 * statement and the server's error code, SQLSTATE and message. */
int conn_exec(Conn *c, Diag *d, const char *sql);
/* The server error of the last failed conn_exec (0 / "" when none). */
int conn_last_errno(const Conn *c);
const char *conn_last_sqlstate(const Conn *c);

/* A result set copied into the connection's arena: nrows x ncols cells, row by row; a SQL
 * NULL is a NULL pointer. */
typedef struct Rows {
	int nrows, ncols;
	const char **cell;
	const char **names;     /* the ncols column names (labels), for results such as SHOW
				 * SLAVE STATUS whose columns differ between server versions */
} Rows;
#define ROWS_AT(r, i, j) ((r)->cell[(size_t)(i) * (size_t)(r)->ncols + (size_t)(j)])
/* The index of the column called name (exact), -1 when there is none. */
int rows_col(const Rows *r, const char *name);

/* Run one query that returns rows (the last result set of a multi-statement text on MySQL)
 * and copy them into the arena the connection was opened with; the server's result is freed
 * before returning. -1 with the same diagnostic as conn_exec. */
int conn_query(Conn *c, Diag *d, const char *sql, Rows *out);
/* A text sent without waiting for its results, which conn_collect reads: the server works on
 * it while the caller goes on, on this connection's siblings (nothing else may run on this one
 * before conn_collect). MySQL/MariaDB connections only: -1 with a diagnostic on PostgreSQL. */
int conn_send(Conn *c, Diag *d, const char *sql);
/* The results of the text conn_send sent (the same sql, for messages): every statement's, the
 * first failing one reported as conn_exec reports it; its result sets in order into
 * sets[0..nsets) (fewer: an error). */
int conn_collect(Conn *c, Diag *d, const char *sql, Rows *sets, int nsets);
/* The server's id for this session: MySQL/MariaDB CONNECTION_ID(), PostgreSQL the backend
 * pid. What processlist / pg_stat_activity show for it. */
long conn_session_id(const Conn *c);
/* The connection's URL (password inside: for opening a sibling connection only). */
const DbUrl *conn_url(const Conn *c);

/* Read the live catalogue of the connected database into out (s->dialect set), normalised for
 * the server, with est_rows/data_bytes filled. Batched: a handful of round trips, not one per
 * table. */
int catalog_read(Arena *a, Diag *d, Conn *c, Schema *out);
/* Start catalog_read early: PostgreSQL sends the catalogue queries now, so the server runs
 * them while the caller does other work (parses its files); catalog_read then reads the
 * results. Nothing else may use the connection in between. Does nothing for MySQL. 0 or -1. */
int catalog_send(Conn *c, Diag *d);
/* PostgreSQL (executor/pg_spell.c): the desired state's defaults and checks that hold typed
 * literals, and its views whose text differs from the same view in cur, are given the server's
 * own spelling (a temporary table in a rolled-back
 * transaction, read back through pg_get_expr / pg_get_constraintdef and pg_parse). Expressions
 * the server refuses keep their text. Does nothing for MySQL. Returns 0. */
int pg_spell_desired(Arena *a, Diag *d, Conn *c, const Schema *cur, Schema *want);
/* PostgreSQL (executor/pg_facts.c): the position (last_value, is_called) of each sequence and
 * identity column of cur whose options differ in want, into the cur model (Sequence.last_value /
 * called, Column.identity_last / identity_called), for the differ's RESTART decision. Two
 * queries at most; none when no options change. Unreadable: a warning, positions left NULL.
 * Does nothing for MySQL. Returns 0. */
int pg_sequence_positions(Arena *a, Diag *d, Conn *c, Schema *cur, const Schema *want);

#endif
