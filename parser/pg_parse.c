/*
 * pg_parse.c: the PostgreSQL front end. libpg_query parses the text (its protobuf tree,
 * unpacked into the run's arena), and each statement becomes model objects the way the server
 * would store it: serial becomes integer + an owned sequence + nextval() default, unnamed
 * constraints and indexes get the server's implicit names, types get format_type() spelling,
 * expressions get the canonical text of pg_canon.c. The same code reads the DDL the catalogue
 * reader assembles from pg_catalog, which is what makes the two models comparable.
 *
 * It never talks to a server and never keeps libpg_query's buffers past one call.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "parser/frontend.h"
#include "parser/pg_tree.h"

/* The buffer's text copied into the arena; the buffer is released (and can be reused). */
static char *sb_take(StrBuf *sb, Arena *a)
{
	char *p = sb_to_arena(sb, a);
	sb_release(sb);
	return p;
}

typedef struct P {
	Arena *a;
	Diag *d;
	int file;
	const char *text;   /* the blanked copy libpg_query sees */
	Schema *s;
	ParseStats *st;
	const char *cur_schema;  /* where unqualified names go (search_path) */
	bool warned_owner, warned_data, warned_grant;
	bool warned_trigmode, warned_select;
	bool ignored;       /* the current statement was skipped (counted apart in ParseStats) */
	int data_count;
	size_t base;        /* byte offset of the piece being parsed: its locations count from here */
	const Table *expr_table;  /* the table whose expressions are being read (NULL: none) */
	const char *piece;  /* the text of the piece parse_piece parsed last (NUL-terminated) */
	Table **table_ht;   /* find_table's open-addressing index of s->tables */
	int table_ht_cap;   /* a power of two, at least twice the tables indexed */
	int table_ht_n;     /* s->tables.v[0 .. table_ht_n) are in the index */
	const PgPieceColumns *pending_cols;  /* the columns of the piece's CREATE TABLE (catalogue) */
	PgColumnMemo *col_memo;             /* their spellings, built once (with pending_cols) */
} P;

/* A location from libpg_query: a byte offset into the piece being parsed (see pg_parse), -1
 * for none (the piece's start, then). */
static SrcLoc loc_at(P *p, int off)
{
	SrcLoc l = {p->file, (uint32_t)p->base + (off > 0 ? (uint32_t)off : 0), 0};
	return l;
}

static const char *rv_schema(P *p, const PgQuery__RangeVar *rv)
{
	return rv && rv->schemaname && *rv->schemaname ? arena_strdup(p->a, rv->schemaname) : p->cur_schema;
}

static uint32_t table_key_hash(const char *schema, const char *name)
{
	uint32_t h = 2166136261u;
	for (const char *c = schema ? schema : ""; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	h = (h ^ 0xffu) * 16777619u;
	for (const char *c = name ? name : ""; *c; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	return h;
}

static void table_ht_put(P *p, Table *t)
{
	uint32_t m = (uint32_t)p->table_ht_cap - 1, i = table_key_hash(t->schema, t->name) & m;
	while (p->table_ht[i])
		i = (i + 1) & m;
	p->table_ht[i] = t;
}

/*
 * Tables by schema and name through a hash index, so that a file (or a catalogue) of thousands
 * of tables is not quadratic. The index follows s->tables, which the parser only appends to
 * and never renames in: the tables added since the last lookup are indexed first. The first
 * table of a name wins, as in a scan of the list.
 */
static Table *find_table(P *p, const char *schema, const char *name)
{
	const TableList *l = &p->s->tables;
	uint32_t m, i;

	if (l->n * 2 >= p->table_ht_cap) {
		int cap = 64;
		while (cap < l->n * 4)
			cap *= 2;
		p->table_ht = arena_alloc(p->a, (size_t)cap * sizeof *p->table_ht);
		p->table_ht_cap = cap;
		p->table_ht_n = 0;
	}
	for (; p->table_ht_n < l->n; p->table_ht_n++)
		table_ht_put(p, l->v[p->table_ht_n]);
	m = (uint32_t)p->table_ht_cap - 1;
	for (i = table_key_hash(schema, name) & m; p->table_ht[i]; i = (i + 1) & m) {
		Table *t = p->table_ht[i];
		if (str_eq(t->name, name) && str_eq(t->schema, schema))
			return t;
	}
	return NULL;
}

static View *find_view(P *p, const char *schema, const char *name)
{
	for (int i = 0; i < p->s->views.n; i++) {
		View *v = p->s->views.v[i];
		if (str_eq(v->name, name) && str_eq(v->schema, schema))
			return v;
	}
	return NULL;
}

static Sequence *find_sequence(P *p, const char *schema, const char *name)
{
	for (int i = 0; i < p->s->sequences.n; i++) {
		Sequence *q = p->s->sequences.v[i];
		if (str_eq(q->name, name) && str_eq(q->schema, schema))
			return q;
	}
	return NULL;
}

static TypeDef *find_type(P *p, const char *schema, const char *name)
{
	for (int i = 0; i < p->s->types.n; i++) {
		TypeDef *t = p->s->types.v[i];
		if (str_eq(t->name, name) && str_eq(t->schema, schema))
			return t;
	}
	return NULL;
}

/* Is a relation-level name (table, index, sequence, view) taken in schema? */
static bool relname_taken(P *p, const char *schema, const char *name)
{
	if (find_table(p, schema, name) || find_view(p, schema, name) || find_sequence(p, schema, name))
		return true;
	for (int i = 0; i < p->s->tables.n; i++) {
		Table *t = p->s->tables.v[i];
		if (!str_eq(t->schema, schema))
			continue;
		for (int j = 0; j < t->indexes.n; j++)
			if (str_eq(t->indexes.v[j]->name, name))
				return true;
	}
	return false;
}

static bool conname_taken(const Table *t, const char *name)
{
	for (int j = 0; j < t->indexes.n; j++)
		if (str_eq(t->indexes.v[j]->name, name))
			return true;
	for (int j = 0; j < t->checks.n; j++)
		if (str_eq(t->checks.v[j]->name, name))
			return true;
	for (int j = 0; j < t->fks.n; j++)
		if (str_eq(t->fks.v[j]->name, name))
			return true;
	return false;
}

/* PostgreSQL's makeObjectName: name1_name2_label within 63 bytes, trimming the longer part. */
static char *make_object_name(Arena *a, const char *n1, const char *n2, const char *label)
{
	size_t l1 = strlen(n1), l2 = n2 ? strlen(n2) : 0, ll = strlen(label);
	size_t overhead = ll + 1 + (n2 ? 1 : 0);
	while (l1 + l2 + overhead > 63) {
		if (l1 > l2)
			l1--;
		else
			l2--;
	}
	/* never cut a UTF-8 character in half */
	while (l1 > 0 && ((unsigned char)n1[l1] & 0xC0) == 0x80)
		l1--;
	while (n2 && l2 > 0 && ((unsigned char)n2[l2] & 0xC0) == 0x80)
		l2--;
	if (n2)
		return arena_printf(a, "%.*s_%.*s_%s", (int)l1, n1, (int)l2, n2, label);
	return arena_printf(a, "%.*s_%s", (int)l1, n1, label);
}

/* Is a constraint of any table in t's schema so named? The server picks an implicit constraint
 * name unused in the whole schema; a name that was not cut to 63 bytes holds its table's whole
 * name and could only meet a name given by hand, so only cut names look beyond t. */
static bool conname_taken_schema(P *p, const Table *t, const char *name)
{
	if (conname_taken(t, name))
		return true;
	if (strlen(name) < 60)
		return false;
	for (int i = 0; i < p->s->tables.n; i++) {
		const Table *o = p->s->tables.v[i];
		if (o != t && str_eq(o->schema, t->schema) && conname_taken(o, name))
			return true;
	}
	return false;
}

/* An implicit name: relation-level (indexes, schema-wide) or constraint-level (schema-wide
 * among constraints). */
static const char *choose_name(P *p, Table *t, const char *n2, const char *label, bool relation_level)
{
	for (int pass = 0;; pass++) {
		const char *lab = pass ? arena_printf(p->a, "%s%d", label, pass) : label;
		char *name = make_object_name(p->a, t->name, n2, lab);
		if (relation_level ? !relname_taken(p, t->schema, name) && !conname_taken(t, name) : !conname_taken_schema(p, t, name))
			return name;
	}
}

static const char *join_names(P *p, const StrList *l)
{
	StrBuf sb;
	sb_init(&sb);
	for (int i = 0; i < l->n; i++) {
		if (i)
			sb_addc(&sb, '_');
		sb_adds(&sb, l->v[i]);
	}
	return sb_take(&sb, p->a);
}

static const char *qualified(P *p, const char *schema, const char *name)
{
	return arena_printf(p->a, "%s.%s", schema ? schema : "public", name);
}

/* PostgreSQL's FigureColname, the parts that name columns and indexes. */
static const char *figure_colname(const PgNode *n)
{
	if (PG_IS(n, COLUMN_REF)) {
		const PgNode *last = n->column_ref->n_fields ? n->column_ref->fields[n->column_ref->n_fields - 1] : NULL;
		return pg_str(last);
	}
	if (PG_IS(n, FUNC_CALL))
		return n->func_call->n_funcname ? pg_str(n->func_call->funcname[n->func_call->n_funcname - 1]) : NULL;
	if (PG_IS(n, TYPE_CAST)) {
		const char *inner = figure_colname(n->type_cast->arg);
		if (inner)
			return inner;
		const PgQuery__TypeName *tn = n->type_cast->type_name;
		return tn && tn->n_names ? pg_str(tn->names[tn->n_names - 1]) : NULL;
	}
	if (PG_IS(n, COALESCE_EXPR))
		return "coalesce";
	if (PG_IS(n, CASE_EXPR))
		return "case";
	if (PG_IS(n, A_ARRAY_EXPR))
		return "array";
	if (PG_IS(n, ROW_EXPR))
		return "row";
	if (PG_IS(n, MIN_MAX_EXPR))
		return n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
	if (PG_IS(n, NULL_IF_EXPR))
		return "nullif";
	if (PG_IS(n, SQLVALUE_FUNCTION)) {
		switch (n->sqlvalue_function->op) {
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE: return "current_date";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N: return "current_time";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N: return "current_timestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N: return "localtime";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N: return "localtimestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER: return "current_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER: return "session_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER: return "user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE: return "current_role";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG: return "current_catalog";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA: return "current_schema";
		default: return NULL;
		}
	}
	if (PG_IS(n, SUB_LINK)) {
		if (n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK)
			return "exists";
		if (n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK)
			return "array";
	}
	return NULL;
}

/* A function called as "schema.f(...)" where schema is the search_path's first: the server
 * prints it bare, as canonical text leaves out "public." */
static bool unqualify_calls(PgNode *n, void *ctx)
{
	const char *schema = ctx;
	if (PG_IS(n, FUNC_CALL) && n->func_call->n_funcname == 2 && str_eq(pg_str(n->func_call->funcname[0]), schema)) {
		n->func_call->funcname++;
		n->func_call->n_funcname = 1;
	}
	return true;
}

/* "col::text" of a column that is no string (jsonb, an enum, a number): canonical text leaves
 * out the ::text the server adds to varchar and char columns, which would drop this one too and
 * change the meaning; marked PG_KEEP_CAST, the cast is kept (on both sides alike). */
typedef struct CastCtx {
	P *p;
	const Table *t;
} CastCtx;

static bool keep_text_casts(PgNode *n, void *ctx)
{
	const Table *t = ((CastCtx *)ctx)->t;
	if (PG_IS(n, TYPE_CAST) && PG_IS(n->type_cast->arg, COLUMN_REF) && n->type_cast->type_name) {
		PgQuery__TypeCast *tc = n->type_cast;
		PgQuery__TypeName *tn = tc->type_name;
		PgQuery__ColumnRef *cr = tc->arg->column_ref;
		const char *col = cr->n_fields == 1 ? pg_str(cr->fields[0]) : NULL;
		if (col && tn->n_names == 1 && !tn->n_array_bounds && str_eq(pg_str(tn->names[0]), "text")) {
			for (int i = 0; i < t->columns.n; i++) {
				const char *ty = t->columns.v[i]->type;
				if (!str_eq(t->columns.v[i]->name, col) || !ty)
					continue;
				if (!str_has_prefix(ty, "character") && !str_eq(ty, "text") && !str_eq(ty, "name") &&
				    !str_has_prefix(ty, "\"char\""))
					tc->location = PG_KEEP_CAST;
				break;
			}
		}
	}
	return true;
}

static const char *expr_text(P *p, PgNode *n)
{
	const char *t;
	if (!n)
		return NULL;
	if (p->expr_table)
		pg_walk_nodes(n, keep_text_casts, &(CastCtx){p, p->expr_table});
	if (!str_eq(p->cur_schema, "public"))
		pg_walk_nodes(n, unqualify_calls, (void *)p->cur_schema);
	t = pg_deparse_expr(p->a, n);
	if (!t)
		diag_error(p->d, loc_at(p, -1), "cannot print an expression of this statement");
	return t;
}

static const char *node_names_text(P *p, PgNode **names, size_t n, bool skip_default_schema)
{
	StrBuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		const char *s = pg_str(names[i]);
		if (!s)
			continue;
		if (skip_default_schema && i + 1 < n && (str_eq(s, "pg_catalog") || str_eq(s, "public") || str_eq(s, p->cur_schema)))
			continue;
		if (sb.len)
			sb_addc(&sb, '.');
		sb_adds(&sb, s);
	}
	return sb_take(&sb, p->a);
}

static void strs_from_nodes(P *p, StrList *out, PgNode **items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = pg_str(items[i]);
		if (PG_IS(items[i], INDEX_ELEM))
			s = items[i]->index_elem->name;
		if (s)
			LIST_PUSH(p->a, out, arena_strdup(p->a, s));
	}
}

/* Options WITH (a = 1, b = x) as canonical "a=1,b=x" (sorted as the server keeps them: in order). */
static const char *reloptions_text(P *p, PgNode **opts, size_t n)
{
	StrBuf sb;
	if (!n)
		return NULL;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		PgQuery__DefElem *de = PG_IS(opts[i], DEF_ELEM) ? opts[i]->def_elem : NULL;
		if (!de)
			continue;
		if (sb.len)
			sb_addc(&sb, ',');
		if (de->defnamespace && *de->defnamespace)
			sb_addf(&sb, "%s.", de->defnamespace);
		sb_adds(&sb, de->defname);
		sb_addc(&sb, '=');
		if (!de->arg)
			sb_adds(&sb, "true");
		else if (pg_str(de->arg))
			sb_adds(&sb, pg_str(de->arg));
		else if (PG_IS(de->arg, INTEGER))
			sb_addf(&sb, "%d", de->arg->integer->ival);
		else if (PG_IS(de->arg, FLOAT))
			sb_adds(&sb, de->arg->float_->fval);
		else if (PG_IS(de->arg, BOOLEAN))
			sb_adds(&sb, de->arg->boolean->boolval ? "true" : "false");
		else if (PG_IS(de->arg, TYPE_NAME))
			sb_adds(&sb, pg_format_typename(p->a, de->arg->type_name, NULL));
	}
	return sb.len ? sb_take(&sb, p->a) : (sb_release(&sb), NULL);
}

/* ---- sequences ---- */

static long long defelem_i64(const PgQuery__DefElem *de, bool *ok)
{
	if (!de->arg) {
		*ok = false;
		return 0;
	}
	if (PG_IS(de->arg, INTEGER))
		return de->arg->integer->ival;
	if (PG_IS(de->arg, FLOAT))
		return strtoll(de->arg->float_->fval, NULL, 10);
	if (PG_IS(de->arg, A_CONST)) {
		if (de->arg->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL)
			return de->arg->a_const->ival->ival;
		if (de->arg->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL)
			return strtoll(de->arg->a_const->fval->fval, NULL, 10);
	}
	*ok = false;
	return 0;
}

typedef struct SeqOpts {
	const char *type;
	long long start, inc, min, max, cache;
	bool has_start, has_inc, has_min, has_max, has_cache, cycle;
	const char *owned_by;   /* "schema.table.column" or "" for NONE; NULL: not given */
	const char *name;       /* SEQUENCE NAME (identity) */
} SeqOpts;

static int seq_opts_read(P *p, PgNode **opts, size_t n, SeqOpts *o)
{
	for (size_t i = 0; i < n; i++) {
		PgQuery__DefElem *de = PG_IS(opts[i], DEF_ELEM) ? opts[i]->def_elem : NULL;
		bool ok = true;
		if (!de)
			continue;
		if (str_eq(de->defname, "as") && PG_IS(de->arg, TYPE_NAME)) {
			pg_canon_typename(p->a, de->arg->type_name);
			o->type = pg_format_typename(p->a, de->arg->type_name, p->cur_schema);
		} else if (str_eq(de->defname, "start")) {
			o->start = defelem_i64(de, &ok);
			o->has_start = ok;
		} else if (str_eq(de->defname, "increment")) {
			o->inc = defelem_i64(de, &ok);
			o->has_inc = ok;
		} else if (str_eq(de->defname, "minvalue")) {
			o->min = defelem_i64(de, &ok);
			o->has_min = ok;
		} else if (str_eq(de->defname, "maxvalue")) {
			o->max = defelem_i64(de, &ok);
			o->has_max = ok;
		} else if (str_eq(de->defname, "cache")) {
			o->cache = defelem_i64(de, &ok);
			o->has_cache = ok;
		} else if (str_eq(de->defname, "cycle")) {
			o->cycle = !PG_IS(de->arg, BOOLEAN) || de->arg->boolean->boolval;
		} else if (str_eq(de->defname, "owned_by") && PG_IS(de->arg, LIST)) {
			PgQuery__List *l = de->arg->list;
			if (l->n_items == 1 && str_ieq(pg_str(l->items[0]), "none"))
				o->owned_by = "";
			else if (l->n_items >= 2) {
				const char *col = pg_str(l->items[l->n_items - 1]);
				const char *tab = pg_str(l->items[l->n_items - 2]);
				const char *sch = l->n_items >= 3 ? pg_str(l->items[l->n_items - 3]) : p->cur_schema;
				o->owned_by = arena_printf(p->a, "%s.%s.%s", sch, tab, col);
			}
		} else if (str_eq(de->defname, "sequence_name") && PG_IS(de->arg, LIST)) {
			PgQuery__List *l = de->arg->list;
			o->name = l->n_items ? pg_str(l->items[l->n_items - 1]) : NULL;
		} else if (str_eq(de->defname, "restart")) {
			/* RESTART changes the current value only */
		} else {
			return diag_error(p->d, loc_at(p, de->location), "unsupported sequence option \"%s\"", de->defname);
		}
	}
	return 0;
}

