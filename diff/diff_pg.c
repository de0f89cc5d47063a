/*
 * diff_pg.c: the PostgreSQL differ. Two pg_normalize'd models in, an ordered Plan out.
 *
 * Changes are collected per phase and concatenated at the end (the phase list below is the
 * order the statements run in): what goes away is dropped dependents first (triggers,
 * policies, views, foreign keys, indexes, routines whose signature changes), then schemas,
 * extensions, types, routines that need no relation, sequences, renames, table drops (children
 * first), table creates (parents before partitions), DETACH PARTITION, ALTER TABLE, ATTACH PARTITION, drops of routines that go
 * away, foreign keys, indexes, sequence ownership, views in dependency order, the remaining
 * routines, triggers, row-level security and policies, comments, and last the drops of
 * sequences, types, extensions and schemas.
 *
 * Some changes drag others along: a view that is dropped and created again takes every view
 * that reads it; a column whose type changes or that goes away takes the views that read its
 * table; a primary or unique key that changes takes the foreign keys pointing at it; a
 * function dropped and created again takes its triggers; a generated column re-created takes
 * the indexes and constraints that use it. PostgreSQL cannot reorder columns: a different
 * column order is left as it is and reported as a note.
 *
 * Statements name every object schema-qualified and quoted; expressions and types are the
 * model's canonical text, which reads names as the server prints them with search_path =
 * public (the executor sets that). Pure: no I/O.
 */
#include "diff/diff.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/frontend.h"

enum {
	PH_DROP_TRIGGER,
	PH_DROP_POLICY,
	PH_DROP_VIEW,
	PH_DROP_FK,
	PH_DROP_INDEX,
	PH_SCHEMA,
	PH_EXTENSION,
	PH_TYPE,
	PH_DROP_ROUTINE,
	PH_ROUTINE_EARLY,
	PH_TYPE_LATE,
	PH_SEQUENCE,
	PH_RENAME,
	PH_DROP_TABLE,
	PH_CREATE_TABLE,
	PH_DETACH,
	PH_ALTER_TABLE,
	PH_ATTACH,
	PH_DROP_ROUTINE_GONE,
	PH_PART_INDEX,
	PH_INDEX,
	PH_ADD_FK,
	PH_SEQ_OWNED,
	PH_ROUTINE_TABLES,
	PH_VIEW,
	PH_ROUTINE_LATE,
	PH_CREATE_TRIGGER,
	PH_POLICY,
	PH_COMMENT,
	PH_DROP_SEQUENCE,
	PH_DROP_TYPE,
	PH_DROP_EXTENSION,
	PH_DROP_SCHEMA,
	PH_COUNT
};

/* A desired table and the current one it continues (NULL: new). */
typedef struct TPair {
	const Table *from, *to;
	bool recreate;          /* dropped and created again (PARTITION BY changed) */
	StrList dropped_cols;   /* current names of columns that go away or are re-created */
	StrList rebuilt_cols;   /* desired names of columns dropped and added again */
	bool retyped;           /* some column changes type */
	StrList col_renames;    /* pairs: current name, desired name */
} TPair;
LIST_TYPE(TPairList, TPair);

typedef struct Ctx {
	Arena *a;
	const Schema *from, *to;
	const DiffOptions *opt;
	ChangeList ph[PH_COUNT];
	TPairList pairs;
	StrList notes;
	StrList rebuilt_views;     /* "schema.name" of desired views dropped and created again */
	StrList gone_views;        /* "schema.name" of current views dropped */
	StrList fk_forced;         /* "schema.table.fkname" of current FKs dropped and re-added */
	StrList routines_rebuilt;  /* "schema.name" of routines dropped and created again */
	StrList triggers_dropped;  /* "schema.table.name" of current triggers dropped */
} Ctx;

/* ---- small helpers ---- */

static const char *S(const char *schema)
{
	return schema ? schema : "public";
}

static bool same_obj(const char *s1, const char *n1, const char *s2, const char *n2)
{
	return str_eq(S(s1), S(s2)) && str_eq(n1, n2);
}

static const char *key2(Ctx *x, const char *schema, const char *name)
{
	return arena_printf(x->a, "%s.%s", S(schema), name);
}

static const char *key3(Ctx *x, const char *schema, const char *t, const char *name)
{
	return arena_printf(x->a, "%s.%s.%s", S(schema), t, name);
}

static bool has(const StrList *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (str_eq(l->v[i], s))
			return true;
	return false;
}

static void add_once(Ctx *x, StrList *l, const char *s)
{
	if (!has(l, s))
		LIST_PUSH(x->a, l, s);
}

static const char *take(Ctx *x, StrBuf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == ';' || isspace((unsigned char)sb->buf[sb->len - 1])))
		sb_truncate(sb, sb->len - 1);
	const char *r = sb_to_arena(sb, x->a);
	sb_release(sb);
	return r;
}

static void qname(StrBuf *sb, const char *schema, const char *name)
{
	sb_add_pg_ident(sb, S(schema));
	sb_addc(sb, '.');
	sb_add_pg_ident(sb, name);
}

static const char *qn(Ctx *x, const char *schema, const char *name)
{
	StrBuf sb;
	sb_init(&sb);
	qname(&sb, schema, name);
	return take(x, &sb);
}

static const char *qi(Ctx *x, const char *name)
{
	StrBuf sb;
	sb_init(&sb);
	sb_add_pg_ident(&sb, name);
	return take(x, &sb);
}

static void ident_list(StrBuf *sb, const StrList *l)
{
	for (int i = 0; i < l->n; i++) {
		if (i)
			sb_adds(sb, ", ");
		sb_add_pg_ident(sb, l->v[i]);
	}
}

static bool strs_eq(const StrList *a, const StrList *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

/* Does text mention name as a whole word (quoted or not)? */
static bool mentions(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!text || !n)
		return false;
	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
		char before = p == text ? ' ' : p[-1], after = p[n];
		bool wb = !(before == '_' || isalnum((unsigned char)before) || before == '$');
		bool wa = !(after == '_' || isalnum((unsigned char)after) || after == '$');
		if (wb && wa)
			return true;
	}
	return false;
}

static Change *change_add(Ctx *x, int phase, ChangeKind kind, const char *table, const char *object, const char *sql,
			  bool destructive)
{
	Change *c = ARENA_NEW(x->a, Change);
	c->kind = kind;
	c->table = table;
	c->object = object;
	c->sql = sql;
	c->destructive = destructive;
	LIST_PUSH(x->a, &x->ph[phase], c);
	return c;
}

static AlterClause *clause_add(Ctx *x, AlterClauseList *l, ClauseKind kind, const char *name, const char *old_name,
			       const char *sql, bool destructive)
{
	AlterClause *c = ARENA_NEW(x->a, AlterClause);
	c->kind = kind;
	c->name = name;
	c->old_name = old_name;
	c->sql = sql;
	c->destructive = destructive;
	LIST_PUSH(x->a, l, c);
	return c;
}

/* ALTER TABLE statements from clauses; destructive clauses go into a statement of their own so
 * leaving them out (no allow_drop) keeps the rest whole. */
static void emit_alter(Ctx *x, int phase, const Table *t, const AlterClauseList *cl)
{
	AlterClauseList parts[2] = {{0}};
	for (int i = 0; i < cl->n; i++)
		LIST_PUSH(x->a, &parts[cl->v[i]->destructive && !x->opt->allow_drop ? 1 : 0], cl->v[i]);
	for (int k = 0; k < 2; k++) {
		StrBuf sb;
		bool destructive = false;
		if (!parts[k].n)
			continue;
		sb_init(&sb);
		sb_adds(&sb, "ALTER TABLE ");
		qname(&sb, t->schema, t->name);
		for (int i = 0; i < parts[k].n; i++) {
			sb_adds(&sb, i ? ", " : " ");
			sb_adds(&sb, parts[k].v[i]->sql);
			destructive |= parts[k].v[i]->destructive;
		}
		Change *c = change_add(x, phase, CHANGE_ALTER_TABLE, t->name, t->name, take(x, &sb), destructive);
		c->clauses = parts[k];
	}
}

/* One ALTER TABLE with a single clause. */
static void alter1(Ctx *x, int phase, const Table *t, ClauseKind kind, const char *name, const char *sql, bool destructive)
{
	AlterClauseList l = {0};
	clause_add(x, &l, kind, name, NULL, sql, destructive);
	emit_alter(x, phase, t, &l);
}

static void comment_stmt(Ctx *x, const char *what, const char *target, const char *text, const char *table)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "COMMENT ON %s %s IS ", what, target);
	if (text)
		sb_add_pg_string(&sb, text);
	else
		sb_adds(&sb, "NULL");
	change_add(x, PH_COMMENT, CHANGE_COMMENT, table, target, take(x, &sb), false);
}

/* COMMENT ON when the comment differs (from NULL: a new object). */
static void comment_diff(Ctx *x, const char *what, const char *target, const char *from, const char *to, const char *table)
{
	if (!str_eq(from, to))
		comment_stmt(x, what, target, to, table);
}

/* ---- lookups ---- */

static const Table *find_table(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->tables.n; i++)
		if (same_obj(s->tables.v[i]->schema, s->tables.v[i]->name, schema, name))
			return s->tables.v[i];
	return NULL;
}

static const Table *find_table_ref(const Schema *s, const char *ref)
{
	const char *dot = ref ? strchr(ref, '.') : NULL;
	if (!dot)
		return ref ? find_table(s, NULL, ref) : NULL;
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		if (strlen(S(t->schema)) == (size_t)(dot - ref) && !strncmp(S(t->schema), ref, (size_t)(dot - ref)) &&
		    str_eq(t->name, dot + 1))
			return t;
	}
	return NULL;
}

static const View *find_view(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->views.n; i++)
		if (same_obj(s->views.v[i]->schema, s->views.v[i]->name, schema, name))
			return s->views.v[i];
	return NULL;
}

static TPair *pair_of_from(Ctx *x, const Table *from)
{
	for (int i = 0; i < x->pairs.n; i++)
		if (x->pairs.v[i]->from == from)
			return x->pairs.v[i];
	return NULL;
}

static const Column *find_col(const Table *t, const char *name)
{
	for (int i = 0; i < t->columns.n; i++)
		if (str_eq(t->columns.v[i]->name, name))
			return t->columns.v[i];
	return NULL;
}

static const Index *find_index(const IndexList *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (str_eq(l->v[i]->name, name))
			return l->v[i];
	return NULL;
}

/* Parents (PARTITION OF / INHERITS) before their children. */
static int table_rank(const Schema *s, const Table *t, int depth)
{
	const char *parent = t->partition_of ? t->partition_of : t->inherits.n ? t->inherits.v[0] : NULL;
	const Table *p;
	if (!parent || depth > 32)
		return 0;
	p = find_table_ref(s, parent);
	return p ? 1 + table_rank(s, p, depth + 1) : 1;
}

/* ---- printing pieces ---- */

static const char *create_index_sql(Ctx *x, const char *schema, const char *table, const Index *ix)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "CREATE %sINDEX ", ix->kind == INDEX_UNIQUE ? "UNIQUE " : "");
	sb_add_pg_ident(&sb, ix->name);
	sb_adds(&sb, " ON ");
	qname(&sb, schema, table);
	if (ix->method)
		sb_addf(&sb, " USING %s", ix->method);
	sb_addc(&sb, ' ');
	pg_print_index_parts(&sb, ix);
	if (ix->nulls_not_distinct)
		sb_adds(&sb, " NULLS NOT DISTINCT");
	if (ix->where_pred)
		sb_addf(&sb, " WHERE (%s)", ix->where_source ? ix->where_source : ix->where_pred);
	return take(x, &sb);
}

static const char *fk_def(Ctx *x, const ForeignKey *fk)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "CONSTRAINT ");
	sb_add_pg_ident(&sb, fk->name);
	sb_adds(&sb, " FOREIGN KEY (");
	ident_list(&sb, &fk->columns);
	sb_adds(&sb, ") REFERENCES ");
	qname(&sb, fk->ref_schema, fk->ref_table);
	if (fk->ref_columns.n) {
		sb_adds(&sb, " (");
		ident_list(&sb, &fk->ref_columns);
		sb_addc(&sb, ')');
	}
	if (fk->match)
		sb_addf(&sb, " MATCH %s", fk->match);
	if (fk->on_update != FK_UNSPECIFIED)
		sb_addf(&sb, " ON UPDATE %s", FkAction_name(fk->on_update));
	if (fk->on_delete != FK_UNSPECIFIED)
		sb_addf(&sb, " ON DELETE %s", FkAction_name(fk->on_delete));
	pg_print_deferrable(&sb, fk->deferrable, fk->initially_deferred);
	if (fk->not_valid)
		sb_adds(&sb, " NOT VALID");
	return take(x, &sb);
}

static const char *check_def(Ctx *x, const Check *ck)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "CONSTRAINT ");
	sb_add_pg_ident(&sb, ck->name);
	sb_addf(&sb, " CHECK (%s)%s%s", ck->source ? ck->source : ck->expr, ck->no_inherit ? " NO INHERIT" : "", ck->not_valid ? " NOT VALID" : "");
	return take(x, &sb);
}

static const char *drop_constraint_sql(Ctx *x, const char *name)
{
	return arena_printf(x->a, "DROP CONSTRAINT %s", qi(x, name));
}

