/*
 * print_pg.c: canonical PostgreSQL DDL from the model, in an order that loads into an empty
 * database: extensions, schemas, types, functions (with check_function_bodies off, as pg_dump
 * does), sequences, tables (parents before partitions and children), foreign keys, indexes,
 * sequence ownership, views (each after the views it reads), triggers, row-level security and
 * policies, comments. Every identifier is quoted; expressions and types are printed as the
 * model holds them (canonical text). It never reads a server and never changes the model.
 */
#include <stdlib.h>
#include <string.h>

#include "parser/frontend.h"

static void qname(StrBuf *sb, const char *schema, const char *name)
{
	sb_add_pg_ident(sb, schema ? schema : "public");
	sb_addc(sb, '.');
	sb_add_pg_ident(sb, name);
}

/* "schema.name" as the model stores references (raw, unquoted) -> quoted. */
void pg_print_qref(StrBuf *sb, const char *ref)
{
	const char *dot = strchr(ref, '.');
	if (!dot) {
		qname(sb, NULL, ref);
		return;
	}
	StrBuf s;
	sb_init(&s);
	sb_add(&s, ref, (size_t)(dot - ref));
	sb_add_pg_ident(sb, sb_str(&s));
	sb_release(&s);
	sb_addc(sb, '.');
	sb_add_pg_ident(sb, dot + 1);
}

static void ident_list(StrBuf *sb, const StrList *l)
{
	for (int i = 0; i < l->n; i++) {
		if (i)
			sb_adds(sb, ", ");
		sb_add_pg_ident(sb, l->v[i]);
	}
}

static void comment_on(StrBuf *sb, const char *what, const char *target, const char *text)
{
	if (!text)
		return;
	sb_addf(sb, "COMMENT ON %s %s IS ", what, target);
	sb_add_pg_string(sb, text);
	sb_adds(sb, ";\n");
}

void pg_print_index_parts(StrBuf *sb, const Index *ix)
{
	sb_addc(sb, '(');
	for (int i = 0; i < ix->parts.n; i++) {
		const IndexPart *p = ix->parts.v[i];
		if (i)
			sb_adds(sb, ", ");
		if (p->column)
			sb_add_pg_ident(sb, p->column);
		else
			sb_addf(sb, "(%s)", p->expr);
		if (p->collation) {
			/* an identifier like a column's ("C" keeps its case) */
			sb_adds(sb, " COLLATE ");
			if (strchr(p->collation, '.'))
				pg_print_qref(sb, p->collation);
			else
				sb_add_pg_ident(sb, p->collation);
		}
		if (p->opclass)
			sb_addf(sb, " %s", p->opclass);
		if (p->desc)
			sb_adds(sb, " DESC");
		if (p->nulls != NULLS_DEFAULT)
			sb_addf(sb, " %s", NullsOrder_name(p->nulls));
		if (p->exclude_op)
			sb_addf(sb, " WITH %s", p->exclude_op);
	}
	sb_addc(sb, ')');
	if (ix->include.n) {
		sb_adds(sb, " INCLUDE (");
		ident_list(sb, &ix->include);
		sb_addc(sb, ')');
	}
	if (ix->with_options)
		sb_addf(sb, " WITH (%s)", ix->with_options);
}

void pg_print_deferrable(StrBuf *sb, bool d, bool init)
{
	if (d)
		sb_adds(sb, " DEFERRABLE");
	if (init)
		sb_adds(sb, " INITIALLY DEFERRED");
}

/* A PRIMARY KEY / UNIQUE / EXCLUDE constraint as a table element. */
void pg_print_key_constraint(StrBuf *sb, const Index *ix)
{
	sb_adds(sb, "CONSTRAINT ");
	sb_add_pg_ident(sb, ix->name);
	if (ix->kind == INDEX_PRIMARY)
		sb_adds(sb, " PRIMARY KEY ");
	else if (ix->kind == INDEX_UNIQUE)
		sb_adds(sb, ix->nulls_not_distinct ? " UNIQUE NULLS NOT DISTINCT " : " UNIQUE ");
	else
		sb_addf(sb, " EXCLUDE USING %s ", ix->method ? ix->method : "btree");
	pg_print_index_parts(sb, ix);
	if (ix->where_pred)
		sb_addf(sb, " WHERE (%s)", ix->where_pred);
	pg_print_deferrable(sb, ix->deferrable, ix->initially_deferred);
}

