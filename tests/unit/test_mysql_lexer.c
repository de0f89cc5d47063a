/*
 * test_mysql_lexer.c: the re2c lexer of the MySQL front end: every token kind, keywords in any
 * case, string escapes, comments, executable comments, DELIMITER lines, annotations, and the
 * positioned errors for unterminated strings/comments/identifiers and stray characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "grammar/mysql.h"
#include "parser/mysql_parse.h"

typedef struct Lexed {
	Arena a;
	Diag d;
	Lexer lx;
	Token t[64];
	int code[64];
	int n;
	int errors;
} Lexed;

/* Lex the whole text; codes include LEX_DELIMITER_CMD and LEX_ERROR entries. */
static Lexed *lex_all(const char *text)
{
	static Lexed L;
	int c;
	arena_init(&L.a);
	diag_init(&L.d, &L.a);
	L.d.stream = NULL;
	L.n = 0;
	int file = diag_add_file(&L.d, "t.sql", text, strlen(text));
	mysql_lex_init(&L.lx, &L.a, &L.d, file, text, strlen(text));
	while (L.n < 64 && (c = mysql_lex_next(&L.lx, &L.t[L.n])) != LEX_EOF) {
		L.code[L.n++] = c;
	}
	L.errors = L.d.errors;
	return &L;
}

static void lex_free(Lexed *L)
{
	diag_release(&L->d);
	arena_release(&L->a);
}

static void test_keywords_any_case(void **state)
{
	(void)state;
	Lexed *L = lex_all("create CREATE CrEaTe table Table");
	assert_int_equal(L->n, 5);
	assert_int_equal(L->code[0], TK_CREATE);
	assert_int_equal(L->code[1], TK_CREATE);
	assert_int_equal(L->code[2], TK_CREATE);
	assert_int_equal(L->code[3], TK_TABLE);
	assert_int_equal(L->code[4], TK_TABLE);
	assert_true(L->t[0].word);
	lex_free(L);
}

static void test_identifiers(void **state)
{
	(void)state;
	Lexed *L = lex_all("abc `a``b` 1abc $x _y t1 caf\xc3\xa9");
	assert_int_equal(L->n, 7);
	for (int i = 0; i < 7; i++)
		assert_int_equal(L->code[i], TK_ID);
	assert_true(L->t[1].quoted);
	assert_string_equal(mysql_ident_value(&L->a, &L->t[1]), "a`b");
	assert_string_equal(mysql_ident_value(&L->a, &L->t[0]), "abc");
	assert_string_equal(mysql_ident_value(&L->a, &L->t[6]), "caf\xc3\xa9");
	lex_free(L);
}

static void test_numbers(void **state)
{
	(void)state;
	Lexed *L = lex_all("42 3.14 .5 1e10 2.5E-3 0x1F X'0a' x'' 0b101 b'11' 1.");
	int want[] = {TK_INTNUM, TK_DECNUM, TK_DECNUM, TK_DECNUM, TK_DECNUM, TK_HEXNUM, TK_HEXNUM, TK_HEXNUM,
		      TK_BITNUM, TK_BITNUM, TK_DECNUM};
	assert_int_equal(L->n, 11);
	for (int i = 0; i < 11; i++)
		assert_int_equal(L->code[i], want[i]);
	lex_free(L);
}

static void test_strings_and_escapes(void **state)
{
	(void)state;
	Lexed *L = lex_all("'it''s' \"say \\\"hi\\\"\" 'a\\nb\\tc\\\\d\\Ze' N'nat' _utf8mb4'x' _binary 'y'");
	assert_int_equal(L->n, 8);
	assert_int_equal(L->code[0], TK_STRING);
	assert_string_equal(mysql_string_value(&L->a, &L->t[0]), "it's");
	assert_string_equal(mysql_string_value(&L->a, &L->t[1]), "say \"hi\"");
	assert_string_equal(mysql_string_value(&L->a, &L->t[2]), "a\nb\tc\\d\x1a" "e");
	assert_int_equal(L->code[3], TK_NSTRING);
	assert_string_equal(mysql_string_value(&L->a, &L->t[3]), "nat");
	assert_int_equal(L->code[4], TK_INTRODUCER);
	assert_int_equal(L->code[5], TK_STRING);
	assert_int_equal(L->code[6], TK_INTRODUCER);
	assert_int_equal(L->code[7], TK_STRING);
	lex_free(L);
}

