/*
 * mysql_parse.h: the inside of the MySQL front end, shared by the re2c lexer
 * (grammar/mysql_lex.re), the lemon grammar (grammar/mysql.y), the driver (mysql_parse.c) and
 * the builders (mysql_build.c). Nothing outside the front end includes this: the public entry
 * points are in parser/frontend.h.
 */
#ifndef SQLSHAPE_MYSQL_PARSE_H
#define SQLSHAPE_MYSQL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/sb.h"
#include "parser/frontend.h"
#include "parser/model.h"

/* One token. z/n point into the file text (for a packed body: the body's whole range). */
typedef struct Token {
	const char *z;
	uint32_t n;
	uint32_t off;    /* byte offset in the file */
	int idx;         /* running token number in the file (annotations attach by it) */
	int code;        /* lemon token code (TK_*) as the lexer produced it */
	uint8_t quoted;  /* identifier written in backquotes */
	uint8_t word;    /* an unquoted word (keyword or identifier) */
} Token;

/* A "-- @renamed from=x" annotation seen by the lexer. */
typedef struct Annotation {
	const char *from;
	uint32_t off;
	int tok_before;  /* idx of the last token before it, -1: none */
	bool same_line;  /* that token is on the annotation's line */
	bool used;
} Annotation;
LIST_TYPE(AnnotationList, Annotation);

typedef struct Lexer {
	Arena *arena;
	Diag *diag;
	int file;
	const char *text;     /* NUL-terminated */
	const char *end;
	const char *cur;
	const char *tok;      /* start of the current token */
	char delim[32];       /* current statement delimiter */
	int delim_len;
	bool in_exec_comment; /* inside an executable comment */
	int flavor;           /* Flavor whose executable comments run (FLAVOR_UNKNOWN: MariaDB's rule) */
	uint32_t exec_off;
	bool at_stmt_start;   /* DELIMITER is recognised only here */
	int ntok;             /* tokens produced so far */
	uint32_t last_tok_end; /* offset just past the last token */
	AnnotationList annotations;
	int errors;
} Lexer;

/* Special codes returned by mysql_lex_next besides the lemon TK_* codes. */
#define LEX_EOF 0
#define LEX_ERROR (-1)
#define LEX_DELIMITER_CMD (-2)   /* a DELIMITER line was consumed; lx->delim changed */

void mysql_lex_init(Lexer *lx, Arena *a, Diag *d, int file, const char *text, size_t len);
/* Next token into *t; returns its TK_ code, LEX_EOF, LEX_ERROR (reported) or LEX_DELIMITER_CMD. */
int mysql_lex_next(Lexer *lx, Token *t);
/* After a delimiter: consume a comment that follows on the same line (its annotation then
 * belongs to the statement just ended). */
void mysql_lex_line_tail(Lexer *lx);
/* Decoded value of a string token (quotes stripped, escapes and doubled quotes resolved). */
char *mysql_string_value(Arena *a, const Token *t);
/* Unquoted identifier text of an identifier token. */
char *mysql_ident_value(Arena *a, const Token *t);

/* ---- expressions (mysql_expr.c) ---- */

typedef enum ExprKind {
	E_COLUMN, E_INT, E_NUM, E_STR, E_HEX, E_BIT, E_NULL, E_TRUE, E_FALSE, E_MAXVALUE, E_DEFAULT,
	E_VAR, E_BINOP, E_UNOP, E_FUNC, E_CASE, E_CAST, E_CONVERT_USING, E_INTERVAL, E_IS, E_IN,
	E_BETWEEN, E_LIKE, E_COLLATE, E_ROW, E_JSON, E_KEYWORD
} ExprKind;

typedef struct Expr Expr;
LIST_TYPE(ExprList, Expr);

struct Expr {
	ExprKind kind;
	const char *op;      /* operator, function name, keyword, IS target, cast type, unit */
	const char *text;    /* literal text / column name / introducer / json path */
	const char *qual;    /* column qualifier (table), or schema.table as "s`.`t" not used */
	const char *qual2;   /* database qualifier */
	Expr *a, *b, *c;
	ExprList args;       /* function args, IN list, CASE whens (pairs), row items */
	bool neg;            /* NOT IN / NOT LIKE / NOT BETWEEN / IS NOT / ->> */
	bool star;           /* f(*) */
	bool distinct;       /* f(DISTINCT ..) */
	int depth;
	SrcLoc loc;
};

/* Canonical text (see mysql_expr.c for the spelling rules); the result lives in a. */
const char *mysql_expr_print(Arena *a, const Expr *e);
void mysql_expr_print_sb(StrBuf *sb, const Expr *e);
/* Precedence level of a node when printed (higher binds tighter). */
int mysql_expr_prec(const Expr *e);

