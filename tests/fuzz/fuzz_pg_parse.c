/*
 * fuzz_pg_parse.c: the PostgreSQL front end on arbitrary bytes: pg_parse, pg_normalize and
 * pg_print_schema must neither crash nor leak whatever the input (errors are fine). The
 * printed DDL of a model is parsed again, so printer output that the front end rejects or
 * crashes on is found too.
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
	Schema *s;
	ServerInfo si;
	char *text;

	if (size > 65536)
		return 0;
	arena_init(&a);
	diag_init(&d, &a);
	d.stream = NULL;
	text = arena_alloc(&a, size + 1);
	memcpy(text, data, size);
	s = schema_new(&a, DIALECT_POSTGRES);
	server_info_default(&si, DIALECT_POSTGRES);
	if (pg_parse(&a, &d, diag_add_file(&d, "fuzz.sql", text, size), s, NULL) == 0) {
		StrBuf sb;
		Schema *again = schema_new(&a, DIALECT_POSTGRES);
		pg_normalize(&a, s, &si);
		sb_init(&sb);
		pg_print_schema(&sb, s, &si);
		char *printed = sb_to_arena(&sb, &a);
		sb_release(&sb);
		pg_parse(&a, &d, diag_add_file(&d, "printed.sql", printed, strlen(printed)), again, NULL);
	}
	diag_release(&d);
	arena_release(&a);
	return 0;
}