void pg_int_type_range(const char *type, long long *lo, long long *hi)
{
	if (str_eq(type, "smallint")) {
		*lo = -32768;
		*hi = 32767;
	} else if (str_eq(type, "integer")) {
		*lo = -2147483648LL;
		*hi = 2147483647LL;
	} else {
		*lo = -9223372036854775807LL - 1;
		*hi = 9223372036854775807LL;
	}
}

/* Fill in what the server would: type bigint, increment 1, min/max by direction, start, cache 1. */
static void seq_opts_complete(SeqOpts *o, const char *default_type)
{
	long long lo, hi;
	if (!o->type)
		o->type = default_type ? default_type : "bigint";
	pg_int_type_range(o->type, &lo, &hi);
	if (!o->has_inc)
		o->inc = 1;
	if (!o->has_min)
		o->min = o->inc > 0 ? 1 : lo;
	if (!o->has_max)
		o->max = o->inc > 0 ? hi : -1;
	if (!o->has_start)
		o->start = o->inc > 0 ? o->min : o->max;
	if (!o->has_cache)
		o->cache = 1;
}

static void seq_apply(Sequence *q, const SeqOpts *o)
{
	q->data_type = o->type;
	q->start = o->start;
	q->increment = o->inc;
	q->min_value = o->min;
	q->max_value = o->max;
	q->cache = o->cache;
	q->cycle = o->cycle;
}

/* Identity options as canonical text, only what differs from the defaults for the column type. */
static const char *identity_options_text(P *p, SeqOpts *o, const char *coltype)
{
	SeqOpts dflt = {0};
	StrBuf sb;
	dflt.type = coltype;
	dflt.inc = o->has_inc ? o->inc : 1;
	dflt.has_inc = true;
	seq_opts_complete(&dflt, coltype);
	o->type = coltype;
	seq_opts_complete(o, coltype);
	sb_init(&sb);
	if (o->inc != 1)
		sb_addf(&sb, " INCREMENT BY %lld", o->inc);
	if (o->min != dflt.min)
		sb_addf(&sb, " MINVALUE %lld", o->min);
	if (o->max != dflt.max)
		sb_addf(&sb, " MAXVALUE %lld", o->max);
	if (o->start != (o->inc > 0 ? o->min : o->max))
		sb_addf(&sb, " START WITH %lld", o->start);
	if (o->cache != 1)
		sb_addf(&sb, " CACHE %lld", o->cache);
	if (o->cycle)
		sb_adds(&sb, " CYCLE");
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_take(&sb, p->a) + 1;
}

static int do_create_seq(P *p, PgQuery__CreateSeqStmt *cs, int loc)
{
	Sequence *q;
	SeqOpts o = {0};
	const char *sch = rv_schema(p, cs->sequence);
	if (find_sequence(p, sch, cs->sequence->relname)) {
		if (cs->if_not_exists)
			return 0;
		return diag_error(p->d, loc_at(p, loc), "sequence \"%s.%s\" is defined twice", sch, cs->sequence->relname);
	}
	if (seq_opts_read(p, cs->options, cs->n_options, &o) < 0)
		return -1;
	seq_opts_complete(&o, NULL);
	q = ARENA_NEW(p->a, Sequence);
	q->schema = sch;
	q->name = arena_strdup(p->a, cs->sequence->relname);
	q->loc = loc_at(p, loc);
	seq_apply(q, &o);
	if (o.owned_by && *o.owned_by)
		q->owned_by = o.owned_by;
	LIST_PUSH(p->a, &p->s->sequences, q);
	return 0;
}

static int do_alter_seq(P *p, PgQuery__AlterSeqStmt *as, int loc)
{
	const char *sch = rv_schema(p, as->sequence);
	Sequence *q = find_sequence(p, sch, as->sequence->relname);
	SeqOpts o = {0};
	if (!q) {
		if (as->missing_ok)
			return 0;
		return diag_error(p->d, loc_at(p, loc), "sequence \"%s.%s\" does not exist", sch, as->sequence->relname);
	}
	if (seq_opts_read(p, as->options, as->n_options, &o) < 0)
		return -1;
	if (o.type)
		q->data_type = o.type;
	if (o.has_inc)
		q->increment = o.inc;
	if (o.has_min)
		q->min_value = o.min;
	if (o.has_max)
		q->max_value = o.max;
	if (o.has_start)
		q->start = o.start;
	if (o.has_cache)
		q->cache = o.cache;
	if (o.cycle)
		q->cycle = true;
	if (o.owned_by)
		q->owned_by = *o.owned_by ? o.owned_by : NULL;
	return 0;
}

/* ---- constraints ---- */

static FkAction fk_action(const char *c)
{
	switch (c && *c ? *c : 'a') {
	case 'r': return FK_RESTRICT;
	case 'c': return FK_CASCADE;
	case 'n': return FK_SET_NULL;
	case 'd': return FK_SET_DEFAULT;
	default: return FK_UNSPECIFIED;
	}
}

typedef struct VarScan {
	const char *first;
	int n;
} VarScan;

/* Distinct column names an expression reads (the server's pull_var_clause, by name). */
static bool scan_vars(PgNode *n, void *ctx)
{
	VarScan *v = ctx;
	if (PG_IS(n, COLUMN_REF)) {
		const char *nm = figure_colname(n);
		if (nm && (!v->first || strcmp(v->first, nm))) {
			if (!v->first)
				v->first = nm;
			v->n++;
		}
		return false;
	}
	return true;
}

static IndexPart *index_part_from_elem(P *p, PgQuery__IndexElem *ie)
{
	IndexPart *ip = ARENA_NEW(p->a, IndexPart);
	if (ie->name && *ie->name) {
		ip->column = arena_strdup(p->a, ie->name);
	} else if (ie->expr) {
		/* a plain column in parentheses is still a column */
		if (PG_IS(ie->expr, COLUMN_REF) && ie->expr->column_ref->n_fields == 1 && pg_str(ie->expr->column_ref->fields[0]))
			ip->column = arena_strdup(p->a, pg_str(ie->expr->column_ref->fields[0]));
		else
			ip->expr = expr_text(p, ie->expr);
	}
	if (ie->n_collation)
		ip->collation = node_names_text(p, ie->collation, ie->n_collation, true);
	if (ie->n_opclass)
		ip->opclass = node_names_text(p, ie->opclass, ie->n_opclass, true);
	ip->desc = ie->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
	if (ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST)
		ip->nulls = ip->desc ? NULLS_DEFAULT : NULLS_FIRST;
	else if (ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST)
		ip->nulls = ip->desc ? NULLS_LAST : NULLS_DEFAULT;
	return ip;
}

static const char *index_colname_for_naming(const PgQuery__IndexElem *ie)
{
	if (ie->indexcolname && *ie->indexcolname)
		return ie->indexcolname;
	if (ie->name && *ie->name)
		return ie->name;
	const char *f = figure_colname(ie->expr);
	return f ? f : "expr";
}

static Column *mark_not_null(Table *t, const char *col)
{
	Column *c = table_find_column(t, DIALECT_POSTGRES, col);
	if (c)
		c->not_null = true;
	return c;
}

/* Add one table constraint (inline column constraints come with col set). */
static int add_constraint(P *p, Table *t, PgQuery__Constraint *c, const char *col)
{
	p->expr_table = t;
	switch (c->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
	case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE: {
		Index *ix = ARENA_NEW(p->a, Index);
		bool pk = c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY;
		StrList cols = {0};
		if (c->indexname && *c->indexname)
			return diag_error(p->d, loc_at(p, c->location), "constraints USING INDEX are not supported");
		if (col)
			LIST_PUSH(p->a, &cols, arena_strdup(p->a, col));
		else
			strs_from_nodes(p, &cols, c->keys, c->n_keys);
		ix->kind = pk ? INDEX_PRIMARY : INDEX_UNIQUE;
		ix->is_constraint = true;
		ix->nulls_not_distinct = c->nulls_not_distinct;
		ix->deferrable = c->deferrable;
		ix->initially_deferred = c->initdeferred;
		ix->loc = loc_at(p, c->location);
		for (int i = 0; i < cols.n; i++) {
			IndexPart *ip = ARENA_NEW(p->a, IndexPart);
			ip->column = cols.v[i];
			LIST_PUSH(p->a, &ix->parts, ip);
			if (pk)
				mark_not_null(t, cols.v[i]);
		}
		strs_from_nodes(p, &ix->include, c->including, c->n_including);
		ix->with_options = reloptions_text(p, c->options, c->n_options);
		if (pk && table_primary_key(t))
			return diag_error(p->d, loc_at(p, c->location), "multiple primary keys for table \"%s\" are not allowed", t->name);
		if (c->conname && *c->conname)
			ix->name = arena_strdup(p->a, c->conname);
		else
			ix->name = choose_name(p, t, pk ? NULL : join_names(p, &cols), pk ? "pkey" : "key", true);
		LIST_PUSH(p->a, &t->indexes, ix);
		return 0;
	}
	case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: {
		Index *ix = ARENA_NEW(p->a, Index);
		StrList cols = {0};
		ix->kind = INDEX_PLAIN;
		ix->is_constraint = true;
		ix->method = c->access_method && *c->access_method ? arena_strdup(p->a, c->access_method) : NULL;
		ix->deferrable = c->deferrable;
		ix->initially_deferred = c->initdeferred;
		ix->loc = loc_at(p, c->location);
		for (size_t i = 0; i < c->n_exclusions; i++) {
			PgNode *pair = c->exclusions[i];
			IndexPart *ip;
			if (!PG_IS(pair, LIST) || pair->list->n_items != 2 || !PG_IS(pair->list->items[0], INDEX_ELEM))
				return diag_error(p->d, loc_at(p, c->location), "malformed EXCLUDE element");
			ip = index_part_from_elem(p, pair->list->items[0]->index_elem);
			if (PG_IS(pair->list->items[1], LIST))
				ip->exclude_op = node_names_text(p, pair->list->items[1]->list->items, pair->list->items[1]->list->n_items, true);
			LIST_PUSH(p->a, &ix->parts, ip);
			LIST_PUSH(p->a, &cols, index_colname_for_naming(pair->list->items[0]->index_elem));
		}
		strs_from_nodes(p, &ix->include, c->including, c->n_including);
		ix->with_options = reloptions_text(p, c->options, c->n_options);
		if (c->where_clause)
			ix->where_pred = expr_text(p, c->where_clause);
		if (c->conname && *c->conname)
			ix->name = arena_strdup(p->a, c->conname);
		else
			ix->name = choose_name(p, t, join_names(p, &cols), "excl", true);
		LIST_PUSH(p->a, &t->indexes, ix);
		return 0;
	}
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
		Check *ck = ARENA_NEW(p->a, Check);
		VarScan vs = {NULL, 0};
		const char *check_var;
		pg_walk_nodes(c->raw_expr, scan_vars, &vs);
		check_var = vs.n == 1 ? vs.first : NULL;
		ck->source = str_eq(p->cur_schema, "public") ? pg_deparse_expr_written(p->a, c->raw_expr) : NULL;
		ck->expr = expr_text(p, c->raw_expr);
		if (!ck->expr)
			return -1;
		ck->no_inherit = c->is_no_inherit;
		ck->not_valid = c->skip_validation;
		ck->loc = loc_at(p, c->location);
		if (c->conname && *c->conname) {
			ck->name = arena_strdup(p->a, c->conname);
		} else {
			/* the server names it after the one column the expression reads, if only one */
			ck->name = choose_name(p, t, check_var, "check", false);
		}
		LIST_PUSH(p->a, &t->checks, ck);
		return 0;
	}
	case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: {
		ForeignKey *fk = ARENA_NEW(p->a, ForeignKey);
		if (col)
			LIST_PUSH(p->a, &fk->columns, arena_strdup(p->a, col));
		else
			strs_from_nodes(p, &fk->columns, c->fk_attrs, c->n_fk_attrs);
		fk->ref_schema = rv_schema(p, c->pktable);
		fk->ref_table = arena_strdup(p->a, c->pktable->relname);
		strs_from_nodes(p, &fk->ref_columns, c->pk_attrs, c->n_pk_attrs);
		fk->on_delete = fk_action(c->fk_del_action);
		fk->on_update = fk_action(c->fk_upd_action);
		if (c->fk_matchtype && *c->fk_matchtype == 'f')
			fk->match = "FULL";
		else if (c->fk_matchtype && *c->fk_matchtype == 'p')
			fk->match = "PARTIAL";
		fk->deferrable = c->deferrable;
		fk->initially_deferred = c->initdeferred;
		fk->not_valid = c->skip_validation;
		fk->loc = loc_at(p, c->location);
		if (c->n_fk_del_set_cols)
			return diag_error(p->d, loc_at(p, c->location), "ON DELETE SET NULL/DEFAULT with a column list is not supported");
		if (c->conname && *c->conname)
			fk->name = arena_strdup(p->a, c->conname);
		else
			fk->name = choose_name(p, t, join_names(p, &fk->columns), "fkey", false);
		LIST_PUSH(p->a, &t->fks, fk);
		return 0;
	}
	case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
		if (col)
			mark_not_null(t, col);
		return 0;
	default:
		return diag_error(p->d, loc_at(p, c->location), "unsupported table constraint");
	}
}

/* ---- columns ---- */

static const char *serial_base(const PgQuery__TypeName *tn)
{
	const char *n;
	if (!tn || tn->n_names != 1 || tn->n_array_bounds)
		return NULL;
	n = pg_str(tn->names[0]);
	if (str_eq(n, "serial") || str_eq(n, "serial4"))
		return "int4";
	if (str_eq(n, "bigserial") || str_eq(n, "serial8"))
		return "int8";
	if (str_eq(n, "smallserial") || str_eq(n, "serial2"))
		return "int2";
	return NULL;
}

static bool typename_is_stringish(const PgQuery__TypeName *tn)
{
	const char *last = tn && tn->n_names ? pg_str(tn->names[tn->n_names - 1]) : NULL;
	if (!last || tn->n_array_bounds)
		return false;
	return str_eq(last, "text") || str_eq(last, "varchar") || str_eq(last, "bpchar") || str_eq(last, "name");
}

/* A DEFAULT takes a b_expr in PostgreSQL's grammar: boolean operators, IS tests, LIKE, IN,
 * BETWEEN, ANY/ALL, COLLATE and AT TIME ZONE at the top need parentheses there, or the
 * statement printed from the text does not parse (the server prints such a default in
 * parentheses, and users must write them). */
static bool default_needs_parens(const PgNode *e)
{
	if (PG_IS(e, BOOL_EXPR) || PG_IS(e, NULL_TEST) || PG_IS(e, BOOLEAN_TEST) || PG_IS(e, COLLATE_CLAUSE))
		return true;
	if (PG_IS(e, SUB_LINK))
		return e->sub_link->sub_link_type != PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK &&
		       e->sub_link->sub_link_type != PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK &&
		       e->sub_link->sub_link_type != PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK;
	if (PG_IS(e, A_EXPR))
		return e->a_expr->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP &&
		       e->a_expr->kind != PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT &&
		       e->a_expr->kind != PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT &&
		       e->a_expr->kind != PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF;
	if (PG_IS(e, FUNC_CALL))  /* AT TIME ZONE, OVERLAPS, ... written as SQL syntax */
		return e->func_call->funcformat == PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX &&
		       e->func_call->n_funcname == 2 &&
		       (str_eq(pg_str(e->func_call->funcname[1]), "timezone") ||
			str_eq(pg_str(e->func_call->funcname[1]), "overlaps"));
	return false;
}

/* The default as written, for CREATE (NULL for no default or DEFAULT NULL). Computed before
 * default_text, which rewrites the tree in place. */
static const char *default_source(P *p, PgNode *expr)
{
	const char *t;
	if (!expr || (PG_IS(expr, A_CONST) && expr->a_const->isnull) || !str_eq(p->cur_schema, "public"))
		return NULL;
	t = pg_deparse_expr_written(p->a, expr);
	return t && default_needs_parens(expr) ? arena_printf(p->a, "(%s)", t) : t;
}

/* The default as the server stores it: a bare string literal is coerced to the column type. */
static const char *default_text(P *p, PgNode *expr, PgQuery__TypeName *coltype)
{
	if (PG_IS(expr, A_CONST) && expr->a_const->isnull) {
		/* a bare NULL is coerced to the column's type: with a type modifier (varchar(16),
		 * numeric(5,2)) through the length coercion, which the server stores and prints as
		 * NULL::character varying; without one it stores nothing */
		if (!coltype || !coltype->n_typmods)
			return NULL;
		PgQuery__TypeName *tn = ARENA_NEW(p->a, PgQuery__TypeName);
		*tn = *coltype;
		tn->n_typmods = 0;
		tn->typmods = NULL;
		expr = pg_mk_typecast(p->a, expr, tn);
	}
	/* NULL cast to the column's own type is no default (the server stores none); cast to
	 * another type (NULL::character varying for a varchar(16) column, as pg_dump prints it) it
	 * is stored, the coercion around it, and stays */
	if (PG_IS(expr, TYPE_CAST) && PG_IS(expr->type_cast->arg, A_CONST) && expr->type_cast->arg->a_const->isnull) {
		const char *ct = coltype ? pg_format_typename(p->a, coltype, p->cur_schema) : NULL;
		const char *nt = pg_format_typename(p->a, expr->type_cast->type_name, p->cur_schema);
		if (!ct || !nt || str_eq(ct, nt))
			return NULL;
		expr->type_cast->location = PG_KEEP_CAST;
	}
	if (PG_IS(expr, A_CONST) && expr->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && coltype &&
	    !typename_is_stringish(coltype)) {
		PgQuery__TypeName *tn = ARENA_NEW(p->a, PgQuery__TypeName);
		*tn = *coltype;
		tn->n_typmods = 0;
		tn->typmods = NULL;
		expr = pg_mk_typecast(p->a, expr, tn);
	}
	if (default_needs_parens(expr)) {
		const char *t = expr_text(p, expr);
		return t ? arena_printf(p->a, "(%s)", t) : NULL;
	}
	return expr_text(p, expr);
}

