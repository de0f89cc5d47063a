/*
 * model.c: equality, copy and dump for every model node, expanded from the field lists in
 * model.h; lookups and server facts. Knows no SQL syntax: printing SQL is the printers' job.
 */
#include "parser/model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- enum names ---- */

#define MODEL_ENUM_CASE_(sym, text) case sym: return text;
#define MODEL_ENUM_NAME_(T) \
	const char *T##_name(int v) \
	{ \
		switch (v) { T##_VALUES(MODEL_ENUM_CASE_) } \
		return "?"; \
	}
MODEL_ENUMS(MODEL_ENUM_NAME_)

/* ---- identifiers ---- */

bool ident_eq(Dialect d, const char *a, const char *b)
{
	return d == DIALECT_MYSQL ? str_ieq(a, b) : str_eq(a, b);
}

static bool strs_eq(const StrList *a, const StrList *b, bool ident, Dialect d)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++) {
		if (ident ? !ident_eq(d, a->v[i], b->v[i]) : !str_eq(a->v[i], b->v[i]))
			return false;
	}
	return true;
}

static void strs_copy(Arena *a, StrList *dst, const StrList *src)
{
	dst->v = NULL;
	dst->n = dst->cap = 0;
	for (int i = 0; i < src->n; i++)
		LIST_PUSH(a, dst, arena_strdup(a, src->v[i]));
}

/* ---- keys of unordered children ---- */

static bool schema_name_eq(Dialect d, const char *a, const char *b)
{
	if (d == DIALECT_POSTGRES) {
		if (!a)
			a = "public";
		if (!b)
			b = "public";
	}
	return str_eq(a, b);
}

static bool Index_same_key(const Index *a, const Index *b, Dialect d) { return ident_eq(d, a->name, b->name); }
static bool ForeignKey_same_key(const ForeignKey *a, const ForeignKey *b, Dialect d) { return ident_eq(d, a->name, b->name); }
static bool Check_same_key(const Check *a, const Check *b, Dialect d) { return ident_eq(d, a->name, b->name); }
static bool Namespace_same_key(const Namespace *a, const Namespace *b, Dialect d) { (void)d; return str_eq(a->name, b->name); }
static bool Event_same_key(const Event *a, const Event *b, Dialect d) { return ident_eq(d, a->name, b->name); }
static bool Extension_same_key(const Extension *a, const Extension *b, Dialect d) { return ident_eq(d, a->name, b->name); }
static bool TypeDef_same_key(const TypeDef *a, const TypeDef *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && str_eq(a->name, b->name);
}
static bool Sequence_same_key(const Sequence *a, const Sequence *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && str_eq(a->name, b->name);
}
static bool Table_same_key(const Table *a, const Table *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && str_eq(a->name, b->name);
}
static bool View_same_key(const View *a, const View *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && str_eq(a->name, b->name);
}
static bool Routine_same_key(const Routine *a, const Routine *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && ident_eq(d, a->name, b->name) &&
	       a->kind == b->kind && (d == DIALECT_MYSQL || str_eq(a->args, b->args));
}
static bool Trigger_same_key(const Trigger *a, const Trigger *b, Dialect d)
{
	if (!schema_name_eq(d, a->schema, b->schema) || !ident_eq(d, a->name, b->name))
		return false;
	/* PostgreSQL trigger names are per table; MySQL's are per database. */
	return d == DIALECT_MYSQL || str_eq(a->table, b->table);
}
static bool Policy_same_key(const Policy *a, const Policy *b, Dialect d)
{
	return schema_name_eq(d, a->schema, b->schema) && str_eq(a->table, b->table) && str_eq(a->name, b->name);
}

/* ---- equality ---- */

void eqctx_init(EqCtx *c, Dialect dialect)
{
	c->dialect = dialect;
	c->path[0] = '\0';
}

static bool eq_fail(EqCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool eq_fail(EqCtx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->path, sizeof c->path, fmt, ap);
	va_end(ap);
	return false;
}

