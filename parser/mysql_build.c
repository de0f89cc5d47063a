/*
 * mysql_build.c: what the grammar's actions do. Builds the "as written" model: names unquoted,
 * type aliases resolved to base names, expressions printed canonically, nothing implicit added
 * (no default widths, no implied NOT NULL, no generated index names: that is normalisation).
 * Semantic errors (duplicates, unknown tables, out-of-range numbers) are reported here with the
 * earlier definition as a hint. Every function tolerates a context left half-built by an earlier
 * error in the same statement: it must never crash on any input.
 */
#include "parser/mysql_build.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar/mysql.h"

/* ---- tokens ---- */

/* The buffer's text in the arena; the buffer is released. */
static const char *take(StrBuf *sb, Arena *a)
{
	const char *s = sb_to_arena(sb, a);
	sb_release(sb);
	return s;
}

SrcLoc b_loc(MyCtx *ctx, Token t)
{
	SrcLoc l = {ctx->file, t.off, t.n};
	if (!t.z)
		l.off = ctx->cur.off, l.len = ctx->cur.n;
	return l;
}

Token b_no_token(MyCtx *ctx)
{
	Token t;
	memset(&t, 0, sizeof t);
	t.off = ctx->cur.off;
	t.idx = -1;
	return t;
}

Token b_make_token(MyCtx *ctx, const char *text)
{
	Token t = b_no_token(ctx);
	t.z = text;
	t.n = (uint32_t)strlen(text);
	t.word = 1;
	return t;
}

Token b_token_join(MyCtx *ctx, Token a, Token b)
{
	(void)ctx;
	if (b.off + b.n > a.off)
		a.n = b.off + b.n - a.off;
	a.code = -1; /* a run of adjacent strings */
	return a;
}

Token b_token_span(MyCtx *ctx, Token a, Token b)
{
	(void)ctx;
	if (b.off + b.n > a.off)
		a.n = b.off + b.n - a.off;
	a.code = 0;
	a.quoted = 0;
	a.word = 0;
	return a;
}

static bool is_string_token(Token t)
{
	return t.z && t.n > 0 && (t.z[0] == '\'' || t.z[0] == '"' || t.code == -1 || t.code == TK_STRING ||
				  t.code == TK_NSTRING);
}

/* Identifier or string value of a token. */
const char *b_token_text(MyCtx *ctx, Token t)
{
	if (!t.z)
		return NULL;
	if (is_string_token(t))
		return mysql_string_value(ctx->a, &t);
	return mysql_ident_value(ctx->a, &t);
}

const char *b_upper(MyCtx *ctx, Token t)
{
	return str_upper(ctx->a, b_token_text(ctx, t));
}

static const char *lower_text(MyCtx *ctx, Token t)
{
	return str_lower(ctx->a, b_token_text(ctx, t));
}

int b_int(MyCtx *ctx, Token t)
{
	char buf[32];
	long v;
	if (!t.z)
		return -1;
	if (t.n >= sizeof buf) {
		diag_error(ctx->d, b_loc(ctx, t), "number \"%.*s\" is too large", (int)(t.n > 40 ? 40 : t.n), t.z);
		ctx->errors++;
		return 0;
	}
	memcpy(buf, t.z, t.n);
	buf[t.n] = '\0';
	errno = 0;
	v = strtol(buf, NULL, 10);
	if (errno || v > INT_MAX || v < 0) {
		diag_error(ctx->d, b_loc(ctx, t), "number \"%s\" is too large", buf);
		ctx->errors++;
		return 0;
	}
	return (int)v;
}

static long long int64_of(MyCtx *ctx, Token t)
{
	char buf[32];
	long long v;
	if (t.n >= sizeof buf) {
		diag_error(ctx->d, b_loc(ctx, t), "number is too large");
		ctx->errors++;
		return 0;
	}
	memcpy(buf, t.z, t.n);
	buf[t.n] = '\0';
	errno = 0;
	v = strtoll(buf, NULL, 10);
	if (errno) {
		diag_error(ctx->d, b_loc(ctx, t), "number \"%s\" is too large", buf);
		ctx->errors++;
		return 0;
	}
	return v;
}

StrList *b_strlist(MyCtx *ctx, StrList *l, Token ident)
{
	if (!l)
		l = ARENA_NEW(ctx->a, StrList);
	LIST_PUSH(ctx->a, l, mysql_ident_value(ctx->a, &ident));
	return l;
}

StrList *b_strlist_str(MyCtx *ctx, StrList *l, Token str)
{
	if (!l)
		l = ARENA_NEW(ctx->a, StrList);
	LIST_PUSH(ctx->a, l, mysql_string_value(ctx->a, &str));
	return l;
}

void b_ignore(MyCtx *ctx)
{
	(void)ctx;
}

Token b_if_exists(MyCtx *ctx, Token name)
{
	ctx->if_exists = true;
	return name;
}

static void sem_error_hint(MyCtx *ctx, SrcLoc loc, SrcLoc earlier, const char *what, const char *name)
{
	int line, col;
	const DiagFile *f = diag_file(ctx->d, earlier.file);
	diag_error(ctx->d, loc, "duplicate %s \"%s\"", what, name ? name : "");
	ctx->errors++;
	if (f) {
		diag_line_col(ctx->d, earlier, &line, &col);
		diag_hint(ctx->d, "\"%s\" was first defined at %s:%d:%d", name ? name : "", f->name, line, col);
	}
}

/* ---- annotations ---- */

/* The "@renamed from=" annotation of a definition spanning tokens [first, last], if any: one
 * right before it (only comments between), or one on the line of its last token or the comma. */
static const char *take_annotation(MyCtx *ctx, int first, int last)
{
	AnnotationList *l = &ctx->lx->annotations;
	for (int i = 0; i < l->n; i++) {
		Annotation *an = l->v[i];
		if (an->used)
			continue;
		if ((an->same_line && an->tok_before >= first && an->tok_before <= last + 1) ||
		    (!an->same_line && an->tok_before == first - 1)) {
			an->used = true;
			return an->from;
		}
	}
	return NULL;
}

/* ---- the table index ---- */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void tix_put(MyCtx *ctx, Table *t)
{
	TableIndex *x = ctx->tix;
	uint32_t i;
	if (!x || !t->name)
		return;
	if (2 * (x->n + 1) > x->cap) {
		Table **old = x->slot;
		int oldcap = x->cap;
		x->cap = x->cap ? x->cap * 2 : 256;
		x->slot = arena_alloc(ctx->a, (size_t)x->cap * sizeof *x->slot);
		x->n = 0;
		for (int k = 0; k < oldcap; k++)
			if (old[k])
				tix_put(ctx, old[k]);
	}
	for (i = name_hash(t->name) & (uint32_t)(x->cap - 1); x->slot[i]; i = (i + 1) & (uint32_t)(x->cap - 1)) {
		if (str_eq(x->slot[i]->name, t->name)) {
			x->slot[i] = t;
			return;
		}
	}
	x->slot[i] = t;
	x->n++;
}

void b_table_index_rebuild(MyCtx *ctx)
{
	TableIndex *x = ctx->tix;
	if (!x)
		return;
	if (x->slot)
		memset(x->slot, 0, (size_t)x->cap * sizeof *x->slot);
	x->n = 0;
	for (int i = 0; i < ctx->s->tables.n; i++)
		tix_put(ctx, ctx->s->tables.v[i]);
}

Table *b_find_table(MyCtx *ctx, const char *name)
{
	TableIndex *x = ctx->tix;
	if (!name)
		return NULL;
	if (!x)
		return schema_find_table(ctx->s, NULL, name);
	if (!x->cap)
		return NULL;
	for (uint32_t i = name_hash(name) & (uint32_t)(x->cap - 1); x->slot[i]; i = (i + 1) & (uint32_t)(x->cap - 1))
		if (str_eq(x->slot[i]->name, name))
			return x->slot[i];
	return NULL;
}

static View *find_view(MyCtx *ctx, const char *name)
{
	return ctx->s->views.n ? schema_find_view(ctx->s, NULL, name) : NULL;
}

static int find_sequence_at(MyCtx *ctx, const char *name);

/* ---- tables ---- */

static void reset_objects(MyCtx *ctx)
{
	ctx->col = NULL;
	ctx->idx = NULL;
	ctx->fk = NULL;
	ctx->last_check = NULL;
	ctx->part = NULL;
	ctx->pdef = NULL;
	ctx->psub = NULL;
	ctx->constraint_name = NULL;
	ctx->colmode = COLMODE_ADD;
}