void pg_print_column(StrBuf *sb, const Column *c)
{
	sb_add_pg_ident(sb, c->name);
	sb_addc(sb, ' ');
	sb_adds(sb, c->type);
	if (c->compression) {
		sb_adds(sb, " COMPRESSION ");
		sb_adds(sb, c->compression);
	}
	if (c->collation) {
		sb_adds(sb, " COLLATE ");
		if (strchr(c->collation, '.'))
			pg_print_qref(sb, c->collation);
		else
			sb_add_pg_ident(sb, c->collation);
	}
	if (c->gen_kind == GEN_STORED)
		sb_addf(sb, " GENERATED ALWAYS AS (%s) STORED", c->gen_expr);
	else if (c->default_text) {
		sb_adds(sb, " DEFAULT ");
		sb_adds(sb, c->default_source ? c->default_source : c->default_text);
	}
	if (c->identity != IDENTITY_NONE) {
		sb_adds(sb, " GENERATED ");
		sb_adds(sb, IdentityKind_name(c->identity));
		sb_adds(sb, " AS IDENTITY");
		if (c->identity_options) {
			sb_adds(sb, " (");
			sb_adds(sb, c->identity_options);
			sb_addc(sb, ')');
		}
	}
	if (c->not_null)
		sb_adds(sb, " NOT NULL");
}

static void print_table(StrBuf *sb, const Table *t)
{
	bool first = true;
	sb_addf(sb, "CREATE %sTABLE ", t->unlogged ? "UNLOGGED " : "");
	qname(sb, t->schema, t->name);
	if (t->partition_of) {
		sb_adds(sb, " PARTITION OF ");
		pg_print_qref(sb, t->partition_of);
	}
	sb_adds(sb, " (");
	for (int i = 0; i < t->columns.n; i++) {
		sb_adds(sb, first ? "\n    " : ",\n    ");
		first = false;
		pg_print_column(sb, t->columns.v[i]);
	}
	for (int i = 0; i < t->indexes.n; i++) {
		const Index *ix = t->indexes.v[i];
		if (!ix->is_constraint)
			continue;
		sb_adds(sb, first ? "\n    " : ",\n    ");
		first = false;
		pg_print_key_constraint(sb, ix);
	}
	for (int i = 0; i < t->checks.n; i++) {
		const Check *ck = t->checks.v[i];
		if (ck->not_valid)
			continue;  /* added after the table, so it stays NOT VALID */
		sb_adds(sb, first ? "\n    " : ",\n    ");
		first = false;
		sb_adds(sb, "CONSTRAINT ");
		sb_add_pg_ident(sb, ck->name);
		sb_addf(sb, " CHECK (%s)%s", ck->source ? ck->source : ck->expr, ck->no_inherit ? " NO INHERIT" : "");
	}
	if (first)
		sb_truncate(sb, sb->len - (t->partition_of ? 2 : 0));  /* PARTITION OF takes no empty list */
	if (!first || !t->partition_of)
		sb_adds(sb, first ? ")" : "\n)");
	if (t->partition_of)
		sb_addf(sb, " %s", t->partition_bound ? t->partition_bound : "DEFAULT");
	if (t->inherits.n) {
		sb_adds(sb, " INHERITS (");
		for (int i = 0; i < t->inherits.n; i++) {
			if (i)
				sb_adds(sb, ", ");
			pg_print_qref(sb, t->inherits.v[i]);
		}
		sb_addc(sb, ')');
	}
	if (t->partition_by)
		sb_addf(sb, " PARTITION BY %s", t->partition_by);
	if (t->with_options)
		sb_addf(sb, " WITH (%s)", t->with_options);
	sb_adds(sb, ";\n");
}

