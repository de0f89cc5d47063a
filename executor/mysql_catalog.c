/*
 * mysql_catalog.c: reads a live MySQL/MariaDB database into the model in a handful of round
 * trips, whatever the number of tables:
 *
 *   1. information_schema.TABLES: every base table and view with its size, in one query
 *      (MariaDB sequences included; not the tables `<t>__osc_new` and `<t>__osc_pos` of the online copy
 *      engine, nor its triggers `<t>__osc_ins/_upd/_del` in step 3: a copy waiting for its
 *      cut-over is not part of the schema);
 *   2. SHOW CREATE TABLE / VIEW, MYSQL_BATCH_STATEMENTS statements per multi-statement round
 *      trip, each batch parsed while the server works on the next;
 *   3. information_schema.TRIGGERS in one query, turned into CREATE TRIGGER texts;
 *   4. information_schema.ROUTINES and EVENTS in one query, then batched SHOW CREATE
 *      FUNCTION/PROCEDURE/EVENT.
 *
 * The texts go through the MySQL front end (mysql_parse), exactly as a user's files do (a batch
 * in one call; object by object when that fails, so errors name their object), so a server's
 * schema and a file's schema become the same model; then mysql_normalize for this
 * server. The original texts stay available (MyCatalog) for callers that want them. Never
 * writes to the server.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/mysql_internal.h"
#include "parser/frontend.h"

static const char *const kind_sql[] = {
	[MYOBJ_TABLE] = "TABLE",
	[MYOBJ_VIEW] = "VIEW",
	[MYOBJ_SEQUENCE] = "SEQUENCE",
	[MYOBJ_FUNCTION] = "FUNCTION",
	[MYOBJ_PROCEDURE] = "PROCEDURE",
	[MYOBJ_TRIGGER] = "TRIGGER",
	[MYOBJ_EVENT] = "EVENT",
};

/* Column of the CREATE text in SHOW CREATE output: Table/View/Sequence: 1; routines: 2;
 * events: 3. */
static int create_column(MyObjKind k)
{
	if (k == MYOBJ_EVENT)
		return 3;
	return k == MYOBJ_FUNCTION || k == MYOBJ_PROCEDURE ? 2 : 1;
}

const char *mysql_objkind_name(MyObjKind k)
{
	return kind_sql[k];
}

int mysql_batch_text(StrBuf *sb, MyObject *const *objs, int from, int n, int max_stmts,
		     size_t max_bytes)
{
	int i;
	sb_reset(sb);
	for (i = from; i < n && i - from < max_stmts; i++) {
		size_t before = sb->len;
		sb_adds(sb, "SHOW CREATE ");
		sb_adds(sb, kind_sql[objs[i]->kind]);
		sb_addc(sb, ' ');
		sb_add_mysql_ident(sb, objs[i]->name);
		sb_addc(sb, ';');
		if (sb->len > max_bytes && i > from) {
			sb_truncate(sb, before);
			break;
		}
	}
	return i - from;
}

/* Called with each batch of objects whose texts just arrived, while the server already works
 * on the next batch: the caller's parsing overlaps the server's SHOW CREATE work. */
typedef int (*BatchFn)(void *ctx, MyObject **objs, int n);

static int show_error(Arena *a, Conn *c, Diag *d, const MyObject *o)
{
	return mysql_report_error(c, d, arena_printf(a, "SHOW CREATE %s `%s`", kind_sql[o->kind],
						     o->name));
}