/* Prepend "what > " to the path recorded by a failed child comparison. */
static bool eq_wrap(EqCtx *c, const char *field, const char *name, int index)
{
	char head[160];
	size_t hl, pl = strlen(c->path);
	if (name)
		snprintf(head, sizeof head, "%s `%.100s` > ", field, name);
	else
		snprintf(head, sizeof head, "%s[%d] > ", field, index);
	hl = strlen(head);
	if (hl + pl >= sizeof c->path)
		pl = sizeof c->path - hl - 1;
	memmove(c->path + hl, c->path, pl);
	c->path[hl + pl] = '\0';
	memcpy(c->path, head, hl);
	return false;
}

#define NZ(s) ((s) ? (s) : "(null)")

/* The display name of a child, for failure paths. */
static const char *IndexPart_label(const IndexPart *n) { return n->column; }
static const char *Index_label(const Index *n) { return n->name; }
static const char *ForeignKey_label(const ForeignKey *n) { return n->name; }
static const char *Check_label(const Check *n) { return n->name; }
static const char *Column_label(const Column *n) { return n->name; }
static const char *PartitionDef_label(const PartitionDef *n) { return n->name; }
static const char *Table_label(const Table *n) { return n->name; }
static const char *View_label(const View *n) { return n->name; }
static const char *Trigger_label(const Trigger *n) { return n->name; }
static const char *Event_label(const Event *n) { return n->name; }
static const char *Routine_label(const Routine *n) { return n->name; }
static const char *Sequence_label(const Sequence *n) { return n->name; }
static const char *TypeDef_label(const TypeDef *n) { return n->name; }
static const char *Extension_label(const Extension *n) { return n->name; }
static const char *Policy_label(const Policy *n) { return n->name; }
static const char *Namespace_label(const Namespace *n) { return n->name; }