static void print_fk(StrBuf *sb, const Table *t, const ForeignKey *fk)
{
	sb_adds(sb, "ALTER TABLE ");
	qname(sb, t->schema, t->name);
	sb_adds(sb, " ADD CONSTRAINT ");
	sb_add_pg_ident(sb, fk->name);
	sb_adds(sb, " FOREIGN KEY (");
	ident_list(sb, &fk->columns);
	sb_adds(sb, ") REFERENCES ");
	qname(sb, fk->ref_schema, fk->ref_table);
	if (fk->ref_columns.n) {
		sb_adds(sb, " (");
		ident_list(sb, &fk->ref_columns);
		sb_addc(sb, ')');
	}
	if (fk->match)
		sb_addf(sb, " MATCH %s", fk->match);
	if (fk->on_update != FK_UNSPECIFIED)
		sb_addf(sb, " ON UPDATE %s", FkAction_name(fk->on_update));
	if (fk->on_delete != FK_UNSPECIFIED)
		sb_addf(sb, " ON DELETE %s", FkAction_name(fk->on_delete));
	pg_print_deferrable(sb, fk->deferrable, fk->initially_deferred);
	if (fk->not_valid)
		sb_adds(sb, " NOT VALID");
	sb_adds(sb, ";\n");
}

void pg_print_index(StrBuf *sb, const char *schema, const char *table, const Index *ix)
{
	sb_addf(sb, "CREATE %sINDEX ", ix->kind == INDEX_UNIQUE ? "UNIQUE " : "");
	sb_add_pg_ident(sb, ix->name);
	sb_adds(sb, " ON ");
	qname(sb, schema, table);
	if (ix->method)
		sb_addf(sb, " USING %s", ix->method);
	sb_addc(sb, ' ');
	pg_print_index_parts(sb, ix);
	if (ix->nulls_not_distinct)
		sb_adds(sb, " NULLS NOT DISTINCT");
	if (ix->where_pred)
		sb_addf(sb, " WHERE (%s)", ix->where_source ? ix->where_source : ix->where_pred);
	sb_adds(sb, ";\n");
}

static const char *tmp_qname(StrBuf *tmp, const char *schema, const char *name)
{
	sb_reset(tmp);
	qname(tmp, schema, name);
	return sb_str(tmp);
}

