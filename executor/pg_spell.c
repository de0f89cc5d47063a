/*
 * pg_spell.c: the server's own spelling of parts of the desired state.
 *
 * A default or check holding a typed literal ('1.50'::money, interval '1 day', B'101',
 * '2020-01-01'::date, a bare string next to a time column) is stored by the server through
 * the type's input and output functions, and pg_get_expr / pg_get_constraintdef print what
 * those give ('$1.50', '1 day'::interval, '101'::"bit"), which no text rewrite can reproduce
 * for every type. Likewise pg_get_viewdef and pg_get_indexdef print a view's query and an
 * index's expressions and operator classes in the server's words (columns spelled out, default
 * operator classes left out, VARIADIC arrays). So the server is asked:
 *   - defaults, checks and stored generated expressions that hold such a literal and differ
 *     from the same table's on the server: a temporary table with the same columns, defaults
 *     and checks;
 *   - views and indexes whose text differs from the same object on the server: a temporary
 *     view of the same query, the same index on a temporary table with the same columns;
 * (What is new is created from its text as written; what is equal needs no asking: a second
 * plan of an unchanged schema asks nothing.) Each in a transaction that is rolled back; the server's texts are read and go through
 * pg_parse, the front end that reads the catalogue, exactly as the catalogue's own texts do.
 * The desired model then holds the server's spelling, valid SQL for CREATE that compares equal
 * to what the catalogue gives once applied. (Defaults and checks keep their text as written
 * for CREATE in default_source / Check.source.)
 *
 * Nothing persists on the server: temporary objects live inside rolled-back transactions.
 * When the server refuses (a type or function that does not exist yet, a read-only standby),
 * the object keeps the text the file gave. Verification spells again against its scratch
 * database after the plan, where the objects the plan creates exist.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/conn_internal.h"
#include "parser/frontend.h"

static bool pg_ok(PGresult *r)
{
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* Runs sql; true when it succeeded. The result is cleared. */
static bool run(Conn *c, const char *sql)
{
	c->pristine = false;  /* temporary tables, SET: another session would not see them */
	PGresult *r = PQexec(c->pg, sql);
	bool ok = pg_ok(r);
	PQclear(r);
	return ok;
}

/* The temporary table for t: every column with its type; the defaults and checks marked in
 * use_def / use_chk with their desired text. */
static void spell_ddl(StrBuf *sb, const Table *t, const bool *use_def, const bool *use_chk)
{
	sb_adds(sb, "CREATE TEMPORARY TABLE sqlshape_spell (");
	for (int i = 0; i < t->columns.n; i++) {
		const Column *c = t->columns.v[i];
		if (i)
			sb_adds(sb, ", ");
		sb_add_pg_ident(sb, c->name);
		sb_addf(sb, " %s", c->type);
		if (use_def[i] && c->gen_kind == GEN_STORED)
			sb_addf(sb, " GENERATED ALWAYS AS (%s) STORED", c->gen_expr);
		else if (use_def[i])
			sb_addf(sb, " DEFAULT %s", c->default_text);
	}
	for (int i = 0; i < t->checks.n; i++) {
		if (!use_chk[i])
			continue;
		sb_adds(sb, ", CONSTRAINT ");
		sb_add_pg_ident(sb, t->checks.v[i]->name);
		sb_addf(sb, " CHECK (%s)", t->checks.v[i]->expr);
	}
	sb_adds(sb, ")");
}

/* Asks the server for the stored texts of t's marked defaults and checks and writes them into
 * the DDL script out (a CREATE TABLE named like t, then its checks), in the catalogue reader's
 * spelling. Returns false when the server refused the temporary table. */
