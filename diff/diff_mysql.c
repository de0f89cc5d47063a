/*
 * diff_mysql.c: the MySQL/MariaDB differ. Two normalised models in, an ordered Plan out.
 *
 * Changes are collected per phase and concatenated at the end, so that every statement finds
 * what it needs: triggers and views that go away are dropped first, foreign keys are dropped
 * before the columns and indexes they use, tables are created in foreign-key order (cycles
 * closed by ALTER afterwards), foreign keys are added once every table they point at has its
 * final shape, routines, views (in dependency order) and triggers come last.
 *
 * Definitions inside statements are printed by the canonical printer (parser/print_mysql.c);
 * this file only writes the statement and clause frames around them. It never does I/O.
 */
#include "diff/diff.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/frontend.h"

#define DIFF_ENUM_CASE_(sym, text) case sym: return text;
const char *ChangeKind_name(int v)
{
	switch (v) { ChangeKind_VALUES(DIFF_ENUM_CASE_) }
	return "?";
}
const char *ClauseKind_name(int v)
{
	switch (v) { ClauseKind_VALUES(DIFF_ENUM_CASE_) }
	return "?";
}
#undef DIFF_ENUM_CASE_

/* Phases, in the order their statements run. */
enum {
	PH_DROP_EVENT,
	PH_DROP_TRIGGER,
	PH_DROP_VIEW,
	PH_DROP_FK,
	PH_DROP_ROUTINE,
	PH_RENAME_TABLE,
	PH_DROP_TABLE,
	PH_DROP_SEQUENCE,
	PH_SEQUENCE,     /* before the tables whose defaults call nextval() */
	PH_CREATE_TABLE,
	PH_ALTER_TABLE,
	PH_ADD_FK,
	PH_CREATE_ROUTINE,
	PH_VIEW,
	PH_CREATE_TRIGGER,
	PH_EVENT,
	PH_COUNT
};

/* A column rename inside one table (names as in the desired model). */
typedef struct ColRename {
	const char *table;  /* desired table name */
	const char *from, *to;
} ColRename;
LIST_TYPE(ColRenameList, ColRename);

/* One desired table and the current table it came from. */
typedef struct TablePair {
	const Table *from;  /* NULL: new */
	const Table *to;
	bool changed;       /* the table gets an ALTER (or is new) */
} TablePair;
LIST_TYPE(TablePairList, TablePair);

typedef struct Ctx {
	Arena *a;
	const Schema *from, *to;
	const ServerInfo *si;
	const DiffOptions *opt;
	ChangeList ph[PH_COUNT];
	TablePairList pairs;
	StrList table_renames;   /* pairs: old name, new name */
	ColRenameList col_renames;
	ColRenameList retyped;   /* columns whose type changes (table, column as desired) */
} Ctx;

/* ---- small helpers ---- */

static const char *sb_take(Ctx *x, StrBuf *sb)
{
	/* Statements never end in ';' or whitespace inside a Change. */
	while (sb->len && (sb->buf[sb->len - 1] == ';' || isspace((unsigned char)sb->buf[sb->len - 1])))
		sb_truncate(sb, sb->len - 1);
	{
		const char *r = sb_to_arena(sb, x->a);
		sb_release(sb);
		return r;
	}
}

static const char *ident(Ctx *x, const char *name)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	sb_add_mysql_ident(&sb, name);
	return sb_take(x, &sb);
}

static Change *change_add(Ctx *x, int phase, ChangeKind kind, const char *table, const char *object,
			  const char *sql, bool destructive)
{
	Change *c = ARENA_NEW(x->a, Change);
	c->kind = kind;
	c->table = table;
	c->object = object;
	c->sql = sql;
	c->destructive = destructive;
	c->has_body = (kind == CHANGE_CREATE_TRIGGER || kind == CHANGE_CREATE_ROUTINE ||
		       kind == CHANGE_CREATE_EVENT || kind == CHANGE_ALTER_EVENT) && sql && strchr(sql, ';');
	LIST_PUSH(x->a, &x->ph[phase], c);
	return c;
}

static AlterClause *clause_add(Ctx *x, AlterClauseList *l, ClauseKind kind, const char *name,
			       const char *old_name, const char *sql, bool destructive)
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

/* ALTER TABLE statements of a table from a list of clauses: the destructive clauses go into a
 * statement of their own so that leaving them out (no allow_drop) keeps the rest whole. */
static void emit_alter(Ctx *x, int phase, const char *table, const AlterClauseList *cl)
{
	AlterClauseList parts[2] = {{0}};
	for (int i = 0; i < cl->n; i++)
		LIST_PUSH(x->a, &parts[cl->v[i]->destructive && !x->opt->allow_drop ? 1 : 0], cl->v[i]);
	for (int k = 0; k < 2; k++) {
		StrBuf sb = SB_INIT;
		bool destructive = false;
		Change *c;
		if (!parts[k].n)
			continue;
		sb_init(&sb);
		sb_adds(&sb, "ALTER TABLE ");
		sb_add_mysql_ident(&sb, table);
		for (int i = 0; i < parts[k].n; i++) {
			sb_adds(&sb, i ? ", " : " ");
			sb_adds(&sb, parts[k].v[i]->sql);
			destructive |= parts[k].v[i]->destructive;
		}
		c = change_add(x, phase, CHANGE_ALTER_TABLE, table, table, sb_take(x, &sb), destructive);
		c->clauses = parts[k];
	}
}

static bool server_at_least(const ServerInfo *si, int mariadb, int mysql)
{
	int v = si->major * 100 + si->minor;
	if (si->flavor == FLAVOR_MARIADB)
		return v >= mariadb;
	return v >= mysql;
}

static bool strlist_has(const StrList *l, const char *s, bool ci)
{
	for (int i = 0; i < l->n; i++)
		if (ci ? str_ieq(l->v[i], s) : str_eq(l->v[i], s))
			return true;
	return false;
}

/* ---- renames known to this plan (so that equal things under new names stay equal) ---- */

static const char *renamed_table(const Ctx *x, const char *old)
{
	for (int i = 0; i + 1 < x->table_renames.n; i += 2)
		if (str_eq(x->table_renames.v[i], old))
			return x->table_renames.v[i + 1];
	return old;
}

static const char *renamed_column(const Ctx *x, const char *table, const char *old)
{
	for (int i = 0; i < x->col_renames.n; i++) {
		const ColRename *r = x->col_renames.v[i];
		if (str_eq(r->table, table) && str_ieq(r->from, old))
			return r->to;
	}
	return old;
}

static bool column_is_retyped(const Ctx *x, const char *table, const char *col)
{
	for (int i = 0; i < x->retyped.n; i++)
		if (str_eq(x->retyped.v[i]->table, table) && str_ieq(x->retyped.v[i]->from, col))
			return true;
	return false;
}

/* Whether a foreign key uses a column whose type changes here (on either side): the server
 * refuses such a change while the key exists, so the key is dropped and added again. */
static bool fk_retyped(const Ctx *x, const ForeignKey *fk, const char *table)
{
	for (int i = 0; i < fk->columns.n; i++)
		if (column_is_retyped(x, table, fk->columns.v[i]))
			return true;
	for (int i = 0; i < fk->ref_columns.n; i++)
		if (column_is_retyped(x, fk->ref_table, fk->ref_columns.v[i]))
			return true;
	return false;
}

/* ---- column types ---- */

static bool type_is_text(const char *t)
{
	static const char *const tx[] = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext",
					 "enum", "set", NULL};
	for (int i = 0; tx[i]; i++)
		if (str_ieq(t, tx[i]))
			return true;
	return false;
}

static bool type_is_blobtext(const char *t)
{
	return str_ieq(t, "tinytext") || str_ieq(t, "text") || str_ieq(t, "mediumtext");
}

/* Rank inside a family of types that only differ by capacity; 0 when not in one. */
static int int_rank(const char *t)
{
	static const char *const r[] = {"tinyint", "smallint", "mediumint", "int", "bigint", NULL};
	for (int i = 0; r[i]; i++)
		if (str_ieq(t, r[i]))
			return i + 1;
	return 0;
}

static int text_rank(const char *t)
{
	static const char *const r[] = {"tinytext", "text", "mediumtext", "longtext", NULL};
	for (int i = 0; r[i]; i++)
		if (str_ieq(t, r[i]))
			return i + 1;
	return 0;
}

static int blob_rank(const char *t)
{
	static const char *const r[] = {"tinyblob", "blob", "mediumblob", "longblob", NULL};
	for (int i = 0; r[i]; i++)
		if (str_ieq(t, r[i]))
			return i + 1;
	return 0;
}

/* The charset and collation a text column actually has in table t. */
static void column_effective_charset(const ServerInfo *si, const Table *t, const Column *c,
				     const char **cs, const char **coll)
{
	*cs = c->charset ? c->charset : t->charset;
	if (c->collation)
		*coll = c->collation;
	else if (c->charset && !str_ieq(c->charset, t->charset))
		*coll = server_default_collation(si, c->charset);
	else
		*coll = t->collation ? t->collation : server_default_collation(si, *cs);
}

/* Copy of c with its effective charset/collation spelled out (text types only), the name
 * replaced by `name`: two such copies compare equal exactly when no ALTER is needed. */
static Column *column_comparable(Ctx *x, const Table *t, const Column *c, const char *name,
				 const char *force_cs, const char *force_coll)
{
	Column *k = Column_copy(x->a, c);
	k->name = name;
	k->renamed_from = NULL;
	if (type_is_text(c->type)) {
		column_effective_charset(x->si, t, c, &k->charset, &k->collation);
		if (force_cs) {
			k->charset = force_cs;
			k->collation = force_coll;
		}
	}
	return k;
}

/* Whether turning column a into column b can lose data (a narrowing type change). Changes of
 * charset, defaults, nullability, comments are not narrowing; a change of type family is,
 * unless it is a known widening. */
