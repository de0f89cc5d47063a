/*
 * fuzz_mysql.c: libFuzzer target for the MySQL front end. Any input must give either a model or
 * positioned errors: never a crash, hang, leak or sanitizer report. When the input parses, the
 * canonical print of its normalised model must parse again to an equal model (print/parse round
 * trip), which catches printer output the grammar does not accept.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "parser/frontend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	Diag d;
	ServerInfo si;
	char *text;
	int f;
	Schema *s;

	if (size > 1 << 20)
		return 0;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	f = diag_add_file(&d, "fuzz.sql", text, size);
	s = schema_new(&a, DIALECT_MYSQL);
	if (mysql_parse(&a, &d, f, s, NULL) == 0) {
		StrBuf sb;
		Schema *again = schema_new(&a, DIALECT_MYSQL);
		EqCtx c;
		int f2;
		char *printed;

		server_info_default(&si, DIALECT_MYSQL);
		mysql_normalize(&a, s, &si);
		sb_init(&sb);
		mysql_print_schema(&sb, s, &si);
		printed = sb_to_arena(&sb, &a);
		sb_release(&sb);
		f2 = diag_add_file(&d, "printed.sql", printed, strlen(printed));
		if (mysql_parse(&a, &d, f2, again, NULL) != 0) {
			fprintf(stderr, "printed model does not parse:\n%s\n%s", printed, sb_str(&d.text));
			abort();
		}
		mysql_normalize(&a, again, &si);
		eqctx_init(&c, DIALECT_MYSQL);
		if (!Schema_equal(s, again, &c)) {
			fprintf(stderr, "print/parse round trip differs at %s\n%s", c.path, printed);
			abort();
		}
	}
	diag_release(&d);
	arena_release(&a);
	return 0;
}