void b_table_begin(MyCtx *ctx, Token name, int if_not_exists)
{
	const char *n = mysql_ident_value(ctx->a, &name);
	Table *old = b_find_table(ctx, n);
	Table *t = ARENA_NEW(ctx->a, Table);

	reset_objects(ctx);
	t->name = n;
	t->loc = b_loc(ctx, name);
	ctx->tbl = t;
	ctx->tbl_is_new = true;
	ctx->alter = false;
	ctx->tbl_head_tok = ctx->cur.idx;
	if (ctx->algorithm || ctx->definer || ctx->security) {
		diag_error(ctx->d, b_loc(ctx, name), "ALGORITHM, DEFINER and SQL SECURITY do not apply to tables");
		ctx->errors++;
	}
	if (old && !ctx->or_replace) {
		if (if_not_exists) {
			ctx->tbl_skip = true;
			return;
		}
		sem_error_hint(ctx, b_loc(ctx, name), old->loc, "table", n);
		ctx->tbl_skip = true;
	}
	if (!ctx->tbl_skip && (find_view(ctx, n) || find_sequence_at(ctx, n) >= 0)) {
		diag_error(ctx->d, b_loc(ctx, name), "table \"%s\" has the name of a %s defined earlier", n,
			   find_view(ctx, n) ? "view" : "sequence");
		ctx->errors++;
		ctx->tbl_skip = true;
	}
}

void b_temporary(MyCtx *ctx)
{
	ctx->temporary = true;
}

static void remove_table(MyCtx *ctx, const char *name)
{
	Schema *s = ctx->s;
	if (!b_find_table(ctx, name))
		return;
	for (int i = 0; i < s->tables.n; i++) {
		if (str_eq(s->tables.v[i]->name, name)) {
			LIST_REMOVE_AT(&s->tables, i);
			b_table_index_rebuild(ctx);
			return;
		}
	}
}

void b_table_end(MyCtx *ctx)
{
	Table *t = ctx->tbl;
	if (!t)
		return;
	if (ctx->temporary) {
		diag_warn(ctx->d, t->loc, "ignoring temporary table \"%s\"", t->name);
		ctx->st->ignored_statements++;
		return;
	}
	t->renamed_from = take_annotation(ctx, ctx->stmt_first_tok, ctx->tbl_head_tok);
	if (ctx->versioned_cols.n && !t->system_versioning) {
		/* MariaDB: a column WITH SYSTEM VERSIONING in a table without the option makes the
		 * table versioned and every other column WITHOUT SYSTEM VERSIONING */
		t->system_versioning = true;
		for (int i = 0; i < t->columns.n; i++) {
			bool with = false;
			for (int k = 0; k < ctx->versioned_cols.n; k++)
				with = with || ctx->versioned_cols.v[k] == t->columns.v[i];
			if (!with && !t->columns.v[i]->system_row)
				t->columns.v[i]->without_versioning = true;
		}
	}
	if (ctx->tbl_skip)
		return;
	if (ctx->or_replace)
		remove_table(ctx, t->name);
	LIST_PUSH(ctx->a, &ctx->s->tables, t);
	tix_put(ctx, t);
	ctx->st->statements++;
}

void b_table_like(MyCtx *ctx, Token other)
{
	const char *n = mysql_ident_value(ctx->a, &other);
	Table *src = b_find_table(ctx, n);
	Table *t = ctx->tbl, *copy;
	if (!t)
		return;
	if (!src) {
		diag_error(ctx->d, b_loc(ctx, other), "CREATE TABLE \"%s\" LIKE unknown table \"%s\"", t->name, n);
		diag_hint(ctx->d, "define \"%s\" before this statement", n);
		ctx->errors++;
		return;
	}
	copy = Table_copy(ctx->a, src);
	copy->name = t->name;
	copy->loc = t->loc;
	copy->renamed_from = NULL;
	ctx->tbl = copy;
	b_table_end(ctx);
}

/* ---- columns ---- */

void b_col_begin(MyCtx *ctx, Token name)
{
	Column *c = column_new(ctx->a);
	c->name = mysql_ident_value(ctx->a, &name);
	c->loc = b_loc(ctx, name);
	ctx->col = c;
	memset(&ctx->colp, 0, sizeof ctx->colp);
	ctx->colp.first_tok = ctx->def_first_tok >= 0 && ctx->def_first_tok < name.idx ? ctx->def_first_tok : name.idx;
	ctx->colp.loc = c->loc;
	ctx->constraint_name = NULL;
}

static Column *scratch_col(MyCtx *ctx)
{
	if (!ctx->col)
		ctx->col = column_new(ctx->a);
	return ctx->col;
}

void b_type(MyCtx *ctx, const char *name, int length, int scale)
{
	Column *c = scratch_col(ctx);
	c->type = name;
	c->length = length;
	c->scale = scale;
}

void b_type_name(MyCtx *ctx, const char *name)
{
	Column *c = scratch_col(ctx);
	c->type = name;
	/* FLOAT(p): the precision only chooses between float and double. */
	if (!strcmp(name, "float") && c->length >= 0 && c->scale < 0) {
		if (c->length > 24)
			c->type = "double";
		c->length = -1;
	}
}

void b_type_prec(MyCtx *ctx, Token m, Token d)
{
	Column *c = scratch_col(ctx);
	c->length = b_int(ctx, m);
	c->scale = d.z ? b_int(ctx, d) : -1;
}

void b_type_serial(MyCtx *ctx)
{
	Column *c = scratch_col(ctx);
	c->type = "bigint";
	c->is_unsigned = true;
	c->not_null = true;
	c->auto_increment = true;
	ctx->colp.serial = true;
}

void b_type_values(MyCtx *ctx, const char *name, StrList *values)
{
	Column *c = scratch_col(ctx);
	c->type = name;
	if (values)
		c->values = *values;
}

const char *b_national(MyCtx *ctx, const char *name)
{
	scratch_col(ctx)->charset = "utf8mb3";
	return name;
}

void b_type_unsigned(MyCtx *ctx)
{
	scratch_col(ctx)->is_unsigned = true;
}

void b_type_zerofill(MyCtx *ctx)
{
	Column *c = scratch_col(ctx);
	c->zerofill = true;
	c->is_unsigned = true; /* ZEROFILL implies UNSIGNED in every server version */
}

void b_type_charset(MyCtx *ctx, Token cs)
{
	const char *v = lower_text(ctx, cs);
	Column *c = scratch_col(ctx);
	if (!strcmp(v, "utf8"))
		v = "utf8mb3";
	c->charset = v;
}

void b_type_collate(MyCtx *ctx, Token coll)
{
	const char *v = lower_text(ctx, coll);
	if (str_has_prefix(v, "utf8_"))
		v = arena_printf(ctx->a, "utf8mb3_%s", v + 5);
	scratch_col(ctx)->collation = v;
}

void b_type_binary(MyCtx *ctx)
{
	ctx->colp.binary = true;
	scratch_col(ctx);
}

void b_col_null(MyCtx *ctx, bool not_null)
{
	scratch_col(ctx)->not_null = not_null;
}

static bool expr_is_literal(const Expr *e)
{
	if (!e)
		return false;
	switch (e->kind) {
	case E_INT: case E_NUM: case E_STR: case E_HEX: case E_BIT: case E_TRUE: case E_FALSE:
		return true;
	case E_UNOP:
		return !strcmp(e->op, "-") && e->a && (e->a->kind == E_INT || e->a->kind == E_NUM);
	default:
		return false;
	}
}

static void set_default(MyCtx *ctx, Column *c, Expr *e)
{
	if (!e) {
		c->default_kind = DEFAULT_NONE;
		c->default_text = NULL;
	} else if (e->kind == E_NULL) {
		c->default_kind = DEFAULT_NULL;
		c->default_text = NULL;
	} else {
		c->default_kind = expr_is_literal(e) ? DEFAULT_LITERAL : DEFAULT_EXPR;
		c->default_text = mysql_expr_print(ctx->a, e);
	}
}

void b_col_default(MyCtx *ctx, Expr *e)
{
	set_default(ctx, scratch_col(ctx), e);
}

void b_col_on_update(MyCtx *ctx, Expr *e)
{
	scratch_col(ctx)->on_update = e ? mysql_expr_print(ctx->a, e) : NULL;
}

void b_col_auto_increment(MyCtx *ctx)
{
	scratch_col(ctx)->auto_increment = true;
}

void b_col_serial_default(MyCtx *ctx)
{
	Column *c = scratch_col(ctx);
	c->not_null = true;
	c->auto_increment = true;
	ctx->colp.unique = true;
}

void b_col_unique(MyCtx *ctx)
{
	ctx->colp.unique = true;
}

void b_col_primary(MyCtx *ctx)
{
	ctx->colp.primary = true;
}

void b_col_comment(MyCtx *ctx, Token s)
{
	scratch_col(ctx)->comment = mysql_string_value(ctx->a, &s);
}

void b_col_generated(MyCtx *ctx, Expr *e, int kind)
{
	Column *c = scratch_col(ctx);
	c->gen_kind = (GenKind)kind;
	c->gen_expr = e ? mysql_expr_print(ctx->a, e) : NULL;
}

void b_col_invisible(MyCtx *ctx, bool invisible)
{
	scratch_col(ctx)->invisible = invisible;
}

void b_col_srid(MyCtx *ctx, Token n)
{
	scratch_col(ctx)->srid = b_int(ctx, n);
}

void b_col_compressed(MyCtx *ctx, Token method)
{
	scratch_col(ctx)->compression = method.z ? lower_text(ctx, method) : "zlib";
}

