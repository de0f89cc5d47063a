/*
 * mysql_lex.re: the re2c lexer of the MySQL front end. Returns lemon's TK_* codes (from the
 * generated mysql.h) directly; keywords are case-insensitive single-quoted literals. Handles
 * comments (--, #, C style), executable comments (slash-star-bang NNNNN, MariaDB slash-star-M-bang, whose
 * content is lexed as ordinary text), the client's DELIMITER lines, and "@renamed" annotations
 * in comments. It never allocates outside the arena and reports every error through the Diag
 * with the offending position; it never reads past the terminating NUL of the text.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "grammar/mysql.h"
#include "parser/mysql_parse.h"

void mysql_lex_init(Lexer *lx, Arena *a, Diag *d, int file, const char *text, size_t len)
{
	memset(lx, 0, sizeof *lx);
	lx->arena = a;
	lx->diag = d;
	lx->file = file;
	lx->text = text;
	lx->cur = text;
	lx->end = text + len;
	/* a UTF-8 byte order mark is no part of the first token */
	if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB && (unsigned char)text[2] == 0xBF)
		lx->cur += 3;
	lx->delim[0] = ';';
	lx->delim_len = 1;
	lx->at_stmt_start = true;
	lx->last_tok_end = 0;
}

static SrcLoc lx_loc(const Lexer *lx, const char *p, size_t n)
{
	SrcLoc l = {lx->file, (uint32_t)(p - lx->text), (uint32_t)n};
	return l;
}

static int lx_fill(Lexer *lx, Token *t, int code)
{
	t->z = lx->tok;
	t->n = (uint32_t)(lx->cur - lx->tok);
	t->off = (uint32_t)(lx->tok - lx->text);
	t->idx = lx->ntok++;
	t->code = code;
	t->quoted = 0;
	t->word = 0;
	lx->last_tok_end = (uint32_t)(lx->cur - lx->text);
	return code;
}

static int kw(Lexer *lx, Token *t, int code)
{
	lx_fill(lx, t, code);
	t->word = 1;
	return code;
}

/* True when only blanks precede p on its line. */
static bool lx_line_start(const Lexer *lx, const char *p)
{
	while (p > lx->text && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p == lx->text || p[-1] == '\n' || p[-1] == '\r';
}

/* A comment body [b, e): record "@renamed from=name" annotations. */
static void lx_comment(Lexer *lx, const char *b, const char *e)
{
	const char *p = b, *q;
	Annotation *an;
	size_t n;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(e - p) < 8 || strncasecmp(p, "@renamed", 8) != 0)
		return;
	p += 8;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(e - p) < 5 || strncasecmp(p, "from=", 5) != 0) {
		if (lx->diag)
			diag_warn(lx->diag, lx_loc(lx, b, (size_t)(e - b)), "ignoring malformed annotation: expected \"@renamed from=name\"");
		return;
	}
	p += 5;
	if (p < e && *p == '`') {
		StrBuf sb = SB_INIT;
		for (q = p + 1; q < e; q++) {
			if (*q == '`') {
				if (q + 1 < e && q[1] == '`') {
					sb_addc(&sb, '`');
					q++;
					continue;
				}
				break;
			}
			sb_addc(&sb, *q);
		}
		an = ARENA_NEW(lx->arena, Annotation);
		an->from = sb_to_arena(&sb, lx->arena);
		sb_release(&sb);
	} else {
		for (q = p; q < e && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n' && !(*q == '*' && q + 1 < e && q[1] == '/'); q++)
			;
		n = (size_t)(q - p);
		if (n == 0) {
			if (lx->diag)
			diag_warn(lx->diag, lx_loc(lx, b, (size_t)(e - b)), "ignoring malformed annotation: expected \"@renamed from=name\"");
			return;
		}
		an = ARENA_NEW(lx->arena, Annotation);
		an->from = arena_strndup(lx->arena, p, n);
	}
	an->off = (uint32_t)(b - lx->text);
	an->tok_before = lx->ntok - 1;
	an->same_line = false;
	if (lx->ntok > 0) {
		an->same_line = true;
		for (q = lx->text + lx->last_tok_end; q < b; q++)
			if (*q == '\n')
				an->same_line = false;
	}
	LIST_PUSH(lx->arena, &lx->annotations, an);
}