static bool spell_table(Arena *a, Conn *c, const Table *t, const bool *use_def, const bool *use_chk, StrBuf *out)
{
	StrBuf sql;
	PGresult *rd, *rc;
	bool ok;

	if (!run(c, "BEGIN"))
		return false;
	sb_init(&sql);
	spell_ddl(&sql, t, use_def, use_chk);
	ok = run(c, sb_str(&sql));
	sb_release(&sql);
	if (!ok) {
		run(c, "ROLLBACK");
		return false;
	}
	rd = PQexec(c->pg, "SELECT a.attnum, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON"
			   " a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'pg_temp.sqlshape_spell'::regclass");
	rc = PQexec(c->pg, "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE"
			   " conrelid = 'pg_temp.sqlshape_spell'::regclass AND contype = 'c'");
	ok = pg_ok(rd) && pg_ok(rc);
	if (ok) {
		const char **defs = arena_alloc(a, (size_t)(t->columns.n + 1) * sizeof *defs);
		memset(defs, 0, (size_t)(t->columns.n + 1) * sizeof *defs);
		for (int i = 0; i < PQntuples(rd); i++) {
			int num = atoi(PQgetvalue(rd, i, 0));
			if (num >= 1 && num <= t->columns.n && !PQgetisnull(rd, i, 1))
				defs[num - 1] = arena_strdup(a, PQgetvalue(rd, i, 1));
		}
		sb_adds(out, "CREATE TABLE ");
		sb_add_pg_ident(out, t->schema ? t->schema : "public");
		sb_addc(out, '.');
		sb_add_pg_ident(out, t->name);
		sb_adds(out, " (");
		for (int i = 0; i < t->columns.n; i++) {
			if (i)
				sb_adds(out, ", ");
			sb_add_pg_ident(out, t->columns.v[i]->name);
			sb_addf(out, " %s", t->columns.v[i]->type);
			if (use_def[i] && defs[i] && t->columns.v[i]->gen_kind == GEN_STORED)
				sb_addf(out, " GENERATED ALWAYS AS (%s) STORED", defs[i]);
			else if (use_def[i] && defs[i])
				sb_addf(out, " DEFAULT %s", defs[i]);
		}
		sb_adds(out, ");\n");
		for (int i = 0; i < PQntuples(rc); i++) {
			sb_adds(out, "ALTER TABLE ");
			sb_add_pg_ident(out, t->schema ? t->schema : "public");
			sb_addc(out, '.');
			sb_add_pg_ident(out, t->name);
			sb_adds(out, " ADD CONSTRAINT ");
			sb_add_pg_ident(out, PQgetvalue(rc, i, 0));
			sb_addf(out, " %s;\n", PQgetvalue(rc, i, 1));
		}
	}
	PQclear(rd);
	PQclear(rc);
	run(c, "ROLLBACK");
	return ok;
}

/* Copies the spelled defaults and checks of the scratch model's table into t. */
static void take_spelling(const Table *from, Table *t, const bool *use_def, const bool *use_chk)
{
	for (int i = 0; i < t->columns.n; i++) {
		Column *col = t->columns.v[i];
		const Column *sc = use_def[i] ? table_find_column(from, DIALECT_POSTGRES, col->name) : NULL;
		if (col->gen_kind == GEN_STORED) {
			if (sc && sc->gen_kind == GEN_STORED && sc->gen_expr)
				col->gen_expr = sc->gen_expr;
			continue;
		}
		if (sc && sc->default_kind == DEFAULT_EXPR && sc->default_text) {
			col->default_text = sc->default_text;
		} else if (sc) {
			/* the server stores no default for it (a NULL cast to the column's type) */
			col->default_text = col->default_source = NULL;
			col->default_kind = DEFAULT_NONE;
		}
	}
	for (int i = 0; i < t->checks.n; i++) {
		if (!use_chk[i])
			continue;
		for (int k = 0; k < from->checks.n; k++)
			if (!strcmp(from->checks.v[k]->name, t->checks.v[i]->name) && from->checks.v[k]->expr)
				t->checks.v[i]->expr = from->checks.v[k]->expr;
	}
}

/* Reads the server's texts in script (SET search_path, CREATE TABLE, ALTER TABLE ... ADD
 * CONSTRAINT) with the catalogue's front end into a scratch model and copies the marked
 * defaults and checks into t. */
