/*
 * plan_mysql.c: the MySQL/MariaDB half of the planner. For each ALTER clause it predicts the
 * best algorithm and lock the server has for it (the tables of online-ddl-facts.md §1-2, by
 * flavour and version), groups instant ADD COLUMNs apart from clauses that would lose INSTANT,
 * pins ALGORITHM= and LOCK= in every ALTER it emits, and picks the strategy by the table's
 * size: a blocking copy only below online_copy_min_rows, otherwise online-copy (pt-osc when
 * asked for and installed, else refused at execution). Never touches a server.
 */
#include <string.h>

#include "planner/planner_internal.h"

typedef struct Cost {
	Algorithm algo;
	MyLock lock;       /* MYLOCK_NONE unless the operation needs more */
	bool rebuild;
	bool instant_add;  /* an INSTANT ADD COLUMN: goes into a statement of its own */
	bool add_drop_col; /* ADD/DROP COLUMN: MySQL rebuilds them under INPLACE */
	bool no_online_copy; /* MariaDB 11.2+ online COPY impossible (adds AUTO_INCREMENT) */
	bool index_build;  /* builds an index (ADD INDEX, an indexed column's new collation) */
} Cost;

typedef struct MCtx {
	PlanCtx *x;
	PlannedChange *pc;
	const Table *from;  /* current definition; NULL: created by this plan */
	const Table *to;    /* desired definition */
	bool maria;
	int ver;            /* major*10000 + minor*100 + patch */
} MCtx;

static Cost cost(Algorithm a, MyLock l, bool rebuild)
{
	Cost c = {a, l, rebuild, false, false, false, false};
	return c;
}

static void cost_max(Cost *acc, Cost c)
{
	if (c.algo > acc->algo)
		acc->algo = c.algo;
	if (c.lock > acc->lock)
		acc->lock = c.lock;
	acc->rebuild |= c.rebuild;
	acc->add_drop_col |= c.add_drop_col;
	acc->no_online_copy |= c.no_online_copy;
	acc->index_build |= c.index_build;
}

/* INPLACE without rebuilding the clustered index: MariaDB has a name for it. */
static Algorithm nocopy(const MCtx *m)
{
	return m->maria ? ALGO_NOCOPY : ALGO_INPLACE;
}

static bool ver_ge(const MCtx *m, int mariadb, int mysql)
{
	return m->ver >= (m->maria ? mariadb : mysql);
}

/* MySQL 8.0.29 shipped instant ADD/DROP COLUMN with a redo-log flaw (facts §1.2): never
 * INSTANT add/drop there. */
static bool mysql_instant_add_last(const MCtx *m)
{
	return m->ver >= 80012 && m->ver != 80029;
}

static bool mysql_instant_anywhere(const MCtx *m)
{
	return m->ver >= 80030;
}

static int charset_maxlen(const char *cs)
{
	static const struct { const char *cs; int n; } tab[] = {
		{"utf8mb4", 4}, {"utf8mb3", 3}, {"utf8", 3}, {"utf16", 4}, {"utf16le", 4}, {"utf32", 4},
		{"ucs2", 2}, {"ujis", 3}, {"eucjpms", 3}, {"gbk", 2}, {"gb2312", 2}, {"gb18030", 4},
		{"big5", 2}, {"sjis", 2}, {"cp932", 2}, {"euckr", 2},
	};
	if (!cs)
		return 4;
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (str_ieq(cs, tab[i].cs))
			return tab[i].n;
	return 1;
}

static const char *col_charset(const MCtx *m, const Table *t, const Column *c)
{
	if (c->charset)
		return c->charset;
	if (t && t->charset)
		return t->charset;
	return m->x->si->db_charset ? m->x->si->db_charset : "utf8mb4";
}

static bool table_has_kind(const Table *t, IndexKind k)
{
	if (!t)
		return false;
	for (int i = 0; i < t->indexes.n; i++)
		if (t->indexes.v[i]->kind == k)
			return true;
	return false;
}

static bool column_indexed(const Table *t, const char *col)
{
	if (!t)
		return false;
	for (int i = 0; i < t->indexes.n; i++)
		for (int k = 0; k < t->indexes.v[i]->parts.n; k++)
			if (str_ieq(t->indexes.v[i]->parts.v[k]->column, col))
				return true;
	return false;
}

static bool row_format_is(const Table *t, const char *rf)
{
	return t && t->row_format && str_ieq(t->row_format, rf);
}

/* Whether another table's foreign key references this column (MySQL renames it INPLACE only). */
static bool column_referenced(const MCtx *m, const char *table, const char *col)
{
	const Schema *s = m->x->cur;
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		for (int k = 0; k < t->fks.n; k++) {
			const ForeignKey *fk = t->fks.v[k];
			if (!str_eq(fk->ref_table, table))
				continue;
			for (int j = 0; j < fk->ref_columns.n; j++)
				if (str_ieq(fk->ref_columns.v[j], col))
					return true;
		}
	}
	return false;
}

static bool table_referenced(const MCtx *m, const char *table)
{
	const Schema *s = m->x->cur;
	for (int i = 0; i < s->tables.n; i++)
		for (int k = 0; k < s->tables.v[i]->fks.n; k++)
			if (str_eq(s->tables.v[i]->fks.v[k]->ref_table, table) && !str_eq(s->tables.v[i]->name, table))
				return true;
	return false;
}