static bool type_narrows(const Column *a, const Column *b)
{
	int ra, rb;
	if (str_ieq(a->type, b->type)) {
		if (str_ieq(a->type, "enum") || str_ieq(a->type, "set")) {
			/* Labels may only be appended. */
			if (b->values.n < a->values.n)
				return true;
			for (int i = 0; i < a->values.n; i++)
				if (!str_eq(a->values.v[i], b->values.v[i]))
					return true;
			return false;
		}
		if (str_ieq(a->type, "decimal") || str_ieq(a->type, "numeric")) {
			int pa = a->length < 0 ? 10 : a->length, pb = b->length < 0 ? 10 : b->length;
			int sa = a->scale < 0 ? 0 : a->scale, sb = b->scale < 0 ? 0 : b->scale;
			return sb < sa || pb - sb < pa - sa || a->is_unsigned != b->is_unsigned;
		}
		if (int_rank(a->type))
			return a->is_unsigned != b->is_unsigned;
		if (str_ieq(a->type, "float") || str_ieq(a->type, "double"))
			return a->length >= 0 && (b->length < a->length || b->scale < a->scale);
		if (str_ieq(a->type, "char") || str_ieq(a->type, "varchar") || str_ieq(a->type, "binary") ||
		    str_ieq(a->type, "varbinary") || str_ieq(a->type, "bit"))
			return b->length < a->length;
		/* datetime/time/timestamp fsp: fewer fractional digits rounds values. */
		if (str_ieq(a->type, "datetime") || str_ieq(a->type, "time") || str_ieq(a->type, "timestamp"))
			return (b->length < 0 ? 0 : b->length) < (a->length < 0 ? 0 : a->length);
		return false;
	}
	ra = int_rank(a->type);
	rb = int_rank(b->type);
	if (ra && rb)
		return rb < ra || a->is_unsigned != b->is_unsigned;
	ra = text_rank(a->type);
	rb = text_rank(b->type);
	if (ra && rb)
		return rb < ra;
	ra = blob_rank(a->type);
	rb = blob_rank(b->type);
	if (ra && rb)
		return rb < ra;
	if (str_ieq(a->type, "char") && str_ieq(b->type, "varchar"))
		return b->length < a->length;
	if ((str_ieq(a->type, "char") || str_ieq(a->type, "varchar")) && text_rank(b->type))
		return false;
	if ((str_ieq(a->type, "binary") || str_ieq(a->type, "varbinary")) && blob_rank(b->type))
		return false;
	if (str_ieq(a->type, "binary") && str_ieq(b->type, "varbinary"))
		return b->length < a->length;
	if (str_ieq(a->type, "float") && str_ieq(b->type, "double"))
		return false;
	if (str_ieq(a->type, "date") && (str_ieq(b->type, "datetime") || str_ieq(b->type, "timestamp")))
		return false;
	return true;
}

/* Do the two comparable columns differ in their default alone? */
static bool default_only_change(const Column *f, const Column *t)
{
	Column same = *f;
	EqCtx eq;
	if (f->default_kind == t->default_kind && str_eq(f->default_text, t->default_text))
		return false;
	same.default_kind = t->default_kind;
	same.default_text = t->default_text;
	eqctx_init(&eq, DIALECT_MYSQL);
	return Column_equal(&same, t, &eq);
}

/* ---- printing pieces through the canonical printer ---- */

/* A column definition with its MariaDB column-level checks, as ADD/MODIFY COLUMN take it. */
static const char *print_column(Ctx *x, const Table *t, const Column *c)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	mysql_print_column_def(&sb, c, x->si);
	mysql_print_column_checks(&sb, t, c, x->si);
	return sb_take(x, &sb);
}

/* The column-level checks of a column (" CHECK (...)"...), "" when none. */
static const char *column_checks(Ctx *x, const Table *t, const Column *c)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	mysql_print_column_checks(&sb, t, c, x->si);
	return sb_take(x, &sb);
}

static const char *print_index(Ctx *x, const Index *ix)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	mysql_print_index_def(&sb, ix, x->si);
	return sb_take(x, &sb);
}

static const char *print_fk(Ctx *x, const ForeignKey *fk)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	mysql_print_fk_def(&sb, fk, x->si);
	return sb_take(x, &sb);
}

static const char *print_check(Ctx *x, const Check *ck)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	mysql_print_check_def(&sb, ck, x->si);
	return sb_take(x, &sb);
}

static const char *print_partitioning(Ctx *x, const Partitioning *p)
{
	StrBuf sb = SB_INIT;
	const char *s;
	sb_init(&sb);
	mysql_print_partitioning(&sb, p, x->si);
	s = sb_take(x, &sb);
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Partition definitions "PARTITION p0 VALUES LESS THAN (10), ..." as the printer writes them
 * inside PARTITION BY: print a partitioning holding just these parts and keep the list. */
static const char *print_partition_defs(Ctx *x, const Partitioning *p, PartitionDef *const *parts, int n)
{
	Partitioning q = *p;
	const char *s, *open;
	size_t len;
	q.parts.v = (PartitionDef **)parts;
	q.parts.n = q.parts.cap = n;
	q.count = 0;
	s = print_partitioning(x, &q);
	/* The part list is the last parenthesised group of the text. */
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len && s[len - 1] == '/') /* a version comment wrapper: strip trailing "*" "/" */
		while (len && (s[len - 1] == '/' || s[len - 1] == '*' || isspace((unsigned char)s[len - 1])))
			len--;
	open = NULL;
	{
		int depth = 0;
		bool quote = false;
		for (const char *q2 = s; q2 < s + len; q2++) {
			if (*q2 == '\'' ) {
				quote = !quote;
				continue;
			}
			if (quote)
				continue;
			if (*q2 == '(') {
				if (depth == 0 && str_ihas_prefix(q2 + 1 + strspn(q2 + 1, " \n\t"), "PARTITION "))
					open = q2;
				depth++;
			} else if (*q2 == ')') {
				depth--;
			}
		}
	}
	if (!open)
		return arena_strndup(x->a, s, len);
	return arena_strndup(x->a, open, (size_t)(s + len - open));
}

/* ---- tables: columns ---- */

