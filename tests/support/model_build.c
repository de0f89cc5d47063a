/*
 * model_build.c: see model_build.h. Test support only; never linked into sqlshape itself.
 */
#include "tests/support/model_build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

Table *mb_table(Arena *a, Schema *s, const char *name)
{
	Table *t = ARENA_NEW(a, Table);
	t->name = arena_strdup(a, name);
	LIST_PUSH(a, &s->tables, t);
	return t;
}

Column *mb_col(Arena *a, Table *t, const char *name, const char *type)
{
	return mb_coln(a, t, name, type, -1, -1);
}

Column *mb_coln(Arena *a, Table *t, const char *name, const char *type, int length, int scale)
{
	Column *c = column_new(a);
	c->name = arena_strdup(a, name);
	c->type = arena_strdup(a, type);
	c->length = length;
	c->scale = scale;
	LIST_PUSH(a, &t->columns, c);
	return c;
}

void mb_strs(Arena *a, StrList *l, const char *csv)
{
	const char *p = csv;
	if (!csv || !*csv)
		return;
	for (;;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		while (n && isspace((unsigned char)*p))
			p++, n--;
		while (n && isspace((unsigned char)p[n - 1]))
			n--;
		LIST_PUSH(a, l, arena_strndup(a, p, n));
		if (!e)
			break;
		p = e + 1;
	}
}

void mb_values(Arena *a, Column *c, const char *labels)
{
	mb_strs(a, &c->values, labels);
}

Index *mb_index(Arena *a, Table *t, IndexKind kind, const char *name, const char *parts)
{
	Index *ix = ARENA_NEW(a, Index);
	StrList l = {0};
	ix->kind = kind;
	ix->name = name ? arena_strdup(a, name) : NULL;
	mb_strs(a, &l, parts);
	for (int i = 0; i < l.n; i++) {
		IndexPart *p = ARENA_NEW(a, IndexPart);
		char *s = arena_strdup(a, l.v[i]), *sp = strchr(s, ' '), *par;
		if (sp) {
			*sp = 0;
			p->desc = strstr(sp + 1, "desc") != NULL;
		}
		par = strchr(s, '(');
		if (par) {
			*par = 0;
			p->prefix_len = atoi(par + 1);
		}
		p->column = s;
		LIST_PUSH(a, &ix->parts, p);
	}
	LIST_PUSH(a, &t->indexes, ix);
	return ix;
}

ForeignKey *mb_fk(Arena *a, Table *t, const char *name, const char *cols, const char *ref_table,
		  const char *ref_cols)
{
	ForeignKey *fk = ARENA_NEW(a, ForeignKey);
	fk->name = name ? arena_strdup(a, name) : NULL;
	mb_strs(a, &fk->columns, cols);
	fk->ref_table = arena_strdup(a, ref_table);
	mb_strs(a, &fk->ref_columns, ref_cols);
	LIST_PUSH(a, &t->fks, fk);
	return fk;
}

Check *mb_check(Arena *a, Table *t, const char *name, const char *expr)
{
	Check *ck = ARENA_NEW(a, Check);
	ck->name = name ? arena_strdup(a, name) : NULL;
	ck->expr = arena_strdup(a, expr);
	LIST_PUSH(a, &t->checks, ck);
	return ck;
}
