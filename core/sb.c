/*
 * sb.c: string buffer, quoting and small string helpers. Knows the quoting rules of the two
 * dialects and nothing else about SQL.
 */
#include "core/sb.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char sb_empty[1];

void sb_init(StrBuf *sb)
{
	sb->buf = sb_empty;
	sb->len = 0;
	sb->cap = 0;
}

void sb_release(StrBuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	sb_init(sb);
}

const char *sb_str(const StrBuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void sb_reset(StrBuf *sb)
{
	sb_truncate(sb, 0);
}

void sb_truncate(StrBuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

void sb_grow(StrBuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	if (sb->cap) {
		sb->buf = xrealloc(sb->buf, cap);
	} else {
		char *p = xmalloc(cap);
		if (sb->len && sb->buf)
			memcpy(p, sb->buf, sb->len);
		p[sb->len] = '\0';
		sb->buf = p;
	}
	sb->cap = cap;
}

void sb_add(StrBuf *sb, const void *p, size_t n)
{
	if (!sb->buf)
		sb_init(sb);
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(StrBuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(StrBuf *sb, int c)
{
	char ch = (char)c;
	sb_add(sb, &ch, 1);
}

void sb_vaddf(StrBuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (!sb->buf)
		sb_init(sb);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xoom();
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(StrBuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *sb_detach(StrBuf *sb)
{
	char *p;
	if (sb->cap) {
		p = sb->buf;
	} else {
		p = xstrdup(sb_str(sb));
	}
	sb_init(sb);
	return p;
}

char *sb_to_arena(StrBuf *sb, Arena *a)
{
	char *p = arena_strndup(a, sb_str(sb), sb->len);
	sb_reset(sb);
	return p;
}

char *sb_move_to_arena(StrBuf *sb, Arena *a)
{
	char *p = sb_to_arena(sb, a);
	sb_release(sb);
	return p;
}

/* name between two q, each q inside doubled; copied a stretch at a time (exports quote every
 * identifier: a call per character was a third of printing a schema) */
static void add_quoted(StrBuf *sb, const char *name, char q)
{
	const char *e;
	sb_addc(sb, q);
	for (; (e = strchr(name, q)); name = e + 1) {
		sb_add(sb, name, (size_t)(e - name) + 1);
		sb_addc(sb, q);
	}
	sb_adds(sb, name);
	sb_addc(sb, q);
}

void sb_add_mysql_ident(StrBuf *sb, const char *name)
{
	add_quoted(sb, name, '`');
}

void sb_add_mysql_string(StrBuf *sb, const char *text)
{
	sb_addc(sb, '\'');
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (p[0] == 0xC0 && p[1] == 0x80) {
			sb_adds(sb, "\\0");
			p++;
			continue;
		}
		switch (*p) {
		case '\'': sb_adds(sb, "''"); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		case 26: sb_adds(sb, "\\Z"); break;
		default: sb_addc(sb, *p); break;
		}
	}
	sb_addc(sb, '\'');
}

void sb_add_pg_ident(StrBuf *sb, const char *name)
{
	add_quoted(sb, name, '"');
}

void sb_add_pg_string(StrBuf *sb, const char *text)
{
	if (strchr(text, '\\'))
		sb_addc(sb, 'E');
	sb_addc(sb, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '\'')
			sb_addc(sb, '\'');
		else if (*p == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *p);
	}
	sb_addc(sb, '\'');
}

bool str_eq(const char *a, const char *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	return strcmp(a, b) == 0;
}

bool str_ieq(const char *a, const char *b)
{
	if (a == b)
		return true;
	if (!a || !b)
		return false;
	/* ASCII folding, as strcasecmp in the C locale; inline because the parser's duplicate
	 * checks call it once per pair of columns */
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x != y) {
			if ((unsigned)(x - 'A') < 26u)
				x += 'a' - 'A';
			if ((unsigned)(y - 'A') < 26u)
				y += 'a' - 'A';
			if (x != y)
				return false;
		}
		if (!x)
			return true;
	}
}

bool str_has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_ihas_prefix(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *str_lower(Arena *a, const char *s)
{
	char *p;
	if (!s)
		return NULL;
	p = arena_strdup(a, s);
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

char *str_upper(Arena *a, const char *s)
{
	char *p;
	if (!s)
		return NULL;
	p = arena_strdup(a, s);
	for (char *q = p; *q; q++)
		*q = (char)toupper((unsigned char)*q);
	return p;
}

char *file_read_all(const char *path, size_t *len_out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	StrBuf sb;
	char chunk[65536];
	size_t n;
	int saved;

	if (!f)
		return NULL;
	sb_init(&sb);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&sb, chunk, n);
	saved = ferror(f) ? errno : 0;
	if (f != stdin)
		fclose(f);
	if (saved) {
		sb_release(&sb);
		errno = saved;
		return NULL;
	}
	if (len_out)
		*len_out = sb.len;
	return sb_detach(&sb);
}