/* Longest increasing subsequence of pos[0..n-1]; keep[i] set for its members. */
static void lis_mark(Arena *a, const int *pos, int n, bool *keep)
{
	int *tail = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
	int *prev = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
	int len = 0;
	for (int i = 0; i < n; i++) {
		int lo = 0, hi = len;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (pos[tail[mid]] < pos[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tail[lo - 1] : -1;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	for (int i = len ? tail[len - 1] : -1; i >= 0; i = prev[i])
		keep[i] = true;
}

typedef struct ColumnPlan {
	int *fidx;          /* per desired column: index of its current column, -1: new */
	bool *recreated;    /* per desired column: dropped and added again (generated kind change) */
	bool convert;       /* CONVERT TO CHARACTER SET covers the charset changes */
} ColumnPlan;

static void position_clause(StrBuf *sb, const Table *to, int j)
{
	if (j == 0) {
		sb_adds(sb, " FIRST");
	} else {
		sb_adds(sb, " AFTER ");
		sb_add_mysql_ident(sb, to->columns.v[j - 1]->name);
	}
}

static bool col_is_new(const ColumnPlan *cp, int j)
{
	return cp->fidx[j] < 0 || cp->recreated[j];
}

static void diff_columns(Ctx *x, const Table *from, const Table *to, ColumnPlan *cp, AlterClauseList *cl,
			 AlterClauseList *drops)
{
	int nf = from->columns.n, nt = to->columns.n;
	bool *used = arena_alloc(x->a, sizeof(bool) * (size_t)(nf + 1));
	int *spos, *sidx, ns = 0;
	bool *keep, *stable;

	cp->fidx = arena_alloc(x->a, sizeof(int) * (size_t)(nt + 1));
	cp->recreated = arena_alloc(x->a, sizeof(bool) * (size_t)(nt + 1));
	/* Match by name, then by @renamed from. */
	for (int j = 0; j < nt; j++) {
		cp->fidx[j] = -1;
		for (int i = 0; i < nf; i++)
			if (!used[i] && ident_eq(DIALECT_MYSQL, from->columns.v[i]->name, to->columns.v[j]->name)) {
				cp->fidx[j] = i;
				used[i] = true;
				break;
			}
	}
	for (int j = 0; j < nt; j++) {
		const char *rf = to->columns.v[j]->renamed_from;
		if (cp->fidx[j] >= 0 || !rf || table_find_column(to, DIALECT_MYSQL, rf))
			continue;
		for (int i = 0; i < nf; i++)
			if (!used[i] && ident_eq(DIALECT_MYSQL, from->columns.v[i]->name, rf)) {
				ColRename *r = ARENA_NEW(x->a, ColRename);
				cp->fidx[j] = i;
				used[i] = true;
				r->table = to->name;
				r->from = from->columns.v[i]->name;
				r->to = to->columns.v[j]->name;
				LIST_PUSH(x->a, &x->col_renames, r);
				break;
			}
	}
	/* A change of generated kind is a drop and an add: MODIFY cannot do it. */
	for (int j = 0; j < nt; j++) {
		if (cp->fidx[j] >= 0 && from->columns.v[cp->fidx[j]]->gen_kind != to->columns.v[j]->gen_kind) {
			cp->recreated[j] = true;
			used[cp->fidx[j]] = false;
		}
	}

	/* Drops: current columns nothing maps to (and recreated ones). */
	for (int i = 0; i < nf; i++) {
		const Column *c = from->columns.v[i];
		StrBuf sb = SB_INIT;
		bool destructive = true;
		if (used[i])
			continue;
		/* Recreating a generated column loses nothing: its values come from the others. */
		for (int j = 0; j < nt; j++)
			if (cp->recreated[j] && cp->fidx[j] == i && c->gen_kind != GEN_NONE)
				destructive = false;
		sb_init(&sb);
		sb_adds(&sb, "DROP COLUMN ");
		sb_add_mysql_ident(&sb, c->name);
		clause_add(x, drops, CLAUSE_DROP_COLUMN, c->name, NULL, sb_take(x, &sb), destructive);
	}

	/* Columns that keep their place: the longest run already in desired order. */
	spos = arena_alloc(x->a, sizeof(int) * (size_t)(nt + 1));
	sidx = arena_alloc(x->a, sizeof(int) * (size_t)(nt + 1));
	for (int i = 0; i < nf; i++)
		for (int j = 0; j < nt; j++)
			if (!col_is_new(cp, j) && cp->fidx[j] == i) {
				spos[ns] = j;
				sidx[ns++] = j;
			}
	keep = arena_alloc(x->a, sizeof(bool) * (size_t)(ns + 1));
	lis_mark(x->a, spos, ns, keep);
	stable = arena_alloc(x->a, sizeof(bool) * (size_t)(nt + 1));
	for (int k = 0; k < ns; k++)
		stable[sidx[k]] = keep[k];

	for (int j = 0; j < nt; j++) {
		const Column *t = to->columns.v[j];
		StrBuf sb = SB_INIT;
		sb_init(&sb);
		if (col_is_new(cp, j)) {
			bool trailing = true;
			for (int k = j; k < nt; k++)
				if (!col_is_new(cp, k))
					trailing = false;
			sb_adds(&sb, "ADD COLUMN ");
			sb_adds(&sb, print_column(x, to, t));
			if (!trailing)
				position_clause(&sb, to, j);
			clause_add(x, cl, CLAUSE_ADD_COLUMN, t->name, NULL, sb_take(x, &sb), false);
		} else {
			const Column *f = from->columns.v[cp->fidx[j]];
			/* exact: a name that changes only in case is renamed too (the server keeps the
			 * case it was given, and SHOW CREATE shows it) */
			bool renamed = !str_eq(f->name, t->name);
			Column *kf, *kt;
			EqCtx eq;
			bool defchg, moved = !stable[j];
			const char *fcs = NULL, *fcoll = NULL;
			if (cp->convert && type_is_text(f->type)) {
				fcs = to->charset;
				fcoll = to->collation ? to->collation : server_default_collation(x->si, to->charset);
			}
			kf = column_comparable(x, from, f, t->name, fcs, fcoll);
			kt = column_comparable(x, to, t, t->name, NULL, NULL);
			eqctx_init(&eq, DIALECT_MYSQL);
			defchg = !Column_equal(kf, kt, &eq) ||
				 !str_eq(column_checks(x, from, f), column_checks(x, to, t));
			if (renamed && !defchg && !moved && server_at_least(x->si, 1005, 800)) {
				sb_adds(&sb, "RENAME COLUMN ");
				sb_add_mysql_ident(&sb, f->name);
				sb_adds(&sb, " TO ");
				sb_add_mysql_ident(&sb, t->name);
				clause_add(x, cl, CLAUSE_RENAME_COLUMN, t->name, f->name, sb_take(x, &sb), false);
			} else if (renamed) {
				sb_adds(&sb, "CHANGE COLUMN ");
				sb_add_mysql_ident(&sb, f->name);
				sb_addc(&sb, ' ');
				sb_adds(&sb, print_column(x, to, t));
				if (moved)
					position_clause(&sb, to, j);
				clause_add(x, cl, CLAUSE_CHANGE_COLUMN, t->name, f->name, sb_take(x, &sb),
					   defchg && type_narrows(f, t));
			} else if (defchg && !moved && default_only_change(kf, kt) &&
				   str_eq(column_checks(x, from, f), column_checks(x, to, t))) {
				/* only the default differs: ALTER COLUMN changes it in the data dictionary,
				 * where a MODIFY restating the column (and its checks) may not be instant */
				sb_adds(&sb, "ALTER COLUMN ");
				sb_add_mysql_ident(&sb, t->name);
				sb_addc(&sb, ' ');
				mysql_print_alter_default(&sb, t, x->si);
				clause_add(x, cl, t->default_kind == DEFAULT_NONE ? CLAUSE_DROP_DEFAULT : CLAUSE_SET_DEFAULT,
					   t->name, NULL, sb_take(x, &sb), false);
			} else if (defchg || moved) {
				sb_adds(&sb, "MODIFY COLUMN ");
				sb_adds(&sb, print_column(x, to, t));
				if (moved)
					position_clause(&sb, to, j);
				clause_add(x, cl, CLAUSE_MODIFY_COLUMN, t->name, NULL, sb_take(x, &sb),
					   defchg && type_narrows(f, t));
			}
		}
		sb_release(&sb);
	}
}

/* ---- tables: charset ---- */

/* Decide between CONVERT TO CHARACTER SET (the columns follow the new table default) and
 * DEFAULT CHARSET plus per-column MODIFY. CONVERT is used only when every surviving text
 * column ends with the table's new default and none of them is a TEXT type the conversion
 * would promote to a bigger one. */
static void diff_table_charset(Ctx *x, const Table *from, const Table *to, ColumnPlan *cp, AlterClauseList *cl)
{
	const char *fcoll = from->collation ? from->collation : server_default_collation(x->si, from->charset);
	const char *tcoll = to->collation ? to->collation : server_default_collation(x->si, to->charset);
	bool follow = true, any_change = false;
	StrBuf sb = SB_INIT;

	if (!to->charset || (str_ieq(from->charset, to->charset) && str_ieq(fcoll, tcoll)))
		return;
	for (int j = 0; j < to->columns.n; j++) {
		const Column *t = to->columns.v[j], *f;
		const char *cs, *coll, *ocs, *ocoll;
		if (cp->fidx[j] < 0 || cp->recreated[j] || !type_is_text(t->type))
			continue;
		f = from->columns.v[cp->fidx[j]];
		if (!type_is_text(f->type))
			continue;
		column_effective_charset(x->si, to, t, &cs, &coll);
		column_effective_charset(x->si, from, f, &ocs, &ocoll);
		if (!str_ieq(cs, to->charset) || !str_ieq(coll, tcoll) || type_is_blobtext(t->type))
			follow = false;
		if (!str_ieq(cs, ocs) || !str_ieq(coll, ocoll))
			any_change = true;
	}
	cp->convert = follow && any_change;
	sb_init(&sb);
	if (cp->convert) {
		sb_adds(&sb, "CONVERT TO CHARACTER SET ");
		sb_adds(&sb, to->charset);
		sb_adds(&sb, " COLLATE ");
		sb_adds(&sb, tcoll);
		clause_add(x, cl, CLAUSE_CONVERT_CHARSET, to->charset, NULL, sb_take(x, &sb), false);
	} else {
		sb_adds(&sb, "DEFAULT CHARSET=");
		sb_adds(&sb, to->charset);
		if (tcoll) {
			sb_adds(&sb, " COLLATE=");
			sb_adds(&sb, tcoll);
		}
		clause_add(x, cl, CLAUSE_DEFAULT_CHARSET, to->charset, NULL, sb_take(x, &sb), false);
	}
}

/* ---- tables: indexes ---- */

/* Copy of a current index with its column names as they are after this plan's renames. */
static Index *index_renamed(Ctx *x, const Index *ix, const char *table)
{
	Index *k = Index_copy(x->a, ix);
	for (int i = 0; i < k->parts.n; i++)
		if (k->parts.v[i]->column)
			k->parts.v[i]->column = renamed_column(x, table, k->parts.v[i]->column);
	k->renamed_from = NULL;
	return k;
}

static bool index_equal(Ctx *x, const Index *from_ix, const Index *to_ix, const char *table, const char *as_name)
{
	Index *k = index_renamed(x, from_ix, table);
	Index *t = Index_copy(x->a, to_ix);
	EqCtx eq;
	k->name = as_name;
	t->renamed_from = NULL;
	k->implicit = t->implicit = false;
	eqctx_init(&eq, DIALECT_MYSQL);
	return Index_equal(k, t, &eq);
}

static bool index_uses_column(const Index *ix, const char *col)
{
	for (int i = 0; i < ix->parts.n; i++)
		if (ix->parts.v[i]->column && str_ieq(ix->parts.v[i]->column, col))
			return true;
	return false;
}

/* Whether the columns of fk are a leading prefix of the index (the index can serve the FK). */
static bool index_serves_fk(const Index *ix, const ForeignKey *fk)
{
	if (ix->parts.n < fk->columns.n)
		return false;
	for (int i = 0; i < fk->columns.n; i++)
		if (!ix->parts.v[i]->column || !str_ieq(ix->parts.v[i]->column, fk->columns.v[i]))
			return false;
	return true;
}

/* An index the server keeps for a foreign key of the desired table that no desired index
 * serves: dropping it would be refused (or undone), so it is left alone. */
static bool index_needed_by_fk(Ctx *x, const Index *from_ix, const Table *from, const Table *to)
{
	Index *k = index_renamed(x, from_ix, to->name);
	(void)from;
	for (int i = 0; i < to->fks.n; i++) {
		const ForeignKey *fk = to->fks.v[i];
		bool served = false;
		if (!index_serves_fk(k, fk))
			continue;
		for (int j = 0; j < to->indexes.n && !served; j++)
			served = index_serves_fk(to->indexes.v[j], fk);
		if (!served)
			return true;
	}
	return false;
}

static const char *drop_index_sql(Ctx *x, const Index *ix)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	if (ix->kind == INDEX_PRIMARY) {
		sb_adds(&sb, "DROP PRIMARY KEY");
	} else {
		sb_adds(&sb, "DROP INDEX ");
		sb_add_mysql_ident(&sb, ix->name);
	}
	return sb_take(x, &sb);
}

static const char *add_index_sql(Ctx *x, const Index *ix)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	sb_adds(&sb, "ADD ");
	sb_adds(&sb, print_index(x, ix));
	return sb_take(x, &sb);
}

/* Whether an index must stay in the statement that adds or changes its columns: a primary
 * key, or a key on a column that becomes AUTO_INCREMENT here (the server wants it keyed). */
static bool index_bound_to_columns(const Index *ix, const Table *from, const Table *to, const ColumnPlan *cp)
{
	if (ix->kind == INDEX_PRIMARY)
		return true;
	for (int j = 0; j < to->columns.n; j++) {
		const Column *t = to->columns.v[j];
		if (!t->auto_increment || !index_uses_column(ix, t->name))
			continue;
		if (cp->fidx[j] < 0 || cp->recreated[j] || !from->columns.v[cp->fidx[j]]->auto_increment)
			return true;
	}
	return false;
}

static void diff_indexes(Ctx *x, const Table *from, const Table *to, const ColumnPlan *cp,
			 AlterClauseList *drops, AlterClauseList *adds, AlterClauseList *idx_drops,
			 AlterClauseList *idx_adds, bool split)
{
	bool *fused = arena_alloc(x->a, sizeof(bool) * (size_t)(from->indexes.n + 1));
	bool fk_index_goes = false;

	/* Whether a current index that serves a foreign key goes away (dropped or replaced): the
	 * index taking over for that key must be added in the same statement. */
	for (int i = 0; i < from->indexes.n && !fk_index_goes; i++) {
		const Index *f = from->indexes.v[i];
		const Index *t = table_find_index(to, DIALECT_MYSQL, f->name);
		if (t && index_equal(x, f, t, to->name, t->name))
			continue;
		for (int k = 0; k < to->fks.n && !fk_index_goes; k++)
			fk_index_goes = index_serves_fk(index_renamed(x, f, to->name), to->fks.v[k]);
	}

	for (int j = 0; j < to->indexes.n; j++) {
		const Index *t = to->indexes.v[j];
		const Index *f = NULL;
		int fi = -1;
		bool recreated_col = false;
		for (int i = 0; i < from->indexes.n; i++)
			if (!fused[i] && ident_eq(DIALECT_MYSQL, from->indexes.v[i]->name, t->name)) {
				fi = i;
				break;
			}
		for (int k = 0; k < to->columns.n; k++)
			if (cp->recreated[k] && index_uses_column(t, to->columns.v[k]->name))
				recreated_col = true;
		if (fi < 0 && t->renamed_from && !table_find_index(to, DIALECT_MYSQL, t->renamed_from)) {
			for (int i = 0; i < from->indexes.n; i++)
				if (!fused[i] && ident_eq(DIALECT_MYSQL, from->indexes.v[i]->name, t->renamed_from)) {
					f = from->indexes.v[i];
					if (!recreated_col && index_equal(x, f, t, to->name, t->name) &&
					    t->kind != INDEX_PRIMARY && server_at_least(x->si, 1005, 507)) {
						StrBuf sb = SB_INIT;
						fused[i] = true;
						sb_init(&sb);
						sb_adds(&sb, "RENAME INDEX ");
						sb_add_mysql_ident(&sb, f->name);
						sb_adds(&sb, " TO ");
						sb_add_mysql_ident(&sb, t->name);
						clause_add(x, adds, CLAUSE_RENAME_INDEX, t->name, f->name, sb_take(x, &sb), false);
						t = NULL;
					} else {
						/* A rename with a new definition: drop the old, add the new. */
						fused[i] = true;
						clause_add(x, drops, f->kind == INDEX_PRIMARY ? CLAUSE_DROP_PRIMARY_KEY : CLAUSE_DROP_INDEX,
							   f->name, NULL, drop_index_sql(x, f), false);
					}
					break;
				}
			if (!t)
				continue;
		}
		if (fi >= 0) {
			f = from->indexes.v[fi];
			fused[fi] = true;
			if (!recreated_col && index_equal(x, f, t, to->name, t->name)) {
				/* the same index under a name that differs only in case */
				if (!str_eq(f->name, t->name) && t->kind != INDEX_PRIMARY) {
					StrBuf sb = SB_INIT;
					sb_init(&sb);
					if (server_at_least(x->si, 1005, 507)) {
						sb_adds(&sb, "RENAME INDEX ");
						sb_add_mysql_ident(&sb, f->name);
						sb_adds(&sb, " TO ");
						sb_add_mysql_ident(&sb, t->name);
						clause_add(x, adds, CLAUSE_RENAME_INDEX, t->name, f->name, sb_take(x, &sb), false);
					} else {
						sb_release(&sb);
						clause_add(x, drops, CLAUSE_DROP_INDEX, f->name, NULL, drop_index_sql(x, f), false);
						clause_add(x, adds, CLAUSE_ADD_INDEX, t->name, NULL, add_index_sql(x, t), false);
					}
				}
				continue;
			}
		} else {
			f = NULL;
		}
		{
			/* A replaced index keeps its drop and add in one statement with the column
			 * changes: a foreign key may need an index at every moment, and the old
			 * definition may not survive the column change (a key grown too long). */
			bool bound = f || index_bound_to_columns(t, from, to, cp);
			for (int k = 0; k < to->fks.n && fk_index_goes && !bound; k++)
				bound = index_serves_fk(t, to->fks.v[k]);
			AlterClauseList *dl = split && !bound ? idx_drops : drops;
			AlterClauseList *al = split && !bound ? idx_adds : adds;
			if (f)
				clause_add(x, dl, f->kind == INDEX_PRIMARY ? CLAUSE_DROP_PRIMARY_KEY : CLAUSE_DROP_INDEX,
					   f->name, NULL, drop_index_sql(x, f), false);
			clause_add(x, al, t->kind == INDEX_PRIMARY ? CLAUSE_ADD_PRIMARY_KEY : CLAUSE_ADD_INDEX,
				   t->name, NULL, add_index_sql(x, t), false);
		}
	}
	for (int i = 0; i < from->indexes.n; i++) {
		const Index *f = from->indexes.v[i];
		if (fused[i] || index_needed_by_fk(x, f, from, to))
			continue;
		clause_add(x, drops, f->kind == INDEX_PRIMARY ? CLAUSE_DROP_PRIMARY_KEY : CLAUSE_DROP_INDEX,
			   f->name, NULL, drop_index_sql(x, f), true);
	}
}

/* ---- tables: foreign keys ---- */

static bool fk_equal(Ctx *x, const ForeignKey *from_fk, const ForeignKey *to_fk, const char *table)
{
	ForeignKey *k = ForeignKey_copy(x->a, from_fk);
	EqCtx eq;
	const char *reft;
	for (int i = 0; i < k->columns.n; i++)
		k->columns.v[i] = renamed_column(x, table, k->columns.v[i]);
	reft = renamed_table(x, k->ref_table);
	k->ref_table = reft;
	for (int i = 0; i < k->ref_columns.n; i++)
		k->ref_columns.v[i] = renamed_column(x, reft, k->ref_columns.v[i]);
	eqctx_init(&eq, DIALECT_MYSQL);
	return ForeignKey_equal(k, to_fk, &eq);
}

static const char *drop_fk_sql(Ctx *x, const ForeignKey *fk)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	sb_adds(&sb, "DROP FOREIGN KEY ");
	sb_add_mysql_ident(&sb, fk->name);
	return sb_take(x, &sb);
}

