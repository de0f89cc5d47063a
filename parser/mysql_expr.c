/*
 * mysql_expr.c: the canonical printer of MySQL expressions, and mysql_expr_canonical. The same
 * meaning written differently prints identically: identifiers backquoted, keywords uppercase,
 * function names lowercase with synonyms folded (NOW(), CURRENT_TIMESTAMP and LOCALTIME all
 * print current_timestamp()), parentheses only where precedence needs them, strings re-quoted
 * the way SHOW CREATE TABLE quotes them, no outer parentheses. Never prints partial output for
 * a failed parse: mysql_expr_canonical returns NULL instead.
 *
 * Precedence levels follow the MySQL manual (higher binds tighter):
 *   1 OR   2 XOR   3 AND   4 NOT   5 BETWEEN   6 comparison, IS, LIKE, REGEXP, IN
 *   7 |   8 &   9 << >>   10 + -   11 * / DIV %   12 ^   13 unary - ~   15 BINARY, COLLATE
 *   20 primaries (literals, columns, calls, CASE, CAST, INTERVAL, rows)
 * Equivalent forms are folded when the tree is built (mysql_build.c): NOT over BETWEEN, IN,
 * LIKE and IS becomes the negated form, BINARY x becomes CAST(x AS BINARY), ! becomes NOT,
 * != becomes <>, MOD becomes %, && and || become AND and OR, function synonyms one name.
 */
#include <string.h>

#include "parser/frontend.h"
#include "parser/mysql_parse.h"

static int binop_prec(const char *op)
{
	static const struct { const char *op; int prec; } t[] = {
		{"OR", 1}, {"XOR", 2}, {"AND", 3},
		{"=", 6}, {"<=>", 6}, {"<>", 6}, {"<", 6}, {"<=", 6}, {">", 6}, {">=", 6},
		{"|", 7}, {"&", 8}, {"<<", 9}, {">>", 9}, {"+", 10}, {"-", 10},
		{"*", 11}, {"/", 11}, {"DIV", 11}, {"%", 11}, {"^", 12},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].op, op))
			return t[i].prec;
	return 20;
}

int mysql_expr_prec(const Expr *e)
{
	switch (e->kind) {
	case E_BINOP: return binop_prec(e->op);
	case E_UNOP:
		if (!strcmp(e->op, "NOT"))
			return 4;
		if (!strcmp(e->op, "BINARY"))
			return 15;
		return 13;
	case E_BETWEEN: return 5;
	case E_IS: case E_IN: case E_LIKE: return 6;
	case E_COLLATE: return 15;
	default: return 20;
	}
}

static void pr(StrBuf *sb, const Expr *e);

static void pr_paren(StrBuf *sb, const Expr *e, bool paren)
{
	if (paren)
		sb_addc(sb, '(');
	pr(sb, e);
	if (paren)
		sb_addc(sb, ')');
}

static void pr_list(StrBuf *sb, const ExprList *l, int from, int step)
{
	for (int i = from; i < l->n; i += step) {
		if (i > from)
			sb_adds(sb, ", ");
		pr(sb, l->v[i]);
	}
}

