/*
 * print_mysql.c: canonical MySQL/MariaDB DDL from the model, in the style of SHOW CREATE TABLE
 * (backquoted identifiers, two-space indent, one element per line, PRIMARY KEY first, then the
 * other keys, foreign keys and checks, then table options and partitioning).
 *
 * The contract: printing a normalised model of a server's table and loading the text into an
 * empty database gives the same SHOW CREATE TABLE (AUTO_INCREMENT counters aside). Where the
 * flavours spell a thing differently (IGNORED vs INVISIBLE keys, DEFAULT CURRENT_TIMESTAMP,
 * SRID), the ServerInfo decides. Every identifier is quoted and every string escaped; this file
 * never decides what a model means (that is normalize_mysql.c) and never talks to a server.
 *
 * mysql_print_table/view/trigger/routine print one statement without a terminator, so the
 * differ and the executor can run them as they are; mysql_print_schema ends each statement
 * with ";\n" (and wraps compound bodies in DELIMITER lines, so the mysql client loads it).
 */
#include "parser/frontend.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/mysql_types.h"

static bool is_mysql(const ServerInfo *si)
{
	return si && si->flavor == FLAVOR_MYSQL;
}

static void add_ident_list(StrBuf *sb, const StrList *l, const char *sep)
{
	for (int i = 0; i < l->n; i++) {
		if (i)
			sb_adds(sb, sep);
		sb_add_mysql_ident(sb, l->v[i]);
	}
}

/* "current_timestamp(3)" in any spelling the normaliser leaves: its fsp, or -1 if not one. */
static int current_timestamp_fsp(const char *text)
{
	const char *p;
	if (!text || !str_ihas_prefix(text, "current_timestamp"))
		return -1;
	p = text + strlen("current_timestamp");
	if (!*p || !strcmp(p, "()"))
		return 0;
	if (*p == '(' && isdigit((unsigned char)p[1]) && p[2] == ')' && !p[3])
		return p[1] - '0';
	return -1;
}

/* A function call "name(...)" spanning the whole text, or one quoted identifier: MariaDB prints
 * these bare after DEFAULT (anything else in parentheses). */
static bool is_simple_term(const char *t)
{
	const char *p = t;
	int depth = 0;
	char q = 0;
	if (*t == '`') {
		for (p = t + 1; *p; p++) {
			if (*p == '`') {
				if (p[1] == '`') {
					p++;
					continue;
				}
				return p[1] == '\0';
			}
		}
		return false;
	}
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (p == t || *p != '(')
		return false;
	for (; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\'' || *p == '"' || *p == '`')
			q = *p;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p[1] == '\0';
	}
	return false;
}

/* A DEFAULT or ON UPDATE expression: CURRENT_TIMESTAMP bare in the flavour's spelling, any
 * other expression in parentheses (which both flavours accept for every expression), except
 * the terms MariaDB itself prints bare. */
static void add_default_expr(StrBuf *sb, const char *text, const ServerInfo *si)
{
	int fsp = current_timestamp_fsp(text);
	if (fsp >= 0) {
		if (is_mysql(si))
			sb_adds(sb, "CURRENT_TIMESTAMP");
		else
			sb_adds(sb, "current_timestamp");
		if (fsp > 0)
			sb_addf(sb, "(%d)", fsp);
		else if (!is_mysql(si))
			sb_adds(sb, "()");
		return;
	}
	if (!is_mysql(si) && is_simple_term(text)) {
		sb_adds(sb, text);
		return;
	}
	sb_addf(sb, "(%s)", text);
}

void mysql_print_type(StrBuf *sb, const Column *c, const ServerInfo *si)
{
	sb_adds(sb, c->type ? c->type : "?");
	if (c->values.n || str_eq(c->type, "enum") || str_eq(c->type, "set")) {
		sb_addc(sb, '(');
		for (int i = 0; i < c->values.n; i++) {
			if (i)
				sb_addc(sb, ',');
			sb_add_mysql_string(sb, c->values.v[i]);
		}
		sb_addc(sb, ')');
	} else if (c->length >= 0) {
		if (c->scale >= 0)
			sb_addf(sb, "(%d,%d)", c->length, c->scale);
		else
			sb_addf(sb, "(%d)", c->length);
	}
	if (c->is_unsigned)
		sb_adds(sb, " unsigned");
	if (c->zerofill)
		sb_adds(sb, " zerofill");
	/* MariaDB accepts REF_SYSTEM_ID but keeps nothing it would print: the normaliser drops it */
	if (c->srid >= 0 && is_mysql(si))
		sb_addf(sb, " SRID %d", c->srid);
}

