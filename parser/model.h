/*
 * model.h: the one schema model both dialects produce and every later stage consumes.
 *
 * Each node's fields are listed once, in an X-macro list (T_FIELDS below); model.c expands the
 * lists into T_equal (structural equality, ignoring locations and META fields), T_copy (deep
 * copy into an arena) and T_dump (the debug/golden tree dump). Adding a field to a list is all
 * it takes for equality, copy and dump to know it, so the differ cannot forget a field.
 *
 * Field kinds:
 *   IDENT   name; compared case-insensitively for MySQL, exactly for PostgreSQL
 *   TIDENT  table/view/schema name; always compared exactly (MySQL on Linux is case-sensitive)
 *   STR     text (canonical SQL text for expressions), exact comparison, NULL == NULL only
 *   INT/I64/BOOL/ENUM(type)  scalars
 *   STRS    ordered string list, exact; IDENTS: ordered list of identifiers
 *   KIDS(T) ordered children (columns, index parts, partitions)
 *   SET(T)  unordered children matched by key (schema + name, see model.c)
 *   KID(T)  optional single child
 *   META/META64/METABOOL/METASTRS  carried and copied but ignored by equality (renames, counters,
 *           sizes, names the differ compares itself)
 *   LOC     source location, ignored by equality
 *
 * Conventions every producer (grammar builder, catalogue reader, normaliser) follows:
 *   - all strings live in the run's arena; identifiers are stored unquoted;
 *   - expressions are stored as canonical text without outer parentheses, printed by the
 *     dialect's expression printer, so equal meaning gives equal text;
 *   - Column.length/scale/srid are -1 when absent (use column_new); other ints are 0 when absent;
 *   - MySQL Column.type is the lowercase base type name after alias resolution ("int",
 *     "varchar", "decimal", "enum", "tinyint" for BOOL with length 1); PostgreSQL Column.type
 *     is the full format_type() text ("character varying(20)[]").
 *   - MySQL names left out by the user (keys, foreign keys, checks) are NULL until
 *     mysql_normalize gives them the server's names; the BINARY column attribute without a
 *     charset is Column.collation "_bin" (resolved against the table's charset); a column-level
 *     CHECK sets Check.column to its column.
 */
#ifndef SQLSHAPE_MODEL_H
#define SQLSHAPE_MODEL_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/list.h"
#include "core/sb.h"

/* ---- enums (values and their printed names) ---- */

#define Dialect_VALUES(V) \
	V(DIALECT_MYSQL, "mysql") \
	V(DIALECT_POSTGRES, "postgres")

#define IndexKind_VALUES(V) \
	V(INDEX_PLAIN, "KEY") \
	V(INDEX_UNIQUE, "UNIQUE") \
	V(INDEX_PRIMARY, "PRIMARY") \
	V(INDEX_FULLTEXT, "FULLTEXT") \
	V(INDEX_SPATIAL, "SPATIAL")

#define FkAction_VALUES(V) \
	V(FK_UNSPECIFIED, "") \
	V(FK_RESTRICT, "RESTRICT") \
	V(FK_CASCADE, "CASCADE") \
	V(FK_SET_NULL, "SET NULL") \
	V(FK_SET_DEFAULT, "SET DEFAULT") \
	V(FK_NO_ACTION, "NO ACTION")

#define DefaultKind_VALUES(V) \
	V(DEFAULT_NONE, "") \
	V(DEFAULT_NULL, "NULL") \
	V(DEFAULT_LITERAL, "literal") \
	V(DEFAULT_EXPR, "expr")

#define GenKind_VALUES(V) \
	V(GEN_NONE, "") \
	V(GEN_VIRTUAL, "VIRTUAL") \
	V(GEN_STORED, "STORED")

#define IdentityKind_VALUES(V) \
	V(IDENTITY_NONE, "") \
	V(IDENTITY_ALWAYS, "ALWAYS") \
	V(IDENTITY_BY_DEFAULT, "BY DEFAULT")

#define PartMethod_VALUES(V) \
	V(PART_NONE, "") \
	V(PART_RANGE, "RANGE") \
	V(PART_LIST, "LIST") \
	V(PART_HASH, "HASH") \
	V(PART_KEY, "KEY")

