/*
 * plan_pg.c: the PostgreSQL half of the planner. It reads each statement of the plan (the
 * differ's text: CREATE/DROP INDEX, ALTER TABLE with its subcommands, ...) and turns it into
 * the recipes of online-ddl-facts.md §4.5: CREATE/DROP INDEX CONCURRENTLY outside a
 * transaction (cleanup drops an INVALID index), foreign keys and checks added NOT VALID then
 * validated, SET NOT NULL through a validated CHECK; rewrites and scans under ACCESS EXCLUSIVE
 * are flagged with the table's size. Statements are read as text so that the planner does not
 * depend on how the differ groups subcommands. Never touches a server.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "planner/planner_internal.h"

/* ---- a small reader over SQL text ---- */

static const char *skip_ws(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* If p starts with the keyword kw (case-insensitive, then a non-identifier character), return
 * the text after it and any spaces; else NULL. kw may hold single spaces between words. */
static const char *kw(const char *p, const char *k)
{
	p = skip_ws(p);
	while (*k) {
		if (*k == ' ') {
			if (!isspace((unsigned char)*p))
				return NULL;
			p = skip_ws(p);
			k++;
			continue;
		}
		if (toupper((unsigned char)*p) != toupper((unsigned char)*k))
			return NULL;
		p++;
		k++;
	}
	if (isalnum((unsigned char)*p) || *p == '_')
		return NULL;
	return skip_ws(p);
}

/* One identifier, "quoted" or bare, as written; *name gets its value (unquoted). */
static const char *ident(Arena *a, const char *p, const char **text, const char **name)
{
	const char *s = p = skip_ws(p);
	StrBuf sb;
	sb_init(&sb);
	if (*p == '"') {
		for (p++; *p; p++) {
			if (*p == '"') {
				if (p[1] == '"') {
					sb_addc(&sb, '"');
					p++;
					continue;
				}
				p++;
				break;
			}
			sb_addc(&sb, *p);
		}
	} else {
		while (isalnum((unsigned char)*p) || *p == '_' || *p == '$') {
			sb_addc(&sb, tolower((unsigned char)*p));
			p++;
		}
	}
	if (name)
		*name = sb_move_to_arena(&sb, a);
	else
		sb_release(&sb);
	if (text)
		*text = arena_strndup(a, s, (size_t)(p - s));
	return p;
}

typedef struct QName {
	const char *text;    /* as written: "s"."t" */
	const char *schema;  /* NULL when unqualified */
	const char *name;
} QName;

static const char *qname(Arena *a, const char *p, QName *q)
{
	const char *s = skip_ws(p), *t1, *n1;
	p = ident(a, s, &t1, &n1);
	q->schema = NULL;
	q->name = n1;
	if (*p == '.') {
		const char *n2;
		p = ident(a, p + 1, NULL, &n2);
		q->schema = n1;
		q->name = n2;
	}
	q->text = arena_strndup(a, s, (size_t)(p - s));
	return skip_ws(p);
}

/* Split at top-level commas (outside quotes and parentheses). */
static void split_commas(Arena *a, const char *p, StrList *out)
{
	int depth = 0;
	const char *start = p;
	for (; *p; p++) {
		if (*p == '\'' || *p == '"') {
			char q = *p;
			for (p++; *p && !(*p == q && p[1] != q); p++)
				if (*p == q)
					p++;
			if (!*p)
				break;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == ',' && depth == 0) {
			LIST_PUSH(a, out, arena_strndup(a, skip_ws(start), (size_t)(p - skip_ws(start))));
			start = p + 1;
		}
	}
	start = skip_ws(start);
	if (*start)
		LIST_PUSH(a, out, arena_strdup(a, start));
}

/* Whether the upper-cased text contains needle outside string literals (rough: good enough
 * for the differ's own canonical text). */
static bool has_word(const char *text, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = text; *p; p++) {
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				;
			if (!*p)
				return false;
			continue;
		}
		if (strncasecmp(p, needle, n) == 0 && (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			return true;
	}
	return false;
}

/* ---- context ---- */

typedef struct PCtx {
	PlanCtx *x;
	PlannedChange *pc;
	QName table;          /* the table the statement is about */
	const Table *from;    /* its current definition; NULL: new in this plan */
	const Table *to;
} PCtx;

static void find_table(PCtx *g, const QName *q)
{
	PlanCtx *x = g->x;
	g->table = *q;
	g->from = schema_find_table(x->cur, q->schema, q->name);
	g->to = schema_find_table(x->want, q->schema, q->name);
	if (!g->from && g->to && g->to->renamed_from)
		g->from = schema_find_table(x->cur, q->schema, g->to->renamed_from);
	if (g->from) {
		g->pc->rows = g->from->est_rows;
		g->pc->bytes = g->from->data_bytes;
	}
}

static PlanStep *step(PCtx *g, const char *sql, Strategy st, PgLock lock, bool in_txn)
{
	PlanStep *s = pc_step(g->x, g->pc, sql);
	s->strategy = st;
	s->lock.pg_lock = lock;
	s->in_transaction = in_txn;
	s->lock_schema = g->table.schema;
	s->lock_table = g->table.name;
	return s;
}

static const char *tsize(PCtx *g)
{
	return pc_table_size(g->x, g->pc);
}

static void blocking(PCtx *g, const char *what)
{
	pc_hazard(g->x, g->pc, HAZARD_BLOCKING_LOCK, "holds ACCESS EXCLUSIVE on %s while it %s: no reads or writes meanwhile",
		  tsize(g), what);
}

/* The name an index or constraint of this table lives under: "schema"."name". */
static const char *in_schema(PCtx *g, const char *name_text)
{
	if (!g->table.schema)
		return name_text;
	{
		StrBuf sb;
		sb_init(&sb);
		sb_add_pg_ident(&sb, g->table.schema);
		sb_addc(&sb, '.');
		sb_adds(&sb, name_text);
		return sb_move_to_arena(&sb, g->x->a);
	}
}

/* ---- CREATE INDEX / DROP INDEX ---- */

static void plan_create_index(PCtx *g, const char *sql)
{
	PlanCtx *x = g->x;
	const char *p = kw(sql, "CREATE"), *after_index, *name_text = NULL, *name = NULL, *q;
	bool unique = false, conc;
	QName t;
	PlanStep *s;
	StrBuf sb;

	if ((q = kw(p, "UNIQUE"))) {
		unique = true;
		p = q;
	}
	after_index = kw(p, "INDEX");
	p = after_index;
	conc = (q = kw(p, "CONCURRENTLY")) != NULL;
	if (conc)
		p = q;
	if ((q = kw(p, "IF NOT EXISTS")))
		p = q;
	if (!kw(p, "ON")) {
		p = ident(x->a, p, &name_text, &name);
	}
	p = kw(p, "ON");
	if (p && (q = kw(p, "ONLY")))
		p = q;
	if (!p) {
		s = step(g, sql, STRATEGY_DIRECT, PGLOCK_SHARE, true);
		return;
	}
	qname(x->a, p, &t);
	find_table(g, &t);
	if (!g->from || g->from->partition_by || (g->to && g->to->partition_by) || !name_text) {
		/* a new table is empty; a partitioned parent (or a table re-created as one) cannot
		 * be built concurrently */
		s = step(g, sql, STRATEGY_DIRECT, PGLOCK_SHARE, true);
		s->lock.scan = g->from != NULL;
		if (g->from) {
			s->lock.writes_blocked = true;
			s->long_running = true;
			pc_hazard(x, g->pc, HAZARD_INDEX_BUILD, "builds index \"%s\" on %s", name ? name : "", tsize(g));
			pc_hazard(x, g->pc, HAZARD_BLOCKING_LOCK, "holds SHARE on %s while the index is built: writes wait%s",
				  tsize(g), g->from->partition_by || (g->to && g->to->partition_by) ? " (a partitioned table cannot build concurrently)" : "");
		}
		return;
	}
	sb_init(&sb);
	if (conc) {
		sb_adds(&sb, sql);
	} else {
		sb_add(&sb, sql, (size_t)(after_index - sql));
		sb_adds(&sb, "CONCURRENTLY ");
		sb_adds(&sb, after_index);
	}
	s = step(g, sb_move_to_arena(&sb, x->a), STRATEGY_CONCURRENTLY, PGLOCK_SHARE_UPDATE_EXCLUSIVE, false);
	s->lock.scan = true;
	s->long_running = true;
	s->cleanup_sql = arena_printf(x->a, "DROP INDEX CONCURRENTLY IF EXISTS %s", in_schema(g, name_text));
	s->note = "on failure the INVALID index is dropped";
	pc_hazard(x, g->pc, HAZARD_INDEX_BUILD, "builds %sindex \"%s\" on %s concurrently (two table scans)%s",
		  unique ? "unique " : "", name, tsize(g), unique ? "; fails if duplicates exist" : "");
}

static const Table *index_owner(const Schema *s, const char *schema, const char *name)
{
	for (int i = 0; i < s->tables.n; i++) {
		const Table *t = s->tables.v[i];
		if (schema && t->schema && !str_eq(schema, t->schema))
			continue;
		for (int k = 0; k < t->indexes.n; k++)
			if (str_eq(t->indexes.v[k]->name, name))
				return t;
	}
	return NULL;
}

static void plan_drop_index(PCtx *g, const char *sql)
{
	PlanCtx *x = g->x;
	const char *after = kw(sql, "DROP INDEX"), *p = after, *q;
	QName ix;
	const Table *t;
	PlanStep *s;
	StrList names = {0};
	bool conc = (q = kw(p, "CONCURRENTLY")) != NULL;

	if (conc)
		p = q;
	if ((q = kw(p, "IF EXISTS")))
		p = q;
	split_commas(x->a, p, &names);
	qname(x->a, p, &ix);
	t = index_owner(x->cur, ix.schema, ix.name);
	if (t) {
		QName tq = {NULL, t->schema, t->name};
		find_table(g, &tq);
	}
	if (!conc && names.n == 1 && !has_word(p, "CASCADE") && t && !t->partition_by) {
		StrBuf sb;
		sb_init(&sb);
		sb_add(&sb, sql, (size_t)(after - sql));
		sb_adds(&sb, "CONCURRENTLY ");
		sb_adds(&sb, after);
		s = step(g, sb_move_to_arena(&sb, x->a), STRATEGY_CONCURRENTLY, PGLOCK_SHARE_UPDATE_EXCLUSIVE, false);
	} else {
		s = step(g, sql, conc ? STRATEGY_CONCURRENTLY : STRATEGY_DIRECT,
			 conc ? PGLOCK_SHARE_UPDATE_EXCLUSIVE : PGLOCK_ACCESS_EXCLUSIVE, !conc);
	}
	if (!t)
		s->lock_table = s->lock_schema = NULL;
}

/* ---- ALTER TABLE ---- */

/* Whether changing a column's type from o to n keeps the stored bytes (no rewrite): §4.2. */
static bool binary_coercible(const char *o, const char *n)
{
	char ob[128], nb[128];
	int op = -1, os = -1, np = -1, ns = -1;
	const char *oq, *nq;
	if (!o || !n)
		return false;
	if (str_eq(o, n))
		return true;
	oq = strchr(o, '(');
	nq = strchr(n, '(');
	snprintf(ob, sizeof ob, "%.*s", (int)(oq ? oq - o : (long)strlen(o)), o);
	snprintf(nb, sizeof nb, "%.*s", (int)(nq ? nq - n : (long)strlen(n)), n);
	if (oq)
		sscanf(oq, "(%d,%d)", &op, &os);
	if (nq)
		sscanf(nq, "(%d,%d)", &np, &ns);
	if (strchr(o, '[') || strchr(n, '['))
		return false;
	if (str_eq(ob, "character varying") && (str_eq(nb, "text") || (str_eq(nb, "character varying") && (np < 0 || np >= op))))
		return true;
	if (str_eq(ob, "text") && str_eq(nb, "character varying") && np < 0)
		return true;
	if (str_eq(ob, "numeric") && str_eq(nb, "numeric"))
		return np < 0 || (op >= 0 && np >= op && ns == os);
	if (str_eq(ob, "bit varying") && str_eq(nb, "bit varying"))
		return np < 0 || np >= op;
	return false;
}

static const Column *find_col(const Table *t, const char *name)
{
	return t && name ? table_find_column(t, DIALECT_POSTGRES, name) : NULL;
}

typedef enum SubKind {
	SUB_PLAIN,       /* metadata only, ACCESS EXCLUSIVE briefly */
	SUB_LIGHT,       /* SHARE UPDATE EXCLUSIVE (SET STATISTICS, storage parameters, VALIDATE) */
	SUB_REWRITE,     /* rewrites the table under ACCESS EXCLUSIVE */
	SUB_SCAN,        /* scans under ACCESS EXCLUSIVE (index build, validation without a recipe) */
	SUB_NOT_VALID,   /* ADD FOREIGN KEY / CHECK: NOT VALID + VALIDATE */
	SUB_SET_NOT_NULL /* CHECK NOT VALID, VALIDATE, SET NOT NULL, drop the check */
} SubKind;

typedef struct Sub {
	const char *text;
	SubKind kind;
	bool fk;
	const char *con_text;  /* constraint name as written (NOT VALID recipe) */
	const char *col_text;  /* column as written (SET NOT NULL recipe) */
	const char *col;       /* its value */
	const char *touch;     /* a column whose values or existence this subcommand changes */
} Sub;

static bool volatile_default(const char *s)
{
	static const char *const fns[] = {
		"clock_timestamp(", "random(", "gen_random_uuid(", "uuid_generate_v1(", "uuid_generate_v4(",
		"nextval(", "timeofday(", "txid_current(", "statement_timestamp(",
	};
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
		if (has_word(s, fns[i]))
			return true;
	return false;
}

static Sub classify(PCtx *g, const char *text)
{
	PlanCtx *x = g->x;
	Sub s = {text, SUB_PLAIN, false, NULL, NULL, NULL, NULL};
	const char *p, *q;

	if ((p = kw(text, "ADD CONSTRAINT")) || (p = kw(text, "ADD"))) {
		const char *con_text = NULL, *con = NULL;
		if (kw(text, "ADD CONSTRAINT"))
			p = ident(x->a, p, &con_text, &con);
		if ((q = kw(p, "FOREIGN KEY")) || (q = kw(p, "CHECK"))) {
			bool fk = kw(p, "FOREIGN KEY") != NULL;
			s.fk = fk;
			if (has_word(q, "NOT VALID"))
				return s;
			/* PostgreSQL 15 refuses a NOT VALID foreign key on a partitioned table */
			bool parted = (g->from && g->from->partition_by) || (g->to && g->to->partition_by);
			if (con_text && x->si->major >= 9 && !(fk && parted)) {
				s.kind = SUB_NOT_VALID;
				s.con_text = con_text;
				return s;
			}
			s.kind = SUB_SCAN;
			pc_hazard(x, g->pc, HAZARD_VALIDATION_SCAN, "validates the new %s by reading every row of %s",
				  fk ? "foreign key" : "check", tsize(g));
			blocking(g, "validates the new constraint");
			return s;
		}
		if (kw(p, "PRIMARY KEY") || kw(p, "UNIQUE") || kw(p, "EXCLUDE")) {
			if (has_word(p, "USING INDEX") && !kw(p, "EXCLUDE"))
				return s;
			s.kind = SUB_SCAN;
			pc_hazard(x, g->pc, HAZARD_INDEX_BUILD, "builds the index of constraint \"%s\" on %s",
				  con ? con : "", tsize(g));
			blocking(g, "builds the constraint's index");
			return s;
		}
		/* ADD [COLUMN] */
		if ((q = kw(p, "COLUMN")))
			p = q;
		if ((q = kw(p, "IF NOT EXISTS")))
			p = q;
		{
			const char *cname = NULL;
			const Column *n;
			ident(x->a, p, NULL, &cname);
			s.touch = cname;
			n = find_col(g->to, cname);
			if (volatile_default(p) || has_word(p, "STORED") || has_word(p, "IDENTITY") ||
			    has_word(p, "serial") || has_word(p, "bigserial") || has_word(p, "smallserial")) {
				s.kind = SUB_REWRITE;
				pc_hazard(x, g->pc, HAZARD_TABLE_REWRITE,
					  "adding \"%s\" (volatile default, identity or stored generated) rewrites %s", cname, tsize(g));
				blocking(g, "is rewritten");
			} else if (has_word(p, "REFERENCES") || has_word(p, "CHECK")) {
				s.kind = SUB_SCAN;
				pc_hazard(x, g->pc, HAZARD_VALIDATION_SCAN, "the constraint on new column \"%s\" reads every row of %s",
					  cname, tsize(g));
			}
			if (n ? (n->not_null && n->default_kind == DEFAULT_NONE && n->identity == IDENTITY_NONE && n->gen_kind == GEN_NONE)
			      : (has_word(p, "NOT NULL") && !has_word(p, "DEFAULT")))
				pc_hazard(x, g->pc, HAZARD_BACKWARD_INCOMPATIBLE,
					  "new column \"%s\" is NOT NULL without a default: inserts by deployed code that do not name it fail",
					  cname);
		}
		return s;
	}
	if ((p = kw(text, "DROP COLUMN")) || ((p = kw(text, "DROP")) && !kw(p, "CONSTRAINT"))) {
		const char *cname = NULL;
		if ((q = kw(p, "IF EXISTS")))
			p = q;
		ident(x->a, p, NULL, &cname);
		s.touch = cname;
		{
			/* a generated column dropped to be added again with a new expression loses
			 * nothing: its values are computed */
			const Column *o = find_col(g->from, cname), *n = find_col(g->to, cname);
			if (o && n && o->gen_kind != GEN_NONE && n->gen_kind != GEN_NONE)
				return s;
		}
		pc_hazard(x, g->pc, HAZARD_DATA_LOSS, "drops column \"%s\" of %s with its values", cname, tsize(g));
		pc_hazard(x, g->pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "deployed code that still reads or writes column \"%s\" fails once it is dropped", cname);
		return s;
	}
	if ((p = kw(text, "ALTER COLUMN")) || (p = kw(text, "ALTER"))) {
		const char *ctext = NULL, *cname = NULL;
		p = ident(x->a, p, &ctext, &cname);
		if ((q = kw(p, "TYPE")) || (q = kw(p, "SET DATA TYPE"))) {
			const Column *o = find_col(g->from, cname), *n = find_col(g->to, cname);
			s.touch = cname;
			if (!has_word(q, "USING") && !has_word(q, "COLLATE") && o && n && binary_coercible(o->type, n->type))
				return s;
			s.kind = SUB_REWRITE;
			pc_hazard(x, g->pc, HAZARD_TABLE_REWRITE, "changing the type of \"%s\"%s%s%s%s rewrites %s and its indexes",
				  cname, o ? " from " : "", o ? o->type : "", n ? " to " : "", n ? n->type : "", tsize(g));
			blocking(g, "is rewritten");
			return s;
		}
		if (kw(p, "SET NOT NULL")) {
			if (x->si->major >= 12 || x->si->major == 0) {
				s.kind = SUB_SET_NOT_NULL;
				s.col_text = ctext;
				s.col = cname;
			} else {
				s.kind = SUB_SCAN;
				blocking(g, "checks the column for NULLs");
			}
			pc_hazard(x, g->pc, HAZARD_VALIDATION_SCAN,
				  "making \"%s\" NOT NULL reads every row of %s and fails if one holds NULL", cname, tsize(g));
			return s;
		}
		if (kw(p, "SET STATISTICS"))
			s.kind = SUB_LIGHT;
		if ((q = kw(p, "SET EXPRESSION"))) {
			s.kind = SUB_REWRITE;
			s.touch = cname;
			pc_hazard(x, g->pc, HAZARD_TABLE_REWRITE, "a new expression for \"%s\" rewrites %s", cname, tsize(g));
			blocking(g, "is rewritten");
		}
		return s;
	}
	if ((p = kw(text, "RENAME COLUMN")) || ((p = kw(text, "RENAME")) && !kw(p, "TO") && !kw(p, "CONSTRAINT"))) {
		const char *cname = NULL;
		ident(x->a, p, NULL, &cname);
		s.touch = cname;
		pc_hazard(x, g->pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "renames column \"%s\": deployed code that uses the old name fails", cname);
		return s;
	}
	if ((p = kw(text, "RENAME TO"))) {
		pc_hazard(x, g->pc, HAZARD_BACKWARD_INCOMPATIBLE,
			  "renames table \"%s\": deployed code that uses the old name fails", g->table.name);
		return s;
	}
	if (kw(text, "SET LOGGED") || kw(text, "SET UNLOGGED") || kw(text, "SET ACCESS METHOD") ||
	    kw(text, "SET TABLESPACE")) {
		s.kind = SUB_REWRITE;
		pc_hazard(x, g->pc, HAZARD_TABLE_REWRITE, "%s rewrites %s", text, tsize(g));
		blocking(g, "is rewritten");
		return s;
	}
	if (kw(text, "SET") || kw(text, "RESET") || kw(text, "VALIDATE CONSTRAINT") || kw(text, "CLUSTER ON") ||
	    kw(text, "SET WITHOUT CLUSTER"))
		s.kind = SUB_LIGHT;
	return s;
}

/* A constraint name for the NOT NULL recipe's helper check: "<table>_<col>_not_null", cut to
 * PostgreSQL's 63 bytes. */
static const char *nn_check_name(PCtx *g, const char *col)
{
	char buf[64];
	StrBuf sb;
	snprintf(buf, sizeof buf, "%s_%s", g->table.name, col);
	buf[63 - 9] = '\0';
	sb_init(&sb);
	sb_add_pg_ident(&sb, arena_printf(g->x->a, "%s_not_null", buf));
	return sb_move_to_arena(&sb, g->x->a);
}

static void plan_alter_table(PCtx *g, const char *sql)
{
	PlanCtx *x = g->x;
	const char *p = kw(sql, "ALTER TABLE"), *q, *prefix_end;
	QName t;
	StrList subs = {0};
	StrBuf main_sql;
	PgLock main_lock = PGLOCK_NONE;
	bool main_scan = false, main_rewrite = false;
	PlanStep *s;
	Sub *ss;
	const char *prefix;

	if ((q = kw(p, "IF EXISTS")))
		p = q;
	if ((q = kw(p, "ONLY")))
		p = q;
	prefix_end = qname(x->a, p, &t);
	find_table(g, &t);
	prefix = arena_printf(x->a, "ALTER TABLE %s", t.text);
	(void)prefix_end;
	if (!g->from) {
		/* a table created by this plan: empty, nothing to protect */
		step(g, sql, STRATEGY_DIRECT, PGLOCK_ACCESS_EXCLUSIVE, true);
		return;
	}
	split_commas(x->a, prefix_end, &subs);
	ss = arena_alloc(x->a, sizeof(Sub) * (size_t)(subs.n ? subs.n : 1));
	for (int i = 0; i < subs.n; i++)
		ss[i] = classify(g, subs.v[i]);
	/* The statement stays whole and in the differ's order (PostgreSQL orders the subcommands of
	 * one ALTER in passes, which the differ relies on): a foreign key or check is added NOT
	 * VALID where it stands and validated after the statement; a SET NOT NULL on a column the
	 * statement does not otherwise change gets a CHECK (col IS NOT NULL) validated before it,
	 * so that it needs no scan under ACCESS EXCLUSIVE, and the check is dropped after. */
	for (int i = 0; i < subs.n; i++) {
		Sub *u = &ss[i];
		if (u->kind != SUB_SET_NOT_NULL)
			continue;
		for (int k = 0; k < subs.n; k++)
			if (ss[k].touch && str_eq(ss[k].touch, u->col))
				u->kind = SUB_SCAN;
		if (u->kind == SUB_SCAN) {
			blocking(g, "checks the column for NULLs");
			continue;
		}
		u->con_text = nn_check_name(g, u->col);
		s = step(g, arena_printf(x->a, "%s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID", prefix, u->con_text,
					 u->col_text), STRATEGY_SET_NOT_NULL_VIA_CHECK, PGLOCK_ACCESS_EXCLUSIVE, true);
		s->cleanup_sql = arena_printf(x->a, "%s DROP CONSTRAINT IF EXISTS %s", prefix, u->con_text);
		s->note = "add CHECK (col IS NOT NULL) NOT VALID (no scan)";
		s = step(g, arena_printf(x->a, "%s VALIDATE CONSTRAINT %s", prefix, u->con_text), STRATEGY_SET_NOT_NULL_VIA_CHECK,
			 PGLOCK_SHARE_UPDATE_EXCLUSIVE, true);
		s->lock.scan = true;
		s->long_running = true;
		s->cleanup_sql = arena_printf(x->a, "%s DROP CONSTRAINT IF EXISTS %s", prefix, u->con_text);
		s->note = "validate the check (reads and writes continue)";
	}
	sb_init(&main_sql);
	sb_adds(&main_sql, prefix);
	for (int i = 0; i < subs.n; i++) {
		Sub *u = &ss[i];
		sb_adds(&main_sql, i ? ", " : " ");
		sb_adds(&main_sql, u->text);
		if (u->kind == SUB_NOT_VALID) {
			sb_adds(&main_sql, " NOT VALID");
			if (main_lock < (u->fk ? PGLOCK_SHARE_ROW_EXCLUSIVE : PGLOCK_ACCESS_EXCLUSIVE))
				main_lock = u->fk ? PGLOCK_SHARE_ROW_EXCLUSIVE : PGLOCK_ACCESS_EXCLUSIVE;
			continue;
		}
		if (u->kind == SUB_LIGHT) {
			if (main_lock < PGLOCK_SHARE_UPDATE_EXCLUSIVE)
				main_lock = PGLOCK_SHARE_UPDATE_EXCLUSIVE;
			continue;
		}
		main_lock = PGLOCK_ACCESS_EXCLUSIVE;
		main_scan |= u->kind == SUB_SCAN || u->kind == SUB_REWRITE;
		main_rewrite |= u->kind == SUB_REWRITE;
	}
	s = step(g, sb_move_to_arena(&main_sql, x->a), STRATEGY_DIRECT, main_lock, true);
	s->lock.scan = main_scan;
	s->lock.rewrite = main_rewrite;
	s->lock.writes_blocked = main_scan && main_lock == PGLOCK_ACCESS_EXCLUSIVE;
	s->long_running = main_scan;
	for (int i = 0; i < subs.n; i++) {
		Sub *u = &ss[i];
		if (u->kind == SUB_SET_NOT_NULL) {
			s->strategy = STRATEGY_SET_NOT_NULL_VIA_CHECK;
			s->note = "SET NOT NULL needs no scan: the valid check proves it";
			s->cleanup_sql = arena_printf(x->a, "%s DROP CONSTRAINT IF EXISTS %s", prefix, u->con_text);
		}
	}
	for (int i = 0; i < subs.n; i++) {
		Sub *u = &ss[i];
		PlanStep *v;
		if (u->kind == SUB_NOT_VALID) {
			s->strategy = STRATEGY_NOT_VALID_VALIDATE;
			v = step(g, arena_printf(x->a, "%s VALIDATE CONSTRAINT %s", prefix, u->con_text), STRATEGY_NOT_VALID_VALIDATE,
				 PGLOCK_SHARE_UPDATE_EXCLUSIVE, true);
			v->lock.scan = true;
			v->long_running = true;
			v->cleanup_sql = arena_printf(x->a, "%s DROP CONSTRAINT IF EXISTS %s", prefix, u->con_text);
			v->note = "validate existing rows (reads and writes continue)";
			pc_hazard(x, g->pc, HAZARD_VALIDATION_SCAN,
				  "validating %s %s reads every row of %s (reads and writes continue); fails if a row violates it",
				  u->fk ? "foreign key" : "check", u->con_text, tsize(g));
		} else if (u->kind == SUB_SET_NOT_NULL) {
			v = step(g, arena_printf(x->a, "%s DROP CONSTRAINT %s", prefix, u->con_text), STRATEGY_SET_NOT_NULL_VIA_CHECK,
				 PGLOCK_ACCESS_EXCLUSIVE, true);
			v->note = "drop the helper check";
		}
	}
}

static void qualified_after(PCtx *g, const char *p)
{
	QName t;
	const char *q;
	if (!p)
		return;
	if ((q = kw(p, "IF EXISTS")))
		p = q;
	if ((q = kw(p, "ONLY")))
		p = q;
	qname(g->x->a, p, &t);
	find_table(g, &t);
}

void plan_pg_change(PlanCtx *x, PlannedChange *pc)
{
	const Change *c = pc->change;
	const char *sql = c->sql, *p;
	PCtx g = {x, pc, {NULL, NULL, NULL}, NULL, NULL};
	PlanStep *s;

	if (kw(sql, "CREATE INDEX") || kw(sql, "CREATE UNIQUE INDEX")) {
		plan_create_index(&g, sql);
		return;
	}
	if (kw(sql, "DROP INDEX")) {
		plan_drop_index(&g, sql);
		return;
	}
	if (kw(sql, "ALTER TABLE")) {
		plan_alter_table(&g, sql);
		return;
	}
	if ((p = kw(sql, "DROP TABLE"))) {
		qualified_after(&g, p);
		s = step(&g, sql, STRATEGY_DIRECT, PGLOCK_ACCESS_EXCLUSIVE, true);
		pc_hazard(x, pc, HAZARD_DATA_LOSS, "drops table %s and every row in it", tsize(&g));
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "deployed code that still uses table \"%s\" fails", g.table.name);
		return;
	}
	if (kw(sql, "CREATE TRIGGER") || kw(sql, "CREATE OR REPLACE TRIGGER") || kw(sql, "CREATE CONSTRAINT TRIGGER")) {
		const char *on = strstr(sql, " ON ");
		if (on)
			qualified_after(&g, on + 4);
		s = step(&g, sql, STRATEGY_DIRECT, PGLOCK_SHARE_ROW_EXCLUSIVE, true);
		if (!g.from)
			s->lock_table = s->lock_schema = NULL;
		return;
	}
	s = step(&g, sql, STRATEGY_DIRECT, PGLOCK_NONE, true);
	s->lock_table = s->lock_schema = NULL;
	s->has_body = false;
	/* ALTER TYPE ... ADD VALUE: before PostgreSQL 12 not inside a transaction block, and the
	 * value is unusable until commit on any version: run it on its own */
	if (kw(sql, "ALTER TYPE") && has_word(sql, "ADD VALUE"))
		s->in_transaction = false;
	if (c->kind == CHANGE_DROP_VIEW && c->object && !schema_find_view(x->want, NULL, c->object))
		pc_hazard(x, pc, HAZARD_BACKWARD_INCOMPATIBLE, "deployed code that still reads view \"%s\" fails", c->object);
	(void)p;
}