/* The value after DEFAULT: NULL, a literal, or an expression (bare where the flavour prints it
 * bare; ALTER COLUMN SET DEFAULT takes an expression only in parentheses). */
static void add_default_value(StrBuf *sb, const Column *c, const ServerInfo *si, bool alter_column)
{
	const char *text = c->default_text ? c->default_text : "NULL";
	if (c->default_kind != DEFAULT_EXPR)
		sb_adds(sb, c->default_kind == DEFAULT_NULL ? "NULL" : text);
	else if (alter_column && current_timestamp_fsp(text) < 0)
		sb_addf(sb, "(%s)", text);
	else
		add_default_expr(sb, text, si);
}

void mysql_print_alter_default(StrBuf *sb, const Column *c, const ServerInfo *si)
{
	if (c->default_kind == DEFAULT_NONE) {
		sb_adds(sb, "DROP DEFAULT");
		return;
	}
	sb_adds(sb, "SET DEFAULT ");
	add_default_value(sb, c, si, true);
}

void mysql_print_column_def(StrBuf *sb, const Column *c, const ServerInfo *si)
{
	sb_add_mysql_ident(sb, c->name);
	sb_addc(sb, ' ');
	mysql_print_type(sb, c, si);
	/* MariaDB: COMPRESSED belongs to the type, before the charset */
	if (c->compression) {
		if (str_ieq(c->compression, "zlib") || str_ieq(c->compression, "default") || !*c->compression)
			sb_adds(sb, " COMPRESSED");
		else
			sb_addf(sb, " COMPRESSED=%s", c->compression);
	}
	if (c->charset) {
		sb_adds(sb, " CHARACTER SET ");
		sb_adds(sb, c->charset);
	}
	if (c->collation) {
		sb_adds(sb, " COLLATE ");
		sb_adds(sb, c->collation);
	}
	if (c->gen_kind != GEN_NONE)
		sb_addf(sb, " GENERATED ALWAYS AS (%s) %s", c->gen_expr ? c->gen_expr : "NULL",
			c->gen_kind == GEN_STORED ? "STORED" : "VIRTUAL");
	if (c->system_row)
		sb_addf(sb, " GENERATED ALWAYS AS ROW %s", c->system_row);
	if (c->not_null)
		sb_adds(sb, " NOT NULL");
	else if (str_eq(c->type, "timestamp") && c->gen_kind == GEN_NONE && !c->system_row)
		/* explicit, so the column stays nullable whatever explicit_defaults_for_timestamp says */
		sb_adds(sb, " NULL");
	if (c->invisible)
		sb_adds(sb, " INVISIBLE");
	if (c->default_kind != DEFAULT_NONE) {
		sb_adds(sb, " DEFAULT ");
		add_default_value(sb, c, si, false);
	}
	if (c->on_update) {
		sb_adds(sb, " ON UPDATE ");
		add_default_expr(sb, c->on_update, si);
	}
	if (c->auto_increment)
		sb_adds(sb, " AUTO_INCREMENT");
	if (c->comment) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, c->comment);
	}
	if (c->without_versioning)
		sb_adds(sb, " WITHOUT SYSTEM VERSIONING");
}

static void add_index_parts(StrBuf *sb, const Index *ix)
{
	sb_addc(sb, '(');
	for (int i = 0; i < ix->parts.n; i++) {
		const IndexPart *p = ix->parts.v[i];
		if (i)
			sb_addc(sb, ',');
		if (p->column) {
			sb_add_mysql_ident(sb, p->column);
			if (p->prefix_len > 0)
				sb_addf(sb, "(%d)", p->prefix_len);
		} else {
			sb_addf(sb, "(%s)", p->expr ? p->expr : "NULL");
		}
		if (p->desc)
			sb_adds(sb, " DESC");
	}
	sb_addc(sb, ')');
}

void mysql_print_index_def(StrBuf *sb, const Index *ix, const ServerInfo *si)
{
	switch (ix->kind) {
	case INDEX_PRIMARY:
		sb_adds(sb, "PRIMARY KEY ");
		break;
	case INDEX_UNIQUE:
		sb_adds(sb, "UNIQUE KEY ");
		break;
	case INDEX_FULLTEXT:
		sb_adds(sb, "FULLTEXT KEY ");
		break;
	case INDEX_SPATIAL:
		sb_adds(sb, "SPATIAL KEY ");
		break;
	case INDEX_PLAIN:
		sb_adds(sb, "KEY ");
		break;
	}
	if (ix->kind != INDEX_PRIMARY && ix->name) {
		sb_add_mysql_ident(sb, ix->name);
		sb_addc(sb, ' ');
	}
	add_index_parts(sb, ix);
	if (ix->method)
		sb_addf(sb, " USING %s", ix->method);
	if (ix->key_block_size > 0)
		sb_addf(sb, " KEY_BLOCK_SIZE=%d", ix->key_block_size);
	if (ix->parser) {
		sb_adds(sb, " WITH PARSER ");
		sb_add_mysql_ident(sb, ix->parser);
	}
	if (ix->comment) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, ix->comment);
	}
	if (ix->invisible)
		sb_adds(sb, is_mysql(si) ? " INVISIBLE" : " IGNORED");
}

