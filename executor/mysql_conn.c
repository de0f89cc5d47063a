/*
 * mysql_conn.c: the MySQL/MariaDB half of executor/conn.h through libmariadb: connecting
 * (utf8mb4, multi-statements), the server facts of ServerInfo, running statements, and turning
 * server errors into diagnostics. It never prints the password: messages name
 * DbUrl.display. Result sets (MYSQL_RES) are freed as soon as they are read.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/conn_internal.h"
#include "executor/mysql_internal.h"

/* Longest statement text quoted in a message. */
#define STMT_QUOTE_MAX 300

static void remember_error(Conn *c)
{
	c->last_errno = (int)mysql_errno(c->my);
	snprintf(c->last_sqlstate, sizeof c->last_sqlstate, "%s", mysql_sqlstate(c->my));
}

/* Where the server's "near '...' at line N" fragment starts in sql, or -1. The server quotes
 * up to 80 bytes from the failing token on; leading blanks are skipped so the caret lands on
 * the token, and the search starts at line N so an earlier copy of the text is not taken. */
static long near_offset(const char *sql, const char *msg)
{
	const char *near = strstr(msg, "near '");
	const char *end, *hit, *from = sql;
	char frag[25];
	size_t n;
	long line;

	if (!near)
		return -1;
	near += 6;
	end = strstr(near, "' at line ");
	if (!end)
		return -1;
	line = strtol(end + 10, NULL, 10);
	for (long l = 1; l < line && from; l++) {
		from = strchr(from, '\n');
		from = from ? from + 1 : NULL;
	}
	if (!from)
		from = sql;
	while (near < end && (*near == ' ' || *near == '\n' || *near == '\t' || *near == '\r'))
		near++;
	n = (size_t)(end - near);
	if (n == 0)
		return (long)strlen(sql);  /* "near ''": at the end */
	if (n > sizeof frag - 1)
		n = sizeof frag - 1;  /* enough to be unique; the server may cut mid-character */
	memcpy(frag, near, n);
	frag[n] = '\0';
	hit = strstr(from, frag);
	if (!hit)
		hit = strstr(sql, frag);
	return hit ? (long)(hit - sql) : -1;
}

int mysql_report_error(Conn *c, Diag *d, const char *sql)
{
	const char *msg = mysql_error(c->my);
	SrcLoc loc = LOC_NONE;
	long off;

	remember_error(c);
	if (sql && (off = near_offset(sql, msg)) >= 0 && strlen(sql) < 100000) {
		/* Point into the statement like a parse error would. */
		loc.file = diag_add_file(d, "statement", arena_strdup(c->arena, sql), strlen(sql));
		loc.off = (uint32_t)off;
	}
	diag_error(d, loc, "server error %d (%s): %s", c->last_errno, c->last_sqlstate, msg);
	if (sql && loc.file < 0) {
		size_t n = strlen(sql);
		diag_note(d, "statement: %.*s%s", (int)(n > STMT_QUOTE_MAX ? STMT_QUOTE_MAX : n), sql,
			  n > STMT_QUOTE_MAX ? " ..." : "");
	}
	diag_note(d, "server: %s", c->url.display);
	return -1;
}

MYSQL_RES *mysql_query_rows(Conn *c, Diag *d, const char *sql)
{
	MYSQL_RES *res;

	if (mysql_real_query(c->my, sql, strlen(sql)) != 0) {
		mysql_report_error(c, d, sql);
		return NULL;
	}
	res = mysql_store_result(c->my);
	if (!res) {
		if (mysql_errno(c->my))
			mysql_report_error(c, d, sql);
		else
			diag_error(d, LOC_NONE, "expected rows from \"%s\"", sql);
		return NULL;
	}
	return res;
}

