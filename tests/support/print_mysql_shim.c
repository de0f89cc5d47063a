/*
 * print_mysql_shim.c: TEMPORARY, tests only. A minimal stand-in for the canonical printer
 * pieces (parser/print_mysql.c, branch printer) so the differ's unit tests link before the
 * printer lands. Every symbol is weak; delete this file as soon as parser/print_mysql.c is on
 * main (the differ must render through the real printer). Linked into tests, never into
 * build/sqlshape.
 */
#include <string.h>

#include "parser/frontend.h"

#define WEAK __attribute__((weak))

static void shim_idents(StrBuf *sb, const StrList *l)
{
	sb_addc(sb, '(');
	for (int i = 0; i < l->n; i++) {
		if (i)
			sb_addc(sb, ',');
		sb_add_mysql_ident(sb, l->v[i]);
	}
	sb_addc(sb, ')');
}

WEAK void mysql_print_column_def(StrBuf *sb, const Column *c, const ServerInfo *si)
{
	(void)si;
	sb_add_mysql_ident(sb, c->name);
	sb_addf(sb, " %s", c->type);
	if (c->values.n) {
		sb_addc(sb, '(');
		for (int i = 0; i < c->values.n; i++) {
			if (i)
				sb_addc(sb, ',');
			sb_add_mysql_string(sb, c->values.v[i]);
		}
		sb_addc(sb, ')');
	} else if (c->length >= 0 && c->scale >= 0) {
		sb_addf(sb, "(%d,%d)", c->length, c->scale);
	} else if (c->length >= 0) {
		sb_addf(sb, "(%d)", c->length);
	}
	if (c->is_unsigned)
		sb_adds(sb, " unsigned");
	if (c->charset)
		sb_addf(sb, " CHARACTER SET %s", c->charset);
	if (c->collation)
		sb_addf(sb, " COLLATE %s", c->collation);
	if (c->gen_kind != GEN_NONE)
		sb_addf(sb, " GENERATED ALWAYS AS (%s) %s", c->gen_expr, GenKind_name(c->gen_kind));
	if (c->not_null)
		sb_adds(sb, " NOT NULL");
	if (c->default_kind == DEFAULT_NULL)
		sb_adds(sb, " DEFAULT NULL");
	else if (c->default_kind == DEFAULT_LITERAL || c->default_kind == DEFAULT_EXPR)
		sb_addf(sb, " DEFAULT %s", c->default_text);
	if (c->on_update)
		sb_addf(sb, " ON UPDATE %s", c->on_update);
	if (c->auto_increment)
		sb_adds(sb, " AUTO_INCREMENT");
	if (c->comment) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, c->comment);
	}
}

WEAK void mysql_print_index_def(StrBuf *sb, const Index *ix, const ServerInfo *si)
{
	(void)si;
	switch (ix->kind) {
	case INDEX_PRIMARY: sb_adds(sb, "PRIMARY KEY "); break;
	case INDEX_UNIQUE: sb_adds(sb, "UNIQUE KEY "); break;
	case INDEX_FULLTEXT: sb_adds(sb, "FULLTEXT KEY "); break;
	case INDEX_SPATIAL: sb_adds(sb, "SPATIAL KEY "); break;
	default: sb_adds(sb, "KEY "); break;
	}
	if (ix->kind != INDEX_PRIMARY) {
		sb_add_mysql_ident(sb, ix->name);
		sb_addc(sb, ' ');
	}
	sb_addc(sb, '(');
	for (int i = 0; i < ix->parts.n; i++) {
		const IndexPart *p = ix->parts.v[i];
		if (i)
			sb_addc(sb, ',');
		if (p->column)
			sb_add_mysql_ident(sb, p->column);
		else
			sb_addf(sb, "(%s)", p->expr);
		if (p->prefix_len)
			sb_addf(sb, "(%d)", p->prefix_len);
		if (p->desc)
			sb_adds(sb, " DESC");
	}
	sb_addc(sb, ')');
	if (ix->method)
		sb_addf(sb, " USING %s", ix->method);
	if (ix->comment) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, ix->comment);
	}
}

