/*
 * sqlload.c: build/tools/sqlload URL FILE: runs every statement of a MySQL script on the server,
 * one at a time, the way a DDL file is meant to be read: statements end at the current delimiter
 * (DELIMITER lines are understood) and a compound body (BEGIN ... END of a trigger, routine or
 * event) given with the default ";" delimiter keeps its inner ";". The statement boundaries come
 * from sqlshape's own lexer (parser/mysql_parse.h), so the peer runner can load scripts the
 * mariadb client cannot (it splits a compound body at its first ";").
 *
 * Prints nothing and exits 0 when every statement ran; on the first failure prints the
 * statement, the server's message and "errno SQLSTATE" and exits 1. Exit 2 on a usage or lexical
 * error (the script is not valid input for the lexer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "executor/conn.h"
#include "grammar/mysql.h"
#include "parser/mysql_parse.h"

static bool word_is(const Token *t, const char *w)
{
	size_t n = strlen(w);
	return t->word && !t->quoted && t->n == n && strncasecmp(t->z, w, n) == 0;
}

/* CREATE [...] TRIGGER/PROCEDURE/FUNCTION/EVENT: a statement whose body may hold ";". */
static bool has_compound_body(const Token *v, int n)
{
	if (n < 2 || !word_is(&v[0], "create"))
		return false;
	for (int i = 1; i < n && i < 24; i++) {
		if (word_is(&v[i], "trigger") || word_is(&v[i], "procedure") || word_is(&v[i], "function") ||
		    word_is(&v[i], "event"))
			return true;
		if (v[i].code == TK_LP || word_is(&v[i], "table") || word_is(&v[i], "index") || word_is(&v[i], "view"))
			return false;
	}
	return false;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	if (!f)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	if (f != stdin)
		fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	Lexer lx;
	Token *v = NULL;
	int nv = 0, cap = 0, rc = 1, file;
	size_t len;
	char *text;
	bool eof = false;

	if (argc != 3) {
		fprintf(stderr, "usage: sqlload URL FILE|-\n");
		return 2;
	}
	text = read_file(argv[2], &len);
	if (!text) {
		fprintf(stderr, "sqlload: cannot read %s\n", argv[2]);
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = stdout;
	file = diag_add_file(&d, argv[2], text, len);
	if (dburl_parse(&a, &d, argv[1], &u) < 0 || !(c = conn_open(&a, &d, &u)))
		goto out;
	mysql_lex_init(&lx, &a, &d, file, text, len);
	rc = 0;
	while (!eof && rc == 0) {
		int blocks = 0;
		bool pending_end = false;
		nv = 0;
		for (;;) {
			Token t;
			int code;
			lx.at_stmt_start = nv == 0;
			code = mysql_lex_next(&lx, &t);
			if (code == LEX_DELIMITER_CMD)
				continue;
			if (code == LEX_ERROR) {
				rc = 2;
				break;
			}
			if (code == LEX_EOF) {
				eof = true;
				break;
			}
			bool after_end = pending_end;
			if (pending_end) {
				pending_end = false;
				if (!word_is(&t, "if") && !word_is(&t, "loop") && !word_is(&t, "while") && !word_is(&t, "repeat"))
					blocks--;
			}
			if (code == TK_DELIM) {
				if (blocks > 0 && lx.delim_len == 1 && lx.delim[0] == ';' && has_compound_body(v, nv)) {
					t.code = TK_SEMI;
				} else {
					break;
				}
			} else if (!after_end && (word_is(&t, "begin") || word_is(&t, "case"))) {
				blocks++;
			} else if (word_is(&t, "end")) {
				pending_end = true;
			}
			if (nv == cap) {
				cap = cap ? 2 * cap : 256;
				v = realloc(v, (size_t)cap * sizeof *v);
				if (!v)
					abort();
			}
			v[nv++] = t;
		}
		while (nv > 0 && v[nv - 1].code == TK_SEMI)
			nv--;
		if (rc != 0 || nv == 0)
			continue;
		{
			size_t start = v[0].off, end = v[nv - 1].off + v[nv - 1].n;
			char *sql = arena_alloc(&a, end - start + 1);
			memcpy(sql, text + start, end - start);
			sql[end - start] = 0;
			if (conn_exec(c, &d, sql) < 0) {
				printf("statement: %s\n%d %s\n", sql, conn_last_errno(c), conn_last_sqlstate(c));
				rc = 1;
			}
		}
	}
out:
	free(v);
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	free(text);
	return rc;
}