void mysql_print_fk_def(StrBuf *sb, const ForeignKey *fk, const ServerInfo *si)
{
	(void)si;
	if (fk->name) {
		sb_adds(sb, "CONSTRAINT ");
		sb_add_mysql_ident(sb, fk->name);
		sb_addc(sb, ' ');
	}
	sb_adds(sb, "FOREIGN KEY (");
	add_ident_list(sb, &fk->columns, ", ");
	sb_adds(sb, ") REFERENCES ");
	if (fk->ref_schema) {
		sb_add_mysql_ident(sb, fk->ref_schema);
		sb_addc(sb, '.');
	}
	sb_add_mysql_ident(sb, fk->ref_table);
	sb_adds(sb, " (");
	add_ident_list(sb, &fk->ref_columns, ", ");
	sb_addc(sb, ')');
	if (fk->match)
		sb_addf(sb, " MATCH %s", fk->match);
	if (fk->on_delete != FK_UNSPECIFIED)
		sb_addf(sb, " ON DELETE %s", FkAction_name(fk->on_delete));
	if (fk->on_update != FK_UNSPECIFIED)
		sb_addf(sb, " ON UPDATE %s", FkAction_name(fk->on_update));
}

void mysql_print_check_def(StrBuf *sb, const Check *ck, const ServerInfo *si)
{
	if (ck->name) {
		sb_adds(sb, "CONSTRAINT ");
		sb_add_mysql_ident(sb, ck->name);
		sb_addc(sb, ' ');
	}
	sb_addf(sb, "CHECK (%s)", ck->expr ? ck->expr : "NULL");
	if (ck->not_enforced && is_mysql(si))
		sb_adds(sb, " NOT ENFORCED");
}

void mysql_print_column_checks(StrBuf *sb, const Table *t, const Column *c, const ServerInfo *si)
{
	(void)si;
	for (int i = 0; i < t->checks.n; i++) {
		const Check *ck = t->checks.v[i];
		if (ck->column && str_ieq(ck->column, c->name))
			sb_addf(sb, " CHECK (%s)", ck->expr ? ck->expr : "NULL");
	}
}

/* ---- partitioning ---- */

static void add_part_method(StrBuf *sb, PartMethod m, bool linear, bool columns, const char *expr,
			    const StrList *cols, int algorithm)
{
	if (linear)
		sb_adds(sb, "LINEAR ");
	sb_adds(sb, PartMethod_name(m));
	if (m == PART_KEY) {
		if (algorithm > 0)
			sb_addf(sb, " ALGORITHM=%d", algorithm);
		sb_adds(sb, " (");
		add_ident_list(sb, cols, ",");
		sb_addc(sb, ')');
	} else if (columns) {
		sb_adds(sb, " COLUMNS(");
		add_ident_list(sb, cols, ",");
		sb_addc(sb, ')');
	} else {
		sb_addf(sb, " (%s)", expr ? expr : "");
	}
}

static void add_partition_def(StrBuf *sb, const PartitionDef *p, bool sub)
{
	sb_adds(sb, sub ? "SUBPARTITION " : "PARTITION ");
	sb_add_mysql_ident(sb, p->name);
	if (p->values)
		sb_addf(sb, " VALUES %s", p->values);
	if (p->comment) {
		sb_adds(sb, " COMMENT = ");
		sb_add_mysql_string(sb, p->comment);
	}
	for (int i = 0; i < p->options.n; i++)
		sb_addf(sb, " %s", p->options.v[i]);
	if (p->engine)
		sb_addf(sb, " ENGINE = %s", p->engine);
	if (p->subparts.n) {
		sb_adds(sb, "\n (");
		for (int i = 0; i < p->subparts.n; i++) {
			if (i)
				sb_adds(sb, ",\n  ");
			add_partition_def(sb, p->subparts.v[i], true);
		}
		sb_addc(sb, ')');
	}
}

