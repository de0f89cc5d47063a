/*
 * mysql_internal.h: what executor/mysql_conn.c lends to executor/mysql_catalog.c and
 * executor/export.c. Nothing outside executor/ includes this.
 */
#ifndef SQLSHAPE_MYSQL_INTERNAL_H
#define SQLSHAPE_MYSQL_INTERNAL_H

#include "executor/conn_internal.h"

/* Run a query that returns rows; the caller frees the result with mysql_free_result right
 * after reading it. NULL after reporting the server's error. */
MYSQL_RES *mysql_query_rows(Conn *c, Diag *d, const char *sql);

/* Report the connection's current error as a diagnostic naming sql (may be NULL): the
 * server's error number, SQLSTATE and message, a caret into the statement when the server
 * says where, and the server's display URL. Returns -1. */
int mysql_report_error(Conn *c, Diag *d, const char *sql);

/* ---- the catalogue as the server shows it (executor/mysql_catalog.c) ---- */

/* SHOW CREATE statements per multi-statement round trip, and a cap on the batch text. */
#define MYSQL_BATCH_STATEMENTS 200
#define MYSQL_BATCH_BYTES (256 * 1024)

typedef enum MyObjKind {
	MYOBJ_TABLE, MYOBJ_VIEW, MYOBJ_SEQUENCE, MYOBJ_FUNCTION, MYOBJ_PROCEDURE, MYOBJ_TRIGGER,
	MYOBJ_EVENT
} MyObjKind;

typedef struct MyObject {
	MyObjKind kind;
	const char *name;
	const char *create_sql;     /* SHOW CREATE text (views: own-database qualifiers removed;
				     * triggers: built from information_schema.TRIGGERS) */
	long long est_rows, data_bytes, auto_increment;  /* tables */
	const char *table, *timing, *event;              /* triggers */
	const char *follows;        /* trigger: the one it follows in firing order, or NULL */
	bool parsed;                /* mysql_catalog_read: already fed to mysql_parse */
} MyObject;

LIST_TYPE(MyObjectList, MyObject);

typedef struct MyCatalog {
	const char *database;
	MyObjectList objects;   /* tables, views and sequences by name; routines; triggers in
				 * firing order per table */
	int round_trips;        /* queries sent while reading (for tests and the benchmark) */
} MyCatalog;

/* "TABLE", "VIEW", ... as in SHOW CREATE. */
const char *mysql_objkind_name(MyObjKind k);

/* Fill sb with "SHOW CREATE KIND `name`;" for objs[from..n), at most max_stmts statements and
 * (beyond the first statement) max_bytes bytes. Returns how many statements it holds. */
int mysql_batch_text(StrBuf *sb, MyObject *const *objs, int from, int n, int max_stmts,
		     size_t max_bytes);

/* sql with every `db`. qualifier outside string literals removed (sql itself when none). */
const char *mysql_strip_db_qualifier(Arena *a, const char *sql, const char *db);

/* Read the texts of the connected database's objects (no parsing). */
int mysql_catalog_fetch(Arena *a, Diag *d, Conn *c, MyCatalog *cat);
/* Parse the texts into out (diagnostics name display) and normalise for si. */
int mysql_catalog_build(Arena *a, Diag *d, const MyCatalog *cat, const char *display,
			const ServerInfo *si, Schema *out);

#endif
