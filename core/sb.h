/*
 * sb.h: growable string buffer (malloc-backed) and small string helpers.
 * A StrBuf owns its bytes until sb_release() or sb_detach(); sb_to_arena() copies the text
 * into an arena and empties the buffer. The text is always NUL-terminated.
 */
#ifndef SQLSHAPE_SB_H
#define SQLSHAPE_SB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"

typedef struct StrBuf {
	char *buf;   /* never NULL after sb_init: points at "" until the first write */
	size_t len;
	size_t cap;
} StrBuf;

#define SB_INIT {NULL, 0, 0}

void sb_init(StrBuf *sb);
void sb_release(StrBuf *sb);
/* Text of the buffer (never NULL). */
const char *sb_str(const StrBuf *sb);
void sb_reset(StrBuf *sb);
void sb_truncate(StrBuf *sb, size_t len);
void sb_grow(StrBuf *sb, size_t extra);
void sb_add(StrBuf *sb, const void *p, size_t n);
void sb_adds(StrBuf *sb, const char *s);
void sb_addc(StrBuf *sb, int c);
void sb_addf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(StrBuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Caller owns the returned malloc'd string; the buffer is left empty. */
char *sb_detach(StrBuf *sb);
/* Copy into the arena and empty the buffer. */
char *sb_to_arena(StrBuf *sb, Arena *a);
/* sb_to_arena, then sb_release: for a buffer that ends with its text. */
char *sb_move_to_arena(StrBuf *sb, Arena *a);

/* MySQL identifier quoting: `name` with embedded backticks doubled. */
void sb_add_mysql_ident(StrBuf *sb, const char *name);
/* MySQL string literal: 'text' with ' and \ escaped the way SHOW CREATE TABLE prints them.
 * Model strings are C strings, so a NUL byte of a MySQL value is kept as the overlong UTF-8
 * pair C0 80 (which valid UTF-8 never contains, as in Java's modified UTF-8); it prints as \0. */
void sb_add_mysql_string(StrBuf *sb, const char *text);
/* PostgreSQL identifier: always "quoted", embedded quotes doubled. */
void sb_add_pg_ident(StrBuf *sb, const char *name);
/* PostgreSQL literal: 'text' (E'' when it holds a backslash). */
void sb_add_pg_string(StrBuf *sb, const char *text);

/* NULL-safe comparisons. */
bool str_eq(const char *a, const char *b);
bool str_ieq(const char *a, const char *b);
bool str_has_prefix(const char *s, const char *prefix);
bool str_ihas_prefix(const char *s, const char *prefix);
/* ASCII lower-case copy into the arena. */
char *str_lower(Arena *a, const char *s);
char *str_upper(Arena *a, const char *s);

/* Read a whole file (or stdin for "-") into malloc'd memory; NULL with errno on failure. */
char *file_read_all(const char *path, size_t *len_out);

#endif