/* Read the results of one sent batch objs[0..cnt) into create_sql. */
static int read_batch(Arena *a, Diag *d, Conn *c, MyObject **objs, int cnt)
{
	if (mysql_read_query_result(c->my) != 0)
		return show_error(a, c, d, objs[0]);  /* the first statement failed */
	for (int i = 0; i < cnt; i++) {
		MyObject *o = objs[i];
		MYSQL_RES *res = mysql_store_result(c->my);
		MYSQL_ROW row;
		unsigned long *lens;
		int col = create_column(o->kind);

		if (!res)
			return show_error(a, c, d, o);
		row = mysql_fetch_row(res);
		lens = mysql_fetch_lengths(res);
		if (!row || mysql_num_fields(res) <= (unsigned)col || !row[col]) {
			mysql_free_result(res);
			/* Drain the rest of the batch before reporting. */
			while (mysql_next_result(c->my) == 0) {
				res = mysql_store_result(c->my);
				if (res)
					mysql_free_result(res);
			}
			diag_error(d, LOC_NONE, "the server shows no definition of %s \"%s\"",
				   str_lower(a, kind_sql[o->kind]), o->name);
			diag_hint(d, "the user of \"%s\" may lack the privileges to see it", c->url.display);
			return -1;
		}
		o->create_sql = arena_strndup(a, row[col], lens[col]);
		mysql_free_result(res);
		if (i + 1 < cnt && mysql_next_result(c->my) != 0)
			return show_error(a, c, d, objs[i + 1]);
	}
	/* Nothing must be left pending on the connection. */
	while (mysql_more_results(c->my)) {
		MYSQL_RES *res;
		if (mysql_next_result(c->my) > 0)
			return mysql_report_error(c, d, NULL);
		res = mysql_store_result(c->my);
		if (res)
			mysql_free_result(res);
	}
	return 0;
}

/* Run SHOW CREATE for objs[0..n) in batches, filling create_sql, the next batch always sent
 * before the current one is handed to fn (may be NULL). */
static int fetch_create_texts(Arena *a, Diag *d, Conn *c, MyCatalog *cat, MyObject **objs, int n,
			      BatchFn fn, void *ctx)
{
	StrBuf sb;
	int from = 0, cnt = 0, rc = 0;

	sb_init(&sb);
	if (n > 0) {
		cnt = mysql_batch_text(&sb, objs, 0, n, MYSQL_BATCH_STATEMENTS, MYSQL_BATCH_BYTES);
		if (mysql_send_query(c->my, sb.buf, sb.len) != 0)
			rc = show_error(a, c, d, objs[0]);
	}
	while (rc == 0 && from < n) {
		int next = from + cnt, next_cnt = 0;
		if (read_batch(a, d, c, objs + from, cnt) < 0) {
			rc = -1;
			break;
		}
		cat->round_trips++;
		for (int i = from; i < next; i++)
			if (objs[i]->kind == MYOBJ_VIEW)
				objs[i]->create_sql = mysql_strip_db_qualifier(a, objs[i]->create_sql,
									       cat->database);
		if (next < n) {
			next_cnt = mysql_batch_text(&sb, objs, next, n, MYSQL_BATCH_STATEMENTS,
						    MYSQL_BATCH_BYTES);
			if (mysql_send_query(c->my, sb.buf, sb.len) != 0) {
				rc = show_error(a, c, d, objs[next]);
				break;
			}
		}
		if (fn && fn(ctx, objs + from, cnt) < 0) {
			/* Collect the batch in flight so the connection stays usable. */
			if (next < n && read_batch(a, d, c, objs + next, next_cnt) == 0)
				cat->round_trips++;
			rc = -1;
			break;
		}
		from = next;
		cnt = next_cnt;
	}
	sb_release(&sb);
	return rc;
}

static long long to_ll(const char *s)
{
	return s ? strtoll(s, NULL, 10) : 0;
}

static MyObject *add_object(Arena *a, MyCatalog *cat, MyObjKind k, const char *name)
{
	MyObject *o = ARENA_NEW(a, MyObject);
	o->kind = k;
	o->name = arena_strdup(a, name);
	LIST_PUSH(a, &cat->objects, o);
	return o;
}

