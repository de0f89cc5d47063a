/*
 * mysql_parse.c: the driver of the MySQL front end. Splits a file into statements at the
 * current delimiter (the lexer handles DELIMITER lines and executable comments), drops what a
 * dump wraps around its DDL (SET, USE, LOCK TABLES, data statements, ...), and feeds the rest
 * token by token to the lemon parser. A view, trigger or routine body is packed into a single
 * BODY token at the point where the parser accepts one, and its token-normalised text is kept
 * for the builders. One syntax error ends its statement; parsing goes on with the next, so that
 * every error of a file is reported. Never prints anything except through the Diag.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar/mysql.h"
#include "parser/frontend.h"
#include "parser/mysql_build.h"
#include "parser/mysql_parse.h"

/* ---- token values ---- */

/* Decode one quoted string starting at p (quote char q) to out; returns the end. The decoded
 * text is never longer than the quoted one, so callers size out by the token's length. */
static const char *decode_quoted(char **out, const char *p, const char *end)
{
	char q = *p++;
	char *o = *out;
	while (p < end) {
		char c = *p;
		if (c == q) {
			if (p + 1 < end && p[1] == q) {
				*o++ = q;
				p += 2;
				continue;
			}
			p++;
			break;
		}
		if (c == '\\' && p + 1 < end) {
			char n = p[1];
			switch (n) {
			case 'n': *o++ = '\n'; break;
			case 't': *o++ = '\t'; break;
			case 'r': *o++ = '\r'; break;
			case 'b': *o++ = '\b'; break;
			case 'Z': *o++ = 26; break;
			case '0': *o++ = (char)0xC0; *o++ = (char)0x80; break;  /* NUL: see core/sb.h */
			case '%': *o++ = '\\'; *o++ = '%'; break;
			case '_': *o++ = '\\'; *o++ = '_'; break;
			default: *o++ = n; break;
			}
			p += 2;
			continue;
		}
		*o++ = c;
		p++;
	}
	*out = o;
	return p;
}

char *mysql_string_value(Arena *a, const Token *t)
{
	const char *p = t->z, *end;
	char *s, *o;
	if (!p)
		return NULL;
	end = p + t->n;
	s = o = arena_alloc(a, t->n + 1);
	/* one literal, or a run of adjacent literals with blanks or comments between them */
	while (p < end) {
		if (*p == '\'' || *p == '"') {
			p = decode_quoted(&o, p, end);
		} else if ((*p == 'N' || *p == 'n') && p + 1 < end && p[1] == '\'') {
			p = decode_quoted(&o, p + 1, end);
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *c = p + 2;
			while (c + 1 < end && !(c[0] == '*' && c[1] == '/'))
				c++;
			p = c + 2;
		} else if ((*p == '#') || (*p == '-' && p + 1 < end && p[1] == '-')) {
			while (p < end && *p != '\n')
				p++;
		} else {
			p++;
		}
	}
	*o = '\0';
	return s;
}

char *mysql_ident_value(Arena *a, const Token *t)
{
	char *s, *o;
	if (!t->z)
		return NULL;
	if (t->n >= 2 && t->z[0] == '`') {
		s = o = arena_alloc(a, t->n);
		for (uint32_t i = 1; i + 1 < t->n; i++) {
			*o++ = t->z[i];
			if (t->z[i] == '`' && t->z[i + 1] == '`')
				i++;
		}
		*o = '\0';
		return s;
	}
	if (t->n >= 2 && (t->z[0] == '\'' || t->z[0] == '"'))
		return mysql_string_value(a, t);
	return arena_strndup(a, t->z, t->n);
}

/* ---- token-normalised text ---- */

/* Words printed uppercase in a normalised body: MySQL's reserved words plus the keywords of
 * compound statements and types. Any other unquoted word is an identifier (backquoted) or,
 * before "(", a function name (lowercase). Sorted for bsearch. */