static const char *create_table_sql(Ctx *x, const Table *t)
{
	StrBuf sb;
	bool first = true;
	sb_init(&sb);
	sb_addf(&sb, "CREATE %sTABLE ", t->unlogged ? "UNLOGGED " : "");
	qname(&sb, t->schema, t->name);
	if (t->partition_of) {
		sb_adds(&sb, " PARTITION OF ");
		pg_print_qref(&sb, t->partition_of);
	}
	sb_adds(&sb, " (");
	for (int i = 0; i < t->columns.n; i++) {
		sb_adds(&sb, first ? "\n    " : ",\n    ");
		first = false;
		pg_print_column(&sb, t->columns.v[i]);
	}
	for (int i = 0; i < t->indexes.n; i++) {
		const Index *ix = t->indexes.v[i];
		if (!ix->is_constraint)
			continue;
		sb_adds(&sb, first ? "\n    " : ",\n    ");
		first = false;
		pg_print_key_constraint(&sb, ix);
	}
	for (int i = 0; i < t->checks.n; i++) {
		const Check *ck = t->checks.v[i];
		if (ck->not_valid)
			continue; /* added afterwards, so it stays NOT VALID */
		sb_adds(&sb, first ? "\n    " : ",\n    ");
		first = false;
		sb_adds(&sb, check_def(x, ck));
	}
	if (first)
		sb_truncate(&sb, sb.len - (t->partition_of ? 2 : 0));
	if (!first || !t->partition_of)
		sb_adds(&sb, first ? ")" : "\n)");
	if (t->partition_of)
		sb_addf(&sb, " %s", t->partition_bound ? t->partition_bound : "DEFAULT");
	if (t->inherits.n) {
		sb_adds(&sb, " INHERITS (");
		for (int i = 0; i < t->inherits.n; i++) {
			if (i)
				sb_adds(&sb, ", ");
			pg_print_qref(&sb, t->inherits.v[i]);
		}
		sb_addc(&sb, ')');
	}
	if (t->partition_by)
		sb_addf(&sb, " PARTITION BY %s", t->partition_by);
	if (t->with_options)
		sb_addf(&sb, " WITH (%s)", t->with_options);
	return take(x, &sb);
}

/* ---- schemas and extensions ---- */

static void diff_namespaces(Ctx *x)
{
	for (int i = 0; i < x->to->namespaces.n; i++) {
		const Namespace *n = x->to->namespaces.v[i], *o = NULL;
		for (int j = 0; j < x->from->namespaces.n && !o; j++)
			if (str_eq(x->from->namespaces.v[j]->name, n->name))
				o = x->from->namespaces.v[j];
		if (!o)
			change_add(x, PH_SCHEMA, CHANGE_CREATE_SCHEMA, NULL, n->name,
				   arena_printf(x->a, "CREATE SCHEMA %s", qi(x, n->name)), false);
		comment_diff(x, "SCHEMA", qi(x, n->name), o ? o->comment : NULL, n->comment, NULL);
	}
	for (int i = 0; i < x->from->namespaces.n; i++) {
		const Namespace *o = x->from->namespaces.v[i];
		bool kept = false;
		for (int j = 0; j < x->to->namespaces.n && !kept; j++)
			kept = str_eq(x->to->namespaces.v[j]->name, o->name);
		if (!kept)
			change_add(x, PH_DROP_SCHEMA, CHANGE_DROP_SCHEMA, NULL, o->name,
				   arena_printf(x->a, "DROP SCHEMA %s", qi(x, o->name)), true);
	}
}

static void diff_extensions(Ctx *x)
{
	for (int i = 0; i < x->to->extensions.n; i++) {
		const Extension *e = x->to->extensions.v[i], *o = NULL;
		for (int j = 0; j < x->from->extensions.n && !o; j++)
			if (str_eq(x->from->extensions.v[j]->name, e->name))
				o = x->from->extensions.v[j];
		if (!o)
			change_add(x, PH_EXTENSION, CHANGE_CREATE_EXTENSION, NULL, e->name,
				   arena_printf(x->a, "CREATE EXTENSION IF NOT EXISTS %s WITH SCHEMA %s", qi(x, e->name),
						qi(x, S(e->schema))),
				   false);
		else if (!str_eq(S(o->schema), S(e->schema)))
			change_add(x, PH_EXTENSION, CHANGE_ALTER_EXTENSION, NULL, e->name,
				   arena_printf(x->a, "ALTER EXTENSION %s SET SCHEMA %s", qi(x, e->name), qi(x, S(e->schema))),
				   false);
		comment_diff(x, "EXTENSION", qi(x, e->name), o ? o->comment : NULL, e->comment, NULL);
	}
	for (int i = 0; i < x->from->extensions.n; i++) {
		const Extension *o = x->from->extensions.v[i];
		bool kept = false;
		for (int j = 0; j < x->to->extensions.n && !kept; j++)
			kept = str_eq(x->to->extensions.v[j]->name, o->name);
		if (!kept)
			change_add(x, PH_DROP_EXTENSION, CHANGE_DROP_EXTENSION, NULL, o->name,
				   arena_printf(x->a, "DROP EXTENSION %s", qi(x, o->name)), true);
	}
}

/* ---- types ---- */

static const char *create_type_sql(Ctx *x, const TypeDef *t)
{
	StrBuf sb;
	sb_init(&sb);
	switch (t->kind) {
	case TYPE_ENUM:
		sb_adds(&sb, "CREATE TYPE ");
		qname(&sb, t->schema, t->name);
		sb_adds(&sb, " AS ENUM (");
		for (int j = 0; j < t->labels.n; j++) {
			if (j)
				sb_adds(&sb, ", ");
			sb_add_pg_string(&sb, t->labels.v[j]);
		}
		sb_addc(&sb, ')');
		break;
	case TYPE_DOMAIN:
		sb_adds(&sb, "CREATE DOMAIN ");
		qname(&sb, t->schema, t->name);
		sb_addf(&sb, " AS %s%s%s", t->base_type, t->definition ? " " : "", t->definition ? t->definition : "");
		break;
	case TYPE_COMPOSITE:
		sb_adds(&sb, "CREATE TYPE ");
		qname(&sb, t->schema, t->name);
		sb_adds(&sb, " AS (");
		for (int j = 0; j < t->labels.n; j++)
			sb_addf(&sb, "%s%s", j ? ", " : "", t->labels.v[j]);
		sb_addc(&sb, ')');
		break;
	case TYPE_RANGE:
		sb_adds(&sb, "CREATE TYPE ");
		qname(&sb, t->schema, t->name);
		sb_addf(&sb, " AS RANGE (%s)", t->definition ? t->definition : "");
		break;
	}
	return take(x, &sb);
}

static int label_pos(const StrList *l, const char *s)
{
	for (int i = 0; i < l->n; i++)
		if (str_eq(l->v[i], s))
			return i;
	return -1;
}

static void type_stmt(Ctx *x, const TypeDef *t, const char *fmt_rest, bool destructive)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "ALTER %s ", t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE");
	qname(&sb, t->schema, t->name);
	sb_addf(&sb, " %s", fmt_rest);
	change_add(x, PH_TYPE, CHANGE_ALTER_TYPE, NULL, t->name, take(x, &sb), destructive);
}

/* Enum labels: ADD VALUE in order (BEFORE/AFTER a neighbour), RENAME VALUE for a label that
 * took another's place. false: the change needs the type dropped and created again. */
static bool diff_enum(Ctx *x, const TypeDef *o, const TypeDef *t)
{
	StrList cur = {0};
	int removed = 0;
	for (int i = 0; i < o->labels.n; i++)
		if (label_pos(&t->labels, o->labels.v[i]) < 0)
			removed++;
	if (removed) {
		/* renames: same length, each differing position an old label gone and a new one */
		if (o->labels.n != t->labels.n)
			return false;
		for (int i = 0; i < o->labels.n; i++)
			if (!str_eq(o->labels.v[i], t->labels.v[i]) &&
			    (label_pos(&t->labels, o->labels.v[i]) >= 0 || label_pos(&o->labels, t->labels.v[i]) >= 0))
				return false;
		for (int i = 0; i < o->labels.n; i++) {
			StrBuf sb;
			if (str_eq(o->labels.v[i], t->labels.v[i]))
				continue;
			sb_init(&sb);
			sb_adds(&sb, "RENAME VALUE ");
			sb_add_pg_string(&sb, o->labels.v[i]);
			sb_adds(&sb, " TO ");
			sb_add_pg_string(&sb, t->labels.v[i]);
			type_stmt(x, t, take(x, &sb), false);
		}
		return true;
	}
	/* the kept labels must keep their relative order */
	for (int i = 0, last = -1; i < o->labels.n; i++) {
		int p = label_pos(&t->labels, o->labels.v[i]);
		if (p < last)
			return false;
		last = p;
	}
	for (int i = 0; i < o->labels.n; i++)
		LIST_PUSH(x->a, &cur, o->labels.v[i]);
	for (int i = 0; i < t->labels.n; i++) {
		StrBuf sb;
		if (label_pos(&cur, t->labels.v[i]) >= 0)
			continue;
		sb_init(&sb);
		sb_adds(&sb, "ADD VALUE ");
		sb_add_pg_string(&sb, t->labels.v[i]);
		if (i > 0) {
			sb_adds(&sb, " AFTER ");
			sb_add_pg_string(&sb, t->labels.v[i - 1]);
		} else if (cur.n) {
			sb_adds(&sb, " BEFORE ");
			sb_add_pg_string(&sb, cur.v[0]);
		}
		type_stmt(x, t, take(x, &sb), false);
		LIST_PUSH(x->a, &cur, t->labels.v[i]);
	}
	return true;
}

/* A domain's definition split into its parts: "NOT NULL", "DEFAULT e", "COLLATE c",
 * "CONSTRAINT n CHECK (e)". Splits at the top level only (outside parentheses and quotes). */
static void domain_parts(Ctx *x, const char *def, StrList *out)
{
	static const char *const starts[] = {"NOT NULL", "DEFAULT ", "COLLATE ", "CONSTRAINT ", NULL};
	const char *p = def, *begin = def;
	int depth = 0;
	char q = 0;
	if (!def)
		return;
	for (; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			q = *p;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ' ' && depth == 0) {
			for (int k = 0; starts[k]; k++)
				if (str_has_prefix(p + 1, starts[k]) && p > begin) {
					LIST_PUSH(x->a, out, arena_strndup(x->a, begin, (size_t)(p - begin)));
					begin = p + 1;
					break;
				}
		}
	}
	if (*begin)
		LIST_PUSH(x->a, out, arena_strdup(x->a, begin));
}

static const char *part_with(const StrList *l, const char *prefix)
{
	for (int i = 0; i < l->n; i++)
		if (str_has_prefix(l->v[i], prefix))
			return l->v[i];
	return NULL;
}

/* "CONSTRAINT "n" CHECK ..." -> the quoted name */
static const char *constraint_name(Ctx *x, const char *part)
{
	const char *p = part + strlen("CONSTRAINT "), *e = p;
	if (*p == '"') {
		for (e = p + 1; *e; e++) {
			if (*e == '"' && e[1] == '"') {
				e++;
				continue;
			}
			if (*e == '"')
				break;
		}
		if (*e)
			e++;
	} else {
		while (*e && *e != ' ')
			e++;
	}
	return arena_strndup(x->a, p, (size_t)(e - p));
}

/* false: needs drop + create */
static bool diff_domain(Ctx *x, const TypeDef *o, const TypeDef *t)
{
	StrList op = {0}, tp = {0};
	const char *od, *td;
	if (!str_eq(o->base_type, t->base_type))
		return false;
	domain_parts(x, o->definition, &op);
	domain_parts(x, t->definition, &tp);
	if (!str_eq(part_with(&op, "COLLATE "), part_with(&tp, "COLLATE ")))
		return false;
	od = part_with(&op, "DEFAULT ");
	td = part_with(&tp, "DEFAULT ");
	if (!str_eq(od, td))
		type_stmt(x, t, td ? arena_printf(x->a, "SET %s", td) : "DROP DEFAULT", false);
	for (int i = 0; i < op.n; i++)
		if (str_has_prefix(op.v[i], "CONSTRAINT ") && !has(&tp, op.v[i]))
			type_stmt(x, t, arena_printf(x->a, "DROP CONSTRAINT %s", constraint_name(x, op.v[i])), false);
	if (!part_with(&op, "NOT NULL") != !part_with(&tp, "NOT NULL"))
		type_stmt(x, t, part_with(&tp, "NOT NULL") ? "SET NOT NULL" : "DROP NOT NULL", false);
	for (int i = 0; i < tp.n; i++)
		if (str_has_prefix(tp.v[i], "CONSTRAINT ") && !has(&op, tp.v[i]))
			type_stmt(x, t, arena_printf(x->a, "ADD %s", tp.v[i]), false);
	return true;
}

/* composite attributes "name type": ADD / DROP / ALTER ATTRIBUTE. */
static const char *attr_name(Ctx *x, const char *label)
{
	const char *sp = label[0] == '"' ? strstr(label + 1, "\" ") : strchr(label, ' ');
	if (!sp)
		return label;
	return arena_strndup(x->a, label, (size_t)(sp - label) + (label[0] == '"' ? 1 : 0));
}

static const char *attr_label(Ctx *x, const StrList *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (str_eq(attr_name(x, l->v[i]), name))
			return l->v[i];
	return NULL;
}

static void diff_composite(Ctx *x, const TypeDef *o, const TypeDef *t)
{
	for (int i = 0; i < o->labels.n; i++) {
		const char *n = attr_name(x, o->labels.v[i]);
		if (!attr_label(x, &t->labels, n)) {
			StrBuf sb;
			sb_init(&sb);
			sb_addf(&sb, "ALTER TYPE ");
			qname(&sb, t->schema, t->name);
			sb_addf(&sb, " DROP ATTRIBUTE %s", n);
			change_add(x, PH_TYPE, CHANGE_ALTER_TYPE, NULL, t->name, take(x, &sb), true);
		}
	}
	for (int i = 0; i < t->labels.n; i++) {
		const char *n = attr_name(x, t->labels.v[i]), *ol = attr_label(x, &o->labels, n);
		if (!ol)
			type_stmt(x, t, arena_printf(x->a, "ADD ATTRIBUTE %s", t->labels.v[i]), false);
		else if (!str_eq(ol, t->labels.v[i]))
			type_stmt(x, t, arena_printf(x->a, "ALTER ATTRIBUTE %s TYPE%s", n, t->labels.v[i] + strlen(n)), false);
	}
}