static int lx_error(Lexer *lx, const char *at, size_t n, const char *msg)
{
	if (lx->diag)
		diag_error(lx->diag, lx_loc(lx, at, n), "%s", msg);
	lx->errors++;
	return LEX_ERROR;
}

/* A DELIMITER line: the new delimiter is the next blank-separated word. */
static int lx_delimiter_cmd(Lexer *lx)
{
	const char *p = lx->cur, *q;
	while (p < lx->end && (*p == ' ' || *p == '\t'))
		p++;
	q = p;
	while (q < lx->end && *q != ' ' && *q != '\t' && *q != '\r' && *q != '\n' && *q != '\0')
		q++;
	if (q == p) {
		lx->cur = q;
		return lx_error(lx, lx->tok, 9, "DELIMITER needs a delimiter string");
	}
	if ((size_t)(q - p) >= sizeof lx->delim) {
		lx->cur = q;
		return lx_error(lx, p, (size_t)(q - p), "delimiter is too long");
	}
	memcpy(lx->delim, p, (size_t)(q - p));
	lx->delim_len = (int)(q - p);
	lx->delim[lx->delim_len] = '\0';
	/* the rest of the line is ignored, as the mysql client does */
	while (q < lx->end && *q != '\n')
		q++;
	lx->cur = q;
	return LEX_DELIMITER_CMD;
}

void mysql_lex_line_tail(Lexer *lx)
{
	const char *p = lx->cur, *e;
	while (p < lx->end && (*p == ' ' || *p == '\t'))
		p++;
	if (p + 1 < lx->end && ((p[0] == '-' && p[1] == '-' && (p + 2 == lx->end || (unsigned char)p[2] <= ' ')) || p[0] == '#')) {
		const char *b = p + (p[0] == '#' ? 1 : 2);
		for (e = b; e < lx->end && *e != '\n'; e++)
			;
		lx_comment(lx, b, e);
		lx->cur = e;
	} else if (p + 1 < lx->end && p[0] == '/' && p[1] == '*' && (p + 2 >= lx->end || p[2] != '!') &&
		   (p + 3 >= lx->end || p[2] != 'M' || p[3] != '!')) {
		for (e = p + 2; e + 1 < lx->end; e++) {
			if (e[0] == '*' && e[1] == '/') {
				lx_comment(lx, p + 2, e);
				lx->cur = e + 2;
				return;
			}
		}
	}
}