static const char *const body_keywords[] = {
	"ACCESSIBLE", "ADD", "AFTER", "AGAINST", "ALGORITHM", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "ANY", "AS",
	"ASC", "ASENSITIVE", "AT", "AUTO_INCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BIGINT", "BINARY", "BIT", "BLOB",
	"BOOL", "BOOLEAN", "BOTH", "BY", "CALL", "CASCADE", "CASE", "CHANGE", "CHAR", "CHARACTER", "CHARSET", "CHECK",
	"CLOSE", "COLLATE", "COLUMN", "COMMENT", "COMMIT", "CONDITION", "CONSTRAINT", "CONTINUE", "CONVERT", "CREATE",
	"CROSS", "CUBE", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATABASE",
	"DATABASES", "DATE", "DATETIME", "DAY", "DAY_HOUR", "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND", "DEC",
	"DECIMAL", "DECLARE", "DEFAULT", "DEFINER", "DELAYED", "DELETE", "DESC", "DESCRIBE", "DETERMINISTIC",
	"DISTINCT", "DISTINCTROW", "DIV", "DO", "DOUBLE", "DROP", "DUAL", "DUPLICATE", "EACH", "ELSE", "ELSEIF",
	"ENCLOSED", "END", "ENUM", "ESCAPE", "ESCAPED", "EXCEPT", "EXISTS", "EXIT", "EXPLAIN", "FALSE", "FETCH",
	"FIRST", "FLOAT", "FLOAT4", "FLOAT8", "FOR", "FORCE", "FOREIGN", "FOUND", "FROM", "FULL", "FULLTEXT",
	"FUNCTION", "GENERATED", "GET", "GRANT", "GROUP", "GROUPING", "HANDLER", "HAVING", "HIGH_PRIORITY", "HOUR",
	"HOUR_MICROSECOND", "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX", "INFILE", "INNER", "INOUT",
	"INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3", "INT4", "INT8", "INTEGER", "INTERSECT", "INTERVAL",
	"INTO", "INVOKER", "IS", "ITERATE", "JOIN", "JSON", "KEY", "KEYS", "KILL", "LAST", "LATERAL", "LEADING",
	"LEAVE", "LEFT", "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD", "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG",
	"LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY", "MATCH", "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT",
	"MICROSECOND", "MIDDLEINT", "MINUTE", "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODE", "MODIFIES",
	"MONTH", "NATURAL", "NEW", "NEXT", "NO", "NOT", "NO_WRITE_TO_BINLOG", "NULL", "NUMERIC", "OF", "OFFSET", "OLD",
	"ON", "OPEN", "OPTIMIZE", "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE", "OVER",
	"PARTITION", "PRECISION", "PREPARE", "PRIMARY", "PROCEDURE", "PURGE", "QUARTER", "RANGE", "READ", "READS",
	"REAL", "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE", "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESIGNAL",
	"RESTRICT", "RETURN", "RETURNS", "REVOKE", "RIGHT", "RLIKE", "ROLLBACK", "ROLLUP", "ROW", "ROWS", "SCHEMA",
	"SCHEMAS", "SECOND", "SECOND_MICROSECOND", "SECURITY", "SELECT", "SENSITIVE", "SEPARATOR", "SET", "SHARE",
	"SHOW", "SIGNAL", "SIGNED", "SMALLINT", "SPATIAL", "SPECIFIC", "SQL", "SQLEXCEPTION", "SQLSTATE",
	"SQLWARNING", "SQL_BIG_RESULT", "SQL_CALC_FOUND_ROWS", "SQL_SMALL_RESULT", "SSL", "START", "STARTING",
	"STORED", "STRAIGHT_JOIN", "TABLE", "TEMPORARY", "TERMINATED", "TEXT", "THEN", "TIME", "TIMESTAMP",
	"TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TRAILING", "TRANSACTION", "TRIGGER", "TRUE", "TRUNCATE", "UNDO",
	"UNION", "UNIQUE", "UNLOCK", "UNSIGNED", "UNTIL", "UPDATE", "USAGE", "USE", "USING", "UTC_DATE", "UTC_TIME",
	"UTC_TIMESTAMP", "VALUE", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARYING", "VIEW", "VIRTUAL",
	"WEEK", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WORK", "WRITE", "XOR", "YEAR", "YEAR_MONTH", "ZEROFILL",
};