static const TypeDef *find_type(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->types.n; i++)
		if (same_obj(s->types.v[i]->schema, s->types.v[i]->name, schema, name))
			return s->types.v[i];
	return NULL;
}

static const char *drop_type_sql(Ctx *x, const TypeDef *t)
{
	return arena_printf(x->a, "DROP %s %s", t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE", qn(x, t->schema, t->name));
}

/* Does column type coltype (format_type text, maybe an array) name type t? */
static bool coltype_is(const char *coltype, const TypeDef *t)
{
	size_t n = strcspn(coltype, "[");
	const char *sch = S(t->schema);
	size_t ls = strlen(sch), ln = strlen(t->name);
	if (str_eq(sch, "public") && n == ln && !strncmp(coltype, t->name, n))
		return true;
	return n == ls + 1 + ln && !strncmp(coltype, sch, ls) && coltype[ls] == '.' && !strncmp(coltype + ls + 1, t->name, ln);
}

/* An enum whose labels go away or change order, used by columns: renamed out of the way, the
 * new one created, each column that keeps the type moved over through text (its default
 * dropped and set again around it), the old one dropped last. Rows holding a label that goes
 * away make the column change fail. False (nothing done) when no column uses the type. */
static bool rebuild_enum(Ctx *x, const TypeDef *o, const TypeDef *t)
{
	const char *old = arena_printf(x->a, "%.40s_sqlshape_old", o->name);
	bool used = false;
	for (int i = 0; i < x->from->tables.n && !used; i++)
		for (int j = 0; j < x->from->tables.v[i]->columns.n && !used; j++)
			used = coltype_is(x->from->tables.v[i]->columns.v[j]->type, o);
	if (!used)
		return false;
	change_add(x, PH_TYPE, CHANGE_ALTER_TYPE, NULL, o->name,
		   arena_printf(x->a, "ALTER TYPE %s RENAME TO %s", qn(x, o->schema, o->name), qi(x, old)), true);
	change_add(x, PH_TYPE, CHANGE_CREATE_TYPE, NULL, t->name, create_type_sql(x, t), true);
	for (int i = 0; i < x->to->tables.n; i++) {
		const Table *tt = x->to->tables.v[i], *ft = find_table(x->from, tt->schema, tt->name);
		for (int j = 0; ft && j < tt->columns.n; j++) {
			const Column *c = tt->columns.v[j], *fc = find_col(ft, c->name);
			if (!fc || !coltype_is(c->type, t) || !str_eq(c->type, fc->type))
				continue;
			StrBuf sb;
			const char *qc = qi(x, c->name);
			sb_init(&sb);
			sb_adds(&sb, "ALTER TABLE ");
			qname(&sb, tt->schema, tt->name);
			if (fc->default_text)
				sb_addf(&sb, " ALTER COLUMN %s DROP DEFAULT,", qc);
			sb_addf(&sb, " ALTER COLUMN %s TYPE %s USING %s::%s::%s", qc, c->type, qc, strchr(c->type, '[') ? "text[]" : "text",
				c->type);
			if (c->default_text)
				sb_addf(&sb, ", ALTER COLUMN %s SET DEFAULT %s", qc, c->default_source ? c->default_source : c->default_text);
			change_add(x, PH_TYPE, CHANGE_ALTER_TYPE, tt->name, c->name, take(x, &sb), true);
		}
	}
	change_add(x, PH_DROP_TYPE, CHANGE_DROP_TYPE, NULL, old,
		   arena_printf(x->a, "DROP TYPE %s", qn(x, o->schema, old)), true);
	return true;
}

/* A domain whose default or check calls one of the desired routines is created after the
 * routines that need no relation (PH_TYPE_LATE), not before them. */
static int type_phase(Ctx *x, const TypeDef *t)
{
	return pg_type_needs_routines(x->to, t) ? PH_TYPE_LATE : PH_TYPE;
}

static void diff_types(Ctx *x)
{
	for (int i = 0; i < x->to->types.n; i++) {
		const TypeDef *t = x->to->types.v[i], *o = find_type(x->from, t->schema, t->name);
		const char *what = t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE";
		bool fresh = false;
		if (!o && t->renamed_from && (o = find_type(x->from, t->schema, t->renamed_from)) && !find_type(x->to, t->schema, t->renamed_from)) {
			TypeDef *renamed = ARENA_NEW(x->a, TypeDef);
			change_add(x, PH_TYPE, CHANGE_ALTER_TYPE, NULL, t->name,
				   arena_printf(x->a, "ALTER %s %s RENAME TO %s", what, qn(x, o->schema, o->name), qi(x, t->name)), false);
			/* what follows (ALTER, or drop and create) names the type by its new name */
			*renamed = *o;
			renamed->name = t->name;
			o = renamed;
		}
		if (!o) {
			change_add(x, type_phase(x, t), CHANGE_CREATE_TYPE, NULL, t->name, create_type_sql(x, t), false);
			fresh = true;
		} else if (o->kind != t->kind ||
			   (t->kind == TYPE_ENUM && !strs_eq(&o->labels, &t->labels) && !diff_enum(x, o, t)) ||
			   (t->kind == TYPE_DOMAIN && !str_eq(o->definition, t->definition) + !str_eq(o->base_type, t->base_type) &&
			    !diff_domain(x, o, t)) ||
			   (t->kind == TYPE_RANGE && !str_eq(o->definition, t->definition))) {
			/* cannot be altered: drop and create; an enum that columns use is rebuilt */
			if (!(o->kind == TYPE_ENUM && t->kind == TYPE_ENUM && rebuild_enum(x, o, t))) {
				change_add(x, PH_TYPE, CHANGE_DROP_TYPE, NULL, o->name, drop_type_sql(x, o), true);
				change_add(x, type_phase(x, t), CHANGE_CREATE_TYPE, NULL, t->name, create_type_sql(x, t), true);
			}
			fresh = true;
		} else if (t->kind == TYPE_COMPOSITE && !strs_eq(&o->labels, &t->labels)) {
			diff_composite(x, o, t);
		}
		comment_diff(x, what, qn(x, t->schema, t->name), fresh ? NULL : o->comment, t->comment, NULL);
	}
	/* dropped in the reverse of the catalogue's order (enums, then domains, then composites,
	 * each by creation): a domain or composite goes before the type it is built on */
	for (int i = x->from->types.n - 1; i >= 0; i--) {
		const TypeDef *o = x->from->types.v[i];
		bool kept = find_type(x->to, o->schema, o->name) != NULL;
		for (int j = 0; j < x->to->types.n && !kept; j++)
			kept = str_eq(x->to->types.v[j]->renamed_from, o->name) && str_eq(S(x->to->types.v[j]->schema), S(o->schema));
		/* a domain that calls a routine goes before the routines do */
		if (!kept)
			change_add(x, pg_type_needs_routines(x->from, o) ? PH_DROP_ROUTINE_GONE : PH_DROP_TYPE, CHANGE_DROP_TYPE, NULL,
				   o->name, drop_type_sql(x, o), true);
	}
}

/* ---- sequences ---- */

/* The numbers a sequence runs by: a Sequence's, or an identity's options text (only what
 * differs from the defaults for the column's type, as pg_parse writes it) completed. */
typedef struct SeqRange {
	long long start, inc, min, max;
	bool cycle;
} SeqRange;

static long long opt_num(const char *opts, const char *key, long long dflt)
{
	const char *p = opts ? strstr(opts, key) : NULL;
	return p ? strtoll(p + strlen(key), NULL, 10) : dflt;
}

static SeqRange identity_range(const char *coltype, const char *opts)
{
	SeqRange r;
	long long lo, hi;
	pg_int_type_range(coltype, &lo, &hi);
	r.inc = opt_num(opts, "INCREMENT BY ", 1);
	r.min = opt_num(opts, "MINVALUE ", r.inc > 0 ? 1 : lo);
	r.max = opt_num(opts, "MAXVALUE ", r.inc > 0 ? hi : -1);
	r.start = opt_num(opts, "START WITH ", r.inc > 0 ? r.min : r.max);
	r.cycle = opts && strstr(opts, "CYCLE") && !strstr(opts, "NO CYCLE");
	return r;
}

static SeqRange sequence_range(const Sequence *q)
{
	SeqRange r = {q->start, q->increment, q->min_value, q->max_value, q->cycle};
	return r;
}

typedef enum { RESTART_NONE, RESTART_SAFE, RESTART_REPEATS } RestartNeed;

/* PostgreSQL refuses new bounds that leave out the sequence's position (last_value: "RESTART
 * value cannot be less than MINVALUE") unless the same ALTER restarts it, at the new START.
 * That is safe when the sequence has handed out nothing (is_called false), or when what it
 * handed out (from START to last_value in its direction; its whole old range if it cycles) lies
 * outside the new range; otherwise the restart may hand those values out again. The position
 * is read only by plan/apply (NULL: not known, no RESTART, as diff between files). */
static RestartNeed restart_need(const char *last, bool called, SeqRange old, SeqRange nu)
{
	long long p, lo, hi;
	if (!last)
		return RESTART_NONE;
	p = strtoll(last, NULL, 10);
	if (p >= nu.min && p <= nu.max)
		return RESTART_NONE;
	if (!called)
		return RESTART_SAFE;
	lo = old.cycle ? old.min : old.start < p ? old.start : p;
	hi = old.cycle ? old.max : old.start > p ? old.start : p;
	return hi < nu.min || lo > nu.max ? RESTART_SAFE : RESTART_REPEATS;
}

static void note_restart_repeats(Ctx *x, const char *what, const char *last)
{
	LIST_PUSH(x->a, &x->notes,
		  arena_printf(x->a, "%s stands at %s, outside its new range, and has handed out values inside it: the ALTER must "
				     "RESTART it, which may hand them out again, so it needs --allow-drop",
			       what, last));
}

static const Sequence *find_seq(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->sequences.n; i++)
		if (same_obj(s->sequences.v[i]->schema, s->sequences.v[i]->name, schema, name))
			return s->sequences.v[i];
	return NULL;
}

static const char *owned_by_sql(Ctx *x, const Sequence *q)
{
	StrBuf sb;
	const char *dot2 = q->owned_by ? strrchr(q->owned_by, '.') : NULL;
	sb_init(&sb);
	sb_adds(&sb, "ALTER SEQUENCE ");
	qname(&sb, q->schema, q->name);
	sb_adds(&sb, " OWNED BY ");
	if (!dot2) {
		sb_adds(&sb, "NONE");
	} else {
		pg_print_qref(&sb, arena_strndup(x->a, q->owned_by, (size_t)(dot2 - q->owned_by)));
		sb_addc(&sb, '.');
		sb_add_pg_ident(&sb, dot2 + 1);
	}
	return take(x, &sb);
}

/* Is "schema.table.column" a column that goes away (its table or itself)? */
static bool owner_goes(Ctx *x, const char *owned_by)
{
	const char *dot2 = owned_by ? strrchr(owned_by, '.') : NULL;
	const Table *ft;
	TPair *tp;
	if (!dot2)
		return false;
	ft = find_table_ref(x->from, arena_strndup(x->a, owned_by, (size_t)(dot2 - owned_by)));
	if (!ft)
		return false;
	tp = pair_of_from(x, ft);
	return !tp || tp->recreate || has(&tp->dropped_cols, dot2 + 1);
}

static void diff_sequences(Ctx *x)
{
	for (int i = 0; i < x->to->sequences.n; i++) {
		const Sequence *q = x->to->sequences.v[i], *o = find_seq(x->from, q->schema, q->name);
		StrBuf sb;
		sb_init(&sb);
		bool keep_alive = o && o->owned_by && owner_goes(x, o->owned_by);
		if (keep_alive)
			/* its owner goes (a table or column dropped or created again): released first so
			 * that the sequence and its current value survive */
			change_add(x, PH_SEQUENCE, CHANGE_ALTER_SEQUENCE, NULL, q->name,
				   arena_printf(x->a, "ALTER SEQUENCE %s OWNED BY NONE", qn(x, q->schema, q->name)), false);
		if (!o) {
			sb_adds(&sb, "CREATE SEQUENCE ");
			qname(&sb, q->schema, q->name);
			sb_addf(&sb, " AS %s START WITH %lld INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld CACHE %lld%s",
				q->data_type ? q->data_type : "bigint", q->start, q->increment, q->min_value, q->max_value, q->cache,
				q->cycle ? " CYCLE" : "");
			change_add(x, PH_SEQUENCE, CHANGE_CREATE_SEQUENCE, NULL, q->name, take(x, &sb), false);
			if (q->owned_by)
				change_add(x, PH_SEQ_OWNED, CHANGE_ALTER_SEQUENCE, NULL, q->name, owned_by_sql(x, q), false);
			comment_diff(x, "SEQUENCE", qn(x, q->schema, q->name), NULL, q->comment, NULL);
			continue;
		}
		if (!str_eq(o->data_type, q->data_type) || o->start != q->start || o->increment != q->increment ||
		    o->min_value != q->min_value || o->max_value != q->max_value || o->cache != q->cache || o->cycle != q->cycle) {
			sb_adds(&sb, "ALTER SEQUENCE ");
			qname(&sb, q->schema, q->name);
			RestartNeed rn = restart_need(o->last_value, o->called, sequence_range(o), sequence_range(q));
			sb_addf(&sb, " AS %s START WITH %lld INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld CACHE %lld %sCYCLE%s",
				q->data_type ? q->data_type : "bigint", q->start, q->increment, q->min_value, q->max_value, q->cache,
				q->cycle ? "" : "NO ", rn != RESTART_NONE ? " RESTART" : "");
			if (rn == RESTART_REPEATS)
				note_restart_repeats(x, arena_printf(x->a, "sequence %s", qn(x, q->schema, q->name)), o->last_value);
			change_add(x, PH_SEQUENCE, CHANGE_ALTER_SEQUENCE, NULL, q->name, take(x, &sb), rn == RESTART_REPEATS);
		} else {
			sb_release(&sb);
		}
		if (!str_eq(o->owned_by, q->owned_by) || (keep_alive && q->owned_by))
			change_add(x, PH_SEQ_OWNED, CHANGE_ALTER_SEQUENCE, NULL, q->name, owned_by_sql(x, q), false);
		comment_diff(x, "SEQUENCE", qn(x, q->schema, q->name), o->comment, q->comment, NULL);
	}
	for (int i = 0; i < x->from->sequences.n; i++) {
		const Sequence *o = x->from->sequences.v[i];
		if (find_seq(x->to, o->schema, o->name) || (o->owned_by && owner_goes(x, o->owned_by)))
			continue;
		change_add(x, PH_DROP_SEQUENCE, CHANGE_DROP_SEQUENCE, NULL, o->name,
			   arena_printf(x->a, "DROP SEQUENCE %s", qn(x, o->schema, o->name)), true);
	}
}