static int read_server_facts(Conn *c, Diag *d)
{
	Arena *a = c->arena;
	ServerInfo *si = &c->server;
	MYSQL_RES *res;
	MYSQL_ROW row;

	memset(si, 0, sizeof *si);
	res = mysql_query_rows(c, d,
			       "SELECT VERSION(), @@lower_case_table_names, @@sql_mode, DATABASE(), "
			       "@@character_set_server, @@collation_server");
	if (!res)
		return -1;
	row = mysql_fetch_row(res);
	if (!row) {
		mysql_free_result(res);
		return diag_error(d, LOC_NONE, "no answer to the server facts query on \"%s\"",
				  c->url.display);
	}
	si->flavor = FLAVOR_UNKNOWN;
	server_info_parse_version(si, arena_strdup(a, row[0]));
	si->lower_case_table_names = row[1] ? atoi(row[1]) : 0;
	si->sql_mode = arena_strdup(a, row[2] ? row[2] : "");
	si->db_charset = arena_strdup(a, row[4]);
	si->db_collation = arena_strdup(a, row[5]);
	mysql_free_result(res);

	/* The database's own defaults override the server's. */
	if (c->url.database) {
		res = mysql_query_rows(c, d,
				       "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
				       "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()");
		if (!res)
			return -1;
		if ((row = mysql_fetch_row(res)) != NULL) {
			si->db_charset = arena_strdup(a, row[0]);
			si->db_collation = arena_strdup(a, row[1]);
		}
		mysql_free_result(res);
	}

	res = mysql_query_rows(c, d,
			       "SELECT CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLLATIONS "
			       "WHERE IS_DEFAULT = 'Yes' ORDER BY CHARACTER_SET_NAME");
	if (!res)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (!row[0] || !row[1])
			continue;
		LIST_PUSH(a, &si->default_collations, arena_strdup(a, row[0]));
		LIST_PUSH(a, &si->default_collations, arena_strdup(a, row[1]));
	}
	mysql_free_result(res);
	return 0;
}