static int kw_cmp(const void *k, const void *e)
{
	return strcmp((const char *)k, *(const char *const *)e);
}

static bool is_body_keyword(const char *upper)
{
	return bsearch(upper, body_keywords, sizeof body_keywords / sizeof body_keywords[0], sizeof body_keywords[0],
		       kw_cmp) != NULL;
}

static bool no_space_before(int code)
{
	return code == TK_COMMA || code == TK_RP || code == TK_DOT || code == TK_SEMI || code == TK_DELIM || code == TK_COLON;
}

void mysql_tokens_canonical_sb(StrBuf *sb, Arena *a, const Token *toks, int n)
{
	bool glue = true; /* no space before the next token */
	char buf[80];
	for (int i = 0; i < n; i++) {
		const Token *t = &toks[i];
		int code = t->code;
		bool next_lp = i + 1 < n && toks[i + 1].code == TK_LP;
		bool glue_after = false;
		if (!glue && !no_space_before(code))
			sb_addc(sb, ' ');
		if (t->word && !t->quoted && code != TK_INTRODUCER) {
			size_t k;
			for (k = 0; k < t->n && k + 1 < sizeof buf; k++)
				buf[k] = (char)toupper((unsigned char)t->z[k]);
			buf[k] = '\0';
			if (t->n < sizeof buf - 1 && is_body_keyword(buf)) {
				sb_adds(sb, buf);
			} else if (next_lp) {
				for (uint32_t j = 0; j < t->n; j++)
					sb_addc(sb, tolower((unsigned char)t->z[j]));
				glue_after = true;
			} else {
				sb_add_mysql_ident(sb, mysql_ident_value(a, t));
			}
		} else if (code == TK_ID) {
			sb_add_mysql_ident(sb, mysql_ident_value(a, t));
		} else if (code == TK_STRING) {
			sb_add_mysql_string(sb, mysql_string_value(a, t));
		} else if (code == TK_NSTRING) {
			sb_addc(sb, 'N');
			sb_add_mysql_string(sb, mysql_string_value(a, t));
		} else if (code == TK_INTRODUCER) {
			for (uint32_t j = 0; j < t->n; j++)
				sb_addc(sb, tolower((unsigned char)t->z[j]));
			glue_after = true;
		} else if (code == TK_DELIM || code == TK_SEMI) {
			sb_addc(sb, ';');
		} else if (code == TK_NE) {
			sb_adds(sb, "<>");
		} else {
			sb_add(sb, t->z, t->n);
		}
		glue = glue_after || code == TK_LP || code == TK_DOT || code == TK_AT ||
		       (code == TK_VARIABLE && t->n > 0 && i + 1 < n && toks[i + 1].code == TK_DOT);
	}
}

/* ---- the statement loop ---- */

typedef struct TokVec {
	Token *v;
	int n, cap;
} TokVec;

static void tv_push(TokVec *tv, const Token *t)
{
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? tv->cap * 2 : 256;
		tv->v = xrealloc(tv->v, (size_t)tv->cap * sizeof *tv->v);
	}
	tv->v[tv->n++] = *t;
}

static bool tok_is(const Token *t, const char *word)
{
	size_t n = strlen(word);
	return t->n == n && !t->quoted && t->word && strncasecmp(t->z, word, n) == 0;
}

typedef struct Driver {
	Arena *a;
	Diag *d;
	int file;
	Schema *s;
	ParseStats *st;
	Lexer lx;
	MyCtx ctx;
	void *parser;
	int data_statements;
	SrcLoc first_data;
} Driver;

void MysqlParseInit(void *p, MyCtx *ctx);
void MysqlParseFinalize(void *p);

