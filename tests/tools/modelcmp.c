/*
 * modelcmp.c: build/tools/modelcmp [--dialect mysql|postgres] PATH URL: loads the schema in
 * PATH (a file or directory, as sqlshape reads desired state) and the live catalogue of URL,
 * normalises the file's model for that server and compares the two with Schema_equal.
 * Exit 0 when equal; 1 and "differ at: PATH" (EqCtx.path) when not; 2 on errors; 77 when the
 * front end is not built into this tree yet.
 */
#include <stdio.h>
#include <string.h>

#include "executor/conn.h"
#include "parser/frontend.h"


int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	Schema *file, *live;
	EqCtx eq;
	int rc = 2;

	if (argc != 3 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: modelcmp PATH URL\n");
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	if (dburl_parse(&a, &d, argv[2], &u) < 0)
		goto out;
	c = conn_open(&a, &d, &u);
	if (!c)
		goto out;
	live = schema_new(&a, u.dialect);
	if (catalog_read(&a, &d, c, live) < 0)
		goto out;
	file = schema_new(&a, u.dialect);
	if (schema_load_paths(&a, &d, u.dialect, &argv[1], 1, file, NULL) < 0)
		goto out;
	if (u.dialect == DIALECT_MYSQL)
		mysql_normalize(&a, file, conn_server(c));
	else
		pg_normalize(&a, file, conn_server(c));
	eqctx_init(&eq, u.dialect);
	if (Schema_equal(file, live, &eq)) {
		rc = 0;
	} else {
		printf("differ at: %s\n", eq.path);
		rc = 1;
	}
out:
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
