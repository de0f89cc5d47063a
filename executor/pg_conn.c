/*
 * pg_conn.c: the PostgreSQL half of a Conn: connect with libpq from a DbUrl, run statements,
 * turn server errors into diagnostics (statement, SQLSTATE, message). Never prints the password:
 * every message names the connection by DbUrl.display.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/conn_internal.h"

/* The libpq keywords and values of c's URL into keys/vals (room for 32, NULL-terminated). */
static void conninfo(Conn *c, const char **keys, const char **vals)
{
	int n = 0;
	char *params;

	if (c->url.host || c->url.socket) {
		keys[n] = "host";
		vals[n++] = c->url.socket ? c->url.socket : c->url.host;
	}
	if (c->url.port) {
		keys[n] = "port";
		vals[n++] = arena_printf(c->arena, "%d", c->url.port);
	}
	if (c->url.database) {
		keys[n] = "dbname";
		vals[n++] = c->url.database;
	}
	if (c->url.user) {
		keys[n] = "user";
		vals[n++] = c->url.user;
	}
	if (c->url.password) {
		keys[n] = "password";
		vals[n++] = c->url.password;
	}
	/* sslmode=require&connect_timeout=5: passed through as libpq keywords */
	if (c->url.params && *c->url.params) {
		params = arena_strdup(c->arena, c->url.params);
		for (char *tok = strtok(params, "&"); tok && n < 28; tok = strtok(NULL, "&")) {
			char *eq = strchr(tok, '=');
			if (!eq)
				continue;
			*eq = '\0';
			keys[n] = tok;
			vals[n++] = eq + 1;
		}
	}
	keys[n] = "application_name";
	vals[n++] = "sqlshape";
	keys[n] = NULL;
	vals[n] = NULL;
}

int pg_conn_open(Conn *c, Diag *d)
{
	const char *keys[32], *vals[32];
	const char *ver;

	conninfo(c, keys, vals);
	c->pg = PQconnectdbParams(keys, vals, 0);
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
		const char *msg = c->pg ? PQerrorMessage(c->pg) : "out of memory";
		size_t l = strlen(msg);
		while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
			l--;
		diag_error(d, LOC_NONE, "cannot connect to %s: %.*s", c->url.display ? c->url.display : "postgres", (int)l, msg);
		if (c->pg)
			PQfinish(c->pg);
		c->pg = NULL;
		return -1;
	}
	c->server.flavor = FLAVOR_POSTGRES;
	ver = PQparameterStatus(c->pg, "server_version");
	server_info_parse_version(&c->server, arena_strdup(c->arena, ver ? ver : ""));
	c->server.flavor = FLAVOR_POSTGRES;
	{
		PGresult *r = PQexec(c->pg, "SET client_min_messages = warning");
		PQclear(r);
	}
	c->pristine = true;
	return 0;
}

/* A second session of c's conninfo, its connection started and not waited for (libpq's
 * PQconnectStartParams: finish it with PQconnectPoll); NULL when it cannot even start. The
 * caller PQfinish()es it. */
PGconn *pg_conn_start(Conn *c)
{
	const char *keys[32], *vals[32];
	PGconn *pg;

	conninfo(c, keys, vals);
	pg = PQconnectStartParams(keys, vals, 0);
	if (pg && PQstatus(pg) == CONNECTION_BAD) {
		PQfinish(pg);
		pg = NULL;
	}
	return pg;
}

void pg_conn_close(Conn *c)
{
	for (int i = 0; i < 2; i++)
		if (c->cat_pg[i])
			PQfinish(c->cat_pg[i]);
	c->cat_pg[0] = c->cat_pg[1] = NULL;
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
}

/* A diagnostic for a failed result: the statement, SQLSTATE and the server's message. */
static int pg_result_error(Conn *c, Diag *d, const PGresult *r, const char *sql)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_HINT) : NULL;
	if (!msg)
		msg = PQerrorMessage(c->pg);
	snprintf(c->last_sqlstate, sizeof c->last_sqlstate, "%s", state ? state : "");
	c->last_errno = 0;
	diag_error(d, LOC_NONE, "statement failed on %s: %s (SQLSTATE %s)\n  statement: %.2000s", c->url.display ? c->url.display : "postgres",
		   msg, state ? state : "?", sql);
	if (detail)
		diag_hint(d, "%s", detail);
	if (hint)
		diag_hint(d, "%s", hint);
	return -1;
}

int pg_conn_exec(Conn *c, Diag *d, const char *sql)
{
	PGresult *r;
	ExecStatusType st;
	int rc = 0;

	c->pristine = false;
	r = PQexec(c->pg, sql);
	st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = pg_result_error(c, d, r, sql);
	else
		c->last_sqlstate[0] = '\0';
	PQclear(r);
	return rc;
}

/* For pg_catalog.c: run a query that must return rows; NULL after a diagnostic. The caller
 * PQclear()s the result. */
PGresult *pg_conn_query(Conn *c, Diag *d, const char *sql);
PGresult *pg_conn_query(Conn *c, Diag *d, const char *sql)
{
	PGresult *r;

	c->pristine = false;
	r = PQexec(c->pg, sql);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		pg_result_error(c, d, r, sql);
		PQclear(r);
		return NULL;
	}
	return r;
}

int pg_conn_query_rows(Conn *c, Diag *d, const char *sql, Rows *out)
{
	PGresult *r = pg_conn_query(c, d, sql);

	if (!r)
		return -1;
	out->nrows = PQntuples(r);
	out->ncols = PQnfields(r);
	out->cell = arena_alloc(c->arena, sizeof *out->cell * (size_t)(out->nrows * out->ncols + 1));
	out->names = arena_alloc(c->arena, sizeof *out->names * (size_t)(out->ncols + 1));
	for (int j = 0; j < out->ncols; j++)
		out->names[j] = arena_strdup(c->arena, PQfname(r, j));
	for (int i = 0; i < out->nrows; i++)
		for (int j = 0; j < out->ncols; j++)
			ROWS_AT(out, i, j) = PQgetisnull(r, i, j) ? NULL : arena_strdup(c->arena, PQgetvalue(r, i, j));
	PQclear(r);
	c->last_sqlstate[0] = '\0';
	return 0;
}