static void ctx_reset(MyCtx *c)
{
	StrBuf args = c->args, chars = c->chars;
	Arena *a = c->a;
	Diag *d = c->d;
	int file = c->file;
	Schema *s = c->s;
	ParseStats *st = c->st;
	Lexer *lx = c->lx;
	bool expr_mode = c->expr_mode;
	TableIndex *tix = c->tix;
	int *fed = c->fed, fed_cap = c->fed_cap;

	memset(c, 0, sizeof *c);
	c->a = a;
	c->d = d;
	c->file = file;
	c->s = s;
	c->st = st;
	c->lx = lx;
	c->expr_mode = expr_mode;
	c->tix = tix;
	c->fed = fed;
	c->fed_cap = fed_cap;
	sb_reset(&args);
	sb_reset(&chars);
	c->args = args;
	c->chars = chars;
}

/* Statements a dump wraps around its DDL; true when toks is one of them (and counted). */
static bool ignorable(Driver *dr, const Token *toks, int n)
{
	static const char *const skip[] = {
		"set", "use", "lock", "unlock", "select", "flush", "source", "start", "commit", "rollback",
		"begin", "analyze", "optimize", "checksum", "prepare", "execute", "deallocate", "do", NULL,
	};
	const Token *t = &toks[0];
	for (int i = 0; skip[i]; i++) {
		if (tok_is(t, skip[i])) {
			dr->st->ignored_statements++;
			return true;
		}
	}
	if (tok_is(t, "insert") || tok_is(t, "replace")) {
		if (dr->data_statements++ == 0)
			dr->first_data = (SrcLoc){dr->file, t->off, t->n};
		dr->st->data_statements++;
		return true;
	}
	if ((tok_is(t, "create") || tok_is(t, "alter")) && n > 1 &&
	    (tok_is(&toks[1], "database") || tok_is(&toks[1], "schema"))) {
		dr->st->ignored_statements++;
		return true;
	}
	return false;
}

static bool may_have_body(const Token *toks, int n)
{
	for (int i = 1; i < n && i < 24; i++) {
		int c = toks[i].code;
		if (c == TK_VIEW || c == TK_TRIGGER || c == TK_FUNCTION || c == TK_PROCEDURE || c == TK_EVENT)
			return true;
		if (c == TK_LP || c == TK_TABLE || c == TK_INDEX)
			return false;
	}
	return false;
}

/* CREATE [...] TRIGGER/PROCEDURE/FUNCTION/EVENT: a statement whose body may hold ";". */
static bool routine_statement(const Token *toks, int n)
{
	if (n < 2 || toks[0].code != TK_CREATE)
		return false;
	for (int i = 1; i < n && i < 24; i++) {
		int c = toks[i].code;
		if (c == TK_TRIGGER || c == TK_FUNCTION || c == TK_PROCEDURE || c == TK_EVENT)
			return true;
		if (c == TK_LP || c == TK_TABLE || c == TK_INDEX || c == TK_VIEW)
			return false;
	}
	return false;
}

/* The view's trailing WITH [CASCADED|LOCAL] CHECK OPTION stays outside the body. */
static int body_end(const Token *toks, int from, int n)
{
	int k = n;
	if (k - from >= 3 && toks[k - 1].code == TK_OPTION && toks[k - 2].code == TK_CHECK) {
		if (toks[k - 3].code == TK_WITH)
			return k - 3;
		if (k - from >= 4 && (toks[k - 3].code == TK_CASCADED || toks[k - 3].code == TK_LOCAL) &&
		    toks[k - 4].code == TK_WITH)
			return k - 4;
	}
	return k;
}