/* The column a clause ends with "AFTER `x`" names, "" for FIRST, NULL for none (last). */
static const char *clause_position(Arena *a, const char *sql)
{
	size_t n = strlen(sql);
	const char *p;
	if (n >= 6 && str_ieq(sql + n - 6, " FIRST"))
		return "";
	if (n < 2 || sql[n - 1] != '`')
		return NULL;
	/* walk back over the quoted name (doubled backticks inside) */
	p = sql + n - 2;
	while (p > sql) {
		if (*p == '`') {
			if (p > sql && p[-1] == '`') {
				p -= 2;
				continue;
			}
			break;
		}
		p--;
	}
	if (p - sql < 7 || !str_ihas_prefix(p - 7, " AFTER "))
		return NULL;
	{
		StrBuf sb;
		sb_init(&sb);
		for (const char *q = p + 1; q < sql + n - 1; q++) {
			sb_addc(&sb, *q);
			if (*q == '`')
				q++;
		}
		return sb_move_to_arena(&sb, a);
	}
}

static bool strlist_eq(const StrList *a, const StrList *b)
{
	if (a->n != b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

/* Storage bytes of an ENUM (1 or 2) or SET (1, 2, 3, 4 or 8) with n members. */
static int enum_set_bytes(const char *type, int n)
{
	if (str_eq(type, "enum"))
		return n > 255 ? 2 : 1;
	n = (n + 7) / 8;
	return n > 4 ? 8 : n;
}

static bool is_prefix_list(const StrList *a, const StrList *b)
{
	if (a->n > b->n)
		return false;
	for (int i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

/* The length-byte class of a VARCHAR of `bytes` bytes: 1 (up to 255) or 2. */
static int len_class(long long bytes)
{
	return bytes > 255 ? 2 : 1;
}

static bool superset_charset(const char *from, const char *to)
{
	if ((str_ieq(from, "utf8mb3") || str_ieq(from, "utf8")) && str_ieq(to, "utf8mb4"))
		return true;
	if (str_ieq(from, "ascii") && (str_ieq(to, "utf8mb3") || str_ieq(to, "utf8") || str_ieq(to, "utf8mb4")))
		return true;
	return false;
}

/* A change of a string column's charset or collation only (same type and length). */
static Cost charset_cost(const MCtx *m, const Column *o, const Column *n)
{
	const char *ocs = col_charset(m, m->from, o), *ncs = col_charset(m, m->to, n);
	bool indexed = column_indexed(m->from, o->name) || column_indexed(m->to, n->name);
	bool varchar = str_eq(n->type, "varchar");
	if (str_ieq(ocs, ncs)) {
		/* collation only */
		if (m->maria) {
			Cost k = indexed ? cost(ALGO_NOCOPY, MYLOCK_NONE, false) : cost(ALGO_INSTANT, MYLOCK_NONE, false);
			k.index_build = indexed;
			return k;
		}
		return indexed ? cost(ALGO_COPY, MYLOCK_SHARED, true) : cost(ALGO_INPLACE, MYLOCK_NONE, false);
	}
	if (!indexed && varchar && superset_charset(ocs, ncs) && n->length > 0) {
		long long ob = (long long)o->length * charset_maxlen(ocs), nb = (long long)n->length * charset_maxlen(ncs);
		bool same = len_class(ob) == len_class(nb);
		if (m->maria && ver_ge(m, 100403, 0) && (same || (ob <= 127 && !row_format_is(m->from, "REDUNDANT"))))
			return cost(ALGO_INSTANT, MYLOCK_NONE, false);
		if (!m->maria && same && str_ieq(ncs, "utf8mb4"))
			return cost(ALGO_INPLACE, MYLOCK_NONE, false);
	}
	return cost(ALGO_COPY, MYLOCK_SHARED, true);
}

static bool col_type_same(const Column *o, const Column *n)
{
	return str_eq(o->type, n->type) && o->length == n->length && o->scale == n->scale &&
	       strlist_eq(&o->values, &n->values) && o->is_unsigned == n->is_unsigned &&
	       o->zerofill == n->zerofill && o->srid == n->srid;
}

static bool col_charset_same(const Column *o, const Column *n)
{
	return str_eq(o->charset, n->charset) && str_eq(o->collation, n->collation);
}

/* The cost of turning column o into n (MODIFY/CHANGE), position change included. */
static Cost modify_cost(MCtx *m, const AlterClause *cl, const Column *o, const Column *n)
{
	PlanCtx *x = m->x;
	Cost c = cost(ALGO_INSTANT, MYLOCK_NONE, false);
	const char *pos = clause_position(x->a, cl->sql);

	if (!o || !n)
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	if (o->gen_kind != n->gen_kind || !str_eq(o->gen_expr, n->gen_expr) || n->gen_kind != GEN_NONE)
		/* MODIFY of a generated column: COPY (MDEV-15476, MySQL "reorder/modify STORED") */
		cost_max(&c, cost(ALGO_COPY, MYLOCK_SHARED, true));
	if (n->auto_increment && !o->auto_increment) {
		Cost k = cost(ALGO_COPY, MYLOCK_SHARED, true);
		k.no_online_copy = true;
		cost_max(&c, k);
	}
	if (!col_type_same(o, n)) {
		bool varlen = (str_eq(n->type, "varchar") || str_eq(n->type, "varbinary")) && str_eq(o->type, n->type) &&
			      o->scale == n->scale && o->is_unsigned == n->is_unsigned && col_charset_same(o, n) &&
			      n->length >= o->length;
		bool enum_append = (str_eq(n->type, "enum") || str_eq(n->type, "set")) && str_eq(o->type, n->type) &&
				   is_prefix_list(&o->values, &n->values) && col_charset_same(o, n) &&
				   enum_set_bytes(n->type, o->values.n) == enum_set_bytes(n->type, n->values.n);
		if (varlen) {
			int mb = str_eq(n->type, "varbinary") ? 1 : charset_maxlen(col_charset(m, m->to, n));
			long long ob = (long long)o->length * mb, nb = (long long)n->length * mb;
			if (len_class(ob) == len_class(nb) || row_format_is(m->from, "REDUNDANT"))
				cost_max(&c, m->maria ? cost(ALGO_INSTANT, MYLOCK_NONE, false) : cost(ALGO_INPLACE, MYLOCK_NONE, false));
			else if (m->maria && ob <= 127 && ver_ge(m, 100403, 0))
				cost_max(&c, cost(ALGO_INSTANT, MYLOCK_NONE, false));
			else
				cost_max(&c, cost(ALGO_COPY, MYLOCK_SHARED, true));
		} else if (enum_append) {
			/* appending members keeps the stored numbers: metadata only */
		} else {
			cost_max(&c, cost(ALGO_COPY, MYLOCK_SHARED, true));
		}
	} else if (!col_charset_same(o, n)) {
		cost_max(&c, charset_cost(m, o, n));
	}
	if (o->not_null != n->not_null) {
		/* both directions rebuild; NOT NULL validates every row (strict sql_mode). MariaDB
		 * drops NOT NULL instantly on ROW_FORMAT=REDUNDANT (planner_facts.sh) */
		if (m->maria && !n->not_null && row_format_is(m->from, "REDUNDANT"))
			cost_max(&c, cost(ALGO_INSTANT, MYLOCK_NONE, false));
		else
			cost_max(&c, cost(ALGO_INPLACE, MYLOCK_NONE, true));
		if (n->not_null)
			pc_hazard(x, m->pc, HAZARD_VALIDATION_SCAN,
				  "making \"%s\" NOT NULL reads every row of %s and fails if one holds NULL",
				  n->name, pc_table_size(x, m->pc));
	}
	if (!str_eq(o->on_update, n->on_update))
		/* MariaDB 10.11 changes ON UPDATE instantly (tests/live/planner_facts.sh); MySQL:
		 * not in the manual's matrix, pinned INPLACE without a rebuild */
		cost_max(&c, cost(m->maria ? ALGO_INSTANT : ALGO_INPLACE, MYLOCK_NONE, false));
	if (pos) {
		/* MariaDB 10.4+ reorders instantly; MySQL rebuilds */
		if (m->maria && ver_ge(m, 100400, 0))
			cost_max(&c, cost(ALGO_INSTANT, MYLOCK_NONE, false));
		else
			cost_max(&c, cost(ALGO_INPLACE, MYLOCK_NONE, true));
		c.add_drop_col = true;
	}
	return c;
}

static Cost rename_column_cost(MCtx *m, const char *old_name)
{
	if (m->maria)
		return cost(ver_ge(m, 100300, 0) ? ALGO_INSTANT : ALGO_INPLACE, MYLOCK_NONE, false);
	if (m->ver >= 80028 && !column_referenced(m, m->pc->change->table, old_name))
		return cost(ALGO_INSTANT, MYLOCK_NONE, false);
	return cost(ALGO_INPLACE, MYLOCK_NONE, false);
}

static const Index *find_index(const Table *t, const char *name)
{
	return t && name ? table_find_index(t, DIALECT_MYSQL, name) : NULL;
}

static bool index_has_column_like(const MCtx *m, const Index *ix, bool (*pred)(const Column *))
{
	for (int i = 0; ix && i < ix->parts.n; i++) {
		const Column *c = ix->parts.v[i]->column ? table_find_column(m->to, DIALECT_MYSQL, ix->parts.v[i]->column) : NULL;
		if (c && pred(c))
			return true;
	}
	return false;
}

/* Whether the server made the index for a foreign key (it carries the key's name). Zabbix
 * 5 -> 6 showed MariaDB refusing the instant rename of such an index; a user's own index that
 * serves a foreign key renames instantly (planner_facts.sh fk_index_renamed). */
static bool index_serves_fk(const Table *t, const Index *ix)
{
	if (ix->implicit)
		return true;
	for (int i = 0; t && i < t->fks.n; i++)
		if (str_ieq(t->fks.v[i]->name, ix->name))
			return true;
	return false;
}

/* MariaDB turns DROP INDEX a + ADD INDEX b of the same definition into an instant rename
 * (checked by tests/live/planner_facts.sh). Whether clause cl is one half of such a pair. */
static bool index_renamed_in_group(const MCtx *m, const AlterClause *cl, const AlterClauseList *group)
{
	EqCtx eq;
	for (int i = 0; i < group->n; i++) {
		const AlterClause *o = group->v[i];
		const Index *dropped, *added;
		Index tmp;
		if (cl->kind == CLAUSE_DROP_INDEX && o->kind == CLAUSE_ADD_INDEX) {
			dropped = find_index(m->from, cl->name);
			added = find_index(m->to, o->name);
		} else if (cl->kind == CLAUSE_ADD_INDEX && o->kind == CLAUSE_DROP_INDEX) {
			dropped = find_index(m->from, o->name);
			added = find_index(m->to, cl->name);
		} else {
			continue;
		}
		if (!dropped || !added || find_index(m->to, dropped->name) || index_serves_fk(m->from, dropped))
			continue;
		tmp = *dropped;
		tmp.name = added->name;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (Index_equal(&tmp, added, &eq))
			return true;
	}
	return false;
}

static bool col_auto_inc(const Column *c) { return c->auto_increment; }

/* A MariaDB "long unique": UNIQUE ... USING HASH, enforced through a hidden virtual column. */
static bool long_unique(const Index *ix)
{
	return ix->kind == INDEX_UNIQUE && ix->method && str_ieq(ix->method, "hash");
}

/* Does the clause add or drop a VIRTUAL column? */
static bool adds_or_drops_virtual(const MCtx *m, const AlterClause *cl)
{
	const Column *c = NULL;
	if (cl->kind == CLAUSE_ADD_COLUMN && m->to)
		c = table_find_column(m->to, DIALECT_MYSQL, cl->name);
	else if (cl->kind == CLAUSE_DROP_COLUMN && m->from)
		c = table_find_column(m->from, DIALECT_MYSQL, cl->name);
	return c && c->gen_kind == GEN_VIRTUAL;
}
static bool col_virtual(const Column *c) { return c->gen_kind == GEN_VIRTUAL; }

static Cost clause_cost(MCtx *m, const AlterClause *cl, const AlterClauseList *group, bool *fulltext_added)
{
	PlanCtx *x = m->x;
	PlannedChange *pc = m->pc;
	const char *tsize = pc_table_size(x, pc);
	Cost c;

	switch (cl->kind) {
	case CLAUSE_ADD_COLUMN: {
		const Column *n = table_find_column(m->to, DIALECT_MYSQL, cl->name);
		const char *pos = clause_position(x->a, cl->sql);
		bool ft = table_has_kind(m->from, INDEX_FULLTEXT);
		bool instant;
		if (n && n->not_null && n->default_kind == DEFAULT_NONE && !n->auto_increment && n->gen_kind == GEN_NONE &&
		    m->from)
			pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE,
				  "new column \"%s\" is NOT NULL without a default: inserts by deployed code that do not name it fail",
				  cl->name);
		if (n && n->auto_increment) {
			c = cost(ALGO_INPLACE, MYLOCK_SHARED, true);
			c.no_online_copy = true;
			return c;
		}
		if (n && n->gen_kind == GEN_STORED)
			return cost(ALGO_COPY, MYLOCK_SHARED, true);
		if (n && n->gen_kind == GEN_VIRTUAL)
			return cost(ALGO_INSTANT, MYLOCK_NONE, false);
		if (m->maria)
			instant = !ft && ver_ge(m, 100302, 0) && (!pos || ver_ge(m, 100400, 0));
		else
			instant = !ft && !row_format_is(m->from, "COMPRESSED") && mysql_instant_add_last(m) &&
				  (!pos || mysql_instant_anywhere(m));
		c = instant ? cost(ALGO_INSTANT, MYLOCK_NONE, false) : cost(ALGO_INPLACE, MYLOCK_NONE, true);
		c.instant_add = instant;
		c.add_drop_col = true;
		return c;
	}
	case CLAUSE_DROP_COLUMN: {
		bool indexed = column_indexed(m->from, cl->name);
		pc_hazard(x, pc, HAZARD_DATA_LOSS, "drops column \"%s\" of %s with its values", cl->name, tsize);
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "deployed code that still reads or writes column \"%s\" fails once it is dropped", cl->name);
		if (m->maria && ver_ge(m, 100400, 0))
			c = indexed ? cost(ALGO_NOCOPY, MYLOCK_NONE, false) : cost(ALGO_INSTANT, MYLOCK_NONE, false);
		else if (!m->maria && mysql_instant_anywhere(m) && !indexed && !table_has_kind(m->from, INDEX_FULLTEXT) &&
			 !row_format_is(m->from, "COMPRESSED"))
			c = cost(ALGO_INSTANT, MYLOCK_NONE, false);
		else
			c = cost(ALGO_INPLACE, MYLOCK_NONE, true);
		c.add_drop_col = true;
		return c;
	}
	case CLAUSE_RENAME_COLUMN:
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "renames column \"%s\" to \"%s\": deployed code that uses the old name fails", cl->old_name, cl->name);
		return rename_column_cost(m, cl->old_name);
	case CLAUSE_MODIFY_COLUMN:
	case CLAUSE_CHANGE_COLUMN: {
		const char *old = cl->old_name ? cl->old_name : cl->name;
		const Column *o = table_find_column(m->from, DIALECT_MYSQL, old);
		const Column *n = table_find_column(m->to, DIALECT_MYSQL, cl->name);
		c = modify_cost(m, cl, o, n);
		if (cl->old_name && !str_ieq(cl->old_name, cl->name)) {
			pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE,
				  "renames column \"%s\" to \"%s\": deployed code that uses the old name fails", cl->old_name,
				  cl->name);
			cost_max(&c, rename_column_cost(m, cl->old_name));
		}
		if (cl->destructive)
			pc_hazard(x, pc, HAZARD_DATA_LOSS, "narrows column \"%s\" of %s: values that do not fit are cut or refused",
				  cl->name, tsize);
		return c;
	}
	case CLAUSE_ADD_INDEX: {
		const Index *ix = find_index(m->to, cl->name);
		IndexKind k = ix ? ix->kind : INDEX_PLAIN;
		if (m->maria && index_renamed_in_group(m, cl, group))
			return cost(ALGO_INSTANT, MYLOCK_NONE, false);
		pc_hazard(x, pc, HAZARD_INDEX_BUILD, "builds %sindex \"%s\" on %s%s", k == INDEX_UNIQUE ? "unique " : "",
			  cl->name ? cl->name : "", tsize, k == INDEX_UNIQUE ? "; fails if duplicates exist" : "");
		if (k == INDEX_FULLTEXT) {
			bool first = !table_has_kind(m->from, INDEX_FULLTEXT) && !*fulltext_added;
			*fulltext_added = true;
			/* the first FULLTEXT adds FTS_DOC_ID: a rebuild; none is online */
			return first ? cost(ALGO_INPLACE, MYLOCK_SHARED, true) : cost(nocopy(m), MYLOCK_SHARED, false);
		}
		if (k == INDEX_SPATIAL)
			return cost(nocopy(m), MYLOCK_SHARED, false);
		if (m->maria && ix && long_unique(ix))
			/* MariaDB keeps a UNIQUE ... USING HASH in a hidden virtual column: COPY only */
			return cost(ALGO_COPY, MYLOCK_SHARED, true);
		c = cost(nocopy(m), index_has_column_like(m, ix, col_auto_inc) || index_has_column_like(m, ix, col_virtual)
				    ? MYLOCK_SHARED : MYLOCK_NONE, false);
		c.index_build = true;
		return c;
	}
	case CLAUSE_DROP_INDEX: {
		if (m->maria && index_renamed_in_group(m, cl, group))
			return cost(ALGO_INSTANT, MYLOCK_NONE, false);
		/* (dropping a long unique drops its hidden column too: still NOCOPY) */
		return cost(nocopy(m), MYLOCK_NONE, false);
	}
	case CLAUSE_RENAME_INDEX:
		return m->maria ? cost(ALGO_INSTANT, MYLOCK_NONE, false) : cost(ALGO_INPLACE, MYLOCK_NONE, false);
	case CLAUSE_ADD_PRIMARY_KEY:
		pc_hazard(x, pc, HAZARD_INDEX_BUILD, "builds the primary key of %s", tsize);
		pc_hazard(x, pc, HAZARD_VALIDATION_SCAN,
			  "the new primary key of %s fails if its columns hold NULLs or duplicates", tsize);
		return cost(ALGO_INPLACE, MYLOCK_NONE, true);
	case CLAUSE_DROP_PRIMARY_KEY:
		for (int i = 0; i < group->n; i++)
			if (group->v[i]->kind == CLAUSE_ADD_PRIMARY_KEY)
				return cost(ALGO_INPLACE, MYLOCK_NONE, true);
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	case CLAUSE_ADD_FOREIGN_KEY:
		if (m->from)
			pc_hazard(x, pc, HAZARD_VALIDATION_SCAN,
				  "adding foreign key \"%s\" checks every row of %s (only ALGORITHM=COPY validates existing rows)",
				  cl->name ? cl->name : "", tsize);
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	case CLAUSE_DROP_FOREIGN_KEY:
		return m->maria ? cost(ALGO_INSTANT, MYLOCK_NONE, false) : cost(ALGO_INPLACE, MYLOCK_NONE, false);
	case CLAUSE_ADD_CHECK:
		if (m->from)
			pc_hazard(x, pc, HAZARD_VALIDATION_SCAN, "adding check \"%s\" checks every row of %s",
				  cl->name ? cl->name : "", tsize);
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	case CLAUSE_DROP_CHECK:
		return cost(ALGO_INSTANT, MYLOCK_NONE, false);
	case CLAUSE_SET_DEFAULT:
	case CLAUSE_DROP_DEFAULT:
		/* a default lives in the data dictionary: INSTANT on MariaDB 10.3+ and MySQL 8.0 */
		return cost(ALGO_INSTANT, MYLOCK_NONE, false);
	case CLAUSE_TABLE_OPTION: {
		const char *o = cl->name ? cl->name : "";
		if (str_ieq(o, "ROW_FORMAT") || str_ieq(o, "KEY_BLOCK_SIZE"))
			return cost(ALGO_INPLACE, MYLOCK_NONE, true);
		if (str_ieq(o, "COMMENT") || str_ieq(o, "AUTO_INCREMENT") || str_ihas_prefix(o, "STATS_"))
			return m->maria ? cost(ALGO_INSTANT, MYLOCK_NONE, false) : cost(ALGO_INPLACE, MYLOCK_NONE, false);
		if (m->maria && (str_ieq(o, "PAGE_COMPRESSED") || str_ieq(o, "PAGE_COMPRESSION_LEVEL")))
			return cost(ALGO_INSTANT, MYLOCK_NONE, false);
		/* ENGINE and anything not in the facts: the server-level copy, the one that always works */
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	}
	case CLAUSE_DEFAULT_CHARSET:
		/* existing columns keep their charset: metadata only */
		return cost(m->maria ? ALGO_INSTANT : ALGO_INPLACE, MYLOCK_NONE, false);
	case CLAUSE_CONVERT_CHARSET:
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	case CLAUSE_PARTITION_BY:
	case CLAUSE_REMOVE_PARTITIONING:
		return cost(ALGO_COPY, MYLOCK_SHARED, true);
	case CLAUSE_ADD_PARTITION: {
		PartMethod pm = m->to && m->to->partitioning ? m->to->partitioning->method : PART_RANGE;
		return cost(ALGO_INPLACE, pm == PART_HASH || pm == PART_KEY ? MYLOCK_SHARED : MYLOCK_NONE, false);
	}
	case CLAUSE_DROP_PARTITION:
		pc_hazard(x, pc, HAZARD_DATA_LOSS, "drops partition \"%s\" of %s with its rows", cl->name ? cl->name : "", tsize);
		return cost(ALGO_INPLACE, MYLOCK_NONE, false);
	case CLAUSE_REORGANIZE_PARTITION:
	case CLAUSE_COALESCE_PARTITION:
		return cost(ALGO_INPLACE, MYLOCK_SHARED, false);
	default:
		/* a clause kind of another dialect, or one added later: the algorithm that always works */
		break;
	}
	return cost(ALGO_COPY, MYLOCK_SHARED, true);
}