static Index *single_col_index(MyCtx *ctx, IndexKind kind, const char *name, Column *c)
{
	Index *ix = ARENA_NEW(ctx->a, Index);
	IndexPart *p = ARENA_NEW(ctx->a, IndexPart);
	ix->name = name;
	ix->kind = kind;
	ix->loc = ctx->colp.loc;
	p->column = c->name;
	p->loc = ctx->colp.loc;
	LIST_PUSH(ctx->a, &ix->parts, p);
	return ix;
}

static void add_index(MyCtx *ctx, Index *ix);

void b_col_end(MyCtx *ctx)
{
	Column *c = ctx->col;
	Table *t = ctx->tbl;
	int last = ctx->cur.idx - 1;

	if (!c)
		return;
	if (ctx->colp.binary)
		c->collation = c->charset ? arena_printf(ctx->a, "%s_bin", c->charset) : (c->collation ? c->collation : "_bin");
	if (ctx->colmode == COLMODE_PARAM)
		return;
	c->renamed_from = take_annotation(ctx, ctx->colp.first_tok, last);
	ctx->last_col = c;
	if (!t)
		return;
	if (ctx->colmode == COLMODE_MODIFY || ctx->colmode == COLMODE_CHANGE) {
		const char *old = ctx->colmode == COLMODE_CHANGE ? ctx->change_from : c->name;
		int at = -1;
		for (int i = 0; i < t->columns.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->columns.v[i]->name, old))
				at = i;
		if (at < 0) {
			diag_error(ctx->d, ctx->colmode == COLMODE_CHANGE ? ctx->change_loc : c->loc,
				   "table \"%s\" has no column \"%s\"", t->name, old);
			ctx->errors++;
			return;
		}
		for (int i = 0; i < t->columns.n; i++) {
			if (i != at && ident_eq(DIALECT_MYSQL, t->columns.v[i]->name, c->name)) {
				sem_error_hint(ctx, c->loc, t->columns.v[i]->loc, "column", c->name);
				return;
			}
		}
		if (!c->renamed_from && ctx->colmode == COLMODE_CHANGE && !ident_eq(DIALECT_MYSQL, old, c->name))
			c->renamed_from = old;
		t->columns.v[at] = c;
	} else {
		Column *dup = table_find_column(t, DIALECT_MYSQL, c->name);
		bool ifne = ctx->if_exists;
		ctx->if_exists = false;
		if (dup && ifne)
			return;
		if (dup) {
			sem_error_hint(ctx, c->loc, dup->loc, "column", c->name);
			return;
		}
		LIST_PUSH(ctx->a, &t->columns, c);
	}
	if (ctx->colp.primary)
		add_index(ctx, single_col_index(ctx, INDEX_PRIMARY, "PRIMARY", c));
	if (ctx->colp.unique || ctx->colp.serial)
		add_index(ctx, single_col_index(ctx, INDEX_UNIQUE, NULL, c));
	if (ctx->colp.versioned)
		LIST_PUSH(ctx->a, &ctx->versioned_cols, c);
	if (ctx->colp.fk && ctx->lx->flavor != FLAVOR_MYSQL) {
		ForeignKey *fk = ctx->colp.fk;
		if (fk->ref_columns.n != 1) {
			diag_error(ctx->d, fk->loc, "column-level REFERENCES of column \"%s\" must name one referenced column",
				   c->name);
			ctx->errors++;
			return;
		}
		LIST_PUSH(ctx->a, &fk->columns, c->name);
		LIST_PUSH(ctx->a, &t->fks, fk);
	}
}

void b_colmode(MyCtx *ctx, ColMode mode, Token from)
{
	ctx->colmode = mode;
	if (from.z) {
		ctx->change_from = mysql_ident_value(ctx->a, &from);
		ctx->change_loc = b_loc(ctx, from);
	}
}

void b_col_position(MyCtx *ctx, bool first, Token after)
{
	Table *t = ctx->tbl;
	Column *c = ctx->last_col;
	int from = -1, to = 0;
	ctx->colmode = COLMODE_ADD;
	if (!t || !c)
		return;
	for (int i = 0; i < t->columns.n; i++)
		if (t->columns.v[i] == c)
			from = i;
	if (from < 0)
		return;
	LIST_REMOVE_AT(&t->columns, from);
	if (!first) {
		const char *a = mysql_ident_value(ctx->a, &after);
		to = -1;
		for (int i = 0; i < t->columns.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->columns.v[i]->name, a))
				to = i + 1;
		if (to < 0) {
			diag_error(ctx->d, b_loc(ctx, after), "table \"%s\" has no column \"%s\"", t->name, a);
			ctx->errors++;
			to = t->columns.n;
		}
	}
	LIST_INSERT_AT(ctx->a, &t->columns, to, c);
}

/* ---- indexes ---- */

void b_constraint_name(MyCtx *ctx, Token name)
{
	ctx->constraint_name = name.z ? mysql_ident_value(ctx->a, &name) : NULL;
	ctx->constraint_tok = name.z ? name : ctx->cur;
}

void b_index_begin(MyCtx *ctx, IndexKind kind, Token name)
{
	Index *ix = ARENA_NEW(ctx->a, Index);
	ix->kind = kind;
	if (kind == INDEX_PRIMARY)
		ix->name = "PRIMARY";
	else if (name.z)
		ix->name = mysql_ident_value(ctx->a, &name);
	else
		ix->name = ctx->constraint_name;
	ix->loc = name.z ? b_loc(ctx, name) : b_loc(ctx, ctx->cur);
	ctx->idx = ix;
	ctx->idx_first_tok = ctx->def_first_tok;
	ctx->constraint_name = NULL;
}

void b_index_method(MyCtx *ctx, Token m)
{
	if (ctx->idx)
		ctx->idx->method = b_upper(ctx, m);
}

void b_keypart(MyCtx *ctx, Token col, Expr *e, int prefix, int desc)
{
	IndexPart *p;
	if (!ctx->idx)
		return;
	p = ARENA_NEW(ctx->a, IndexPart);
	if (col.z) {
		p->column = mysql_ident_value(ctx->a, &col);
		p->loc = b_loc(ctx, col);
	} else {
		p->expr = e ? mysql_expr_print(ctx->a, e) : NULL;
		p->loc = e ? e->loc : b_loc(ctx, ctx->cur);
	}
	p->prefix_len = prefix > 0 ? prefix : 0;
	p->desc = desc != 0;
	LIST_PUSH(ctx->a, &ctx->idx->parts, p);
}

void b_index_key_block_size(MyCtx *ctx, Token n)
{
	if (ctx->idx)
		ctx->idx->key_block_size = b_int(ctx, n);
}

void b_index_comment(MyCtx *ctx, Token s)
{
	if (ctx->idx)
		ctx->idx->comment = mysql_string_value(ctx->a, &s);
}

void b_index_parser(MyCtx *ctx, Token p)
{
	if (ctx->idx)
		ctx->idx->parser = lower_text(ctx, p);
}

void b_index_invisible(MyCtx *ctx, bool invisible)
{
	if (ctx->idx)
		ctx->idx->invisible = invisible;
}

static void add_index(MyCtx *ctx, Index *ix)
{
	Table *t = ctx->tbl;
	if (!t)
		return;
	if (ix->kind == INDEX_PRIMARY) {
		Index *pk = table_primary_key(t);
		if (pk) {
			diag_error(ctx->d, ix->loc, "table \"%s\" has more than one primary key", t->name);
			ctx->errors++;
			if (diag_file(ctx->d, pk->loc.file)) {
				int line, col;
				diag_line_col(ctx->d, pk->loc, &line, &col);
				diag_hint(ctx->d, "the first primary key is at %s:%d:%d", diag_file(ctx->d, pk->loc.file)->name, line, col);
			}
			return;
		}
	} else if (ix->name) {
		Index *dup = table_find_index(t, DIALECT_MYSQL, ix->name);
		bool ifne = ctx->if_exists;
		ctx->if_exists = false;
		if (dup && ifne)
			return;
		if (dup) {
			sem_error_hint(ctx, ix->loc, dup->loc, "index", ix->name);
			return;
		}
	}
	LIST_PUSH(ctx->a, &t->indexes, ix);
}

void b_index_end(MyCtx *ctx)
{
	Index *ix = ctx->idx;
	if (!ix)
		return;
	ix->renamed_from = take_annotation(ctx, ctx->idx_first_tok, ctx->cur.idx - 1);
	add_index(ctx, ix);
	ctx->idx = NULL;
}

static Table *need_table(MyCtx *ctx, Token name, const char *what)
{
	const char *n = mysql_ident_value(ctx->a, &name);
	Table *t = b_find_table(ctx, n);
	if (!t) {
		diag_error(ctx->d, b_loc(ctx, name), "%s refers to unknown table \"%s\"", what, n);
		diag_hint(ctx->d, "define table \"%s\" earlier (files load in sorted order)", n);
		ctx->errors++;
	}
	return t;
}

void b_create_index_end(MyCtx *ctx, Token table)
{
	ctx->tbl = need_table(ctx, table, "CREATE INDEX");
	if (!ctx->tbl)
		return;
	b_index_end(ctx);
	ctx->st->statements++;
}