static int list_tables(Arena *a, Diag *d, Conn *c, MyCatalog *cat)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	res = mysql_query_rows(c, d,
			       "SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, "
			       "AUTO_INCREMENT FROM information_schema.TABLES "
			       "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE '%\\_\\_osc\\_new' "
			       "AND TABLE_NAME NOT LIKE '%\\_\\_osc\\_pos' "
			       "ORDER BY TABLE_NAME");
	if (!res)
		return -1;
	cat->round_trips++;
	while ((row = mysql_fetch_row(res)) != NULL) {
		MyObjKind k;
		MyObject *o;
		if (!row[0] || !row[1])
			continue;
		if (!strcmp(row[1], "VIEW"))
			k = MYOBJ_VIEW;
		else if (!strcmp(row[1], "SEQUENCE"))
			k = MYOBJ_SEQUENCE;  /* SHOW CREATE SEQUENCE */
		else if (!strcmp(row[1], "BASE TABLE") || !strcmp(row[1], "SYSTEM VERSIONED"))
			k = MYOBJ_TABLE;
		else
			continue;  /* TEMPORARY and the like are not part of the schema */
		o = add_object(a, cat, k, row[0]);
		o->est_rows = to_ll(row[2]);
		o->data_bytes = to_ll(row[3]);
		o->auto_increment = to_ll(row[4]);
	}
	mysql_free_result(res);
	return 0;
}

/* information_schema.TRIGGERS DEFINER is user@host; SHOW CREATE spells `user`@`host`. */
static void add_definer(StrBuf *sb, const char *definer)
{
	const char *at = definer ? strrchr(definer, '@') : NULL;
	if (!at)
		return;
	sb_adds(sb, "DEFINER=");
	{
		char *user = strndup(definer, (size_t)(at - definer));
		if (!user)
			xoom();
		sb_add_mysql_ident(sb, user);
		free(user);
	}
	sb_addc(sb, '@');
	sb_add_mysql_ident(sb, at + 1);
	sb_addc(sb, ' ');
}

static int list_triggers(Arena *a, Diag *d, Conn *c, MyCatalog *cat)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	StrBuf sb;
	MyObject *prev = NULL;

	/* In firing order, so creating them in this order keeps it. */
	res = mysql_query_rows(c, d,
			       "SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, "
			       "ACTION_ORDER, ACTION_STATEMENT, DEFINER FROM information_schema.TRIGGERS "
			       "WHERE TRIGGER_SCHEMA = DATABASE() AND TRIGGER_NAME NOT LIKE '%\\_\\_osc\\_ins' "
			       "AND TRIGGER_NAME NOT LIKE '%\\_\\_osc\\_upd' AND TRIGGER_NAME NOT LIKE '%\\_\\_osc\\_del' "
			       "ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER");
	if (!res)
		return -1;
	cat->round_trips++;
	sb_init(&sb);
	while ((row = mysql_fetch_row(res)) != NULL) {
		MyObject *o;
		if (!row[0] || !row[1] || !row[2] || !row[3] || !row[5])
			continue;
		o = add_object(a, cat, MYOBJ_TRIGGER, row[0]);
		o->table = arena_strdup(a, row[3]);
		o->timing = arena_strdup(a, row[1]);
		o->event = arena_strdup(a, row[2]);
		sb_reset(&sb);
		sb_adds(&sb, "CREATE ");
		add_definer(&sb, row[6]);
		sb_adds(&sb, "TRIGGER ");
		sb_add_mysql_ident(&sb, row[0]);
		sb_addf(&sb, " %s %s ON ", row[1], row[2]);
		sb_add_mysql_ident(&sb, row[3]);
		sb_adds(&sb, " FOR EACH ROW ");
		sb_adds(&sb, row[5]);
		o->create_sql = sb_to_arena(&sb, a);
		if (prev && to_ll(row[4]) > 1 && str_eq(prev->table, o->table) &&
		    str_eq(prev->timing, o->timing) && str_eq(prev->event, o->event))
			o->follows = prev->name;
		prev = o;
	}
	sb_release(&sb);
	mysql_free_result(res);
	return 0;
}

/* Stored functions, procedures and events: one round trip for the three. */
static int list_routines(Arena *a, Diag *d, Conn *c, MyCatalog *cat)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	res = mysql_query_rows(c, d,
			       "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
			       "WHERE ROUTINE_SCHEMA = DATABASE() "
			       "UNION ALL SELECT EVENT_NAME, 'EVENT' FROM information_schema.EVENTS "
			       "WHERE EVENT_SCHEMA = DATABASE() ORDER BY 2, 1");
	if (!res)
		return -1;
	cat->round_trips++;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (!row[0] || !row[1])
			continue;
		if (!strcmp(row[1], "FUNCTION"))
			add_object(a, cat, MYOBJ_FUNCTION, row[0]);
		else if (!strcmp(row[1], "PROCEDURE"))
			add_object(a, cat, MYOBJ_PROCEDURE, row[0]);
		else if (!strcmp(row[1], "EVENT"))
			add_object(a, cat, MYOBJ_EVENT, row[0]);
		else
			diag_warn(d, LOC_NONE, "%s \"%s\" is not read (only functions and procedures are)",
				  str_lower(a, row[1]), row[0]);
	}
	mysql_free_result(res);
	return 0;
}