static bool is_partition_clause(ClauseKind k)
{
	return k == CLAUSE_PARTITION_BY || k == CLAUSE_REMOVE_PARTITIONING || k == CLAUSE_ADD_PARTITION ||
	       k == CLAUSE_DROP_PARTITION || k == CLAUSE_REORGANIZE_PARTITION || k == CLAUSE_COALESCE_PARTITION;
}

static bool is_partition_by(ClauseKind k)
{
	return k == CLAUSE_PARTITION_BY || k == CLAUSE_REMOVE_PARTITIONING;
}

/* Whether the ALGORITHM=/LOCK= pins can be written for this group. MariaDB 10.11's grammar
 * takes no ALGORITHM or LOCK with ADD/DROP/REORGANIZE/COALESCE PARTITION (1064, checked by
 * tests/live/planner_facts.sh); MySQL takes them before such a clause. */
static bool can_pin(const MCtx *m, const AlterClauseList *g)
{
	for (int i = 0; i < g->n; i++)
		if (is_partition_clause(g->v[i]->kind) && !is_partition_by(g->v[i]->kind) && m->maria)
			return false;
	return true;
}

/* "ALTER TABLE `t` clause, clause, ALGORITHM=X, LOCK=Y". Partition clauses take the pins
 * first: "ALGORITHM=X, LOCK=Y PARTITION BY ..." (no comma: the partitioning clause follows the
 * list) and, on MySQL, "ALGORITHM=X, LOCK=Y, ADD PARTITION ...". */