/* ---- foreign keys ---- */

void b_fk_begin(MyCtx *ctx, Token name)
{
	ForeignKey *fk = ARENA_NEW(ctx->a, ForeignKey);
	fk->name = ctx->constraint_name ? ctx->constraint_name : (name.z ? mysql_ident_value(ctx->a, &name) : NULL);
	fk->loc = ctx->constraint_name ? b_loc(ctx, ctx->constraint_tok) : (name.z ? b_loc(ctx, name) : b_loc(ctx, ctx->cur));
	ctx->fk = fk;
	ctx->constraint_name = NULL;
}

void b_col_ref_begin(MyCtx *ctx, Token table)
{
	ForeignKey *fk = ARENA_NEW(ctx->a, ForeignKey);
	fk->loc = b_loc(ctx, table);
	fk->ref_table = mysql_ident_value(ctx->a, &table);
	fk->ref_schema = ctx->fk_ref_schema;
	ctx->fk = fk;  /* for MATCH */
	ctx->colp.fk = fk;
}

void b_col_ref_end(MyCtx *ctx, StrList *ref_cols)
{
	if (ctx->colp.fk && ref_cols)
		ctx->colp.fk->ref_columns = *ref_cols;
	ctx->fk = NULL;
}

void b_col_ref_action(MyCtx *ctx, bool on_delete, int action)
{
	ForeignKey *fk = ctx->colp.fk;
	if (!fk)
		return;  /* ON DELETE/UPDATE without REFERENCES: MariaDB accepts and ignores it too */
	if (on_delete)
		fk->on_delete = (FkAction)action;
	else
		fk->on_update = (FkAction)action;
}

/* ---- system versioning (MariaDB) ---- */

void b_col_versioning(MyCtx *ctx, bool with)
{
	if (with)
		ctx->colp.versioned = true;
	else
		scratch_col(ctx)->without_versioning = true;
}

void b_col_system_row(MyCtx *ctx, Token which)
{
	const char *w = b_upper(ctx, which);
	if (strcmp(w, "START") != 0 && strcmp(w, "END") != 0) {
		diag_error(ctx->d, b_loc(ctx, which), "syntax error at \"%.*s\": expected START or END", (int)which.n,
			   which.z);
		ctx->errors++;
		return;
	}
	scratch_col(ctx)->system_row = w;
}

void b_period(MyCtx *ctx, Token period, Token start, Token end)
{
	Table *t = ctx->tbl;
	const char *p = mysql_ident_value(ctx->a, &period);
	Token cols[2] = {start, end};
	static const char *const want[2] = {"START", "END"};

	if (!str_ieq(p, "system_time")) {
		diag_error(ctx->d, b_loc(ctx, period), "application-time period \"%s\" is not supported (only PERIOD FOR SYSTEM_TIME)", p);
		ctx->errors++;
		return;
	}
	if (!t)
		return;
	for (int i = 0; i < 2; i++) {
		const char *n = mysql_ident_value(ctx->a, &cols[i]);
		Column *c = table_find_column(t, DIALECT_MYSQL, n);
		if (!c || !str_eq(c->system_row, want[i])) {
			diag_error(ctx->d, b_loc(ctx, cols[i]), "PERIOD FOR SYSTEM_TIME names \"%s\", which is not a column GENERATED ALWAYS AS ROW %s defined before it",
				   n, want[i]);
			ctx->errors++;
		}
	}
}

void b_table_versioning(MyCtx *ctx)
{
	Table *t = ctx->tbl;
	if (t)
		t->system_versioning = true;
}

Token b_fk_ref_table(MyCtx *ctx, Token schema, Token table)
{
	ctx->fk_ref_schema = schema.z ? mysql_ident_value(ctx->a, &schema) : NULL;
	return table;
}

void b_fk_match(MyCtx *ctx, const char *m)
{
	if (ctx->fk)
		ctx->fk->match = m;
}

void b_fk_on_delete(MyCtx *ctx, int action)
{
	if (ctx->fk)
		ctx->fk->on_delete = (FkAction)action;
}

void b_fk_on_update(MyCtx *ctx, int action)
{
	if (ctx->fk)
		ctx->fk->on_update = (FkAction)action;
}

void b_fk_end(MyCtx *ctx, StrList *cols, Token table, StrList *ref_cols)
{
	ForeignKey *fk = ctx->fk;
	Table *t = ctx->tbl;
	if (!fk || !t)
		return;
	if (cols)
		fk->columns = *cols;
	if (ref_cols)
		fk->ref_columns = *ref_cols;
	fk->ref_table = mysql_ident_value(ctx->a, &table);
	fk->ref_schema = ctx->fk_ref_schema;
	if (cols && ref_cols && cols->n != ref_cols->n) {
		diag_error(ctx->d, fk->loc, "foreign key has %d column%s but references %d", cols->n, cols->n == 1 ? "" : "s",
			   ref_cols->n);
		ctx->errors++;
	}
	if (fk->name) {
		for (int i = 0; i < t->fks.n; i++) {
			if (ident_eq(DIALECT_MYSQL, t->fks.v[i]->name, fk->name)) {
				sem_error_hint(ctx, fk->loc, t->fks.v[i]->loc, "foreign key", fk->name);
				return;
			}
		}
	}
	LIST_PUSH(ctx->a, &t->fks, fk);
	ctx->fk = NULL;
}

/* ---- checks ---- */

void b_check(MyCtx *ctx, Token name, Expr *e, int not_enforced)
{
	Check *ck = ARENA_NEW(ctx->a, Check);
	Table *t = ctx->tbl;
	ck->name = name.z ? mysql_ident_value(ctx->a, &name) : ctx->constraint_name;
	ck->loc = name.z ? b_loc(ctx, name) : (e ? e->loc : b_loc(ctx, ctx->cur));
	ck->expr = e ? mysql_expr_print(ctx->a, e) : NULL;
	ck->not_enforced = not_enforced != 0;
	ctx->constraint_name = NULL;
	ctx->last_check = ck;
	if (!t)
		return;
	if (ck->name) {
		for (int i = 0; i < t->checks.n; i++) {
			if (ident_eq(DIALECT_MYSQL, t->checks.v[i]->name, ck->name)) {
				sem_error_hint(ctx, ck->loc, t->checks.v[i]->loc, "check constraint", ck->name);
				return;
			}
		}
	}
	LIST_PUSH(ctx->a, &t->checks, ck);
}

void b_col_check(MyCtx *ctx, Token name, Expr *e)
{
	b_check(ctx, name, e, 0);
	if (ctx->last_check && !name.z && ctx->col && ctx->colmode != COLMODE_PARAM)
		ctx->last_check->column = ctx->col->name;
}

void b_check_not_enforced(MyCtx *ctx)
{
	if (ctx->last_check)
		ctx->last_check->not_enforced = true;
}

/* ---- table options ---- */

static Table *opt_table(MyCtx *ctx)
{
	return ctx->tbl;
}

void b_table_engine(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	if (t)
		t->engine = b_token_text(ctx, v);
}

void b_table_charset(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	const char *cs = lower_text(ctx, v);
	if (!strcmp(cs, "utf8"))
		cs = "utf8mb3";
	if (t)
		t->charset = cs;
}

void b_table_collate(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	const char *c = lower_text(ctx, v);
	if (str_has_prefix(c, "utf8_"))
		c = arena_printf(ctx->a, "utf8mb3_%s", c + 5);
	if (t)
		t->collation = c;
}

void b_table_row_format(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	if (t)
		t->row_format = b_upper(ctx, v);
}

void b_table_comment(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	if (t)
		t->comment = mysql_string_value(ctx->a, &v);
}

void b_table_key_block_size(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	if (t)
		t->key_block_size = b_int(ctx, v);
}

void b_table_auto_increment(MyCtx *ctx, Token v)
{
	Table *t = opt_table(ctx);
	if (t)
		t->auto_increment = int64_of(ctx, v);
}

static void put_option(MyCtx *ctx, Table *t, const char *name, const char *text)
{
	size_t nl = strlen(name);
	int at;
	for (int i = 0; i < t->options.n; i++) {
		if (!strncmp(t->options.v[i], name, nl) && t->options.v[i][nl] == '=') {
			t->options.v[i] = text;
			return;
		}
	}
	LIST_PUSH(ctx->a, &t->options, text);
	/* keep sorted */
	at = t->options.n - 1;
	while (at > 0 && strcmp(t->options.v[at - 1], text) > 0) {
		t->options.v[at] = t->options.v[at - 1];
		at--;
	}
	t->options.v[at] = text;
}

/* Canonical option value: strings quoted, numbers as written, words uppercase. */
static const char *option_value(MyCtx *ctx, Token v)
{
	StrBuf sb = SB_INIT;
	if (!v.z)
		return NULL;
	if (is_string_token(v)) {
		sb_add_mysql_string(&sb, mysql_string_value(ctx->a, &v));
		return take(&sb, ctx->a);
	}
	if (v.code == TK_INTNUM || v.code == TK_DECNUM)
		return arena_strndup(ctx->a, v.z, v.n);
	return b_upper(ctx, v);
}