/* Does text mention name as a whole word? (used to order views after the views they read) */
static bool mentions(const char *text, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
		char before = p == text ? ' ' : p[-1], after = p[n];
		bool wb = !(before == '_' || (before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'));
		bool wa = !(after == '_' || (after >= 'a' && after <= 'z') || (after >= '0' && after <= '9'));
		if (wb && wa)
			return true;
	}
	return false;
}

void pg_print_foreign_keys(StrBuf *sb, const Table *t)
{
	StrBuf tmp;
	sb_init(&tmp);
	for (int j = 0; j < t->fks.n; j++) {
		print_fk(sb, t, t->fks.v[j]);
		if (!t->fks.v[j]->comment)
			continue;
		sb_reset(&tmp);
		sb_add_pg_ident(&tmp, t->fks.v[j]->name);
		sb_adds(&tmp, " ON ");
		qname(&tmp, t->schema, t->name);
		comment_on(sb, "CONSTRAINT", sb_str(&tmp), t->fks.v[j]->comment);
	}
	sb_release(&tmp);
}

/* The table a partition belongs to (NULL: not in s). */
static const Table *parent_of(const Schema *s, const Table *t)
{
	const char *parent = t->partition_of, *dot = parent ? strchr(parent, '.') : NULL;
	for (int i = 0; dot && i < s->tables.n; i++) {
		const Table *p = s->tables.v[i];
		const char *ps = p->schema ? p->schema : "public";
		if (strlen(ps) == (size_t)(dot - parent) && !strncmp(parent, ps, (size_t)(dot - parent)) && str_eq(dot + 1, p->name))
			return p;
	}
	return NULL;
}

/* A partition's indexes attached to its parent's (non-constraint) indexes, under their own
 * names: printed before the parent's index, whose CREATE INDEX then attaches them. */
static void print_attached_indexes(StrBuf *sb, const Schema *s, const Table *t, bool attach)
{
	const Table *parent = t->attached_indexes.n ? parent_of(s, t) : NULL;
	for (int k = 0; parent && k + 1 < t->attached_indexes.n; k += 2) {
		for (int j = 0; j < parent->indexes.n; j++) {
			const Index *pix = parent->indexes.v[j];
			if (pix->is_constraint || !str_eq(pix->name, t->attached_indexes.v[k]))
				continue;
			Index own = *pix;
			own.name = t->attached_indexes.v[k + 1];
			own.comment = NULL;
			if (!attach) {
				pg_print_index(sb, t->schema, t->name, &own);
				continue;
			}
			/* (already attached by then: says so for a reader, a no-op for the server) */
			sb_adds(sb, "ALTER INDEX ");
			qname(sb, parent->schema, pix->name);
			sb_adds(sb, " ATTACH PARTITION ");
			qname(sb, t->schema, own.name);
			sb_adds(sb, ";\n");
		}
	}
}

static int table_rank(const Schema *s, const Table *t, int depth)
{
	/* parents (PARTITION OF / INHERITS) before their children */
	const char *parent = t->partition_of ? t->partition_of : t->inherits.n ? t->inherits.v[0] : NULL;
	if (!parent || depth > 32)
		return 0;
	const char *dot = strchr(parent, '.');
	for (int i = 0; i < s->tables.n; i++) {
		const Table *p = s->tables.v[i];
		if (dot && !strncmp(parent, p->schema ? p->schema : "public", (size_t)(dot - parent)) &&
		    strlen(p->schema ? p->schema : "public") == (size_t)(dot - parent) && str_eq(dot + 1, p->name))
			return 1 + table_rank(s, p, depth + 1);
	}
	return 1;
}

bool pg_routine_needs_relations(const Schema *s, const Routine *r)
{
	for (int i = 0; i < s->tables.n; i++)
		if ((r->returns && mentions(r->returns, s->tables.v[i]->name)) || (r->args && mentions(r->args, s->tables.v[i]->name)))
			return true;
	for (int i = 0; i < s->views.n; i++)
		if ((r->returns && mentions(r->returns, s->views.v[i]->name)) || (r->args && mentions(r->args, s->views.v[i]->name)))
			return true;
	return false;
}

bool pg_type_needs_routines(const Schema *s, const TypeDef *t)
{
	if (t->kind != TYPE_DOMAIN || !t->definition)
		return false;
	for (int i = 0; i < s->routines.n; i++)
		if (s->routines.v[i]->kind != ROUTINE_AGGREGATE && mentions(t->definition, s->routines.v[i]->name))
			return true;
	return false;
}

static void print_types(StrBuf *sb, const Schema *s, bool late)
{
	for (int i = 0; i < s->types.n; i++) {
		const TypeDef *t = s->types.v[i];
		if (pg_type_needs_routines(s, t) != late)
			continue;
		switch (t->kind) {
		case TYPE_ENUM:
			sb_adds(sb, "CREATE TYPE ");
			qname(sb, t->schema, t->name);
			sb_adds(sb, " AS ENUM (");
			for (int j = 0; j < t->labels.n; j++) {
				if (j)
					sb_adds(sb, ", ");
				sb_add_pg_string(sb, t->labels.v[j]);
			}
			sb_adds(sb, ");\n");
			break;
		case TYPE_DOMAIN:
			sb_adds(sb, "CREATE DOMAIN ");
			qname(sb, t->schema, t->name);
			sb_addf(sb, " AS %s%s%s;\n", t->base_type, t->definition ? " " : "", t->definition ? t->definition : "");
			break;
		case TYPE_COMPOSITE:
			sb_adds(sb, "CREATE TYPE ");
			qname(sb, t->schema, t->name);
			sb_adds(sb, " AS (");
			for (int j = 0; j < t->labels.n; j++)
				sb_addf(sb, "%s%s", j ? ", " : "", t->labels.v[j]);
			sb_adds(sb, ");\n");
			break;
		case TYPE_RANGE:
			sb_adds(sb, "CREATE TYPE ");
			qname(sb, t->schema, t->name);
			sb_addf(sb, " AS RANGE (%s);\n", t->definition ? t->definition : "");
			break;
		}
	}
}

static void print_routines(StrBuf *sb, const Schema *s, bool late)
{
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < s->routines.n; i++) {
			const Routine *r = s->routines.v[i];
			if ((r->kind == ROUTINE_AGGREGATE) != (pass == 1) || pg_routine_needs_relations(s, r) != late)
				continue;
			sb_addf(sb, "%s;\n", r->definition);
		}
}