static void run_statement(Driver *dr, Token *toks, int n)
{
	MyCtx *ctx = &dr->ctx;
	bool bodies = may_have_body(toks, n);
	bool is_view = bodies && !routine_statement(toks, n);
	int depth = 0;
	int prev = 0;
	Token eof;

	ctx_reset(ctx);
	ctx->stmt_first_tok = toks[0].idx;
	ctx->stmt_start = &toks[0];
	ctx->def_first_tok = toks[0].idx;
	MysqlParseInit(dr->parser, ctx);
	for (int i = 0; i < n && !ctx->failed; i++) {
		Token t = toks[i];
		ctx->cur = t;
		if (bodies && !mysql_parser_accepts(dr->parser, t.code) && mysql_parser_accepts(dr->parser, TK_BODY)) {
			int end = is_view ? body_end(toks, i, n) : n;
			StrBuf sb = SB_INIT;
			Token b = t;
			if (end <= i)
				end = n;
			mysql_tokens_canonical_sb(&sb, dr->a, &toks[i], end - i);
			ctx->body_text = sb_to_arena(&sb, dr->a);
			sb_release(&sb);
			b.code = TK_BODY;
			b.n = toks[end - 1].off + toks[end - 1].n - t.off;
			mysql_parser_feed(dr->parser, ctx, TK_BODY, b);
			i = end - 1;
			prev = TK_BODY;
			continue;
		}
		if (t.code == TK_LP && ++depth > MYSQL_MAX_DEPTH) {
			diag_error(dr->d, (SrcLoc){dr->file, t.off, 1}, "statement is nested too deeply (more than %d parentheses)", MYSQL_MAX_DEPTH);
			ctx->failed = true;
			break;
		}
		if (t.code == TK_RP)
			depth--;
		if (depth <= 1 && (prev == TK_COMMA || prev == TK_LP || t.code == TK_ADD || t.code == TK_MODIFY ||
				   t.code == TK_CHANGE) && prev != TK_ADD)
			ctx->def_first_tok = t.idx;
		/* a syntax error is reported from inside (%syntax_error) and sets ctx->failed */
		mysql_parser_feed(dr->parser, ctx, t.code, t);
		prev = t.code;
	}
	if (!ctx->failed) {
		const Token *last = &toks[n - 1];
		memset(&eof, 0, sizeof eof);
		eof.off = last->off + last->n;
		eof.idx = last->idx + 1;
		ctx->cur = eof;
		mysql_parser_feed(dr->parser, ctx, 0, eof);
	}
	MysqlParseFinalize(dr->parser);
}

static void driver_init(Driver *dr, Arena *a, Diag *d, int file, Schema *s, ParseStats *st, const char *text, size_t len)
{
	memset(dr, 0, sizeof *dr);
	dr->a = a;
	dr->d = d;
	dr->file = file;
	dr->s = s;
	dr->st = st;
	mysql_lex_init(&dr->lx, a, d, file, text, len);
	dr->ctx.a = a;
	dr->ctx.d = d;
	dr->ctx.file = file;
	dr->ctx.s = s;
	dr->ctx.st = st;
	dr->ctx.lx = &dr->lx;
	sb_init(&dr->ctx.args);
	sb_init(&dr->ctx.chars);
	dr->ctx.tix = ARENA_NEW(a, TableIndex);
	b_table_index_rebuild(&dr->ctx);
	dr->parser = MysqlParseAlloc(malloc, &dr->ctx);
	if (!dr->parser)
		xoom();
	MysqlParseFinalize(dr->parser);
}

static void driver_release(Driver *dr)
{
	MysqlParseFree(dr->parser, free);
	free(dr->ctx.fed);
	sb_release(&dr->ctx.args);
	sb_release(&dr->ctx.chars);
}

/* The registered text when it is NUL-terminated at its length (load.c's texts and C strings
 * are), else a terminated copy: the lexer relies on the terminator. */
static const char *file_text(Arena *a, const DiagFile *f)
{
	char *t;
	if (f->text[f->len] == '\0')
		return f->text;
	t = arena_alloc(a, f->len + 1);
	memcpy(t, f->text, f->len);
	t[f->len] = '\0';
	return t;
}

/* The text registered for file_id must be readable one byte past its length (a NUL there
 * saves a copy; every text load.c registers and every C string qualifies). */
int mysql_parse(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st)
{
	return mysql_parse_flavor(a, d, file_id, s, st, FLAVOR_UNKNOWN);
}

