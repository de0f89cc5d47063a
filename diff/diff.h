/*
 * diff.h: model x model -> an ordered list of typed changes (a Plan) and its renderings.
 *
 * The differ is pure: no I/O, no server. It takes two models that the caller has already
 * normalised for the same server (mysql_normalize with the same ServerInfo) and returns the
 * statements that turn the first into the second, in an order a server accepts. Every change
 * carries its SQL text and enough typed detail (the ALTER clauses and their kinds) for the
 * planner to choose an algorithm later. Destructive changes are moved to Plan.skipped unless
 * DiffOptions.allow_drop is set.
 *
 * All memory (changes, clause texts) comes from the caller's arena.
 */
#ifndef SQLSHAPE_DIFF_H
#define SQLSHAPE_DIFF_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/list.h"
#include "core/sb.h"
#include "parser/model.h"

#define ChangeKind_VALUES(V) \
	V(CHANGE_CREATE_TABLE, "create_table") \
	V(CHANGE_DROP_TABLE, "drop_table") \
	V(CHANGE_RENAME_TABLE, "rename_table") \
	V(CHANGE_ALTER_TABLE, "alter_table") \
	V(CHANGE_CREATE_VIEW, "create_view") \
	V(CHANGE_REPLACE_VIEW, "replace_view") \
	V(CHANGE_DROP_VIEW, "drop_view") \
	V(CHANGE_CREATE_TRIGGER, "create_trigger") \
	V(CHANGE_DROP_TRIGGER, "drop_trigger") \
	V(CHANGE_CREATE_ROUTINE, "create_routine") \
	V(CHANGE_DROP_ROUTINE, "drop_routine") \
	/* PostgreSQL objects (diff_pg.c) */ \
	V(CHANGE_CREATE_SCHEMA, "create_schema") \
	V(CHANGE_DROP_SCHEMA, "drop_schema") \
	V(CHANGE_CREATE_EXTENSION, "create_extension") \
	V(CHANGE_ALTER_EXTENSION, "alter_extension") \
	V(CHANGE_DROP_EXTENSION, "drop_extension") \
	V(CHANGE_CREATE_TYPE, "create_type") \
	V(CHANGE_ALTER_TYPE, "alter_type")           /* ALTER TYPE / ALTER DOMAIN */ \
	V(CHANGE_DROP_TYPE, "drop_type") \
	V(CHANGE_CREATE_SEQUENCE, "create_sequence") \
	V(CHANGE_ALTER_SEQUENCE, "alter_sequence") \
	V(CHANGE_DROP_SEQUENCE, "drop_sequence") \
	V(CHANGE_CREATE_INDEX, "create_index")       /* CREATE INDEX on a table or materialized view */ \
	V(CHANGE_DROP_INDEX, "drop_index") \
	V(CHANGE_RENAME_INDEX, "rename_index") \
	V(CHANGE_CREATE_POLICY, "create_policy") \
	V(CHANGE_DROP_POLICY, "drop_policy") \
	V(CHANGE_COMMENT, "comment") \
	V(CHANGE_CREATE_EVENT, "create_event") \
	V(CHANGE_ALTER_EVENT, "alter_event") \
	V(CHANGE_DROP_EVENT, "drop_event")

#define ClauseKind_VALUES(V) \
	V(CLAUSE_ADD_COLUMN, "add_column") \
	V(CLAUSE_DROP_COLUMN, "drop_column") \
	V(CLAUSE_MODIFY_COLUMN, "modify_column")     /* definition and/or position */ \
	V(CLAUSE_CHANGE_COLUMN, "change_column")     /* rename with a new definition */ \
	V(CLAUSE_RENAME_COLUMN, "rename_column") \
	V(CLAUSE_ADD_INDEX, "add_index") \
	V(CLAUSE_DROP_INDEX, "drop_index") \
	V(CLAUSE_RENAME_INDEX, "rename_index") \
	V(CLAUSE_ADD_PRIMARY_KEY, "add_primary_key") \
	V(CLAUSE_DROP_PRIMARY_KEY, "drop_primary_key") \
	V(CLAUSE_ADD_FOREIGN_KEY, "add_foreign_key") \
	V(CLAUSE_DROP_FOREIGN_KEY, "drop_foreign_key") \
	V(CLAUSE_ADD_CHECK, "add_check") \
	V(CLAUSE_DROP_CHECK, "drop_check") \
	V(CLAUSE_TABLE_OPTION, "table_option")       /* ENGINE, ROW_FORMAT, COMMENT, others */ \
	V(CLAUSE_DEFAULT_CHARSET, "default_charset") \
	V(CLAUSE_CONVERT_CHARSET, "convert_charset") \
	V(CLAUSE_PARTITION_BY, "partition_by") \
	V(CLAUSE_REMOVE_PARTITIONING, "remove_partitioning") \
	V(CLAUSE_ADD_PARTITION, "add_partition") \
	V(CLAUSE_DROP_PARTITION, "drop_partition") \
	V(CLAUSE_REORGANIZE_PARTITION, "reorganize_partition") \
	V(CLAUSE_COALESCE_PARTITION, "coalesce_partition") \
	/* PostgreSQL (diff_pg.c) */ \
	V(CLAUSE_ALTER_COLUMN_TYPE, "alter_column_type") /* TYPE t [COLLATE c] USING */ \
	V(CLAUSE_SET_DEFAULT, "set_default") \
	V(CLAUSE_DROP_DEFAULT, "drop_default") \
	V(CLAUSE_SET_NOT_NULL, "set_not_null") \
	V(CLAUSE_DROP_NOT_NULL, "drop_not_null") \
	V(CLAUSE_ADD_IDENTITY, "add_identity") \
	V(CLAUSE_DROP_IDENTITY, "drop_identity") \
	V(CLAUSE_ALTER_IDENTITY, "alter_identity")   /* SET GENERATED / SET sequence options */ \
	V(CLAUSE_DROP_EXPRESSION, "drop_expression") \
	V(CLAUSE_SET_COMPRESSION, "set_compression") \
	V(CLAUSE_ADD_CONSTRAINT, "add_constraint")   /* UNIQUE / EXCLUDE constraint */ \
	V(CLAUSE_DROP_CONSTRAINT, "drop_constraint") \
	V(CLAUSE_VALIDATE_CONSTRAINT, "validate_constraint") \
	V(CLAUSE_ATTACH_PARTITION, "attach_partition") \
	V(CLAUSE_DETACH_PARTITION, "detach_partition") \
	V(CLAUSE_INHERIT, "inherit") \
	V(CLAUSE_NO_INHERIT, "no_inherit") \
	V(CLAUSE_ROW_SECURITY, "row_security")       /* ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY */ \
	V(CLAUSE_SET_LOGGED, "set_logged")           /* SET LOGGED / SET UNLOGGED */

