/*
 * pgparse FILE...: parse PostgreSQL files with pg_parse + pg_normalize and print the model dump
 * (for goldens and debugging). Exit 1 on errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "parser/frontend.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	Schema *s;
	ServerInfo si;
	StrBuf sb;
	int rc = 0;
	ParseStats st = {0};

	arena_init(&a);
	diag_init(&d, &a);
	s = schema_new(&a, DIALECT_POSTGRES);
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *text = file_read_all(argv[i], &len);
		if (!text) {
			perror(argv[i]);
			return 2;
		}
		int f = diag_add_file(&d, argv[i], arena_strndup(&a, text, len), len);
		free(text);
		if (pg_parse(&a, &d, f, s, &st) < 0)
			rc = 1;
	}
	server_info_default(&si, DIALECT_POSTGRES);
	pg_normalize(&a, s, &si);
	sb_init(&sb);
	if (!getenv("PGPARSE_QUIET"))
		schema_dump(&sb, s);
	fputs(sb_str(&sb), stdout);
	fprintf(stderr, "statements %d, data %d, ignored %d, tables %d, errors %d\n", st.statements, st.data_statements,
		st.ignored_statements, s->tables.n, d.errors);
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
