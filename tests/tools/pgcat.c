/*
 * pgcat URL [FILE...]: read the live catalogue of a PostgreSQL database (conn_open +
 * catalog_read, through the dialect dispatch). Without files, print its model dump. With files, parse them (pg_parse +
 * pg_normalize) and compare the two models: exit 0 when equal, else print where they differ
 * (EqCtx.path) and exit 1. With PGCAT_PRINT=1 and no files, print pg_print_schema of it.
 * Used by tests/live/pg_*.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "executor/conn.h"
#include "parser/frontend.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	Conn *c;
	DbUrl u;
	Schema *live, *want;
	StrBuf sb;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: pgcat URL [FILE...]\n");
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	if (dburl_parse(&a, &d, argv[1], &u) < 0)
		return 2;
	c = conn_open(&a, &d, &u);
	if (!c)
		return 2;
	live = schema_new(&a, DIALECT_POSTGRES);
	if (catalog_read(&a, &d, c, live) < 0) {
		conn_close(c);
		return 2;
	}
	sb_init(&sb);
	if (argc == 2 && getenv("PGCAT_PRINT")) {
		pg_print_schema(&sb, live, conn_server(c));
		fputs(sb_str(&sb), stdout);
	} else if (argc == 2) {
		schema_dump(&sb, live);
		fputs(sb_str(&sb), stdout);
	} else {
		EqCtx eq;
		want = schema_new(&a, DIALECT_POSTGRES);
		for (int i = 2; i < argc; i++) {
			size_t len;
			char *text = file_read_all(argv[i], &len);
			if (!text) {
				perror(argv[i]);
				return 2;
			}
			int f = diag_add_file(&d, argv[i], arena_strndup(&a, text, len), len);
			free(text);
			if (pg_parse(&a, &d, f, want, NULL) < 0)
				return 2;
		}
		pg_normalize(&a, want, conn_server(c));
		eqctx_init(&eq, DIALECT_POSTGRES);
		if (!Schema_equal(want, live, &eq)) {
			printf("models differ (file vs catalogue): %s\n", eq.path);
			if (getenv("PGCAT_DUMP")) {
				printf("--- file model\n");
				schema_dump(&sb, want);
				printf("%s--- catalogue model\n", sb_str(&sb));
				sb_reset(&sb);
				schema_dump(&sb, live);
				fputs(sb_str(&sb), stdout);
			}
			rc = 1;
		} else {
			printf("models equal: %d tables, %d views, %d sequences, %d types, %d routines, %d triggers, %d policies\n",
			       live->tables.n, live->views.n, live->sequences.n, live->types.n, live->routines.n, live->triggers.n,
			       live->policies.n);
		}
	}
	conn_close(c);
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