void b_table_option(MyCtx *ctx, const char *name, Token v)
{
	Table *t = opt_table(ctx);
	const char *val = option_value(ctx, v);
	if (!t)
		return;
	put_option(ctx, t, name, val ? arena_printf(ctx->a, "%s=%s", name, val) : arena_printf(ctx->a, "%s=", name));
}

void b_table_union(MyCtx *ctx, StrList *tables)
{
	Table *t = opt_table(ctx);
	StrBuf sb = SB_INIT;
	if (!t || !tables)
		return;
	sb_adds(&sb, "UNION=(");
	for (int i = 0; i < tables->n; i++) {
		if (i)
			sb_addc(&sb, ',');
		sb_add_mysql_ident(&sb, tables->v[i]);
	}
	sb_addc(&sb, ')');
	put_option(ctx, t, "UNION", sb_to_arena(&sb, ctx->a));
	sb_release(&sb);
}

/* ---- partitioning ---- */

void b_part_begin(MyCtx *ctx)
{
	Partitioning *p = ARENA_NEW(ctx->a, Partitioning);
	p->loc = b_loc(ctx, ctx->cur);
	ctx->part = p;
	ctx->pdef = NULL;
	ctx->psub = NULL;
}

static Partitioning *cur_part(MyCtx *ctx)
{
	if (!ctx->part)
		b_part_begin(ctx);
	return ctx->part;
}

void b_part_method(MyCtx *ctx, PartMethod m, int linear, Expr *e, StrList *cols, int algo)
{
	Partitioning *p = cur_part(ctx);
	p->method = m;
	p->linear = linear != 0;
	p->expr = e ? mysql_expr_print(ctx->a, e) : NULL;
	if (cols)
		p->column_list = *cols;
	p->columns = (m == PART_RANGE || m == PART_LIST) && !e;
	p->key_algorithm = algo > 0 ? algo : 0;
}

void b_part_count(MyCtx *ctx, Token n)
{
	cur_part(ctx)->count = b_int(ctx, n);
}

void b_subpart_method(MyCtx *ctx, PartMethod m, int linear, Expr *e, StrList *cols, int algo)
{
	Partitioning *p = cur_part(ctx);
	p->sub_method = m;
	p->sub_linear = linear != 0;
	p->sub_expr = e ? mysql_expr_print(ctx->a, e) : NULL;
	if (cols)
		p->sub_columns = *cols;
	p->sub_key_algorithm = algo > 0 ? algo : 0;
}

void b_subpart_count(MyCtx *ctx, Token n)
{
	cur_part(ctx)->sub_count = b_int(ctx, n);
}

void b_partdef_begin(MyCtx *ctx, Token name)
{
	PartitionDef *d = ARENA_NEW(ctx->a, PartitionDef);
	d->name = mysql_ident_value(ctx->a, &name);
	d->loc = b_loc(ctx, name);
	ctx->pdef = d;
	ctx->psub = NULL;
}

void b_part_values(MyCtx *ctx, const char *kind, ExprList *l)
{
	StrBuf sb = SB_INIT;
	if (!ctx->pdef)
		return;
	sb_adds(&sb, kind);
	if (l) {
		sb_adds(&sb, " (");
		for (int i = 0; i < l->n; i++) {
			if (i)
				sb_adds(&sb, ", ");
			mysql_expr_print_sb(&sb, l->v[i]);
		}
		sb_addc(&sb, ')');
	}
	ctx->pdef->values = sb_to_arena(&sb, ctx->a);
	sb_release(&sb);
}

static PartitionDef *cur_pdef(MyCtx *ctx)
{
	return ctx->psub ? ctx->psub : ctx->pdef;
}

void b_part_engine(MyCtx *ctx, Token v)
{
	PartitionDef *d = cur_pdef(ctx);
	if (d)
		d->engine = b_token_text(ctx, v);
}

void b_part_comment(MyCtx *ctx, Token v)
{
	PartitionDef *d = cur_pdef(ctx);
	if (d)
		d->comment = mysql_string_value(ctx->a, &v);
}

void b_part_option(MyCtx *ctx, const char *name, Token v)
{
	PartitionDef *d = cur_pdef(ctx);
	const char *val = option_value(ctx, v);
	if (d)
		LIST_PUSH(ctx->a, &d->options, arena_printf(ctx->a, "%s %s", name, val ? val : ""));
}

void b_partdef_end(MyCtx *ctx)
{
	Partitioning *p = cur_part(ctx);
	if (!ctx->pdef)
		return;
	for (int i = 0; i < p->parts.n; i++) {
		if (ident_eq(DIALECT_MYSQL, p->parts.v[i]->name, ctx->pdef->name)) {
			sem_error_hint(ctx, ctx->pdef->loc, p->parts.v[i]->loc, "partition", ctx->pdef->name);
			ctx->pdef = NULL;
			return;
		}
	}
	LIST_PUSH(ctx->a, &p->parts, ctx->pdef);
	ctx->pdef = NULL;
}

void b_subdef_begin(MyCtx *ctx, Token name)
{
	PartitionDef *d = ARENA_NEW(ctx->a, PartitionDef);
	d->name = mysql_ident_value(ctx->a, &name);
	d->loc = b_loc(ctx, name);
	ctx->psub = d;
}

void b_subdef_end(MyCtx *ctx)
{
	if (ctx->pdef && ctx->psub)
		LIST_PUSH(ctx->a, &ctx->pdef->subparts, ctx->psub);
	ctx->psub = NULL;
}

void b_part_end(MyCtx *ctx)
{
	if (ctx->tbl && ctx->part)
		ctx->tbl->partitioning = ctx->part;
	ctx->part = NULL;
}

/* ---- ALTER TABLE and DROP ---- */

void b_alter_begin(MyCtx *ctx, Token table)
{
	reset_objects(ctx);
	ctx->alter = true;
	ctx->tbl = need_table(ctx, table, "ALTER TABLE");
	if (!ctx->tbl) {
		/* keep parsing into a scratch table so that later errors still show */
		ctx->tbl = ARENA_NEW(ctx->a, Table);
		ctx->tbl->name = mysql_ident_value(ctx->a, &table);
	}
}

void b_alter_end(MyCtx *ctx)
{
	ctx->st->statements++;
}

void b_alter_col_default(MyCtx *ctx, Token col, Expr *e)
{
	const char *n = mysql_ident_value(ctx->a, &col);
	Column *c = ctx->tbl ? table_find_column(ctx->tbl, DIALECT_MYSQL, n) : NULL;
	if (!c) {
		diag_error(ctx->d, b_loc(ctx, col), "table \"%s\" has no column \"%s\"", ctx->tbl ? ctx->tbl->name : "", n);
		ctx->errors++;
		return;
	}
	set_default(ctx, c, e);
}

void b_alter_drop(MyCtx *ctx, const char *what, Token name)
{
	Table *t = ctx->tbl;
	const char *n = mysql_ident_value(ctx->a, &name);
	bool any = !strcmp(what, "constraint");
	bool ife = ctx->if_exists;
	ctx->if_exists = false;
	if (!t)
		return;
	if (!strcmp(what, "column")) {
		for (int i = 0; i < t->columns.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->columns.v[i]->name, n)) {
				LIST_REMOVE_AT(&t->columns, i);
				return;
			}
	}
	if (!strcmp(what, "index") || any) {
		for (int i = 0; i < t->indexes.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->indexes.v[i]->name, n)) {
				LIST_REMOVE_AT(&t->indexes, i);
				return;
			}
	}
	if (!strcmp(what, "foreign key") || any) {
		for (int i = 0; i < t->fks.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->fks.v[i]->name, n)) {
				LIST_REMOVE_AT(&t->fks, i);
				return;
			}
	}
	if (!strcmp(what, "check") || any) {
		for (int i = 0; i < t->checks.n; i++)
			if (ident_eq(DIALECT_MYSQL, t->checks.v[i]->name, n)) {
				LIST_REMOVE_AT(&t->checks, i);
				return;
			}
	}
	if (ife)
		return;
	diag_error(ctx->d, b_loc(ctx, name), "table \"%s\" has no %s \"%s\"", t->name, what, n);
	ctx->errors++;
}

void b_drop(MyCtx *ctx, const char *kind, int if_exists, StrList *names)
{
	Schema *s = ctx->s;
	(void)if_exists;
	ctx->st->ignored_statements++;
	if (!names)
		return;
	/* A dump drops what it is about to create; a later CREATE then replaces the earlier one. */
	for (int k = 0; k < names->n; k++) {
		const char *n = names->v[k];
		if (!strcmp(kind, "table") || !strcmp(kind, "sequence")) {
			/* DROP TABLE drops a sequence too (a sequence is a table to MariaDB) */
			int at = find_sequence_at(ctx, n);
			if (at >= 0)
				LIST_REMOVE_AT(&s->sequences, at);
			remove_table(ctx, n);
		} else if (!strcmp(kind, "view")) {
			for (int i = 0; i < s->views.n; i++)
				if (str_eq(s->views.v[i]->name, n)) {
					LIST_REMOVE_AT(&s->views, i);
					break;
				}
		} else if (!strcmp(kind, "trigger")) {
			for (int i = 0; i < s->triggers.n; i++)
				if (ident_eq(DIALECT_MYSQL, s->triggers.v[i]->name, n)) {
					LIST_REMOVE_AT(&s->triggers, i);
					break;
				}
		} else if (!strcmp(kind, "function") || !strcmp(kind, "procedure")) {
			RoutineKind rk = !strcmp(kind, "function") ? ROUTINE_FUNCTION : ROUTINE_PROCEDURE;
			for (int i = 0; i < s->routines.n; i++)
				if (s->routines.v[i]->kind == rk && ident_eq(DIALECT_MYSQL, s->routines.v[i]->name, n)) {
					LIST_REMOVE_AT(&s->routines, i);
					break;
				}
		}
	}
}