void mysql_print_partitioning(StrBuf *sb, const Partitioning *p, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "PARTITION BY ");
	add_part_method(sb, p->method, p->linear, p->columns, p->expr, &p->column_list, p->key_algorithm);
	if (p->count > 0)
		sb_addf(sb, "\nPARTITIONS %d", p->count);
	if (p->sub_method != PART_NONE) {
		sb_adds(sb, "\nSUBPARTITION BY ");
		add_part_method(sb, p->sub_method, p->sub_linear, false, p->sub_expr, &p->sub_columns,
				p->sub_key_algorithm);
		if (p->sub_count > 0)
			sb_addf(sb, "\nSUBPARTITIONS %d", p->sub_count);
	}
	if (p->parts.n) {
		sb_adds(sb, "\n(");
		for (int i = 0; i < p->parts.n; i++) {
			if (i)
				sb_adds(sb, ",\n ");
			add_partition_def(sb, p->parts.v[i], false);
		}
		sb_addc(sb, ')');
	}
}

/* ---- tables ---- */

/* The order the server keeps keys in (MariaDB's sort_keys): the primary key, unique keys over
 * NOT NULL columns (whole columns before prefixes), unique keys with a nullable column (likewise),
 * plain and spatial keys, fulltext keys last; declaration order within each rank. */
static int index_rank(const Table *t, const Index *ix)
{
	bool nullable = false, prefix = false;
	switch (ix->kind) {
	case INDEX_PRIMARY: return 0;
	case INDEX_PLAIN: return 5;
	case INDEX_SPATIAL: return 5;
	case INDEX_FULLTEXT: return 6;
	case INDEX_UNIQUE: break;
	}
	for (int i = 0; i < ix->parts.n; i++) {
		const IndexPart *p = ix->parts.v[i];
		const Column *c = p->column ? table_find_column(t, DIALECT_MYSQL, p->column) : NULL;
		if (!c || !c->not_null)
			nullable = true;
		if (p->prefix_len > 0)
			prefix = true;
	}
	return 1 + (nullable ? 2 : 0) + (prefix ? 1 : 0);
}

/* Table options in the order SHOW CREATE TABLE gives them (unknown ones last, as stored). */
static void add_table_options(StrBuf *sb, const StrList *opts)
{
	static const char *const order[] = {
		"MIN_ROWS", "MAX_ROWS", "AVG_ROW_LENGTH", "PACK_KEYS", "STATS_PERSISTENT", "STATS_AUTO_RECALC",
		"STATS_SAMPLE_PAGES", "CHECKSUM", "PAGE_CHECKSUM", "DELAY_KEY_WRITE", NULL,
	};
	int n = 0;
	for (int k = 0; order[k]; k++, n++) {
		size_t len = strlen(order[k]);
		for (int i = 0; i < opts->n; i++)
			if (!strncasecmp(opts->v[i], order[k], len) && opts->v[i][len] == '=')
				sb_addf(sb, " %s", opts->v[i]);
	}
	for (int i = 0; i < opts->n; i++) {
		bool known = false;
		for (int k = 0; k < n && !known; k++) {
			size_t len = strlen(order[k]);
			known = !strncasecmp(opts->v[i], order[k], len) && opts->v[i][len] == '=';
		}
		if (!known)
			sb_addf(sb, " %s", opts->v[i]);
	}
}