static const char *add_fk_sql(Ctx *x, const ForeignKey *fk)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	sb_adds(&sb, "ADD ");
	sb_adds(&sb, print_fk(x, fk));
	return sb_take(x, &sb);
}

/* N when name is the server's own name for a table's N-th unnamed foreign key (TABLE_ibfk_N),
 * else 0. */
static int ibfk_number(const char *table, const char *name)
{
	size_t n = strlen(table);
	const char *p;
	int v = 0;
	if (!name || strncasecmp(name, table, n) || strncasecmp(name + n, "_ibfk_", 6))
		return 0;
	p = name + n + 6;
	if (!*p || *p == '0')
		return 0;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p) || v > 100000000)
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* Whether the index the server made for fk (implicit in the model) has a name other than the
 * constraint's: the one a key created without a constraint name gets. */
static bool implicit_index_named_apart(const Table *t, const ForeignKey *fk)
{
	for (int i = 0; i < t->indexes.n; i++) {
		const Index *ix = t->indexes.v[i];
		if (ix->implicit && index_serves_fk(ix, fk))
			return !ident_eq(DIALECT_MYSQL, ix->name, fk->name);
	}
	return false;
}

static void diff_fks(Ctx *x, const Table *from, const Table *to, const char *from_name,
		     AlterClauseList *fk_drops, AlterClauseList *fk_adds)
{
	/* A foreign key added without a name is named TABLE_ibfk_N by the server, N one above the
	 * highest such number among the table's foreign keys, and its index then takes the name
	 * of its first column, as when the table is created with it. Adding one that the
	 * normaliser named so with that very name would instead name a new index after the
	 * constraint: such a key is added without its name when the server will pick the same. */
	bool *kept_f = arena_alloc(x->a, sizeof *kept_f * (size_t)(from->fks.n + 1));
	int high = 0;
	for (int i = 0; i < from->fks.n; i++) {
		const ForeignKey *f = from->fks.v[i];
		for (int j = 0; j < to->fks.n && !kept_f[i]; j++)
			if (ident_eq(DIALECT_MYSQL, f->name, to->fks.v[j]->name))
				kept_f[i] = fk_equal(x, f, to->fks.v[j], to->name) && !fk_retyped(x, to->fks.v[j], to->name);
	}
	for (int i = 0; i < from->fks.n; i++) {
		bool goes = false;
		if (!kept_f[i]) {
			bool in_to = false;
			for (int j = 0; j < to->fks.n && !in_to; j++)
				in_to = ident_eq(DIALECT_MYSQL, from->fks.v[i]->name, to->fks.v[j]->name);
			/* changed keys are dropped; keys that go away only with --allow-drop */
			goes = in_to || x->opt->allow_drop;
		}
		if (!goes && ibfk_number(to->name, from->fks.v[i]->name) > high)
			high = ibfk_number(to->name, from->fks.v[i]->name);
	}
	for (int j = 0; j < to->fks.n; j++) {
		const ForeignKey *t = to->fks.v[j];
		const ForeignKey *f = NULL;
		int num = ibfk_number(to->name, t->name);
		for (int i = 0; i < from->fks.n && !f; i++)
			if (ident_eq(DIALECT_MYSQL, from->fks.v[i]->name, t->name))
				f = from->fks.v[i];
		if (f && fk_equal(x, f, t, to->name) && !fk_retyped(x, t, to->name))
			continue;
		if (f)
			clause_add(x, fk_drops, CLAUSE_DROP_FOREIGN_KEY, f->name, NULL, drop_fk_sql(x, f), false);
		if (num && num == high + 1 && str_eq(from->name, to->name) && implicit_index_named_apart(to, t)) {
			ForeignKey *unnamed = ForeignKey_copy(x->a, t);
			unnamed->name = NULL;
			clause_add(x, fk_adds, CLAUSE_ADD_FOREIGN_KEY, t->name, NULL, add_fk_sql(x, unnamed), false);
		} else {
			clause_add(x, fk_adds, CLAUSE_ADD_FOREIGN_KEY, t->name, NULL, add_fk_sql(x, t), false);
		}
		if (num > high)
			high = num;
	}
	for (int i = 0; i < from->fks.n; i++) {
		const ForeignKey *f = from->fks.v[i];
		bool kept = false;
		for (int j = 0; j < to->fks.n && !kept; j++)
			kept = ident_eq(DIALECT_MYSQL, f->name, to->fks.v[j]->name);
		if (!kept)
			clause_add(x, fk_drops, CLAUSE_DROP_FOREIGN_KEY, f->name, NULL, drop_fk_sql(x, f), true);
	}
	(void)from_name;
}