/* ---- sequences (MariaDB) ---- */

enum { SEQ_GIVEN_INCREMENT = 1, SEQ_GIVEN_MIN = 2, SEQ_GIVEN_MAX = 4, SEQ_GIVEN_START = 8, SEQ_GIVEN_CACHE = 16 };

static int find_sequence_at(MyCtx *ctx, const char *name)
{
	for (int i = 0; i < ctx->s->sequences.n; i++)
		if (str_eq(ctx->s->sequences.v[i]->name, name))
			return i;
	return -1;
}

const char *b_neg_text(MyCtx *ctx, Token t)
{
	return arena_printf(ctx->a, "-%.*s", (int)t.n, t.z);
}

void b_sequence_begin(MyCtx *ctx, Token name, int if_not_exists)
{
	const char *n = mysql_ident_value(ctx->a, &name);
	Sequence *q = ARENA_NEW(ctx->a, Sequence);
	int at = find_sequence_at(ctx, n);

	reset_objects(ctx);
	q->name = n;
	q->loc = b_loc(ctx, name);
	ctx->seq = q;
	ctx->seq_given = 0;
	/* ENGINE= and COMMENT= land on a scratch table; b_sequence_end takes them over */
	ctx->tbl = ARENA_NEW(ctx->a, Table);
	ctx->tbl->name = n;
	ctx->tbl_skip = false;
	if (at >= 0 && !ctx->or_replace) {
		if (!if_not_exists)
			sem_error_hint(ctx, q->loc, ctx->s->sequences.v[at]->loc, "sequence", n);
		ctx->tbl_skip = true;
	} else if (b_find_table(ctx, n) || find_view(ctx, n)) {
		diag_error(ctx->d, q->loc, "sequence \"%s\" has the name of a table or view defined earlier", n);
		ctx->errors++;
		ctx->tbl_skip = true;
	}
}

void b_seq_option(MyCtx *ctx, int which, const char *value)
{
	Sequence *q = ctx->seq;
	long long v = 0;
	unsigned bit;

	if (!q)
		return;
	if (value) {
		char *end;
		errno = 0;
		v = strtoll(value, &end, 10);
		if (errno || *end) {
			diag_error(ctx->d, b_loc(ctx, ctx->cur), "sequence value %s is out of range", value);
			ctx->errors++;
			return;
		}
	}
	switch (which) {
	case 'i': q->increment = v; bit = SEQ_GIVEN_INCREMENT; break;
	case 'm': q->min_value = v; bit = value ? SEQ_GIVEN_MIN : 0; break;
	case 'M': q->max_value = v; bit = value ? SEQ_GIVEN_MAX : 0; break;
	case 's': q->start = v; bit = SEQ_GIVEN_START; break;
	case 'c': q->cache = v; bit = SEQ_GIVEN_CACHE; break;
	default: q->cycle = v != 0; bit = 0; break;
	}
	if (!value && (which == 'm' || which == 'M'))
		ctx->seq_given &= ~(which == 'm' ? (unsigned)SEQ_GIVEN_MIN : (unsigned)SEQ_GIVEN_MAX);
	ctx->seq_given |= bit;
}

void b_sequence_end(MyCtx *ctx)
{
	Sequence *q = ctx->seq;
	Table *opts = ctx->tbl;
	unsigned g = ctx->seq_given;

	if (!q || !opts)
		return;
	if (ctx->temporary) {
		diag_warn(ctx->d, q->loc, "ignoring temporary sequence \"%s\"", q->name);
		ctx->st->ignored_statements++;
		return;
	}
	if (opts->charset || opts->collation || opts->row_format || opts->key_block_size || opts->options.n ||
	    opts->partitioning) {
		diag_error(ctx->d, q->loc, "sequence \"%s\" takes only the ENGINE and COMMENT table options", q->name);
		ctx->errors++;
		return;
	}
	q->engine = opts->engine;
	q->comment = opts->comment;
	/* MariaDB's defaults: they follow the direction of INCREMENT */
	if (!(g & SEQ_GIVEN_INCREMENT))
		q->increment = 1;
	if (!(g & SEQ_GIVEN_MIN))
		q->min_value = q->increment >= 0 ? 1 : -LLONG_MAX;
	if (!(g & SEQ_GIVEN_MAX))
		q->max_value = q->increment >= 0 ? LLONG_MAX - 1 : -1;
	if (!(g & SEQ_GIVEN_START))
		q->start = q->increment >= 0 ? q->min_value : q->max_value;
	if (!(g & SEQ_GIVEN_CACHE))
		q->cache = 1000;
	if (q->min_value >= q->max_value || q->start < q->min_value || q->start > q->max_value || q->cache < 0) {
		diag_error(ctx->d, q->loc, "sequence \"%s\" has out of range values (minvalue %lld, maxvalue %lld, start %lld)",
			   q->name, q->min_value, q->max_value, q->start);
		ctx->errors++;
		return;
	}
	if (ctx->tbl_skip)
		return;
	{
		int at = find_sequence_at(ctx, q->name);
		if (at >= 0)
			LIST_REMOVE_AT(&ctx->s->sequences, at);
	}
	LIST_PUSH(ctx->a, &ctx->s->sequences, q);
	ctx->st->statements++;
}

/* ---- views, triggers, routines ---- */

void b_view_algorithm(MyCtx *ctx, Token v)
{
	ctx->algorithm = b_upper(ctx, v);
}

void b_view_security(MyCtx *ctx, Token v)
{
	ctx->security = b_upper(ctx, v);
}

void b_definer(MyCtx *ctx, Token user)
{
	StrBuf sb = SB_INIT;
	const char *p = user.z, *e = user.z + user.n;
	/* canonical user@host: each part unquoted, printed `user`@`host` */
	Lexer lx;
	Token t;
	int code, parts = 0;
	mysql_lex_init(&lx, ctx->a, NULL, ctx->file, p, (size_t)(e - p));
	lx.delim_len = 0;
	while ((code = mysql_lex_next(&lx, &t)) > 0 && t.z < e) {
		if (code == TK_AT || code == TK_LP || code == TK_RP)
			continue;
		if (code == TK_VARIABLE) {
			Token h = t;
			h.z++;
			h.n--;
			sb_addc(&sb, '@');
			sb_add_mysql_ident(&sb, mysql_ident_value(ctx->a, &h));
			continue;
		}
		if (parts++)
			sb_addc(&sb, '@');
		if (t.code == TK_CURRENT_USER) {
			sb_adds(&sb, "CURRENT_USER");
			continue;
		}
		sb_add_mysql_ident(&sb, b_token_text(ctx, t));
	}
	ctx->definer = sb_to_arena(&sb, ctx->a);
	sb_release(&sb);
}

/* The source text of a token span, or NULL when it crosses an executable comment's markers
 * (a dump's "slash-star-bang" wrapping is no part of what the user wrote). */
static const char *raw_text(MyCtx *ctx, Token t)
{
	if (!t.z || t.n == 0)
		return NULL;
	for (uint32_t i = 0; i + 1 < t.n; i++)
		if ((t.z[i] == '/' && t.z[i + 1] == '*' && i + 2 < t.n && (t.z[i + 2] == '!' || t.z[i + 2] == 'M')) ||
		    (t.z[i] == '*' && t.z[i + 1] == '/'))
			return NULL;
	return arena_strndup(ctx->a, t.z, t.n);
}

static bool check_no_table_attrs(MyCtx *ctx, Token at, const char *what)
{
	if (ctx->temporary) {
		diag_error(ctx->d, b_loc(ctx, at), "TEMPORARY does not apply to a %s", what);
		ctx->errors++;
		return false;
	}
	return true;
}

