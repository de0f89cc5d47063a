/*
 * fuzz_mysql.c: libFuzzer target of the MySQL front end. The input is parsed as one file (with
 * a fresh arena, diagnostics collected but not printed); then, if it holds no NUL byte, as one
 * expression through mysql_expr_canonical, whose output must reparse to itself. Anything but a
 * clean return (crash, hang, sanitizer report, a canonical text that does not round-trip) is a
 * finding.
 */
#include <stdint.h>
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
	ParseStats st = {0, 0, 0};
	char *text;
	int file;

	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	file = diag_add_file(&d, "fuzz.sql", text, size);
	mysql_parse(&a, &d, file, schema_new(&a, DIALECT_MYSQL), &st);
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