static const char *alter_sql(MCtx *m, const AlterClauseList *g, Algorithm algo, MyLock lock)
{
	StrBuf sb;
	int part = 0;  /* 0 none, 1 PARTITION BY / REMOVE PARTITIONING, 2 partition management */
	for (int i = 0; i < g->n; i++)
		if (is_partition_clause(g->v[i]->kind))
			part = is_partition_by(g->v[i]->kind) ? 1 : 2;
	if (!can_pin(m, g))
		algo = ALGO_NONE;
	sb_init(&sb);
	sb_adds(&sb, "ALTER TABLE ");
	sb_add_mysql_ident(&sb, m->pc->change->table);
	if (part && algo != ALGO_NONE) {
		sb_addf(&sb, " ALGORITHM=%s", Algorithm_name(algo));
		if (lock != MYLOCK_UNSET)
			sb_addf(&sb, ", LOCK=%s", MyLock_name(lock));
		if (part == 2)
			sb_addc(&sb, ',');
	}
	for (int i = 0; i < g->n; i++) {
		sb_adds(&sb, i ? ", " : " ");
		sb_adds(&sb, g->v[i]->sql);
	}
	if (!part && algo != ALGO_NONE) {
		sb_addf(&sb, ", ALGORITHM=%s", Algorithm_name(algo));
		if (lock != MYLOCK_UNSET)
			sb_addf(&sb, ", LOCK=%s", MyLock_name(lock));
	}
	return sb_move_to_arena(&sb, m->x->a);
}

