/*
 * normalize_pg.c: rewrite a PostgreSQL model in place into the form the server reports, for
 * what pg_parse cannot settle one statement at a time: foreign keys that name no referenced
 * columns (the server stores the primary key's), extensions without a schema (created in the
 * first schema of the search path, "public"). Idempotent; never touches META fields.
 */
#include <string.h>

#include "parser/frontend.h"

static Table *find_table(Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		if (str_eq(t->name, name) && str_eq(t->schema ? t->schema : "public", schema ? schema : "public"))
			return t;
	}
	return NULL;
}

void pg_normalize(Arena *a, Schema *s, const ServerInfo *si)
{
	(void)si;
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		if (!t->schema)
			t->schema = "public";
		/* a partition's columns are its parent's, however it was created (PARTITION OF or a
		 * table of its own, attached later) */
		if (t->partition_of)
			t->columns.n = 0;
		/* a partition's checks that match its parent's are the parent's (ATTACH PARTITION
		 * merges a partition's own copy into the inherited one) */
		if (t->partition_of) {
			const char *dot = strchr(t->partition_of, '.');
			Table *parent = NULL;
			if (dot) {
				char *ps = arena_strndup(a, t->partition_of, (size_t)(dot - t->partition_of));
				parent = find_table(s, ps, dot + 1);
			}
			for (int j = 0; parent && j < t->checks.n; j++) {
				for (int k = 0; k < parent->checks.n; k++)
					if (str_eq(parent->checks.v[k]->name, t->checks.v[j]->name) &&
					    str_eq(parent->checks.v[k]->expr, t->checks.v[j]->expr)) {
						LIST_REMOVE_AT(&t->checks, j);
						j--;
						break;
					}
			}
		}
		for (int j = 0; j < t->fks.n; j++) {
			ForeignKey *fk = t->fks.v[j];
			if (!fk->ref_schema)
				fk->ref_schema = t->schema;
			if (!fk->ref_columns.n) {
				Table *rt = find_table(s, fk->ref_schema, fk->ref_table);
				Index *pk = rt ? table_primary_key(rt) : NULL;
				for (int k = 0; pk && k < pk->parts.n; k++)
					LIST_PUSH(a, &fk->ref_columns, arena_strdup(a, pk->parts.v[k]->column));
			}
		}
		/* primary key columns are NOT NULL whichever statement declared the key */
		Index *pk = table_primary_key(t);
		for (int k = 0; pk && k < pk->parts.n; k++) {
			Column *c = pk->parts.v[k]->column ? table_find_column(t, DIALECT_POSTGRES, pk->parts.v[k]->column) : NULL;
			if (c)
				c->not_null = true;
		}
	}
	for (int i = 0; i < s->extensions.n; i++)
		if (!s->extensions.v[i]->schema)
			s->extensions.v[i]->schema = "public";
}
