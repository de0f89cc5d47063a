/*
 * url.c: connection URLs.
 *
 *     mysql://[user[:password]@][host][:port][/database][?socket=PATH]     (also mariadb://)
 *     postgres://[user[:password]@][host][:port][/database][?host=/dir&sslmode=...]
 *                                                                   (also postgresql://)
 *
 * User, password, host, database and parameter values are percent-decoded. The userinfo ends
 * at the last "@" of the URL, so a password holding a raw "@" or "/" still parses; "@" inside
 * a parameter value must be written %40. A missing password is taken from MYSQL_PWD /
 * PGPASSWORD. The password lives only in DbUrl.password: DbUrl.display and every message use
 * the URL with the password replaced by "***", even for URLs too malformed to parse.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/conn.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode s[0..n) into the arena; NULL on a bad escape or an encoded NUL. */
static char *pct_decode(Arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* Where the authority starts (after "scheme://", or the whole text) and where its userinfo
 * ends (the last '@'), or NULL when there is none. */
static const char *userinfo_end(const char *start)
{
	return strrchr(start, '@');
}

/* url with the text between colon and rest replaced by "***". */
static const char *mask_between(Arena *a, const char *url, const char *colon, const char *rest)
{
	StrBuf sb;
	char *r;

	sb_init(&sb);
	sb_add(&sb, url, (size_t)(colon - url) + 1);
	sb_adds(&sb, "***");
	sb_adds(&sb, rest);
	r = sb_to_arena(&sb, a);
	sb_release(&sb);
	return r;
}

/* The URL with the password masked. Works on any text: without "://" the whole text is
 * treated as the authority, so "user:secret@host" is masked too. */
static const char *url_display(Arena *a, const char *url)
{
	const char *sep = strstr(url, "://");
	const char *start = sep ? sep + 3 : url;
	const char *at = userinfo_end(start);
	const char *colon;

	if (!at) {
		/* No userinfo; but "user:secret" without its "@host" would show the secret as a
		 * port. Mask whatever follows the authority's colon unless it is a port number. */
		size_t alen = strcspn(start, "/?");
		const char *h = start, *s;
		if (*h == '[') {
			const char *rb = memchr(h, ']', alen);
			h = rb ? rb : h;
		}
		colon = memchr(h, ':', alen - (size_t)(h - start));
		if (!colon)
			return arena_strdup(a, url);
		for (s = colon + 1; s < start + alen && *s >= '0' && *s <= '9'; s++)
			;
		if (s == start + alen)
			return arena_strdup(a, url);
		return mask_between(a, url, colon, start + alen);
	}
	colon = memchr(start, ':', (size_t)(at - start));
	if (!colon)
		return arena_strdup(a, url);
	return mask_between(a, url, colon, at);
}

static int bad_url(Diag *d, const DbUrl *u, const char *what)
{
	diag_error(d, LOC_NONE, "%s in URL \"%s\"", what, u->display);
	diag_hint(d, "expected mysql://user:password@host:port/database or "
		     "postgres://user:password@host:port/database; percent-encode reserved characters");
	return -1;
}

/* Parse "k=v&k=v" into the struct (socket/host) and out->params. */
static int parse_params(Arena *a, Diag *d, const char *q, DbUrl *out)
{
	StrBuf rest;
	const char *p = q;

	sb_init(&rest);
	while (*p) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		char *key, *val;

		if (len == 0) {
			p += amp ? 1 : 0;
			if (!amp)
				break;
			continue;
		}
		if (!eq) {
			sb_release(&rest);
			return bad_url(d, out, arena_printf(a, "parameter \"%.*s\" has no value",
							    (int)len, p));
		}
		key = pct_decode(a, p, (size_t)(eq - p));
		val = pct_decode(a, eq + 1, len - (size_t)(eq - p) - 1);
		if (!key || !val) {
			sb_release(&rest);
			return bad_url(d, out, "invalid percent-encoding");
		}
		if (!strcmp(key, "socket") || (out->dialect == DIALECT_POSTGRES && !strcmp(key, "host") &&
					       val[0] == '/')) {
			out->socket = val;
		} else if (out->dialect == DIALECT_MYSQL) {
			sb_release(&rest);
			diag_error(d, LOC_NONE, "unknown parameter \"%s\" in URL \"%s\"", key,
				   out->display);
			diag_hint(d, "MySQL/MariaDB URLs take ?socket=PATH");
			return -1;
		} else {
			if (rest.len)
				sb_addc(&rest, '&');
			sb_add(&rest, p, len);
		}
		if (!amp)
			break;
		p = amp + 1;
	}
	out->params = rest.len ? sb_to_arena(&rest, a) : NULL;
	sb_release(&rest);
	return 0;
}