int mysql_parse_flavor(Arena *a, Diag *d, int file_id, Schema *s, ParseStats *st, Flavor flavor)
{
	const DiagFile *f = diag_file(d, file_id);
	ParseStats dummy = {0, 0, 0};
	int errors0 = d->errors;
	TokVec tv = {NULL, 0, 0};
	Driver dr;
	bool eof = false;

	if (!f)
		return diag_error(d, LOC_NONE, "mysql_parse: unknown file id %d", file_id);
	if (!st)
		st = &dummy;
	driver_init(&dr, a, d, file_id, s, st, file_text(a, f), f->len);
	dr.lx.flavor = flavor;
	while (!eof) {
		bool lex_failed = false;
		int blocks = 0;          /* open BEGIN/CASE blocks of a compound body */
		bool pending_end = false;
		tv.n = 0;
		for (;;) {
			Token t;
			int c;
			dr.lx.at_stmt_start = tv.n == 0;
			c = mysql_lex_next(&dr.lx, &t);
			if (c == LEX_DELIMITER_CMD)
				continue;
			if (c == LEX_ERROR) {
				lex_failed = true;
				continue;
			}
			if (c == LEX_EOF) {
				eof = true;
				break;
			}
			/* A compound body given with the default delimiter (as a server prints a routine)
			 * keeps its inner ";": count BEGIN/CASE ... END, but not END IF/LOOP/WHILE/REPEAT. */
			bool after_end = pending_end;
			if (pending_end) {
				pending_end = false;
				if (!tok_is(&t, "if") && !tok_is(&t, "loop") && !tok_is(&t, "while") && !tok_is(&t, "repeat"))
					blocks--;
			}
			if (c == TK_DELIM) {
				/* a comment on the rest of this line belongs to this statement */
				mysql_lex_line_tail(&dr.lx);
				if (blocks > 0 && dr.lx.delim_len == 1 && dr.lx.delim[0] == ';' && routine_statement(tv.v, tv.n)) {
					t.code = TK_SEMI;
					tv_push(&tv, &t);
					continue;
				}
				break;
			}
			if (!after_end && (tok_is(&t, "begin") || t.code == TK_CASE))
				blocks++;
			else if (t.code == TK_END)
				pending_end = true;
			tv_push(&tv, &t);
		}
		/* ";" right before a custom delimiter (END;;; or a stray one) ends nothing more */
		while (tv.n > 0 && tv.v[tv.n - 1].code == TK_SEMI)
			tv.n--;
		if (tv.n == 0 || lex_failed)
			continue;
		if (ignorable(&dr, tv.v, tv.n))
			continue;
		run_statement(&dr, tv.v, tv.n);
	}
	if (dr.data_statements)
		diag_warn(d, dr.first_data, "ignored %d data statement%s (INSERT/REPLACE) in this file", dr.data_statements,
			  dr.data_statements == 1 ? "" : "s");
	free(tv.v);
	driver_release(&dr);
	return d->errors > errors0 ? -1 : 0;
}