/* ---- tables: checks ---- */

static const char *drop_check_sql(Ctx *x, const Check *ck)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	sb_adds(&sb, x->si->flavor == FLAVOR_MYSQL ? "DROP CHECK " : "DROP CONSTRAINT ");
	sb_add_mysql_ident(&sb, ck->name);
	return sb_take(x, &sb);
}

static void diff_checks(Ctx *x, const Table *from, const Table *to, AlterClauseList *drops, AlterClauseList *adds)
{
	for (int j = 0; j < to->checks.n; j++) {
		const Check *t = to->checks.v[j];
		const Check *f = NULL;
		StrBuf sb = SB_INIT;
		EqCtx eq;
		/* Column-level checks travel with their column (ADD/MODIFY COLUMN). */
		if (t->column)
			continue;
		for (int i = 0; i < from->checks.n && !f; i++)
			if (!from->checks.v[i]->column && ident_eq(DIALECT_MYSQL, from->checks.v[i]->name, t->name))
				f = from->checks.v[i];
		eqctx_init(&eq, DIALECT_MYSQL);
		/* a check cannot be renamed: one whose name changes only in case is added again */
		if (f && Check_equal(f, t, &eq) && str_eq(f->name, t->name))
			continue;
		if (f)
			clause_add(x, drops, CLAUSE_DROP_CHECK, f->name, NULL, drop_check_sql(x, f), false);
		sb_init(&sb);
		sb_adds(&sb, "ADD ");
		sb_adds(&sb, print_check(x, t));
		clause_add(x, adds, CLAUSE_ADD_CHECK, t->name, NULL, sb_take(x, &sb), false);
	}
	for (int i = 0; i < from->checks.n; i++) {
		const Check *f = from->checks.v[i];
		bool kept = false;
		if (f->column)
			continue;
		for (int j = 0; j < to->checks.n && !kept; j++)
			kept = !to->checks.v[j]->column && ident_eq(DIALECT_MYSQL, f->name, to->checks.v[j]->name);
		if (!kept)
			clause_add(x, drops, CLAUSE_DROP_CHECK, f->name, NULL, drop_check_sql(x, f), true);
	}
}

/* ---- tables: options ---- */

static const char *option_name(Ctx *x, const char *opt)
{
	const char *eq = strchr(opt, '=');
	return eq ? arena_strndup(x->a, opt, (size_t)(eq - opt)) : opt;
}

/* The value that sets an option back to its default when the desired table leaves it out. */
static const char *option_reset(const char *name)
{
	static const char *const zero[] = {"CHECKSUM", "DELAY_KEY_WRITE", "MAX_ROWS", "MIN_ROWS",
					   "AVG_ROW_LENGTH", "PAGE_COMPRESSED", NULL};
	for (int i = 0; zero[i]; i++)
		if (str_ieq(name, zero[i]))
			return "0";
	return "DEFAULT";
}

static void diff_options(Ctx *x, const Table *from, const Table *to, AlterClauseList *cl)
{
	StrBuf sb = SB_INIT;
	sb_init(&sb);
	if (to->engine && !str_ieq(from->engine, to->engine)) {
		sb_addf(&sb, "ENGINE=%s", to->engine);
		clause_add(x, cl, CLAUSE_TABLE_OPTION, "ENGINE", NULL, sb_take(x, &sb), false);
	}
	if (!str_ieq(from->row_format, to->row_format)) {
		sb_addf(&sb, "ROW_FORMAT=%s", to->row_format ? to->row_format : "DEFAULT");
		clause_add(x, cl, CLAUSE_TABLE_OPTION, "ROW_FORMAT", NULL, sb_take(x, &sb), false);
	}
	if (!str_eq(from->comment ? from->comment : "", to->comment ? to->comment : "")) {
		sb_adds(&sb, "COMMENT=");
		sb_add_mysql_string(&sb, to->comment ? to->comment : "");
		clause_add(x, cl, CLAUSE_TABLE_OPTION, "COMMENT", NULL, sb_take(x, &sb), false);
	}
	if (from->system_versioning != to->system_versioning)
		/* dropping it drops the history rows */
		clause_add(x, cl, CLAUSE_TABLE_OPTION, "SYSTEM VERSIONING", NULL,
			   to->system_versioning ? "ADD SYSTEM VERSIONING" : "DROP SYSTEM VERSIONING", !to->system_versioning);
	if (from->key_block_size != to->key_block_size) {
		sb_addf(&sb, "KEY_BLOCK_SIZE=%d", to->key_block_size);
		clause_add(x, cl, CLAUSE_TABLE_OPTION, "KEY_BLOCK_SIZE", NULL, sb_take(x, &sb), false);
	}
	for (int i = 0; i < to->options.n; i++) {
		const char *o = to->options.v[i];
		if (str_ihas_prefix(o, "AUTO_INCREMENT=") || strlist_has(&from->options, o, false))
			continue;
		clause_add(x, cl, CLAUSE_TABLE_OPTION, option_name(x, o), NULL, o, false);
	}
	for (int i = 0; i < from->options.n; i++) {
		const char *name = option_name(x, from->options.v[i]);
		bool kept = false;
		if (str_ieq(name, "AUTO_INCREMENT"))
			continue;
		for (int j = 0; j < to->options.n && !kept; j++)
			kept = str_ieq(option_name(x, to->options.v[j]), name);
		if (kept)
			continue;
		sb_addf(&sb, "%s=%s", name, option_reset(name));
		clause_add(x, cl, CLAUSE_TABLE_OPTION, name, NULL, sb_take(x, &sb), false);
	}
	sb_release(&sb);
}

/* ---- tables: partitions ---- */

static bool partitioning_same_scheme(const Partitioning *a, const Partitioning *b)
{
	Partitioning qa = *a, qb = *b;
	EqCtx eq;
	qa.parts.n = qb.parts.n = 0;
	qa.count = qb.count = 0;
	eqctx_init(&eq, DIALECT_MYSQL);
	return Partitioning_equal(&qa, &qb, &eq);
}

/* Upper bound of a RANGE partition with a plain integer bound ("LESS THAN (2022)"), or
 * MAXVALUE as LLONG_MAX; false when the bound is an expression. */
static bool range_bound(const PartitionDef *p, long long *out)
{
	const char *v = p->values, *q;
	char *end;
	if (!v || strncmp(v, "LESS THAN ", 10))
		return false;
	v += 10;
	if (!strcmp(v, "MAXVALUE") || !strcmp(v, "(MAXVALUE)")) {
		*out = LLONG_MAX;
		return true;
	}
	if (*v != '(')
		return false;
	*out = strtoll(v + 1, &end, 10);
	q = end;
	return end != v + 1 && q[0] == ')' && q[1] == '\0';
}

/* RANGE partitions from index pre on, replaced by others covering the same whole range: one
 * REORGANIZE per stretch whose old and new partitions end at the same bound (rows move to the
 * new partitions, none is lost). False, with nothing added, when the bounds are not plain
 * integers or the stretches do not line up. */
static bool reorganize_range_runs(Ctx *x, const Partitioning *f, const Partitioning *t, int pre,
				  AlterClauseList *cl)
{
	AlterClauseList out = {0};
	int i = pre, j = pre, nf = f->parts.n, nt = t->parts.n;
	while (i < nf && j < nt) {
		int i0 = i, j0 = j;
		long long bf, bt;
		EqCtx eq;
		StrBuf sb = SB_INIT;
		for (;;) {
			if (!range_bound(f->parts.v[i], &bf) || !range_bound(t->parts.v[j], &bt))
				return false;
			if (bf == bt)
				break;
			if (bf < bt) {
				if (++i >= nf)
					return false;
			} else if (++j >= nt) {
				return false;
			}
		}
		eqctx_init(&eq, DIALECT_MYSQL);
		if (i == i0 && j == j0 && PartitionDef_equal(f->parts.v[i], t->parts.v[j], &eq)) {
			i++;
			j++;
			continue;
		}
		sb_init(&sb);
		sb_adds(&sb, "REORGANIZE PARTITION ");
		for (int k = i0; k <= i; k++) {
			if (k > i0)
				sb_adds(&sb, ", ");
			sb_add_mysql_ident(&sb, f->parts.v[k]->name);
		}
		sb_addf(&sb, " INTO %s", print_partition_defs(x, t, t->parts.v + j0, j - j0 + 1));
		clause_add(x, &out, CLAUSE_REORGANIZE_PARTITION, f->parts.v[i0]->name, NULL, sb_take(x, &sb), false);
		i++;
		j++;
	}
	if (i < nf || j < nt || !out.n)
		return false;
	for (int k = 0; k < out.n; k++)
		LIST_PUSH(x->a, cl, out.v[k]);
	return true;
}