void pg_print_schema(StrBuf *sb, const Schema *s, const ServerInfo *si)
{
	StrBuf tmp;
	int maxrank = 0;
	sb_init(&tmp);
	sb_adds(sb, "SET check_function_bodies = false;\n");
	/* canonical text leaves "public." out of names inside expressions (or names them as
	 * seen from the search_path the catalogue was read under) */
	sb_addf(sb, "SET search_path = %s;\n", si && si->search_path ? si->search_path : "public");
	for (int i = 0; i < s->namespaces.n; i++) {
		sb_adds(sb, "CREATE SCHEMA ");
		sb_add_pg_ident(sb, s->namespaces.v[i]->name);
		sb_adds(sb, ";\n");
	}
	for (int i = 0; i < s->extensions.n; i++) {
		const Extension *e = s->extensions.v[i];
		sb_adds(sb, "CREATE EXTENSION IF NOT EXISTS ");
		sb_add_pg_ident(sb, e->name);
		if (e->schema) {
			sb_adds(sb, " WITH SCHEMA ");
			sb_add_pg_ident(sb, e->schema);
		}
		sb_adds(sb, ";\n");
	}
	/* collations and text search configurations as the catalogue found them */
	if (s->unmodelled)
		sb_adds(sb, s->unmodelled);
	print_types(sb, s, false);
	/* functions and procedures, then the aggregates built from them; those whose signature
	 * names a table's or view's row type wait until after the views */
	print_routines(sb, s, false);
	/* domains whose check or default calls those routines */
	print_types(sb, s, true);
	for (int i = 0; i < s->sequences.n; i++) {
		const Sequence *q = s->sequences.v[i];
		sb_adds(sb, "CREATE SEQUENCE ");
		qname(sb, q->schema, q->name);
		sb_addf(sb, " AS %s START WITH %lld INCREMENT BY %lld MINVALUE %lld MAXVALUE %lld CACHE %lld%s;\n",
			q->data_type ? q->data_type : "bigint", q->start, q->increment, q->min_value, q->max_value, q->cache,
			q->cycle ? " CYCLE" : "");
	}
	for (int i = 0; i < s->tables.n; i++) {
		int r = table_rank(s, s->tables.v[i], 0);
		if (r > maxrank)
			maxrank = r;
	}
	for (int rank = 0; rank <= maxrank; rank++)
		for (int i = 0; i < s->tables.n; i++)
			if (table_rank(s, s->tables.v[i], 0) == rank)
				print_table(sb, s->tables.v[i]);
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		for (int j = 0; j < t->checks.n; j++) {
			const Check *ck = t->checks.v[j];
			if (!ck->not_valid)
				continue;
			sb_adds(sb, "ALTER TABLE ");
			qname(sb, t->schema, t->name);
			sb_adds(sb, " ADD CONSTRAINT ");
			sb_add_pg_ident(sb, ck->name);
			sb_addf(sb, " CHECK (%s)%s NOT VALID;\n", ck->source ? ck->source : ck->expr, ck->no_inherit ? " NO INHERIT" : "");
		}
	}
	for (int i = 0; i < s->tables.n; i++)
		print_attached_indexes(sb, s, s->tables.v[i], false);
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		for (int j = 0; j < t->indexes.n; j++)
			if (!t->indexes.v[j]->is_constraint)
				pg_print_index(sb, t->schema, t->name, t->indexes.v[j]);
	}
	for (int i = 0; i < s->tables.n; i++)
		print_attached_indexes(sb, s, s->tables.v[i], true);
	/* foreign keys after the indexes: one may reference columns that only a unique index
	 * (not a constraint) covers */
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		for (int j = 0; j < t->fks.n; j++)
			print_fk(sb, t, t->fks.v[j]);
	}
	for (int i = 0; i < s->sequences.n; i++) {
		const Sequence *q = s->sequences.v[i];
		const char *dot2;
		if (!q->owned_by || !(dot2 = strrchr(q->owned_by, '.')))
			continue;
		sb_adds(sb, "ALTER SEQUENCE ");
		qname(sb, q->schema, q->name);
		sb_adds(sb, " OWNED BY ");
		StrBuf tb;
		sb_init(&tb);
		sb_add(&tb, q->owned_by, (size_t)(dot2 - q->owned_by));
		pg_print_qref(sb, sb_str(&tb));
		sb_release(&tb);
		sb_addc(sb, '.');
		sb_add_pg_ident(sb, dot2 + 1);
		sb_adds(sb, ";\n");
	}
	/* views: each after every other view whose name its text mentions */
	{
		int n = s->views.n, left = n;
		bool *done = xmalloc((size_t)n + 1);
		memset(done, 0, (size_t)n + 1);
		while (left > 0) {
			int progress = 0;
			for (int i = 0; i < n; i++) {
				const View *v = s->views.v[i];
				bool ready = true;
				if (done[i])
					continue;
				for (int j = 0; j < n && ready; j++)
					if (j != i && !done[j] && mentions(v->definition, s->views.v[j]->name))
						ready = false;
				if (!ready && progress == 0 && i == n - 1)
					ready = true;  /* a cycle by name only: print anyway */
				if (!ready)
					continue;
				sb_addf(sb, "CREATE %sVIEW ", v->materialized ? "MATERIALIZED " : "");
				qname(sb, v->schema, v->name);
				if (v->columns.n) {
					sb_adds(sb, " (");
					ident_list(sb, &v->columns);
					sb_addc(sb, ')');
				}
				if (v->with_options)
					sb_addf(sb, " WITH (%s)", v->with_options);
				sb_addf(sb, " AS %s", v->source ? v->source : v->definition);
				if (v->check_option)
					sb_addf(sb, " WITH %s CHECK OPTION", v->check_option);
				sb_adds(sb, ";\n");
				for (int j = 0; j < v->indexes.n; j++)
					pg_print_index(sb, v->schema, v->name, v->indexes.v[j]);
				done[i] = true;
				left--;
				progress++;
			}
			if (!progress)
				break;
		}
		free(done);
	}
	print_routines(sb, s, true);
	for (int i = 0; i < s->triggers.n; i++) {
		const Trigger *tg = s->triggers.v[i];
		sb_addf(sb, "CREATE %sTRIGGER ", tg->constraint_trigger ? "CONSTRAINT " : "");
		sb_add_pg_ident(sb, tg->name);
		sb_addf(sb, " %s %s ON ", tg->timing, tg->events);
		qname(sb, tg->schema, tg->table);
		if (tg->deferral)
			sb_addf(sb, " %s", tg->deferral);
		if (tg->referencing)
			sb_addf(sb, " REFERENCING %s", tg->referencing);
		sb_addf(sb, " FOR EACH %s", tg->for_each_row ? "ROW" : "STATEMENT");
		if (tg->when_expr)
			sb_addf(sb, " WHEN (%s)", tg->when_expr);
		sb_addf(sb, " %s;\n", tg->body);
		if (tg->firing) {
			sb_adds(sb, "ALTER TABLE ");
			qname(sb, tg->schema, tg->table);
			sb_addf(sb, " %s TRIGGER ", tg->firing);
			sb_add_pg_ident(sb, tg->name);
			sb_adds(sb, ";\n");
		}
	}
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		if (t->rls_enabled)
			sb_addf(sb, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;\n", tmp_qname(&tmp, t->schema, t->name));
		if (t->rls_forced)
			sb_addf(sb, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;\n", tmp_qname(&tmp, t->schema, t->name));
	}
	for (int i = 0; i < s->policies.n; i++) {
		const Policy *p = s->policies.v[i];
		sb_adds(sb, "CREATE POLICY ");
		sb_add_pg_ident(sb, p->name);
		sb_addf(sb, " ON %s AS %s FOR %s TO ", tmp_qname(&tmp, p->schema, p->table), p->restrictive ? "RESTRICTIVE" : "PERMISSIVE",
			p->command ? p->command : "ALL");
		for (int j = 0; j < p->roles.n; j++) {
			if (j)
				sb_adds(sb, ", ");
			if (str_eq(p->roles.v[j], "public") || str_eq(p->roles.v[j], "CURRENT_USER") || str_eq(p->roles.v[j], "SESSION_USER"))
				sb_adds(sb, str_eq(p->roles.v[j], "public") ? "PUBLIC" : p->roles.v[j]);
			else
				sb_add_pg_ident(sb, p->roles.v[j]);
		}
		if (p->using_expr)
			sb_addf(sb, " USING (%s)", p->using_expr);
		if (p->check_expr)
			sb_addf(sb, " WITH CHECK (%s)", p->check_expr);
		sb_adds(sb, ";\n");
	}
	/* comments */
	for (int i = 0; i < s->namespaces.n; i++) {
		sb_reset(&tmp);
		sb_add_pg_ident(&tmp, s->namespaces.v[i]->name);
		comment_on(sb, "SCHEMA", sb_str(&tmp), s->namespaces.v[i]->comment);
	}
	for (int i = 0; i < s->types.n; i++) {
		const TypeDef *t = s->types.v[i];
		comment_on(sb, t->kind == TYPE_DOMAIN ? "DOMAIN" : "TYPE", tmp_qname(&tmp, t->schema, t->name), t->comment);
	}
	for (int i = 0; i < s->sequences.n; i++)
		comment_on(sb, "SEQUENCE", tmp_qname(&tmp, s->sequences.v[i]->schema, s->sequences.v[i]->name), s->sequences.v[i]->comment);
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		comment_on(sb, "TABLE", tmp_qname(&tmp, t->schema, t->name), t->comment);
		for (int j = 0; j < t->columns.n; j++) {
			tmp_qname(&tmp, t->schema, t->name);
			sb_addc(&tmp, '.');
			sb_add_pg_ident(&tmp, t->columns.v[j]->name);
			comment_on(sb, "COLUMN", sb_str(&tmp), t->columns.v[j]->comment);
		}
		for (int j = 0; j < t->indexes.n; j++) {
			const Index *ix = t->indexes.v[j];
			if (!ix->comment)
				continue;
			if (ix->is_constraint) {
				sb_reset(&tmp);
				sb_add_pg_ident(&tmp, ix->name);
				sb_adds(&tmp, " ON ");
				qname(&tmp, t->schema, t->name);
				comment_on(sb, "CONSTRAINT", sb_str(&tmp), ix->comment);
			} else {
				comment_on(sb, "INDEX", tmp_qname(&tmp, t->schema, ix->name), ix->comment);
			}
		}
		for (int j = 0; j < t->checks.n; j++) {
			if (!t->checks.v[j]->comment)
				continue;
			sb_reset(&tmp);
			sb_add_pg_ident(&tmp, t->checks.v[j]->name);
			sb_adds(&tmp, " ON ");
			qname(&tmp, t->schema, t->name);
			comment_on(sb, "CONSTRAINT", sb_str(&tmp), t->checks.v[j]->comment);
		}
		for (int j = 0; j < t->fks.n; j++) {
			if (!t->fks.v[j]->comment)
				continue;
			sb_reset(&tmp);
			sb_add_pg_ident(&tmp, t->fks.v[j]->name);
			sb_adds(&tmp, " ON ");
			qname(&tmp, t->schema, t->name);
			comment_on(sb, "CONSTRAINT", sb_str(&tmp), t->fks.v[j]->comment);
		}
	}
	for (int i = 0; i < s->views.n; i++) {
		const View *v = s->views.v[i];
		comment_on(sb, v->materialized ? "MATERIALIZED VIEW" : "VIEW", tmp_qname(&tmp, v->schema, v->name), v->comment);
		for (int j = 0; j < v->indexes.n; j++)
			comment_on(sb, "INDEX", tmp_qname(&tmp, v->schema, v->indexes.v[j]->name), v->indexes.v[j]->comment);
	}
	for (int i = 0; i < s->routines.n; i++) {
		const Routine *r = s->routines.v[i];
		if (!r->comment)
			continue;
		tmp_qname(&tmp, r->schema, r->name);
		sb_addf(&tmp, "(%s)", r->args ? r->args : "");
		comment_on(sb, r->kind == ROUTINE_PROCEDURE ? "PROCEDURE" : r->kind == ROUTINE_AGGREGATE ? "AGGREGATE" : "FUNCTION",
			   sb_str(&tmp), r->comment);
	}
	for (int i = 0; i < s->triggers.n; i++) {
		const Trigger *tg = s->triggers.v[i];
		if (!tg->comment)
			continue;
		sb_reset(&tmp);
		sb_add_pg_ident(&tmp, tg->name);
		sb_adds(&tmp, " ON ");
		qname(&tmp, tg->schema, tg->table);
		comment_on(sb, "TRIGGER", sb_str(&tmp), tg->comment);
	}
	sb_release(&tmp);
}