/* Remove `db`. qualifiers (the view's own database) outside string literals: a view written
 * unqualified comes back qualified, and the model must not see the database name. */
const char *mysql_strip_db_qualifier(Arena *a, const char *sql, const char *db)
{
	StrBuf q, out;
	const char *p = sql;
	char *r;

	sb_init(&q);
	sb_add_mysql_ident(&q, db);
	sb_addc(&q, '.');
	if (!strstr(sql, q.buf)) {
		sb_release(&q);
		return sql;
	}
	sb_init(&out);
	while (*p) {
		if (*p == '\'' || *p == '"') {
			char quote = *p;
			sb_addc(&out, *p++);
			while (*p) {
				if (*p == '\\' && p[1]) {
					sb_add(&out, p, 2);
					p += 2;
					continue;
				}
				if (*p == quote && p[1] == quote) {
					sb_add(&out, p, 2);
					p += 2;
					continue;
				}
				if (*p == quote)
					break;
				sb_addc(&out, *p++);
			}
			if (*p)
				sb_addc(&out, *p++);
		} else if (*p == '`') {
			if (!strncmp(p, q.buf, q.len)) {
				p += q.len;
				continue;
			}
			/* copy the whole quoted identifier */
			sb_addc(&out, *p++);
			while (*p) {
				if (*p == '`' && p[1] == '`') {
					sb_add(&out, p, 2);
					p += 2;
					continue;
				}
				if (*p == '`')
					break;
				sb_addc(&out, *p++);
			}
			if (*p)
				sb_addc(&out, *p++);
		} else {
			sb_addc(&out, *p++);
		}
	}
	sb_release(&q);
	r = sb_to_arena(&out, a);
	sb_release(&out);
	return r;
}

/* The fetch, with fn called on each batch of SHOW CREATE texts as it arrives (see BatchFn);
 * the trigger texts come last, without a call. */
static int catalog_fetch(Arena *a, Diag *d, Conn *c, MyCatalog *cat, BatchFn fn, void *ctx)
{
	MyObject **shows;
	int nshow = 0;

	memset(cat, 0, sizeof *cat);
	if (!c->url.database) {
		diag_error(d, LOC_NONE, "no database named in \"%s\"", c->url.display);
		diag_hint(d, "add it to the URL: mysql://user@host:port/DATABASE");
		return -1;
	}
	cat->database = c->url.database;
	if (list_tables(a, d, c, cat) < 0 || list_routines(a, d, c, cat) < 0)
		return -1;
	shows = arena_alloc(a, sizeof *shows * (size_t)(cat->objects.n + 1));
	for (int i = 0; i < cat->objects.n; i++)
		shows[nshow++] = cat->objects.v[i];
	if (fetch_create_texts(a, d, c, cat, shows, nshow, fn, ctx) < 0)
		return -1;
	return list_triggers(a, d, c, cat);
}

int mysql_catalog_fetch(Arena *a, Diag *d, Conn *c, MyCatalog *cat)
{
	return catalog_fetch(a, d, c, cat, NULL, NULL);
}

/* The text to parse for one object. A routine or trigger body holds semicolons that are not
 * statement ends; the front end splits at the delimiter like the mysql client, so such a
 * text is given as its own DELIMITER block (diagnostics then count that first line). */
static const char *statement_text(Arena *a, const MyObject *o)
{
	const char *delim;

	if ((o->kind != MYOBJ_FUNCTION && o->kind != MYOBJ_PROCEDURE && o->kind != MYOBJ_TRIGGER &&
	     o->kind != MYOBJ_EVENT) ||
	    !strchr(o->create_sql, ';'))
		return o->create_sql;
	delim = strstr(o->create_sql, ";;") ? "$$sqlshape$$" : ";;";
	return arena_printf(a, "DELIMITER %s\n%s\n%s\nDELIMITER ;\n", delim, o->create_sql, delim);
}