static int cmp_fk_name(const void *a, const void *b)
{
	const ForeignKey *x = *(const ForeignKey *const *)a, *y = *(const ForeignKey *const *)b;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static void print_table_body(StrBuf *sb, const Table *t, const ServerInfo *si, bool with_fks)
{
	bool first = true;
	sb_adds(sb, "CREATE TABLE ");
	sb_add_mysql_ident(sb, t->name);
	sb_adds(sb, " (\n");
	for (int i = 0; i < t->columns.n; i++) {
		sb_adds(sb, first ? "  " : ",\n  ");
		first = false;
		mysql_print_column_def(sb, t->columns.v[i], si);
		mysql_print_column_checks(sb, t, t->columns.v[i], si);
	}
	for (int rank = 0; rank <= 6; rank++) {
		for (int i = 0; i < t->indexes.n; i++) {
			if (index_rank(t, t->indexes.v[i]) != rank)
				continue;
			sb_adds(sb, first ? "  " : ",\n  ");
			first = false;
			mysql_print_index_def(sb, t->indexes.v[i], si);
		}
	}
	{
		/* MariaDB system versioning: the period of the ROW START/END columns */
		const Column *rs = NULL, *re = NULL;
		for (int i = 0; i < t->columns.n; i++) {
			if (str_eq(t->columns.v[i]->system_row, "START"))
				rs = t->columns.v[i];
			else if (str_eq(t->columns.v[i]->system_row, "END"))
				re = t->columns.v[i];
		}
		if (rs && re) {
			sb_adds(sb, first ? "  " : ",\n  ");
			first = false;
			sb_adds(sb, "PERIOD FOR SYSTEM_TIME (");
			sb_add_mysql_ident(sb, rs->name);
			sb_adds(sb, ", ");
			sb_add_mysql_ident(sb, re->name);
			sb_addc(sb, ')');
		}
	}
	if (with_fks && t->fks.n) {
		/* in name order, as the server lists them */
		ForeignKey **fks = xmalloc(sizeof *fks * (size_t)t->fks.n);
		memcpy(fks, t->fks.v, sizeof *fks * (size_t)t->fks.n);
		qsort(fks, (size_t)t->fks.n, sizeof *fks, cmp_fk_name);
		for (int i = 0; i < t->fks.n; i++) {
			sb_adds(sb, first ? "  " : ",\n  ");
			first = false;
			mysql_print_fk_def(sb, fks[i], si);
		}
		free(fks);
	}
	for (int i = 0; i < t->checks.n; i++) {
		if (t->checks.v[i]->column)
			continue;
		sb_adds(sb, first ? "  " : ",\n  ");
		first = false;
		mysql_print_check_def(sb, t->checks.v[i], si);
	}
	sb_adds(sb, "\n)");
	if (t->engine)
		sb_addf(sb, " ENGINE=%s", t->engine);
	if (t->charset)
		sb_addf(sb, " DEFAULT CHARSET=%s", t->charset);
	if (t->collation)
		sb_addf(sb, " COLLATE=%s", t->collation);
	add_table_options(sb, &t->options);
	if (t->row_format)
		sb_addf(sb, " ROW_FORMAT=%s", t->row_format);
	if (t->key_block_size > 0)
		sb_addf(sb, " KEY_BLOCK_SIZE=%d", t->key_block_size);
	if (t->comment) {
		sb_adds(sb, " COMMENT=");
		sb_add_mysql_string(sb, t->comment);
	}
	if (t->system_versioning)
		sb_adds(sb, " WITH SYSTEM VERSIONING");
	if (t->partitioning) {
		sb_addc(sb, '\n');
		mysql_print_partitioning(sb, t->partitioning, si);
	}
}

void mysql_print_table(StrBuf *sb, const Table *t, const ServerInfo *si)
{
	print_table_body(sb, t, si, true);
}

/* ---- views, triggers, routines ---- */

void mysql_print_view(StrBuf *sb, const View *v, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CREATE");
	if (v->algorithm)
		sb_addf(sb, " ALGORITHM=%s", v->algorithm);
	if (v->security)
		sb_addf(sb, " SQL SECURITY %s", v->security);
	sb_adds(sb, " VIEW ");
	sb_add_mysql_ident(sb, v->name);
	if (v->columns.n) {
		sb_adds(sb, " (");
		add_ident_list(sb, &v->columns, ",");
		sb_addc(sb, ')');
	}
	sb_addf(sb, " AS %s", v->source ? v->source : v->definition ? v->definition : "SELECT NULL");
	if (v->check_option)
		sb_addf(sb, " WITH %s CHECK OPTION", v->check_option);
}

void mysql_print_trigger(StrBuf *sb, const Trigger *t, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CREATE TRIGGER ");
	sb_add_mysql_ident(sb, t->name);
	sb_addf(sb, " %s %s ON ", t->timing ? t->timing : "BEFORE", t->events ? t->events : "INSERT");
	sb_add_mysql_ident(sb, t->table);
	sb_adds(sb, " FOR EACH ROW ");
	if (t->order_clause)
		sb_addf(sb, "%s ", t->order_clause);
	sb_adds(sb, t->source ? t->source : t->body ? t->body : "BEGIN END");
}

void mysql_print_routine(StrBuf *sb, const Routine *r, const ServerInfo *si)
{
	const char *def = r->source ? r->source : r->definition ? r->definition : "";
	(void)si;
	while (isspace((unsigned char)*def))
		def++;
	if (str_ihas_prefix(def, "CREATE")) {
		sb_adds(sb, def);
		return;
	}
	if (str_ihas_prefix(def, "FUNCTION") || str_ihas_prefix(def, "PROCEDURE")) {
		sb_addf(sb, "CREATE %s", def);
		return;
	}
	sb_addf(sb, "CREATE %s ", RoutineKind_name(r->kind));
	sb_add_mysql_ident(sb, r->name);
	sb_addf(sb, "(%s)", r->args ? r->args : "");
	if (r->kind == ROUTINE_FUNCTION && r->returns)
		sb_addf(sb, " RETURNS %s", r->returns);
	if (r->comment) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, r->comment);
	}
	sb_addf(sb, "\n%s", def);
}