static int build_column(P *p, Table *t, PgQuery__ColumnDef *cd, bool adding)
{
	Column *c;
	const char *serial;
	PgQuery__TypeName *tn = cd->type_name;
	PgQuery__Constraint *last_key = NULL;

	if (table_find_column(t, DIALECT_POSTGRES, cd->colname))
		return diag_error(p->d, loc_at(p, cd->location), "column \"%s\" specified more than once", cd->colname);
	c = column_new(p->a);
	c->name = arena_strdup(p->a, cd->colname);
	c->loc = loc_at(p, cd->location);
	serial = serial_base(tn);
	if (serial) {
		tn->names[0] = pg_mk_string(p->a, serial);
	}
	pg_canon_typename(p->a, tn);
	c->type = pg_format_typename(p->a, tn, p->cur_schema);
	if (!c->type)
		return diag_error(p->d, loc_at(p, cd->location), "column \"%s\" has no type", cd->colname);
	if (cd->coll_clause)
		c->collation = node_names_text(p, cd->coll_clause->collname, cd->coll_clause->n_collname, true);
	if (cd->compression && *cd->compression)
		c->compression = arena_strdup(p->a, cd->compression);
	(void)adding;
	LIST_PUSH(p->a, &t->columns, c);

	for (size_t i = 0; i < cd->n_constraints; i++) {
		PgQuery__Constraint *k = PG_IS(cd->constraints[i], CONSTRAINT) ? cd->constraints[i]->constraint : NULL;
		if (!k)
			continue;
		switch (k->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
			c->not_null = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
			c->default_source = default_source(p, k->raw_expr);
			c->default_text = default_text(p, k->raw_expr, tn);
			if (!c->default_text)
				c->default_source = NULL;
			c->default_kind = c->default_text ? DEFAULT_EXPR : DEFAULT_NONE;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: {
			SeqOpts o = {0};
			c->identity = k->generated_when && *k->generated_when == 'a' ? IDENTITY_ALWAYS : IDENTITY_BY_DEFAULT;
			c->not_null = true;
			if (seq_opts_read(p, k->options, k->n_options, &o) < 0)
				return -1;
			c->identity_options = identity_options_text(p, &o, c->type);
			break;
		}
		case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
			c->gen_kind = GEN_STORED;
			c->gen_expr = expr_text(p, k->raw_expr);
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
			if (!last_key)
				return diag_error(p->d, loc_at(p, k->location), "misplaced DEFERRABLE clause");
			if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE)
				last_key->deferrable = true;
			else if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED)
				last_key->initdeferred = true;
			break;
		default:
			last_key = k;
			break;
		}
	}
	/* keys and checks after the DEFERRABLE attributes were folded into them */
	for (size_t i = 0; i < cd->n_constraints; i++) {
		PgQuery__Constraint *k = PG_IS(cd->constraints[i], CONSTRAINT) ? cd->constraints[i]->constraint : NULL;
		if (!k)
			continue;
		switch (k->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
		case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
		case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
		case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
		case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
			if (add_constraint(p, t, k, c->name) < 0)
				return -1;
			break;
		default:
			break;
		}
	}
	if (serial) {
		Sequence *q = ARENA_NEW(p->a, Sequence);
		SeqOpts o = {0};
		q->schema = t->schema;
		q->name = choose_name(p, t, c->name, "seq", true);
		q->owned_by = arena_printf(p->a, "%s.%s.%s", t->schema, t->name, c->name);
		q->loc = c->loc;
		seq_opts_complete(&o, c->type);
		seq_apply(q, &o);
		LIST_PUSH(p->a, &p->s->sequences, q);
		c->not_null = true;
		c->default_kind = DEFAULT_EXPR;
		{
			StrBuf sb;
			sb_init(&sb);
			sb_adds(&sb, "nextval(");
			/* the server prints the regclass as seen from its search_path, which for a
			 * file that sets one is taken to be the file's */
			if (str_eq(q->schema, "public") || str_eq(q->schema, p->cur_schema))
				sb_add_pg_string(&sb, q->name);
			else {
				StrBuf qn;
				sb_init(&qn);
				pg_add_ident_min(&qn, q->schema);
				sb_addc(&qn, '.');
				pg_add_ident_min(&qn, q->name);
				sb_add_pg_string(&sb, sb_str(&qn));
				sb_release(&qn);
			}
			sb_adds(&sb, "::regclass)");
			c->default_text = sb_take(&sb, p->a);
		}
	}
	return 0;
}

/* ---- the catalogue's columns, one parse per spelling ---- */

/* libpg_query's JSON parse tree of sql read into the structs; through the protobuf route when
 * the JSON lost a negative number (libpg_query 15's JSON writer drops such integers).
 * NULL when neither gives a tree. */
static PgQuery__ParseResult *tree_of(Arena *a, const char *json, const char *sql)
{
	PgQuery__ParseResult *pr = pg_tree_from_json(a, json, sql);
	if (!pr) {
		PgQueryProtobufParseResult pb = pg_query_parse_protobuf(sql);
		if (!pb.error)
			pr = pg_tree_unpack(a, &pb.parse_tree);
		pg_query_free_protobuf_parse_result(pb);
	}
	return pr;
}

struct PgColumnMemo {
	const char **schemas, **specs;  /* the key: search_path schema and spelling (NULL spec: free) */
	Column **cols;                  /* built with the name "c" */
	int cap, n;                     /* cap: a power of two, at least twice n */
};

static void memo_alloc(Arena *a, PgColumnMemo *m, int cap)
{
	m->cap = cap;
	m->schemas = arena_alloc(a, (size_t)cap * sizeof *m->schemas);
	m->specs = arena_alloc(a, (size_t)cap * sizeof *m->specs);
	m->cols = arena_alloc(a, (size_t)cap * sizeof *m->cols);
	memset(m->specs, 0, (size_t)cap * sizeof *m->specs);
}

PgColumnMemo *pg_column_memo_new(Arena *a)
{
	PgColumnMemo *m = ARENA_NEW(a, PgColumnMemo);
	memo_alloc(a, m, 1024);
	return m;
}

/* The slot holding (schema, spec), or the free slot where it goes. */
static uint32_t memo_slot(const PgColumnMemo *m, const char *schema, const char *spec)
{
	uint32_t mask = (uint32_t)m->cap - 1, i = table_key_hash(schema, spec) & mask;
	while (m->specs[i] && !(str_eq(m->specs[i], spec) && str_eq(m->schemas[i], schema)))
		i = (i + 1) & mask;
	return i;
}

/* (schema, spec) -> c, both strings living as long as the memo. */
static void memo_add(Arena *a, PgColumnMemo *m, const char *schema, const char *spec, Column *c)
{
	uint32_t k;
	if ((m->n + 1) * 2 > m->cap) {
		PgColumnMemo old = *m;
		memo_alloc(a, m, old.cap * 2);
		for (int i = 0; i < old.cap; i++)
			if (old.specs[i]) {
				k = memo_slot(m, old.schemas[i], old.specs[i]);
				m->schemas[k] = old.schemas[i];
				m->specs[k] = old.specs[i];
				m->cols[k] = old.cols[i];
			}
	}
	k = memo_slot(m, schema, spec);
	m->schemas[k] = schema;
	m->specs[k] = spec;
	m->cols[k] = c;
	m->n++;
}

/* The column "c <spec>" as build_column makes it in a CREATE TABLE read under the current
 * search_path, from the memo or parsed now; NULL after an error (reported). spec lives as
 * long as the memo. */
static Column *column_template(P *p, const char *spec)
{
	PgColumnMemo *m = p->col_memo;
	uint32_t k = memo_slot(m, p->cur_schema, spec);
	if (m->specs[k])
		return m->cols[k];

	char *sql = arena_printf(p->a, "CREATE TABLE _ (c %s)", spec);
	PgQueryParseResult r = pg_query_parse(sql);
	Column *c = NULL;
	int before = p->d->errors;
	if (r.error) {
		diag_error(p->d, loc_at(p, -1), "internal: the catalogue's column spelling \"%s\" does not parse: %s", spec, r.error->message);
		pg_query_free_parse_result(r);
		return NULL;
	}
	PgQuery__ParseResult *pr = tree_of(p->a, r.parse_tree, sql);
	pg_query_free_parse_result(r);
	if (pr && pr->n_stmts == 1 && PG_IS(pr->stmts[0]->stmt, CREATE_STMT) && pr->stmts[0]->stmt->create_stmt->n_table_elts == 1 &&
	    PG_IS(pr->stmts[0]->stmt->create_stmt->table_elts[0], COLUMN_DEF)) {
		Table scratch = {0};
		const Table *saved = p->expr_table;
		int nseq = p->s->sequences.n;
		scratch.schema = p->cur_schema;
		scratch.name = "_";
		/* what the catalogue's CREATE TABLE statements see: no table's expressions */
		p->expr_table = NULL;
		if (build_column(p, &scratch, pr->stmts[0]->stmt->create_stmt->table_elts[0]->column_def, false) == 0 &&
		    scratch.columns.n == 1 && !scratch.checks.n && !scratch.indexes.n && !scratch.fks.n &&
		    p->s->sequences.n == nseq)  /* not serial, which a catalogue never spells */
			c = scratch.columns.v[0];
		p->expr_table = saved;
	}
	if (!c) {
		if (p->d->errors == before)
			diag_error(p->d, loc_at(p, -1), "internal: the catalogue's column spelling \"%s\" is not a plain column", spec);
		return NULL;
	}
	memo_add(p->a, m, p->cur_schema, spec, c);
	return c;
}

/* ---- partitioning text ---- */

static const char *partition_by_text(P *p, PgQuery__PartitionSpec *ps)
{
	StrBuf sb;
	sb_init(&sb);
	sb_adds(&sb, str_upper(p->a, ps->strategy));
	sb_adds(&sb, " (");
	for (size_t i = 0; i < ps->n_part_params; i++) {
		PgQuery__PartitionElem *pe = PG_IS(ps->part_params[i], PARTITION_ELEM) ? ps->part_params[i]->partition_elem : NULL;
		if (!pe)
			continue;
		if (i)
			sb_adds(&sb, ", ");
		if (pe->name && *pe->name) {
			pg_add_ident_min(&sb, pe->name);
		} else {
			bool fn = PG_IS(pe->expr, FUNC_CALL);
			const char *e = expr_text(p, pe->expr);
			if (!e)
				e = "?";
			if (PG_IS(pe->expr, COLUMN_REF)) {
				sb_adds(&sb, e);
			} else {
				sb_adds(&sb, fn ? "" : "(");
				sb_adds(&sb, e);
				sb_adds(&sb, fn ? "" : ")");
			}
		}
		if (pe->n_collation) {
			sb_adds(&sb, " COLLATE ");
			sb_adds(&sb, node_names_text(p, pe->collation, pe->n_collation, true));
		}
		if (pe->n_opclass) {
			sb_addc(&sb, ' ');
			sb_adds(&sb, node_names_text(p, pe->opclass, pe->n_opclass, true));
		}
	}
	sb_addc(&sb, ')');
	return sb_take(&sb, p->a);
}

/* A timestamptz literal with an offset ("2022-04-01 01:00:00+01") in UTC ("2022-04-01
 * 00:00:00+00"): the server prints partition bounds in the session's time zone, so both sides
 * are brought to UTC (the catalogue reader's session runs in UTC). Other text is left alone. */
