/*
 * pgcat HOST PORT DB USER [FILE...]: read the live catalogue of a PostgreSQL database with
 * pg_catalog_read. Without files, print its model dump. With files, parse them (pg_parse +
 * pg_normalize) and compare the two models: exit 0 when equal, else print where they differ
 * (EqCtx.path) and exit 1. Used by tests/live/pg_*.sh until the URL parser lands in main.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "executor/conn_internal.h"
#include "parser/frontend.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	Conn c;
	Schema *live, *want;
	StrBuf sb;
	int rc = 0;

	if (argc < 5) {
		fprintf(stderr, "usage: pgcat HOST PORT DB USER [FILE...]\n");
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	memset(&c, 0, sizeof c);
	c.dialect = DIALECT_POSTGRES;
	c.arena = &a;
	c.url.dialect = DIALECT_POSTGRES;
	c.url.host = argv[1];
	c.url.port = atoi(argv[2]);
	c.url.database = argv[3];
	c.url.user = argv[4];
	c.url.display = arena_printf(&a, "postgres://%s@%s:%s/%s", argv[4], argv[1], argv[2], argv[3]);
	if (pg_conn_open(&c, &d) < 0)
		return 2;
	live = schema_new(&a, DIALECT_POSTGRES);
	if (pg_catalog_read(&a, &d, &c, live) < 0) {
		pg_conn_close(&c);
		return 2;
	}
	pg_conn_close(&c);
	sb_init(&sb);
	if (argc == 5 && getenv("PGCAT_PRINT")) {
		pg_print_schema(&sb, live, &c.server);
		fputs(sb_str(&sb), stdout);
	} else if (argc == 5) {
		schema_dump(&sb, live);
		fputs(sb_str(&sb), stdout);
	} else {
		EqCtx eq;
		want = schema_new(&a, DIALECT_POSTGRES);
		for (int i = 5; i < argc; i++) {
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
		pg_normalize(&a, want, &c.server);
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
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