static void diff_partitions(Ctx *x, const Table *from, const Table *to, AlterClauseList *cl)
{
	const Partitioning *f = from->partitioning, *t = to->partitioning;
	StrBuf sb = SB_INIT;
	EqCtx eq;
	int pre = 0, suf = 0, nf, nt;

	eqctx_init(&eq, DIALECT_MYSQL);
	if (!f && !t)
		return;
	if (f && t && Partitioning_equal(f, t, &eq))
		return;
	sb_init(&sb);
	if (!t) {
		clause_add(x, cl, CLAUSE_REMOVE_PARTITIONING, NULL, NULL, "REMOVE PARTITIONING", false);
		return;
	}
	if (!f || !partitioning_same_scheme(f, t) || f->parts.n == 0 || t->parts.n == 0 ||
	    (t->method != PART_RANGE && t->method != PART_LIST)) {
		/* HASH/KEY with only a different count: ADD or COALESCE. */
		if (f && partitioning_same_scheme(f, t) && !f->parts.n && !t->parts.n &&
		    (t->method == PART_HASH || t->method == PART_KEY) && f->count && t->count) {
			if (t->count > f->count) {
				sb_addf(&sb, "ADD PARTITION PARTITIONS %d", t->count - f->count);
				clause_add(x, cl, CLAUSE_ADD_PARTITION, NULL, NULL, sb_take(x, &sb), false);
			} else {
				sb_addf(&sb, "COALESCE PARTITION %d", f->count - t->count);
				clause_add(x, cl, CLAUSE_COALESCE_PARTITION, NULL, NULL, sb_take(x, &sb), false);
			}
			return;
		}
		clause_add(x, cl, CLAUSE_PARTITION_BY, NULL, NULL, print_partitioning(x, t), false);
		return;
	}
	nf = f->parts.n;
	nt = t->parts.n;
	while (pre < nf && pre < nt && PartitionDef_equal(f->parts.v[pre], t->parts.v[pre], &eq))
		pre++;
	while (suf < nf - pre && suf < nt - pre &&
	       PartitionDef_equal(f->parts.v[nf - 1 - suf], t->parts.v[nt - 1 - suf], &eq))
		suf++;
	if (pre + suf == nf && (t->method == PART_LIST || suf == 0)) {
		/* Only new partitions (RANGE: at the end). */
		sb_addf(&sb, "ADD PARTITION %s", print_partition_defs(x, t, t->parts.v + pre, nt - pre - suf));
		clause_add(x, cl, CLAUSE_ADD_PARTITION, t->parts.v[pre]->name, NULL, sb_take(x, &sb), false);
		return;
	}
	if (pre + suf == nt) {
		sb_adds(&sb, "DROP PARTITION ");
		for (int i = pre; i < nf - suf; i++) {
			if (i > pre)
				sb_adds(&sb, ", ");
			sb_add_mysql_ident(&sb, f->parts.v[i]->name);
		}
		clause_add(x, cl, CLAUSE_DROP_PARTITION, f->parts.v[pre]->name, NULL, sb_take(x, &sb), true);
		return;
	}
	if (t->method == PART_RANGE && !t->columns && reorganize_range_runs(x, f, t, pre, cl))
		return;
	/* A run of partitions replaced: REORGANIZE when the covered range stays the same (the
	 * last replaced bound equals the last new one, or LIST), else a new PARTITION BY. */
	if (t->method == PART_LIST ||
	    str_eq(f->parts.v[nf - 1 - suf]->values, t->parts.v[nt - 1 - suf]->values)) {
		sb_adds(&sb, "REORGANIZE PARTITION ");
		for (int i = pre; i < nf - suf; i++) {
			if (i > pre)
				sb_adds(&sb, ", ");
			sb_add_mysql_ident(&sb, f->parts.v[i]->name);
		}
		sb_addf(&sb, " INTO %s", print_partition_defs(x, t, t->parts.v + pre, nt - pre - suf));
		clause_add(x, cl, CLAUSE_REORGANIZE_PARTITION, f->parts.v[pre]->name, NULL, sb_take(x, &sb), false);
		return;
	}
	clause_add(x, cl, CLAUSE_PARTITION_BY, NULL, NULL, print_partitioning(x, t), false);
}

/* ---- tables ---- */

static void append_all(Ctx *x, AlterClauseList *dst, const AlterClauseList *src)
{
	for (int i = 0; i < src->n; i++)
		LIST_PUSH(x->a, dst, src->v[i]);
}

static bool has_kind(const AlterClauseList *l, ClauseKind k)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i]->kind == k)
			return true;
	return false;
}

/* The ALTERs of one table that exists on both sides. Returns whether anything changed. */
static bool diff_table(Ctx *x, const Table *from, const Table *to)
{
	ColumnPlan cp = {0};
	AlterClauseList col_drops = {0}, cols = {0}, idx_drops_main = {0}, idx_adds_main = {0};
	AlterClauseList idx_drops_split = {0}, idx_adds_split = {0}, ck_drops = {0}, ck_adds = {0};
	AlterClauseList opts = {0}, cs = {0}, fk_drops = {0}, fk_adds = {0}, parts = {0};
	AlterClauseList main = {0}, second = {0};
	bool split;

	/* Charset first: it decides whether column charset changes are covered by CONVERT. The
	 * column plan it needs is computed by diff_columns, so charset is decided on a first pass. */
	{
		ColumnPlan probe = {0};
		AlterClauseList scratch = {0}, scratch2 = {0};
		int saved = x->col_renames.n;
		diff_columns(x, from, to, &probe, &scratch, &scratch2);
		x->col_renames.n = saved;
		diff_table_charset(x, from, to, &probe, &cs);
		cp.convert = probe.convert;
	}
	diff_columns(x, from, to, &cp, &cols, &col_drops);
	split = has_kind(&cols, CLAUSE_ADD_COLUMN);
	diff_indexes(x, from, to, &cp, &idx_drops_main, &idx_adds_main, &idx_drops_split, &idx_adds_split, split);
	diff_checks(x, from, to, &ck_drops, &ck_adds);
	diff_options(x, from, to, &opts);
	diff_fks(x, from, to, from->name, &fk_drops, &fk_adds);
	diff_partitions(x, from, to, &parts);

	/* An ALTER made only of index changes needs no second statement. */
	if (!cols.n && !col_drops.n) {
		append_all(x, &idx_drops_main, &idx_drops_split);
		append_all(x, &idx_adds_main, &idx_adds_split);
		idx_drops_split.n = idx_adds_split.n = 0;
	}
	append_all(x, &main, &idx_drops_main);
	append_all(x, &main, &ck_drops);
	append_all(x, &main, &col_drops);
	append_all(x, &main, &cols);
	append_all(x, &main, &idx_adds_main);
	append_all(x, &main, &ck_adds);
	append_all(x, &main, &cs);
	append_all(x, &main, &opts);
	append_all(x, &second, &idx_drops_split);
	append_all(x, &second, &idx_adds_split);

	if (fk_drops.n)
		emit_alter(x, PH_DROP_FK, to->name, &fk_drops);
	if (main.n)
		emit_alter(x, PH_ALTER_TABLE, to->name, &main);
	if (second.n)
		emit_alter(x, PH_ALTER_TABLE, to->name, &second);
	for (int i = 0; i < parts.n; i++) {
		AlterClauseList one = {0};
		LIST_PUSH(x->a, &one, parts.v[i]);
		emit_alter(x, PH_ALTER_TABLE, to->name, &one);
	}
	if (fk_adds.n)
		emit_alter(x, PH_ADD_FK, to->name, &fk_adds);
	return main.n || second.n || parts.n || fk_drops.n || fk_adds.n;
}

static const TablePair *pair_of(const Ctx *x, const char *name)
{
	for (int i = 0; i < x->pairs.n; i++)
		if (str_eq(x->pairs.v[i]->to->name, name))
			return x->pairs.v[i];
	return NULL;
}

/* New tables in foreign-key order. A foreign key goes into CREATE TABLE when what it points at
 * is the table itself, an unchanged existing table or a new table created before it; the rest
 * are added by ALTER once every table exists. */
static void create_tables(Ctx *x)
{
	int n = 0;
	const Table **todo;
	bool *done;
	StrList created = {0};

	for (int i = 0; i < x->pairs.n; i++)
		if (!x->pairs.v[i]->from)
			n++;
	todo = arena_alloc(x->a, sizeof(*todo) * (size_t)(n + 1));
	done = arena_alloc(x->a, sizeof(bool) * (size_t)(n + 1));
	n = 0;
	for (int i = 0; i < x->pairs.n; i++)
		if (!x->pairs.v[i]->from)
			todo[n++] = x->pairs.v[i]->to;

	for (int left = n; left > 0;) {
		int pick = -1;
		/* The first table whose new referenced tables all exist; on a cycle, the first left. */
		for (int i = 0; i < n && pick < 0; i++) {
			bool ready = true;
			if (done[i])
				continue;
			for (int k = 0; k < todo[i]->fks.n && ready; k++) {
				const char *rt = todo[i]->fks.v[k]->ref_table;
				const TablePair *p = pair_of(x, rt);
				if (str_eq(rt, todo[i]->name) || !p || p->from || strlist_has(&created, rt, false))
					continue;
				ready = false;
			}
			if (ready)
				pick = i;
		}
		for (int i = 0; i < n && pick < 0; i++)
			if (!done[i])
				pick = i;
		{
			const Table *t = todo[pick];
			Table *c = Table_copy(x->a, t);
			AlterClauseList later = {0};
			StrBuf sb = SB_INIT;
			c->fks.n = 0;
			for (int k = 0; k < t->fks.n; k++) {
				const ForeignKey *fk = t->fks.v[k];
				const TablePair *p = pair_of(x, fk->ref_table);
				bool inline_ok = fk->ref_schema == NULL &&
					(str_eq(fk->ref_table, t->name) || strlist_has(&created, fk->ref_table, false) ||
					 (p && p->from && !p->changed) ||
					 (!p && !schema_find_table(x->to, NULL, fk->ref_table)));
				if (inline_ok)
					LIST_PUSH(x->a, &c->fks, t->fks.v[k]);
				else
					clause_add(x, &later, CLAUSE_ADD_FOREIGN_KEY, fk->name, NULL, add_fk_sql(x, fk), false);
			}
			sb_init(&sb);
			mysql_print_table(&sb, c, x->si);
			change_add(x, PH_CREATE_TABLE, CHANGE_CREATE_TABLE, t->name, t->name, sb_take(x, &sb), false);
			if (later.n)
				emit_alter(x, PH_ADD_FK, t->name, &later);
			LIST_PUSH(x->a, &created, t->name);
			done[pick] = true;
			left--;
		}
	}
}

