/*
 * frontend.h: the contract between the front ends (text -> model), normalisation, the canonical
 * printers, and everything downstream. Each function is implemented in the file named beside it.
 * All memory comes from the caller's arena; errors go to the Diag and the function returns -1.
 */
#ifndef SQLSHAPE_FRONTEND_H
#define SQLSHAPE_FRONTEND_H

#include "core/arena.h"
#include "core/diag.h"
#include "core/sb.h"
#include "parser/model.h"

typedef struct ParseStats {
	int statements;          /* DDL statements turned into model objects */
	int data_statements;     /* INSERT/REPLACE/COPY ignored (one warning per file counts them) */
	int ignored_statements;  /* SET, USE, LOCK TABLES, DROP ... IF EXISTS, psql meta-commands */
} ParseStats;

/* parser/mysql_parse.c: parse the MySQL/MariaDB text of file_id (registered in d) and add its
 * objects to s (s->dialect == DIALECT_MYSQL). The model is as written (aliases resolved, names
 * unquoted, expressions canonical); mysql_normalize makes it comparable with a server's.
 * Returns 0, or -1 after reporting every error to d (positioned, with a caret). st may be NULL. */
int mysql_parse(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st);
/* The same, running executable comments the way this flavour does: MariaDB (and
 * FLAVOR_UNKNOWN, which mysql_parse passes) skips MySQL's 5.7+ executable comments (versions
 * 50700-99999) and runs MariaDB-only ones; MySQL runs every MySQL one and skips MariaDB's. */
int mysql_parse_flavor(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, Flavor flavor);

/* parser/mysql_expr.c: canonical text of one MySQL expression given as text (a default, check,
 * generated column or partition expression as a server reports it). NULL after an error. */
const char *mysql_expr_canonical(Arena *a, Diag *d, const char *text);

/* parser/pg_parse.c: the same for PostgreSQL through libpg_query. Unqualified names go to the
 * schema named by the file's search_path (SET search_path / set_config), "public" by default;
 * every object's schema field is set explicitly. */
int pg_parse(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st);
/* pg_parse of a text whose statement boundaries the caller knows (one it generated): pieces
 * end at the nends offsets ends[] (ascending; each piece holds one or more whole statements),
 * the last one at the end of the text. Spares the scanner's pass over the whole text. */
int pg_parse_pieces(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends);

/* The columns of a catalogue table, given apart from its CREATE TABLE text: a piece whose
 * CREATE TABLE has an empty column list gets these columns, each built exactly as if
 * "name spec" had been written in that list ("spec": the type and what follows it; no
 * constraint but NOT NULL, DEFAULT, GENERATED and COLLATE/COMPRESSION). A column spelling is
 * parsed once per PgColumnMemo: a catalogue of 23,000 columns holds a few hundred spellings,
 * and libpg_query's parse of them was most of the client's time. */
typedef struct PgPieceColumns {
	int n;
	const char **names;
	const char **specs;
} PgPieceColumns;
typedef struct PgColumnMemo PgColumnMemo;
/* An empty memo in the arena (its columns live there too). */
PgColumnMemo *pg_column_memo_new(Arena *a);
/* pg_parse_pieces, with cols[k] (NULL: none) the columns of the CREATE TABLE in the piece
 * ending at ends[k]; memo shared by the calls of one catalogue read. */
int pg_parse_pieces_cols(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends,
			 const PgPieceColumns *const *cols, PgColumnMemo *memo);
/* parser/pg_parse.c: canonical text of one PostgreSQL expression (as pg_get_expr prints it or as
 * a user writes it). NULL after an error. */
const char *pg_expr_canonical(Arena *a, Diag *d, const char *text);
/* parser/pg_parse.c: whether the expression text holds a literal the server respells when it
 * stores it (a cast of a constant to a non-string type, a bit string); false when it does not
 * parse. The executor asks the server for the spelling of such expressions. */
bool pg_expr_has_typed_literal(Arena *a, const char *text);
/* parser/pg_parse.c: the range of a sequence or identity type (smallint, integer; else bigint). */
void pg_int_type_range(const char *type, long long *lo, long long *hi);

/* parser/load.c: the desired state from files, directories (every *.sql inside, sorted, not
 * recursive into hidden directories) and "-" for stdin, parsed with the dialect's front end into
 * one model. File texts are kept in the arena so diagnostics can point into them. */
int schema_load_paths(Arena *a, Diag *d, Dialect dialect, char *const *paths, int npaths,
		      Schema *out, ParseStats *st);
/* The same for a known MySQL flavour (executable comments, column-level REFERENCES follow it);
 * schema_load_paths passes FLAVOR_UNKNOWN (MariaDB's rules). */
int schema_load_paths_flavor(Arena *a, Diag *d, Dialect dialect, Flavor flavor, char *const *paths, int npaths,
			     Schema *out, ParseStats *st);

/* parser/normalize_mysql.c: rewrite a MySQL model in place into the canonical form for this
 * server (flavour, version, default charsets): what a user wrote and what the server reports
 * for the same DDL become equal. Idempotent. */
void mysql_normalize(Arena *a, Schema *s, const ServerInfo *si);