/* pt-online-schema-change --alter "..." --execute D=db,t=table,... (no password: F= names
 * the option file the executor writes). */
static void osc_command(MCtx *m, PlanStep *s, const AlterClauseList *g)
{
	PlanCtx *x = m->x;
	const PlanOptions *o = x->o;
	StrBuf sb;
	LIST_PUSH(x->a, &s->osc_argv, o->osc_path ? o->osc_path : "pt-online-schema-change");
	sb_init(&sb);
	for (int i = 0; i < g->n; i++) {
		if (i)
			sb_adds(&sb, ", ");
		sb_adds(&sb, g->v[i]->sql);
	}
	LIST_PUSH(x->a, &s->osc_argv, "--alter");
	LIST_PUSH(x->a, &s->osc_argv, sb_move_to_arena(&sb, x->a));
	if (table_referenced(m, m->pc->change->table)) {
		LIST_PUSH(x->a, &s->osc_argv, "--alter-foreign-keys-method");
		LIST_PUSH(x->a, &s->osc_argv, "auto");
	}
	LIST_PUSH(x->a, &s->osc_argv, "--execute");
	sb_init(&sb);
	if (o->osc_host)
		sb_addf(&sb, "h=%s,", o->osc_host);
	if (o->osc_port)
		sb_addf(&sb, "P=%d,", o->osc_port);
	if (o->osc_socket)
		sb_addf(&sb, "S=%s,", o->osc_socket);
	if (o->osc_user)
		sb_addf(&sb, "u=%s,", o->osc_user);
	if (o->osc_defaults_file)
		sb_addf(&sb, "F=%s,", o->osc_defaults_file);
	sb_addf(&sb, "D=%s,t=%s", o->osc_database ? o->osc_database : (x->cur->name ? x->cur->name : ""),
		m->pc->change->table);
	LIST_PUSH(x->a, &s->osc_argv, sb_move_to_arena(&sb, x->a));
}