Expr *mysql_parse_expr(Arena *a, Diag *d, const char *text)
{
	int errors0 = d->errors;
	/* registered as a copy: the caller's text (a server result) may be freed right after */
	const char *copy = arena_strdup(a, text);
	int file = diag_add_file(d, "<expression>", copy, strlen(copy));
	Schema *s = schema_new(a, DIALECT_MYSQL);
	ParseStats st = {0, 0, 0};
	TokVec tv = {NULL, 0, 0};
	Driver dr;
	Token start;
	Expr *e = NULL;
	int c, depth = 0;

	driver_init(&dr, a, d, file, s, &st, file_text(a, diag_file(d, file)), strlen(text));
	dr.lx.delim_len = 0;
	for (;;) {
		Token t;
		c = mysql_lex_next(&dr.lx, &t);
		if (c == LEX_EOF || c == LEX_ERROR)
			break;
		if (c == LEX_DELIMITER_CMD)
			continue;
		tv_push(&tv, &t);
	}
	if (c == LEX_EOF && d->errors == errors0) {
		MyCtx *ctx = &dr.ctx;
		ctx_reset(ctx);
		ctx->expr_mode = true;
		MysqlParseInit(dr.parser, ctx);
		memset(&start, 0, sizeof start);
		ctx->cur = start;
		mysql_parser_feed(dr.parser, ctx, TK_EXPR_START, start);
		for (int i = 0; i < tv.n && !ctx->failed; i++) {
			ctx->cur = tv.v[i];
			if (tv.v[i].code == TK_LP && ++depth > MYSQL_MAX_DEPTH) {
				diag_error(d, (SrcLoc){file, tv.v[i].off, 1}, "expression is nested too deeply (more than %d parentheses)", MYSQL_MAX_DEPTH);
				ctx->failed = true;
				break;
			}
			if (tv.v[i].code == TK_RP)
				depth--;
			mysql_parser_feed(dr.parser, ctx, tv.v[i].code, tv.v[i]);
		}
		if (!ctx->failed) {
			Token eof;
			memset(&eof, 0, sizeof eof);
			eof.off = (uint32_t)strlen(text);
			ctx->cur = eof;
			mysql_parser_feed(dr.parser, ctx, 0, eof);
		}
		MysqlParseFinalize(dr.parser);
		if (!ctx->failed && d->errors == errors0)
			e = ctx->expr_result;
	}
	free(tv.v);
	driver_release(&dr);
	return e;
}

const char *mysql_tokens_canonical(Arena *a, Diag *d, const char *text)
{
	const char *copy = arena_strdup(a, text);
	int file = diag_add_file(d, "<text>", copy, strlen(copy));
	int errors0 = d->errors;
	Lexer lx;
	TokVec tv = {NULL, 0, 0};
	StrBuf sb = SB_INIT;
	const char *out = NULL;
	int c;

	mysql_lex_init(&lx, a, d, file, file_text(a, diag_file(d, file)), strlen(text));
	lx.delim_len = 0;
	for (;;) {
		Token t;
		c = mysql_lex_next(&lx, &t);
		if (c == LEX_EOF || c == LEX_ERROR)
			break;
		if (c == LEX_DELIMITER_CMD)
			continue;
		tv_push(&tv, &t);
	}
	if (d->errors == errors0) {
		mysql_tokens_canonical_sb(&sb, a, tv.v, tv.n);
		out = sb_to_arena(&sb, a);
	}
	sb_release(&sb);
	free(tv.v);
	return out;
}

const char *mysql_requalify(Arena *a, const char *sql, const char *from_db, const char *to_db)
{
	Diag qd;
	Lexer lx;
	Token prev = {0};
	bool have_prev = false, failed = false;
	StrBuf sb = SB_INIT;
	uint32_t copied = 0;
	const char *out = sql;
	int file;

	if (!sql || !from_db || !*from_db || !strstr(sql, from_db))
		return sql;
	diag_init(&qd, a);
	qd.stream = NULL;
	file = diag_add_file(&qd, "<statement>", sql, strlen(sql));
	mysql_lex_init(&lx, a, &qd, file, sql, strlen(sql));
	lx.delim_len = 0; /* one statement: a compound body's ";" are tokens like any other */
	sb_init(&sb);
	for (;;) {
		Token t;
		int c = mysql_lex_next(&lx, &t);
		if (c == LEX_ERROR) {
			failed = true;
			break;
		}
		if (c == LEX_EOF)
			break;
		if (c == LEX_DELIMITER_CMD) {
			have_prev = false;
			continue;
		}
		if (c == TK_DOT && have_prev && (prev.word || prev.quoted) && prev.off >= copied &&
		    str_eq(mysql_ident_value(a, &prev), from_db)) {
			sb_add(&sb, sql + copied, prev.off - copied);
			sb_add_mysql_ident(&sb, to_db);
			copied = prev.off + prev.n;
		}
		prev = t;
		have_prev = true;
	}
	if (!failed && copied) {
		sb_adds(&sb, sql + copied);
		out = sb_to_arena(&sb, a);
	}
	sb_release(&sb);
	diag_release(&qd);
	return out;
}