/* Parse objects into out; every error is reported, -1 if any. */
typedef struct ParseCtx {
	Arena *a;
	Diag *d;
	const char *display;
	Schema *out;
	int errors;
	Flavor flavor;  /* the server's: executable comments and column-level REFERENCES follow it */
} ParseCtx;

static void parse_one(ParseCtx *p, MyObject *o)
{
	const char *fname = arena_printf(p->a, "%s (%s %s)", p->display,
					 str_lower(p->a, kind_sql[o->kind]), o->name);
	const char *text = statement_text(p->a, o);
	int fid = diag_add_file(p->d, fname, text, strlen(text));
	if (mysql_parse_flavor(p->a, p->d, fid, p->out, NULL, p->flavor) < 0)
		p->errors++;
	o->parsed = true;
}

#define APPEND_LIST(a, to, from) \
	do { \
		for (int k_ = 0; k_ < (from).n; k_++) \
			LIST_PUSH((a), &(to), (from).v[k_]); \
	} while (0)

/* Parse a whole batch as one text into a scratch schema, quietly; on success move its objects
 * into out. The front end sets up per call (e.g. its table index over the schema), so one call
 * per batch instead of per object keeps the read linear. 0, or -1 with every trace of the
 * attempt removed from d. */
static int parse_batch(ParseCtx *p, MyObject **objs, int n)
{
	StrBuf sb;
	Diag *d = p->d;
	FILE *stream = d->stream;
	size_t text_len = d->text.len;
	int errors = d->errors, warnings = d->warnings, fid, rc;
	size_t len;
	const char *text;
	Schema *scratch = schema_new(p->a, DIALECT_MYSQL);

	sb_init(&sb);
	for (int i = 0; i < n; i++) {
		const char *t = statement_text(p->a, objs[i]);
		sb_adds(&sb, t);
		if (t == objs[i]->create_sql)
			sb_adds(&sb, ";\n");  /* a DELIMITER block ends itself */
	}
	len = sb.len;
	text = sb_to_arena(&sb, p->a);
	sb_release(&sb);
	fid = diag_add_file(d, arena_printf(p->a, "%s (SHOW CREATE output)", p->display), text, len);
	d->stream = NULL;
	rc = mysql_parse_flavor(p->a, d, fid, scratch, NULL, p->flavor);
	d->stream = stream;
	if (rc < 0 || d->errors != errors) {
		sb_truncate(&d->text, text_len);
		d->errors = errors;
		d->warnings = warnings;
		return -1;
	}
	if (d->warnings != warnings && stream) {
		/* Warnings were kept quiet: show them now. */
		fputs(d->text.buf + text_len, stream);
	}
	APPEND_LIST(p->a, p->out->tables, scratch->tables);
	APPEND_LIST(p->a, p->out->views, scratch->views);
	APPEND_LIST(p->a, p->out->routines, scratch->routines);
	APPEND_LIST(p->a, p->out->triggers, scratch->triggers);
	APPEND_LIST(p->a, p->out->sequences, scratch->sequences);
	APPEND_LIST(p->a, p->out->types, scratch->types);
	APPEND_LIST(p->a, p->out->namespaces, scratch->namespaces);
	APPEND_LIST(p->a, p->out->extensions, scratch->extensions);
	APPEND_LIST(p->a, p->out->policies, scratch->policies);
	APPEND_LIST(p->a, p->out->events, scratch->events);
	for (int i = 0; i < n; i++)
		objs[i]->parsed = true;
	return 0;
}

/* BatchFn: parse the batch in one go; if that fails, object by object, so every error names
 * its object. */
static int parse_objects(void *vctx, MyObject **objs, int n)
{
	ParseCtx *p = vctx;
	if (n > 1 && parse_batch(p, objs, n) == 0)
		return 0;
	for (int i = 0; i < n; i++)
		parse_one(p, objs[i]);
	/* Keep fetching after a parse error: every error of the catalogue is worth seeing. */
	return 0;
}

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* After parsing: sizes onto tables, firing order onto triggers, then normalisation. Tables
 * are matched through a hash of their names: one pass, not one lookup per table. */