/* ---- routines ---- */

static const Routine *find_routine(const Schema *s, const Routine *r)
{
	for (int i = 0; i < s->routines.n; i++) {
		const Routine *o = s->routines.v[i];
		if (same_obj(o->schema, o->name, r->schema, r->name) && str_eq(o->args, r->args))
			return o;
	}
	return NULL;
}

static const char *routine_word(const Routine *r)
{
	return r->kind == ROUTINE_PROCEDURE ? "PROCEDURE" : r->kind == ROUTINE_AGGREGATE ? "AGGREGATE" : "FUNCTION";
}

static const char *routine_ref(Ctx *x, const Routine *r)
{
	return arena_printf(x->a, "%s(%s)", qn(x, r->schema, r->name), r->args ? r->args : "");
}

/* The head of a definition: up to the end of the argument list (parameter names, modes and
 * defaults, which CREATE OR REPLACE cannot change). */
static const char *routine_head(Ctx *x, const char *def)
{
	const char *p = def ? strchr(def, '(') : NULL;
	int depth = 0;
	char q = 0;
	if (!p)
		return def;
	for (; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	return arena_strndup(x->a, def, (size_t)(p - def));
}

/* The phase of a routine: early, unless its arguments or result name a relation's row type;
 * after the tables when only tables are named (a view may call it), after the views when a
 * view is. */
static int routine_phase(const Schema *s, const Routine *r)
{
	int ph = PH_ROUTINE_EARLY;
	for (int i = 0; i < s->tables.n && ph == PH_ROUTINE_EARLY; i++)
		if (mentions(r->returns, s->tables.v[i]->name) || mentions(r->args, s->tables.v[i]->name))
			ph = PH_ROUTINE_TABLES;
	for (int i = 0; i < s->views.n; i++)
		if (mentions(r->returns, s->views.v[i]->name) || mentions(r->args, s->views.v[i]->name))
			return PH_ROUTINE_LATE;
	return ph;
}

static void diff_routines(Ctx *x)
{
	for (int i = 0; i < x->to->routines.n; i++) {
		const Routine *r = x->to->routines.v[i], *o = find_routine(x->from, r);
		int ph = routine_phase(x->to, r);
		bool fresh = !o;
		if (o && !str_eq(o->definition, r->definition)) {
			if (o->kind != r->kind || !str_eq(o->returns, r->returns) || r->kind == ROUTINE_AGGREGATE ||
			    !str_eq(routine_head(x, o->definition), routine_head(x, r->definition))) {
				change_add(x, PH_DROP_ROUTINE, CHANGE_DROP_ROUTINE, NULL, o->name,
					   arena_printf(x->a, "DROP %s %s", routine_word(o), routine_ref(x, o)), false);
				add_once(x, &x->routines_rebuilt, key2(x, o->schema, o->name));
				fresh = true;
			}
			change_add(x, ph, CHANGE_CREATE_ROUTINE, NULL, r->name, r->definition, false);
		} else if (!o) {
			change_add(x, ph, CHANGE_CREATE_ROUTINE, NULL, r->name, r->definition, false);
		}
		comment_diff(x, routine_word(r), routine_ref(x, r), fresh ? NULL : o->comment, r->comment, NULL);
	}
	for (int i = 0; i < x->from->routines.n; i++) {
		const Routine *o = x->from->routines.v[i];
		if (!find_routine(x->to, o))
			change_add(x, PH_DROP_ROUTINE_GONE, CHANGE_DROP_ROUTINE, NULL, o->name,
				   arena_printf(x->a, "DROP %s %s", routine_word(o), routine_ref(x, o)), true);
	}
}

/* ---- tables ---- */

static bool index_uses(const Index *ix, const StrList *cols)
{
	for (int i = 0; i < cols->n; i++) {
		for (int j = 0; j < ix->parts.n; j++)
			if (str_eq(ix->parts.v[j]->column, cols->v[i]) || mentions(ix->parts.v[j]->expr, cols->v[i]))
				return true;
		if (mentions(ix->where_pred, cols->v[i]) || has(&ix->include, cols->v[i]))
			return true;
	}
	return false;
}

/* Same index apart from its name and comment (comments are statements of their own). */
static bool index_same(const Index *a, const Index *b)
{
	EqCtx eq;
	Index ta = *a, tb = *b;
	eqctx_init(&eq, DIALECT_POSTGRES);
	tb.name = ta.name;
	ta.comment = tb.comment = NULL;
	return Index_equal(&ta, &tb, &eq);
}

/* index_same after the plan's column renames of the table */
static bool index_same_mapped(Ctx *x, const TPair *tp, const Index *o, const Index *n)
{
	Index m;
	if (!tp->col_renames.n)
		return index_same(o, n);
	m = *o;
	m.parts.v = NULL;
	m.parts.n = m.parts.cap = 0;
	m.include.v = NULL;
	m.include.n = m.include.cap = 0;
	for (int i = 0; i < o->parts.n; i++) {
		IndexPart *pp = ARENA_NEW(x->a, IndexPart);
		*pp = *o->parts.v[i];
		for (int k = 0; k + 1 < tp->col_renames.n; k += 2)
			if (str_eq(pp->column, tp->col_renames.v[k]))
				pp->column = tp->col_renames.v[k + 1];
		LIST_PUSH(x->a, &m.parts, pp);
	}
	for (int i = 0; i < o->include.n; i++) {
		const char *c = o->include.v[i];
		for (int k = 0; k + 1 < tp->col_renames.n; k += 2)
			if (str_eq(c, tp->col_renames.v[k]))
				c = tp->col_renames.v[k + 1];
		LIST_PUSH(x->a, &m.include, c);
	}
	return index_same(&m, n);
}

/* Current unique/primary keys of a table that change or go away, by the columns they cover
 * ("a,b"): foreign keys onto those columns must be dropped first and added again. */
static void key_changes(Ctx *x, const Table *from, const Table *to, bool all, StrList *out)
{
	for (int i = 0; i < from->indexes.n; i++) {
		const Index *o = from->indexes.v[i], *n;
		StrBuf sb;
		if (o->kind != INDEX_PRIMARY && o->kind != INDEX_UNIQUE)
			continue;
		n = to ? find_index(&to->indexes, o->name) : NULL;
		if (!all && n && index_same(o, n))
			continue;
		sb_init(&sb);
		for (int j = 0; j < o->parts.n; j++)
			sb_addf(&sb, "%s%s", j ? "," : "", o->parts.v[j]->column ? o->parts.v[j]->column : "?");
		LIST_PUSH(x->a, out, take(x, &sb));
	}
}

static bool fk_points_at(const ForeignKey *fk, const Table *t, const StrList *keys)
{
	StrBuf sb;
	bool r = false;
	if (!same_obj(fk->ref_schema, fk->ref_table, t->schema, t->name))
		return false;
	sb_init(&sb);
	for (int j = 0; j < fk->ref_columns.n; j++)
		sb_addf(&sb, "%s%s", j ? "," : "", fk->ref_columns.v[j]);
	/* any key with the same set of columns (order may differ) */
	for (int i = 0; i < keys->n && !r; i++) {
		if (str_eq(keys->v[i], sb_str(&sb))) {
			r = true;
			break;
		}
		int n1 = 1, n2 = 1;
		for (const char *p = keys->v[i]; *p; p++)
			n1 += *p == ',';
		for (const char *p = sb_str(&sb); *p; p++)
			n2 += *p == ',';
		if (n1 != n2)
			continue;
		bool all = true;
		for (int j = 0; j < fk->ref_columns.n && all; j++) {
			char pat[300];
			snprintf(pat, sizeof pat, ",%s,", fk->ref_columns.v[j]);
			StrBuf kb;
			sb_init(&kb);
			sb_addf(&kb, ",%s,", keys->v[i]);
			all = strstr(sb_str(&kb), pat) != NULL;
			sb_release(&kb);
		}
		r = all;
	}
	sb_release(&sb);
	return r;
}

/* identity options text -> SET clauses for ALTER COLUMN (absent options reset to defaults) */
static const char *identity_set(Ctx *x, const char *opts)
{
	static const char *const keys[] = {"INCREMENT BY ", "MINVALUE ", "MAXVALUE ", "START WITH ", "CACHE ", NULL};
	static const char *const resets[] = {"SET INCREMENT BY 1", "SET NO MINVALUE", "SET NO MAXVALUE", "SET START WITH 1",
					     "SET CACHE 1", NULL};
	StrBuf sb;
	sb_init(&sb);
	for (int k = 0; keys[k]; k++) {
		const char *p = opts ? strstr(opts, keys[k]) : NULL;
		sb_adds(&sb, " ");
		if (p) {
			const char *e = p + strlen(keys[k]);
			while (*e && *e != ' ')
				e++;
			sb_adds(&sb, "SET ");
			sb_add(&sb, p, (size_t)(e - p));
		} else if (!strcmp(keys[k], "START WITH ")) {
			/* left out, START is the first value of the range: MINVALUE ascending, MAXVALUE
			 * descending (1 and -1 when those are left out too) */
			const char *inc = opts ? strstr(opts, "INCREMENT BY -") : NULL;
			const char *bound = opts ? strstr(opts, inc ? "MAXVALUE " : "MINVALUE ") : NULL;
			sb_adds(&sb, "SET START WITH ");
			if (bound) {
				const char *v = bound + strlen("MINVALUE "), *e = v;
				while (*e && *e != ' ')
					e++;
				sb_add(&sb, v, (size_t)(e - v));
			} else {
				sb_adds(&sb, inc ? "-1" : "1");
			}
		} else {
			sb_adds(&sb, resets[k]);
		}
	}
	sb_adds(&sb, opts && strstr(opts, "CYCLE") && !strstr(opts, "NO CYCLE") ? " SET CYCLE" : " SET NO CYCLE");
	return take(x, &sb);
}

static int int_rank(const char *t)
{
	return str_eq(t, "smallint") ? 1 : str_eq(t, "integer") ? 2 : str_eq(t, "bigint") ? 3 : 0;
}

/* a type change that may lose data: a shorter length, a smaller integer, text to anything else */
static bool type_narrows(const char *from, const char *to)
{
	const char *pf = strchr(from, '('), *pt = strchr(to, '(');
	if (int_rank(from) && int_rank(to))
		return int_rank(to) < int_rank(from);
	if (pf && pt && (size_t)(pf - from) == (size_t)(pt - to) && !strncmp(from, to, (size_t)(pf - from)))
		return atoi(pt + 1) < atoi(pf + 1) || (strchr(pt, ',') && strchr(pf, ',') && atoi(strchr(pt, ',') + 1) < atoi(strchr(pf, ',') + 1));
	if (!pf && pt && !strncmp(from, to, strlen(from)))
		return true; /* varchar -> varchar(n), numeric -> numeric(p,s) */
	if (str_eq(from, "text") || str_has_prefix(from, "character varying"))
		return !(str_eq(to, "text") || str_eq(to, "character varying"));
	return false;
}

/* A column type as it reads after the plan's type renames ("old_state" -> "state"). */
/* Is type (format_type text, maybe an array) one of s's enums? */
static bool is_enum(const Schema *s, const char *type)
{
	size_t n = strcspn(type, "[");
	for (int i = 0; i < s->types.n; i++) {
		const TypeDef *t = s->types.v[i];
		const char *q = str_eq(S(t->schema), "public") ? t->name : NULL;
		if (t->kind != TYPE_ENUM)
			continue;
		if ((q && strlen(q) == n && !strncmp(type, q, n)) || (strlen(S(t->schema)) + 1 + strlen(t->name) == n &&
		    !strncmp(type, S(t->schema), strlen(S(t->schema))) && type[strlen(S(t->schema))] == '.' &&
		    !strncmp(type + strlen(S(t->schema)) + 1, t->name, strlen(t->name))))
			return true;
	}
	return false;
}

static const char *renamed_type(Ctx *x, const char *type)
{
	for (int i = 0; i < x->to->types.n; i++) {
		const TypeDef *t = x->to->types.v[i];
		const char *old;
		if (!t->renamed_from || find_type(x->from, t->schema, t->name) || !find_type(x->from, t->schema, t->renamed_from))
			continue;
		old = str_eq(S(t->schema), "public") ? t->renamed_from : arena_printf(x->a, "%s.%s", S(t->schema), t->renamed_from);
		if (str_eq(type, old))
			return str_eq(S(t->schema), "public") ? t->name : arena_printf(x->a, "%s.%s", S(t->schema), t->name);
		if (str_has_prefix(type, old) && str_eq(type + strlen(old), "[]"))
			return arena_printf(x->a, "%s[]", str_eq(S(t->schema), "public") ? t->name : arena_printf(x->a, "%s.%s", S(t->schema), t->name));
	}
	return type;
}

/* Columns of a table pair. Clauses in three lists run in this order in the one ALTER:
 * constraint drops (elsewhere), col_pre (drops, renames), col (changes, adds). */
static void diff_columns(Ctx *x, TPair *tp, AlterClauseList *cl, AlterClauseList *late)
{
	const Table *from = tp->from, *to = tp->to;
	int last = -1;
	bool order_noted = false;
	for (int i = 0; i < to->columns.n; i++) {
		const Column *c = to->columns.v[i], *o = find_col(from, c->name);
		const char *qc = qi(x, c->name);
		StrBuf sb;
		if (!o && c->renamed_from && (o = find_col(from, c->renamed_from)) && !find_col(to, c->renamed_from)) {
			/* RENAME COLUMN is a statement of its own, before the table's ALTER */
			change_add(x, PH_RENAME, CHANGE_ALTER_TABLE, to->name, to->name,
				   arena_printf(x->a, "ALTER TABLE %s RENAME COLUMN %s TO %s", qn(x, to->schema, to->name),
						qi(x, o->name), qc),
				   false);
			LIST_PUSH(x->a, &tp->col_renames, o->name);
			LIST_PUSH(x->a, &tp->col_renames, c->name);
			AlterClause *ac = ARENA_NEW(x->a, AlterClause);
			ac->kind = CLAUSE_RENAME_COLUMN;
			ac->name = c->name;
			ac->old_name = o->name;
			ac->sql = arena_printf(x->a, "RENAME COLUMN %s TO %s", qi(x, o->name), qc);
			LIST_PUSH(x->a, &x->ph[PH_RENAME].v[x->ph[PH_RENAME].n - 1]->clauses, ac);
		}
		if (!o) {
			sb_init(&sb);
			sb_adds(&sb, "ADD COLUMN ");
			pg_print_column(&sb, c);
			clause_add(x, cl, CLAUSE_ADD_COLUMN, c->name, NULL, take(x, &sb), false);
			continue;
		}
		/* order: PostgreSQL keeps columns where they are */
		int pos = -1;
		for (int k = 0; k < from->columns.n; k++)
			if (from->columns.v[k] == o)
				pos = k;
		if (pos < last && !order_noted) {
			LIST_PUSH(x->a, &x->notes,
				  arena_printf(x->a, "column order of %s differs from the desired one; PostgreSQL cannot reorder columns, so it stays",
					       qn(x, to->schema, to->name)));
			order_noted = true;
		}
		if (pos > last)
			last = pos;
		/* generated: no way to change the expression in place (before 17): drop + add */
		if ((c->gen_kind != o->gen_kind || !str_eq(c->gen_expr, o->gen_expr)) && c->gen_kind != GEN_NONE) {
			clause_add(x, cl, CLAUSE_DROP_COLUMN, o->name, NULL, arena_printf(x->a, "DROP COLUMN %s", qi(x, o->name)), false);
			sb_init(&sb);
			sb_adds(&sb, "ADD COLUMN ");
			pg_print_column(&sb, c);
			clause_add(x, late, CLAUSE_ADD_COLUMN, c->name, NULL, take(x, &sb), false);
			LIST_PUSH(x->a, &tp->dropped_cols, o->name);
			LIST_PUSH(x->a, &tp->rebuilt_cols, c->name);
			continue;
		}
		if (o->gen_kind != GEN_NONE && c->gen_kind == GEN_NONE)
			clause_add(x, cl, CLAUSE_DROP_EXPRESSION, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP EXPRESSION", qc),
				   false);
		bool retype = !str_eq(renamed_type(x, o->type), c->type) || !str_eq(o->collation, c->collation);
		bool default_changes = !str_eq(o->default_text, c->default_text);
		if (retype && o->default_text && !default_changes) {
			/* the old default may not cast automatically: drop it and set it again */
			clause_add(x, cl, CLAUSE_DROP_DEFAULT, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP DEFAULT", qc), false);
			default_changes = true;
		} else if (retype && o->default_text && default_changes && c->default_text) {
			clause_add(x, cl, CLAUSE_DROP_DEFAULT, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP DEFAULT", qc), false);
		}
		if (o->identity != IDENTITY_NONE && c->identity == IDENTITY_NONE)
			clause_add(x, cl, CLAUSE_DROP_IDENTITY, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP IDENTITY", qc), false);
		if (retype) {
			sb_init(&sb);
			sb_addf(&sb, "ALTER COLUMN %s TYPE %s", qc, c->type);
			if (c->collation) {
				sb_adds(&sb, " COLLATE ");
				if (strchr(c->collation, '.'))
					pg_print_qref(&sb, c->collation);
				else
					sb_add_pg_ident(&sb, c->collation);
			}
			/* an enum has no cast to another type but text's */
			if (!str_eq(o->type, c->type))
				sb_addf(&sb, " USING %s::%s%s", qc, is_enum(x->from, o->type) ? (strstr(o->type, "[]") ? "text[]::" : "text::") : "",
					c->type);
			clause_add(x, cl, CLAUSE_ALTER_COLUMN_TYPE, c->name, NULL, take(x, &sb), type_narrows(o->type, c->type));
			tp->retyped = true;
		}
		if (default_changes) {
			if (c->default_text)
				clause_add(x, cl, CLAUSE_SET_DEFAULT, c->name, NULL,
					   arena_printf(x->a, "ALTER COLUMN %s SET DEFAULT %s", qc,
							c->default_source ? c->default_source : c->default_text), false);
			else
				clause_add(x, cl, CLAUSE_DROP_DEFAULT, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP DEFAULT", qc),
					   false);
		}
		if (o->not_null != c->not_null) {
			/* (before ADD GENERATED ... AS IDENTITY, which needs it) */
			if (c->not_null)
				clause_add(x, cl, CLAUSE_SET_NOT_NULL, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s SET NOT NULL", qc), false);
			else if (!c->not_null)
				clause_add(x, late, CLAUSE_DROP_NOT_NULL, c->name, NULL, arena_printf(x->a, "ALTER COLUMN %s DROP NOT NULL", qc),
					   false);
		}
		if (o->identity == IDENTITY_NONE && c->identity != IDENTITY_NONE) {
			sb_init(&sb);
			sb_addf(&sb, "ALTER COLUMN %s ADD GENERATED %s AS IDENTITY", qc, IdentityKind_name(c->identity));
			if (c->identity_options)
				sb_addf(&sb, " (%s)", c->identity_options);
			clause_add(x, cl, CLAUSE_ADD_IDENTITY, c->name, NULL, take(x, &sb), false);
		} else if (o->identity != IDENTITY_NONE && c->identity != IDENTITY_NONE) {
			if (o->identity != c->identity)
				clause_add(x, cl, CLAUSE_ALTER_IDENTITY, c->name, NULL,
					   arena_printf(x->a, "ALTER COLUMN %s SET GENERATED %s", qc, IdentityKind_name(c->identity)), false);
			if (!str_eq(o->identity_options, c->identity_options)) {
				RestartNeed rn = restart_need(o->identity_last, o->identity_called, identity_range(o->type, o->identity_options),
							      identity_range(c->type, c->identity_options));
				if (rn == RESTART_REPEATS)
					note_restart_repeats(x, arena_printf(x->a, "the identity sequence of %s.%s", qn(x, to->schema, to->name), qc),
							     o->identity_last);
				clause_add(x, cl, CLAUSE_ALTER_IDENTITY, c->name, NULL,
					   arena_printf(x->a, "ALTER COLUMN %s%s%s", qc, identity_set(x, c->identity_options),
							rn != RESTART_NONE ? " RESTART" : ""),
					   rn == RESTART_REPEATS);
			}
		}
		if (!str_eq(o->compression, c->compression))
			clause_add(x, cl, CLAUSE_SET_COMPRESSION, c->name, NULL,
				   arena_printf(x->a, "ALTER COLUMN %s SET COMPRESSION %s", qc, c->compression ? c->compression : "default"),
				   false);
	}
	for (int i = 0; i < from->columns.n; i++) {
		const Column *o = from->columns.v[i];
		bool kept = find_col(to, o->name) != NULL;
		for (int j = 0; j < to->columns.n && !kept; j++)
			kept = str_eq(to->columns.v[j]->renamed_from, o->name) && !find_col(from, to->columns.v[j]->name);
		if (kept)
			continue;
		clause_add(x, cl, CLAUSE_DROP_COLUMN, o->name, NULL, arena_printf(x->a, "DROP COLUMN %s", qi(x, o->name)), true);
		LIST_PUSH(x->a, &tp->dropped_cols, o->name);
	}
}

static const char *fk_key(Ctx *x, const Table *t, const ForeignKey *fk)
{
	return key3(x, t->schema, t->name, fk->name);
}

static bool fk_same(const ForeignKey *a, const ForeignKey *b)
{
	EqCtx eq;
	ForeignKey ta = *a, tb = *b;
	eqctx_init(&eq, DIALECT_POSTGRES);
	/* a constraint that was validated meanwhile still satisfies a desired NOT VALID */
	if (!ta.not_valid)
		tb.not_valid = false;
	ta.comment = tb.comment = NULL;
	return ForeignKey_equal(&ta, &tb, &eq);
}

static bool check_same(const Check *a, const Check *b)
{
	EqCtx eq;
	Check ta = *a, tb = *b;
	eqctx_init(&eq, DIALECT_POSTGRES);
	if (!ta.not_valid)
		tb.not_valid = false;
	ta.comment = tb.comment = NULL;
	return Check_equal(&ta, &tb, &eq);
}

static const ForeignKey *find_fk(const Table *t, const char *name)
{
	for (int i = 0; i < t->fks.n; i++)
		if (str_eq(t->fks.v[i]->name, name))
			return t->fks.v[i];
	return NULL;
}

static const Check *find_check(const Table *t, const char *name)
{
	for (int i = 0; i < t->checks.n; i++)
		if (str_eq(t->checks.v[i]->name, name))
			return t->checks.v[i];
	return NULL;
}

static const char *constraint_target(Ctx *x, const Table *t, const char *name)
{
	return arena_printf(x->a, "%s ON %s", qi(x, name), qn(x, t->schema, t->name));
}

/* Comments of a table's parts; from NULL: everything is new. */
static void table_comments(Ctx *x, const Table *from, const Table *to)
{
	const char *tq = qn(x, to->schema, to->name);
	comment_diff(x, "TABLE", tq, from ? from->comment : NULL, to->comment, to->name);
	for (int j = 0; j < to->columns.n; j++) {
		const Column *c = to->columns.v[j], *o = from ? find_col(from, c->renamed_from && !find_col(from, c->name) ? c->renamed_from : c->name) : NULL;
		comment_diff(x, "COLUMN", arena_printf(x->a, "%s.%s", tq, qi(x, c->name)), o ? o->comment : NULL, c->comment, to->name);
	}
	for (int j = 0; j < to->indexes.n; j++) {
		const Index *ix = to->indexes.v[j], *o = from ? find_index(&from->indexes, ix->name) : NULL;
		if (ix->is_constraint)
			comment_diff(x, "CONSTRAINT", constraint_target(x, to, ix->name), o ? o->comment : NULL, ix->comment, to->name);
		else
			comment_diff(x, "INDEX", qn(x, to->schema, ix->name), o ? o->comment : NULL, ix->comment, to->name);
	}
	for (int j = 0; j < to->checks.n; j++) {
		const Check *ck = to->checks.v[j], *o = from ? find_check(from, ck->name) : NULL;
		comment_diff(x, "CONSTRAINT", constraint_target(x, to, ck->name), o ? o->comment : NULL, ck->comment, to->name);
	}
	for (int j = 0; j < to->fks.n; j++) {
		const ForeignKey *fk = to->fks.v[j], *o = from ? find_fk(from, fk->name) : NULL;
		comment_diff(x, "CONSTRAINT", constraint_target(x, to, fk->name), o ? o->comment : NULL, fk->comment, to->name);
	}
}

static void rls_clauses(Ctx *x, const Table *from, const Table *to, AlterClauseList *cl)
{
	bool fe = from && from->rls_enabled, ff = from && from->rls_forced;
	if (fe != to->rls_enabled)
		clause_add(x, cl, CLAUSE_ROW_SECURITY, to->name, NULL,
			   to->rls_enabled ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY", false);
	if (ff != to->rls_forced)
		clause_add(x, cl, CLAUSE_ROW_SECURITY, to->name, NULL, to->rls_forced ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY",
			   false);
}

/* storage parameters "a=1, b=2" -> SET / RESET clauses */
static void with_options_clauses(Ctx *x, const Table *from, const Table *to, AlterClauseList *cl)
{
	StrList fo = {0}, tov = {0};
	StrBuf reset, set;
	if (str_eq(from->with_options, to->with_options))
		return;
	for (int k = 0; k < 2; k++) {
		const char *src = k ? to->with_options : from->with_options;
		StrList *dst = k ? &tov : &fo;
		if (!src)
			continue;
		char *copy = arena_strdup(x->a, src);
		for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
			while (*tok == ' ')
				tok++;
			LIST_PUSH(x->a, dst, tok);
		}
	}
	sb_init(&reset);
	sb_init(&set);
	for (int i = 0; i < fo.n; i++) {
		const char *eq = strchr(fo.v[i], '=');
		size_t n = eq ? (size_t)(eq - fo.v[i]) : strlen(fo.v[i]);
		bool kept = false;
		for (int j = 0; j < tov.n && !kept; j++)
			kept = !strncmp(tov.v[j], fo.v[i], n) && (tov.v[j][n] == '=' || !tov.v[j][n]);
		if (!kept)
			sb_addf(&reset, "%s%.*s", reset.len ? ", " : "", (int)n, fo.v[i]);
	}
	for (int j = 0; j < tov.n; j++)
		if (!has(&fo, tov.v[j]))
			sb_addf(&set, "%s%s", set.len ? ", " : "", tov.v[j]);
	if (reset.len)
		clause_add(x, cl, CLAUSE_TABLE_OPTION, to->name, NULL, arena_printf(x->a, "RESET (%s)", sb_str(&reset)), false);
	if (set.len)
		clause_add(x, cl, CLAUSE_TABLE_OPTION, to->name, NULL, arena_printf(x->a, "SET (%s)", sb_str(&set)), false);
	sb_release(&reset);
	sb_release(&set);
}

static void create_table(Ctx *x, const Table *t)
{
	AlterClauseList cl = {0};
	change_add(x, PH_CREATE_TABLE, CHANGE_CREATE_TABLE, t->name, t->name, create_table_sql(x, t), false);
	for (int j = 0; j < t->checks.n; j++)
		if (t->checks.v[j]->not_valid)
			clause_add(x, &cl, CLAUSE_ADD_CHECK, t->checks.v[j]->name, NULL,
				   arena_printf(x->a, "ADD %s", check_def(x, t->checks.v[j])), false);
	if (cl.n)
		emit_alter(x, PH_ADD_FK, t, &cl);
	for (int j = 0; j < t->fks.n; j++)
		alter1(x, PH_ADD_FK, t, CLAUSE_ADD_FOREIGN_KEY, t->fks.v[j]->name, arena_printf(x->a, "ADD %s", fk_def(x, t->fks.v[j])), false);
	for (int j = 0; j < t->indexes.n; j++)
		if (!t->indexes.v[j]->is_constraint)
			change_add(x, PH_INDEX, CHANGE_CREATE_INDEX, t->name, t->indexes.v[j]->name,
				   create_index_sql(x, t->schema, t->name, t->indexes.v[j]), false);
	cl.n = 0;
	cl.v = NULL;
	rls_clauses(x, NULL, t, &cl);
	if (cl.n)
		emit_alter(x, PH_POLICY, t, &cl);
	table_comments(x, NULL, t);
}

/* A changed table: one ALTER TABLE for constraint drops, column changes and constraint adds;
 * indexes as statements of their own. */
static void alter_table(Ctx *x, TPair *tp)
{
	const Table *from = tp->from, *to = tp->to;
	AlterClauseList drops = {0}, cols = {0}, late = {0}, adds = {0}, misc = {0};
	bool partition = to->partition_of != NULL;

	bool moves = !str_eq(from->partition_of, to->partition_of) || !str_eq(from->partition_bound, to->partition_bound);
	if (moves && from->partition_of) {
		/* detached first: the table's own changes follow */
		const Table *parent = find_table_ref(x->from, from->partition_of);
		StrBuf sb;
		sb_init(&sb);
		sb_adds(&sb, "DETACH PARTITION ");
		qname(&sb, from->schema, from->name);
		if (parent)
			alter1(x, PH_DETACH, parent, CLAUSE_DETACH_PARTITION, from->name, take(x, &sb), false);
		else
			sb_release(&sb);
		if (!partition && parent) {
			/* a detached partition keeps its parent's columns as its own */
			Table *shaped = ARENA_NEW(x->a, Table);
			*shaped = *from;
			shaped->columns = parent->columns;
			tp->from = shaped;
			diff_columns(x, tp, &cols, &late);
			tp->from = from;
		}
	} else if (!partition) {
		diff_columns(x, tp, &cols, &late);
	}

	/* indexes and key constraints: partners by name, by @renamed, then by the same definition
	 * under another name (a renamed table keeps its old implicit names) */
	{
		int nf = from->indexes.n, nt = to->indexes.n;
		const Index **partner = arena_alloc(x->a, sizeof *partner * (size_t)(nf + 1));
		bool *taken = arena_alloc(x->a, (size_t)nt + 1);
		memset(partner, 0, sizeof *partner * (size_t)(nf + 1));
		memset(taken, 0, (size_t)nt + 1);
		for (int pass = 0; pass < 3; pass++)
			for (int i = 0; i < nf; i++) {
				const Index *o = from->indexes.v[i];
				if (partner[i])
					continue;
				for (int j = 0; j < nt && !partner[i]; j++) {
					const Index *n = to->indexes.v[j];
					bool m = pass == 0 ? str_eq(n->name, o->name)
					       : pass == 1 ? str_eq(n->renamed_from, o->name) && !find_index(&from->indexes, n->name)
							   : !find_index(&from->indexes, n->name) && !find_index(&to->indexes, o->name) &&
								 o->is_constraint == n->is_constraint && index_same_mapped(x, tp, o, n);
					if (m && !taken[j]) {
						partner[i] = n;
						taken[j] = true;
					}
				}
			}
		for (int i = 0; i < nf; i++) {
			const Index *o = from->indexes.v[i], *n = partner[i];
			bool same = n && index_same_mapped(x, tp, o, n) && !index_uses(o, &tp->rebuilt_cols) && o->is_constraint == n->is_constraint;
			if (same && !str_eq(o->name, n->name)) {
				if (o->is_constraint)
					change_add(x, PH_RENAME, CHANGE_ALTER_TABLE, to->name, to->name,
						   arena_printf(x->a, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s", qn(x, to->schema, to->name),
								qi(x, o->name), qi(x, n->name)),
						   false);
				else
					change_add(x, PH_RENAME, CHANGE_RENAME_INDEX, to->name, n->name,
						   arena_printf(x->a, "ALTER INDEX %s RENAME TO %s", qn(x, from->schema, o->name), qi(x, n->name)), false);
				continue;
			}
			if (same)
				continue;
			/* drops of what goes with a dropped column are still written (the column drop comes later) */
			if (o->is_constraint)
				clause_add(x, &drops, o->kind == INDEX_PRIMARY ? CLAUSE_DROP_PRIMARY_KEY : CLAUSE_DROP_CONSTRAINT, o->name, NULL,
					   drop_constraint_sql(x, o->name), !n);
			else if (!index_uses(o, &tp->rebuilt_cols) || n)
				change_add(x, PH_DROP_INDEX, CHANGE_DROP_INDEX, to->name, o->name,
					   arena_printf(x->a, "DROP INDEX %s%s", from->partition_of ? "IF EXISTS " : "", qn(x, from->schema, o->name)),
					   !n);
		}
		for (int j = 0; j < nt; j++) {
			const Index *n = to->indexes.v[j], *o = NULL;
			for (int i = 0; i < nf && !o; i++)
				if (partner[i] == n)
					o = from->indexes.v[i];
			if (o && index_same_mapped(x, tp, o, n) && !index_uses(o, &tp->rebuilt_cols) && o->is_constraint == n->is_constraint)
				continue;
			if (n->is_constraint) {
				StrBuf sb;
				sb_init(&sb);
				sb_adds(&sb, "ADD ");
				pg_print_key_constraint(&sb, n);
				clause_add(x, &adds, n->kind == INDEX_PRIMARY ? CLAUSE_ADD_PRIMARY_KEY : CLAUSE_ADD_CONSTRAINT, n->name, NULL,
					   take(x, &sb), false);
			} else {
				change_add(x, PH_INDEX, CHANGE_CREATE_INDEX, to->name, n->name, create_index_sql(x, to->schema, to->name, n), false);
			}
		}
	}
	/* checks (a partition's check named like its parent's is the parent's: it comes and goes
	 * with it) */
	const Table *fparent = from->partition_of ? find_table_ref(x->from, from->partition_of) : NULL;
	const Table *tparent = to->partition_of ? find_table_ref(x->to, to->partition_of) : NULL;
	for (int i = 0; i < from->checks.n; i++) {
		const Check *o = from->checks.v[i], *n = find_check(to, o->name);
		bool uses_rebuilt = false;
		if (fparent && find_check(fparent, o->name))
			continue;
		for (int k = 0; k < tp->rebuilt_cols.n; k++)
			uses_rebuilt |= mentions(o->expr, tp->rebuilt_cols.v[k]);
		if (n && check_same(o, n) && !uses_rebuilt)
			continue;
		if (n && o->not_valid && !n->not_valid) {
			Check t2 = *o;
			t2.not_valid = false;
			if (check_same(&t2, n) && !uses_rebuilt) {
				clause_add(x, &late, CLAUSE_VALIDATE_CONSTRAINT, n->name, NULL,
					   arena_printf(x->a, "VALIDATE CONSTRAINT %s", qi(x, n->name)), false);
				continue;
			}
		}
		/* a partition's own check on a column its parent drops goes with that column first */
		clause_add(x, &drops, CLAUSE_DROP_CHECK, o->name, NULL,
			   from->partition_of ? arena_printf(x->a, "DROP CONSTRAINT IF EXISTS %s", qi(x, o->name)) : drop_constraint_sql(x, o->name),
			   !n);
	}
	for (int i = 0; i < to->checks.n; i++) {
		const Check *n = to->checks.v[i], *o = find_check(from, n->name);
		bool uses_rebuilt = false;
		if (tparent && find_check(tparent, n->name))
			continue;
		for (int k = 0; k < tp->rebuilt_cols.n; k++)
			uses_rebuilt |= mentions(n->expr, tp->rebuilt_cols.v[k]);
		if (o && (check_same(o, n) || (o->not_valid && !n->not_valid)) && !uses_rebuilt) {
			Check t2 = *o;
			t2.not_valid = false;
			if (check_same(o, n) || check_same(&t2, n))
				continue;
		}
		clause_add(x, &adds, CLAUSE_ADD_CHECK, n->name, NULL, arena_printf(x->a, "ADD %s", check_def(x, n)), false);
	}
	/* foreign keys of this table */
	for (int i = 0; i < from->fks.n; i++) {
		const ForeignKey *o = from->fks.v[i], *n = find_fk(to, o->name);
		if (n && fk_same(o, n) && !has(&x->fk_forced, fk_key(x, from, o))) {
			if (o->not_valid && !n->not_valid)
				clause_add(x, &late, CLAUSE_VALIDATE_CONSTRAINT, n->name, NULL,
					   arena_printf(x->a, "VALIDATE CONSTRAINT %s", qi(x, n->name)), false);
			continue;
		}
		if (has(&x->fk_forced, fk_key(x, from, o)))
			continue; /* dropped already with the key it points at */
		alter1(x, PH_DROP_FK, from, CLAUSE_DROP_FOREIGN_KEY, o->name, drop_constraint_sql(x, o->name), !n);
	}
	for (int i = 0; i < to->fks.n; i++) {
		const ForeignKey *n = to->fks.v[i], *o = find_fk(from, n->name);
		if (o && fk_same(o, n) && !has(&x->fk_forced, fk_key(x, from, o)))
			continue;
		alter1(x, PH_ADD_FK, to, CLAUSE_ADD_FOREIGN_KEY, n->name, arena_printf(x->a, "ADD %s", fk_def(x, n)), false);
	}
	/* table-level */
	if (from->unlogged != to->unlogged)
		clause_add(x, &misc, CLAUSE_SET_LOGGED, to->name, NULL, to->unlogged ? "SET UNLOGGED" : "SET LOGGED", false);
	with_options_clauses(x, from, to, &misc);
	if (!strs_eq(&from->inherits, &to->inherits)) {
		for (int i = 0; i < from->inherits.n; i++)
			if (!has(&to->inherits, from->inherits.v[i])) {
				const Table *parent = find_table_ref(x->from, from->inherits.v[i]);
				StrBuf sb;
				sb_init(&sb);
				sb_adds(&sb, "NO INHERIT ");
				pg_print_qref(&sb, from->inherits.v[i]);
				clause_add(x, &misc, CLAUSE_NO_INHERIT, from->inherits.v[i], NULL, take(x, &sb), false);
				/* the inherited columns stay as the table's own: drop those not desired */
				for (int k = 0; parent && k < parent->columns.n; k++) {
					const char *cn = parent->columns.v[k]->name;
					bool other = false;
					for (int m = 0; m < to->inherits.n && !other; m++) {
						const Table *op = find_table_ref(x->to, to->inherits.v[m]);
						other = op && find_col(op, cn);
					}
					if (!find_col(to, cn) && !other)
						clause_add(x, &misc, CLAUSE_DROP_COLUMN, cn, NULL, arena_printf(x->a, "DROP COLUMN %s", qi(x, cn)), true);
				}
			}
		for (int i = 0; i < to->inherits.n; i++)
			if (!has(&from->inherits, to->inherits.v[i])) {
				StrBuf sb;
				sb_init(&sb);
				sb_adds(&sb, "INHERIT ");
				pg_print_qref(&sb, to->inherits.v[i]);
				clause_add(x, &misc, CLAUSE_INHERIT, to->inherits.v[i], NULL, take(x, &sb), false);
			}
	}
	{
		AlterClauseList all = {0};
		for (int i = 0; i < drops.n; i++)
			LIST_PUSH(x->a, &all, drops.v[i]);
		for (int i = 0; i < cols.n; i++)
			LIST_PUSH(x->a, &all, cols.v[i]);
		for (int i = 0; i < late.n; i++)
			LIST_PUSH(x->a, &all, late.v[i]);
		for (int i = 0; i < adds.n; i++)
			LIST_PUSH(x->a, &all, adds.v[i]);
		for (int i = 0; i < misc.n; i++)
			LIST_PUSH(x->a, &all, misc.v[i]);
		if (all.n)
			emit_alter(x, PH_ALTER_TABLE, to, &all);
	}
	/* partition bound / parent */
	if (moves) {
		if (to->partition_of) {
			const Table *parent = find_table_ref(x->to, to->partition_of);
			StrBuf sb;
			const Table *was = from->partition_of ? find_table_ref(x->from, from->partition_of) : from;
			if (was && parent) {
				/* a table of its own (or detached) becomes a partition: it needs exactly the
				 * parent's columns */
				AlterClauseList pc = {0};
				for (int k = 0; k < parent->columns.n; k++)
					if (!find_col(was, parent->columns.v[k]->name)) {
						sb_init(&sb);
						sb_adds(&sb, "ADD COLUMN ");
						pg_print_column(&sb, parent->columns.v[k]);
						clause_add(x, &pc, CLAUSE_ADD_COLUMN, parent->columns.v[k]->name, NULL, take(x, &sb), false);
					}
				for (int k = 0; k < was->columns.n; k++)
					if (!find_col(parent, was->columns.v[k]->name))
						clause_add(x, &pc, CLAUSE_DROP_COLUMN, was->columns.v[k]->name, NULL,
							   arena_printf(x->a, "DROP COLUMN %s", qi(x, was->columns.v[k]->name)), true);
				if (pc.n)
					emit_alter(x, PH_ATTACH, to, &pc);
			}
			sb_init(&sb);
			sb_adds(&sb, "ATTACH PARTITION ");
			qname(&sb, to->schema, to->name);
			sb_addf(&sb, " %s", to->partition_bound ? to->partition_bound : "DEFAULT");
			if (parent)
				alter1(x, PH_ATTACH, parent, CLAUSE_ATTACH_PARTITION, to->name, take(x, &sb), false);
			else
				sb_release(&sb);
		}
	}
	{
		AlterClauseList rls = {0};
		rls_clauses(x, from, to, &rls);
		if (rls.n)
			emit_alter(x, PH_POLICY, to, &rls);
	}
	table_comments(x, from, to);
}

static void drop_table(Ctx *x, const Table *o)
{
	change_add(x, PH_DROP_TABLE, CHANGE_DROP_TABLE, o->name, o->name, arena_printf(x->a, "DROP TABLE %s", qn(x, o->schema, o->name)),
		   true);
}

/* Does the plan create the index (on a table of that name)? */
static bool plan_creates_index(Ctx *x, const char *table, const char *name)
{
	const ChangeList *l = &x->ph[PH_INDEX];
	for (int i = 0; i < l->n; i++)
		if (l->v[i]->kind == CHANGE_CREATE_INDEX && str_eq(l->v[i]->table, table) && str_eq(l->v[i]->object, name))
			return true;
	return false;
}

/* The partition's own index attached to the parent's index parent (NULL: none known). */
static const char *attached_child(const Table *t, const char *parent)
{
	for (int k = 0; t && k + 1 < t->attached_indexes.n; k += 2)
		if (str_eq(t->attached_indexes.v[k], parent))
			return t->attached_indexes.v[k + 1];
	return NULL;
}

/* The names of a partition's indexes attached to its parent's partitioned indexes, where the
 * desired side gives them (ALTER INDEX parent ATTACH PARTITION child); those it leaves out are
 * the server's to name. A parent index the plan creates attaches an equal index it finds on a
 * partition: the partition's index is created first under the desired name (PH_PART_INDEX,
 * before PH_INDEX). One that exists under another name is renamed. Limit: a new partition of
 * a table whose index exists gets that index's copy under the server's name. */
static void diff_attached_indexes(Ctx *x)
{
	for (int i = 0; i < x->pairs.n; i++) {
		const TPair *tp = x->pairs.v[i];
		const Table *t = tp->to, *from = tp->recreate ? NULL : tp->from;
		const Table *parent = t->partition_of ? find_table_ref(x->to, t->partition_of) : NULL;
		for (int k = 0; parent && k + 1 < t->attached_indexes.n; k += 2) {
			const char *pname = t->attached_indexes.v[k], *name = t->attached_indexes.v[k + 1];
			const Index *pix = find_index(&parent->indexes, pname);
			const char *cur = attached_child(from, pname);
			if (!pix)
				continue;
			if (!pix->is_constraint && plan_creates_index(x, parent->name, pname)) {
				Index *own = ARENA_NEW(x->a, Index);
				*own = *pix;
				own->name = name;
				change_add(x, PH_PART_INDEX, CHANGE_CREATE_INDEX, t->name, name, create_index_sql(x, t->schema, t->name, own), false);
			} else if (cur && !str_eq(cur, name)) {
				change_add(x, PH_RENAME, CHANGE_RENAME_INDEX, t->name, name,
					   arena_printf(x->a, "ALTER INDEX %s RENAME TO %s", qn(x, t->schema, cur), qi(x, name)), false);
			}
		}
	}
}

static void diff_tables(Ctx *x)
{
	int maxrank = 0;
	/* pair desired tables with current ones */
	for (int i = 0; i < x->to->tables.n; i++) {
		const Table *t = x->to->tables.v[i], *o = find_table(x->from, t->schema, t->name);
		TPair *tp = ARENA_NEW(x->a, TPair);
		if (!o && t->renamed_from && (o = find_table(x->from, t->schema, t->renamed_from)) && !find_table(x->to, t->schema, t->renamed_from)) {
			change_add(x, PH_RENAME, CHANGE_RENAME_TABLE, t->name, o->name,
				   arena_printf(x->a, "ALTER TABLE %s RENAME TO %s", qn(x, o->schema, o->name), qi(x, t->name)), false);
		}
		tp->from = o;
		tp->to = t;
		if (o && !str_eq(o->partition_by, t->partition_by))
			tp->recreate = true;
		LIST_PUSH(x->a, &x->pairs, tp);
	}
	/* keys that change: foreign keys elsewhere pointing at them are dropped first and added again */
	for (int i = 0; i < x->pairs.n; i++) {
		TPair *tp = x->pairs.v[i];
		StrList keys = {0};
		if (!tp->from)
			continue;
		key_changes(x, tp->from, tp->to, tp->recreate, &keys);
		if (!keys.n)
			continue;
		for (int k = 0; k < x->from->tables.n; k++) {
			const Table *ft = x->from->tables.v[k];
			TPair *fp = pair_of_from(x, ft);
			for (int j = 0; j < ft->fks.n; j++) {
				const ForeignKey *fk = ft->fks.v[j];
				if (!fk_points_at(fk, tp->from, &keys) || has(&x->fk_forced, fk_key(x, ft, fk)))
					continue;
				add_once(x, &x->fk_forced, fk_key(x, ft, fk));
				alter1(x, PH_DROP_FK, ft, CLAUSE_DROP_FOREIGN_KEY, fk->name, drop_constraint_sql(x, fk->name),
				       !fp || !find_fk(fp->to, fk->name));
			}
		}
	}
	/* creates in rank order (parents first) */
	for (int i = 0; i < x->to->tables.n; i++) {
		int r = table_rank(x->to, x->to->tables.v[i], 0);
		if (r > maxrank)
			maxrank = r;
	}
	for (int rank = 0; rank <= maxrank; rank++)
		for (int i = 0; i < x->pairs.n; i++) {
			TPair *tp = x->pairs.v[i];
			if (table_rank(x->to, tp->to, 0) != rank)
				continue;
			if (!tp->from || tp->recreate)
				create_table(x, tp->to);
		}
	for (int i = 0; i < x->pairs.n; i++) {
		TPair *tp = x->pairs.v[i];
		if (tp->from && !tp->recreate)
			alter_table(x, tp);
	}
	/* drops: children before parents; foreign keys between dropped tables first */
	maxrank = 0;
	for (int i = 0; i < x->from->tables.n; i++) {
		int r = table_rank(x->from, x->from->tables.v[i], 0);
		if (r > maxrank)
			maxrank = r;
	}
	for (int i = 0; i < x->from->tables.n; i++) {
		const Table *o = x->from->tables.v[i];
		TPair *tp = pair_of_from(x, o);
		if (tp && !tp->recreate)
			continue;
		for (int j = 0; j < o->fks.n; j++)
			if (!has(&x->fk_forced, fk_key(x, o, o->fks.v[j])))
				alter1(x, PH_DROP_FK, o, CLAUSE_DROP_FOREIGN_KEY, o->fks.v[j]->name, drop_constraint_sql(x, o->fks.v[j]->name), true);
	}
	for (int rank = maxrank; rank >= 0; rank--)
		for (int i = 0; i < x->from->tables.n; i++) {
			const Table *o = x->from->tables.v[i];
			TPair *tp = pair_of_from(x, o);
			if (table_rank(x->from, o, 0) != rank || (tp && !tp->recreate))
				continue;
			drop_table(x, o);
		}
	diff_attached_indexes(x);
}

/* ---- views ---- */

/* The output column names of a canonical SELECT (NULL: cannot tell). */
static bool view_columns(Ctx *x, const View *v, StrList *names, StrList *items)
{
	const char *d = v->definition, *p, *start;
	int depth = 0;
	char q = 0;
	if (v->columns.n) {
		*names = v->columns;
	}
	if (!d || !str_has_prefix(d, "SELECT "))
		return false;
	p = d + 7;
	if (str_has_prefix(p, "DISTINCT "))
		return false;
	start = p;
	for (;; p++) {
		bool end = !*p || (depth == 0 && !q && str_has_prefix(p, " FROM "));
		if (q) {
			if (*p == q)
				q = 0;
			if (*p)
				continue;
		}
		if (!end && (*p == '\'' || *p == '"')) {
			q = *p;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if (end || (depth == 0 && *p == ',')) {
			const char *item = arena_strndup(x->a, start, (size_t)(p - start));
			const char *as = NULL, *nm;
			for (const char *s = strstr(item, " AS "); s; s = strstr(s + 1, " AS "))
				as = s;
			if (as)
				nm = as + 4;
			else {
				const char *dot = strrchr(item, '.');
				nm = dot ? dot + 1 : item;
				for (const char *c = nm; *c; c++)
					if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '"'))
						return false;
			}
			LIST_PUSH(x->a, items, item);
			if (!v->columns.n)
				LIST_PUSH(x->a, names, nm);
			if (end)
				break;
			start = p + 1;
			while (*start == ' ')
				start++;
		}
		if (!*p)
			break;
	}
	return true;
}

/* CREATE OR REPLACE VIEW can: same kind, only new columns at the end, the old ones the same
 * expressions under the same names, same check option. */
static bool view_replaceable(Ctx *x, const View *o, const View *n)
{
	StrList on = {0}, oi = {0}, nn = {0}, ni = {0};
	if (o->materialized || n->materialized)
		return false;
	if (!view_columns(x, o, &on, &oi) || !view_columns(x, n, &nn, &ni) || on.n > nn.n || oi.n > ni.n)
		return false;
	for (int i = 0; i < on.n; i++)
		if (!str_eq(on.v[i], nn.v[i]))
			return false;
	for (int i = 0; i < oi.n; i++)
		if (!str_eq(oi.v[i], ni.v[i]))
			return false;
	return true;
}

static const char *create_view_sql(Ctx *x, const View *v, bool replace)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "CREATE %s%sVIEW ", replace ? "OR REPLACE " : "", v->materialized ? "MATERIALIZED " : "");
	qname(&sb, v->schema, v->name);
	if (v->columns.n) {
		sb_adds(&sb, " (");
		ident_list(&sb, &v->columns);
		sb_addc(&sb, ')');
	}
	if (v->with_options)
		sb_addf(&sb, " WITH (%s)", v->with_options);
	sb_addf(&sb, " AS %s", v->source ? v->source : v->definition);
	if (v->check_option)
		sb_addf(&sb, " WITH %s CHECK OPTION", v->check_option);
	return take(x, &sb);
}

static bool view_reads(const View *v, const char *schema, const char *name)
{
	(void)schema;
	return mentions(v->definition, name);
}

static void diff_views(Ctx *x)
{
	int nv = x->to->views.n, nf = x->from->views.n;
	bool *from_drop = calloc((size_t)nf + 1, 1), *to_make = calloc((size_t)nv + 1, 1), *to_replace = calloc((size_t)nv + 1, 1);
	bool *done = calloc((size_t)nv + 1, 1), *fdone = calloc((size_t)nf + 1, 1);
	if (!from_drop || !to_make || !to_replace || !done || !fdone)
		xoom();
	/* 1. what changes by itself */
	for (int i = 0; i < nf; i++) {
		const View *o = x->from->views.v[i], *n = find_view(x->to, o->schema, o->name);
		EqCtx eq;
		View tn;
		eqctx_init(&eq, DIALECT_POSTGRES);
		if (!n) {
			from_drop[i] = true;
			continue;
		}
		tn = *n;
		tn.comment = o->comment;
		tn.indexes = o->indexes;
		if (View_equal(o, &tn, &eq))
			continue;
		int j = 0;
		while (x->to->views.v[j] != n)
			j++;
		if (view_replaceable(x, o, n)) {
			to_replace[j] = true;
		} else {
			from_drop[i] = true;
			to_make[j] = true;
		}
	}
	/* tables whose columns go or change type, or that are recreated, take the views reading them */
	for (int i = 0; i < nf; i++) {
		const View *o = x->from->views.v[i];
		for (int k = 0; k < x->pairs.n && !from_drop[i]; k++) {
			TPair *tp = x->pairs.v[k];
			if (tp->from && (tp->retyped || tp->dropped_cols.n || tp->recreate) && view_reads(o, tp->from->schema, tp->from->name))
				from_drop[i] = true;
		}
		for (int k = 0; k < x->from->tables.n && !from_drop[i]; k++)
			if (!pair_of_from(x, x->from->tables.v[k]) && view_reads(o, x->from->tables.v[k]->schema, x->from->tables.v[k]->name))
				from_drop[i] = true;
	}
	/* 2. views that read a dropped view are dropped too (to a fixed point) */
	for (bool more = true; more;) {
		more = false;
		for (int i = 0; i < nf; i++) {
			if (from_drop[i])
				continue;
			for (int k = 0; k < nf; k++)
				if (k != i && from_drop[k] && view_reads(x->from->views.v[i], x->from->views.v[k]->schema, x->from->views.v[k]->name)) {
					from_drop[i] = true;
					more = true;
					break;
				}
		}
	}
	/* every current view dropped that is still desired is created again */
	for (int i = 0; i < nf; i++) {
		const View *o = x->from->views.v[i], *n;
		if (!from_drop[i] || !(n = find_view(x->to, o->schema, o->name)))
			continue;
		for (int j = 0; j < nv; j++)
			if (x->to->views.v[j] == n) {
				to_make[j] = true;
				to_replace[j] = false;
			}
		add_once(x, &x->rebuilt_views, key2(x, o->schema, o->name));
	}
	for (int j = 0; j < nv; j++)
		if (!find_view(x->from, x->to->views.v[j]->schema, x->to->views.v[j]->name))
			to_make[j] = true;
	/* 3. drops: readers first */
	for (int left = 1; left;) {
		int progress = 0;
		left = 0;
		for (int i = 0; i < nf; i++) {
			const View *o = x->from->views.v[i];
			bool ready = true;
			if (!from_drop[i] || fdone[i])
				continue;
			left++;
			for (int k = 0; k < nf && ready; k++)
				if (k != i && from_drop[k] && !fdone[k] && view_reads(x->from->views.v[k], o->schema, o->name))
					ready = false;
			if (!ready)
				continue;
			bool kept = find_view(x->to, o->schema, o->name) != NULL;
			change_add(x, PH_DROP_VIEW, CHANGE_DROP_VIEW, NULL, o->name,
				   arena_printf(x->a, "DROP %sVIEW %s", o->materialized ? "MATERIALIZED " : "", qn(x, o->schema, o->name)), !kept);
			if (!kept)
				add_once(x, &x->gone_views, key2(x, o->schema, o->name));
			fdone[i] = true;
			progress++;
			left--;
		}
		if (!progress) {
			for (int i = 0; i < nf; i++)
				if (from_drop[i] && !fdone[i]) {
					const View *o = x->from->views.v[i];
					change_add(x, PH_DROP_VIEW, CHANGE_DROP_VIEW, NULL, o->name,
						   arena_printf(x->a, "DROP %sVIEW %s", o->materialized ? "MATERIALIZED " : "", qn(x, o->schema, o->name)),
						   !find_view(x->to, o->schema, o->name));
					fdone[i] = true;
				}
			break;
		}
	}
	/* 4. creates: what a view reads first */
	for (int left = 1; left;) {
		int progress = 0;
		left = 0;
		for (int j = 0; j < nv; j++) {
			const View *n = x->to->views.v[j], *o = find_view(x->from, n->schema, n->name);
			bool ready = true;
			if (done[j])
				continue;
			left++;
			for (int k = 0; k < nv && ready; k++)
				if (k != j && !done[k] && (to_make[k] || to_replace[k]) && view_reads(n, x->to->views.v[k]->schema, x->to->views.v[k]->name))
					ready = false;
			if (!ready)
				continue;
			done[j] = true;
			progress++;
			left--;
			if (to_make[j] || to_replace[j])
				change_add(x, PH_VIEW, to_replace[j] ? CHANGE_REPLACE_VIEW : CHANGE_CREATE_VIEW, NULL, n->name,
					   create_view_sql(x, n, to_replace[j]), false);
			bool fresh = to_make[j];
			const char *vq = qn(x, n->schema, n->name);
			/* indexes of materialized views */
			for (int k = 0; k < n->indexes.n; k++) {
				const Index *ix = n->indexes.v[k], *oi = (!fresh && o) ? find_index(&o->indexes, ix->name) : NULL;
				if (oi && index_same(oi, ix))
					continue;
				if (oi)
					change_add(x, PH_DROP_INDEX, CHANGE_DROP_INDEX, n->name, oi->name,
						   arena_printf(x->a, "DROP INDEX %s", qn(x, n->schema, oi->name)), false);
				change_add(x, PH_VIEW, CHANGE_CREATE_INDEX, n->name, ix->name, create_index_sql(x, n->schema, n->name, ix), false);
			}
			if (!fresh && o)
				for (int k = 0; k < o->indexes.n; k++)
					if (!find_index(&n->indexes, o->indexes.v[k]->name))
						change_add(x, PH_DROP_INDEX, CHANGE_DROP_INDEX, n->name, o->indexes.v[k]->name,
							   arena_printf(x->a, "DROP INDEX %s", qn(x, n->schema, o->indexes.v[k]->name)), true);
			comment_diff(x, n->materialized ? "MATERIALIZED VIEW" : "VIEW", vq, fresh || !o ? NULL : o->comment, n->comment, NULL);
			for (int k = 0; k < n->indexes.n; k++) {
				const Index *ix = n->indexes.v[k], *oi = (!fresh && o) ? find_index(&o->indexes, ix->name) : NULL;
				comment_diff(x, "INDEX", qn(x, n->schema, ix->name), oi ? oi->comment : NULL, ix->comment, n->name);
			}
		}
		if (!progress) {
			for (int j = 0; j < nv; j++)
				if (!done[j] && (to_make[j] || to_replace[j])) {
					const View *n = x->to->views.v[j];
					change_add(x, PH_VIEW, to_replace[j] ? CHANGE_REPLACE_VIEW : CHANGE_CREATE_VIEW, NULL, n->name,
						   create_view_sql(x, n, to_replace[j]), false);
					comment_diff(x, n->materialized ? "MATERIALIZED VIEW" : "VIEW", qn(x, n->schema, n->name), NULL, n->comment, NULL);
				}
			break;
		}
	}
	free(from_drop);
	free(to_make);
	free(to_replace);
	free(done);
	free(fdone);
}

/* ---- triggers and policies ---- */

static const Trigger *find_trigger(const Schema *s, const Trigger *t)
{
	for (int i = 0; i < s->triggers.n; i++) {
		const Trigger *o = s->triggers.v[i];
		if (str_eq(S(o->schema), S(t->schema)) && str_eq(o->table, t->table) && str_eq(o->name, t->name))
			return o;
	}
	return NULL;
}

static const char *create_trigger_sql(Ctx *x, const Trigger *tg)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "CREATE %sTRIGGER ", tg->constraint_trigger ? "CONSTRAINT " : "");
	sb_add_pg_ident(&sb, tg->name);
	sb_addf(&sb, " %s %s ON ", tg->timing, tg->events);
	qname(&sb, tg->schema, tg->table);
	if (tg->deferral)
		sb_addf(&sb, " %s", tg->deferral);
	if (tg->referencing)
		sb_addf(&sb, " REFERENCING %s", tg->referencing);
	sb_addf(&sb, " FOR EACH %s", tg->for_each_row ? "ROW" : "STATEMENT");
	if (tg->when_expr)
		sb_addf(&sb, " WHEN (%s)", tg->when_expr);
	sb_addf(&sb, " %s", tg->body);
	return take(x, &sb);
}

