/*
 * sqlexec.c: build/tools/sqlexec URL SQL: runs SQL through conn_exec (executor/conn.h) and
 * prints "ok", or the diagnostic and "errno SQLSTATE" of the failure (exit 1). Also prints the
 * server facts conn_open read, as "fact NAME VALUE" lines, when SQL is "-facts", and each
 * table's sizes from catalog_read, as "size TABLE EST_ROWS DATA_BYTES AUTO_INCREMENT", when
 * SQL is "-sizes".
 */
#include <stdio.h>
#include <string.h>

#include "executor/conn.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: sqlexec URL SQL|-facts|-sizes\n");
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = stdout;
	if (dburl_parse(&a, &d, argv[1], &u) < 0 || !(c = conn_open(&a, &d, &u)))
		goto out;
	if (!strcmp(argv[2], "-facts")) {
		const ServerInfo *si = conn_server(c);
		printf("fact flavor %d\nfact version %d.%d.%d\nfact db_charset %s\nfact db_collation %s\n"
		       "fact lower_case_table_names %d\nfact sql_mode %s\n",
		       si->flavor, si->major, si->minor, si->patch, si->db_charset, si->db_collation,
		       si->lower_case_table_names, si->sql_mode);
		for (int i = 0; i + 1 < si->default_collations.n; i += 2)
			printf("fact default_collation %s %s\n", si->default_collations.v[i],
			       si->default_collations.v[i + 1]);
		rc = 0;
	} else if (!strcmp(argv[2], "-sizes")) {
		Schema *s = schema_new(&a, conn_dialect(c));
		if (catalog_read(&a, &d, c, s) == 0) {
			for (int i = 0; i < s->tables.n; i++)
				printf("size %s %lld %lld %lld\n", s->tables.v[i]->name, s->tables.v[i]->est_rows,
				       s->tables.v[i]->data_bytes, s->tables.v[i]->auto_increment);
			rc = 0;
		}
	} else if (conn_exec(c, &d, argv[2]) == 0) {
		printf("ok\n");
		rc = 0;
	} else {
		printf("%d %s\n", conn_last_errno(c), conn_last_sqlstate(c));
	}
out:
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
