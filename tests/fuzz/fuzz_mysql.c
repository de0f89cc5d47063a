/*
 * fuzz_mysql.c: libFuzzer target of the MySQL front end. Any input must give either a model or
 * positioned errors: never a crash, hang, leak or sanitizer report. Two oracles on top:
 *  - when the input parses, the canonical print of its normalised model must parse again to an
 *    equal model (print/parse round trip), which catches printer output the grammar rejects;
 *  - when the input holds no NUL byte, its canonical expression text (if it is an expression)
 *    must be a fixed point of mysql_expr_canonical.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/diag.h"
#include "parser/frontend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_print_round_trip(Arena *a, Diag *d, Schema *s)
{
	ServerInfo si;
	StrBuf sb;
	Schema *again = schema_new(a, DIALECT_MYSQL);
	EqCtx c;
	char *printed;
	int f2;

	server_info_default(&si, DIALECT_MYSQL);
	mysql_normalize(a, s, &si);
	sb_init(&sb);
	mysql_print_schema(&sb, s, &si);
	printed = sb_to_arena(&sb, a);
	sb_release(&sb);
	f2 = diag_add_file(d, "printed.sql", printed, strlen(printed));
	if (mysql_parse(a, d, f2, again, NULL) != 0) {
		fprintf(stderr, "printed model does not parse:\n%s\n%s", printed, sb_str(&d->text));
		abort();
	}
	mysql_normalize(a, again, &si);
	eqctx_init(&c, DIALECT_MYSQL);
	if (!Schema_equal(s, again, &c)) {
		fprintf(stderr, "print/parse round trip differs at %s\n%s", c.path, printed);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena a;
	Diag d;
	ParseStats st = {0, 0, 0};
	char *text;
	int file;
	Schema *s;

	if (size > 1 << 20)
		return 0;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	file = diag_add_file(&d, "fuzz.sql", text, size);
	s = schema_new(&a, DIALECT_MYSQL);
	if (mysql_parse(&a, &d, file, s, &st) == 0)
		check_print_round_trip(&a, &d, s);
	if (strlen(text) == size && size < 4096) {
		const char *c = mysql_expr_canonical(&a, &d, text);
		if (c) {
			const char *again = mysql_expr_canonical(&a, &d, c);
			if (!again || strcmp(c, again) != 0)
				abort();
		}
	}
	diag_release(&d);
	arena_release(&a);
	return 0;
}