void b_view(MyCtx *ctx, Token name, StrList *cols, Token body, const char *check)
{
	View *v = ARENA_NEW(ctx->a, View);
	View *old;
	if (!check_no_table_attrs(ctx, name, "view"))
		return;
	v->name = mysql_ident_value(ctx->a, &name);
	v->loc = b_loc(ctx, name);
	v->definition = ctx->body_text;
	v->source = raw_text(ctx, body);
	if (cols)
		v->columns = *cols;
	v->algorithm = ctx->algorithm && strcmp(ctx->algorithm, "UNDEFINED") ? ctx->algorithm : NULL;
	v->definer = ctx->definer;
	v->security = ctx->security && strcmp(ctx->security, "DEFINER") ? ctx->security : NULL;
	v->check_option = check;
	v->renamed_from = take_annotation(ctx, ctx->stmt_first_tok, name.idx);
	old = find_view(ctx, v->name);
	if (old) {
		if (!ctx->or_replace) {
			sem_error_hint(ctx, v->loc, old->loc, "view", v->name);
			return;
		}
		for (int i = 0; i < ctx->s->views.n; i++)
			if (ctx->s->views.v[i] == old)
				LIST_REMOVE_AT(&ctx->s->views, i);
	}
	if (b_find_table(ctx, v->name)) {
		diag_error(ctx->d, v->loc, "view \"%s\" has the name of a table defined earlier", v->name);
		ctx->errors++;
		return;
	}
	LIST_PUSH(ctx->a, &ctx->s->views, v);
	ctx->st->statements++;
}

void b_trigger_order(MyCtx *ctx, const char *kind, Token other)
{
	ctx->trg_order = arena_printf(ctx->a, "%s %s", kind, mysql_ident_value(ctx->a, &other));
}

void b_trigger(MyCtx *ctx, Token name, const char *timing, const char *event, Token table, Token body)
{
	Trigger *tr = ARENA_NEW(ctx->a, Trigger);
	if (!check_no_table_attrs(ctx, name, "trigger"))
		return;
	tr->name = mysql_ident_value(ctx->a, &name);
	tr->loc = b_loc(ctx, name);
	tr->table = mysql_ident_value(ctx->a, &table);
	tr->timing = timing;
	tr->events = event;
	tr->for_each_row = true;
	tr->body = ctx->body_text;
	tr->source = raw_text(ctx, body);
	tr->definer = ctx->definer;
	tr->order_clause = ctx->trg_order;
	if (!need_table(ctx, table, arena_printf(ctx->a, "trigger \"%s\"", tr->name)))
		return;
	for (int i = 0; i < ctx->s->triggers.n; i++) {
		if (ident_eq(DIALECT_MYSQL, ctx->s->triggers.v[i]->name, tr->name)) {
			if (ctx->or_replace) {
				LIST_REMOVE_AT(&ctx->s->triggers, i);
				break;
			}
			sem_error_hint(ctx, tr->loc, ctx->s->triggers.v[i]->loc, "trigger", tr->name);
			return;
		}
	}
	LIST_PUSH(ctx->a, &ctx->s->triggers, tr);
	ctx->st->statements++;
}

/* Canonical text of a type held in a scratch column: "varchar(10)", "int unsigned". */
/* A routine parameter's or RETURNS type as the canonical printer spells a column's type. */
static void type_text(StrBuf *sb, const Column *c)
{
	mysql_print_type(sb, c, NULL);
	if (c->charset)
		sb_addf(sb, " CHARSET %s", c->charset);
	if (c->collation)
		sb_addf(sb, " COLLATE %s", c->collation);
}

void b_param_begin(MyCtx *ctx, const char *mode, Token name)
{
	ctx->col = column_new(ctx->a);
	ctx->col->name = mysql_ident_value(ctx->a, &name);
	memset(&ctx->colp, 0, sizeof ctx->colp);
	ctx->colmode = COLMODE_PARAM;
	if (ctx->args.len)
		sb_adds(&ctx->args, ", ");
	if (mode) {
		sb_adds(&ctx->args, mode);
		sb_addc(&ctx->args, ' ');
	}
	sb_add_mysql_ident(&ctx->args, ctx->col->name);
	sb_addc(&ctx->args, ' ');
}

void b_param_end(MyCtx *ctx)
{
	b_col_end(ctx);
	if (ctx->col)
		type_text(&ctx->args, ctx->col);
	ctx->col = NULL;
}

void b_returns_begin(MyCtx *ctx)
{
	ctx->col = column_new(ctx->a);
	memset(&ctx->colp, 0, sizeof ctx->colp);
	ctx->colmode = COLMODE_PARAM;
}

void b_returns_end(MyCtx *ctx)
{
	StrBuf sb = SB_INIT;
	b_col_end(ctx);
	if (ctx->col)
		type_text(&sb, ctx->col);
	ctx->returns = sb_to_arena(&sb, ctx->a);
	sb_release(&sb);
	ctx->col = NULL;
}

void b_routine_comment(MyCtx *ctx, Token s)
{
	ctx->rtn_comment = mysql_string_value(ctx->a, &s);
}

void b_routine_char(MyCtx *ctx, const char *text)
{
	if (ctx->chars.len)
		sb_addc(&ctx->chars, ' ');
	sb_adds(&ctx->chars, text);
}

void b_routine_security(MyCtx *ctx, Token v)
{
	const char *s = b_upper(ctx, v);
	if (strcmp(s, "DEFINER"))
		b_routine_char(ctx, arena_printf(ctx->a, "SQL SECURITY %s", s));
}

void b_routine(MyCtx *ctx, RoutineKind kind, Token name, Token body)
{
	Routine *r = ARENA_NEW(ctx->a, Routine);
	if (!check_no_table_attrs(ctx, name, "routine"))
		return;
	r->name = mysql_ident_value(ctx->a, &name);
	r->loc = b_loc(ctx, name);
	r->kind = kind;
	r->args = arena_strdup(ctx->a, sb_str(&ctx->args));
	r->returns = kind == ROUTINE_FUNCTION ? ctx->returns : NULL;
	r->language = "SQL";
	r->comment = ctx->rtn_comment;
	r->definer = ctx->definer;
	r->source = ctx->stmt_start ? raw_text(ctx, b_token_span(ctx, *ctx->stmt_start, body)) : NULL;
	r->definition = ctx->chars.len ? arena_printf(ctx->a, "%s %s", sb_str(&ctx->chars), ctx->body_text ? ctx->body_text : "")
				       : ctx->body_text;
	for (int i = 0; i < ctx->s->routines.n; i++) {
		Routine *o = ctx->s->routines.v[i];
		if (o->kind == kind && ident_eq(DIALECT_MYSQL, o->name, r->name)) {
			if (ctx->or_replace) {
				LIST_REMOVE_AT(&ctx->s->routines, i);
				break;
			}
			sem_error_hint(ctx, r->loc, o->loc, kind == ROUTINE_FUNCTION ? "function" : "procedure", r->name);
			return;
		}
	}
	LIST_PUSH(ctx->a, &ctx->s->routines, r);
	ctx->st->statements++;
}

/* ---- expressions ---- */

static Expr *new_expr(MyCtx *ctx, ExprKind k, Token at)
{
	Expr *e = ARENA_NEW(ctx->a, Expr);
	e->kind = k;
	e->loc = b_loc(ctx, at);
	e->depth = 1;
	return e;
}

/* Depth bookkeeping: deeper than MYSQL_MAX_DEPTH is an error (once per statement). */
static Expr *deepen(MyCtx *ctx, Expr *e, const Expr *child)
{
	if (child && child->depth + 1 > e->depth)
		e->depth = child->depth + 1;
	if (e->depth > MYSQL_MAX_DEPTH && !ctx->depth_reported) {
		ctx->depth_reported = true;
		diag_error(ctx->d, e->loc, "expression is nested too deeply (more than %d levels)", MYSQL_MAX_DEPTH);
		ctx->errors++;
	}
	if (e->depth > MYSQL_MAX_DEPTH)
		e->depth = MYSQL_MAX_DEPTH; /* keep the printer's recursion bounded */
	return e;
}

void b_expr_result(MyCtx *ctx, Expr *e)
{
	ctx->expr_result = e;
}

static const char *hex_canon(MyCtx *ctx, Token t)
{
	StrBuf sb = SB_INIT;
	const char *p = t.z, *e = t.z + t.n;
	if (p[0] == '0') {
		p += 2;
	} else {
		p += 2;
		e--;
	}
	sb_adds(&sb, "0x");
	for (; p < e; p++)
		sb_addc(&sb, toupper((unsigned char)*p));
	if (sb.len == 2) {
		sb_release(&sb);
		return "X''";
	}
	return take(&sb, ctx->a);
}

static const char *bit_canon(MyCtx *ctx, Token t)
{
	const char *p = t.z, *e = t.z + t.n;
	if (p[0] == '0') {
		p += 2;
	} else {
		p += 2;
		e--;
	}
	return arena_printf(ctx->a, "b'%.*s'", (int)(e - p), p);
}

Expr *b_lit(MyCtx *ctx, ExprKind kind, Token t)
{
	Expr *e = new_expr(ctx, kind, t);
	switch (kind) {
	case E_STR:
		e->text = mysql_string_value(ctx->a, &t);
		if (t.code == TK_NSTRING)
			e->qual = "N";
		break;
	case E_HEX:
		e->text = hex_canon(ctx, t);
		break;
	case E_BIT:
		e->text = bit_canon(ctx, t);
		break;
	case E_INT:
	case E_NUM:
	case E_VAR:
		e->text = arena_strndup(ctx->a, t.z, t.n);
		break;
	default:
		break;
	}
	return e;
}