/* One ALTER statement for a group of clauses: its algorithm, lock, strategy and hazards. */
static void alter_step(MCtx *m, const AlterClauseList *g, Cost c)
{
	PlanCtx *x = m->x;
	PlannedChange *pc = m->pc;
	PlanStep *s;
	Strategy st;
	MyLock lock = c.lock;
	bool blocking = c.algo == ALGO_COPY || c.lock >= MYLOCK_SHARED;
	const char *tsize = pc_table_size(x, pc);

	/* An ADD/DROP/reorder of columns is instant only when the whole statement is: next to an
	 * index build it rebuilds the table (dropping an index next to it is fine on MariaDB). MySQL rebuilds under INPLACE (facts §0.2); MariaDB
	 * refuses NOCOPY for it ("Try ALGORITHM=INPLACE", found by tests/live/real_migrate.sh on
	 * Zabbix and MediaWiki upgrades, case drop_column_and_add_index of planner_facts.sh). */
	if (c.add_drop_col && (c.index_build || !m->maria) && c.algo > ALGO_INSTANT && c.algo < ALGO_COPY) {
		c.algo = ALGO_INPLACE;
		c.rebuild = true;
	}
	if (c.algo == ALGO_INSTANT) {
		st = STRATEGY_INSTANT;
		lock = m->maria ? MYLOCK_NONE : MYLOCK_DEFAULT;
	} else if (!blocking) {
		st = STRATEGY_INPLACE;
	} else if (m->maria && ver_ge(m, 110200, 0) && c.algo == ALGO_COPY && !c.no_online_copy) {
		/* MariaDB 11.2+: COPY with LOCK=NONE keeps writes going (online change buffer) */
		st = STRATEGY_COPY;
		lock = MYLOCK_NONE;
		blocking = false;
	} else if (!pc_big(x, pc)) {
		st = c.algo == ALGO_COPY ? STRATEGY_COPY : STRATEGY_INPLACE;
	} else {
		st = STRATEGY_ONLINE_COPY;
	}

	if (st == STRATEGY_ONLINE_COPY) {
		s = pc_step(x, pc, NULL);
		s->lock.algorithm = ALGO_NONE;
		s->lock.lock = MYLOCK_NONE;
		s->lock.rebuild = true;
		pc_hazard(x, pc, HAZARD_TABLE_REWRITE, "copies %s into a shadow table (online-copy)", tsize);
		if (x->o->osc == OSC_PT && x->o->osc_available) {
			osc_command(m, s, g);
			s->note = "pt-online-schema-change: shadow-table copy with triggers, atomic rename";
		} else {
			s->sql = alter_sql(m, g, ALGO_NONE, MYLOCK_UNSET);
			s->note = "needs an online copy (shadow table)";
			pc->refusal = x->o->osc == OSC_PT
				? arena_printf(x->a, "%s needs an online copy and pt-online-schema-change was not found on PATH; install percona-toolkit, or pass --online-copy-min-rows above the table's rows to accept a blocking copy",
					       tsize)
				: arena_printf(x->a, "%s needs an online copy: the built-in copy engine is not available yet; pass --osc pt-osc (with percona-toolkit installed), or --online-copy-min-rows above the table's rows to accept a blocking copy",
					       tsize);
		}
	} else {
		s = pc_step(x, pc, alter_sql(m, g, c.algo, lock));
		if (!can_pin(m, g))
			s->note = "MariaDB takes no ALGORITHM/LOCK with partition operations: not pinned";
		s->lock.algorithm = c.algo;
		s->lock.lock = lock;
		s->lock.rebuild = c.rebuild;
		s->lock.writes_blocked = blocking;
		if (c.rebuild)
			pc_hazard(x, pc, HAZARD_TABLE_REWRITE, "%s %s", c.algo == ALGO_COPY ? "copies" : "rebuilds", tsize);
		if (blocking)
			pc_hazard(x, pc, HAZARD_BLOCKING_LOCK, "blocks writes to %s for the whole %s (ALGORITHM=%s, LOCK=%s)",
				  tsize, c.algo == ALGO_COPY ? "copy" : "operation", Algorithm_name(c.algo), MyLock_name(lock));
	}
	s->strategy = st;
	s->lock_table = pc->change->table;
	s->long_running = c.algo >= ALGO_NOCOPY || st == STRATEGY_ONLINE_COPY;
	s->in_transaction = false;
}

