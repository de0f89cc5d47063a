/*
 * mysql_dump.c: parse MySQL files with the front end and print the model tree (schema_dump),
 * the parse statistics and the time taken. For goldens, debugging and the speed check:
 *     build/tools/mysql_dump [-q] [-e EXPR] FILE...
 * -q prints only statistics and time; -e prints the canonical text of one expression.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/diag.h"
#include "parser/frontend.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	Schema *s;
	ParseStats st = {0, 0, 0};
	struct timespec t0, t1;
	int quiet = 0, i = 1, rc;

	arena_init(&a);
	diag_init(&d, &a);
	if (argc > 2 && !strcmp(argv[1], "-e")) {
		const char *c = mysql_expr_canonical(&a, &d, argv[2]);
		if (c)
			printf("%s\n", c);
		diag_release(&d);
		arena_release(&a);
		return c ? 0 : 1;
	}
	if (argc > 1 && !strcmp(argv[1], "-q")) {
		quiet = 1;
		i++;
	}
	s = schema_new(&a, DIALECT_MYSQL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = schema_load_paths(&a, &d, DIALECT_MYSQL, argv + i, argc - i, s, &st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet && rc == 0) {
		StrBuf sb = SB_INIT;
		schema_dump(&sb, s);
		fputs(sb_str(&sb), stdout);
		sb_release(&sb);
	}
	fprintf(quiet ? stdout : stderr, "statements %d, ignored %d, data %d, tables %d; %.2f ms\n", st.statements,
		st.ignored_statements, st.data_statements, s->tables.n,
		(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	diag_release(&d);
	arena_release(&a);
	return rc ? 1 : 0;
}