int mysql_conn_open(Conn *c, Diag *d)
{
	const DbUrl *u = &c->url;
	unsigned int timeout = u->timeout > 0 ? (unsigned int)u->timeout : 10;

	c->my = mysql_init(NULL);
	if (!c->my)
		xoom();
	mysql_options(c->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (u->timeout > 0) {
		mysql_options(c->my, MYSQL_OPT_READ_TIMEOUT, &timeout);
		mysql_options(c->my, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
	}
	if (u->socket) {
		unsigned int proto = MYSQL_PROTOCOL_SOCKET;
		mysql_options(c->my, MYSQL_OPT_PROTOCOL, &proto);
	}
	if (!mysql_real_connect(c->my, u->host, u->user, u->password, u->database,
				(unsigned int)u->port, u->socket,
				CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS)) {
		remember_error(c);
		diag_error(d, LOC_NONE, "cannot connect to \"%s\": %s (error %d)", u->display,
			   mysql_error(c->my), c->last_errno);
		if (c->last_errno == 2002 || c->last_errno == 2003)
			diag_hint(d, "is the server running and listening on %s%s%d?",
				  u->socket ? u->socket : u->host ? u->host : "localhost",
				  u->socket ? "" : ":", u->socket ? 0 : u->port ? u->port : 3306);
		mysql_close(c->my);
		c->my = NULL;
		return -1;
	}
	/* Catalogue texts must not depend on the session's mode (ANSI_QUOTES would change SHOW
	 * CREATE quoting) nor be cut by group_concat_max_len. */
	if (mysql_conn_exec(c, d, "SET SESSION sql_quote_show_create = 1, "
				  "SESSION group_concat_max_len = 1048576") < 0 ||
	    read_server_facts(c, d) < 0) {
		mysql_close(c->my);
		c->my = NULL;
		return -1;
	}
	return 0;
}

void mysql_conn_close(Conn *c)
{
	if (c->my) {
		mysql_close(c->my);
		c->my = NULL;
	}
}

/* One result set copied into the connection's arena. */
static void copy_rows(Conn *c, MYSQL_RES *res, Rows *out)
{
	MYSQL_ROW row;
	out->ncols = (int)mysql_num_fields(res);
	out->nrows = (int)mysql_num_rows(res);
	out->cell = arena_alloc(c->arena, sizeof *out->cell * (size_t)(out->nrows * out->ncols + 1));
	out->names = arena_alloc(c->arena, sizeof *out->names * (size_t)(out->ncols + 1));
	for (int j = 0; j < out->ncols; j++)
		out->names[j] = arena_strdup(c->arena, mysql_fetch_field_direct(res, (unsigned int)j)->name);
	for (int i = 0; (row = mysql_fetch_row(res)) != NULL && i < out->nrows; i++) {
		unsigned long *len = mysql_fetch_lengths(res);
		for (int j = 0; j < out->ncols; j++)
			ROWS_AT(out, i, j) = row[j] ? arena_strndup(c->arena, row[j], len[j]) : NULL;
	}
}

/* The results of sql, whose first result the caller has just read (mysql_real_query or
 * mysql_read_query_result): every result of a multi-statement text is drained, the first
 * failing statement stops it. The result sets are copied in order into sets[0..nsets) (more
 * are freed); with last, only the last result set, into sets[0]. *got: how many were copied. */
static int read_results(Conn *c, Diag *d, const char *sql, Rows *sets, int nsets, bool last, int *got)
{
	int status;
	MYSQL_RES *keep = NULL;
	*got = 0;
	do {
		MYSQL_RES *res = mysql_store_result(c->my);
		if (res) {
			if (last) {
				if (keep)
					mysql_free_result(keep);
				keep = res;
			} else {
				if (*got < nsets)
					copy_rows(c, res, &sets[(*got)++]);
				mysql_free_result(res);
			}
		} else if (mysql_field_count(c->my) != 0) {
			if (keep)
				mysql_free_result(keep);
			return mysql_report_error(c, d, sql);
		}
		status = mysql_next_result(c->my);
		if (status > 0) {
			if (keep)
				mysql_free_result(keep);
			return mysql_report_error(c, d, sql);
		}
	} while (status == 0);
	if (keep) {
		copy_rows(c, keep, &sets[0]);
		mysql_free_result(keep);
		*got = 1;
	}
	return 0;
}

int mysql_conn_exec(Conn *c, Diag *d, const char *sql)
{
	int got;
	if (!c->my)
		return diag_error(d, LOC_NONE, "not connected to \"%s\"", c->url.display);
	if (mysql_real_query(c->my, sql, strlen(sql)) != 0)
		return mysql_report_error(c, d, sql);
	return read_results(c, d, sql, NULL, 0, false, &got);
}

int mysql_conn_query(Conn *c, Diag *d, const char *sql, Rows *out)
{
	int got;
	if (!c->my)
		return diag_error(d, LOC_NONE, "not connected to \"%s\"", c->url.display);
	if (mysql_real_query(c->my, sql, strlen(sql)) != 0)
		return mysql_report_error(c, d, sql);
	if (read_results(c, d, sql, out, 1, true, &got) < 0)
		return -1;
	if (!got)
		return diag_error(d, LOC_NONE, "expected rows from \"%.200s\"", sql);
	return 0;
}

int mysql_conn_send(Conn *c, Diag *d, const char *sql)
{
	if (!c->my)
		return diag_error(d, LOC_NONE, "not connected to \"%s\"", c->url.display);
	if (mysql_send_query(c->my, sql, strlen(sql)) != 0)
		return mysql_report_error(c, d, sql);
	return 0;
}

int mysql_conn_collect(Conn *c, Diag *d, const char *sql, Rows *sets, int nsets)
{
	int got;
	if (!c->my)
		return diag_error(d, LOC_NONE, "not connected to \"%s\"", c->url.display);
	if (mysql_read_query_result(c->my) != 0)
		return mysql_report_error(c, d, sql);
	if (read_results(c, d, sql, sets, nsets, false, &got) < 0)
		return -1;
	if (got < nsets)
		return diag_error(d, LOC_NONE, "expected %d result sets from \"%.200s\", got %d", nsets, sql, got);
	return 0;
}