static void pr(StrBuf *sb, const Expr *e)
{
	int p;
	if (!e) {
		sb_adds(sb, "NULL");
		return;
	}
	p = mysql_expr_prec(e);
	switch (e->kind) {
	case E_COLUMN:
		if (e->qual2) {
			sb_add_mysql_ident(sb, e->qual2);
			sb_addc(sb, '.');
		}
		if (e->qual) {
			sb_add_mysql_ident(sb, e->qual);
			sb_addc(sb, '.');
		}
		sb_add_mysql_ident(sb, e->text);
		break;
	case E_INT: case E_NUM: case E_VAR:
		sb_adds(sb, e->text);
		break;
	case E_STR:
		/* A charset introducer other than _binary only names the literal's charset, which the
		 * server drops (MariaDB) or adds (MySQL) on its own: not part of the canonical text. */
		if (e->qual && (!strcmp(e->qual, "_binary") || !strcmp(e->qual, "N") || !strcmp(e->qual, "DATE") ||
				!strcmp(e->qual, "TIME") || !strcmp(e->qual, "TIMESTAMP")))
			sb_adds(sb, e->qual);  /* typed literals as the server prints them: DATE'2020-01-01' */
		sb_add_mysql_string(sb, e->text ? e->text : "");
		break;
	case E_HEX: case E_BIT:
		if (e->qual && !strcmp(e->qual, "_binary")) {
			sb_adds(sb, e->qual);
			sb_addc(sb, ' ');
		}
		sb_adds(sb, e->text);
		break;
	case E_NULL: sb_adds(sb, "NULL"); break;
	case E_TRUE: sb_adds(sb, "TRUE"); break;
	case E_FALSE: sb_adds(sb, "FALSE"); break;
	case E_MAXVALUE: sb_adds(sb, "MAXVALUE"); break;
	case E_DEFAULT: sb_adds(sb, "DEFAULT"); break;
	case E_KEYWORD: sb_adds(sb, e->op); break;
	case E_BINOP:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < p);
		sb_addc(sb, ' ');
		sb_adds(sb, e->op);
		sb_addc(sb, ' ');
		pr_paren(sb, e->b, mysql_expr_prec(e->b) <= p);
		break;
	case E_UNOP:
		sb_adds(sb, e->op);
		if (!strcmp(e->op, "NOT") || !strcmp(e->op, "BINARY")) {
			sb_addc(sb, ' ');
			pr_paren(sb, e->a, mysql_expr_prec(e->a) < p);
		} else {
			/* "- -1" must not become the comment "--1" */
			bool paren = mysql_expr_prec(e->a) < p ||
				     (e->a && e->a->kind == E_UNOP && (e->a->op[0] == '-' || e->a->op[0] == '~'));
			pr_paren(sb, e->a, paren);
		}
		break;
	case E_IS:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < 6);
		sb_adds(sb, e->neg ? " IS NOT " : " IS ");
		sb_adds(sb, e->op);
		break;
	case E_IN:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < 6);
		sb_adds(sb, e->neg ? " NOT IN (" : " IN (");
		pr_list(sb, &e->args, 0, 1);
		sb_addc(sb, ')');
		break;
	case E_BETWEEN:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < 5);
		sb_adds(sb, e->neg ? " NOT BETWEEN " : " BETWEEN ");
		pr_paren(sb, e->b, mysql_expr_prec(e->b) <= 5);
		sb_adds(sb, " AND ");
		pr_paren(sb, e->c, mysql_expr_prec(e->c) <= 5);
		break;
	case E_LIKE:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < 6);
		sb_adds(sb, e->neg ? " NOT " : " ");
		sb_adds(sb, e->op);
		sb_addc(sb, ' ');
		pr_paren(sb, e->b, mysql_expr_prec(e->b) <= 6);
		if (e->c) {
			sb_adds(sb, " ESCAPE ");
			pr_paren(sb, e->c, mysql_expr_prec(e->c) < 20);
		}
		break;
	case E_COLLATE:
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < p);
		sb_adds(sb, " COLLATE ");
		sb_adds(sb, e->op);
		break;
	case E_ROW:
		sb_addc(sb, '(');
		pr_list(sb, &e->args, 0, 1);
		sb_addc(sb, ')');
		break;
	case E_JSON:
		pr(sb, e->a);
		sb_adds(sb, e->neg ? "->>" : "->");
		sb_add_mysql_string(sb, e->text ? e->text : "");
		break;
	case E_FUNC:
		if (e->qual) {
			sb_add_mysql_ident(sb, e->qual);
			sb_addc(sb, '.');
		}
		sb_adds(sb, e->op);
		sb_addc(sb, '(');
		if (e->star)
			sb_addc(sb, '*');
		if (e->distinct)
			sb_adds(sb, "DISTINCT ");
		pr_list(sb, &e->args, 0, 1);
		sb_addc(sb, ')');
		break;
	case E_CASE:
		sb_adds(sb, "CASE");
		if (e->a) {
			sb_addc(sb, ' ');
			pr(sb, e->a);
		}
		for (int i = 0; i + 1 < e->args.n; i += 2) {
			sb_adds(sb, " WHEN ");
			pr(sb, e->args.v[i]);
			sb_adds(sb, " THEN ");
			pr(sb, e->args.v[i + 1]);
		}
		if (e->b) {
			sb_adds(sb, " ELSE ");
			pr(sb, e->b);
		}
		sb_adds(sb, " END");
		break;
	case E_CAST:
		sb_adds(sb, "CAST(");
		pr(sb, e->a);
		sb_adds(sb, " AS ");
		sb_adds(sb, e->op);
		sb_addc(sb, ')');
		break;
	case E_CONVERT_USING:
		sb_adds(sb, "CONVERT(");
		pr(sb, e->a);
		sb_adds(sb, " USING ");
		sb_adds(sb, e->op);
		sb_addc(sb, ')');
		break;
	case E_INTERVAL:
		sb_adds(sb, "INTERVAL ");
		pr_paren(sb, e->a, mysql_expr_prec(e->a) < 20);
		sb_addc(sb, ' ');
		sb_adds(sb, e->op);
		break;
	}
}

void mysql_expr_print_sb(StrBuf *sb, const Expr *e)
{
	pr(sb, e);
}

const char *mysql_expr_print(Arena *a, const Expr *e)
{
	StrBuf sb = SB_INIT;
	const char *s;
	pr(&sb, e);
	s = sb_to_arena(&sb, a);
	sb_release(&sb);
	return s;
}

const char *mysql_expr_canonical(Arena *a, Diag *d, const char *text)
{
	Expr *e;
	if (!text)
		return NULL;
	e = mysql_parse_expr(a, d, text);
	return e ? mysql_expr_print(a, e) : NULL;
}