/* Does the trigger's table go away or get created again with its triggers? */
static bool trigger_table_rebuilt(Ctx *x, const Trigger *o)
{
	const Table *ft = find_table(x->from, o->schema, o->table);
	if (ft) {
		TPair *tp = pair_of_from(x, ft);
		return !tp || tp->recreate;
	}
	return has(&x->rebuilt_views, key2(x, o->schema, o->table)) || has(&x->gone_views, key2(x, o->schema, o->table));
}

static bool trigger_uses_rebuilt_routine(Ctx *x, const Trigger *tg)
{
	for (int i = 0; i < x->routines_rebuilt.n; i++) {
		const char *k = x->routines_rebuilt.v[i], *dot = strchr(k, '.');
		if (dot && mentions(tg->body, dot + 1))
			return true;
	}
	return false;
}

static void diff_triggers(Ctx *x)
{
	for (int i = 0; i < x->from->triggers.n; i++) {
		const Trigger *o = x->from->triggers.v[i], *n = find_trigger(x->to, o);
		EqCtx eq;
		Trigger tn;
		eqctx_init(&eq, DIALECT_POSTGRES);
		if (trigger_table_rebuilt(x, o))
			continue; /* goes with its table or view */
		if (n) {
			tn = *n;
			tn.comment = o->comment;
			tn.firing = o->firing; /* changed in place (ALTER TABLE ... TRIGGER) */
			if (Trigger_equal(o, &tn, &eq) && !trigger_uses_rebuilt_routine(x, o))
				continue;
		}
		change_add(x, PH_DROP_TRIGGER, CHANGE_DROP_TRIGGER, o->table, o->name,
			   arena_printf(x->a, "DROP TRIGGER %s ON %s", qi(x, o->name), qn(x, o->schema, o->table)), !n);
		add_once(x, &x->triggers_dropped, key3(x, o->schema, o->table, o->name));
	}
	for (int i = 0; i < x->to->triggers.n; i++) {
		const Trigger *n = x->to->triggers.v[i], *o = find_trigger(x->from, n);
		bool fresh = !o || trigger_table_rebuilt(x, o) || has(&x->triggers_dropped, key3(x, o->schema, o->table, o->name));
		if (fresh)
			change_add(x, PH_CREATE_TRIGGER, CHANGE_CREATE_TRIGGER, n->table, n->name, create_trigger_sql(x, n), false);
		/* the firing mode: after creating the trigger, or changed on its own */
		if (fresh ? n->firing != NULL : !str_eq(o->firing, n->firing))
			change_add(x, PH_CREATE_TRIGGER, CHANGE_CREATE_TRIGGER, n->table, n->name,
				   arena_printf(x->a, "ALTER TABLE %s %s TRIGGER %s", qn(x, n->schema, n->table),
						n->firing ? n->firing : "ENABLE", qi(x, n->name)), false);
		comment_diff(x, "TRIGGER", arena_printf(x->a, "%s ON %s", qi(x, n->name), qn(x, n->schema, n->table)), fresh ? NULL : o->comment,
			     n->comment, n->table);
	}
}