#define MF_EQ_IDENT(T, f) \
	if (!ident_eq(c->dialect, a->f, b->f)) return eq_fail(c, #f " (\"%s\" vs \"%s\")", NZ(a->f), NZ(b->f));
#define MF_EQ_TIDENT(T, f) \
	if (!str_eq(a->f, b->f)) return eq_fail(c, #f " (\"%s\" vs \"%s\")", NZ(a->f), NZ(b->f));
#define MF_EQ_STR(T, f) MF_EQ_TIDENT(T, f)
#define MF_EQ_META(T, f)
#define MF_EQ_META64(T, f)
#define MF_EQ_METABOOL(T, f)
#define MF_EQ_METASTRS(T, f)
#define MF_EQ_LOC(T, f)
#define MF_EQ_INT(T, f) \
	if (a->f != b->f) return eq_fail(c, #f " (%d vs %d)", (int)a->f, (int)b->f);
#define MF_EQ_I64(T, f) \
	if (a->f != b->f) return eq_fail(c, #f " (%lld vs %lld)", a->f, b->f);
#define MF_EQ_BOOL(T, f) MF_EQ_INT(T, f)
#define MF_EQ_ENUM(T, f) \
	if (a->f != b->f) return eq_fail(c, #f " (%s vs %s)", T##_name(a->f), T##_name(b->f));
#define MF_EQ_STRS(T, f) \
	if (!strs_eq(&a->f, &b->f, false, c->dialect)) return eq_fail(c, #f " differ");
#define MF_EQ_IDENTS(T, f) \
	if (!strs_eq(&a->f, &b->f, true, c->dialect)) return eq_fail(c, #f " differ");
#define MF_EQ_KIDS(T, f) \
	if (a->f.n != b->f.n) return eq_fail(c, #f ": %d vs %d", a->f.n, b->f.n); \
	for (int i_ = 0; i_ < a->f.n; i_++) \
		if (!T##_equal(a->f.v[i_], b->f.v[i_], c)) return eq_wrap(c, #f, T##_label(a->f.v[i_]), i_);
#define MF_EQ_SET(T, f) \
	for (int i_ = 0; i_ < a->f.n; i_++) { \
		const T *x_ = a->f.v[i_], *y_ = NULL; \
		for (int j_ = 0; j_ < b->f.n && !y_; j_++) \
			if (T##_same_key(x_, b->f.v[j_], c->dialect)) y_ = b->f.v[j_]; \
		if (!y_) return eq_fail(c, #f " `%s` only on the left", NZ(T##_label(x_))); \
		if (!T##_equal(x_, y_, c)) return eq_wrap(c, #f, T##_label(x_), i_); \
	} \
	for (int j_ = 0; j_ < b->f.n; j_++) { \
		const T *y_ = b->f.v[j_]; bool found_ = false; \
		for (int i_ = 0; i_ < a->f.n && !found_; i_++) \
			found_ = T##_same_key(a->f.v[i_], y_, c->dialect); \
		if (!found_) return eq_fail(c, #f " `%s` only on the right", NZ(T##_label(y_))); \
	}
#define MF_EQ_KID(T, f) \
	if (!a->f != !b->f) return eq_fail(c, #f " present on one side only"); \
	if (a->f && !T##_equal(a->f, b->f, c)) return eq_wrap(c, #f, NULL, 0);
#define MF_EQ_(kind, T, n) MF_EQ_##kind(T, n)

#define MODEL_EQUAL_(T) \
	bool T##_equal(const T *a, const T *b, EqCtx *c) \
	{ \
		if (a == b) return true; \
		if (!a || !b) return eq_fail(c, #T " missing on one side"); \
		T##_FIELDS(MF_EQ_) \
		return true; \
	}
MODEL_NODES(MODEL_EQUAL_)

/* ---- copy ---- */

#define MF_CP_IDENT(T, f) d->f = arena_strdup(a, s->f);
#define MF_CP_TIDENT(T, f) d->f = arena_strdup(a, s->f);
#define MF_CP_STR(T, f) d->f = arena_strdup(a, s->f);
#define MF_CP_META(T, f) d->f = arena_strdup(a, s->f);
#define MF_CP_INT(T, f)
#define MF_CP_I64(T, f)
#define MF_CP_META64(T, f)
#define MF_CP_BOOL(T, f)
#define MF_CP_METABOOL(T, f)
#define MF_CP_METASTRS(T, f) strs_copy(a, &d->f, &s->f);
#define MF_CP_ENUM(T, f)
#define MF_CP_LOC(T, f)
#define MF_CP_STRS(T, f) strs_copy(a, &d->f, &s->f);
#define MF_CP_IDENTS(T, f) strs_copy(a, &d->f, &s->f);
#define MF_CP_KIDS(T, f) \
	d->f.v = NULL; d->f.n = d->f.cap = 0; \
	for (int i_ = 0; i_ < s->f.n; i_++) LIST_PUSH(a, &d->f, T##_copy(a, s->f.v[i_]));
#define MF_CP_SET(T, f) MF_CP_KIDS(T, f)
#define MF_CP_KID(T, f) d->f = s->f ? T##_copy(a, s->f) : NULL;
#define MF_CP_(kind, T, n) MF_CP_##kind(T, n)

#define MODEL_COPY_(T) \
	T *T##_copy(Arena *a, const T *s) \
	{ \
		T *d; \
		if (!s) return NULL; \
		d = ARENA_NEW(a, T); \
		*d = *s; \
		T##_FIELDS(MF_CP_) \
		return d; \
	}
MODEL_NODES(MODEL_COPY_)

/* ---- dump ---- */

static void dump_indent(StrBuf *sb, int indent)
{
	for (int i = 0; i < indent; i++)
		sb_adds(sb, "  ");
}

static void dump_str(StrBuf *sb, int indent, const char *field, const char *v)
{
	if (!v)
		return;
	dump_indent(sb, indent);
	sb_addf(sb, "%s: \"", field);
	for (const char *p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(sb, '\\');
		if (*p == '\n')
			sb_adds(sb, "\\n");
		else
			sb_addc(sb, *p);
	}
	sb_adds(sb, "\"\n");
}

static void dump_strs(StrBuf *sb, int indent, const char *field, const StrList *l)
{
	if (!l->n)
		return;
	dump_indent(sb, indent);
	sb_addf(sb, "%s: [", field);
	for (int i = 0; i < l->n; i++)
		sb_addf(sb, "%s\"%s\"", i ? ", " : "", l->v[i]);
	sb_adds(sb, "]\n");
}

#define MF_DU_IDENT(T, f) dump_str(sb, indent + 1, #f, x->f);
#define MF_DU_TIDENT(T, f) dump_str(sb, indent + 1, #f, x->f);
#define MF_DU_STR(T, f) dump_str(sb, indent + 1, #f, x->f);
#define MF_DU_META(T, f) dump_str(sb, indent + 1, #f, x->f);
#define MF_DU_INT(T, f) \
	if (x->f != 0 && !(x->f == -1 && (!strcmp(#f, "length") || !strcmp(#f, "scale") || !strcmp(#f, "srid")))) { \
		dump_indent(sb, indent + 1); sb_addf(sb, "%s: %d\n", #f, (int)x->f); }
#define MF_DU_I64(T, f) \
	if (x->f != 0) { dump_indent(sb, indent + 1); sb_addf(sb, "%s: %lld\n", #f, x->f); }
#define MF_DU_META64(T, f)
#define MF_DU_BOOL(T, f) \
	if (x->f) { dump_indent(sb, indent + 1); sb_addf(sb, "%s: true\n", #f); }
#define MF_DU_METABOOL(T, f) MF_DU_BOOL(T, f)
#define MF_DU_METASTRS(T, f) dump_strs(sb, indent + 1, #f, &x->f);
#define MF_DU_ENUM(T, f) \
	if (x->f != 0 || !strcmp(#T, "IndexKind")) { dump_indent(sb, indent + 1); sb_addf(sb, "%s: %s\n", #f, T##_name(x->f)); }
#define MF_DU_LOC(T, f)
#define MF_DU_STRS(T, f) dump_strs(sb, indent + 1, #f, &x->f);
#define MF_DU_IDENTS(T, f) dump_strs(sb, indent + 1, #f, &x->f);
#define MF_DU_KIDS(T, f) \
	for (int i_ = 0; i_ < x->f.n; i_++) { \
		dump_indent(sb, indent + 1); sb_addf(sb, "%s[%d]:\n", #f, i_); \
		T##_dump(sb, x->f.v[i_], indent + 2); }
#define MF_DU_SET(T, f) MF_DU_KIDS(T, f)
#define MF_DU_KID(T, f) \
	if (x->f) { dump_indent(sb, indent + 1); sb_addf(sb, "%s:\n", #f); T##_dump(sb, x->f, indent + 2); }
#define MF_DU_(kind, T, n) MF_DU_##kind(T, n)

#define MODEL_DUMP_(T) \
	void T##_dump(StrBuf *sb, const T *x, int indent) \
	{ \
		dump_indent(sb, indent); \
		sb_adds(sb, #T "\n"); \
		T##_FIELDS(MF_DU_) \
	}
MODEL_NODES(MODEL_DUMP_)

void schema_dump(StrBuf *sb, const Schema *s)
{
	Schema_dump(sb, s, 0);
}

/* ---- constructors and lookups ---- */

Column *column_new(Arena *a)
{
	Column *c = ARENA_NEW(a, Column);
	c->length = -1;
	c->scale = -1;
	c->srid = -1;
	return c;
}

Schema *schema_new(Arena *a, Dialect dialect)
{
	Schema *s = ARENA_NEW(a, Schema);
	s->dialect = dialect;
	return s;
}

Table *schema_find_table(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		if (str_eq(t->name, name) && (s->dialect == DIALECT_MYSQL ? (!schema || !t->schema || str_eq(schema, t->schema)) : schema_name_eq(s->dialect, schema, t->schema)))
			return t;
	}
	return NULL;
}

View *schema_find_view(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->views.n; i++) {
		View *v = s->views.v[i];
		if (str_eq(v->name, name) && (s->dialect == DIALECT_MYSQL ? (!schema || !v->schema || str_eq(schema, v->schema)) : schema_name_eq(s->dialect, schema, v->schema)))
			return v;
	}
	return NULL;
}

Column *table_find_column(const Table *t, Dialect d, const char *name)
{
	for (int i = 0; i < t->columns.n; i++)
		if (ident_eq(d, t->columns.v[i]->name, name))
			return t->columns.v[i];
	return NULL;
}

Index *table_find_index(const Table *t, Dialect d, const char *name)
{
	for (int i = 0; i < t->indexes.n; i++)
		if (ident_eq(d, t->indexes.v[i]->name, name))
			return t->indexes.v[i];
	return NULL;
}

Index *table_primary_key(const Table *t)
{
	for (int i = 0; i < t->indexes.n; i++)
		if (t->indexes.v[i]->kind == INDEX_PRIMARY)
			return t->indexes.v[i];
	return NULL;
}

/* ---- server facts ---- */

void server_info_parse_version(ServerInfo *si, const char *version)
{
	int ma = 0, mi = 0, pa = 0;
	si->version = version;
	if (version)
		sscanf(version, "%d.%d.%d", &ma, &mi, &pa);
	si->major = ma;
	si->minor = mi;
	si->patch = pa;
	if (si->flavor != FLAVOR_POSTGRES)
		si->flavor = version && strstr(version, "MariaDB") ? FLAVOR_MARIADB : FLAVOR_MYSQL;
}

void server_info_default(ServerInfo *si, Dialect d)
{
	memset(si, 0, sizeof *si);
	if (d == DIALECT_POSTGRES) {
		si->flavor = FLAVOR_POSTGRES;
		si->major = 15;
		return;
	}
	si->flavor = FLAVOR_MARIADB;
	si->major = 10;
	si->minor = 11;
}

int server_info_flavor(ServerInfo *si, const char *name)
{
	if (str_ieq(name, "mariadb")) {
		server_info_default(si, DIALECT_MYSQL);
		return 0;
	}
	if (str_ieq(name, "mysql")) {
		server_info_default(si, DIALECT_MYSQL);
		si->flavor = FLAVOR_MYSQL;
		si->major = 8;
		si->minor = 0;
		return 0;
	}
	return -1;
}

/* Defaults of MariaDB 10.11 and MySQL 8.0 for the charsets people use, when the server's own
 * table (from information_schema.COLLATIONS) is not loaded. */
static const char *const mariadb_default_collations[] = {
	"utf8mb4", "utf8mb4_general_ci", "utf8mb3", "utf8mb3_general_ci", "utf8", "utf8mb3_general_ci",
	"latin1", "latin1_swedish_ci", "ascii", "ascii_general_ci", "binary", "binary",
	"utf16", "utf16_general_ci", "utf32", "utf32_general_ci", "ucs2", "ucs2_general_ci", NULL,
};
static const char *const mysql_default_collations[] = {
	"utf8mb4", "utf8mb4_0900_ai_ci", "utf8mb3", "utf8mb3_general_ci", "utf8", "utf8mb3_general_ci",
	"latin1", "latin1_swedish_ci", "ascii", "ascii_general_ci", "binary", "binary",
	"utf16", "utf16_general_ci", "utf32", "utf32_general_ci", "ucs2", "ucs2_general_ci", NULL,
};

const char *server_default_collation(const ServerInfo *si, const char *charset)
{
	const char *const *tab;
	if (!charset)
		return NULL;
	for (int i = 0; i + 1 < si->default_collations.n; i += 2)
		if (str_ieq(si->default_collations.v[i], charset))
			return si->default_collations.v[i + 1];
	tab = si->flavor == FLAVOR_MYSQL ? mysql_default_collations : mariadb_default_collations;
	for (int i = 0; tab[i]; i += 2)
		if (str_ieq(tab[i], charset))
			return tab[i + 1];
	return NULL;
}
