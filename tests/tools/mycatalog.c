/*
 * mycatalog.c: build/tools/mycatalog URL: the raw catalogue texts executor/mysql_catalog.c
 * fetches from a MySQL/MariaDB database, one "-- KIND name" header line and the text per
 * object, then "-- round trips: N". For the live tests of the batched reader.
 */
#include <stdio.h>

#include "executor/mysql_internal.h"

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c;
	MyCatalog cat;
	int rc = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: mycatalog URL\n");
		return 2;
	}
	arena_init(&a);
	diag_init(&d, &a);
	if (dburl_parse(&a, &d, argv[1], &u) == 0 && (c = conn_open(&a, &d, &u)) != NULL) {
		if (mysql_catalog_fetch(&a, &d, c, &cat) == 0) {
			for (int i = 0; i < cat.objects.n; i++) {
				MyObject *o = cat.objects.v[i];
				printf("-- %s %s\n%s\n", mysql_objkind_name(o->kind), o->name, o->create_sql);
			}
			printf("-- round trips: %d\n", cat.round_trips);
			rc = 0;
		}
		conn_close(c);
	}
	diag_release(&d);
	arena_release(&a);
	return rc;
}