WEAK void mysql_print_fk_def(StrBuf *sb, const ForeignKey *fk, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CONSTRAINT ");
	sb_add_mysql_ident(sb, fk->name);
	sb_adds(sb, " FOREIGN KEY ");
	shim_idents(sb, &fk->columns);
	sb_adds(sb, " REFERENCES ");
	sb_add_mysql_ident(sb, fk->ref_table);
	sb_addc(sb, ' ');
	shim_idents(sb, &fk->ref_columns);
	if (fk->on_delete)
		sb_addf(sb, " ON DELETE %s", FkAction_name(fk->on_delete));
	if (fk->on_update)
		sb_addf(sb, " ON UPDATE %s", FkAction_name(fk->on_update));
}

WEAK void mysql_print_check_def(StrBuf *sb, const Check *ck, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CONSTRAINT ");
	sb_add_mysql_ident(sb, ck->name);
	sb_addf(sb, " CHECK (%s)", ck->expr);
}

WEAK void mysql_print_partitioning(StrBuf *sb, const Partitioning *p, const ServerInfo *si)
{
	(void)si;
	sb_addf(sb, "PARTITION BY %s%s", p->linear ? "LINEAR " : "", PartMethod_name(p->method));
	if (p->columns) {
		sb_adds(sb, " COLUMNS");
		shim_idents(sb, &p->column_list);
	} else if (p->expr) {
		sb_addf(sb, " (%s)", p->expr);
	} else {
		shim_idents(sb, &p->column_list);
	}
	if (p->count)
		sb_addf(sb, " PARTITIONS %d", p->count);
	if (p->parts.n) {
		sb_adds(sb, "\n(");
		for (int i = 0; i < p->parts.n; i++) {
			sb_adds(sb, i ? ",\n " : "");
			sb_adds(sb, "PARTITION ");
			sb_add_mysql_ident(sb, p->parts.v[i]->name);
			if (p->parts.v[i]->values)
				sb_addf(sb, " VALUES %s", p->parts.v[i]->values);
		}
		sb_addc(sb, ')');
	}
}

WEAK void mysql_print_table(StrBuf *sb, const Table *t, const ServerInfo *si)
{
	bool first = true;
	sb_adds(sb, "CREATE TABLE ");
	sb_add_mysql_ident(sb, t->name);
	sb_adds(sb, " (\n");
#define SHIM_SEP() do { sb_adds(sb, first ? "  " : ",\n  "); first = false; } while (0)
	for (int i = 0; i < t->columns.n; i++) {
		SHIM_SEP();
		mysql_print_column_def(sb, t->columns.v[i], si);
	}
	for (int i = 0; i < t->indexes.n; i++) {
		SHIM_SEP();
		mysql_print_index_def(sb, t->indexes.v[i], si);
	}
	for (int i = 0; i < t->fks.n; i++) {
		SHIM_SEP();
		mysql_print_fk_def(sb, t->fks.v[i], si);
	}
	for (int i = 0; i < t->checks.n; i++) {
		SHIM_SEP();
		mysql_print_check_def(sb, t->checks.v[i], si);
	}
#undef SHIM_SEP
	sb_adds(sb, "\n)");
	if (t->engine)
		sb_addf(sb, " ENGINE=%s", t->engine);
	if (t->charset)
		sb_addf(sb, " DEFAULT CHARSET=%s", t->charset);
	if (t->collation)
		sb_addf(sb, " COLLATE=%s", t->collation);
	if (t->comment) {
		sb_adds(sb, " COMMENT=");
		sb_add_mysql_string(sb, t->comment);
	}
	if (t->partitioning) {
		sb_addc(sb, '\n');
		mysql_print_partitioning(sb, t->partitioning, si);
	}
	sb_adds(sb, ";\n");
}

WEAK void mysql_print_view(StrBuf *sb, const View *v, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CREATE VIEW ");
	sb_add_mysql_ident(sb, v->name);
	sb_addf(sb, " AS %s;\n", v->definition);
}

WEAK void mysql_print_trigger(StrBuf *sb, const Trigger *t, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CREATE TRIGGER ");
	sb_add_mysql_ident(sb, t->name);
	sb_addf(sb, " %s %s ON ", t->timing, t->events);
	sb_add_mysql_ident(sb, t->table);
	sb_addf(sb, " FOR EACH ROW %s;\n", t->body);
}

WEAK void mysql_print_routine(StrBuf *sb, const Routine *r, const ServerInfo *si)
{
	(void)si;
	sb_addf(sb, "%s;\n", r->definition);
}