static const Policy *find_policy(const Schema *s, const Policy *p)
{
	for (int i = 0; i < s->policies.n; i++) {
		const Policy *o = s->policies.v[i];
		if (str_eq(S(o->schema), S(p->schema)) && str_eq(o->table, p->table) && str_eq(o->name, p->name))
			return o;
	}
	return NULL;
}

static const char *create_policy_sql(Ctx *x, const Policy *p)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, "CREATE POLICY ");
	sb_add_pg_ident(&sb, p->name);
	sb_addf(&sb, " ON %s AS %s FOR %s TO ", qn(x, p->schema, p->table), p->restrictive ? "RESTRICTIVE" : "PERMISSIVE",
		p->command ? p->command : "ALL");
	if (!p->roles.n)
		sb_adds(&sb, "PUBLIC");
	for (int j = 0; j < p->roles.n; j++) {
		if (j)
			sb_adds(&sb, ", ");
		if (str_eq(p->roles.v[j], "public"))
			sb_adds(&sb, "PUBLIC");
		else if (str_eq(p->roles.v[j], "CURRENT_USER") || str_eq(p->roles.v[j], "SESSION_USER"))
			sb_adds(&sb, p->roles.v[j]);
		else
			sb_add_pg_ident(&sb, p->roles.v[j]);
	}
	if (p->using_expr)
		sb_addf(&sb, " USING (%s)", p->using_expr);
	if (p->check_expr)
		sb_addf(&sb, " WITH CHECK (%s)", p->check_expr);
	return take(x, &sb);
}