/* parser/normalize_pg.c */
void pg_normalize(Arena *a, Schema *s, const ServerInfo *si);

/* parser/print_mysql.c: canonical MySQL DDL. Identifiers always quoted. mysql_print_schema
 * prints every object in an order that loads into an empty database (tables in foreign-key
 * order, views after what they read, triggers last), each statement ending in ";\n" (compound
 * bodies inside DELIMITER ;; lines). The single-object printers print one statement with no
 * terminator, ready for conn_exec. */
void mysql_print_schema(StrBuf *sb, const Schema *s, const ServerInfo *si);
void mysql_print_table(StrBuf *sb, const Table *t, const ServerInfo *si);
void mysql_print_view(StrBuf *sb, const View *v, const ServerInfo *si);
void mysql_print_trigger(StrBuf *sb, const Trigger *t, const ServerInfo *si);
void mysql_print_routine(StrBuf *sb, const Routine *r, const ServerInfo *si);
/* MariaDB CREATE SEQUENCE; mysql_print_sequence_options prints only "START WITH .. NOCYCLE"
 * (for ALTER SEQUENCE). */
void mysql_print_sequence(StrBuf *sb, const Sequence *q, const ServerInfo *si);
void mysql_print_sequence_options(StrBuf *sb, const Sequence *q);
/* Pieces the differ reuses inside ALTER TABLE. mysql_print_type: the type alone ("int(10)
 * unsigned zerofill", "enum('a','b')", SRID on MySQL; si NULL: no flavour rules), also what the
 * builder uses for routine parameter and RETURNS types. */
void mysql_print_type(StrBuf *sb, const Column *c, const ServerInfo *si);
void mysql_print_column_def(StrBuf *sb, const Column *c, const ServerInfo *si);
/* sql with every qualifier naming database from_db (`from_db`.x, from_db.x) turned into
 * to_db, found with the lexer (strings and comments untouched); sql itself when there is none
 * or the text does not lex. Verification rehearses statements that name the target database
 * in a scratch database with it. */
const char *mysql_requalify(Arena *a, const char *sql, const char *from_db, const char *to_db);
/* The part of ALTER COLUMN that sets c's default: "SET DEFAULT value" (an expression in
 * parentheses, which ALTER COLUMN requires) or "DROP DEFAULT" when c has none. */
void mysql_print_alter_default(StrBuf *sb, const Column *c, const ServerInfo *si);
void mysql_print_index_def(StrBuf *sb, const Index *ix, const ServerInfo *si);
void mysql_print_fk_def(StrBuf *sb, const ForeignKey *fk, const ServerInfo *si);
void mysql_print_check_def(StrBuf *sb, const Check *ck, const ServerInfo *si);
/* " CHECK (expr)" for each MariaDB column-level check of c (Check.column), to follow its
 * column definition. */
void mysql_print_column_checks(StrBuf *sb, const Table *t, const Column *c, const ServerInfo *si);
void mysql_print_partitioning(StrBuf *sb, const Partitioning *p, const ServerInfo *si);

/* parser/mysql_event.c: CREATE EVENT (or, with alter, the ALTER EVENT that gives an existing
 * event every property of e), one statement without a terminator. */
void mysql_print_event(StrBuf *sb, const Event *e, const ServerInfo *si, bool alter);
/* Is an event time (Event.starts/ends, the text after AT) a literal the server keeps as
 * written, rather than an expression it evaluates once? */
bool mysql_event_time_literal(const char *t);

/* parser/print_pg.c: canonical PostgreSQL DDL, same contract. */
void pg_print_schema(StrBuf *sb, const Schema *s, const ServerInfo *si);
/* Does the routine's signature (arguments or result) name a table's or view's row type of s,
 * so that it can only be created after the relations? */
bool pg_routine_needs_relations(const Schema *s, const Routine *r);
/* Does domain t's default or check call one of s's functions, so that it can only be created
 * after the routines (those that need no relation)? False for other kinds of type. */
bool pg_type_needs_routines(const Schema *s, const TypeDef *t);
/* The foreign keys of t as ALTER TABLE ... ADD CONSTRAINT statements, with their comments
 * (pg_print_schema prints them after every table; export --dir gives them their own file). */
void pg_print_foreign_keys(StrBuf *sb, const Table *t);
/* Pieces of the printer the PostgreSQL differ reuses for its statements: a column definition,
 * an index's parenthesised parts, a PRIMARY KEY/UNIQUE constraint body, [NOT] DEFERRABLE
 * [INITIALLY DEFERRED], and a "schema.name" reference as the model stores it, quoted. */
void pg_print_column(StrBuf *sb, const Column *c);
void pg_print_index_parts(StrBuf *sb, const Index *ix);
/* CREATE [UNIQUE] INDEX name ON schema.table ...; with its newline. */
void pg_print_index(StrBuf *sb, const char *schema, const char *table, const Index *ix);
void pg_print_key_constraint(StrBuf *sb, const Index *ix);
void pg_print_deferrable(StrBuf *sb, bool d, bool init);
void pg_print_qref(StrBuf *sb, const char *ref);

#endif