int mysql_lex_next(Lexer *lx, Token *t)
{
	const char *YYMARKER = NULL;
	(void)YYMARKER;
	const char *YYCTXMARKER = NULL;
	(void)YYCTXMARKER;
	const char *p;

loop:
	lx->tok = lx->cur;
	if (lx->cur >= lx->end) {
		if (lx->in_exec_comment) {
			lx->in_exec_comment = false;
			if (lx->diag)
				diag_error(lx->diag, (SrcLoc){lx->file, lx->exec_off, 3}, "unterminated executable comment");
			lx->errors++;
			return LEX_ERROR;
		}
		lx->tok = lx->end;
		return LEX_EOF;
	}
	if (lx->delim_len && *lx->cur == lx->delim[0] && (size_t)(lx->end - lx->cur) >= (size_t)lx->delim_len &&
	    memcmp(lx->cur, lx->delim, (size_t)lx->delim_len) == 0) {
		lx->cur += lx->delim_len;
		return lx_fill(lx, t, TK_DELIM);
	}
	/*!re2c
	re2c:define:YYCTYPE = "unsigned char";
	re2c:define:YYCURSOR = "lx->cur";
	re2c:yyfill:enable = 0;

	idstart = [a-zA-Z_$\x80-\xff];
	idchar = [a-zA-Z0-9_$\x80-\xff];
	ws = [ \t\r\n\f\v];
	sq = ['] ([^'\\\x00] | [']['] | [\\] [^\x00])* ['];
	dq = ["] ([^"\\\x00] | ["]["] | [\\] [^\x00])* ["];

	ws+ { goto loop; }
	"--" [\x01-\x09\x0b-\x20] [^\n\x00]* { lx_comment(lx, lx->tok + 2, lx->cur); goto loop; }
	"--" / [\n\x00] { goto loop; }
	"#" [^\n\x00]* { lx_comment(lx, lx->tok + 1, lx->cur); goto loop; }
	"/*M!999999\\-" {
		/* MariaDB's sandbox-mode marker: an ordinary comment for every server but its client */
		for (p = lx->cur; p + 1 < lx->end; p++) {
			if (p[0] == '*' && p[1] == '/') {
				lx->cur = p + 2;
				goto loop;
			}
		}
		lx->cur = lx->end;
		return lx_error(lx, lx->tok, 2, "unterminated comment");
	}
	"/*!" [0-9]* | "/*M!" [0-9]* {
		/* MariaDB runs its own M! comments and MySQL's !NNNNN ones except versions
		 * 50700-99999 (MySQL 5.7+ syntax it does not share); MySQL runs its own only. A
		 * comment the target does not run is an ordinary comment. */
		bool mariadb_only = lx->tok[2] == 'M';
		const char *digits = lx->tok + (mariadb_only ? 4 : 3);
		long version = 0;
		for (p = digits; p < lx->cur && version < 1000000; p++)
			version = version * 10 + (*p - '0');
		if (mariadb_only ? lx->flavor == FLAVOR_MYSQL
				 : (lx->flavor != FLAVOR_MYSQL && lx->cur - digits == 5 && version >= 50700)) {
			for (p = lx->cur; p + 1 < lx->end; p++) {
				if (p[0] == '*' && p[1] == '/') {
					lx->cur = p + 2;
					goto loop;
				}
			}
			lx->cur = lx->end;
			return lx_error(lx, lx->tok, 3, "unterminated executable comment");
		}
		if (lx->in_exec_comment)
			return lx_error(lx, lx->tok, (size_t)(lx->cur - lx->tok), "nested executable comment");
		lx->in_exec_comment = true;
		lx->exec_off = (uint32_t)(lx->tok - lx->text);
		goto loop;
	}
	"/*" {
		for (p = lx->cur; p + 1 < lx->end; p++) {
			if (p[0] == '*' && p[1] == '/') {
				lx_comment(lx, lx->cur, p);
				lx->cur = p + 2;
				goto loop;
			}
		}
		lx->cur = lx->end;
		return lx_error(lx, lx->tok, 2, "unterminated comment");
	}
	"*/" {
		if (lx->in_exec_comment) {
			lx->in_exec_comment = false;
			goto loop;
		}
		lx->cur = lx->tok + 1;
		return lx_fill(lx, t, TK_STAR);
	}

	sq | dq { return lx_fill(lx, t, TK_STRING); }
	[nN] sq { return lx_fill(lx, t, TK_NSTRING); }
	[nN]? ['"] {
		lx->cur = lx->end;
		return lx_error(lx, lx->tok, 1, "unterminated string");
	}
	"`" ([^`\x00] | "``")* "`" { lx_fill(lx, t, TK_ID); t->quoted = 1; return TK_ID; }
	"`" {
		lx->cur = lx->end;
		return lx_error(lx, lx->tok, 1, "unterminated quoted identifier");
	}
	[xX] ['] [0-9a-fA-F]* ['] { return lx_fill(lx, t, TK_HEXNUM); }
	"0x" [0-9a-fA-F]+ { return lx_fill(lx, t, TK_HEXNUM); }
	[bB] ['] [01]* ['] { return lx_fill(lx, t, TK_BITNUM); }
	"0b" [01]+ { return lx_fill(lx, t, TK_BITNUM); }
	[xXbB] ['] [^'\x00\n]* [']? {
		return lx_error(lx, lx->tok, (size_t)(lx->cur - lx->tok), "malformed hexadecimal or bit literal");
	}
	"_" idchar+ / ws* ['"] { return lx_fill(lx, t, TK_INTRODUCER); }
	"_" idchar+ / ws+ [xX]['] { return lx_fill(lx, t, TK_INTRODUCER); }

	[0-9]+ { return lx_fill(lx, t, TK_INTNUM); }
	([0-9]+ "." [0-9]* | "." [0-9]+) ([eE] [+-]? [0-9]+)? { return lx_fill(lx, t, TK_DECNUM); }
	[0-9]+ [eE] [+-]? [0-9]+ { return lx_fill(lx, t, TK_DECNUM); }

	"@" "@"? (idchar | ".")+ { return lx_fill(lx, t, TK_VARIABLE); }
	"@" "@"? (sq | dq | "`" ([^`\x00] | "``")* "`") { return lx_fill(lx, t, TK_VARIABLE); }
	"@" { return lx_fill(lx, t, TK_AT); }

	"(" { return lx_fill(lx, t, TK_LP); }
	")" { return lx_fill(lx, t, TK_RP); }
	"," { return lx_fill(lx, t, TK_COMMA); }
	";" { return lx_fill(lx, t, TK_SEMI); }
	"." { return lx_fill(lx, t, TK_DOT); }
	"=" { return lx_fill(lx, t, TK_EQ); }
	"<=>" { return lx_fill(lx, t, TK_NULLSAFE_EQ); }
	"<>" | "!=" { return lx_fill(lx, t, TK_NE); }
	"<" { return lx_fill(lx, t, TK_LT); }
	"<=" { return lx_fill(lx, t, TK_LE); }
	">" { return lx_fill(lx, t, TK_GT); }
	">=" { return lx_fill(lx, t, TK_GE); }
	"<<" { return lx_fill(lx, t, TK_LSHIFT); }
	">>" { return lx_fill(lx, t, TK_RSHIFT); }
	"+" { return lx_fill(lx, t, TK_PLUS); }
	"-" { return lx_fill(lx, t, TK_MINUS); }
	"*" { return lx_fill(lx, t, TK_STAR); }
	"/" { return lx_fill(lx, t, TK_SLASH); }
	"%" { return lx_fill(lx, t, TK_REM); }
	"^" { return lx_fill(lx, t, TK_BITXOR); }
	"&" { return lx_fill(lx, t, TK_BITAND); }
	"|" { return lx_fill(lx, t, TK_BITOR); }
	"~" { return lx_fill(lx, t, TK_BITNOT); }
	"!" { return lx_fill(lx, t, TK_BANG); }
	"&&" { return lx_fill(lx, t, TK_AND); }
	"||" { return lx_fill(lx, t, TK_OR); }
	"->" { return lx_fill(lx, t, TK_ARROW); }
	"->>" { return lx_fill(lx, t, TK_ARROW2); }
	":=" { return lx_fill(lx, t, TK_ASSIGN); }
	":" { return lx_fill(lx, t, TK_COLON); }
	"?" { return lx_fill(lx, t, TK_QUESTION); }
	"{" { return lx_fill(lx, t, TK_LBRACE); }
	"}" { return lx_fill(lx, t, TK_RBRACE); }

	'delimiter' / [ \t\r\n\x00] {
		if (lx->at_stmt_start && lx_line_start(lx, lx->tok))
			return lx_delimiter_cmd(lx);
		return kw(lx, t, TK_ID);
	}
	'cache' { return kw(lx, t, TK_CACHE); }
	'cycle' { return kw(lx, t, TK_CYCLE); }
	'increment' { return kw(lx, t, TK_INCREMENT); }
	'minvalue' { return kw(lx, t, TK_MINVALUE); }
	'nocache' { return kw(lx, t, TK_NOCACHE); }
	'nocycle' { return kw(lx, t, TK_NOCYCLE); }
	'nomaxvalue' { return kw(lx, t, TK_NOMAXVALUE); }
	'nominvalue' { return kw(lx, t, TK_NOMINVALUE); }
	'period' { return kw(lx, t, TK_PERIOD); }
	'rlike' { return kw(lx, t, TK_REGEXP); }
	'action' { return kw(lx, t, TK_ACTION); }
	'array' { return kw(lx, t, TK_ARRAY); }
	'add' { return kw(lx, t, TK_ADD); }
	'after' { return kw(lx, t, TK_AFTER); }
	'algorithm' { return kw(lx, t, TK_ALGORITHM); }
	'alter' { return kw(lx, t, TK_ALTER); }
	'always' { return kw(lx, t, TK_ALWAYS); }
	'and' { return kw(lx, t, TK_AND); }
	'as' { return kw(lx, t, TK_AS); }
	'asc' { return kw(lx, t, TK_ASC); }
	'ascii' { return kw(lx, t, TK_ASCII); }
	'auto_increment' { return kw(lx, t, TK_AUTO_INCREMENT); }
	'before' { return kw(lx, t, TK_BEFORE); }
	'between' { return kw(lx, t, TK_BETWEEN); }
	'bigint' { return kw(lx, t, TK_BIGINT); }
	'binary' { return kw(lx, t, TK_BINARY); }
	'bit' { return kw(lx, t, TK_BIT); }
	'blob' { return kw(lx, t, TK_BLOB); }
	'bool' { return kw(lx, t, TK_BOOL); }
	'boolean' { return kw(lx, t, TK_BOOLEAN); }
	'by' { return kw(lx, t, TK_BY); }
	'byte' { return kw(lx, t, TK_BYTE); }
	'cascade' { return kw(lx, t, TK_CASCADE); }
	'cascaded' { return kw(lx, t, TK_CASCADED); }
	'case' { return kw(lx, t, TK_CASE); }
	'cast' { return kw(lx, t, TK_CAST); }
	'change' { return kw(lx, t, TK_CHANGE); }
	'char' { return kw(lx, t, TK_CHAR); }
	'character' { return kw(lx, t, TK_CHARACTER); }
	'charset' { return kw(lx, t, TK_CHARSET); }
	'check' { return kw(lx, t, TK_CHECK); }
	'collate' { return kw(lx, t, TK_COLLATE); }
	'column' { return kw(lx, t, TK_COLUMN); }
	'columns' { return kw(lx, t, TK_COLUMNS); }
	'column_format' { return kw(lx, t, TK_COLUMN_FORMAT); }
	'comment' { return kw(lx, t, TK_COMMENT); }
	'compressed' { return kw(lx, t, TK_COMPRESSED); }
	'constraint' { return kw(lx, t, TK_CONSTRAINT); }
	'contains' { return kw(lx, t, TK_CONTAINS); }
	'convert' { return kw(lx, t, TK_CONVERT); }
	'create' { return kw(lx, t, TK_CREATE); }
	'current_date' { return kw(lx, t, TK_CURRENT_DATE); }
	'current_time' { return kw(lx, t, TK_CURRENT_TIME); }
	'current_timestamp' { return kw(lx, t, TK_CURRENT_TIMESTAMP); }
	'current_user' { return kw(lx, t, TK_CURRENT_USER); }
	'data' { return kw(lx, t, TK_DATA); }
	'database' { return kw(lx, t, TK_DATABASE); }
	'date' { return kw(lx, t, TK_DATE); }
	'datetime' { return kw(lx, t, TK_DATETIME); }
	'dec' { return kw(lx, t, TK_DEC); }
	'decimal' { return kw(lx, t, TK_DECIMAL); }
	'default' { return kw(lx, t, TK_DEFAULT); }
	'definer' { return kw(lx, t, TK_DEFINER); }
	'delete' { return kw(lx, t, TK_DELETE); }
	'desc' { return kw(lx, t, TK_DESC); }
	'deterministic' { return kw(lx, t, TK_DETERMINISTIC); }
	'directory' { return kw(lx, t, TK_DIRECTORY); }
	'disable' { return kw(lx, t, TK_DISABLE); }
	'distinct' { return kw(lx, t, TK_DISTINCT); }
	'div' { return kw(lx, t, TK_DIV); }
	'double' { return kw(lx, t, TK_DOUBLE); }
	'drop' { return kw(lx, t, TK_DROP); }
	'each' { return kw(lx, t, TK_EACH); }
	'else' { return kw(lx, t, TK_ELSE); }
	'enable' { return kw(lx, t, TK_ENABLE); }
	'end' { return kw(lx, t, TK_END); }
	'enforced' { return kw(lx, t, TK_ENFORCED); }
	'engine' { return kw(lx, t, TK_ENGINE); }
	'engine_attribute' { return kw(lx, t, TK_ENGINE_ATTRIBUTE); }
	'enum' { return kw(lx, t, TK_ENUM); }
	'escape' { return kw(lx, t, TK_ESCAPE); }
	'event' { return kw(lx, t, TK_EVENT); }
	'exists' { return kw(lx, t, TK_EXISTS); }
	'false' { return kw(lx, t, TK_FALSE); }
	'first' { return kw(lx, t, TK_FIRST); }
	'fixed' { return kw(lx, t, TK_FIXED); }
	'float' { return kw(lx, t, TK_FLOAT); }
	'float4' { return kw(lx, t, TK_FLOAT4); }
	'float8' { return kw(lx, t, TK_FLOAT8); }
	'follows' { return kw(lx, t, TK_FOLLOWS); }
	'for' { return kw(lx, t, TK_FOR); }
	'foreign' { return kw(lx, t, TK_FOREIGN); }
	'full' { return kw(lx, t, TK_FULL); }
	'fulltext' { return kw(lx, t, TK_FULLTEXT); }
	'function' { return kw(lx, t, TK_FUNCTION); }
	'generated' { return kw(lx, t, TK_GENERATED); }
	'geomcollection' { return kw(lx, t, TK_GEOMCOLLECTION); }
	'geometry' { return kw(lx, t, TK_GEOMETRY); }
	'geometrycollection' { return kw(lx, t, TK_GEOMETRYCOLLECTION); }
	'hash' { return kw(lx, t, TK_HASH); }
	'if' { return kw(lx, t, TK_IF); }
	'ignore' { return kw(lx, t, TK_IGNORE); }
	'ignored' { return kw(lx, t, TK_IGNORED); }
	'in' { return kw(lx, t, TK_IN); }
	'index' { return kw(lx, t, TK_INDEX); }
	'inet4' { return kw(lx, t, TK_INET4); }
	'inet6' { return kw(lx, t, TK_INET6); }
	'inout' { return kw(lx, t, TK_INOUT); }
	'insert' { return kw(lx, t, TK_INSERT); }
	'int' { return kw(lx, t, TK_INT); }
	'int1' { return kw(lx, t, TK_INT1); }
	'int2' { return kw(lx, t, TK_INT2); }
	'int3' { return kw(lx, t, TK_INT3); }
	'int4' { return kw(lx, t, TK_INT4); }
	'int8' { return kw(lx, t, TK_INT8); }
	'integer' { return kw(lx, t, TK_INTEGER); }
	'interval' { return kw(lx, t, TK_INTERVAL); }
	'invisible' { return kw(lx, t, TK_INVISIBLE); }
	'is' { return kw(lx, t, TK_IS); }
	'json' { return kw(lx, t, TK_JSON); }
	'key' { return kw(lx, t, TK_KEY); }
	'keys' { return kw(lx, t, TK_KEYS); }
	'key_block_size' { return kw(lx, t, TK_KEY_BLOCK_SIZE); }
	'language' { return kw(lx, t, TK_LANGUAGE); }
	'left' { return kw(lx, t, TK_LEFT); }
	'less' { return kw(lx, t, TK_LESS); }
	'like' { return kw(lx, t, TK_LIKE); }
	'linear' { return kw(lx, t, TK_LINEAR); }
	'linestring' { return kw(lx, t, TK_LINESTRING); }
	'list' { return kw(lx, t, TK_LIST); }
	'local' { return kw(lx, t, TK_LOCAL); }
	'localtime' { return kw(lx, t, TK_LOCALTIME); }
	'localtimestamp' { return kw(lx, t, TK_LOCALTIMESTAMP); }
	'lock' { return kw(lx, t, TK_LOCK); }
	'long' { return kw(lx, t, TK_LONG); }
	'longblob' { return kw(lx, t, TK_LONGBLOB); }
	'longtext' { return kw(lx, t, TK_LONGTEXT); }
	'match' { return kw(lx, t, TK_MATCH); }
	'maxvalue' { return kw(lx, t, TK_MAXVALUE); }
	'max_rows' { return kw(lx, t, TK_MAX_ROWS); }
	'mediumblob' { return kw(lx, t, TK_MEDIUMBLOB); }
	'mediumint' { return kw(lx, t, TK_MEDIUMINT); }
	'mediumtext' { return kw(lx, t, TK_MEDIUMTEXT); }
	'middleint' { return kw(lx, t, TK_MIDDLEINT); }
	'min_rows' { return kw(lx, t, TK_MIN_ROWS); }
	'mod' { return kw(lx, t, TK_MOD); }
	'modifies' { return kw(lx, t, TK_MODIFIES); }
	'modify' { return kw(lx, t, TK_MODIFY); }
	'multilinestring' { return kw(lx, t, TK_MULTILINESTRING); }
	'multipoint' { return kw(lx, t, TK_MULTIPOINT); }
	'multipolygon' { return kw(lx, t, TK_MULTIPOLYGON); }
	'national' { return kw(lx, t, TK_NATIONAL); }
	'nchar' { return kw(lx, t, TK_NCHAR); }
	'no' { return kw(lx, t, TK_NO); }
	'nodegroup' { return kw(lx, t, TK_NODEGROUP); }
	'not' { return kw(lx, t, TK_NOT); }
	'null' { return kw(lx, t, TK_NULL); }
	'numeric' { return kw(lx, t, TK_NUMERIC); }
	'nvarchar' { return kw(lx, t, TK_NVARCHAR); }
	'offline' { return kw(lx, t, TK_OFFLINE); }
	'on' { return kw(lx, t, TK_ON); }
	'online' { return kw(lx, t, TK_ONLINE); }
	'option' { return kw(lx, t, TK_OPTION); }
	'or' { return kw(lx, t, TK_OR); }
	'out' { return kw(lx, t, TK_OUT); }
	'parser' { return kw(lx, t, TK_PARSER); }
	'partial' { return kw(lx, t, TK_PARTIAL); }
	'partition' { return kw(lx, t, TK_PARTITION); }
	'partitions' { return kw(lx, t, TK_PARTITIONS); }
	'persistent' { return kw(lx, t, TK_PERSISTENT); }
	'point' { return kw(lx, t, TK_POINT); }
	'polygon' { return kw(lx, t, TK_POLYGON); }
	'precedes' { return kw(lx, t, TK_PRECEDES); }
	'precision' { return kw(lx, t, TK_PRECISION); }
	'primary' { return kw(lx, t, TK_PRIMARY); }
	'procedure' { return kw(lx, t, TK_PROCEDURE); }
	'range' { return kw(lx, t, TK_RANGE); }
	'reads' { return kw(lx, t, TK_READS); }
	'real' { return kw(lx, t, TK_REAL); }
	'references' { return kw(lx, t, TK_REFERENCES); }
	'regexp' { return kw(lx, t, TK_REGEXP); }
	'repeat' { return kw(lx, t, TK_REPEAT); }
	'replace' { return kw(lx, t, TK_REPLACE); }
	'restrict' { return kw(lx, t, TK_RESTRICT); }
	'returns' { return kw(lx, t, TK_RETURNS); }
	'right' { return kw(lx, t, TK_RIGHT); }
	'row' { return kw(lx, t, TK_ROW); }
	'row_format' { return kw(lx, t, TK_ROW_FORMAT); }
	'schema' { return kw(lx, t, TK_SCHEMA); }
	'security' { return kw(lx, t, TK_SECURITY); }
	'sequence' { return kw(lx, t, TK_SEQUENCE); }
	'serial' { return kw(lx, t, TK_SERIAL); }
	'set' { return kw(lx, t, TK_SET); }
	'signed' { return kw(lx, t, TK_SIGNED); }
	'simple' { return kw(lx, t, TK_SIMPLE); }
	'smallint' { return kw(lx, t, TK_SMALLINT); }
	'spatial' { return kw(lx, t, TK_SPATIAL); }
	'sql' { return kw(lx, t, TK_SQL); }
	'srid' { return kw(lx, t, TK_SRID); }
	'ref_system_id' { return kw(lx, t, TK_REF_SYSTEM_ID); }
	'start' { return kw(lx, t, TK_START); }
	'storage' { return kw(lx, t, TK_STORAGE); }
	'stored' { return kw(lx, t, TK_STORED); }
	'subpartition' { return kw(lx, t, TK_SUBPARTITION); }
	'subpartitions' { return kw(lx, t, TK_SUBPARTITIONS); }
	'system' { return kw(lx, t, TK_SYSTEM); }
	'table' { return kw(lx, t, TK_TABLE); }
	'tablespace' { return kw(lx, t, TK_TABLESPACE); }
	'temporary' { return kw(lx, t, TK_TEMPORARY); }
	'text' { return kw(lx, t, TK_TEXT); }
	'than' { return kw(lx, t, TK_THAN); }
	'then' { return kw(lx, t, TK_THEN); }
	'time' { return kw(lx, t, TK_TIME); }
	'timestamp' { return kw(lx, t, TK_TIMESTAMP); }
	'tinyblob' { return kw(lx, t, TK_TINYBLOB); }
	'tinyint' { return kw(lx, t, TK_TINYINT); }
	'tinytext' { return kw(lx, t, TK_TINYTEXT); }
	'trigger' { return kw(lx, t, TK_TRIGGER); }
	'true' { return kw(lx, t, TK_TRUE); }
	'type' { return kw(lx, t, TK_TYPE); }
	'unicode' { return kw(lx, t, TK_UNICODE); }
	'union' { return kw(lx, t, TK_UNION); }
	'unique' { return kw(lx, t, TK_UNIQUE); }
	'unknown' { return kw(lx, t, TK_UNKNOWN); }
	'unsigned' { return kw(lx, t, TK_UNSIGNED); }
	'update' { return kw(lx, t, TK_UPDATE); }
	'using' { return kw(lx, t, TK_USING); }
	'utc_date' { return kw(lx, t, TK_UTC_DATE); }
	'utc_time' { return kw(lx, t, TK_UTC_TIME); }
	'utc_timestamp' { return kw(lx, t, TK_UTC_TIMESTAMP); }
	'uuid' { return kw(lx, t, TK_UUID); }
	'value' { return kw(lx, t, TK_VALUE); }
	'values' { return kw(lx, t, TK_VALUES); }
	'varbinary' { return kw(lx, t, TK_VARBINARY); }
	'varchar' { return kw(lx, t, TK_VARCHAR); }
	'varcharacter' { return kw(lx, t, TK_VARCHARACTER); }
	'varying' { return kw(lx, t, TK_VARYING); }
	'versioning' { return kw(lx, t, TK_VERSIONING); }
	'view' { return kw(lx, t, TK_VIEW); }
	'virtual' { return kw(lx, t, TK_VIRTUAL); }
	'visible' { return kw(lx, t, TK_VISIBLE); }
	'when' { return kw(lx, t, TK_WHEN); }
	'with' { return kw(lx, t, TK_WITH); }
	'without' { return kw(lx, t, TK_WITHOUT); }
	'xor' { return kw(lx, t, TK_XOR); }
	'year' { return kw(lx, t, TK_YEAR); }
	'zerofill' { return kw(lx, t, TK_ZEROFILL); }
	/* a typed temporal literal: DATE '2020-01-01' (the keyword only when a string follows) */
	'date' / [ \t\r\n]* ['"] { return kw(lx, t, TK_DATE_LIT); }
	'time' / [ \t\r\n]* ['"] { return kw(lx, t, TK_TIME_LIT); }
	'timestamp' / [ \t\r\n]* ['"] { return kw(lx, t, TK_TIMESTAMP_LIT); }
	/* CREATE EVENT */
	'at' { return kw(lx, t, TK_AT_WORD); }
	'completion' { return kw(lx, t, TK_COMPLETION); }
	'do' { return kw(lx, t, TK_DO); }
	'ends' { return kw(lx, t, TK_ENDS); }
	'every' { return kw(lx, t, TK_EVERY); }
	'preserve' { return kw(lx, t, TK_PRESERVE); }
	'replica' { return kw(lx, t, TK_REPLICA); }
	'schedule' { return kw(lx, t, TK_SCHEDULE); }
	'slave' { return kw(lx, t, TK_SLAVE); }
	'starts' { return kw(lx, t, TK_STARTS); }

	[0-9]* idstart idchar* { return kw(lx, t, TK_ID); }

	"\x00" {
		if (lx->tok >= lx->end) {
			lx->cur = lx->end;
			return LEX_EOF;
		}
		return lx_error(lx, lx->tok, 1, "unexpected NUL byte");
	}
	* {
		unsigned char c = (unsigned char)*lx->tok;
		char msg[64];
		if (c >= 0x21 && c < 0x7f)
			snprintf(msg, sizeof msg, "unexpected character \"%c\"", c);
		else
			snprintf(msg, sizeof msg, "unexpected byte 0x%02x", c);
		return lx_error(lx, lx->tok, 1, msg);
	}
	*/
}
