/*
 * mysql_dump.c: parse MySQL files with the front end and print the model tree (schema_dump),
 * the parse statistics and the time taken. For goldens, debugging and the speed check:
 *     build/tools/mysql_dump [-q|-d|-r N] [-e EXPR] FILE...
 * -q prints only statistics and time; -d only the diagnostics, on stdout (for error goldens);
 * -r N loads N times in one process and prints the first and the best time (the later runs
 * reuse memory the first one faulted in), wall clock and the process's CPU time (on a shared
 * machine the CPU time is the figure that does not depend on the load); -e prints the canonical
 * text of one expression.
 */
#include <stdio.h>
#include <stdlib.h>
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
	int quiet = 0, diag_only = 0, repeat = 0, i = 1, rc;

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
	} else if (argc > 2 && !strcmp(argv[1], "-r")) {
		repeat = atoi(argv[2]);
		i += 2;
	} else if (argc > 1 && !strcmp(argv[1], "-d")) {
		diag_only = 1;
		d.stream = NULL;
		i++;
	}
	if (repeat > 0) {
		double first = 0, best = 0, cfirst = 0, cbest = 0;
		for (int r = 0; r < repeat; r++) {
			struct timespec c0, c1;
			Arena ra;
			Diag rd;
			arena_init(&ra);
			diag_init(&rd, &ra);
			s = schema_new(&ra, DIALECT_MYSQL);
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
			clock_gettime(CLOCK_MONOTONIC, &t0);
			rc = schema_load_paths(&ra, &rd, DIALECT_MYSQL, argv + i, argc - i, s, &st);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
			double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
			double cms = (double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6;
			if (r == 0)
				first = best = ms, cfirst = cbest = cms;
			if (ms < best)
				best = ms;
			if (cms < cbest)
				cbest = cms;
			diag_release(&rd);
			arena_release(&ra);
			if (rc)
				return 1;
		}
		printf("%d runs: first %.2f ms, best %.2f ms; CPU time first %.2f ms, best %.2f ms\n", repeat, first, best,
		       cfirst, cbest);
		return 0;
	}
	s = schema_new(&a, DIALECT_MYSQL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = schema_load_paths(&a, &d, DIALECT_MYSQL, argv + i, argc - i, s, &st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (diag_only) {
		fputs(sb_str(&d.text), stdout);
		diag_release(&d);
		arena_release(&a);
		return rc ? 1 : 0;
	}
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
