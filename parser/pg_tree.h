/*
 * pg_tree.h: the libpg_query parse tree as the PostgreSQL front end uses it, shared by
 * parser/pg_parse.c (statements -> model) and parser/pg_canon.c (expression canonicalisation and
 * deparsing). Nothing outside parser/pg_*.c includes this: the rest of sqlshape sees only the model.
 *
 * Trees are unpacked with an allocator that takes memory from the run's Arena, so the
 * canonicaliser may splice arena-made nodes into them and nothing is ever freed on its own.
 */
#ifndef SQLSHAPE_PG_TREE_H
#define SQLSHAPE_PG_TREE_H

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/sb.h"

#include <stdbool.h>

typedef PgQuery__Node PgNode;

#define PG_IS(n, K) ((n) && (n)->node_case == PG_QUERY__NODE__NODE_##K)

/* TypeCast.location of a cast the canonicaliser must keep though it would usually drop it
 * (pg_parse marks "col::text" of a column that is no string). Locations are otherwise >= -1. */
#define PG_KEEP_CAST (-2)

/* Unpack a serialized ParseResult into the arena. NULL when protobuf-c rejects the bytes. */
PgQuery__ParseResult *pg_tree_unpack(Arena *a, const PgQueryProtobuf *pb);
/* The same tree from pg_query_parse's JSON text of sql (several times cheaper than the
 * protobuf route). NULL when the JSON does not fit the descriptors or may have lost a
 * negative integer (see pg_canon.c): take the protobuf route then. */
PgQuery__ParseResult *pg_tree_from_json(Arena *a, const char *json, const char *sql);

/* Rewrite a tree in place into the canonical form shared by user text and server output
 * (see pg_canon.c for the rules). */
void pg_canon_node(Arena *a, PgNode *n);
void pg_canon_typename(Arena *a, PgQuery__TypeName *t);

/* Deparsed text of one expression (canonicalised first). NULL when the deparser fails. */
const char *pg_deparse_expr(Arena *a, PgNode *expr);
/* Deparsed text of one expression as written (no canonical rewrites; the tree is not changed):
 * what CREATE prints, so the server stores what the user wrote. NULL when the deparser fails. */
const char *pg_deparse_expr_written(Arena *a, PgNode *expr);
/* Deparsed text of one statement node as written (no canonical rewrites, no semicolon). */
const char *pg_deparse_stmt_written(Arena *a, PgNode *stmt);
/* Deparsed text of one statement node (canonicalised first, no trailing semicolon). */
const char *pg_deparse_stmt(Arena *a, PgNode *stmt);

/* Visit every Node under n (n included), parents first; fn returns false to skip a subtree. */
void pg_walk_nodes(PgNode *n, bool (*fn)(PgNode *n, void *ctx), void *ctx);

/* The value of a String node (NULL otherwise). */
const char *pg_str(const PgNode *n);
/* Node constructors in the arena. */
PgNode *pg_mk_string(Arena *a, const char *s);
PgNode *pg_mk_typecast(Arena *a, PgNode *arg, PgQuery__TypeName *tn);

/* format_type() text of a TypeName ("character varying(20)[]"), qualifying a user type with
 * def_schema when it is unqualified and def_schema is not "public". */
const char *pg_format_typename(Arena *a, const PgQuery__TypeName *t, const char *def_schema);
/* True for a builtin type's internal name (int4, varchar, timestamptz, ...). */
int pg_is_builtin_type(const char *name);

/* An identifier as format_type/quote_ident print it: bare when lower-case and not reserved. */
void pg_add_ident_min(StrBuf *sb, const char *name);

#endif