/* Tables that go away, those referencing others first; foreign keys inside a cycle of dropped
 * tables are dropped before the tables. */
static void drop_tables(Ctx *x, const Table **gone, int n)
{
	bool *done = arena_alloc(x->a, sizeof(bool) * (size_t)(n + 1));
	for (int left = n; left > 0;) {
		int pick = -1;
		bool cycle = false;
		for (int i = 0; i < n && pick < 0; i++) {
			bool referenced = false;
			if (done[i])
				continue;
			for (int k = 0; k < n && !referenced; k++) {
				if (done[k] || k == i)
					continue;
				for (int f = 0; f < gone[k]->fks.n; f++)
					if (str_eq(gone[k]->fks.v[f]->ref_table, gone[i]->name))
						referenced = true;
			}
			if (!referenced)
				pick = i;
		}
		if (pick < 0) {
			for (int i = 0; i < n && pick < 0; i++)
				if (!done[i])
					pick = i;
			cycle = true;
		}
		if (cycle) {
			/* Drop the foreign keys that point at the picked table from the others left. */
			for (int k = 0; k < n; k++) {
				AlterClauseList l = {0};
				if (done[k] || k == pick)
					continue;
				for (int f = 0; f < gone[k]->fks.n; f++)
					if (str_eq(gone[k]->fks.v[f]->ref_table, gone[pick]->name))
						clause_add(x, &l, CLAUSE_DROP_FOREIGN_KEY, gone[k]->fks.v[f]->name, NULL,
							   drop_fk_sql(x, gone[k]->fks.v[f]), true);
				if (l.n)
					emit_alter(x, PH_DROP_FK, gone[k]->name, &l);
			}
		}
		{
			StrBuf sb = SB_INIT;
			sb_init(&sb);
			sb_adds(&sb, "DROP TABLE ");
			sb_add_mysql_ident(&sb, gone[pick]->name);
			change_add(x, PH_DROP_TABLE, CHANGE_DROP_TABLE, gone[pick]->name, gone[pick]->name,
				   sb_take(x, &sb), true);
		}
		done[pick] = true;
		left--;
	}
}

/* Whether a column, index or check of to has the name of one of from in another case: the
 * model compares such names as equal (MySQL does), but the server shows the case it was given,
 * so the differ renames them. */
static bool names_change_case(const Table *from, const Table *to)
{
	for (int j = 0; j < to->columns.n; j++) {
		const Column *f = table_find_column(from, DIALECT_MYSQL, to->columns.v[j]->name);
		if (f && !str_eq(f->name, to->columns.v[j]->name))
			return true;
	}
	for (int j = 0; j < to->indexes.n; j++) {
		const Index *f = table_find_index(from, DIALECT_MYSQL, to->indexes.v[j]->name);
		if (f && f->kind != INDEX_PRIMARY && !str_eq(f->name, to->indexes.v[j]->name))
			return true;
	}
	for (int j = 0; j < to->checks.n; j++)
		for (int i = 0; i < from->checks.n; i++)
			if (ident_eq(DIALECT_MYSQL, from->checks.v[i]->name, to->checks.v[j]->name) &&
			    !str_eq(from->checks.v[i]->name, to->checks.v[j]->name))
				return true;
	return false;
}

static void diff_tables(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	bool *fused = arena_alloc(x->a, sizeof(bool) * (size_t)(F->tables.n + 1));
	const Table **gone;
	int ngone = 0;

	for (int j = 0; j < T->tables.n; j++) {
		const Table *t = T->tables.v[j];
		TablePair *p = ARENA_NEW(x->a, TablePair);
		p->to = t;
		for (int i = 0; i < F->tables.n && !p->from; i++)
			if (!fused[i] && str_eq(F->tables.v[i]->name, t->name)) {
				p->from = F->tables.v[i];
				fused[i] = true;
			}
		if (!p->from && t->renamed_from && !schema_find_table(T, NULL, t->renamed_from)) {
			for (int i = 0; i < F->tables.n && !p->from; i++)
				if (!fused[i] && str_eq(F->tables.v[i]->name, t->renamed_from)) {
					StrBuf sb = SB_INIT;
					p->from = F->tables.v[i];
					fused[i] = true;
					LIST_PUSH(x->a, &x->table_renames, p->from->name);
					LIST_PUSH(x->a, &x->table_renames, t->name);
					sb_init(&sb);
					sb_adds(&sb, "RENAME TABLE ");
					sb_add_mysql_ident(&sb, p->from->name);
					sb_adds(&sb, " TO ");
					sb_add_mysql_ident(&sb, t->name);
					change_add(x, PH_RENAME_TABLE, CHANGE_RENAME_TABLE, t->name, p->from->name,
						   sb_take(x, &sb), false);
				}
		}
		LIST_PUSH(x->a, &x->pairs, p);
	}
	/* Column renames of every table first, so foreign keys of one table can see the renames of
	 * the table they point at. */
	for (int j = 0; j < x->pairs.n; j++) {
		TablePair *p = x->pairs.v[j];
		bool any = false;
		for (int k = 0; p->from && k < p->to->columns.n && !any; k++)
			any = p->to->columns.v[k]->renamed_from != NULL;
		if (any) {
			ColumnPlan probe = {0};
			AlterClauseList s1 = {0}, s2 = {0};
			diff_columns(x, p->from, p->to, &probe, &s1, &s2);
		}
	}
	/* Columns whose type changes, for the foreign keys that must step aside. */
	for (int j = 0; j < x->pairs.n; j++) {
		TablePair *p = x->pairs.v[j];
		EqCtx eq;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (!p->from || Table_equal(p->from, p->to, &eq))
			continue;
		for (int k = 0; k < p->to->columns.n; k++) {
			const Column *t = p->to->columns.v[k];
			const Column *f = table_find_column(p->from, DIALECT_MYSQL, t->name);
			const Column *kf, *kt;
			if (!f && t->renamed_from)
				f = table_find_column(p->from, DIALECT_MYSQL, t->renamed_from);
			if (!f)
				continue;
			kf = column_comparable(x, p->from, f, t->name, NULL, NULL);
			kt = column_comparable(x, p->to, t, t->name, NULL, NULL);
			if (!str_ieq(kf->type, kt->type) || kf->length != kt->length || kf->scale != kt->scale ||
			    kf->is_unsigned != kt->is_unsigned || !str_ieq(kf->charset, kt->charset) ||
			    !str_ieq(kf->collation, kt->collation)) {
				ColRename *r = ARENA_NEW(x->a, ColRename);
				r->table = p->to->name;
				r->from = t->name;
				LIST_PUSH(x->a, &x->retyped, r);
			}
		}
	}
	for (int j = 0; j < x->pairs.n; j++) {
		TablePair *p = x->pairs.v[j];
		EqCtx eq;
		bool fk_moves = false;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (!p->from) {
			p->changed = true;
			continue;
		}
		for (int k = 0; k < p->to->fks.n && !fk_moves; k++)
			fk_moves = fk_retyped(x, p->to->fks.v[k], p->to->name);
		if (str_eq(p->from->name, p->to->name) && !fk_moves && Table_equal(p->from, p->to, &eq) &&
		    !names_change_case(p->from, p->to))
			continue;
		{
			/* diff_columns records renames again; keep the list from the pass above. */
			int saved = x->col_renames.n;
			p->changed = diff_table(x, p->from, p->to);
			x->col_renames.n = saved;
		}
	}
	create_tables(x);
	gone = arena_alloc(x->a, sizeof(*gone) * (size_t)(F->tables.n + 1));
	for (int i = 0; i < F->tables.n; i++)
		if (!fused[i])
			gone[ngone++] = F->tables.v[i];
	drop_tables(x, gone, ngone);
}

/* ---- views ---- */

/* Whether text mentions name as an identifier (quoted, or as a whole word). */
static bool text_mentions(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!text || !n)
		return false;
	for (const char *p = text; (p = strstr(p, name)); p++) {
		char before = p == text ? ' ' : p[-1], after = p[n];
		bool wb = !(isalnum((unsigned char)before) || before == '_' || before == '$');
		bool wa = !(isalnum((unsigned char)after) || after == '_' || after == '$');
		if (before == '`' && after == '`')
			return true;
		if (wb && wa && before != '\'' && before != '"')
			return true;
	}
	return false;
}