/* ---- parse context (the lemon %extra_context) ---- */

#define MYSQL_MAX_DEPTH 1000

typedef struct MyCtx MyCtx;

/* Tables of the schema by name (open addressing), so that 2,000 CREATE TABLEs do not cost
 * 2,000 linear searches each; rebuilt from Schema.tables whenever a table is removed. */
typedef struct TableIndex {
	Table **slot;
	int cap, n;
} TableIndex;

/* Column being defined: flags that become indexes when the column is finished. */
typedef struct ColPending {
	bool primary, unique, serial, binary;
	ForeignKey *fk;      /* column-level REFERENCES (a foreign key on MariaDB, ignored by MySQL) */
	bool versioned;      /* column-level WITH SYSTEM VERSIONING */
	SrcLoc loc;
	int first_tok;
} ColPending;

typedef enum ColMode { COLMODE_ADD, COLMODE_MODIFY, COLMODE_CHANGE, COLMODE_PARAM } ColMode;

struct MyCtx {
	Arena *a;
	Diag *d;
	int file;
	Schema *s;
	ParseStats *st;
	Lexer *lx;
	int errors;          /* errors reported while parsing the current statement */
	bool failed;         /* the current statement had a syntax error */
	bool expr_mode;      /* parsing a lone expression for mysql_expr_canonical */
	Expr *expr_result;
	Token cur;           /* the lookahead token being fed */
	int stmt_first_tok;
	const Token *stmt_start; /* first token of the statement being parsed */

	/* objects under construction; reset before every statement */
	Table *tbl;          /* table being created or altered (a scratch one after an error) */
	bool tbl_is_new;
	bool tbl_skip;       /* not added: CREATE TABLE IF NOT EXISTS of an existing table, ... */
	bool temporary;
	bool alter;
	int tbl_head_tok;    /* idx of the token after CREATE TABLE name */
	int def_first_tok;   /* idx of the first token of the current table element */
	int idx_first_tok;
	Column *col;
	Column *last_col;
	ColPending colp;
	ColMode colmode;
	const char *change_from;
	SrcLoc change_loc;
	Index *idx;
	const char *constraint_name;
	Token constraint_tok;
	ForeignKey *fk;
	const char *fk_ref_schema;
	Check *last_check;
	Partitioning *part;
	PartitionDef *pdef;
	PartitionDef *psub;
	const char *body_text;   /* canonical body of the view/trigger/routine being parsed */
	const char *definer;
	const char *algorithm;
	const char *security;
	const char *trg_order;
	const char *returns;
	const char *rtn_comment;
	StrBuf args;             /* routine parameters, canonical */
	StrBuf chars;            /* routine characteristics, canonical */
	bool or_replace;
	bool depth_reported;
	bool if_exists;           /* IF [NOT] EXISTS on the current item */
	TableIndex *tix;         /* kept across statements */
	ColumnList versioned_cols; /* columns written WITH SYSTEM VERSIONING in this statement */
	Sequence *seq;           /* MariaDB sequence being created */
	unsigned seq_given;      /* which of its options were written (SEQ_GIVEN_* in mysql_build.c) */
	/* Token codes the parser has taken in this statement, in order (bodies as TK_BODY): on a
	 * syntax error the parser's state before the lookahead is rebuilt from them, so tokens are
	 * fed without a look-ahead check each (the buffer is kept across statements). */
	int *fed;
	int nfed, fed_cap;
	Event *event;            /* CREATE EVENT being parsed (parser/mysql_event.c) */
};

/* Token-normalised text of a statement body (views, triggers, routines): keywords uppercase,
 * identifiers backquoted, function names lowercase, strings re-quoted, single spaces. */
void mysql_tokens_canonical_sb(StrBuf *sb, Arena *a, const Token *toks, int n);
/* The same for a text (lexed on its own); NULL after a lexical error reported to d. */
const char *mysql_tokens_canonical(Arena *a, Diag *d, const char *text);
/* Parse one expression (mysql_expr_canonical); NULL after an error. */
Expr *mysql_parse_expr(Arena *a, Diag *d, const char *text);

/* Parser entry points from the generated grammar. */
void *MysqlParseAlloc(void *(*mallocProc)(size_t), MyCtx *ctx);
void MysqlParseFree(void *p, void (*freeProc)(void *));
void MysqlParse(void *p, int major, Token minor);
/* Does the parser in its current state accept token code `code` (after any reductions)? */
bool mysql_parser_accepts(void *p, int code);
/* Feed one token and record its code in ctx->fed (see MyCtx.fed). */
void mysql_parser_feed(void *p, MyCtx *ctx, int code, Token t);
/* Human name of a token code ("identifier", "\"(\"", "CREATE"). */
const char *mysql_token_display(int code);

#endif