/* ---- whole schema ---- */

static int cmp_table_name(const void *a, const void *b)
{
	const Table *x = *(const Table *const *)a, *y = *(const Table *const *)b;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static int cmp_view_name(const void *a, const void *b)
{
	const View *x = *(const View *const *)a, *y = *(const View *const *)b;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static int cmp_event(const void *a, const void *b)
{
	const Event *x = *(const Event *const *)a, *y = *(const Event *const *)b;
	return strcmp(x->name, y->name);
}

static int cmp_trigger(const void *a, const void *b)
{
	const Trigger *x = *(const Trigger *const *)a, *y = *(const Trigger *const *)b;
	int c = strcmp(x->table ? x->table : "", y->table ? y->table : "");
	return c ? c : strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static int cmp_routine(const void *a, const void *b)
{
	const Routine *x = *(const Routine *const *)a, *y = *(const Routine *const *)b;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

/* Whether fk points at a table of this schema other than t itself. */
static const Table *fk_parent(const Schema *s, const Table *t, const ForeignKey *fk)
{
	const Table *p;
	if (fk->ref_schema && s->name && !str_eq(fk->ref_schema, s->name))
		return NULL;
	p = schema_find_table(s, NULL, fk->ref_table);
	return p == t ? NULL : p;
}

static int find_ptr(const void *const *v, int n, const void *p)
{
	for (int i = 0; i < n; i++)
		if (v[i] == p)
			return i;
	return -1;
}

/* Whether name occurs in text as an identifier: `name` or a bare word. */
static bool text_mentions(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!text || !n)
		return false;
	for (const char *p = text; (p = strstr(p, name)) != NULL; p++) {
		char before = p == text ? ' ' : p[-1], after = p[n];
		if (before == '`' && after == '`')
			return true;
		if (!isalnum((unsigned char)before) && before != '_' && before != '$' && before != '`' &&
		    !isalnum((unsigned char)after) && after != '_' && after != '$' && after != '`')
			return true;
	}
	return false;
}

/* "`name`" or "name" -> name, in a static buffer (for comparisons only). */
static const char *trim_ident(const char *t)
{
	static char buf[256];
	size_t n;
	while (*t == ' ')
		t++;
	if (*t == '`')
		t++;
	n = strlen(t);
	if (n && t[n - 1] == '`')
		n--;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, t, n);
	buf[n] = 0;
	return buf;
}

static void end_statement(StrBuf *sb, const char *stmt_start_text, size_t start)
{
	/* A compound body holds semicolons: wrap it in DELIMITER lines so the mysql client keeps
	 * it whole. The delimiter must not occur in the statement followed by itself (a body
	 * ending in ';' would turn ";;" into ";;;"), so take the first candidate that does not.
	 * A delimiter other than ";;" goes on its own line: "$$" right after a variable or a
	 * name ("@mode$$") would be lexed as part of it. */
	static const char *const delims[] = {";;", "$$", "//", "@@", "%%%", "~~~~~"};
	const char *text = stmt_start_text + start;
	if (strchr(text, ';')) {
		char *stmt = xstrdup(text);
		size_t n = strlen(stmt);
		const char *delim = delims[sizeof delims / sizeof delims[0] - 1];
		for (size_t i = 0; i < sizeof delims / sizeof delims[0]; i++) {
			StrBuf probe;
			const char *hit;
			bool only_at_end;
			sb_init(&probe);
			sb_adds(&probe, stmt);
			sb_adds(&probe, delims[i]);
			hit = strstr(sb_str(&probe), delims[i]);
			only_at_end = hit && (size_t)(hit - sb_str(&probe)) == n;
			sb_release(&probe);
			if (only_at_end) {
				delim = delims[i];
				break;
			}
		}
		sb_truncate(sb, start);
		sb_addf(sb, "DELIMITER %s\n%s%s%s\nDELIMITER ;\n", delim, stmt,
			delim[0] != ';' && n && !isspace((unsigned char)stmt[n - 1]) ? "\n" : "", delim);
		free(stmt);
		return;
	}
	sb_adds(sb, ";\n");
}

static int cmp_sequence_name(const void *x, const void *y)
{
	return strcmp((*(const Sequence *const *)x)->name, (*(const Sequence *const *)y)->name);
}

/* MariaDB's options in the order SHOW CREATE SEQUENCE prints them. */
void mysql_print_sequence_options(StrBuf *sb, const Sequence *q)
{
	sb_addf(sb, "START WITH %lld MINVALUE %lld MAXVALUE %lld INCREMENT BY %lld", q->start, q->min_value,
		q->max_value, q->increment);
	if (q->cache)
		sb_addf(sb, " CACHE %lld", q->cache);
	else
		sb_adds(sb, " NOCACHE");
	sb_adds(sb, q->cycle ? " CYCLE" : " NOCYCLE");
}

void mysql_print_sequence(StrBuf *sb, const Sequence *q, const ServerInfo *si)
{
	(void)si;
	sb_adds(sb, "CREATE SEQUENCE ");
	sb_add_mysql_ident(sb, q->name);
	sb_addc(sb, ' ');
	mysql_print_sequence_options(sb, q);
	if (q->engine)
		sb_addf(sb, " ENGINE=%s", q->engine);
	if (q->comment) {
		sb_adds(sb, " COMMENT=");
		sb_add_mysql_string(sb, q->comment);
	}
}

void mysql_print_schema(StrBuf *sb, const Schema *s, const ServerInfo *si)
{
	int nt = s->tables.n, nv = s->views.n, done_n = 0;
	const Table **tabs = xmalloc(sizeof *tabs * (nt + 1));
	const Table **order = xmalloc(sizeof *order * (nt + 1));
	const View **views = xmalloc(sizeof *views * (nv + 1));
	bool *done = calloc((size_t)nt + 1, 1);
	/* FKs left out of CREATE TABLE because of a cycle: table index, fk index */
	int *deferred = xmalloc(sizeof *deferred * 2 * (size_t)(1 + nt * 4));
	int ndef = 0, capdef = 1 + nt * 4;

	if (!done)
		xoom();
	/* sequences first: column defaults may call nextval() on them */
	if (s->sequences.n) {
		const Sequence **seqs = xmalloc(sizeof *seqs * (size_t)s->sequences.n);
		memcpy(seqs, s->sequences.v, sizeof *seqs * (size_t)s->sequences.n);
		qsort(seqs, (size_t)s->sequences.n, sizeof *seqs, cmp_sequence_name);
		for (int i = 0; i < s->sequences.n; i++) {
			mysql_print_sequence(sb, seqs[i], si);
			sb_adds(sb, ";\n");
		}
		free(seqs);
	}
	for (int i = 0; i < nt; i++)
		tabs[i] = s->tables.v[i];
	qsort(tabs, (size_t)nt, sizeof *tabs, cmp_table_name);

	/* Tables: parents first. On a cycle, the first remaining table goes out without the
	 * foreign keys to tables not yet printed; those are added by ALTER TABLE at the end. */
	while (done_n < nt) {
		int pick = -1;
		for (int i = 0; i < nt && pick < 0; i++) {
			bool ready = true;
			if (done[i])
				continue;
			for (int k = 0; k < tabs[i]->fks.n && ready; k++) {
				const Table *p = fk_parent(s, tabs[i], tabs[i]->fks.v[k]);
				int pi = p ? find_ptr((const void *const *)tabs, nt, p) : -1;
				if (pi >= 0 && !done[pi])
					ready = false;
			}
			if (ready)
				pick = i;
		}
		if (pick < 0) {
			for (int i = 0; i < nt && pick < 0; i++)
				if (!done[i])
					pick = i;
		}
		done[pick] = true;
		order[done_n++] = tabs[pick];
	}
	for (int i = 0; i < nt; i++) {
		const Table *t = order[i];
		bool has_deferred = false;
		Table copy;
		/* which FKs point forward in the order? */
		for (int k = 0; k < t->fks.n; k++) {
			const Table *p = fk_parent(s, t, t->fks.v[k]);
			int pi = p ? find_ptr((const void *const *)order, nt, p) : -1;
			if (pi > i) {
				if (ndef == capdef) {
					capdef *= 2;
					deferred = xrealloc(deferred, sizeof *deferred * 2 * (size_t)capdef);
				}
				deferred[2 * ndef] = i;
				deferred[2 * ndef + 1] = k;
				ndef++;
				has_deferred = true;
			}
		}
		if (!has_deferred) {
			print_table_body(sb, t, si, true);
		} else {
			/* print with only the FKs whose parents exist already */
			ForeignKey **keep = xmalloc(sizeof *keep * (size_t)(t->fks.n + 1));
			int nk = 0;
			for (int k = 0; k < t->fks.n; k++) {
				const Table *p = fk_parent(s, t, t->fks.v[k]);
				int pi = p ? find_ptr((const void *const *)order, nt, p) : -1;
				if (pi <= i)
					keep[nk++] = t->fks.v[k];
			}
			copy = *t;
			copy.fks.v = keep;
			copy.fks.n = copy.fks.cap = nk;
			print_table_body(sb, &copy, si, true);
			free(keep);
		}
		sb_adds(sb, ";\n");
	}
	for (int d = 0; d < ndef; d++) {
		const Table *t = order[deferred[2 * d]];
		sb_adds(sb, "ALTER TABLE ");
		sb_add_mysql_ident(sb, t->name);
		sb_adds(sb, " ADD ");
		mysql_print_fk_def(sb, t->fks.v[deferred[2 * d + 1]], si);
		sb_adds(sb, ";\n");
	}

	/* Routines are not checked at creation: they go before the views that may call them. */
	{
		const Routine **rs = xmalloc(sizeof *rs * (size_t)(s->routines.n + 1));
		for (int i = 0; i < s->routines.n; i++)
			rs[i] = s->routines.v[i];
		qsort(rs, (size_t)s->routines.n, sizeof *rs, cmp_routine);
		for (int i = 0; i < s->routines.n; i++) {
			size_t start = sb->len;
			mysql_print_routine(sb, rs[i], si);
			end_statement(sb, sb->buf, start);
		}
		free(rs);
	}

	/* Views after the views they read (names mentioned in the definition). */
	{
		bool *vdone = calloc((size_t)nv + 1, 1);
		int vn = 0;
		if (!vdone)
			xoom();
		for (int i = 0; i < nv; i++)
			views[i] = s->views.v[i];
		qsort(views, (size_t)nv, sizeof *views, cmp_view_name);
		while (vn < nv) {
			int pick = -1;
			for (int i = 0; i < nv && pick < 0; i++) {
				bool ready = true;
				if (vdone[i])
					continue;
				for (int j = 0; j < nv && ready; j++)
					if (j != i && !vdone[j] && text_mentions(views[i]->definition, views[j]->name))
						ready = false;
				if (ready)
					pick = i;
			}
			if (pick < 0)
				for (int i = 0; i < nv && pick < 0; i++)
					if (!vdone[i])
						pick = i;
			vdone[pick] = true;
			vn++;
			mysql_print_view(sb, views[pick], si);
			sb_adds(sb, ";\n");
		}
		free(vdone);
	}

	{
		const Trigger **ts = xmalloc(sizeof *ts * (size_t)(s->triggers.n + 1));
		for (int i = 0; i < s->triggers.n; i++)
			ts[i] = s->triggers.v[i];
		int nt2 = s->triggers.n, printed = 0;
		bool *tdone = calloc((size_t)nt2 + 1, 1);
		if (!tdone)
			xoom();
		qsort(ts, (size_t)nt2, sizeof *ts, cmp_trigger);
		/* FOLLOWS/PRECEDES name another trigger, which must exist first */
		while (printed < nt2) {
			int pick = -1;
			for (int i = 0; i < nt2 && pick < 0; i++) {
				const char *other = ts[i]->order_clause ? strchr(ts[i]->order_clause, ' ') : NULL;
				bool ready = !tdone[i];
				if (other)
					other++;
				for (int j = 0; j < nt2 && ready && other; j++)
					if (j != i && !tdone[j] && str_ieq(ts[j]->name, trim_ident(other)))
						ready = false;
				if (ready)
					pick = i;
			}
			for (int i = 0; i < nt2 && pick < 0; i++)
				if (!tdone[i])
					pick = i;
			tdone[pick] = true;
			printed++;
			{
				size_t start = sb->len;
				mysql_print_trigger(sb, ts[pick], si);
				end_statement(sb, sb->buf, start);
			}
		}
		free(tdone);
		free(ts);
	}
	/* Events last (their bodies may use anything above), by name. */
	{
		const Event **es = xmalloc(sizeof *es * (size_t)(s->events.n + 1));
		for (int i = 0; i < s->events.n; i++)
			es[i] = s->events.v[i];
		qsort(es, (size_t)s->events.n, sizeof *es, cmp_event);
		for (int i = 0; i < s->events.n; i++) {
			size_t start = sb->len;
			mysql_print_event(sb, es[i], si, false);
			end_statement(sb, sb->buf, start);
		}
		free(es);
	}
	free(tabs);
	free(order);
	free(views);
	free(done);
	free(deferred);
}