static void test_operators(void **state)
{
	(void)state;
	Lexed *L = lex_all("( ) , ; . = <=> <> != < <= > >= << >> + - * / % ^ & | ~ ! && || -> ->> := @x @@y @");
	int want[] = {TK_LP, TK_RP, TK_COMMA, TK_DELIM, TK_DOT, TK_EQ, TK_NULLSAFE_EQ, TK_NE, TK_NE, TK_LT, TK_LE,
		      TK_GT, TK_GE, TK_LSHIFT, TK_RSHIFT, TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_REM, TK_BITXOR,
		      TK_BITAND, TK_BITOR, TK_BITNOT, TK_BANG, TK_AND, TK_OR, TK_ARROW, TK_ARROW2, TK_ASSIGN,
		      TK_VARIABLE, TK_VARIABLE, TK_AT};
	int n = (int)(sizeof want / sizeof want[0]);
	assert_int_equal(L->n, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(L->code[i], want[i]);
	lex_free(L);
}

static void test_comments(void **state)
{
	(void)state;
	Lexed *L = lex_all("a -- comment\nb # hash\nc /* block\n */ d --\ne 1--2");
	/* a b c d e 1 - - 2: "--2" is not a comment (no blank after --) */
	assert_int_equal(L->n, 9);
	assert_int_equal(L->code[5], TK_INTNUM);
	assert_int_equal(L->code[6], TK_MINUS);
	assert_int_equal(L->code[7], TK_MINUS);
	assert_int_equal(L->errors, 0);
	lex_free(L);
}

static void test_executable_comments(void **state)
{
	(void)state;
	Lexed *L = lex_all("/*!50001 CREATE ALGORITHM=UNDEFINED */ /*M!100100 KEY */ x */ y");
	/* CREATE ALGORITHM = UNDEFINED KEY x * / y: a stray closer outside is two operators */
	assert_int_equal(L->n, 9);
	assert_int_equal(L->code[0], TK_CREATE);
	assert_int_equal(L->code[4], TK_KEY);
	assert_int_equal(L->code[6], TK_STAR);
	assert_int_equal(L->code[7], TK_SLASH);
	lex_free(L);

	L = lex_all("/*!40101 SET x */;");
	assert_int_equal(L->n, 3);
	assert_int_equal(L->code[2], TK_DELIM);
	lex_free(L);
}

static void test_delimiter(void **state)
{
	(void)state;
	Lexed *L = lex_all("DELIMITER ;;\nBEGIN x; y; END;;\nDELIMITER ;\nz;");
	/* DELIMITER-cmd BEGIN x ; y ; END ;; DELIMITER-cmd z ; */
	int want[] = {LEX_DELIMITER_CMD, TK_ID, TK_ID, TK_SEMI, TK_ID, TK_SEMI, TK_END, TK_DELIM, LEX_DELIMITER_CMD,
		      TK_ID, TK_DELIM};
	int n = (int)(sizeof want / sizeof want[0]);
	assert_int_equal(L->n, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(L->code[i], want[i]);
	lex_free(L);

	L = lex_all("delimiter //\nselect 1//");
	assert_int_equal(L->code[0], LEX_DELIMITER_CMD);
	assert_string_equal(L->lx.delim, "//");
	assert_int_equal(L->code[L->n - 1], TK_DELIM);
	lex_free(L);
}

static void test_annotations(void **state)
{
	(void)state;
	Lexed *L = lex_all("a INT, -- @renamed from=old_a\n-- @renamed from=`we``ird`\nb INT /* @renamed from=x */");
	assert_int_equal(L->lx.annotations.n, 3);
	assert_string_equal(L->lx.annotations.v[0]->from, "old_a");
	assert_true(L->lx.annotations.v[0]->same_line);
	assert_string_equal(L->lx.annotations.v[1]->from, "we`ird");
	assert_false(L->lx.annotations.v[1]->same_line);
	assert_string_equal(L->lx.annotations.v[2]->from, "x");
	lex_free(L);
}

static void expect_error(const char *text, const char *msg, const char *where)
{
	Lexed *L = lex_all(text);
	assert_int_equal(L->errors, 1);
	assert_non_null(strstr(sb_str(&L->d.text), msg));
	assert_non_null(strstr(sb_str(&L->d.text), where));
	lex_free(L);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("a 'abc", "unterminated string", "t.sql:1:3:");
	expect_error("a \"abc", "unterminated string", "t.sql:1:3:");
	expect_error("x\n  /* never closed", "unterminated comment", "t.sql:2:3:");
	expect_error("`abc", "unterminated quoted identifier", "t.sql:1:1:");
	expect_error("a \x01 b", "unexpected byte 0x01", "t.sql:1:3:");
	expect_error("a [ b", "unexpected character \"[\"", "t.sql:1:3:");
	expect_error("/*!50001 a", "unterminated executable comment", "t.sql:1:1:");
	expect_error("X'0g'", "malformed hexadecimal", "t.sql:1:1:");
}

static void test_nul_byte_inside(void **state)
{
	static const char text[] = "a \0 b";
	Lexed *L;
	Token t;
	int c, n = 0, errs;
	(void)state;
	L = lex_all("");
	lex_free(L);
	arena_init(&L->a);
	diag_init(&L->d, &L->a);
	L->d.stream = NULL;
	int file = diag_add_file(&L->d, "t.sql", text, sizeof text - 1);
	mysql_lex_init(&L->lx, &L->a, &L->d, file, text, sizeof text - 1);
	while ((c = mysql_lex_next(&L->lx, &t)) != LEX_EOF && n < 10)
		n++;
	errs = L->d.errors;
	assert_int_equal(errs, 1);
	assert_int_equal(n, 3);
	lex_free(L);
}

/* mysql_requalify: qualifiers naming the database change, nothing else does. */
static void test_requalify(void **state)
{
	Arena a;
	(void)state;
	arena_init(&a);
	assert_string_equal(mysql_requalify(&a, "SELECT * FROM db.t JOIN `db`.u ON db.t.id = u.id", "db", "s_1"),
			    "SELECT * FROM `s_1`.t JOIN `s_1`.u ON `s_1`.t.id = u.id");
	/* strings, comments, other databases, a column named db and db as a bare name stay */
	assert_string_equal(mysql_requalify(&a, "SELECT 'db.t', db, dbx.t /* db.t */ FROM other.db", "db", "s"),
			    "SELECT 'db.t', db, dbx.t /* db.t */ FROM other.db");
	/* a compound body: its ";" are plain tokens */
	assert_string_equal(mysql_requalify(&a, "BEGIN INSERT INTO `db`.a VALUES (1); DELETE FROM db.b; END", "db", "s"),
			    "BEGIN INSERT INTO `s`.a VALUES (1); DELETE FROM `s`.b; END");
	/* NULL and text without the name come back as they are */
	assert_null(mysql_requalify(&a, NULL, "db", "s"));
	{
		const char *same = "SELECT 1";
		assert_ptr_equal(mysql_requalify(&a, same, "db", "s"), same);
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requalify),
		cmocka_unit_test(test_keywords_any_case),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_strings_and_escapes),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_executable_comments),
		cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_annotations),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nul_byte_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