#define DIFF_ENUM_VALUE_(sym, text) sym,
typedef enum ChangeKind { ChangeKind_VALUES(DIFF_ENUM_VALUE_) } ChangeKind;
typedef enum ClauseKind { ClauseKind_VALUES(DIFF_ENUM_VALUE_) } ClauseKind;
#undef DIFF_ENUM_VALUE_

/* The JSON/kind names above ("create_table", "add_column"). */
const char *ChangeKind_name(int v);
const char *ClauseKind_name(int v);

/* One clause of an ALTER TABLE. */
typedef struct AlterClause {
	ClauseKind kind;
	const char *name;       /* the column/index/constraint/partition/option it touches */
	const char *old_name;   /* renames: the name before */
	const char *sql;        /* the clause as it appears in the statement */
	bool destructive;       /* drops data or an object, or narrows a type */
} AlterClause;
LIST_TYPE(AlterClauseList, AlterClause);

typedef struct Change {
	ChangeKind kind;
	const char *table;      /* the table it touches (the trigger's table; NULL for views/routines) */
	const char *object;     /* the view/trigger/routine name; for tables the table name */
	const char *sql;        /* one statement, no trailing ';' */
	bool destructive;
	bool has_body;          /* a compound statement: needs DELIMITER in a SQL script */
	AlterClauseList clauses; /* CHANGE_ALTER_TABLE only */
} Change;
LIST_TYPE(ChangeList, Change);

typedef struct Plan {
	ChangeList changes;     /* to run, in order */
	ChangeList skipped;     /* destructive changes left out (no allow_drop), in order */
	StrList notes;          /* differences no statement expresses (PostgreSQL column order) */
} Plan;

typedef struct DiffOptions {
	bool allow_drop;        /* keep destructive changes in Plan.changes */
} DiffOptions;

/* The changes that turn `from` (the current state) into `to` (the desired state). Both models
 * are MySQL models normalised for si, or PostgreSQL models (then pg_diff_schemas answers). Never
 * fails; the Plan and its strings live in a. */
Plan *diff_schemas(Arena *a, const Schema *from, const Schema *to, const ServerInfo *si,
		   const DiffOptions *opt);

/* diff_pg.c: the same for two PostgreSQL models (pg_normalize'd); diff_schemas hands PostgreSQL
 * models over to it. */
Plan *pg_diff_schemas(Arena *a, const Schema *from, const Schema *to, const ServerInfo *si,
		      const DiffOptions *opt);

/* Number of changes to run (skipped ones do not count). */
static inline int plan_count(const Plan *p) { return p->changes.n; }

/* The plan as a SQL script: each statement ending in ";\n" (compound statements wrapped in
 * DELIMITER), skipped ones as "-- skipped (needs --allow-drop): STATEMENT;" lines, then notes as
 * "-- note: TEXT" lines. */
void plan_print_sql(StrBuf *sb, const Plan *p);

/* The plan as JSON: {"changes":[{"kind","table","object","sql","destructive","clauses"}],
 * "skipped":[...]} (and "notes":[...] when there are notes) followed by a newline. */
void plan_print_json(StrBuf *sb, const Plan *p);

/* One change as a cJSON object of the shape above (the planner adds its fields to it); the
 * caller owns it (cJSON_Delete, or add it to a tree). */
struct cJSON;
struct cJSON *plan_change_json(const Change *c);

#endif