/* Whether every instant ADD COLUMN can run before the rest: its AFTER target exists before the
 * rest runs (an existing column not renamed or dropped there, or an earlier instant add). */
static bool can_split(MCtx *m, const AlterClauseList *adds, const AlterClauseList *rest)
{
	for (int i = 0; i < adds->n; i++) {
		const char *pos = clause_position(m->x->a, adds->v[i]->sql);
		bool ok = false;
		if (!pos || !*pos)
			continue;
		for (int k = 0; k < i; k++)
			if (str_ieq(adds->v[k]->name, pos))
				ok = true;
		if (!ok && table_find_column(m->from, DIALECT_MYSQL, pos)) {
			ok = true;
			for (int k = 0; k < rest->n; k++) {
				const AlterClause *r = rest->v[k];
				if ((r->kind == CLAUSE_DROP_COLUMN && str_ieq(r->name, pos)) ||
				    ((r->kind == CLAUSE_CHANGE_COLUMN || r->kind == CLAUSE_RENAME_COLUMN) && str_ieq(r->old_name, pos)))
					ok = false;
			}
		}
		if (!ok)
			return false;
	}
	return true;
}

static void plan_alter(MCtx *m)
{
	const AlterClauseList *all = &m->pc->change->clauses;
	AlterClauseList adds = {0}, rest = {0};
	Cost *costs = arena_alloc(m->x->a, sizeof(Cost) * (size_t)(all->n ? all->n : 1));
	bool ft = false;
	Cost ca = cost(ALGO_INSTANT, MYLOCK_NONE, false), cr = cost(ALGO_INSTANT, MYLOCK_NONE, false);

	for (int i = 0; i < all->n; i++)
		costs[i] = clause_cost(m, all->v[i], all, &ft);
	/* MariaDB: an in-place ADD or DROP of a VIRTUAL column must be the ALTER's only action
	 * ("cannot be combined with other ALTER TABLE actions"); with others it is a COPY */
	if (m->maria && all->n > 1)
		for (int i = 0; i < all->n; i++)
			if (adds_or_drops_virtual(m, all->v[i]))
				for (int k = 0; k < all->n; k++)
					cost_max(&costs[k], cost(ALGO_COPY, MYLOCK_SHARED, true));
	/* MariaDB: any ALTER of a table with an indexed virtual column is a COPY (MDEV-14046) */
	if (m->maria && m->from) {
		for (int i = 0; i < m->from->indexes.n; i++)
			if (index_has_column_like(m, m->from->indexes.v[i], col_virtual))
				for (int k = 0; k < all->n; k++)
					cost_max(&costs[k], cost(ALGO_COPY, MYLOCK_SHARED, true));
	}
	for (int i = 0; i < all->n; i++) {
		if (costs[i].instant_add && costs[i].algo == ALGO_INSTANT) {
			LIST_PUSH(m->x->a, &adds, all->v[i]);
			cost_max(&ca, costs[i]);
		} else {
			LIST_PUSH(m->x->a, &rest, all->v[i]);
			cost_max(&cr, costs[i]);
		}
	}
	if (adds.n && rest.n && cr.algo != ALGO_INSTANT && can_split(m, &adds, &rest)) {
		alter_step(m, &adds, ca);
		alter_step(m, &rest, cr);
		return;
	}
	cost_max(&ca, cr);
	alter_step(m, all, ca);
}