Expr *b_lit_introduced(MyCtx *ctx, Token intro, Token lit)
{
	Expr *e;
	if (lit.code == TK_HEXNUM)
		e = b_lit(ctx, E_HEX, lit);
	else
		e = b_lit(ctx, E_STR, lit);
	e->qual = str_lower(ctx->a, arena_strndup(ctx->a, intro.z, intro.n));
	e->loc = b_loc(ctx, intro);
	return e;
}

/* DATE '...', TIME '...', TIMESTAMP '...': the string with its type (E_STR, qual "DATE"). */
Expr *b_lit_typed(MyCtx *ctx, Token type, Token lit)
{
	Expr *e = b_lit(ctx, E_STR, lit);
	e->qual = b_upper(ctx, type);
	e->loc = b_loc(ctx, type);
	return e;
}

Expr *b_colref(MyCtx *ctx, Token db, Token table, Token col)
{
	Expr *e = new_expr(ctx, E_COLUMN, db.z ? db : table.z ? table : col);
	e->text = mysql_ident_value(ctx->a, &col);
	e->qual = table.z ? mysql_ident_value(ctx->a, &table) : NULL;
	e->qual2 = db.z ? mysql_ident_value(ctx->a, &db) : NULL;
	return e;
}

Expr *b_binop(MyCtx *ctx, Token at, const char *op, Expr *l, Expr *r)
{
	Expr *e = new_expr(ctx, E_BINOP, at);
	e->op = op;
	e->a = l;
	e->b = r;
	if (l)
		e->loc = l->loc;
	deepen(ctx, e, l);
	return deepen(ctx, e, r);
}

Expr *b_unop(MyCtx *ctx, Token at, const char *op, Expr *x)
{
	Expr *e;
	/* NOT (a BETWEEN ..) is a NOT BETWEEN .., as MariaDB prints it; likewise IN, LIKE, IS. */
	if (!strcmp(op, "NOT") && x && (x->kind == E_BETWEEN || x->kind == E_IN || x->kind == E_LIKE || x->kind == E_IS)) {
		x->neg = !x->neg;
		return x;
	}
	/* BINARY x is CAST(x AS BINARY) (MariaDB prints the latter as cast(x as char charset binary)) */
	if (!strcmp(op, "BINARY"))
		return b_cast(ctx, at, x, "BINARY");
	e = new_expr(ctx, E_UNOP, at);
	e->op = op;
	e->a = x;
	return deepen(ctx, e, x);
}

Expr *b_is(MyCtx *ctx, Token at, Expr *x, const char *what, bool neg)
{
	Expr *e = new_expr(ctx, E_IS, at);
	e->op = what;
	e->a = x;
	e->neg = neg;
	return deepen(ctx, e, x);
}

Expr *b_in(MyCtx *ctx, Token at, Expr *x, ExprList *l, bool neg)
{
	Expr *e = new_expr(ctx, E_IN, at);
	e->a = x;
	e->neg = neg;
	deepen(ctx, e, x);
	if (l) {
		e->args = *l;
		for (int i = 0; i < l->n; i++)
			deepen(ctx, e, l->v[i]);
	}
	return e;
}

Expr *b_between(MyCtx *ctx, Token at, Expr *x, Expr *lo, Expr *hi, bool neg)
{
	Expr *e = new_expr(ctx, E_BETWEEN, at);
	e->a = x;
	e->b = lo;
	e->c = hi;
	e->neg = neg;
	deepen(ctx, e, x);
	deepen(ctx, e, lo);
	return deepen(ctx, e, hi);
}

Expr *b_like(MyCtx *ctx, Token at, const char *op, Expr *x, Expr *pat, Expr *esc, bool neg)
{
	Expr *e = new_expr(ctx, E_LIKE, at);
	e->op = op;
	e->a = x;
	e->b = pat;
	e->c = esc;
	e->neg = neg;
	deepen(ctx, e, x);
	deepen(ctx, e, pat);
	return deepen(ctx, e, esc);
}

Expr *b_collate(MyCtx *ctx, Token at, Expr *x, Token coll)
{
	Expr *e = new_expr(ctx, E_COLLATE, at);
	e->a = x;
	e->op = lower_text(ctx, coll);
	return deepen(ctx, e, x);
}

Expr *b_interval(MyCtx *ctx, Token at, Expr *x, Token unit)
{
	Expr *e = new_expr(ctx, E_INTERVAL, at);
	e->a = x;
	e->op = b_upper(ctx, unit);
	return deepen(ctx, e, x);
}

Expr *b_json(MyCtx *ctx, Token at, Expr *col, Token path, bool unquote)
{
	Expr *e = new_expr(ctx, E_JSON, at);
	e->a = col;
	e->text = mysql_string_value(ctx->a, &path);
	e->neg = unquote;
	return deepen(ctx, e, col);
}

Expr *b_row(MyCtx *ctx, Token at, Expr *first, ExprList *rest)
{
	Expr *e = new_expr(ctx, E_ROW, at);
	LIST_PUSH(ctx->a, &e->args, first);
	deepen(ctx, e, first);
	if (rest)
		for (int i = 0; i < rest->n; i++) {
			LIST_PUSH(ctx->a, &e->args, rest->v[i]);
			deepen(ctx, e, rest->v[i]);
		}
	return e;
}

Expr *b_case(MyCtx *ctx, Token at, Expr *x, ExprList *whens, Expr *els)
{
	Expr *e = new_expr(ctx, E_CASE, at);
	e->a = x;
	e->b = els;
	deepen(ctx, e, x);
	deepen(ctx, e, els);
	if (whens) {
		e->args = *whens;
		for (int i = 0; i < whens->n; i++)
			deepen(ctx, e, whens->v[i]);
	}
	return e;
}

Expr *b_cast(MyCtx *ctx, Token at, Expr *x, const char *type)
{
	Expr *e = new_expr(ctx, E_CAST, at);
	e->a = x;
	e->op = type;
	return deepen(ctx, e, x);
}

Expr *b_convert_using(MyCtx *ctx, Token at, Expr *x, Token cs)
{
	Expr *e = new_expr(ctx, E_CONVERT_USING, at);
	e->a = x;
	e->op = lower_text(ctx, cs);
	return deepen(ctx, e, x);
}

/* Spellings of the same function that print as one name. */
static const char *func_canon(const char *lower)
{
	static const char *const syn[][2] = {
		{"now", "current_timestamp"}, {"localtime", "current_timestamp"},
		{"localtimestamp", "current_timestamp"}, {"current_date", "curdate"},
		{"current_time", "curtime"}, {"lcase", "lower"}, {"ucase", "upper"},
		{"substr", "substring"}, {"character_length", "char_length"}, {"schema", "database"},
	};
	for (size_t i = 0; i < sizeof syn / sizeof syn[0]; i++)
		if (!strcmp(lower, syn[i][0]))
			return syn[i][1];
	return lower;
}

Expr *b_func(MyCtx *ctx, Token name, ExprList *args, int flags)
{
	Expr *e = new_expr(ctx, E_FUNC, name);
	e->op = func_canon(str_lower(ctx->a, mysql_ident_value(ctx->a, &name)));
	e->star = flags == 1;
	e->distinct = flags == 2;
	if (args) {
		e->args = *args;
		for (int i = 0; i < args->n; i++)
			deepen(ctx, e, args->v[i]);
	}
	return e;
}

Expr *b_func_qualified(MyCtx *ctx, Token schema, Token name, ExprList *args)
{
	Expr *e = b_func(ctx, name, args, 0);
	e->op = str_lower(ctx->a, mysql_ident_value(ctx->a, &name));
	e->qual = mysql_ident_value(ctx->a, &schema);
	e->loc = b_loc(ctx, schema);
	return e;
}

ExprList *b_exprlist(MyCtx *ctx, ExprList *l, Expr *e)
{
	if (!l)
		l = ARENA_NEW(ctx->a, ExprList);
	LIST_PUSH(ctx->a, l, e);
	return l;
}

const char *b_cast_type(MyCtx *ctx, const char *base, int len, int scale, const char *cs)
{
	StrBuf sb = SB_INIT;
	/* CHAR CHARSET binary is BINARY; another charset on CHAR is the connection's, which the
	 * server adds when it prints the cast: dropped so both spellings agree. */
	if (cs && !strcmp(base, "CHAR")) {
		if (!strcasecmp(cs, "binary"))
			base = "BINARY";
		cs = NULL;
	}
	sb_adds(&sb, base);
	if (len >= 0 && scale >= 0)
		sb_addf(&sb, "(%d,%d)", len, scale);
	else if (len >= 0)
		sb_addf(&sb, "(%d)", len);
	if (cs)
		sb_addf(&sb, " CHARSET %s", str_lower(ctx->a, cs));
	return take(&sb, ctx->a);
}

const char *b_cast_array(MyCtx *ctx, const char *type)
{
	return arena_printf(ctx->a, "%s ARRAY", type);
}

void b_stack_overflow(MyCtx *ctx)
{
	diag_error(ctx->d, b_loc(ctx, ctx->cur), "statement is nested too deeply");
	ctx->errors++;
	ctx->failed = true;
}
