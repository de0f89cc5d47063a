/*
 * osc_load.c: build/tools/osc_load URL STOPFILE [SEED]: concurrent writes for the online copy
 * tests (tests/live/online_copy.sh). Until STOPFILE exists it runs small transactions against
 * table `t` (id, a, s) and makes the same change to table `ref` in the same transaction, so
 * that afterwards `t` must equal `ref` row for row whatever the copy did in between:
 *
 *   update of a and s by id; delete by id (also of rows the copy has not reached);
 *   insert of new ids from 500000 up;
 *   primary-key updates both ways: an even id below 100000 moves up to id + 100001 (ahead of
 *   the copy), an inserted id moves down to 2 * (id - 500000) + 1 (into the part already
 *   copied). Targets never collide, so no statement fails by design.
 *
 * Prints "load running" after 50 transactions (tests wait for it) and at the end
 * "transactions N errors E deadlocks D": deadlocks are retried; errors are anything else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "executor/conn.h"

static int run_txn(Conn *c, Arena *a, const char *op_t, const char *op_ref)
{
	Diag d;
	char *sql = arena_printf(a, "START TRANSACTION; %s; %s; COMMIT", op_t, op_ref);
	int rc;
	diag_init(&d, a);
	d.stream = NULL;
	rc = conn_exec(c, &d, sql);
	if (rc < 0) {
		Diag r;
		int e = conn_last_errno(c);
		diag_init(&r, a);
		r.stream = NULL;
		conn_exec(c, &r, "ROLLBACK");
		diag_release(&r);
		if (e != 1213 && e != 1205)
			fprintf(stderr, "osc_load: %s", sb_str(&d.text));
		diag_release(&d);
		return e == 1213 || e == 1205 ? 1 : -1;
	}
	diag_release(&d);
	return 0;
}

int main(int argc, char **argv)
{
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c;
	long n = 0, errors = 0, deadlocks = 0, next_id = 500000, inserted = 0;
	bool said = false;

	if (argc < 3) {
		fprintf(stderr, "usage: osc_load URL STOPFILE [SEED]\n");
		return 2;
	}
	srand(argc > 3 ? (unsigned)atoi(argv[3]) : 1u);
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = stderr;
	if (dburl_parse(&a, &d, argv[1], &u) < 0 || !(c = conn_open(&a, &d, &u)))
		return 1;
	while (access(argv[2], F_OK) != 0) {
		Arena ta;
		char *ot, *orf;
		int k = rand() % 100, rc;
		long id = 2 * (1 + rand() % 3000), other = 500000 + rand() % (inserted + 1);
		arena_init(&ta);
		ot = orf = NULL;
		for (int side = 0; side < 2; side++) {
			const char *tb = side ? "ref" : "t";
			char *sql;
			if (k < 35)
				sql = arena_printf(&ta, "UPDATE %s SET a = a + 7, s = CONCAT('u', a) WHERE id = %ld", tb, id);
			else if (k < 55)
				sql = arena_printf(&ta, "DELETE FROM %s WHERE id = %ld", tb, k % 2 ? id : other);
			else if (k < 80)
				sql = arena_printf(&ta, "INSERT INTO %s (id, a, s) VALUES (%ld, %ld, 'i%ld')", tb, next_id, next_id % 1000, next_id);
			else if (k < 90)
				sql = arena_printf(&ta, "UPDATE %s SET id = id + 100001 WHERE id = %ld", tb, id);
			else
				sql = arena_printf(&ta, "UPDATE %s SET id = %ld WHERE id = %ld", tb, 2 * (other - 500000) + 1, other);
			*(side ? &orf : &ot) = sql;
		}
		do {
			rc = run_txn(c, &ta, ot, orf);
			if (rc > 0)
				deadlocks++;
		} while (rc > 0);
		arena_release(&ta);
		if (rc < 0)
			errors++;
		else if (k >= 55 && k < 80) {
			next_id++;
			inserted++;
		}
		if (++n == 50 && !said) {
			printf("load running\n");
			fflush(stdout);
			said = true;
		}
		usleep(2000);
	}
	printf("transactions %ld errors %ld deadlocks %ld\n", n, errors, deadlocks);
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return errors ? 1 : 0;
}