static bool want_has_view(const PlanCtx *x, const char *name)
{
	return schema_find_view(x->want, NULL, name) != NULL;
}

static bool want_has_named(const PlanCtx *x, ChangeKind k, const char *name)
{
	if (k == CHANGE_DROP_TRIGGER) {
		for (int i = 0; i < x->want->triggers.n; i++)
			if (str_ieq(x->want->triggers.v[i]->name, name))
				return true;
	} else {
		for (int i = 0; i < x->want->routines.n; i++)
			if (str_ieq(x->want->routines.v[i]->name, name))
				return true;
	}
	return false;
}

void plan_mysql_change(PlanCtx *x, PlannedChange *pc)
{
	const Change *c = pc->change;
	MCtx m = {x, pc, NULL, NULL, x->si->flavor == FLAVOR_MARIADB,
		  x->si->major * 10000 + x->si->minor * 100 + x->si->patch};
	const char *tname = c->kind == CHANGE_RENAME_TABLE ? c->object : c->table;
	PlanStep *s;

	if (tname) {
		m.from = schema_find_table(x->cur, NULL, tname);
		m.to = schema_find_table(x->want, NULL, c->table ? c->table : tname);
		if (!m.from && m.to && m.to->renamed_from)
			m.from = schema_find_table(x->cur, NULL, m.to->renamed_from);
		if (m.from && c->kind != CHANGE_CREATE_TABLE) {
			pc->rows = m.from->est_rows;
			pc->bytes = m.from->data_bytes;
		}
	}
	if (c->kind == CHANGE_ALTER_TABLE) {
		plan_alter(&m);
		return;
	}
	s = pc_step(x, pc, c->sql);
	s->strategy = STRATEGY_DIRECT;
	s->has_body = c->has_body;
	switch (c->kind) {
	case CHANGE_DROP_TABLE:
		s->lock_table = c->table;
		pc_hazard(x, pc, HAZARD_DATA_LOSS, "drops table %s and every row in it", pc_table_size(x, pc));
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "deployed code that still uses table \"%s\" fails", c->table);
		break;
	case CHANGE_RENAME_TABLE:
		s->lock_table = c->object;
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "renames table \"%s\" to \"%s\": deployed code that uses the old name fails", c->object, c->table);
		break;
	case CHANGE_CREATE_TRIGGER:
	case CHANGE_DROP_TRIGGER:
		/* a trigger change takes an exclusive metadata lock on its table */
		s->lock_table = c->table;
		if (c->kind == CHANGE_DROP_TRIGGER && !want_has_named(x, c->kind, c->object))
			pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "drops trigger \"%s\": what it did on \"%s\" stops",
				  c->object, c->table);
		break;
	case CHANGE_DROP_VIEW:
		if (!want_has_view(x, c->object))
			pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "deployed code that still reads view \"%s\" fails", c->object);
		break;
	case CHANGE_DROP_ROUTINE:
		if (!want_has_named(x, c->kind, c->object))
			pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "deployed code that still calls \"%s\" fails", c->object);
		break;
	default:
		break;
	}
}