static const char *tstz_to_utc(P *p, const char *s)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, used = 0;
	char frac[16] = "", sign;
	struct tm tm;
	time_t t;
	const char *orig = s;
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &used) != 6)
		return s;
	s += used;
	if (*s == '.') {
		size_t k = 0;
		while (k + 1 < sizeof frac && (s[k] == '.' || isdigit((unsigned char)s[k]))) {
			frac[k] = s[k];
			k++;
		}
		frac[k] = '\0';
		s += k;
	}
	sign = *s;
	if (sign != '+' && sign != '-')
		return orig;
	if (sscanf(s + 1, "%2d%n", &oh, &used) != 1)
		return orig;
	if (s[1 + used] == ':' && sscanf(s + 2 + used, "%2d", &om) != 1)
		return orig;
	if (s[1 + used] != ':' && s[1 + used] != '\0')
		return orig;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm) - (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
	gmtime_r(&t, &tm);
	return arena_printf(p->a, "%04d-%02d-%02d %02d:%02d:%02d%s+00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

/* The type of the i-th partition key of parent when that key is a plain column; NULL otherwise
 * (an expression key, an unknown parent). */
static const char *partition_key_type(const Table *parent, size_t i)
{
	const char *s = parent && parent->partition_by ? strchr(parent->partition_by, '(') : NULL;
	if (!s)
		return NULL;
	s++;
	for (size_t k = 0; k < i && s; k++) {
		s = strchr(s, ',');
		if (s)
			s += 1 + (s[1] == ' ');
	}
	if (!s)
		return NULL;
	size_t len = strcspn(s, ",)");
	for (int c = 0; c < parent->columns.n; c++) {
		const char *nm = parent->columns.v[c]->name;
		if (strlen(nm) == len && !strncmp(nm, s, len))
			return parent->columns.v[c]->type;
	}
	return NULL;
}

/* A bound given as a date alone for a timestamp key: the server stores midnight and prints it. */
static const char *date_to_timestamp(P *p, const char *s, const char *key_type)
{
	int y, mo, d, used = 0;
	if (!str_eq(key_type, "timestamp without time zone") || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 ||
	    s[used] || used != 10)
		return s;
	return arena_printf(p->a, "%s 00:00:00", s);
}

static void datums_text(P *p, StrBuf *sb, PgNode **items, size_t n, const Table *parent, bool list)
{
	sb_addc(sb, '(');
	for (size_t i = 0; i < n; i++) {
		const char *e;
		if (PG_IS(items[i], A_CONST) && items[i]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
			items[i]->a_const->sval->sval = (char *)date_to_timestamp(
				p, tstz_to_utc(p, items[i]->a_const->sval->sval), partition_key_type(parent, list ? 0 : i));
		e = expr_text(p, items[i]);
		if (i)
			sb_adds(sb, ", ");
		if (PG_IS(items[i], COLUMN_REF) && e && (str_eq(e, "minvalue") || str_eq(e, "maxvalue")))
			e = str_upper(p->a, e);
		sb_adds(sb, e ? e : "?");
	}
	sb_addc(sb, ')');
}

static const char *partition_bound_text(P *p, PgQuery__PartitionBoundSpec *b, const Table *parent)
{
	StrBuf sb;
	if (b->is_default)
		return "DEFAULT";
	sb_init(&sb);
	sb_adds(&sb, "FOR VALUES ");
	if (str_eq(b->strategy, "h")) {
		sb_addf(&sb, "WITH (modulus %d, remainder %d)", b->modulus, b->remainder);
	} else if (str_eq(b->strategy, "l")) {
		sb_adds(&sb, "IN ");
		datums_text(p, &sb, b->listdatums, b->n_listdatums, parent, true);
	} else {
		sb_adds(&sb, "FROM ");
		datums_text(p, &sb, b->lowerdatums, b->n_lowerdatums, parent, false);
		sb_adds(&sb, " TO ");
		datums_text(p, &sb, b->upperdatums, b->n_upperdatums, parent, false);
	}
	return sb_take(&sb, p->a);
}

/* ---- statements ---- */

static int do_create_table(P *p, PgQuery__CreateStmt *cs, int loc)
{
	Table *t;
	const char *sch = rv_schema(p, cs->relation);
	int rc = 0;

	if (find_table(p, sch, cs->relation->relname)) {
		if (cs->if_not_exists)
			return 0;
		return diag_error(p->d, loc_at(p, cs->relation->location), "table \"%s.%s\" is defined twice", sch, cs->relation->relname);
	}
	if (cs->of_typename)
		return diag_error(p->d, loc_at(p, loc), "typed tables (CREATE TABLE ... OF type) are not supported");
	t = ARENA_NEW(p->a, Table);
	t->schema = sch;
	t->name = arena_strdup(p->a, cs->relation->relname);
	t->loc = loc_at(p, cs->relation->location);
	t->unlogged = str_eq(cs->relation->relpersistence, "u");
	if (str_eq(cs->relation->relpersistence, "t"))
		return diag_error(p->d, loc_at(p, loc), "temporary tables are not part of a schema");
	LIST_PUSH(p->a, &p->s->tables, t);
	if (cs->partbound) {
		PgQuery__RangeVar *parent = cs->n_inh_relations && PG_IS(cs->inh_relations[0], RANGE_VAR) ? cs->inh_relations[0]->range_var : NULL;
		if (!parent)
			return diag_error(p->d, loc_at(p, loc), "PARTITION OF without a parent table");
		t->partition_of = qualified(p, rv_schema(p, parent), parent->relname);
		t->partition_bound = partition_bound_text(p, cs->partbound, find_table(p, rv_schema(p, parent), parent->relname));
	} else {
		for (size_t i = 0; i < cs->n_inh_relations; i++) {
			PgQuery__RangeVar *rv = PG_IS(cs->inh_relations[i], RANGE_VAR) ? cs->inh_relations[i]->range_var : NULL;
			if (rv)
				LIST_PUSH(p->a, &t->inherits, qualified(p, rv_schema(p, rv), rv->relname));
		}
	}
	if (cs->partspec)
		t->partition_by = partition_by_text(p, cs->partspec);
	t->with_options = reloptions_text(p, cs->options, cs->n_options);
	/* columns first, then table constraints, so constraints can see every column */
	for (size_t i = 0; i < cs->n_table_elts; i++) {
		PgNode *e = cs->table_elts[i];
		if (PG_IS(e, COLUMN_DEF)) {
			if (cs->partbound) {
				/* "col WITH OPTIONS ..." on a partition: only constraints */
				PgQuery__ColumnDef *cd = e->column_def;
				if (!cd->type_name) {
					for (size_t k = 0; k < cd->n_constraints; k++)
						if (PG_IS(cd->constraints[k], CONSTRAINT) && add_constraint(p, t, cd->constraints[k]->constraint, cd->colname) < 0)
							rc = -1;
					continue;
				}
			}
			if (build_column(p, t, e->column_def, false) < 0)
				rc = -1;
		} else if (PG_IS(e, TABLE_LIKE_CLAUSE)) {
			return diag_error(p->d, loc_at(p, e->table_like_clause->relation ? e->table_like_clause->relation->location : loc),
					  "CREATE TABLE ... LIKE is not supported: write the columns out");
		}
	}
	if (p->pending_cols) {
		/* the catalogue's columns, given apart (pg_parse_pieces_cols) */
		const PgPieceColumns *pc = p->pending_cols;
		p->pending_cols = NULL;
		if (cs->n_table_elts || cs->partbound)
			return diag_error(p->d, loc_at(p, loc), "internal: a catalogue table with columns given twice");
		for (int i = 0; i < pc->n; i++) {
			Column *tm = column_template(p, pc->specs[i]), *c;
			if (!tm) {
				rc = -1;
				continue;
			}
			if (table_find_column(t, DIALECT_POSTGRES, pc->names[i]))
				return diag_error(p->d, t->loc, "column \"%s\" specified more than once", pc->names[i]);
			c = Column_copy(p->a, tm);
			c->name = pc->names[i];
			c->loc = t->loc;
			LIST_PUSH(p->a, &t->columns, c);
		}
	}
	for (size_t i = 0; i < cs->n_table_elts; i++) {
		PgNode *e = cs->table_elts[i];
		if (PG_IS(e, CONSTRAINT) && add_constraint(p, t, e->constraint, NULL) < 0)
			rc = -1;
	}
	for (size_t i = 0; i < cs->n_constraints; i++)
		if (PG_IS(cs->constraints[i], CONSTRAINT) && add_constraint(p, t, cs->constraints[i]->constraint, NULL) < 0)
			rc = -1;
	return rc;
}

static void warn_once(P *p, bool *flag, int loc, const char *what)
{
	p->ignored = true;
	if (*flag)
		return;
	*flag = true;
	diag_warn(p->d, loc_at(p, loc), "%s are ignored", what);
}

/* The index named so in the schema, taken out of its table (*owner). */
static Index *remove_index_named(P *p, const char *schema, const char *name, Table **owner)
{
	for (int i = 0; i < p->s->tables.n; i++) {
		Table *t = p->s->tables.v[i];
		if (!str_eq(t->schema, schema))
			continue;
		for (int j = 0; j < t->indexes.n; j++) {
			Index *ix = t->indexes.v[j];
			if (str_eq(ix->name, name)) {
				LIST_REMOVE_AT(&t->indexes, j);
				*owner = t;
				return ix;
			}
		}
	}
	return NULL;
}

static PgQuery__TypeName *type_name_of(P *p, const char *type);

static int do_alter_table(P *p, PgQuery__AlterTableStmt *at, int loc)
{
	Table *t = NULL;
	int rc = 0;

	if (at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) {
		/* pg_dump's ALTER INDEX parent ATTACH PARTITION child: the child index is the parent's
		 * definition; only its name is kept, with the partition (Table.attached_indexes) */
		for (size_t i = 0; i < at->n_cmds; i++) {
			PgQuery__AlterTableCmd *cmd = PG_IS(at->cmds[i], ALTER_TABLE_CMD) ? at->cmds[i]->alter_table_cmd : NULL;
			if (cmd && cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition && PG_IS(cmd->def, PARTITION_CMD)) {
				PgQuery__RangeVar *rv = cmd->def->partition_cmd->name;
				Table *owner = NULL;
				Index *child = remove_index_named(p, rv_schema(p, rv), rv->relname, &owner);
				if (child && at->relation) {
					LIST_PUSH(p->a, &owner->attached_indexes, arena_strdup(p->a, at->relation->relname));
					LIST_PUSH(p->a, &owner->attached_indexes, child->name);
				}
			} else if (cmd && cmd->subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner) {
				diag_warn(p->d, loc_at(p, loc), "ALTER INDEX is ignored");
			}
		}
		return 0;
	}
	if (at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE || at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ||
	    at->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
		for (size_t i = 0; i < at->n_cmds; i++) {
			PgQuery__AlterTableCmd *cmd = PG_IS(at->cmds[i], ALTER_TABLE_CMD) ? at->cmds[i]->alter_table_cmd : NULL;
			if (cmd && cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner)
				warn_once(p, &p->warned_owner, loc, "OWNER TO clauses");
			else
				diag_warn(p->d, loc_at(p, loc), "this ALTER statement is ignored");
		}
		return 0;
	}
	for (size_t i = 0; i < at->n_cmds; i++) {
		PgQuery__AlterTableCmd *cmd = PG_IS(at->cmds[i], ALTER_TABLE_CMD) ? at->cmds[i]->alter_table_cmd : NULL;
		Column *col;
		if (!cmd)
			continue;
		if (cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner) {
			warn_once(p, &p->warned_owner, loc, "OWNER TO clauses");
			continue;
		}
		if (!t) {
			t = find_table(p, rv_schema(p, at->relation), at->relation->relname);
			if (!t) {
				if (at->missing_ok)
					return 0;
				return diag_error(p->d, loc_at(p, at->relation->location), "table \"%s.%s\" does not exist",
						  rv_schema(p, at->relation), at->relation->relname);
			}
		}
		switch (cmd->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			if (PG_IS(cmd->def, CONSTRAINT) && add_constraint(p, t, cmd->def->constraint, NULL) < 0)
				rc = -1;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			if (PG_IS(cmd->def, COLUMN_DEF) && build_column(p, t, cmd->def->column_def, true) < 0)
				rc = -1;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
			col = table_find_column(t, DIALECT_POSTGRES, cmd->name);
			if (!col)
				return diag_error(p->d, loc_at(p, loc), "column \"%s\" of table \"%s\" does not exist", cmd->name, t->name);
			{
				/* the column's type as a TypeName for the literal coercion */
				PgQuery__TypeName *tn = type_name_of(p, col->type);
				col->default_source = default_source(p, cmd->def);
				col->default_text = cmd->def ? default_text(p, cmd->def, tn) : NULL;
				if (!col->default_text)
					col->default_source = NULL;
				col->default_kind = col->default_text ? DEFAULT_EXPR : DEFAULT_NONE;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
			if (!mark_not_null(t, cmd->name))
				return diag_error(p->d, loc_at(p, loc), "column \"%s\" of table \"%s\" does not exist", cmd->name, t->name);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
			col = table_find_column(t, DIALECT_POSTGRES, cmd->name);
			if (col)
				col->not_null = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
			col = table_find_column(t, DIALECT_POSTGRES, cmd->name);
			if (!col || !PG_IS(cmd->def, CONSTRAINT))
				return diag_error(p->d, loc_at(p, loc), "column \"%s\" of table \"%s\" does not exist", cmd->name, t->name);
			{
				PgQuery__Constraint *k = cmd->def->constraint;
				SeqOpts o = {0};
				col->identity = k->generated_when && *k->generated_when == 'a' ? IDENTITY_ALWAYS : IDENTITY_BY_DEFAULT;
				col->not_null = true;
				if (seq_opts_read(p, k->options, k->n_options, &o) < 0)
					return -1;
				col->identity_options = identity_options_text(p, &o, col->type);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
			t->rls_enabled = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
			t->rls_enabled = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
			t->rls_forced = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
			t->rls_forced = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
			if (PG_IS(cmd->def, PARTITION_CMD)) {
				PgQuery__PartitionCmd *pc = cmd->def->partition_cmd;
				Table *child = find_table(p, rv_schema(p, pc->name), pc->name->relname);
				if (!child)
					return diag_error(p->d, loc_at(p, pc->name->location), "table \"%s\" does not exist", pc->name->relname);
				child->partition_of = qualified(p, t->schema, t->name);
				child->partition_bound = partition_bound_text(p, pc->bound, t);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
			if (PG_IS(cmd->def, LIST))
				t->with_options = reloptions_text(p, cmd->def->list->items, cmd->def->list->n_items);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig: {
			/* a named trigger's firing mode (the trigger is created before) */
			Trigger *tg = NULL;
			for (int k = 0; k < p->s->triggers.n && !tg; k++) {
				Trigger *x = p->s->triggers.v[k];
				if (str_eq(x->name, cmd->name) && str_eq(x->table, t->name) && str_eq(x->schema, t->schema))
					tg = x;
			}
			if (!tg)
				return diag_error(p->d, loc_at(p, loc), "trigger \"%s\" for table \"%s\" does not exist", cmd->name ? cmd->name : "", t->name);
			tg->firing = cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig ? "ENABLE ALWAYS"
				     : cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig ? "ENABLE REPLICA"
				     : cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig ? "DISABLE" : NULL;
			break;
		}
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
			if (!p->warned_trigmode) {
				p->warned_trigmode = true;
				diag_warn(p->d, loc_at(p, loc), "ENABLE/DISABLE TRIGGER ALL and USER are not modelled yet and are ignored");
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
			diag_warn(p->d, loc_at(p, loc), "ALTER TABLE clauses for storage, statistics, clustering and replica identity are ignored");
			break;
		default:
			diag_error(p->d, loc_at(p, loc), "unsupported ALTER TABLE clause");
			rc = -1;
			break;
		}
	}
	return rc;
}

static int do_create_index(P *p, PgQuery__IndexStmt *is, int loc)
{
	Table *t;
	Index *ix;
	StrList cols = {0};
	const char *sch = rv_schema(p, is->relation);

	t = find_table(p, sch, is->relation->relname);
	p->expr_table = t;
	if (!t) {
		View *v = find_view(p, sch, is->relation->relname);
		if (!v || !v->materialized)
			return diag_error(p->d, loc_at(p, is->relation->location), "table \"%s.%s\" does not exist", sch, is->relation->relname);
		/* an index on a materialized view: name it like the server and keep it on the view */
		ix = ARENA_NEW(p->a, Index);
		ix->kind = is->unique ? INDEX_UNIQUE : INDEX_PLAIN;
		ix->method = str_eq(is->access_method, "btree") ? NULL : arena_strdup(p->a, is->access_method);
		for (size_t i = 0; i < is->n_index_params; i++)
			if (PG_IS(is->index_params[i], INDEX_ELEM)) {
				LIST_PUSH(p->a, &ix->parts, index_part_from_elem(p, is->index_params[i]->index_elem));
				LIST_PUSH(p->a, &cols, index_colname_for_naming(is->index_params[i]->index_elem));
			}
		strs_from_nodes(p, &ix->include, is->index_including_params, is->n_index_including_params);
		ix->where_pred = is->where_clause ? expr_text(p, is->where_clause) : NULL;
		ix->nulls_not_distinct = is->nulls_not_distinct;
		ix->with_options = reloptions_text(p, is->options, is->n_options);
		ix->loc = loc_at(p, loc);
		ix->name = is->idxname && *is->idxname ? arena_strdup(p->a, is->idxname)
			: make_object_name(p->a, v->name, join_names(p, &cols), "idx");
		LIST_PUSH(p->a, &v->indexes, ix);
		return 0;
	}
	if (is->idxname && *is->idxname && table_find_index(t, DIALECT_POSTGRES, is->idxname)) {
		if (is->if_not_exists)
			return 0;
		return diag_error(p->d, loc_at(p, loc), "index \"%s\" is defined twice", is->idxname);
	}
	ix = ARENA_NEW(p->a, Index);
	ix->kind = is->unique ? INDEX_UNIQUE : INDEX_PLAIN;
	ix->method = !is->access_method || str_eq(is->access_method, "btree") ? NULL : arena_strdup(p->a, is->access_method);
	ix->loc = loc_at(p, loc);
	for (size_t i = 0; i < is->n_index_params; i++) {
		if (!PG_IS(is->index_params[i], INDEX_ELEM))
			continue;
		LIST_PUSH(p->a, &ix->parts, index_part_from_elem(p, is->index_params[i]->index_elem));
		LIST_PUSH(p->a, &cols, index_colname_for_naming(is->index_params[i]->index_elem));
	}
	strs_from_nodes(p, &ix->include, is->index_including_params, is->n_index_including_params);
	if (is->where_clause) {
		ix->where_source = str_eq(p->cur_schema, "public") ? pg_deparse_expr_written(p->a, is->where_clause) : NULL;
		ix->where_pred = expr_text(p, is->where_clause);
	}
	ix->nulls_not_distinct = is->nulls_not_distinct;
	ix->with_options = reloptions_text(p, is->options, is->n_options);
	if (is->idxname && *is->idxname)
		ix->name = arena_strdup(p->a, is->idxname);
	else
		ix->name = choose_name(p, t, join_names(p, &cols), "idx", true);
	LIST_PUSH(p->a, &t->indexes, ix);
	return 0;
}

static void qualify_name_list(P *p, PgNode **names, size_t n, const char **schema, const char **name)
{
	*name = n ? pg_str(names[n - 1]) : NULL;
	*schema = n >= 2 ? pg_str(names[n - 2]) : p->cur_schema;
}

static int do_create_enum(P *p, PgQuery__CreateEnumStmt *es, int loc)
{
	TypeDef *td = ARENA_NEW(p->a, TypeDef);
	qualify_name_list(p, es->type_name, es->n_type_name, &td->schema, &td->name);
	if (find_type(p, td->schema, td->name))
		return diag_error(p->d, loc_at(p, loc), "type \"%s.%s\" is defined twice", td->schema, td->name);
	td->kind = TYPE_ENUM;
	td->loc = loc_at(p, loc);
	strs_from_nodes(p, &td->labels, es->vals, es->n_vals);
	LIST_PUSH(p->a, &p->s->types, td);
	return 0;
}

static int do_alter_enum(P *p, PgQuery__AlterEnumStmt *es, int loc)
{
	const char *sch, *name;
	TypeDef *td;
	qualify_name_list(p, es->type_name, es->n_type_name, &sch, &name);
	td = find_type(p, sch, name);
	if (!td || td->kind != TYPE_ENUM)
		return diag_error(p->d, loc_at(p, loc), "enum type \"%s.%s\" does not exist", sch, name);
	if (es->old_val && *es->old_val) {
		for (int i = 0; i < td->labels.n; i++)
			if (str_eq(td->labels.v[i], es->old_val))
				td->labels.v[i] = arena_strdup(p->a, es->new_val);
		return 0;
	}
	for (int i = 0; i < td->labels.n; i++)
		if (str_eq(td->labels.v[i], es->new_val))
			return es->skip_if_new_val_exists ? 0 : diag_error(p->d, loc_at(p, loc), "enum label \"%s\" already exists", es->new_val);
	if (es->new_val_neighbor && *es->new_val_neighbor) {
		for (int i = 0; i < td->labels.n; i++)
			if (str_eq(td->labels.v[i], es->new_val_neighbor)) {
				int at = es->new_val_is_after ? i + 1 : i;
				LIST_INSERT_AT(p->a, &td->labels, at, arena_strdup(p->a, es->new_val));
				return 0;
			}
		return diag_error(p->d, loc_at(p, loc), "enum label \"%s\" does not exist", es->new_val_neighbor);
	}
	LIST_PUSH(p->a, &td->labels, arena_strdup(p->a, es->new_val));
	return 0;
}

static int do_create_domain(P *p, PgQuery__CreateDomainStmt *ds, int loc)
{
	TypeDef *td = ARENA_NEW(p->a, TypeDef);
	StrBuf sb;
	qualify_name_list(p, ds->domainname, ds->n_domainname, &td->schema, &td->name);
	if (find_type(p, td->schema, td->name))
		return diag_error(p->d, loc_at(p, loc), "type \"%s.%s\" is defined twice", td->schema, td->name);
	td->kind = TYPE_DOMAIN;
	td->loc = loc_at(p, loc);
	pg_canon_typename(p->a, ds->type_name);
	td->base_type = pg_format_typename(p->a, ds->type_name, p->cur_schema);
	sb_init(&sb);
	if (ds->coll_clause)
		sb_addf(&sb, " COLLATE %s", node_names_text(p, ds->coll_clause->collname, ds->coll_clause->n_collname, true));
	for (size_t i = 0; i < ds->n_constraints; i++) {
		PgQuery__Constraint *k = PG_IS(ds->constraints[i], CONSTRAINT) ? ds->constraints[i]->constraint : NULL;
		if (!k)
			continue;
		if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL)
			sb_adds(&sb, " NOT NULL");
		else if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT)
			sb_addf(&sb, " DEFAULT %s", default_text(p, k->raw_expr, ds->type_name));
		else if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
			const char *e = expr_text(p, k->raw_expr);
			const char *nm = k->conname && *k->conname ? k->conname : NULL;
			if (!nm) {
				/* the server's name: domain_check, then domain_check1, ... */
				int dup = 0;
				for (const char *q = strstr(sb_str(&sb), " CONSTRAINT "); q; q = strstr(q + 1, " CONSTRAINT "))
					dup++;
				nm = dup ? arena_printf(p->a, "%s_check%d", td->name, dup) : arena_printf(p->a, "%s_check", td->name);
			}
			sb_adds(&sb, " CONSTRAINT ");
			sb_add_pg_ident(&sb, nm);
			sb_addf(&sb, " CHECK (%s)", e ? e : "?");
			if (k->skip_validation)
				sb_adds(&sb, " NOT VALID");
		}
	}
	td->definition = sb.len ? arena_strdup(p->a, sb_str(&sb) + 1) : NULL;
	sb_release(&sb);
	LIST_PUSH(p->a, &p->s->types, td);
	return 0;
}

static int do_composite(P *p, PgQuery__CompositeTypeStmt *cs, int loc)
{
	TypeDef *td = ARENA_NEW(p->a, TypeDef);
	td->schema = rv_schema(p, cs->typevar);
	td->name = arena_strdup(p->a, cs->typevar->relname);
	if (find_type(p, td->schema, td->name))
		return diag_error(p->d, loc_at(p, loc), "type \"%s.%s\" is defined twice", td->schema, td->name);
	td->kind = TYPE_COMPOSITE;
	td->loc = loc_at(p, loc);
	for (size_t i = 0; i < cs->n_coldeflist; i++) {
		PgQuery__ColumnDef *cd = PG_IS(cs->coldeflist[i], COLUMN_DEF) ? cs->coldeflist[i]->column_def : NULL;
		StrBuf sb;
		if (!cd)
			continue;
		pg_canon_typename(p->a, cd->type_name);
		sb_init(&sb);
		pg_add_ident_min(&sb, cd->colname);
		sb_addf(&sb, " %s", pg_format_typename(p->a, cd->type_name, p->cur_schema));
		if (cd->coll_clause)
			sb_addf(&sb, " COLLATE %s", node_names_text(p, cd->coll_clause->collname, cd->coll_clause->n_collname, true));
		LIST_PUSH(p->a, &td->labels, sb_take(&sb, p->a));
	}
	LIST_PUSH(p->a, &p->s->types, td);
	return 0;
}

static int do_create_range(P *p, PgQuery__CreateRangeStmt *rs, int loc)
{
	TypeDef *td = ARENA_NEW(p->a, TypeDef);
	StrBuf sb;
	qualify_name_list(p, rs->type_name, rs->n_type_name, &td->schema, &td->name);
	td->kind = TYPE_RANGE;
	td->loc = loc_at(p, loc);
	sb_init(&sb);
	for (size_t i = 0; i < rs->n_params; i++) {
		PgQuery__DefElem *de = PG_IS(rs->params[i], DEF_ELEM) ? rs->params[i]->def_elem : NULL;
		if (!de)
			continue;
		if (sb.len)
			sb_adds(&sb, ", ");
		sb_adds(&sb, str_lower(p->a, de->defname));
		sb_adds(&sb, " = ");
		if (PG_IS(de->arg, TYPE_NAME)) {
			pg_canon_typename(p->a, de->arg->type_name);
			sb_adds(&sb, pg_format_typename(p->a, de->arg->type_name, p->cur_schema));
		} else if (PG_IS(de->arg, LIST)) {
			sb_adds(&sb, node_names_text(p, de->arg->list->items, de->arg->list->n_items, true));
		} else if (pg_str(de->arg)) {
			sb_adds(&sb, pg_str(de->arg));
		}
	}
	td->definition = sb_take(&sb, p->a);
	LIST_PUSH(p->a, &p->s->types, td);
	return 0;
}

static int do_create_extension(P *p, PgQuery__CreateExtensionStmt *es, int loc)
{
	Extension *e = ARENA_NEW(p->a, Extension);
	for (int i = 0; i < p->s->extensions.n; i++)
		if (str_eq(p->s->extensions.v[i]->name, es->extname))
			return es->if_not_exists ? 0 : diag_error(p->d, loc_at(p, loc), "extension \"%s\" is defined twice", es->extname);
	e->name = arena_strdup(p->a, es->extname);
	e->loc = loc_at(p, loc);
	for (size_t i = 0; i < es->n_options; i++) {
		PgQuery__DefElem *de = PG_IS(es->options[i], DEF_ELEM) ? es->options[i]->def_elem : NULL;
		if (de && str_eq(de->defname, "schema"))
			e->schema = arena_strdup(p->a, pg_str(de->arg));
		else if (de && str_eq(de->defname, "new_version"))
			e->version = arena_strdup(p->a, pg_str(de->arg));
	}
	LIST_PUSH(p->a, &p->s->extensions, e);
	return 0;
}

/* The column type of a table as a TypeName, for the literal coercions the server prints
 * ('...'::uuid): its format_type() text reparsed. NULL when it does not parse. */
static PgQuery__TypeName *type_name_of(P *p, const char *type)
{
	PgQuery__TypeName *tn = NULL;
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(arena_printf(p->a, "SELECT NULL::%s", type));
	if (!r.error) {
		PgQuery__ParseResult *pr = pg_tree_unpack(p->a, &r.parse_tree);
		PgNode *sel = pr && pr->n_stmts ? pr->stmts[0]->stmt : NULL;
		if (PG_IS(sel, SELECT_STMT) && sel->select_stmt->n_target_list &&
		    PG_IS(sel->select_stmt->target_list[0]->res_target->val, TYPE_CAST))
			tn = sel->select_stmt->target_list[0]->res_target->val->type_cast->type_name;
	}
	pg_query_free_protobuf_parse_result(r);
	return tn;
}

/* One relation of a query's FROM list with what is known of its columns: a table of the
 * model, or a sub-select (its output names), or neither (a function, a view, a table the
 * model does not hold yet: nothing is resolved against it). */
typedef struct FromItem {
	const char *qual;               /* the alias, else the relation's name */
	const Table *t;
	PgQuery__SelectStmt *sub;
} FromItem;

#define FROM_MAX 32

typedef struct FromScope {
	P *p;
	FromItem v[FROM_MAX];
	int n;
	bool usable;                    /* false: USING / NATURAL joins, or too many items */
} FromScope;

static void from_collect(FromScope *fs, PgNode *n)
{
	P *p = fs->p;
	FromItem *it;
	if (PG_IS(n, JOIN_EXPR)) {
		PgQuery__JoinExpr *j = n->join_expr;
		/* columns merged by USING / NATURAL print unqualified: leave such queries alone */
		if (j->n_using_clause || j->is_natural || j->alias)
			fs->usable = false;
		from_collect(fs, j->larg);
		from_collect(fs, j->rarg);
		return;
	}
	if (fs->n == FROM_MAX) {
		fs->usable = false;
		return;
	}
	it = &fs->v[fs->n++];
	memset(it, 0, sizeof *it);
	if (PG_IS(n, RANGE_VAR)) {
		PgQuery__RangeVar *rv = n->range_var;
		PgQuery__Alias *al = rv->alias;
		it->qual = al && al->aliasname ? al->aliasname : rv->relname;
		if (!al || !al->n_colnames)
			it->t = find_table(p, rv_schema(p, rv), rv->relname);
	} else if (PG_IS(n, RANGE_SUBSELECT)) {
		PgQuery__RangeSubselect *rs = n->range_subselect;
		it->qual = rs->alias ? rs->alias->aliasname : NULL;
		if (rs->alias && !rs->alias->n_colnames && PG_IS(rs->subquery, SELECT_STMT))
			it->sub = rs->subquery->select_stmt;
	}
}

/* Does the item have a column of this name? (*col: the table's column when it is a table) */
static bool from_item_has(const FromItem *it, const char *name, const Column **col)
{
	if (it->t) {
		const Column *c = table_find_column(it->t, DIALECT_POSTGRES, name);
		if (col)
			*col = c;
		return c != NULL;
	}
	if (it->sub && !it->sub->larg) {
		for (size_t i = 0; i < it->sub->n_target_list; i++) {
			PgQuery__ResTarget *rt = PG_IS(it->sub->target_list[i], RES_TARGET) ? it->sub->target_list[i]->res_target : NULL;
			const char *nm = rt ? (rt->name ? rt->name : figure_colname(rt->val)) : NULL;
			if (nm && str_eq(nm, name))
				return true;
		}
	}
	return false;
}

static bool from_item_known(const FromItem *it)
{
	return it->t || (it->sub && !it->sub->larg);
}

/* The item a column reference names: by its qualifier, or (bare) the one item that has a
 * column of that name. NULL when none or several do. */
static const FromItem *from_resolve(const FromScope *fs, PgQuery__ColumnRef *cr, const char **colname, const Column **col)
{
	const FromItem *hit = NULL;
	*col = NULL;
	if (cr->n_fields == 2 && pg_str(cr->fields[0]) && pg_str(cr->fields[1])) {
		for (int i = 0; i < fs->n; i++)
			if (fs->v[i].qual && str_eq(fs->v[i].qual, pg_str(cr->fields[0]))) {
				*colname = pg_str(cr->fields[1]);
				return from_item_has(&fs->v[i], *colname, col) ? &fs->v[i] : NULL;
			}
		return NULL;
	}
	if (cr->n_fields != 1 || !pg_str(cr->fields[0]))
		return NULL;
	*colname = pg_str(cr->fields[0]);
	for (int i = 0; i < fs->n; i++) {
		const Column *c = NULL;
		if (from_item_has(&fs->v[i], *colname, &c)) {
			if (hit)
				return NULL;
			hit = &fs->v[i];
			*col = c;
		}
	}
	return hit;
}

typedef struct QualCtx {
	P *p;
	const char *qual;               /* single-relation queries: every bare name */
	const FromScope *fs;            /* else: names resolved against the FROM items */
} QualCtx;

static PgNode *mk_star(Arena *a)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_A_STAR;
	n->a_star = ARENA_NEW(a, PgQuery__AStar);
	pg_query__a__star__init(n->a_star);
	return n;
}

static void qualify_with(P *p, PgQuery__ColumnRef *cr, const char *qual, bool whole_row)
{
	PgNode **f = arena_alloc(p->a, 2 * sizeof(PgNode *));
	f[0] = pg_mk_string(p->a, qual);
	f[1] = whole_row ? mk_star(p->a) : cr->fields[0];
	cr->fields = f;
	cr->n_fields = 2;
}

/* A bare name that is no column of any item but an item's own name is its whole row. */
static const FromItem *whole_row_item(const FromScope *fs, const char *name)
{
	for (int i = 0; fs && i < fs->n; i++)
		if (fs->v[i].qual && str_eq(fs->v[i].qual, name) && from_item_known(&fs->v[i]))
			return &fs->v[i];
	return NULL;
}

/* col OP 'literal' with col of a known type T: the server resolves the literal as T and
 * prints '...'::T (the canonicaliser drops the casts to strings and numbers again). */
static void coerce_literal(QualCtx *q, PgQuery__AExpr *e)
{
	static const char *const ops[] = {"=", "<>", "<", ">", "<=", ">=", NULL};
	const char *op = e->n_name == 1 ? pg_str(e->name[0]) : NULL;
	bool known_op = false;
	if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP || !op || !q->fs)
		return;
	for (int i = 0; ops[i]; i++)
		known_op = known_op || !strcmp(ops[i], op);
	if (!known_op)
		return;
	for (int side = 0; side < 2; side++) {
		PgNode *c = side ? e->rexpr : e->lexpr, **k = side ? &e->lexpr : &e->rexpr;
		const char *nm = NULL;
		const Column *col = NULL;
		PgQuery__TypeName *tn;
		if (!PG_IS(c, COLUMN_REF) || !PG_IS(*k, A_CONST) || (*k)->a_const->isnull ||
		    (*k)->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL)
			continue;
		if (!from_resolve(q->fs, c->column_ref, &nm, &col) || !col || !col->type)
			continue;
		tn = type_name_of(q->p, col->type);
		if (tn)
			*k = pg_mk_typecast(q->p->a, *k, tn);
		return;
	}
}

static bool qualify_ref(PgNode *n, void *ctx)
{
	QualCtx *q = ctx;
	if (PG_IS(n, SUB_LINK) || PG_IS(n, SELECT_STMT) || PG_IS(n, RANGE_SUBSELECT))
		return false;
	if (PG_IS(n, A_EXPR))
		coerce_literal(q, n->a_expr);
	if (PG_IS(n, COLUMN_REF)) {
		PgQuery__ColumnRef *cr = n->column_ref;
		if (cr->n_fields == 1 && pg_str(cr->fields[0])) {
			const char *nm = NULL;
			const Column *col = NULL;
			const FromItem *it = q->fs ? from_resolve(q->fs, cr, &nm, &col) : NULL;
			const FromItem *row = whole_row_item(q->fs, pg_str(cr->fields[0]));
			if (it && it->qual)
				qualify_with(q->p, cr, it->qual, false);
			else if (!it && row)
				qualify_with(q->p, cr, row->qual, true);
			else if (q->qual)
				qualify_with(q->p, cr, q->qual, false);
		}
		return false;
	}
	return true;
}

/* (f(x)).* of a function returning a table's row type: the server expands it into one
 * target per column, (f(x)).col AS col. */
static void expand_row_star(P *p, PgQuery__SelectStmt *sel)
{
	size_t n = 0;
	PgNode **out = NULL;
	for (size_t i = 0; i < sel->n_target_list; i++) {
		PgQuery__ResTarget *rt = PG_IS(sel->target_list[i], RES_TARGET) ? sel->target_list[i]->res_target : NULL;
		PgQuery__AIndirection *ind = rt && PG_IS(rt->val, A_INDIRECTION) ? rt->val->a_indirection : NULL;
		const Table *t = NULL;
		if (ind && ind->n_indirection == 1 && PG_IS(ind->indirection[0], A_STAR) && PG_IS(ind->arg, FUNC_CALL)) {
			PgQuery__FuncCall *fc = ind->arg->func_call;
			const char *fn = pg_str(fc->funcname[fc->n_funcname - 1]);
			const char *fsch = fc->n_funcname == 2 ? pg_str(fc->funcname[0]) : p->cur_schema;
			for (int r = 0; r < p->s->routines.n && !t; r++) {
				Routine *ro = p->s->routines.v[r];
				const char *ret = ro->returns, *dot;
				if (!str_eq(ro->name, fn) || !str_eq(ro->schema, fsch) || !ret)
					continue;
				dot = strrchr(ret, '.');
				t = dot ? find_table(p, arena_strndup(p->a, ret, (size_t)(dot - ret)), dot + 1)
					: find_table(p, "public", ret);
			}
		}
		if (!t) {
			if (out)
				out[n++] = sel->target_list[i];
			continue;
		}
		{
			/* room for what is kept so far, this expansion and every target still to come */
			PgNode **bigger = arena_alloc(p->a, (n + (sel->n_target_list - i) + (size_t)t->columns.n) * sizeof(PgNode *));
			if (out)
				memcpy(bigger, out, n * sizeof(PgNode *));
			else
				for (size_t j = 0; j < i; j++)
					bigger[n++] = sel->target_list[j];
			out = bigger;
		}
		for (int c = 0; c < t->columns.n; c++) {
			PgNode *v = ARENA_NEW(p->a, PgNode), *tn = ARENA_NEW(p->a, PgNode);
			PgQuery__AIndirection *ni = ARENA_NEW(p->a, PgQuery__AIndirection);
			PgQuery__ResTarget *nr = ARENA_NEW(p->a, PgQuery__ResTarget);
			pg_query__node__init(v);
			pg_query__node__init(tn);
			pg_query__a__indirection__init(ni);
			pg_query__res_target__init(nr);
			ni->arg = ind->arg;
			ni->n_indirection = 1;
			ni->indirection = arena_alloc(p->a, sizeof(PgNode *));
			ni->indirection[0] = pg_mk_string(p->a, t->columns.v[c]->name);
			v->node_case = PG_QUERY__NODE__NODE_A_INDIRECTION;
			v->a_indirection = ni;
			nr->val = v;
			nr->name = arena_strdup(p->a, t->columns.v[c]->name);
			nr->location = -1;
			tn->node_case = PG_QUERY__NODE__NODE_RES_TARGET;
			tn->res_target = nr;
			out[n++] = tn;
		}
	}
	if (out) {
		sel->target_list = out;
		sel->n_target_list = n;
	}
}

/* ORDER BY a bare name that is an output column's name sorts by that column's expression
 * (output names come first for ORDER BY); the server prints the expression. */
static void order_by_output_names(PgQuery__SelectStmt *sel)
{
	for (size_t i = 0; i < sel->n_sort_clause; i++) {
		PgQuery__SortBy *sb = PG_IS(sel->sort_clause[i], SORT_BY) ? sel->sort_clause[i]->sort_by : NULL;
		PgQuery__ColumnRef *cr = sb && PG_IS(sb->node, COLUMN_REF) ? sb->node->column_ref : NULL;
		const char *nm = cr && cr->n_fields == 1 ? pg_str(cr->fields[0]) : NULL;
		PgNode *hit = NULL;
		int hits = 0;
		for (size_t j = 0; nm && j < sel->n_target_list; j++) {
			PgQuery__ResTarget *rt = PG_IS(sel->target_list[j], RES_TARGET) ? sel->target_list[j]->res_target : NULL;
			if (rt && rt->val && rt->name && str_eq(rt->name, nm) && !PG_IS(rt->val, COLUMN_REF)) {
				hit = rt->val;
				hits++;
			} else if (rt && rt->val && rt->name && str_eq(rt->name, nm) && PG_IS(rt->val, COLUMN_REF) &&
				   !(rt->val->column_ref->n_fields == 1 && str_eq(pg_str(rt->val->column_ref->fields[0]), nm))) {
				hit = rt->val;
				hits++;
			}
		}
		if (hits == 1)
			sb->node = hit;
	}
}

/* Server-like view text: single-table queries get qualified columns, and so do queries over
 * several relations whose columns the model knows (each bare name with the one relation that
 * has it); computed targets get the name the server gives them. */
/* names: does this SELECT name the result's columns? Only the leftmost branch of a UNION /
 * INTERSECT / EXCEPT does, and the server prints no column alias in the others. */
static void view_shape_select(P *p, PgQuery__SelectStmt *sel, bool names)
{
	const char *qual = NULL;
	FromScope *fs;
	QualCtx q;
	if (!sel)
		return;
	if (sel->larg || sel->rarg) {
		view_shape_select(p, sel->larg, names);
		view_shape_select(p, sel->rarg, false);
		return;
	}
	/* sub-selects in FROM are queries of their own */
	for (size_t i = 0; i < sel->n_from_clause; i++)
		if (PG_IS(sel->from_clause[i], RANGE_SUBSELECT) && PG_IS(sel->from_clause[i]->range_subselect->subquery, SELECT_STMT))
			view_shape_select(p, sel->from_clause[i]->range_subselect->subquery->select_stmt, true);
	if (sel->n_from_clause == 1 && PG_IS(sel->from_clause[0], RANGE_VAR)) {
		PgQuery__RangeVar *rv = sel->from_clause[0]->range_var;
		qual = rv->alias && rv->alias->aliasname ? rv->alias->aliasname : rv->relname;
	} else if (sel->n_from_clause == 1 && PG_IS(sel->from_clause[0], RANGE_SUBSELECT)) {
		PgQuery__Alias *al = sel->from_clause[0]->range_subselect->alias;
		qual = al && al->aliasname && !al->n_colnames ? al->aliasname : NULL;
	}
	fs = ARENA_NEW(p->a, FromScope);
	fs->p = p;
	fs->usable = true;
	for (size_t i = 0; i < sel->n_from_clause; i++)
		from_collect(fs, sel->from_clause[i]);
	if (names) {
		expand_row_star(p, sel);
		order_by_output_names(sel);
	}
	for (size_t i = 0; i < sel->n_target_list; i++) {
		PgQuery__ResTarget *rt = PG_IS(sel->target_list[i], RES_TARGET) ? sel->target_list[i]->res_target : NULL;
		if (!rt || !rt->val)
			continue;
		if (!names) {
			rt->name = NULL;
			continue;
		}
		if (PG_IS(rt->val, COLUMN_REF)) {
			const char *last = figure_colname(rt->val);
			if (rt->name && str_eq(rt->name, last))
				rt->name = NULL;
		} else if (!rt->name || !*rt->name) {
			const char *nm = figure_colname(rt->val);
			rt->name = arena_strdup(p->a, nm ? nm : "?column?");
		}
	}
	if (!qual && (!fs->usable || fs->n < 2))
		return;
	/* qualify bare column references of this query level (not inside sub-selects) */
	q.p = p;
	q.qual = qual;
	q.fs = fs->usable ? fs : NULL;
	for (size_t i = 0; i < sel->n_target_list; i++)
		pg_walk_nodes(sel->target_list[i]->res_target->val, qualify_ref, &q);
	for (size_t i = 0; i < sel->n_from_clause; i++)
		pg_walk_nodes(sel->from_clause[i], qualify_ref, &q);
	pg_walk_nodes(sel->where_clause, qualify_ref, &q);
	for (size_t i = 0; i < sel->n_group_clause; i++)
		pg_walk_nodes(sel->group_clause[i], qualify_ref, &q);
	pg_walk_nodes(sel->having_clause, qualify_ref, &q);
	for (size_t i = 0; i < sel->n_sort_clause; i++)
		pg_walk_nodes(sel->sort_clause[i], qualify_ref, &q);
}

static const char *view_query_text(P *p, PgNode *query, const char **source)
{
	const char *t;
	/* as written, for CREATE: the server keeps the casts and names the user gave (read with
	 * search_path = public, so only where the file reads names the same way) */
	*source = str_eq(p->cur_schema, "public") ? pg_deparse_stmt_written(p->a, query) : NULL;
	if (PG_IS(query, SELECT_STMT))
		view_shape_select(p, query->select_stmt, true);
	t = pg_deparse_stmt(p->a, query);
	if (!t)
		diag_error(p->d, loc_at(p, -1), "cannot print the query of a view");
	return t;
}

static int do_view(P *p, PgQuery__ViewStmt *vs, int loc)
{
	View *v;
	const char *sch = rv_schema(p, vs->view);
	v = find_view(p, sch, vs->view->relname);
	if (v && !vs->replace)
		return diag_error(p->d, loc_at(p, vs->view->location), "view \"%s.%s\" is defined twice", sch, vs->view->relname);
	if (!v) {
		v = ARENA_NEW(p->a, View);
		LIST_PUSH(p->a, &p->s->views, v);
	}
	v->schema = sch;
	v->name = arena_strdup(p->a, vs->view->relname);
	v->loc = loc_at(p, vs->view->location);
	(void)loc;
	strs_from_nodes(p, &v->columns, vs->aliases, vs->n_aliases);
	v->definition = view_query_text(p, vs->query, &v->source);
	if (vs->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION)
		v->check_option = "LOCAL";
	else if (vs->with_check_option == PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION)
		v->check_option = "CASCADED";
	{
		/* check_option given as WITH (check_option = ...) is the same thing */
		size_t keep = 0;
		PgNode **opts = arena_alloc(p->a, (vs->n_options + 1) * sizeof(PgNode *));
		for (size_t i = 0; i < vs->n_options; i++) {
			PgQuery__DefElem *de = PG_IS(vs->options[i], DEF_ELEM) ? vs->options[i]->def_elem : NULL;
			if (de && str_eq(de->defname, "check_option")) {
				v->check_option = str_upper(p->a, pg_str(de->arg));
				continue;
			}
			opts[keep++] = vs->options[i];
		}
		v->with_options = reloptions_text(p, opts, keep);
	}
	return v->definition ? 0 : -1;
}

static int do_matview(P *p, PgQuery__CreateTableAsStmt *cs, int loc)
{
	View *v;
	PgQuery__RangeVar *rv = cs->into->rel;
	const char *sch = rv_schema(p, rv);
	if (find_view(p, sch, rv->relname)) {
		if (cs->if_not_exists)
			return 0;
		return diag_error(p->d, loc_at(p, rv->location), "materialized view \"%s.%s\" is defined twice", sch, rv->relname);
	}
	v = ARENA_NEW(p->a, View);
	v->schema = sch;
	v->name = arena_strdup(p->a, rv->relname);
	v->materialized = true;
	v->loc = loc_at(p, loc);
	strs_from_nodes(p, &v->columns, cs->into->col_names, cs->into->n_col_names);
	v->with_options = reloptions_text(p, cs->into->options, cs->into->n_options);
	v->definition = view_query_text(p, cs->query, &v->source);
	LIST_PUSH(p->a, &p->s->views, v);
	return v->definition ? 0 : -1;
}

/* Function options the server does not print because they are the defaults. */
static bool fn_option_is_default(const PgQuery__DefElem *de)
{
	const char *v = pg_str(de->arg);
	if (str_eq(de->defname, "volatility"))
		return str_eq(v, "volatile");
	if (str_eq(de->defname, "strict"))
		return PG_IS(de->arg, BOOLEAN) && !de->arg->boolean->boolval;
	if (str_eq(de->defname, "security"))
		return PG_IS(de->arg, BOOLEAN) && !de->arg->boolean->boolval;
	if (str_eq(de->defname, "parallel"))
		return str_eq(v, "unsafe");
	if (str_eq(de->defname, "leakproof"))
		return PG_IS(de->arg, BOOLEAN) && !de->arg->boolean->boolval;
	return false;
}

static int cmp_defelem(const void *x, const void *y)
{
	const PgNode *a = *(PgNode *const *)x, *b = *(PgNode *const *)y;
	return strcmp(a->def_elem->defname, b->def_elem->defname);
}

static int do_function(P *p, PgQuery__CreateFunctionStmt *fs, int loc, PgNode *stmt)
{
	Routine *r = ARENA_NEW(p->a, Routine);
	StrBuf args;
	const char *sch, *name;
	size_t keep = 0;
	PgNode **opts;

	qualify_name_list(p, fs->funcname, fs->n_funcname, &sch, &name);
	r->schema = arena_strdup(p->a, sch);
	r->name = arena_strdup(p->a, name);
	r->kind = fs->is_procedure ? ROUTINE_PROCEDURE : ROUTINE_FUNCTION;
	r->loc = loc_at(p, loc);
	sb_init(&args);
	for (size_t i = 0; i < fs->n_parameters; i++) {
		PgQuery__FunctionParameter *fp = PG_IS(fs->parameters[i], FUNCTION_PARAMETER) ? fs->parameters[i]->function_parameter : NULL;
		if (!fp)
			continue;
		pg_canon_typename(p->a, fp->arg_type);
		/* IN is the default; the server spells it out for procedures */
		if (fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_IN)
			fp->mode = PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_DEFAULT;
		if (fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT ||
		    fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE)
			continue;
		if (args.len)
			sb_adds(&args, ", ");
		if (fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC)
			sb_adds(&args, "VARIADIC ");
		sb_adds(&args, pg_format_typename(p->a, fp->arg_type, p->cur_schema));
	}
	r->args = sb_take(&args, p->a);
	if (fs->return_type) {
		pg_canon_typename(p->a, fs->return_type);
		r->returns = pg_format_typename(p->a, fs->return_type, p->cur_schema);
	}
	opts = arena_alloc(p->a, (fs->n_options + 1) * sizeof(PgNode *));
	for (size_t i = 0; i < fs->n_options; i++) {
		PgQuery__DefElem *de = PG_IS(fs->options[i], DEF_ELEM) ? fs->options[i]->def_elem : NULL;
		if (!de)
			continue;
		if (str_eq(de->defname, "language")) {
			r->language = str_lower(p->a, pg_str(de->arg));
			de->arg = pg_mk_string(p->a, r->language);
		}
		/* SET timezone = ...: setting names are case-insensitive; the server prints its own
		 * spelling ("TimeZone") */
		if (str_eq(de->defname, "set") && PG_IS(de->arg, VARIABLE_SET_STMT) && de->arg->variable_set_stmt->name)
			de->arg->variable_set_stmt->name = (char *)str_lower(p->a, de->arg->variable_set_stmt->name);
		if (fn_option_is_default(de))
			continue;
		opts[keep++] = fs->options[i];
	}
	qsort(opts, keep, sizeof *opts, cmp_defelem);
	fs->options = opts;
	fs->n_options = keep;
	fs->replace = true;
	{
		PgNode **fn = arena_alloc(p->a, 2 * sizeof(PgNode *));
		fn[0] = pg_mk_string(p->a, r->schema);
		fn[1] = pg_mk_string(p->a, r->name);
		fs->funcname = fn;
		fs->n_funcname = 2;
	}
	r->definition = pg_deparse_stmt(p->a, stmt);
	if (!r->definition)
		return diag_error(p->d, loc_at(p, loc), "cannot print function \"%s\"", name);
	for (int i = 0; i < p->s->routines.n; i++) {
		Routine *o = p->s->routines.v[i];
		if (str_eq(o->schema, r->schema) && str_eq(o->name, r->name) && str_eq(o->args, r->args)) {
			p->s->routines.v[i] = r;
			return 0;
		}
	}
	LIST_PUSH(p->a, &p->s->routines, r);
	return 0;
}

/* CREATE AGGREGATE: kept as a routine whose definition is the canonical statement, options in
 * name order, the ones the server prints as defaults left out. */
static int do_aggregate(P *p, PgQuery__DefineStmt *ds, int loc, PgNode *stmt)
{
	Routine *r = ARENA_NEW(p->a, Routine);
	const char *sch, *name;
	StrBuf args;
	size_t keep = 0;
	PgNode **opts;

	qualify_name_list(p, ds->defnames, ds->n_defnames, &sch, &name);
	r->schema = arena_strdup(p->a, sch);
	r->name = arena_strdup(p->a, name);
	r->kind = ROUTINE_AGGREGATE;
	r->loc = loc_at(p, loc);
	sb_init(&args);
	if (ds->n_args >= 1 && PG_IS(ds->args[0], LIST)) {
		PgQuery__List *l = ds->args[0]->list;
		for (size_t i = 0; i < l->n_items; i++) {
			PgQuery__FunctionParameter *fp = PG_IS(l->items[i], FUNCTION_PARAMETER) ? l->items[i]->function_parameter : NULL;
			if (!fp)
				continue;
			pg_canon_typename(p->a, fp->arg_type);
			if (fp->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_IN)
				fp->mode = PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_DEFAULT;
			if (args.len)
				sb_adds(&args, ", ");
			sb_adds(&args, pg_format_typename(p->a, fp->arg_type, p->cur_schema));
		}
	}
	r->args = sb_take(&args, p->a);
	opts = arena_alloc(p->a, (ds->n_definition + 1) * sizeof(PgNode *));
	for (size_t i = 0; i < ds->n_definition; i++) {
		PgQuery__DefElem *de = PG_IS(ds->definition[i], DEF_ELEM) ? ds->definition[i]->def_elem : NULL;
		if (!de)
			continue;
		de->defname = str_lower(p->a, de->defname);
		if (str_eq(de->defname, "parallel") && str_ieq(pg_str(de->arg), "unsafe"))
			continue;
		opts[keep++] = ds->definition[i];
	}
	qsort(opts, keep, sizeof *opts, cmp_defelem);
	ds->definition = opts;
	ds->n_definition = keep;
	{
		PgNode **fn = arena_alloc(p->a, 2 * sizeof(PgNode *));
		fn[0] = pg_mk_string(p->a, r->schema);
		fn[1] = pg_mk_string(p->a, r->name);
		ds->defnames = fn;
		ds->n_defnames = 2;
	}
	r->definition = pg_deparse_stmt(p->a, stmt);
	if (!r->definition)
		return diag_error(p->d, loc_at(p, loc), "cannot print aggregate \"%s\"", name);
	LIST_PUSH(p->a, &p->s->routines, r);
	return 0;
}

static int do_trigger(P *p, PgQuery__CreateTrigStmt *ts, int loc)
{
	Trigger *tg = ARENA_NEW(p->a, Trigger);
	StrBuf sb;
	const char *fsch, *fname;
	tg->schema = rv_schema(p, ts->relation);
	tg->table = arena_strdup(p->a, ts->relation->relname);
	tg->name = arena_strdup(p->a, ts->trigname);
	tg->loc = loc_at(p, loc);
	tg->for_each_row = ts->row;
	tg->constraint_trigger = ts->isconstraint;
	if (ts->isconstraint && (ts->deferrable || ts->initdeferred))
		tg->deferral = ts->initdeferred ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE";
	tg->timing = (ts->timing & 2) ? "BEFORE" : (ts->timing & 64) ? "INSTEAD OF" : "AFTER";
	sb_init(&sb);
	if (ts->events & 4)
		sb_adds(&sb, " OR INSERT");
	if (ts->events & 8)
		sb_adds(&sb, " OR DELETE");
	if (ts->events & 16) {
		sb_adds(&sb, " OR UPDATE");
		for (size_t i = 0; i < ts->n_columns; i++) {
			sb_adds(&sb, i ? ", " : " OF ");
			pg_add_ident_min(&sb, pg_str(ts->columns[i]));
		}
	}
	if (ts->events & 32)
		sb_adds(&sb, " OR TRUNCATE");
	tg->events = sb.len > 4 ? arena_strdup(p->a, sb_str(&sb) + 4) : "";
	sb_reset(&sb);
	/* the function as the server prints it with search_path = public: "public." left out,
	 * other schemas kept, unqualified names (often pg_catalog's) left unqualified */
	fname = ts->n_funcname ? pg_str(ts->funcname[ts->n_funcname - 1]) : NULL;
	fsch = ts->n_funcname >= 2 ? pg_str(ts->funcname[ts->n_funcname - 2]) : NULL;
	sb_adds(&sb, "EXECUTE FUNCTION ");
	if (fsch && !str_eq(fsch, "public")) {
		pg_add_ident_min(&sb, fsch);
		sb_addc(&sb, '.');
	}
	pg_add_ident_min(&sb, fname);
	sb_addc(&sb, '(');
	for (size_t i = 0; i < ts->n_args; i++) {
		if (i)
			sb_adds(&sb, ", ");
		sb_add_pg_string(&sb, pg_str(ts->args[i]) ? pg_str(ts->args[i]) : "");
	}
	sb_addc(&sb, ')');
	tg->body = sb_take(&sb, p->a);
	if (ts->when_clause)
		tg->when_expr = expr_text(p, ts->when_clause);
	if (ts->n_transition_rels) {
		sb_init(&sb);
		for (size_t i = 0; i < ts->n_transition_rels; i++) {
			PgQuery__TriggerTransition *tt = PG_IS(ts->transition_rels[i], TRIGGER_TRANSITION) ? ts->transition_rels[i]->trigger_transition : NULL;
			if (!tt)
				continue;
			if (sb.len)
				sb_addc(&sb, ' ');
			sb_addf(&sb, "%s TABLE AS ", tt->is_new ? "NEW" : "OLD");
			pg_add_ident_min(&sb, tt->name);
		}
		tg->referencing = sb_take(&sb, p->a);
	}
	LIST_PUSH(p->a, &p->s->triggers, tg);
	return 0;
}

static int do_policy(P *p, PgQuery__CreatePolicyStmt *ps, int loc)
{
	Policy *po = ARENA_NEW(p->a, Policy);
	po->schema = rv_schema(p, ps->table);
	po->table = arena_strdup(p->a, ps->table->relname);
	po->name = arena_strdup(p->a, ps->policy_name);
	po->restrictive = !ps->permissive;
	po->command = str_upper(p->a, ps->cmd_name && *ps->cmd_name ? ps->cmd_name : "all");
	po->loc = loc_at(p, loc);
	for (size_t i = 0; i < ps->n_roles; i++) {
		PgQuery__RoleSpec *rs = PG_IS(ps->roles[i], ROLE_SPEC) ? ps->roles[i]->role_spec : NULL;
		if (!rs)
			continue;
		if (rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC)
			LIST_PUSH(p->a, &po->roles, "public");
		else if (rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER)
			LIST_PUSH(p->a, &po->roles, "CURRENT_USER");
		else if (rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER)
			LIST_PUSH(p->a, &po->roles, "SESSION_USER");
		else
			LIST_PUSH(p->a, &po->roles, arena_strdup(p->a, rs->rolename));
	}
	if (!po->roles.n)
		LIST_PUSH(p->a, &po->roles, "public");
	/* "col::text" of a column that is no string keeps its cast, as in the table's checks */
	p->expr_table = find_table(p, po->schema, po->table);
	if (ps->qual)
		po->using_expr = expr_text(p, ps->qual);
	if (ps->with_check)
		po->check_expr = expr_text(p, ps->with_check);
	LIST_PUSH(p->a, &p->s->policies, po);
	return 0;
}

static int do_comment(P *p, PgQuery__CommentStmt *cs, int loc)
{
	const char *text = cs->comment && *cs->comment ? arena_strdup(p->a, cs->comment) : NULL;
	PgNode *o = cs->object;
	PgNode **names = NULL;
	size_t nn = 0;
	const char *sch, *name;
	if (PG_IS(o, LIST)) {
		names = o->list->items;
		nn = o->list->n_items;
	}
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
		const char *nm = pg_str(o);
		for (int i = 0; i < p->s->namespaces.n; i++)
			if (str_eq(p->s->namespaces.v[i]->name, nm)) {
				p->s->namespaces.v[i]->comment = text;
				return 0;
			}
		if (str_eq(nm, "public")) {
			diag_warn(p->d, loc_at(p, loc), "the comment on schema \"public\" is ignored");
			return 0;
		}
		return diag_error(p->d, loc_at(p, loc), "schema \"%s\" does not exist", nm ? nm : "?");
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		/* an extension's comment is the extension's own (from its control file), which
		 * pg_dump copies into every dump: not part of the user's schema */
		p->ignored = true;
		if (p->st)
			p->st->ignored_statements++;
		return 0;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: {
		Table *t;
		View *v;
		Sequence *q;
		qualify_name_list(p, names, nn, &sch, &name);
		if (cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) {
			for (int i = 0; i < p->s->tables.n; i++) {
				Table *tt = p->s->tables.v[i];
				Index *ix = str_eq(tt->schema, sch) ? table_find_index(tt, DIALECT_POSTGRES, name) : NULL;
				if (ix) {
					ix->comment = text;
					return 0;
				}
			}
			for (int i = 0; i < p->s->views.n; i++) {
				View *vv = p->s->views.v[i];
				Index *ix = NULL;
				for (int j = 0; str_eq(vv->schema, sch) && j < vv->indexes.n; j++)
					if (str_eq(vv->indexes.v[j]->name, name))
						ix = vv->indexes.v[j];
				if (ix) {
					ix->comment = text;
					return 0;
				}
			}
			return diag_error(p->d, loc_at(p, loc), "index \"%s.%s\" does not exist", sch, name);
		}
		if ((t = find_table(p, sch, name))) {
			t->comment = text;
			return 0;
		}
		if ((v = find_view(p, sch, name))) {
			v->comment = text;
			return 0;
		}
		if ((q = find_sequence(p, sch, name))) {
			q->comment = text;
			return 0;
		}
		return diag_error(p->d, loc_at(p, loc), "relation \"%s.%s\" does not exist", sch, name);
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
		const char *col = nn ? pg_str(names[nn - 1]) : NULL;
		Table *t;
		Column *c;
		qualify_name_list(p, names, nn ? nn - 1 : 0, &sch, &name);
		t = find_table(p, sch, name);
		if (!t) {
			View *v = find_view(p, sch, name);
			if (v) {
				diag_warn(p->d, loc_at(p, loc), "comments on view columns are ignored");
				return 0;
			}
			return diag_error(p->d, loc_at(p, loc), "table \"%s.%s\" does not exist", sch, name ? name : "?");
		}
		c = table_find_column(t, DIALECT_POSTGRES, col);
		if (!c)
			return diag_error(p->d, loc_at(p, loc), "column \"%s\" of table \"%s\" does not exist", col, t->name);
		c->comment = text;
		return 0;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		TypeDef *td;
		PgQuery__TypeName *tn = PG_IS(o, TYPE_NAME) ? o->type_name : NULL;
		if (!tn)
			return diag_error(p->d, loc_at(p, loc), "malformed COMMENT ON TYPE");
		qualify_name_list(p, tn->names, tn->n_names, &sch, &name);
		td = find_type(p, sch, name);
		if (!td)
			return diag_error(p->d, loc_at(p, loc), "type \"%s.%s\" does not exist", sch, name);
		td->comment = text;
		return 0;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE: {
		PgQuery__ObjectWithArgs *ow = PG_IS(o, OBJECT_WITH_ARGS) ? o->object_with_args : NULL;
		StrBuf args;
		Routine *found = NULL;
		if (!ow)
			return diag_error(p->d, loc_at(p, loc), "malformed COMMENT ON FUNCTION");
		qualify_name_list(p, ow->objname, ow->n_objname, &sch, &name);
		sb_init(&args);
		for (size_t i = 0; i < ow->n_objargs; i++) {
			if (!PG_IS(ow->objargs[i], TYPE_NAME))
				continue;
			pg_canon_typename(p->a, ow->objargs[i]->type_name);
			if (args.len)
				sb_adds(&args, ", ");
			sb_adds(&args, pg_format_typename(p->a, ow->objargs[i]->type_name, p->cur_schema));
		}
		for (int i = 0; i < p->s->routines.n; i++) {
			Routine *r = p->s->routines.v[i];
			if (str_eq(r->schema, sch) && str_eq(r->name, name) && (ow->args_unspecified || str_eq(r->args, sb_str(&args))))
				found = r;
		}
		sb_release(&args);
		if (!found)
			return diag_error(p->d, loc_at(p, loc), "function \"%s.%s\" does not exist", sch, name);
		found->comment = text;
		return 0;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: {
		const char *obj = nn ? pg_str(names[nn - 1]) : NULL;
		Table *t;
		qualify_name_list(p, names, nn ? nn - 1 : 0, &sch, &name);
		if (cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) {
			for (int i = 0; i < p->s->triggers.n; i++) {
				Trigger *tg = p->s->triggers.v[i];
				if (str_eq(tg->schema, sch) && str_eq(tg->table, name) && str_eq(tg->name, obj)) {
					tg->comment = text;
					return 0;
				}
			}
			return diag_error(p->d, loc_at(p, loc), "trigger \"%s\" on \"%s\" does not exist", obj, name);
		}
		if (cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY) {
			diag_warn(p->d, loc_at(p, loc), "comments on policies are ignored");
			return 0;
		}
		t = find_table(p, sch, name);
		if (!t)
			return diag_error(p->d, loc_at(p, loc), "table \"%s.%s\" does not exist", sch, name ? name : "?");
		for (int i = 0; i < t->checks.n; i++)
			if (str_eq(t->checks.v[i]->name, obj)) {
				t->checks.v[i]->comment = text;
				return 0;
			}
		for (int i = 0; i < t->fks.n; i++)
			if (str_eq(t->fks.v[i]->name, obj)) {
				t->fks.v[i]->comment = text;
				return 0;
			}
		for (int i = 0; i < t->indexes.n; i++)
			if (str_eq(t->indexes.v[i]->name, obj) && t->indexes.v[i]->is_constraint) {
				t->indexes.v[i]->comment = text;
				return 0;
			}
		return diag_error(p->d, loc_at(p, loc), "constraint \"%s\" of table \"%s\" does not exist", obj, t->name);
	}
	default:
		diag_warn(p->d, loc_at(p, loc), "this kind of COMMENT ON is ignored");
		return 0;
	}
}

static const char *first_search_path(P *p, const char *value)
{
	/* "a, b" or "'$user', public" */
	char buf[256];
	size_t n = 0;
	const char *q = value;
	while (*q) {
		while (*q == ' ' || *q == ',' || *q == '"' || *q == '\'')
			q++;
		n = 0;
		while (*q && *q != ',' && *q != ' ' && *q != '"' && *q != '\'' && n + 1 < sizeof buf)
			buf[n++] = *q++;
		buf[n] = '\0';
		if (n && strcmp(buf, "$user") != 0)
			return arena_strdup(p->a, buf);
	}
	return "public";
}

static void set_search_path_args(P *p, PgNode **args, size_t n)
{
	StrBuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		PgNode *x = args[i];
		const char *s = NULL;
		if (PG_IS(x, A_CONST) && x->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
			s = x->a_const->sval->sval;
		if (s) {
			if (sb.len)
				sb_addc(&sb, ',');
			sb_adds(&sb, s);
		}
	}
	p->cur_schema = first_search_path(p, sb_str(&sb));
	sb_release(&sb);
}

static bool is_set_config(PgQuery__SelectStmt *sel, P *p)
{
	PgQuery__FuncCall *fc;
	const char *fn;
	if (!sel || sel->n_target_list != 1 || sel->n_from_clause)
		return false;
	if (!PG_IS(sel->target_list[0], RES_TARGET) || !PG_IS(sel->target_list[0]->res_target->val, FUNC_CALL))
		return false;
	fc = sel->target_list[0]->res_target->val->func_call;
	fn = fc->n_funcname ? pg_str(fc->funcname[fc->n_funcname - 1]) : NULL;
	if (str_eq(fn, "set_config")) {
		if (fc->n_args >= 2 && PG_IS(fc->args[0], A_CONST) && fc->args[0]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL &&
		    str_eq(fc->args[0]->a_const->sval->sval, "search_path"))
			set_search_path_args(p, fc->args + 1, 1);
		return true;
	}
	return false;
}

static int do_stmt(P *p, PgNode *stmt, int loc)
{
	p->expr_table = NULL;
	switch (stmt->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
		PgQuery__CreateSchemaStmt *cs = stmt->create_schema_stmt;
		Namespace *ns;
		if (cs->n_schema_elts)
			return diag_error(p->d, loc_at(p, loc), "CREATE SCHEMA with nested statements is not supported");
		if (str_eq(cs->schemaname, "public"))
			return 0;
		for (int i = 0; i < p->s->namespaces.n; i++)
			if (str_eq(p->s->namespaces.v[i]->name, cs->schemaname))
				return cs->if_not_exists ? 0 : diag_error(p->d, loc_at(p, loc), "schema \"%s\" is defined twice", cs->schemaname);
		ns = ARENA_NEW(p->a, Namespace);
		ns->name = arena_strdup(p->a, cs->schemaname);
		ns->loc = loc_at(p, loc);
		LIST_PUSH(p->a, &p->s->namespaces, ns);
		return 0;
	}
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		return do_create_table(p, stmt->create_stmt, loc);
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		return do_alter_table(p, stmt->alter_table_stmt, loc);
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		return do_create_index(p, stmt->index_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		return do_create_seq(p, stmt->create_seq_stmt, loc);
	case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
		return do_alter_seq(p, stmt->alter_seq_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		return do_create_enum(p, stmt->create_enum_stmt, loc);
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		return do_alter_enum(p, stmt->alter_enum_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		return do_create_domain(p, stmt->create_domain_stmt, loc);
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		return do_composite(p, stmt->composite_type_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
		return do_create_range(p, stmt->create_range_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
		return do_create_extension(p, stmt->create_extension_stmt, loc);
	case PG_QUERY__NODE__NODE_VIEW_STMT:
		return do_view(p, stmt->view_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		if (stmt->create_table_as_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW)
			return do_matview(p, stmt->create_table_as_stmt, loc);
		return diag_error(p->d, loc_at(p, loc), "CREATE TABLE ... AS is not supported: write the columns out");
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		return do_function(p, stmt->create_function_stmt, loc, stmt);
	case PG_QUERY__NODE__NODE_DEFINE_STMT:
		if (stmt->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE)
			return do_aggregate(p, stmt->define_stmt, loc, stmt);
		diag_warn(p->d, loc_at(p, loc), "CREATE OPERATOR, TEXT SEARCH and COLLATION definitions are not modelled yet and are ignored");
		p->ignored = true;
		return 0;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
		return do_trigger(p, stmt->create_trig_stmt, loc);
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		return do_policy(p, stmt->create_policy_stmt, loc);
	case PG_QUERY__NODE__NODE_COMMENT_STMT:
		return do_comment(p, stmt->comment_stmt, loc);
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
		if (str_eq(stmt->variable_set_stmt->name, "search_path") && !stmt->variable_set_stmt->is_local)
			set_search_path_args(p, stmt->variable_set_stmt->args, stmt->variable_set_stmt->n_args);
		if (p->st)
			p->st->ignored_statements++;
		return 0;
	case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
		if (p->st)
			p->st->ignored_statements++;
		return 0;
	case PG_QUERY__NODE__NODE_SELECT_STMT:
		if (is_set_config(stmt->select_stmt, p)) {
			if (p->st)
				p->st->ignored_statements++;
			return 0;
		}
		warn_once(p, &p->warned_select, loc, "SELECT statements");
		return 0;
	case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
		warn_once(p, &p->warned_owner, loc, "OWNER TO clauses");
		return 0;
	case PG_QUERY__NODE__NODE_GRANT_STMT:
	case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
	case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
		warn_once(p, &p->warned_grant, loc, "GRANT and REVOKE statements");
		return 0;
	case PG_QUERY__NODE__NODE_INSERT_STMT:
	case PG_QUERY__NODE__NODE_COPY_STMT:
	case PG_QUERY__NODE__NODE_UPDATE_STMT:
	case PG_QUERY__NODE__NODE_DELETE_STMT:
		p->data_count++;
		p->ignored = true;
		if (p->st)
			p->st->data_statements++;
		if (!p->warned_data) {
			p->warned_data = true;
			diag_warn(p->d, loc_at(p, loc), "data statements (INSERT, COPY, UPDATE, DELETE) are ignored");
		}
		return 0;
	default:
		diag_warn(p->d, loc_at(p, loc), "unsupported statement ignored");
		p->ignored = true;
		if (p->st)
			p->st->ignored_statements++;
		return 0;
	}
}

/* ---- text preparation and errors ---- */

/* Blank psql meta-command lines and COPY ... FROM stdin data (through the "\." line) with
 * spaces, keeping newlines, so byte offsets stay those of the user's file. */
static char *blank_meta(Arena *a, const char *text, size_t len, int *nblanked)
{
	char *out = arena_strndup(a, text, len);
	size_t i = 0;
	bool in_copy = false;
	*nblanked = 0;
	while (i < len) {
		size_t eol = i;
		while (eol < len && out[eol] != '\n')
			eol++;
		size_t s = i;
		while (s < eol && (out[s] == ' ' || out[s] == '\t'))
			s++;
		if (in_copy) {
			if (eol - s >= 2 && out[s] == '\\' && out[s + 1] == '.')
				in_copy = false;
			memset(out + i, ' ', eol - i);
		} else if (s < eol && out[s] == '\\') {
			memset(out + i, ' ', eol - i);
			(*nblanked)++;
		} else if (eol - s > 5 && !strncasecmp(out + s, "copy ", 5)) {
			/* a COPY ... FROM stdin; line: its data follows */
			char *line = arena_strndup(a, out + s, eol - s);
			char *l = str_lower(a, line);
			char *fr = strstr(l, " from stdin");
			if (fr && strchr(fr, ';'))
				in_copy = true;
		}
		i = eol + 1;
	}
	return out;
}

/* libpg_query's cursor position is 1-based in characters; the model's offsets are bytes. */
static uint32_t char_to_byte(const char *text, size_t len, int cursor)
{
	size_t b = 0;
	int c = 1;
	while (b < len && c < cursor) {
		unsigned char ch = (unsigned char)text[b];
		b += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		c++;
	}
	return (uint32_t)(b < len ? b : len);
}

/* A syntax error of the piece of text at byte base (len bytes): libpg_query's cursor counts
 * characters from 1 within the piece. */
static void report_syntax_error(P *p, const PgQueryError *e, size_t base, size_t len)
{
	const char *piece = p->text + base;
	uint32_t off = (uint32_t)base + (e->cursorpos > 0 ? char_to_byte(piece, len, e->cursorpos) : (uint32_t)len);
	SrcLoc l = {p->file, off, 0};
	size_t tl = 0, end = base + len;
	while (off + tl < end && !isspace((unsigned char)p->text[off + tl]) && p->text[off + tl] != ';' && tl < 64)
		tl++;
	l.len = (uint32_t)tl;
	/* the scanner quotes the rest of an unterminated string, its newline included */
	size_t ml = strlen(e->message);
	if (ml >= 2 && e->message[ml - 1] == '"' && e->message[ml - 2] == '\n')
		diag_error(p->d, l, "%.*s\"", (int)(ml - 2), e->message);
	else
		diag_error(p->d, l, "%s", e->message);
	if (strstr(e->message, "at end of input"))
		diag_hint(p->d, "the statement is incomplete: a closing parenthesis, quote or semicolon may be missing");
}

/* ---- "@renamed from=NAME" annotations ---- */

/* An object of this file that can carry a rename hint: where it starts and its hint field. */
typedef struct RenameTarget {
	uint32_t off;
	const char **slot;
} RenameTarget;

static void rename_target(P *p, RenameTarget *v, int *n, int cap, SrcLoc l, const char **slot)
{
	if (l.file != p->file || *n >= cap)
		return;
	v[*n].off = l.off;
	v[*n].slot = slot;
	(*n)++;
}

/* Renames are written as comments, as for MySQL: "-- @renamed from=old" on the line before a
 * table, column, index, type or view, or at the end of its line. An unquoted name is folded to
 * lower case like any PostgreSQL identifier; "Quoted" keeps its case. */
static void pg_annotations(P *p, const char *orig, size_t len)
{
	int n = 0, cap = 0;
	RenameTarget *v;
	const Schema *s = p->s;

	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		cap += 1 + t->columns.n + t->indexes.n;
	}
	cap += s->types.n + s->views.n;
	if (!strstr(orig, "@renamed") || cap == 0)
		return;
	v = arena_alloc(p->a, sizeof *v * (size_t)cap);
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		rename_target(p, v, &n, cap, t->loc, &t->renamed_from);
		for (int j = 0; j < t->columns.n; j++)
			rename_target(p, v, &n, cap, t->columns.v[j]->loc, &t->columns.v[j]->renamed_from);
		for (int j = 0; j < t->indexes.n; j++)
			rename_target(p, v, &n, cap, t->indexes.v[j]->loc, &t->indexes.v[j]->renamed_from);
	}
	for (int i = 0; i < s->types.n; i++)
		rename_target(p, v, &n, cap, s->types.v[i]->loc, &s->types.v[i]->renamed_from);
	for (int i = 0; i < s->views.n; i++)
		rename_target(p, v, &n, cap, s->views.v[i]->loc, &s->views.v[i]->renamed_from);

	for (const char *at = strstr(orig, "@renamed"); at; at = strstr(at + 1, "@renamed")) {
		const char *line = at, *q, *name;
		uint32_t off = (uint32_t)(at - orig), best_off = 0;
		const char **best = NULL;
		bool alone = true, in_comment = false;
		while (line > orig && line[-1] != '\n')
			line--;
		for (q = line; q < at; q++) {
			if (q[0] == '-' && q[1] == '-') {
				in_comment = true;
				break;
			}
			if (q[0] == '/' && q[1] == '*') {
				in_comment = true;
				break;
			}
			if (!isspace((unsigned char)*q))
				alone = false;
		}
		if (!in_comment)
			continue;
		q = at + 8;
		while (*q == ' ' || *q == '\t')
			q++;
		if (strncasecmp(q, "from=", 5) != 0) {
			diag_warn(p->d, (SrcLoc){p->file, off, 8}, "ignoring malformed annotation: expected \"@renamed from=name\"");
			continue;
		}
		q += 5;
		if (*q == '"') {
			StrBuf sb;
			sb_init(&sb);
			for (q++; *q && *q != '\n'; q++) {
				if (*q == '"' && q[1] == '"') {
					sb_addc(&sb, '"');
					q++;
				} else if (*q == '"') {
					break;
				} else {
					sb_addc(&sb, *q);
				}
			}
			name = sb_take(&sb, p->a);
		} else {
			const char *e = q;
			while (*e && !isspace((unsigned char)*e) && !(e[0] == '*' && e[1] == '/') && *e != ',')
				e++;
			name = str_lower(p->a, arena_strndup(p->a, q, (size_t)(e - q)));
		}
		if (!*name) {
			diag_warn(p->d, (SrcLoc){p->file, off, 8}, "ignoring malformed annotation: expected \"@renamed from=name\"");
			continue;
		}
		for (int k = 0; k < n; k++) {
			if (alone) {
				/* the first object after the comment */
				if (v[k].off > off && (!best || v[k].off < best_off)) {
					best = v[k].slot;
					best_off = v[k].off;
				}
			} else if (v[k].off >= (uint32_t)(line - orig) && v[k].off < off && (!best || v[k].off > best_off)) {
				/* the last object that starts on the annotation's line */
				best = v[k].slot;
				best_off = v[k].off;
			}
		}
		if (best && !*best)
			*best = name;
		else
			diag_warn(p->d, (SrcLoc){p->file, off, 8}, "annotation \"@renamed from=%s\" belongs to no table, column, index, type or view", name);
	}
	(void)len;
}

/* Parse text[base, base + len) with libpg_query. PostgreSQL 18's VIRTUAL generated columns do
 * not exist in 15: they are read as STORED, the nearest thing 15 has, with a warning (same
 * length, so offsets stay right). The piece is parsed as its own NUL-terminated copy. */
static PgQueryParseResult parse_piece(P *p, char *text, size_t base, size_t len)
{
	char *piece = arena_strndup(p->a, text + base, len);
	PgQueryParseResult r = pg_query_parse(piece);
	for (int tries = 0; r.error && tries < 1000; tries++) {
		uint32_t off = r.error->cursorpos > 0 ? char_to_byte(piece, len, r.error->cursorpos) : (uint32_t)len;
		if (off + 7 > len || strncasecmp(piece + off, "virtual", 7) != 0)
			break;
		memcpy(piece + off, "STORED ", 7);
		memcpy(text + base + off, "STORED ", 7);
		diag_warn(p->d, (SrcLoc){p->file, (uint32_t)(base + off), 7}, "VIRTUAL generated columns need PostgreSQL 18; read as STORED");
		pg_query_free_parse_result(r);
		r = pg_query_parse(piece);
	}
	p->piece = piece;
	return r;
}

/* Turn the statements of one parsed piece (at byte base of the text) into model objects. */
static int build_piece(P *p, PgQueryParseResult *r, size_t base, size_t flen)
{
	PgQuery__ParseResult *pr = tree_of(p->a, r->parse_tree, p->piece);
	const char *text = p->text;
	int rc = 0;

	if (!pr)
		return diag_error(p->d, LOC_NONE, "internal: cannot read libpg_query's parse tree");
	for (size_t i = 0; i < pr->n_stmts; i++) {
		PgQuery__RawStmt *raw = pr->stmts[i];
		int before = p->d->errors;
		int loc = (int)base + raw->stmt_location;
		/* point at the statement's first word, not the whitespace and comments before it */
		for (;;) {
			while (loc < (int)flen && isspace((unsigned char)text[loc]))
				loc++;
			if (loc + 1 < (int)flen && text[loc] == '-' && text[loc + 1] == '-') {
				while (loc < (int)flen && text[loc] != '\n')
					loc++;
			} else if (loc + 1 < (int)flen && text[loc] == '/' && text[loc + 1] == '*') {
				const char *end = strstr(text + loc + 2, "*/");
				loc = end ? (int)(end - text) + 2 : (int)flen;
			} else {
				break;
			}
		}
		if (!raw->stmt)
			continue;
		p->ignored = false;
		p->base = base;
		if (do_stmt(p, raw->stmt, loc - (int)base) < 0 || p->d->errors > before)
			rc = -1;
		else if (p->st && !p->ignored && raw->stmt->node_case != PG_QUERY__NODE__NODE_VARIABLE_SET_STMT &&
			 raw->stmt->node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT &&
			 raw->stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
			p->st->statements++;
	}
	return rc;
}

/* Only blanks and semicolons in text[from, to)? */
static bool blank_between(const char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!isspace((unsigned char)text[i]) && text[i] != ';')
			return false;
	return true;
}

/* Pieces joined to one that ends too early, looking for the end of a statement whose body
 * holds semicolons (BEGIN ATOMIC ... END, CREATE RULE ... DO (a; b)). */
#define MAX_JOIN 256

/*
 * The text is cut at the semicolons libpg_query's scanner finds (outside quotes, dollar
 * quotes and comments) and each piece is parsed on its own. That is what lets one run report
 * every syntax error of a file, each at its own statement, and go on building the model from
 * the statements that do parse; it is also about three times faster than one parse of a large
 * file, whose parse tree libpg_query would otherwise keep whole in memory. A piece that ends
 * inside a statement (a body holding semicolons) fails "at end of input" and is parsed again
 * joined to the pieces after it until the joined text parses.
 */
static int parse_text(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends,
		      const PgPieceColumns *const *cols, PgColumnMemo *memo);

int pg_parse(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st)
{
	return parse_text(a, d, file_id, s, st, NULL, -1, NULL, NULL);
}

int pg_parse_pieces(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends)
{
	return parse_text(a, d, file_id, s, st, ends, nends, NULL, NULL);
}

int pg_parse_pieces_cols(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends,
			 const PgPieceColumns *const *cols, PgColumnMemo *memo)
{
	return parse_text(a, d, file_id, s, st, ends, nends, cols && memo ? cols : NULL, memo);
}

/*
 * Pieces given by the caller (the catalogue's statements) are independent of each other, so
 * a second thread runs libpg_query's parse (about half of the front end's time) ahead of the
 * thread that builds the model: each piece is parsed by whichever thread claims it first
 * (the builder claims the one it needs when the other has not, and otherwise waits for it).
 * libpg_query keeps its memory per thread. The helper thread touches only its own copies of
 * the text and the result slots; the arena, the diagnostics and the model stay with the
 * caller's thread.
 */
enum { PREFETCH_MIN = 64 };  /* fewer pieces are parsed by the caller's thread alone */

typedef struct Prefetch {
	const char *text;             /* the blanked text (not written while the helper runs) */
	PgQuerySplitStmt **stmts;
	int n;
	PgQueryParseResult *res;      /* res[i]: the helper's result, once done[i] */
	bool *done, *used;            /* under mu; used: taken by the caller */
	atomic_int next;              /* the first piece nobody has claimed */
	atomic_bool stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	bool running;
} Prefetch;

static void *prefetch_run(void *arg)
{
	Prefetch *pf = arg;
	for (;;) {
		int i = atomic_fetch_add(&pf->next, 1);
		if (i >= pf->n || atomic_load(&pf->stop))
			break;
		size_t len = (size_t)pf->stmts[i]->stmt_len;
		char *piece = malloc(len + 1);
		if (!piece) {
			fputs("sqlshape: out of memory\n", stderr);
			abort();
		}
		memcpy(piece, pf->text + pf->stmts[i]->stmt_location, len);
		piece[len] = '\0';
		PgQueryParseResult r = pg_query_parse(piece);
		free(piece);
		pthread_mutex_lock(&pf->mu);
		pf->res[i] = r;
		pf->done[i] = true;
		pthread_cond_signal(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
	}
	return NULL;
}

/* Starts the helper over the n pieces (when there are enough and a thread can be made). */
static void prefetch_start(Prefetch *pf, Arena *a, const char *text, PgQuerySplitStmt **stmts, int n)
{
	memset(pf, 0, sizeof *pf);
	if (n < PREFETCH_MIN)
		return;
	pf->text = text;
	pf->stmts = stmts;
	pf->n = n;
	pf->res = arena_alloc(a, (size_t)n * sizeof *pf->res);
	pf->done = arena_alloc(a, (size_t)n * sizeof *pf->done);
	pf->used = arena_alloc(a, (size_t)n * sizeof *pf->used);
	memset(pf->done, 0, (size_t)n * sizeof *pf->done);
	memset(pf->used, 0, (size_t)n * sizeof *pf->used);
	atomic_init(&pf->next, 0);
	atomic_init(&pf->stop, false);
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->cv, NULL);
	/* from the first piece on; the caller claims the one it needs when the helper has not */
	pf->running = pthread_create(&pf->thread, NULL, prefetch_run, pf) == 0;
	if (!pf->running) {
		pthread_cond_destroy(&pf->cv);
		pthread_mutex_destroy(&pf->mu);
	}
}

/* Piece i's parse result from the helper into *out (true), or false when the caller is to
 * parse it itself (the helper had not claimed it: now the caller has). */
static bool prefetch_take(Prefetch *pf, int i, PgQueryParseResult *out)
{
	int expect = i;
	if (!pf->running || i >= pf->n || atomic_compare_exchange_strong(&pf->next, &expect, i + 1))
		return false;
	pthread_mutex_lock(&pf->mu);
	while (!pf->done[i])
		pthread_cond_wait(&pf->cv, &pf->mu);
	*out = pf->res[i];
	pf->used[i] = true;
	pthread_mutex_unlock(&pf->mu);
	return true;
}

/* Stops and joins the helper; frees the results nobody took. */
static void prefetch_finish(Prefetch *pf)
{
	if (!pf->running)
		return;
	atomic_store(&pf->stop, true);
	pthread_join(pf->thread, NULL);
	for (int i = 0; i < pf->n; i++)
		if (pf->done[i] && !pf->used[i])
			pg_query_free_parse_result(pf->res[i]);
	pthread_cond_destroy(&pf->cv);
	pthread_mutex_destroy(&pf->mu);
	pf->running = false;
}

/* pg_parse, with the text cut by libpg_query's scanner, or (nends >= 0) at the given ends
 * (cols: see pg_parse_pieces_cols). */
static int parse_text(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, const size_t *ends, int nends,
		      const PgPieceColumns *const *cols, PgColumnMemo *memo)
{
	int *piece_of = NULL;  /* with cols: the end index of each piece */
	const DiagFile *f = diag_file(d, file_id);
	PgQuerySplitResult sr;
	P p = {0};
	Prefetch pf = {0};
	int nblanked = 0, rc = 0;
	size_t done = 0;    /* the text before this offset has been parsed */
	char *text;

	if (!f)
		return diag_error(d, LOC_NONE, "internal: unknown file id %d", file_id);
	p.a = a;
	p.d = d;
	p.file = file_id;
	p.s = s;
	p.st = st;
	p.cur_schema = "public";
	p.col_memo = memo;
	text = blank_meta(a, f->text, f->len, &nblanked);
	p.text = text;
	if (st)
		st->ignored_statements += nblanked;
	if (memchr(f->text, '\0', f->len))
		return diag_error(d, (SrcLoc){file_id, (uint32_t)((const char *)memchr(f->text, '\0', f->len) - f->text), 0},
				  "the file contains a NUL byte");
	if (nends >= 0) {
		/* the caller's pieces: [previous end, end), then the rest of the text */
		size_t from = 0;
		memset(&sr, 0, sizeof sr);
		sr.stmts = arena_alloc(a, (size_t)(nends + 1) * sizeof *sr.stmts);
		if (cols)
			piece_of = arena_alloc(a, (size_t)(nends + 1) * sizeof *piece_of);
		for (int i = 0; i <= nends; i++) {
			size_t to = i < nends ? ends[i] : f->len;
			if (to <= from || to > f->len)
				continue;
			PgQuerySplitStmt *ps = arena_alloc(a, sizeof *ps);
			ps->stmt_location = (int)from;
			ps->stmt_len = (int)(to - from);
			if (piece_of)
				piece_of[sr.n_stmts] = i;
			sr.stmts[sr.n_stmts++] = ps;
			from = to;
		}
	} else {
		sr = pg_query_split_with_scanner(text);
	}
	if (sr.error) {
		/* the scanner stops only at an unterminated quote or comment: parsing the whole text
		 * reports it at the right place */
		PgQueryParseResult r;
		pg_query_free_split_result(sr);
		r = parse_piece(&p, text, 0, f->len);
		if (r.error) {
			report_syntax_error(&p, r.error, 0, f->len);
			rc = -1;
		} else if (build_piece(&p, &r, 0, f->len) < 0) {
			rc = -1;
		}
		pg_query_free_parse_result(r);
		return rc;
	}
	if (nends >= 0)
		prefetch_start(&pf, a, text, sr.stmts, (int)sr.n_stmts);
	for (int i = 0; i <= sr.n_stmts; i++) {
		size_t base = i < sr.n_stmts ? (size_t)sr.stmts[i]->stmt_location : f->len, len;
		PgQueryParseResult r;
		/* text the scanner left out of every piece (it leaves out an unfinished last
		 * statement) is parsed too, so nothing is dropped unseen */
		if (base > done && !blank_between(text, done, base)) {
			r = parse_piece(&p, text, done, base - done);
			if (r.error) {
				report_syntax_error(&p, r.error, done, base - done);
				rc = -1;
			} else if (build_piece(&p, &r, done, f->len) < 0) {
				rc = -1;
			}
			pg_query_free_parse_result(r);
		}
		if (i == sr.n_stmts)
			break;
		len = (size_t)sr.stmts[i]->stmt_len;
		done = base + len;
		if (prefetch_take(&pf, i, &r)) {
			if (r.error) {
				/* parsed again here, where an error is handled */
				pg_query_free_parse_result(r);
				r = parse_piece(&p, text, base, len);
			} else {
				p.piece = arena_strndup(p.a, text + base, len);
			}
		} else {
			r = parse_piece(&p, text, base, len);
		}
		if (r.error && strstr(r.error->message, "at end of input")) {
			for (int j = i + 1; j < sr.n_stmts && j <= i + MAX_JOIN; j++) {
				size_t jlen = (size_t)sr.stmts[j]->stmt_location + (size_t)sr.stmts[j]->stmt_len - base;
				PgQueryParseResult rj = parse_piece(&p, text, base, jlen);
				if (!rj.error) {
					pg_query_free_parse_result(r);
					r = rj;
					len = jlen;
					done = base + len;
					i = j;
					break;
				}
				pg_query_free_parse_result(rj);
			}
		}
		p.pending_cols = piece_of ? cols[piece_of[i]] : NULL;
		if (r.error) {
			report_syntax_error(&p, r.error, base, len);
			rc = -1;
		} else if (build_piece(&p, &r, base, f->len) < 0) {
			rc = -1;
		} else if (p.pending_cols) {
			rc = diag_error(d, (SrcLoc){file_id, (uint32_t)base, 0}, "internal: a catalogue piece's columns found no CREATE TABLE");
		}
		p.pending_cols = NULL;
		pg_query_free_parse_result(r);
	}
	prefetch_finish(&pf);
	if (nends < 0)
		pg_query_free_split_result(sr);
	if (p.data_count > 1)
		diag_note(d, "%d data statements were ignored", p.data_count);
	if (rc == 0)
		pg_annotations(&p, f->text, f->len);
	return rc;
}

const char *pg_expr_canonical(Arena *a, Diag *d, const char *text)
{
	char *sql = arena_printf(a, "SELECT %s", text);
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	PgQuery__ParseResult *pr;
	const char *out = NULL;
	if (r.error) {
		diag_error(d, LOC_NONE, "cannot parse expression \"%s\": %s", text, r.error->message);
		pg_query_free_protobuf_parse_result(r);
		return NULL;
	}
	pr = pg_tree_unpack(a, &r.parse_tree);
	pg_query_free_protobuf_parse_result(r);
	if (pr && pr->n_stmts == 1 && PG_IS(pr->stmts[0]->stmt, SELECT_STMT) && pr->stmts[0]->stmt->select_stmt->n_target_list == 1)
		out = pg_deparse_expr(a, pr->stmts[0]->stmt->select_stmt->target_list[0]->res_target->val);
	if (!out)
		diag_error(d, LOC_NONE, "cannot print expression \"%s\"", text);
	return out;
}

/* Whether an expression holds a literal whose text the server respells when it stores it
 * ('1.50'::money, interval '1 day', B'101', '2020-01-01'::date, ...): a cast of a constant to
 * any type but the string types and regclass (nextval's argument, which pg_canon.c settles),
 * or a bit-string constant. Such text cannot be made canonical without the server's input
 * and output functions, so the executor asks the server for its spelling. A bare string
 * counts too: next to a column of another type the server casts it. */
static bool typed_literal_visit(PgNode *n, void *ctx)
{
	bool *found = ctx;
	if (PG_IS(n, A_CONST) && n->a_const->val_case == PG_QUERY__A__CONST__VAL_BSVAL)
		*found = true;
	/* an array constructor cast as a whole: ARRAY[...]::text[] (the server drops or keeps the
	 * cast depending on the element types) */
	if (PG_IS(n, TYPE_CAST) && PG_IS(n->type_cast->arg, A_ARRAY_EXPR))
		*found = true;
	/* a typed NULL: stored or not depending on the coercion to the column's type */
	if (PG_IS(n, TYPE_CAST) && PG_IS(n->type_cast->arg, A_CONST) && n->type_cast->arg->a_const->isnull)
		*found = true;
	if (PG_IS(n, TYPE_CAST) && PG_IS(n->type_cast->arg, A_CONST) && !n->type_cast->arg->a_const->isnull &&
	    n->type_cast->type_name && n->type_cast->type_name->n_names) {
		const PgQuery__TypeName *tn = n->type_cast->type_name;
		const char *last = pg_str(tn->names[tn->n_names - 1]);
		if (tn->n_array_bounds || !(typename_is_stringish(tn) || str_eq(last, "regclass") || str_eq(last, "bool")))
			*found = true;
		return false;  /* a string constant cast to a string type, regclass or bool */
	}
	/* a bare string compared with a column of another type ('00:00:00' with a time column):
	 * the server casts it to that type and prints the cast */
	if (PG_IS(n, A_CONST) && n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
		*found = true;
	return !*found;
}

bool pg_expr_has_typed_literal(Arena *a, const char *text)
{
	char *sql = arena_printf(a, "SELECT %s", text);
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	PgQuery__ParseResult *pr;
	bool found = false;
	if (r.error) {
		pg_query_free_protobuf_parse_result(r);
		return false;
	}
	pr = pg_tree_unpack(a, &r.parse_tree);
	pg_query_free_protobuf_parse_result(r);
	if (pr && pr->n_stmts == 1)
		pg_walk_nodes(pr->stmts[0]->stmt, typed_literal_visit, &found);
	return found;
}