static void take_script(Arena *a, StrBuf *script, Table *t, const bool *use_def, const bool *use_chk)
{
	size_t len = script->len;
	char *text = sb_to_arena(script, a);
	Diag quiet;
	Schema *tmp = schema_new(a, DIALECT_POSTGRES);
	diag_init(&quiet, a);
	quiet.stream = NULL;
	int file = diag_add_file(&quiet, "<server spelling>", text, len);
	if (pg_parse(a, &quiet, file, tmp, NULL) == 0 && tmp->tables.n == 1)
		take_spelling(tmp->tables.v[0], t, use_def, use_chk);
	diag_release(&quiet);
}

/* "SET search_path = s;\nCREATE TABLE schema.t (columns with their types);\n": the script
 * the catalogue reader would write for t's columns, to which a spelled object is added. */
static void add_table_script(StrBuf *ddl, const char *search_schema, const Table *t)
{
	sb_adds(ddl, "SET search_path = ");
	sb_add_pg_ident(ddl, search_schema);
	sb_adds(ddl, ";\nCREATE TABLE ");
	sb_add_pg_ident(ddl, t->schema ? t->schema : "public");
	sb_addc(ddl, '.');
	sb_add_pg_ident(ddl, t->name);
	sb_adds(ddl, " (");
	for (int i = 0; i < t->columns.n; i++) {
		if (i)
			sb_adds(ddl, ", ");
		sb_add_pg_ident(ddl, t->columns.v[i]->name);
		sb_addf(ddl, " %s", t->columns.v[i]->type);
	}
	sb_adds(ddl, ");\n");
}

/* Spells the marked defaults and checks of t; false when the server refused them. */
static bool spell_into(Arena *a, Conn *c, const char *search_schema, Table *t, const bool *use_def, const bool *use_chk)
{
	StrBuf ddl;
	bool ok;
	sb_init(&ddl);
	sb_adds(&ddl, "SET search_path = ");
	sb_add_pg_ident(&ddl, search_schema);
	sb_adds(&ddl, ";\n");
	ok = spell_table(a, c, t, use_def, use_chk, &ddl);
	if (ok)
		take_script(a, &ddl, t, use_def, use_chk);
	sb_release(&ddl);
	return ok;
}

/* The server's own text of view v's query: a temporary view of the same query (and column
 * names) is created in a rolled-back transaction and pg_get_viewdef read back, then that text
 * goes through pg_parse as the catalogue's does. v keeps its text when the server refuses. */