static void diff_policies(Ctx *x)
{
	for (int i = 0; i < x->from->policies.n; i++) {
		const Policy *o = x->from->policies.v[i], *n = find_policy(x->to, o);
		EqCtx eq;
		const Table *ft = find_table(x->from, o->schema, o->table);
		TPair *tp = ft ? pair_of_from(x, ft) : NULL;
		eqctx_init(&eq, DIALECT_POSTGRES);
		if (ft && (!tp || tp->recreate))
			continue; /* goes with its table */
		if (n && Policy_equal(o, n, &eq))
			continue;
		change_add(x, PH_DROP_POLICY, CHANGE_DROP_POLICY, o->table, o->name,
			   arena_printf(x->a, "DROP POLICY %s ON %s", qi(x, o->name), qn(x, o->schema, o->table)), !n);
	}
	for (int i = 0; i < x->to->policies.n; i++) {
		const Policy *n = x->to->policies.v[i], *o = find_policy(x->from, n);
		EqCtx eq;
		const Table *ft = o ? find_table(x->from, o->schema, o->table) : NULL;
		TPair *tp = ft ? pair_of_from(x, ft) : NULL;
		eqctx_init(&eq, DIALECT_POSTGRES);
		if (o && Policy_equal(o, n, &eq) && !(ft && (!tp || tp->recreate)))
			continue;
		change_add(x, PH_POLICY, CHANGE_CREATE_POLICY, n->table, n->name, create_policy_sql(x, n), false);
	}
}

/* ---- entry ---- */

Plan *pg_diff_schemas(Arena *a, const Schema *from, const Schema *to, const ServerInfo *si, const DiffOptions *opt)
{
	Ctx x;
	DiffOptions none = {0};
	Plan *p = ARENA_NEW(a, Plan);
	(void)si;
	memset(&x, 0, sizeof x);
	x.a = a;
	x.from = from;
	x.to = to;
	x.opt = opt ? opt : &none;
	diff_namespaces(&x);
	diff_extensions(&x);
	diff_types(&x);
	diff_routines(&x);
	diff_tables(&x);      /* pairs first: sequences and views look at them */
	diff_sequences(&x);
	diff_views(&x);
	diff_triggers(&x);
	diff_policies(&x);
	for (int ph = 0; ph < PH_COUNT; ph++)
		for (int i = 0; i < x.ph[ph].n; i++) {
			Change *c = x.ph[ph].v[i];
			LIST_PUSH(a, c->destructive && !x.opt->allow_drop ? &p->skipped : &p->changes, c);
		}
	p->notes = x.notes;
	return p;
}