#define NullsOrder_VALUES(V) \
	V(NULLS_DEFAULT, "") \
	V(NULLS_FIRST, "NULLS FIRST") \
	V(NULLS_LAST, "NULLS LAST")

#define RoutineKind_VALUES(V) \
	V(ROUTINE_FUNCTION, "FUNCTION") \
	V(ROUTINE_PROCEDURE, "PROCEDURE") \
	V(ROUTINE_AGGREGATE, "AGGREGATE")

#define TypeKind_VALUES(V) \
	V(TYPE_ENUM, "ENUM") \
	V(TYPE_DOMAIN, "DOMAIN") \
	V(TYPE_COMPOSITE, "COMPOSITE") \
	V(TYPE_RANGE, "RANGE")

#define MODEL_ENUMS(E) \
	E(Dialect) E(IndexKind) E(FkAction) E(DefaultKind) E(GenKind) E(IdentityKind) \
	E(PartMethod) E(NullsOrder) E(RoutineKind) E(TypeKind)

#define MODEL_ENUM_VALUE_(sym, text) sym,
#define MODEL_ENUM_DECL_(T) \
	typedef enum T { T##_VALUES(MODEL_ENUM_VALUE_) } T; \
	const char *T##_name(int v);
MODEL_ENUMS(MODEL_ENUM_DECL_)

/* ---- node field lists ---- */

#define IndexPart_FIELDS(X) \
	X(IDENT, _, column)      /* NULL for an expression part */ \
	X(STR, _, expr)          /* functional key part, canonical, no outer parentheses */ \
	X(INT, _, prefix_len)    /* MySQL prefix length; 0: whole column */ \
	X(BOOL, _, desc) \
	X(STR, _, collation)     /* PostgreSQL */ \
	X(STR, _, opclass)       /* PostgreSQL */ \
	X(ENUM, NullsOrder, nulls) \
	X(STR, _, exclude_op)    /* PostgreSQL EXCLUDE constraint operator ("&&", "="); NULL otherwise */ \
	X(LOC, _, loc)

#define Index_FIELDS(X) \
	X(IDENT, _, name)        /* "PRIMARY" for a MySQL primary key */ \
	X(ENUM, IndexKind, kind) \
	X(KIDS, IndexPart, parts) \
	X(STR, _, method)        /* USING btree/hash (MySQL), access method (PostgreSQL); NULL: default */ \
	X(STR, _, comment) \
	X(BOOL, _, invisible)    /* MySQL INVISIBLE, MariaDB IGNORED */ \
	X(STR, _, parser)        /* FULLTEXT WITH PARSER */ \
	X(INT, _, key_block_size) \
	X(STR, _, where_pred)    /* PostgreSQL partial index predicate */ \
	X(META, _, where_source) /* PostgreSQL: the predicate as written, printed by CREATE; NULL: where_pred */ \
	X(IDENTS, _, include)    /* PostgreSQL INCLUDE */ \
	X(BOOL, _, nulls_not_distinct) \
	X(BOOL, _, is_constraint) /* PostgreSQL: PRIMARY KEY/UNIQUE declared as a constraint */ \
	X(BOOL, _, deferrable) \
	X(BOOL, _, initially_deferred) \
	X(STR, _, with_options)  /* PostgreSQL storage parameters, canonical */ \
	X(METABOOL, _, implicit) /* created by the server for a foreign key */ \
	X(META, _, renamed_from) \
	X(LOC, _, loc)

#define ForeignKey_FIELDS(X) \
	X(IDENT, _, name) \
	X(IDENTS, _, columns) \
	X(STR, _, ref_schema)    /* MySQL: database when qualified and different; PostgreSQL schema */ \
	X(TIDENT, _, ref_table) \
	X(IDENTS, _, ref_columns) \
	X(ENUM, FkAction, on_delete) \
	X(ENUM, FkAction, on_update) \
	X(STR, _, match)         /* FULL / PARTIAL / SIMPLE; NULL: default */ \
	X(BOOL, _, deferrable) \
	X(BOOL, _, initially_deferred) \
	X(BOOL, _, not_valid) \
	X(STR, _, comment) \
	X(LOC, _, loc)

#define Check_FIELDS(X) \
	X(IDENT, _, name) \
	X(IDENT, _, column)      /* MariaDB column-level check (printed inside the column); else NULL */ \
	X(STR, _, expr) \
	X(META, _, source)       /* PostgreSQL: the expression as written, printed by CREATE; NULL: expr */ \
	X(BOOL, _, not_enforced) \
	X(BOOL, _, not_valid) \
	X(BOOL, _, no_inherit) \
	X(STR, _, comment) \
	X(LOC, _, loc)

#define Column_FIELDS(X) \
	X(IDENT, _, name) \
	X(STR, _, type) \
	X(INT, _, length)        /* length, display width, precision or fsp; -1: absent */ \
	X(INT, _, scale)         /* -1: absent */ \
	X(STRS, _, values)       /* ENUM/SET labels, unquoted */ \
	X(BOOL, _, is_unsigned) \
	X(BOOL, _, zerofill) \
	X(STR, _, charset) \
	X(STR, _, collation) \
	X(BOOL, _, not_null) \
	X(ENUM, DefaultKind, default_kind) \
	X(STR, _, default_text)  /* literal as printed ('a', 0, b'1') or expression text */ \
	X(META, _, default_source) /* PostgreSQL: the default as written, printed by CREATE; NULL: default_text */ \
	X(STR, _, on_update) \
	X(BOOL, _, auto_increment) \
	X(STR, _, comment) \
	X(ENUM, GenKind, gen_kind) \
	X(STR, _, gen_expr) \
	X(BOOL, _, invisible) \
	X(INT, _, srid)          /* -1: absent */ \
	X(ENUM, IdentityKind, identity) \
	X(STR, _, identity_options) \
	X(META, _, identity_last) /* PostgreSQL live state: the identity sequence's last_value, read \
				   * only when its options change (pg_sequence_positions); NULL: not read */ \
	X(METABOOL, _, identity_called) /* ... and its is_called: a value was handed out */ \
	X(STR, _, compression) \
	X(STR, _, system_row)    /* MariaDB GENERATED ALWAYS AS ROW "START" / "END"; NULL otherwise */ \
	X(BOOL, _, without_versioning) /* MariaDB WITHOUT SYSTEM VERSIONING in a versioned table */ \
	X(META, _, renamed_from) \
	X(LOC, _, loc)

#define PartitionDef_FIELDS(X) \
	X(IDENT, _, name) \
	X(STR, _, values)        /* "LESS THAN (10)", "LESS THAN MAXVALUE", "IN (1,2)"; NULL for HASH/KEY */ \
	X(STR, _, engine) \
	X(STR, _, comment) \
	X(STRS, _, options)      /* other options, canonical "NAME value" */ \
	X(KIDS, PartitionDef, subparts) \
	X(LOC, _, loc)

#define Partitioning_FIELDS(X) \
	X(ENUM, PartMethod, method) \
	X(BOOL, _, linear) \
	X(BOOL, _, columns)      /* RANGE COLUMNS / LIST COLUMNS */ \
	X(STR, _, expr) \
	X(IDENTS, _, column_list) \
	X(INT, _, key_algorithm) \
	X(INT, _, count)         /* PARTITIONS n; 0: absent */ \
	X(ENUM, PartMethod, sub_method) \
	X(BOOL, _, sub_linear) \
	X(STR, _, sub_expr) \
	X(IDENTS, _, sub_columns) \
	X(INT, _, sub_key_algorithm) \
	X(INT, _, sub_count) \
	X(KIDS, PartitionDef, parts) \
	X(LOC, _, loc)

#define Table_FIELDS(X) \
	X(TIDENT, _, schema)     /* PostgreSQL schema; NULL for MySQL */ \
	X(TIDENT, _, name) \
	X(KIDS, Column, columns) \
	X(SET, Index, indexes) \
	X(SET, ForeignKey, fks) \
	X(SET, Check, checks) \
	X(STR, _, engine) \
	X(STR, _, charset) \
	X(STR, _, collation) \
	X(STR, _, row_format) \
	X(STR, _, comment) \
	X(INT, _, key_block_size) \
	X(STRS, _, options)      /* other table options, canonical "NAME=value", sorted */ \
	X(KID, Partitioning, partitioning) \
	X(BOOL, _, unlogged) \
	X(STR, _, partition_by)  /* PostgreSQL, canonical "RANGE (created_at)" */ \
	X(STR, _, partition_of)  /* PostgreSQL parent, qualified */ \
	X(STR, _, partition_bound) \
	X(STRS, _, inherits) \
	X(METASTRS, _, attached_indexes) /* PostgreSQL partition: its indexes attached to its parent's \
				  * partitioned indexes, as pairs (parent index, own index). The server names \
				  * those it creates for a partition itself, so only the differ compares them, \
				  * where the desired side names them (ALTER INDEX p ATTACH PARTITION c) */ \
	X(BOOL, _, rls_enabled) \
	X(BOOL, _, rls_forced) \
	X(STR, _, with_options) \
	X(BOOL, _, system_versioning) /* MariaDB WITH SYSTEM VERSIONING; PERIOD comes from the ROW columns */ \
	X(META64, _, auto_increment) \
	X(META64, _, est_rows) \
	X(META64, _, data_bytes) \
	X(META, _, renamed_from) \
	X(LOC, _, loc)

#define View_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(TIDENT, _, name) \
	X(STR, _, definition)    /* canonical query text */ \
	X(IDENTS, _, columns) \
	X(STR, _, algorithm)     /* NULL: UNDEFINED */ \
	X(META, _, definer) \
	X(STR, _, security)      /* NULL: DEFINER */ \
	X(STR, _, check_option)  /* NULL, "CASCADED", "LOCAL" */ \
	X(BOOL, _, materialized) \
	X(STR, _, comment) \
	X(STR, _, with_options) \
	X(SET, Index, indexes)   /* PostgreSQL materialized view indexes */ \
	X(META, _, renamed_from) \
	X(META, _, source)       /* MySQL: the query as written, for printing; NULL: use definition */ \
	X(LOC, _, loc)

#define Trigger_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(IDENT, _, name) \
	X(TIDENT, _, table) \
	X(STR, _, timing)        /* BEFORE, AFTER, INSTEAD OF */ \
	X(STR, _, events)        /* INSERT, UPDATE, DELETE (PostgreSQL: "INSERT OR UPDATE OF a") */ \
	X(STR, _, body)          /* MySQL: canonical statement text; PostgreSQL: EXECUTE FUNCTION f() */ \
	X(BOOL, _, for_each_row) \
	X(STR, _, when_expr) \
	X(STR, _, referencing)   /* PostgreSQL "OLD TABLE AS o NEW TABLE AS n"; NULL: none */ \
	X(BOOL, _, constraint_trigger) \
	X(STR, _, deferral)      /* constraint triggers: "DEFERRABLE [INITIALLY DEFERRED]"; NULL: not */ \
	X(STR, _, firing)        /* PostgreSQL "ENABLE ALWAYS", "ENABLE REPLICA", "DISABLE"; NULL: enabled */ \
	X(STR, _, comment) \
	X(META, _, definer) \
	X(META, _, order_clause) /* FOLLOWS/PRECEDES name */ \
	X(META, _, source)       /* MySQL: the body as written, for printing; NULL: use body */ \
	X(LOC, _, loc)

#define Routine_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(IDENT, _, name) \
	X(ENUM, RoutineKind, kind) \
	X(STR, _, args)          /* canonical argument list: identity of overloads */ \
	X(STR, _, returns) \
	X(STR, _, language) \
	X(STR, _, definition)    /* normalised full definition */ \
	X(STR, _, comment) \
	X(META, _, definer) \
	X(META, _, source)       /* MySQL: the CREATE statement as written, for printing; NULL: none */ \
	X(LOC, _, loc)

#define Sequence_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(TIDENT, _, name) \
	X(STR, _, data_type) \
	X(I64, _, start) \
	X(I64, _, increment) \
	X(I64, _, min_value) \
	X(I64, _, max_value) \
	X(I64, _, cache) \
	X(BOOL, _, cycle) \
	X(STR, _, owned_by)      /* "table.column" */ \
	X(STR, _, comment) \
	X(STR, _, engine)        /* MariaDB storage engine of the sequence; NULL for PostgreSQL */ \
	X(META, _, last_value)   /* PostgreSQL live state, read only when the options change \
				  * (pg_sequence_positions); NULL: not read */ \
	X(METABOOL, _, called)   /* ... is_called: a value was handed out */ \
	X(LOC, _, loc)

#define TypeDef_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(TIDENT, _, name) \
	X(ENUM, TypeKind, kind) \
	X(STRS, _, labels)       /* enum labels; composite attributes as "name type" */ \
	X(STR, _, base_type)     /* domain */ \
	X(STR, _, definition)    /* domain constraints / range options, canonical */ \
	X(STR, _, comment) \
	X(META, _, renamed_from) \
	X(LOC, _, loc)

#define Extension_FIELDS(X) \
	X(IDENT, _, name) \
	X(STR, _, schema) \
	X(META, _, version) \
	X(STR, _, comment) \
	X(LOC, _, loc)

#define Policy_FIELDS(X) \
	X(TIDENT, _, schema) \
	X(IDENT, _, name) \
	X(TIDENT, _, table) \
	X(BOOL, _, restrictive) \
	X(STR, _, command)       /* ALL, SELECT, INSERT, UPDATE, DELETE */ \
	X(STRS, _, roles) \
	X(STR, _, using_expr) \
	X(STR, _, check_expr) \
	X(LOC, _, loc)

/* MySQL/MariaDB scheduled event. Times are canonical expression text ('2035-01-01 00:00:00' for
 * a literal); the differ compares starts/ends/AT only when the desired one is a literal, since
 * the server stores the moment an expression gave (and STARTS defaults to the creation time). */
#define Event_FIELDS(X) \
	X(IDENT, _, name) \
	X(STR, _, schedule)      /* "EVERY 1 DAY", "EVERY '1 4' DAY_HOUR", "AT '2035-01-01 00:00:00'" */ \
	X(STR, _, starts)        /* EVERY ... STARTS; NULL: not given */ \
	X(STR, _, ends)          /* EVERY ... ENDS; NULL: not given */ \
	X(BOOL, _, preserve)     /* ON COMPLETION PRESERVE */ \
	X(STR, _, status)        /* NULL: ENABLE; "DISABLE"; "DISABLE ON SLAVE" */ \
	X(STR, _, comment)       /* NULL: none (an empty comment is none) */ \
	X(STR, _, body)          /* canonical statement text */ \
	X(META, _, definer) \
	X(META, _, source)       /* the body as written, for printing; NULL: use body */ \
	X(LOC, _, loc)

#define Namespace_FIELDS(X) \
	X(TIDENT, _, name) \
	X(STR, _, comment) \
	X(LOC, _, loc)

#define Schema_FIELDS(X) \
	X(ENUM, Dialect, dialect) \
	X(META, _, name)         /* database name, informational */ \
	X(SET, Namespace, namespaces) \
	X(SET, Extension, extensions) \
	X(SET, TypeDef, types) \
	X(SET, Sequence, sequences) \
	X(SET, Table, tables) \
	X(SET, View, views) \
	X(SET, Routine, routines) \
	X(SET, Trigger, triggers) \
	X(SET, Policy, policies) \
	X(SET, Event, events) \
	X(META, _, unmodelled)   /* PostgreSQL catalogue: DDL of objects the model does not hold \
				  * (collations, text search configurations), printed after the \
				  * extensions so that a rebuild has them; not compared */

/* Every node type, children before parents. */
#define MODEL_NODES(N) \
	N(IndexPart) N(Index) N(ForeignKey) N(Check) N(Column) N(PartitionDef) N(Partitioning) \
	N(Table) N(View) N(Trigger) N(Routine) N(Sequence) N(TypeDef) N(Extension) N(Policy) \
	N(Namespace) N(Event) N(Schema)

/* ---- struct and list declarations generated from the lists ---- */

#define MODEL_FWD_(T) typedef struct T T; LIST_TYPE(T##List, T);
MODEL_NODES(MODEL_FWD_)

#define MF_DECL_IDENT(T, n) const char *n;
#define MF_DECL_TIDENT(T, n) const char *n;
#define MF_DECL_STR(T, n) const char *n;
#define MF_DECL_META(T, n) const char *n;
#define MF_DECL_INT(T, n) int n;
#define MF_DECL_I64(T, n) long long n;
#define MF_DECL_META64(T, n) long long n;
#define MF_DECL_BOOL(T, n) bool n;
#define MF_DECL_METABOOL(T, n) bool n;
#define MF_DECL_ENUM(T, n) T n;
#define MF_DECL_STRS(T, n) StrList n;
#define MF_DECL_IDENTS(T, n) StrList n;
#define MF_DECL_METASTRS(T, n) StrList n;
#define MF_DECL_KIDS(T, n) T##List n;
#define MF_DECL_SET(T, n) T##List n;
#define MF_DECL_KID(T, n) T *n;
#define MF_DECL_LOC(T, n) SrcLoc n;
#define MF_DECL_(kind, T, n) MF_DECL_##kind(T, n)

#define MODEL_STRUCT_(T) struct T { T##_FIELDS(MF_DECL_) };
MODEL_NODES(MODEL_STRUCT_)

/* ---- generated functions ---- */

/* Where two models differ, for tests and debugging: "table `t` > column `a` > default_text". */
typedef struct EqCtx {
	Dialect dialect;
	char path[512];
} EqCtx;

void eqctx_init(EqCtx *c, Dialect dialect);

#define MODEL_FUNCS_(T) \
	bool T##_equal(const T *a, const T *b, EqCtx *c); \
	T *T##_copy(Arena *arena, const T *src); \
	void T##_dump(StrBuf *sb, const T *n, int indent);
MODEL_NODES(MODEL_FUNCS_)

/* ---- constructors and helpers ---- */

/* Zeroed node with the defaults above (Column: length/scale/srid = -1). */
Column *column_new(Arena *a);
Schema *schema_new(Arena *a, Dialect dialect);

/* Identifier equality under the dialect's rules (see IDENT above). */
bool ident_eq(Dialect d, const char *a, const char *b);

/* Lookups by name (NULL schema matches any schema for MySQL, "public" for PostgreSQL). */
Table *schema_find_table(const Schema *s, const char *schema, const char *name);
View *schema_find_view(const Schema *s, const char *schema, const char *name);
Column *table_find_column(const Table *t, Dialect d, const char *name);
Index *table_find_index(const Table *t, Dialect d, const char *name);
Index *table_primary_key(const Table *t);

/* The whole model as an indented tree, every non-empty field: for goldens and debugging. */
void schema_dump(StrBuf *sb, const Schema *s);

/* Server facts shared by normalisation, the printer and the planner. */
typedef enum Flavor { FLAVOR_UNKNOWN = 0, FLAVOR_MARIADB, FLAVOR_MYSQL, FLAVOR_POSTGRES } Flavor;

typedef struct ServerInfo {
	Flavor flavor;
	int major, minor, patch;
	const char *version;         /* as the server reports it */
	const char *db_charset;      /* default charset of the target database; NULL: unknown */
	const char *db_collation;
	StrList default_collations;  /* pairs: charset, its default collation (from the server) */
	int lower_case_table_names;
	const char *sql_mode;
	const char *search_path;     /* PostgreSQL: the schemas the catalogue was read under, quoted
				      * and comma-separated, when the first is not public; NULL: public */
} ServerInfo;

/* Fill version fields from a server version string ("10.11.6-MariaDB-0+deb12u1", "8.0.36"). */
void server_info_parse_version(ServerInfo *si, const char *version);
/* The flavour assumed when no server is involved (format, offline diff): MariaDB 10.11. */
void server_info_default(ServerInfo *si, Dialect d);
/* The offline flavour named by a --flavor option: "mariadb" (MariaDB 10.11, the default) or
 * "mysql" (MySQL 8.0). -1 for any other name (si untouched). */
int server_info_flavor(ServerInfo *si, const char *name);
/* Default collation of a charset on this server (NULL if unknown). */
const char *server_default_collation(const ServerInfo *si, const char *charset);

#endif