static void spell_view(Arena *a, Conn *c, const char *search_schema, View *v)
{
	StrBuf sql;
	PGresult *r;
	const char *def = NULL;
	bool ok;

	if (!run(c, "BEGIN"))
		return;
	sb_init(&sql);
	sb_adds(&sql, "CREATE TEMPORARY VIEW sqlshape_spell_view");
	if (v->columns.n) {
		sb_adds(&sql, " (");
		for (int i = 0; i < v->columns.n; i++) {
			if (i)
				sb_adds(&sql, ", ");
			sb_add_pg_ident(&sql, v->columns.v[i]);
		}
		sb_adds(&sql, ")");
	}
	sb_addf(&sql, " AS %s", v->source ? v->source : v->definition);
	ok = run(c, sb_str(&sql));
	sb_release(&sql);
	if (ok) {
		r = PQexec(c->pg, "SELECT pg_get_viewdef('pg_temp.sqlshape_spell_view'::regclass)");
		if (pg_ok(r) && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
			def = arena_strdup(a, PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	run(c, "ROLLBACK");
	if (!def)
		return;
	/* as the catalogue reader writes it: CREATE [MATERIALIZED] VIEW name AS def */
	StrBuf ddl;
	sb_init(&ddl);
	sb_adds(&ddl, "SET search_path = ");
	sb_add_pg_ident(&ddl, search_schema);
	sb_addf(&ddl, ";\nCREATE %sVIEW ", v->materialized ? "MATERIALIZED " : "");
	sb_add_pg_ident(&ddl, v->schema ? v->schema : "public");
	sb_addc(&ddl, '.');
	sb_add_pg_ident(&ddl, v->name);
	sb_adds(&ddl, " AS ");
	size_t n = strlen(def);
	while (n && (def[n - 1] == ';' || def[n - 1] == ' ' || def[n - 1] == '\n'))
		n--;
	sb_add(&ddl, def, n);
	sb_adds(&ddl, ";\n");
	{
		size_t len = ddl.len;
		char *text = sb_to_arena(&ddl, a);
		Diag quiet;
		Schema *tmp = schema_new(a, DIALECT_POSTGRES);
		diag_init(&quiet, a);
		quiet.stream = NULL;
		int file = diag_add_file(&quiet, "<server spelling>", text, len);
		if (pg_parse(a, &quiet, file, tmp, NULL) == 0 && tmp->views.n == 1 && tmp->views.v[0]->definition) {
			v->definition = tmp->views.v[0]->definition;
			v->columns = tmp->views.v[0]->columns;
		}
		diag_release(&quiet);
	}
	sb_release(&ddl);
}

/* The server's own text of index ix of table t: the index is created on a temporary table
 * with t's columns in a rolled-back transaction, pg_get_indexdef read back with the table's
 * real name put in, and that text goes through pg_parse as the catalogue's does. ix keeps its
 * text when the server refuses. */
static void spell_index(Arena *a, Conn *c, const char *search_schema, const Table *t, Index *ix)
{
	StrBuf sql;
	PGresult *r;
	const char *def = NULL;
	bool ok;
	bool *nodef = arena_alloc(a, (size_t)(t->columns.n + 1) * sizeof *nodef);

	memset(nodef, 0, (size_t)(t->columns.n + 1) * sizeof *nodef);
	if (!run(c, "BEGIN"))
		return;
	sb_init(&sql);
	spell_ddl(&sql, t, nodef, nodef);
	ok = run(c, sb_str(&sql));
	if (ok) {
		sb_reset(&sql);
		pg_print_index(&sql, "pg_temp", "sqlshape_spell", ix);
		ok = run(c, sb_str(&sql));
	}
	sb_release(&sql);
	if (ok) {
		r = PQexec(c->pg, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'pg_temp.sqlshape_spell'::regclass");
		if (pg_ok(r) && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
			def = arena_strdup(a, PQgetvalue(r, 0, 0));
		PQclear(r);
	}
	run(c, "ROLLBACK");
	const char *on = def ? strstr(def, " ON ") : NULL, *using = on ? strstr(on, " USING ") : NULL;
	if (!using)
		return;
	StrBuf ddl;
	sb_init(&ddl);
	add_table_script(&ddl, search_schema, t);
	sb_add(&ddl, def, (size_t)(on - def) + 4);
	sb_add_pg_ident(&ddl, t->schema ? t->schema : "public");
	sb_addc(&ddl, '.');
	sb_add_pg_ident(&ddl, t->name);
	sb_addf(&ddl, "%s;\n", using);
	{
		size_t len = ddl.len;
		char *text = sb_to_arena(&ddl, a);
		Diag quiet;
		Schema *tmp = schema_new(a, DIALECT_POSTGRES);
		diag_init(&quiet, a);
		quiet.stream = NULL;
		int file = diag_add_file(&quiet, "<server spelling>", text, len);
		if (pg_parse(a, &quiet, file, tmp, NULL) == 0 && tmp->tables.n == 1 && tmp->tables.v[0]->indexes.n == 1) {
			const Index *s = tmp->tables.v[0]->indexes.v[0];
			ix->kind = s->kind;
			ix->parts = s->parts;
			ix->method = s->method;
			ix->where_pred = s->where_pred;  /* where_source stays as written */
			ix->include = s->include;
			ix->nulls_not_distinct = s->nulls_not_distinct;
			ix->with_options = s->with_options;
		}
		diag_release(&quiet);
	}
	sb_release(&ddl);
}

/* The server's own text of policy po's expressions: the policy is created on a temporary table
 * with t's columns in a rolled-back transaction, and pg_get_expr of its qualifiers goes through
 * pg_parse as the catalogue's text does. */
static void spell_policy(Arena *a, Conn *c, const char *search_schema, const Table *t, Policy *po)
{
	StrBuf sql;
	PGresult *r;
	const char *qual = NULL, *check = NULL;
	bool ok, got = false;
	bool *nodef = arena_alloc(a, (size_t)(t->columns.n + 1) * sizeof *nodef);

	memset(nodef, 0, (size_t)(t->columns.n + 1) * sizeof *nodef);
	if (!run(c, "BEGIN"))
		return;
	sb_init(&sql);
	spell_ddl(&sql, t, nodef, nodef);
	ok = run(c, sb_str(&sql));
	if (ok) {
		sb_reset(&sql);
		sb_adds(&sql, "CREATE POLICY sqlshape_spell ON pg_temp.sqlshape_spell");
		if (po->using_expr)
			sb_addf(&sql, " USING (%s)", po->using_expr);
		if (po->check_expr)
			sb_addf(&sql, " WITH CHECK (%s)", po->check_expr);
		ok = run(c, sb_str(&sql));
	}
	sb_release(&sql);
	if (ok) {
		r = PQexec(c->pg, "SELECT pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid) FROM pg_policy"
				  " WHERE polrelid = 'pg_temp.sqlshape_spell'::regclass");
		if (pg_ok(r) && PQntuples(r) == 1) {
			got = true;
			qual = PQgetisnull(r, 0, 0) ? NULL : arena_strdup(a, PQgetvalue(r, 0, 0));
			check = PQgetisnull(r, 0, 1) ? NULL : arena_strdup(a, PQgetvalue(r, 0, 1));
		}
		PQclear(r);
	}
	run(c, "ROLLBACK");
	if (!got)
		return;
	StrBuf ddl;
	sb_init(&ddl);
	add_table_script(&ddl, search_schema, t);
	sb_adds(&ddl, "CREATE POLICY sqlshape_spell ON ");
	sb_add_pg_ident(&ddl, t->schema ? t->schema : "public");
	sb_addc(&ddl, '.');
	sb_add_pg_ident(&ddl, t->name);
	if (qual)
		sb_addf(&ddl, " USING (%s)", qual);
	if (check)
		sb_addf(&ddl, " WITH CHECK (%s)", check);
	sb_adds(&ddl, ";\n");
	{
		size_t len = ddl.len;
		char *text = sb_to_arena(&ddl, a);
		Diag quiet;
		Schema *tmp = schema_new(a, DIALECT_POSTGRES);
		diag_init(&quiet, a);
		quiet.stream = NULL;
		int file = diag_add_file(&quiet, "<server spelling>", text, len);
		if (pg_parse(a, &quiet, file, tmp, NULL) == 0 && tmp->policies.n == 1) {
			po->using_expr = tmp->policies.v[0]->using_expr;
			po->check_expr = tmp->policies.v[0]->check_expr;
		}
		diag_release(&quiet);
	}
	sb_release(&ddl);
}

static const char *search_schema_of(Arena *a, Conn *c)
{
	PGresult *r = PQexec(c->pg, "SELECT coalesce(current_schema(), 'public')");
	const char *s = arena_strdup(a, pg_ok(r) && PQntuples(r) ? PQgetvalue(r, 0, 0) : "public");
	PQclear(r);
	return s;
}

int pg_spell_desired(Arena *a, Diag *d, Conn *c, const Schema *cur, Schema *want)
{
	const char *search_schema = NULL;

	(void)d;
	if (c->dialect != DIALECT_POSTGRES)
		return 0;
	/* views whose text differs from the same view on the server: the server's own spelling of
	 * the desired query tells whether they really differ */
	for (int i = 0; i < want->views.n; i++) {
		View *v = want->views.v[i];
		const View *o = schema_find_view(cur, v->schema, v->name);
		if (!o || !v->definition || !o->definition || !strcmp(o->definition, v->definition) || o->materialized != v->materialized)
			continue;
		if (!search_schema)
			search_schema = search_schema_of(a, c);
		spell_view(a, c, search_schema, v);
	}
	/* policies whose expressions differ from the same policy on the server */
	for (int i = 0; i < want->policies.n; i++) {
		Policy *po = want->policies.v[i];
		const Table *t = schema_find_table(want, po->schema, po->table);
		const Policy *op = NULL;
		for (int k = 0; k < cur->policies.n && !op; k++)
			if (str_eq(cur->policies.v[k]->schema, po->schema) && str_eq(cur->policies.v[k]->table, po->table) &&
			    str_eq(cur->policies.v[k]->name, po->name))
				op = cur->policies.v[k];
		if (!t || !op || (str_eq(op->using_expr, po->using_expr) && str_eq(op->check_expr, po->check_expr)))
			continue;
		if (!search_schema)
			search_schema = search_schema_of(a, c);
		spell_policy(a, c, search_schema, t, po);
	}
	/* indexes (not key constraints) that differ from the same index on the server */
	for (int ti = 0; ti < want->tables.n; ti++) {
		const Table *t = want->tables.v[ti];
		const Table *o = schema_find_table(cur, t->schema, t->name);
		for (int i = 0; o && i < t->indexes.n; i++) {
			Index *ix = t->indexes.v[i];
			const Index *oi = table_find_index(o, DIALECT_POSTGRES, ix->name);
			EqCtx eq;
			if (!oi || ix->is_constraint || oi->is_constraint || ix->kind == INDEX_PRIMARY)
				continue;
			eqctx_init(&eq, DIALECT_POSTGRES);
			if (Index_equal(oi, ix, &eq))
				continue;
			if (!search_schema)
				search_schema = search_schema_of(a, c);
			spell_index(a, c, search_schema, t, ix);
		}
	}
	/* only what differs from the same table on the server needs the server's word: what is
	 * new is created from its text as written, and what is equal is settled */
	for (int ti = 0; ti < want->tables.n; ti++) {
		Table *t = want->tables.v[ti];
		const Table *ot = schema_find_table(cur, t->schema, t->name);
		int nc = t->columns.n, nk = t->checks.n;
		if (!ot)
			continue;
		bool *use_def = arena_alloc(a, (size_t)(nc + 1) * sizeof *use_def);
		bool *use_chk = arena_alloc(a, (size_t)(nk + 1) * sizeof *use_chk);
		bool any = false;
		memset(use_def, 0, (size_t)(nc + 1) * sizeof *use_def);
		memset(use_chk, 0, (size_t)(nk + 1) * sizeof *use_chk);
		for (int i = 0; i < nc; i++) {
			const Column *col = t->columns.v[i];
			const Column *oc = table_find_column(ot, DIALECT_POSTGRES, col->name);
			if (!oc || (str_eq(oc->default_text, col->default_text) && str_eq(oc->gen_expr, col->gen_expr)))
				continue;
			if (col->default_kind == DEFAULT_EXPR && col->default_text && col->type &&
			    pg_expr_has_typed_literal(a, col->default_text))
				any = use_def[i] = true;
			/* a stored generated column: the server adds the casts its operators need */
			if (col->gen_kind == GEN_STORED && col->gen_expr && col->type)
				any = use_def[i] = true;
		}
		for (int i = 0; i < nk; i++) {
			const Check *ck = t->checks.v[i];
			const Check *ok = NULL;
			for (int k = 0; ck->name && k < ot->checks.n && !ok; k++)
				if (str_eq(ot->checks.v[k]->name, ck->name))
					ok = ot->checks.v[k];
			if (!ok || str_eq(ok->expr, ck->expr))
				continue;
			if (ck->expr && pg_expr_has_typed_literal(a, ck->expr))
				any = use_chk[i] = true;
		}
		if (!any)
			continue;
		if (!search_schema)
			search_schema = search_schema_of(a, c);
		if (spell_into(a, c, search_schema, t, use_def, use_chk))
			continue;
		/* one expression the server refuses (a type or function not there yet) must not keep
		 * the others from being spelled: one at a time */
		bool *one_def = arena_alloc(a, (size_t)(nc + 1) * sizeof *one_def);
		bool *one_chk = arena_alloc(a, (size_t)(nk + 1) * sizeof *one_chk);
		for (int i = 0; i < nc + nk; i++) {
			if (i < nc ? !use_def[i] : !use_chk[i - nc])
				continue;
			memset(one_def, 0, (size_t)(nc + 1) * sizeof *one_def);
			memset(one_chk, 0, (size_t)(nk + 1) * sizeof *one_chk);
			if (i < nc)
				one_def[i] = true;
			else
				one_chk[i - nc] = true;
			spell_into(a, c, search_schema, t, one_def, one_chk);
		}
	}
	return 0;
}