int dburl_parse(Arena *a, Diag *d, const char *url, DbUrl *out)
{
	const char *sep, *p, *at, *auth_end, *hp_end, *q;
	size_t slen;

	memset(out, 0, sizeof *out);
	out->display = url_display(a, url ? url : "");
	if (!url || !*url)
		return bad_url(d, out, "empty connection");
	sep = strstr(url, "://");
	if (!sep)
		return bad_url(d, out, "missing scheme");
	slen = (size_t)(sep - url);
	if (slen == 5 && !strncmp(url, "mysql", 5))
		out->dialect = DIALECT_MYSQL;
	else if (slen == 7 && !strncmp(url, "mariadb", 7))
		out->dialect = DIALECT_MYSQL;
	else if ((slen == 8 && !strncmp(url, "postgres", 8)) ||
		 (slen == 10 && !strncmp(url, "postgresql", 10)))
		out->dialect = DIALECT_POSTGRES;
	else {
		diag_error(d, LOC_NONE, "unsupported scheme \"%.*s\" in URL \"%s\"", (int)slen, url,
			   out->display);
		diag_hint(d, "use mysql://, mariadb://, postgres:// or postgresql://");
		return -1;
	}
	p = sep + 3;

	/* userinfo */
	at = userinfo_end(p);
	if (at) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		const char *uend = colon ? colon : at;
		if (uend > p) {
			out->user = pct_decode(a, p, (size_t)(uend - p));
			if (!out->user)
				return bad_url(d, out, "invalid percent-encoding in the user name");
		}
		if (colon) {
			out->password = pct_decode(a, colon + 1, (size_t)(at - colon - 1));
			/* Never echo any part of the password, not even where its encoding is bad. */
			if (!out->password)
				return bad_url(d, out, "invalid percent-encoding in the password");
		}
		p = at + 1;
	}

	/* host[:port] up to '/' or '?' */
	auth_end = p + strcspn(p, "/?");
	hp_end = auth_end;
	if (*p == '[') {
		const char *rb = memchr(p, ']', (size_t)(auth_end - p));
		if (!rb)
			return bad_url(d, out, "unterminated \"[\" in the host");
		out->host = arena_strndup(a, p + 1, (size_t)(rb - p - 1));
		p = rb + 1;
		if (p < auth_end && *p != ':')
			return bad_url(d, out, "unexpected text after \"]\" in the host");
	} else {
		const char *colon = memchr(p, ':', (size_t)(auth_end - p));
		const char *hend = colon ? colon : auth_end;
		if (hend > p) {
			out->host = pct_decode(a, p, (size_t)(hend - p));
			if (!out->host)
				return bad_url(d, out, "invalid percent-encoding in the host");
		}
		p = hend;
	}
	if (p < hp_end && *p == ':') {
		long port = 0;
		const char *s = p + 1;
		if (s == hp_end)
			return bad_url(d, out, "empty port");
		for (; s < hp_end; s++) {
			if (*s < '0' || *s > '9')
				return bad_url(d, out, "port is not a number");
			port = port * 10 + (*s - '0');
			if (port > 65535)
				return bad_url(d, out, "port out of range 1-65535");
		}
		if (port == 0)
			return bad_url(d, out, "port out of range 1-65535");
		out->port = (int)port;
	}
	p = auth_end;

	/* /database */
	q = strchr(p, '?');
	if (*p == '/') {
		const char *dend = q ? q : p + strlen(p);
		if (dend > p + 1) {
			out->database = pct_decode(a, p + 1, (size_t)(dend - p - 1));
			if (!out->database)
				return bad_url(d, out, "invalid percent-encoding in the database name");
			if (out->dialect == DIALECT_MYSQL && strchr(out->database, '/'))
				return bad_url(d, out, "\"/\" in the database name");
		}
	}
	if (q && parse_params(a, d, q + 1, out) < 0)
		return -1;

	if (!out->password) {
		const char *env = getenv(out->dialect == DIALECT_MYSQL ? "MYSQL_PWD" : "PGPASSWORD");
		if (env)
			out->password = arena_strdup(a, env);
	}
	return 0;
}