static void diff_views(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	int nt = T->views.n, nf = F->views.n;
	bool *done = arena_alloc(x->a, sizeof(bool) * (size_t)(nt + 1));
	bool *need = arena_alloc(x->a, sizeof(bool) * (size_t)(nt + 1));
	bool *gone = arena_alloc(x->a, sizeof(bool) * (size_t)(nf + 1));
	int left = 0, ngone = 0;

	for (int j = 0; j < nt; j++) {
		const View *t = T->views.v[j];
		const View *f = schema_find_view(F, NULL, t->name);
		EqCtx eq;
		eqctx_init(&eq, DIALECT_MYSQL);
		need[j] = !f || !View_equal(f, t, &eq);
		if (need[j])
			left++;
	}
	/* Views that are needed, each after the needed views it reads. */
	while (left > 0) {
		int pick = -1;
		for (int j = 0; j < nt && pick < 0; j++) {
			bool ready = true;
			if (!need[j] || done[j])
				continue;
			for (int k = 0; k < nt && ready; k++)
				if (k != j && need[k] && !done[k] && text_mentions(T->views.v[j]->definition, T->views.v[k]->name))
					ready = false;
			if (ready)
				pick = j;
		}
		for (int j = 0; j < nt && pick < 0; j++)
			if (need[j] && !done[j])
				pick = j;
		{
			const View *t = T->views.v[pick];
			bool exists = schema_find_view(F, NULL, t->name) != NULL;
			StrBuf sb = SB_INIT;
			const char *sql;
			sb_init(&sb);
			mysql_print_view(&sb, t, x->si);
			sql = sb_take(x, &sb);
			if (exists && str_ihas_prefix(sql, "CREATE ") && !str_ihas_prefix(sql, "CREATE OR REPLACE"))
				sql = arena_printf(x->a, "CREATE OR REPLACE %s", sql + 7);
			change_add(x, PH_VIEW, exists ? CHANGE_REPLACE_VIEW : CHANGE_CREATE_VIEW, NULL, t->name, sql, false);
		}
		done[pick] = true;
		left--;
	}
	/* Views that go away, those reading others first. */
	for (int i = 0; i < nf; i++)
		if (!schema_find_view(T, NULL, F->views.v[i]->name)) {
			gone[i] = true;
			ngone++;
		}
	while (ngone > 0) {
		int pick = -1;
		for (int i = 0; i < nf && pick < 0; i++) {
			bool read = false;
			if (!gone[i])
				continue;
			for (int k = 0; k < nf && !read; k++)
				if (k != i && gone[k] && text_mentions(F->views.v[k]->definition, F->views.v[i]->name))
					read = true;
			if (!read)
				pick = i;
		}
		for (int i = 0; i < nf && pick < 0; i++)
			if (gone[i])
				pick = i;
		change_add(x, PH_DROP_VIEW, CHANGE_DROP_VIEW, NULL, F->views.v[pick]->name,
			   arena_printf(x->a, "DROP VIEW %s", ident(x, F->views.v[pick]->name)), true);
		gone[pick] = false;
		ngone--;
	}
}

/* ---- triggers and routines ---- */

static void diff_triggers(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	for (int i = 0; i < F->triggers.n; i++) {
		const Trigger *f = F->triggers.v[i], *t = NULL;
		EqCtx eq;
		for (int j = 0; j < T->triggers.n && !t; j++)
			if (ident_eq(DIALECT_MYSQL, T->triggers.v[j]->name, f->name))
				t = T->triggers.v[j];
		eqctx_init(&eq, DIALECT_MYSQL);
		if (t && Trigger_equal(f, t, &eq))
			continue;
		change_add(x, PH_DROP_TRIGGER, CHANGE_DROP_TRIGGER, f->table, f->name,
			   arena_printf(x->a, "DROP TRIGGER %s", ident(x, f->name)), t == NULL);
	}
	for (int j = 0; j < T->triggers.n; j++) {
		const Trigger *t = T->triggers.v[j], *f = NULL;
		EqCtx eq;
		StrBuf sb = SB_INIT;
		for (int i = 0; i < F->triggers.n && !f; i++)
			if (ident_eq(DIALECT_MYSQL, F->triggers.v[i]->name, t->name))
				f = F->triggers.v[i];
		eqctx_init(&eq, DIALECT_MYSQL);
		if (f && Trigger_equal(f, t, &eq))
			continue;
		sb_init(&sb);
		mysql_print_trigger(&sb, t, x->si);
		change_add(x, PH_CREATE_TRIGGER, CHANGE_CREATE_TRIGGER, t->table, t->name, sb_take(x, &sb), false);
	}
}

static const Routine *find_routine(const Schema *s, const Routine *r)
{
	for (int i = 0; i < s->routines.n; i++)
		if (s->routines.v[i]->kind == r->kind && ident_eq(DIALECT_MYSQL, s->routines.v[i]->name, r->name))
			return s->routines.v[i];
	return NULL;
}

static void diff_routines(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	for (int i = 0; i < F->routines.n; i++) {
		const Routine *f = F->routines.v[i], *t = find_routine(T, f);
		EqCtx eq;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (t && Routine_equal(f, t, &eq))
			continue;
		change_add(x, PH_DROP_ROUTINE, CHANGE_DROP_ROUTINE, NULL, f->name,
			   arena_printf(x->a, "DROP %s %s", RoutineKind_name(f->kind), ident(x, f->name)), t == NULL);
	}
	for (int j = 0; j < T->routines.n; j++) {
		const Routine *t = T->routines.v[j], *f = find_routine(F, t);
		EqCtx eq;
		StrBuf sb = SB_INIT;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (f && Routine_equal(f, t, &eq))
			continue;
		sb_init(&sb);
		mysql_print_routine(&sb, t, x->si);
		change_add(x, PH_CREATE_ROUTINE, CHANGE_CREATE_ROUTINE, NULL, t->name, sb_take(x, &sb), false);
	}
}

/* ---- sequences (MariaDB) ---- */

static const Sequence *find_sequence(const Schema *s, const char *name)
{
	for (int i = 0; i < s->sequences.n; i++)
		if (str_eq(s->sequences.v[i]->name, name))
			return s->sequences.v[i];
	return NULL;
}

/* New sequences are created, gone ones dropped (destructive: the counter goes); a changed one
 * is altered in place, keeping its current value (a new ENGINE needs a drop and create). */
static void diff_sequences(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	for (int i = 0; i < F->sequences.n; i++) {
		const Sequence *f = F->sequences.v[i], *t = find_sequence(T, f->name);
		if (t && str_ieq(f->engine, t->engine))
			continue;
		change_add(x, PH_DROP_SEQUENCE, CHANGE_DROP_SEQUENCE, NULL, f->name,
			   arena_printf(x->a, "DROP SEQUENCE %s", ident(x, f->name)), true);
	}
	for (int j = 0; j < T->sequences.n; j++) {
		const Sequence *t = T->sequences.v[j], *f = find_sequence(F, t->name);
		StrBuf sb = SB_INIT;
		EqCtx eq;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (f && Sequence_equal(f, t, &eq))
			continue;
		sb_init(&sb);
		if (f && str_ieq(f->engine, t->engine)) {
			sb_adds(&sb, "ALTER SEQUENCE ");
			sb_add_mysql_ident(&sb, t->name);
			sb_addc(&sb, ' ');
			mysql_print_sequence_options(&sb, t);
			if (!str_eq(f->comment ? f->comment : "", t->comment ? t->comment : "")) {
				sb_adds(&sb, " COMMENT=");
				sb_add_mysql_string(&sb, t->comment ? t->comment : "");
			}
			change_add(x, PH_SEQUENCE, CHANGE_ALTER_SEQUENCE, NULL, t->name, sb_take(x, &sb), false);
		} else {
			mysql_print_sequence(&sb, t, x->si);
			change_add(x, PH_SEQUENCE, CHANGE_CREATE_SEQUENCE, NULL, t->name, sb_take(x, &sb), false);
		}
	}
}

/* ---- events ---- */

/* Does current event f already do what desired event t says? A time the desired event gives as
 * an expression (or not at all: STARTS defaults to the creation time) is whatever the server
 * made of it, so only literal times are compared. */
static bool event_matches(Ctx *x, const Event *f, const Event *t)
{
	Event want = *t;
	EqCtx eq;
	if (!mysql_event_time_literal(t->starts))
		want.starts = f->starts;
	if (!mysql_event_time_literal(t->ends))
		want.ends = f->ends;
	if (t->schedule && f->schedule && !strncmp(t->schedule, "AT ", 3) && !strncmp(f->schedule, "AT ", 3) &&
	    !mysql_event_time_literal(t->schedule + 3))
		want.schedule = f->schedule;
	(void)x;
	eqctx_init(&eq, DIALECT_MYSQL);
	return Event_equal(f, &want, &eq);
}

static const Event *find_event(const Schema *s, const char *name)
{
	for (int i = 0; i < s->events.n; i++)
		if (ident_eq(DIALECT_MYSQL, s->events.v[i]->name, name))
			return s->events.v[i];
	return NULL;
}

/* A new event is created, a changed one altered in place (ALTER EVENT with every property, so
 * that nothing of the old definition survives), one that goes away dropped (destructive). */
static void diff_events(Ctx *x)
{
	const Schema *F = x->from, *T = x->to;
	for (int i = 0; i < F->events.n; i++) {
		const Event *f = F->events.v[i];
		if (!find_event(T, f->name))
			change_add(x, PH_DROP_EVENT, CHANGE_DROP_EVENT, NULL, f->name,
				   arena_printf(x->a, "DROP EVENT %s", ident(x, f->name)), true);
	}
	for (int j = 0; j < T->events.n; j++) {
		const Event *t = T->events.v[j], *f = find_event(F, t->name);
		StrBuf sb = SB_INIT;
		if (f && event_matches(x, f, t))
			continue;
		sb_init(&sb);
		mysql_print_event(&sb, t, x->si, f != NULL);
		change_add(x, PH_EVENT, f ? CHANGE_ALTER_EVENT : CHANGE_CREATE_EVENT, NULL, t->name,
			   sb_take(x, &sb), false);
	}
}

/* ---- entry ---- */

Plan *diff_schemas(Arena *a, const Schema *from, const Schema *to, const ServerInfo *si, const DiffOptions *opt)
{
	Ctx x;
	DiffOptions none = {0};
	Plan *p;

	if (to->dialect == DIALECT_POSTGRES)
		return pg_diff_schemas(a, from, to, si, opt);
	p = ARENA_NEW(a, Plan);
	memset(&x, 0, sizeof x);
	x.a = a;
	x.from = from;
	x.to = to;
	x.si = si;
	x.opt = opt ? opt : &none;
	diff_sequences(&x);
	diff_tables(&x);
	diff_views(&x);
	diff_triggers(&x);
	diff_routines(&x);
	diff_events(&x);
	for (int ph = 0; ph < PH_COUNT; ph++)
		for (int i = 0; i < x.ph[ph].n; i++) {
			Change *c = x.ph[ph].v[i];
			if (c->destructive && !x.opt->allow_drop)
				LIST_PUSH(a, &p->skipped, c);
			else
				LIST_PUSH(a, &p->changes, c);
		}
	return p;
}