static int finish(Arena *a, Diag *d, const MyCatalog *cat, const ServerInfo *si, Schema *out)
{
	unsigned cap = 16;
	MyObject **slots;
	int ntables = 0;

	while (cap < 2u * (unsigned)cat->objects.n + 16)
		cap *= 2;
	slots = arena_alloc(a, sizeof *slots * cap);
	for (int i = 0; i < cat->objects.n; i++) {
		MyObject *o = cat->objects.v[i];
		unsigned h;
		if (o->kind != MYOBJ_TABLE)
			continue;
		ntables++;
		for (h = name_hash(o->name) & (cap - 1); slots[h]; h = (h + 1) & (cap - 1))
			;
		slots[h] = o;
	}
	for (int i = 0; i < out->tables.n; i++) {
		Table *t = out->tables.v[i];
		MyObject *o = NULL;
		for (unsigned h = name_hash(t->name) & (cap - 1); slots[h]; h = (h + 1) & (cap - 1))
			if (str_eq(slots[h]->name, t->name)) {
				o = slots[h];
				break;
			}
		if (!o)
			continue;  /* a table the server did not list (cannot happen) keeps no sizes */
		o->parsed = false;  /* marks it matched; parsing is over */
		t->est_rows = o->est_rows;
		t->data_bytes = o->data_bytes;
		if (!t->auto_increment)
			t->auto_increment = o->auto_increment;
		ntables--;
	}
	if (ntables) {
		for (int i = 0; i < cat->objects.n; i++)
			if (cat->objects.v[i]->kind == MYOBJ_TABLE && cat->objects.v[i]->parsed)
				return diag_error(d, LOC_NONE, "table \"%s\" is missing after parsing its "
							       "SHOW CREATE TABLE", cat->objects.v[i]->name);
	}
	for (int i = 0; i < cat->objects.n; i++) {
		MyObject *o = cat->objects.v[i];
		if (o->kind != MYOBJ_TRIGGER || !o->follows)
			continue;
		for (int k = 0; k < out->triggers.n; k++) {
			StrBuf sb;
			if (!str_eq(out->triggers.v[k]->name, o->name))
				continue;
			sb_init(&sb);
			sb_adds(&sb, "FOLLOWS ");
			sb_add_mysql_ident(&sb, o->follows);
			out->triggers.v[k]->order_clause = sb_to_arena(&sb, a);
			sb_release(&sb);
		}
	}
	mysql_normalize(a, out, si);
	return 0;
}

/* Parse what was not parsed yet (all of it after a plain fetch; the triggers after a
 * pipelined one) and finish. */
static int build_rest(ParseCtx *p, const MyCatalog *cat, const ServerInfo *si)
{
	p->out->dialect = DIALECT_MYSQL;
	p->out->name = cat->database;
	for (int i = 0; i < cat->objects.n; i++) {
		MyObject *o = cat->objects.v[i];
		if (!o->parsed)
			parse_one(p, o);
	}
	if (p->errors)
		return -1;
	return finish(p->a, p->d, cat, si, p->out);
}

int mysql_catalog_build(Arena *a, Diag *d, const MyCatalog *cat, const char *display,
			const ServerInfo *si, Schema *out)
{
	ParseCtx p = {a, d, display, out, 0, si ? si->flavor : FLAVOR_UNKNOWN};
	for (int i = 0; i < cat->objects.n; i++)
		cat->objects.v[i]->parsed = false;
	return build_rest(&p, cat, si);
}

int mysql_catalog_read(Arena *a, Diag *d, Conn *c, Schema *out)
{
	MyCatalog cat;
	ParseCtx p = {a, d, c->url.display, out, 0, c->server.flavor};

	out->dialect = DIALECT_MYSQL;
	out->name = c->url.database;
	if (catalog_fetch(a, d, c, &cat, parse_objects, &p) < 0)
		return -1;
	return build_rest(&p, &cat, &c->server);
}
