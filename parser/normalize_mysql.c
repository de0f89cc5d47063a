/*
 * normalize_mysql.c: rewrites a MySQL model (as a user wrote it, or as a server reported it)
 * into one canonical form per server flavour, so that "what the user wrote" and "what the server
 * reports for the same DDL" compare equal. Owns every implicit thing the server adds: display
 * widths, DEFAULT NULL, NOT NULL of key columns, inherited charsets and collations, the names of
 * unnamed keys, foreign keys and checks, the index a foreign key creates, default literal
 * spellings, partition spellings. Idempotent: normalising a normalised model changes nothing.
 *
 * The facts below were read off MariaDB 10.11 (SHOW CREATE TABLE after CREATE TABLE of each
 * form) and MySQL 8.0 documentation; where the flavours differ, ServerInfo.flavor decides.
 * Never talks to a server and never reports errors: a model the server would reject is left as
 * it is for the server to reject.
 */
#include "parser/frontend.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parser/mysql_types.h"

/* ---- type facts ---- */

static bool in_list(const char *s, const char *const *list)
{
	if (!s)
		return false;
	for (int i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static const char *const integer_types[] = {"tinyint", "smallint", "mediumint", "int", "bigint", NULL};
static const char *const string_types[] = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext",
					   "enum", "set", NULL};
static const char *const lob_types[] = {"tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob",
					"mediumblob", "longblob", "json", NULL};
static const char *const binary_types[] = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", NULL};
static const char *const spatial_types[] = {"geometry", "point", "linestring", "polygon", "multipoint",
					    "multilinestring", "multipolygon", "geometrycollection", NULL};
static const char *const temporal_types[] = {"date", "time", "datetime", "timestamp", "year", NULL};

bool mysql_type_is_integer(const char *type) { return in_list(type, integer_types); }
bool mysql_type_is_numeric(const char *type)
{
	return mysql_type_is_integer(type) || str_eq(type, "decimal") || str_eq(type, "float") ||
	       str_eq(type, "double") || str_eq(type, "bit");
}
bool mysql_type_is_string(const char *type) { return in_list(type, string_types); }
bool mysql_type_is_lob(const char *type) { return in_list(type, lob_types); }
bool mysql_type_is_binary(const char *type) { return in_list(type, binary_types); }
bool mysql_type_is_spatial(const char *type) { return in_list(type, spatial_types); }
bool mysql_type_is_temporal(const char *type) { return in_list(type, temporal_types); }

int mysql_int_default_width(const char *type, bool is_unsigned)
{
	static const struct { const char *t; int s, u; } w[] = {
		{"tinyint", 4, 3}, {"smallint", 6, 5}, {"mediumint", 9, 8}, {"int", 11, 10}, {"bigint", 20, 20},
	};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (str_eq(type, w[i].t))
			return is_unsigned ? w[i].u : w[i].s;
	return -1;
}

bool mysql_type_has_length(const char *type)
{
	return mysql_type_is_numeric(type) || str_eq(type, "char") || str_eq(type, "varchar") ||
	       str_eq(type, "binary") || str_eq(type, "varbinary") || str_eq(type, "time") ||
	       str_eq(type, "datetime") || str_eq(type, "timestamp") || str_eq(type, "year");
}

static const char *flavor_db_charset(const ServerInfo *si)
{
	return si->db_charset ? si->db_charset : "utf8mb4";
}

const char *mysql_charset_default_collation(const ServerInfo *si, const char *charset)
{
	const char *c = server_default_collation(si, charset);
	return c;
}

/* Bytes per character, for TEXT(n) size classes. */
static int charset_maxlen(const char *cs)
{
	if (!cs)
		return 4;
	if (str_has_prefix(cs, "utf8mb4") || str_eq(cs, "utf16") || str_eq(cs, "utf16le") || str_eq(cs, "utf32") ||
	    str_eq(cs, "gb18030"))
		return 4;
	if (str_has_prefix(cs, "utf8") || str_eq(cs, "ujis") || str_eq(cs, "eucjpms"))
		return 3;
	if (str_eq(cs, "ucs2") || str_eq(cs, "big5") || str_eq(cs, "gbk") || str_eq(cs, "gb2312") ||
	    str_eq(cs, "sjis") || str_eq(cs, "cp932") || str_eq(cs, "euckr"))
		return 2;
	return 1;
}

/* ---- small text helpers ---- */

/* The buffer's text in the arena; the buffer is released (sb_to_arena keeps its memory). */
static char *sb_take(StrBuf *sb, Arena *a)
{
	char *p = sb_to_arena(sb, a);
	sb_release(sb);
	return p;
}

static const char *canon_charset(Arena *a, const char *cs)
{
	char *l;
	if (!cs)
		return NULL;
	l = str_lower(a, cs);
	if (!strcmp(l, "utf8"))
		return "utf8mb3";
	return l;
}

static const char *canon_collation(Arena *a, const char *co)
{
	char *l;
	if (!co)
		return NULL;
	l = str_lower(a, co);
	if (str_has_prefix(l, "utf8_"))
		return arena_printf(a, "utf8mb3_%s", l + 5);
	return l;
}

/* The charset a collation belongs to: the text before the first '_' ("binary" is its own). */
static const char *collation_charset(Arena *a, const char *co)
{
	const char *u;
	if (!co)
		return NULL;
	u = strchr(co, '_');
	return u ? arena_strndup(a, co, (size_t)(u - co)) : co;
}

static const char *empty_to_null(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *trim(Arena *a, const char *s)
{
	size_t n;
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/* Value of a quoted string literal ('..' or ".." with MySQL escapes); NULL if text is not
 * exactly one quoted literal (optionally with a _charset introducer). */
static char *unquote(Arena *a, const char *text)
{
	StrBuf sb;
	char q;
	const char *p = text;
	if (*p == '_') { /* _utf8mb4'x' */
		while (*p && *p != '\'' && *p != '"')
			p++;
	}
	if (*p == 'N' || *p == 'n') {
		if (p[1] == '\'')
			p++;
	}
	q = *p;
	if (q != '\'' && q != '"')
		return NULL;
	sb_init(&sb);
	for (p++; *p; p++) {
		if (*p == q) {
			if (p[1] == q) {
				sb_addc(&sb, q);
				p++;
				continue;
			}
			break;
		}
		if (*p == '\\' && p[1]) {
			p++;
			switch (*p) {
			case 'n': sb_addc(&sb, '\n'); break;
			case 't': sb_addc(&sb, '\t'); break;
			case 'r': sb_addc(&sb, '\r'); break;
			case 'b': sb_addc(&sb, '\b'); break;
			case 'Z': sb_addc(&sb, 26); break;
			/* NUL is the overlong pair C0 80 in model strings (see core/sb.h);
			 * \% and \_ keep their backslash */
			case '0': sb_adds(&sb, "\xC0\x80"); break;
			case '%': sb_adds(&sb, "\\%"); break;
			case '_': sb_adds(&sb, "\\_"); break;
			default: sb_addc(&sb, *p); break;
			}
			continue;
		}
		sb_addc(&sb, *p);
	}
	if (*p != q || p[1]) {
		sb_release(&sb);
		return NULL;
	}
	return sb_take(&sb, a);
}

static bool is_number_text(const char *s)
{
	char *end;
	if (!s || !*s)
		return false;
	errno = 0;
	strtod(s, &end);
	return end != s && !*end && (isdigit((unsigned char)*s) || *s == '-' || *s == '+' || *s == '.');
}

/* The value of a bit literal b'0101' / 0b0101 / B'..'; -1 if text is none. */
static long long bit_literal_value(const char *t)
{
	const char *p;
	long long v = 0;
	if ((t[0] == 'b' || t[0] == 'B') && t[1] == '\'')
		p = t + 2;
	else if (t[0] == '0' && t[1] == 'b')
		p = t + 2;
	else
		return -1;
	for (; *p == '0' || *p == '1'; p++)
		v = v * 2 + (*p - '0');
	if (*p == '\'')
		p++;
	return *p ? -1 : v;
}

/* The value of a hex literal x'41' / 0x41 as bytes; NULL if text is none. */
static char *hex_literal_value(Arena *a, const char *t)
{
	const char *p;
	StrBuf sb;
	if ((t[0] == 'x' || t[0] == 'X') && t[1] == '\'')
		p = t + 2;
	else if (t[0] == '0' && t[1] == 'x')
		p = t + 2;
	else
		return NULL;
	sb_init(&sb);
	while (isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1])) {
		char h[3] = {p[0], p[1], 0};
		int v = (int)strtol(h, NULL, 16);
		if (v)
			sb_addc(&sb, v);
		p += 2;
	}
	if (*p == '\'')
		p++;
	if (*p) {
		sb_release(&sb);
		return NULL;
	}
	return sb_take(&sb, a);
}

/* The shortest text that reads back as the same double (float when single), printed the way
 * the server prints defaults: plain digits for ordinary magnitudes, 1e20 style otherwise. */
static char *format_real(Arena *a, double v, bool single)
{
	char buf[64];
	int prec, exp10;
	char *e;
	if (v == 0)
		return arena_strdup(a, "0");
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
		if (single ? (float)strtod(buf, NULL) == (float)v : strtod(buf, NULL) == v)
			break;
	}
	e = strchr(buf, 'e');
	exp10 = e ? atoi(e + 1) : 0;
	if (exp10 < -4 || exp10 >= 15) {
		/* mantissa without trailing zeros, exponent without '+' and leading zeros */
		char mant[40];
		size_t ml = (size_t)(e - buf);
		memcpy(mant, buf, ml);
		mant[ml] = 0;
		if (strchr(mant, '.')) {
			while (ml && mant[ml - 1] == '0')
				mant[--ml] = 0;
			if (ml && mant[ml - 1] == '.')
				mant[--ml] = 0;
		}
		return arena_printf(a, "%se%d", mant, exp10);
	}
	{
		int decimals = prec - 1 - exp10;
		if (decimals < 0)
			decimals = 0;
		snprintf(buf, sizeof buf, "%.*f", decimals, v);
	}
	return arena_strdup(a, buf);
}

/* A decimal value with exactly `scale` digits after the point, rounded half away from zero
 * in decimal (as the server's DECIMAL arithmetic does, not through a double). */
static char *format_decimal(Arena *a, const char *num, int scale)
{
	const char *p = num, *dot;
	char *digits, *out;
	bool neg = false, zero = true;
	size_t intlen, fraclen, nd, keep;
	StrBuf sb;
	if (strchr(num, 'e') || strchr(num, 'E'))
		return arena_printf(a, "%.*f", scale, strtod(num, NULL));
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	dot = strchr(p, '.');
	intlen = dot ? (size_t)(dot - p) : strlen(p);
	fraclen = dot ? strlen(dot + 1) : 0;
	/* digits: a leading 0 for the carry, the integer part, scale fraction digits */
	nd = 1 + intlen + (size_t)scale;
	digits = arena_alloc(a, nd + 1);
	memset(digits, '0', nd);
	memcpy(digits + 1, p, intlen);
	for (size_t i = 0; i < (size_t)scale && i < fraclen; i++)
		digits[1 + intlen + i] = dot[1 + i];
	keep = nd;
	if (fraclen > (size_t)scale && dot[1 + scale] >= '5') {
		for (size_t i = keep; i-- > 0;) {
			if (digits[i] == '9') {
				digits[i] = '0';
				continue;
			}
			digits[i]++;
			break;
		}
	}
	sb_init(&sb);
	{
		size_t ip = 0, int_digits = 1 + intlen;
		while (ip + 1 < int_digits && digits[ip] == '0')
			ip++;
		for (size_t i = 0; i < nd; i++)
			if (digits[i] != '0')
				zero = false;
		if (neg && !zero)
			sb_addc(&sb, '-');
		sb_add(&sb, digits + ip, int_digits - ip);
		if (scale > 0) {
			sb_addc(&sb, '.');
			sb_add(&sb, digits + int_digits, (size_t)scale);
		}
	}
	out = sb_take(&sb, a);
	return out;
}

/* A value as a literal the way the server prints it (a NUL, C0 80 in the model, as \0). */
static char *quoted(Arena *a, const char *value)
{
	StrBuf sb;
	sb_init(&sb);
	sb_add_mysql_string(&sb, value);
	return sb_take(&sb, a);
}

static size_t value_bytes(const char *v)
{
	size_t n = 0;
	for (const char *p = v; *p; p++, n++)
		if ((unsigned char)p[0] == 0xC0 && (unsigned char)p[1] == 0x80)
			p++;
	return n;
}

/* A temporal literal in the server's full spelling: dates padded with a zero time where the
 * type has one, fractions padded to the column's precision. */
static char *format_temporal(Arena *a, const Column *c, const char *v)
{
	StrBuf sb;
	int fsp = c->length > 0 ? c->length : 0;
	const char *dot;
	bool all_digits = *v != 0;
	for (const char *p = v; *p; p++)
		if (!isdigit((unsigned char)*p))
			all_digits = false;
	if (str_eq(c->type, "year"))
		return arena_strdup(a, v);
	sb_init(&sb);
	if (str_eq(c->type, "date")) {
		if (all_digits && atoll(v) == 0)
			return arena_strdup(a, "'0000-00-00'");
		sb_adds(&sb, v);
	} else if (str_eq(c->type, "time")) {
		if (all_digits && atoll(v) == 0)
			sb_adds(&sb, "00:00:00");
		else
			sb_adds(&sb, v);
	} else {
		if (all_digits && atoll(v) == 0)
			sb_adds(&sb, "0000-00-00 00:00:00");
		else {
			sb_adds(&sb, v);
			if (strlen(v) == 10 && v[4] == '-' && v[7] == '-')
				sb_adds(&sb, " 00:00:00");
		}
	}
	dot = strchr(sb.buf, '.');
	if (fsp > 0) {
		int have = dot ? (int)strlen(dot + 1) : 0;
		if (!dot)
			sb_addc(&sb, '.');
		for (int i = have; i < fsp; i++)
			sb_addc(&sb, '0');
	} else if (dot) {
		bool zero = true;
		for (const char *p = dot + 1; *p; p++)
			if (*p != '0')
				zero = false;
		if (zero)
			sb_truncate(&sb, (size_t)(dot - sb.buf));
	}
	{
		char *val = sb_take(&sb, a);
		return quoted(a, val);
	}
}

/* "NOW()", "CURRENT_TIMESTAMP", "localtimestamp(3)"... -> "current_timestamp()" /
 * "current_timestamp(3)"; NULL if text is not one of them. */
static const char *canon_current_timestamp(Arena *a, const char *text)
{
	static const char *const names[] = {"current_timestamp", "now", "localtime", "localtimestamp", NULL};
	const char *t = text;
	size_t n = 0;
	int fsp = 0;
	for (int i = 0; names[i]; i++) {
		if (str_ihas_prefix(t, names[i])) {
			size_t l = strlen(names[i]);
			if (!isalnum((unsigned char)t[l]) && t[l] != '_' && (n == 0 || l > n))
				n = l;
		}
	}
	if (!n)
		return NULL;
	t += n;
	while (isspace((unsigned char)*t))
		t++;
	if (*t == '(') {
		t++;
		while (isspace((unsigned char)*t))
			t++;
		if (isdigit((unsigned char)*t))
			fsp = (int)strtol(t, (char **)&t, 10);
		while (isspace((unsigned char)*t))
			t++;
		if (*t != ')')
			return NULL;
		t++;
	} else if (str_ihas_prefix(text, "now")) {
		return NULL; /* now without () is a column name */
	}
	if (*t)
		return NULL;
	return fsp ? arena_printf(a, "current_timestamp(%d)", fsp) : "current_timestamp()";
}

/* A literal DEFAULT in the canonical spelling for the column's type. */
static const char *canon_literal(Arena *a, const Column *c, const char *text)
{
	const char *type = c->type;
	char *sval = unquote(a, text);
	const char *num = NULL;
	long long bits = bit_literal_value(text);
	char *hex = hex_literal_value(a, text);

	if (str_ieq(text, "TRUE"))
		num = "1";
	else if (str_ieq(text, "FALSE"))
		num = "0";
	else if (is_number_text(text))
		num = text;
	else if (sval && is_number_text(trim(a, sval)))
		num = trim(a, sval);

	if (str_eq(type, "bit")) {
		long long v = bits >= 0 ? bits : num ? strtoll(num, NULL, 10) : -1;
		char buf[80];
		int n = 0;
		if (v < 0)
			return text;
		if (v == 0)
			return "b'0'";
		for (long long x = v; x; x >>= 1)
			n++;
		for (int i = 0; i < n; i++)
			buf[i] = (char)('0' + ((v >> (n - 1 - i)) & 1));
		buf[n] = 0;
		return arena_printf(a, "b'%s'", buf);
	}
	if (mysql_type_is_integer(type) || str_eq(type, "year")) {
		if (bits >= 0)
			return arena_printf(a, "%lld", bits);
		if (!num)
			return text;
		if (strpbrk(num, ".eE")) {
			double d = strtod(num, NULL);
			return arena_printf(a, "%lld", (long long)llround(d));
		}
		if (c->is_unsigned && num[0] != '-')
			return arena_printf(a, "%llu", strtoull(num, NULL, 10));
		return arena_printf(a, "%lld", strtoll(num, NULL, 10));
	}
	if (str_eq(type, "decimal")) {
		if (!num)
			return text;
		return format_decimal(a, num, c->scale >= 0 ? c->scale : 0);
	}
	if (str_eq(type, "float") || str_eq(type, "double")) {
		if (!num)
			return text;
		if (c->scale >= 0)
			return arena_printf(a, "%.*f", c->scale, strtod(num, NULL));
		return format_real(a, strtod(num, NULL), str_eq(type, "float"));
	}
	if (mysql_type_is_temporal(type)) {
		if (sval)
			return format_temporal(a, c, sval);
		if (num)
			return format_temporal(a, c, num);
		return text;
	}
	/* BINARY(n) pads its default with NUL bytes, which the server prints as \0 */
	if (str_eq(type, "binary") && c->length > 0 && (sval || hex)) {
		const char *v = sval ? sval : hex;
		size_t n = value_bytes(v);
		char *q = quoted(a, v);
		if (n < (size_t)c->length) {
			StrBuf sb;
			sb_init(&sb);
			sb_add(&sb, q, strlen(q) - 1);
			for (size_t i = n; i < (size_t)c->length; i++)
				sb_adds(&sb, "\\0");
			sb_addc(&sb, '\'');
			return sb_take(&sb, a);
		}
		return q;
	}
	/* strings: the value, quoted the way the server prints it */
	if (sval)
		return quoted(a, sval);
	if (hex)
		return quoted(a, hex);
	if (num)
		return quoted(a, text);
	return text;
}

/* Whether an expression text is a plain literal (then the server stores it as one). */
static bool is_literal_text(Arena *a, const char *t)
{
	return is_number_text(t) || unquote(a, t) || bit_literal_value(t) >= 0 || hex_literal_value(a, t) ||
	       str_ieq(t, "TRUE") || str_ieq(t, "FALSE");
}

/* ---- columns ---- */

static void resolve_type_alias(Arena *a, Table *t, Column *c, const ServerInfo *si)
{
	static const struct { const char *from, *to; } alias[] = {
		{"integer", "int"}, {"int1", "tinyint"}, {"int2", "smallint"}, {"int3", "mediumint"},
		{"middleint", "mediumint"}, {"int4", "int"}, {"int8", "bigint"}, {"dec", "decimal"},
		{"numeric", "decimal"}, {"fixed", "decimal"}, {"real", "double"}, {"double precision", "double"},
		{"float4", "float"}, {"float8", "double"}, {"character", "char"}, {"character varying", "varchar"},
		{"long varchar", "mediumtext"}, {"long", "mediumtext"}, {"long varbinary", "mediumblob"},
		{"nchar", "char"}, {"national char", "char"}, {"nvarchar", "varchar"},
		{"national varchar", "varchar"}, {"nchar varchar", "varchar"},
	};
	const char *ty = str_lower(a, c->type);
	for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++) {
		if (!strcmp(ty, alias[i].from)) {
			if (ty[0] == 'n')
				c->charset = "utf8mb3";
			ty = alias[i].to;
			break;
		}
	}
	if (!strcmp(ty, "bool") || !strcmp(ty, "boolean")) {
		ty = "tinyint";
		c->length = 1;
	}
	if (!strcmp(ty, "serial")) {
		Index *ix = ARENA_NEW(a, Index);
		IndexPart *p = ARENA_NEW(a, IndexPart);
		ty = "bigint";
		c->is_unsigned = true;
		c->not_null = true;
		c->auto_increment = true;
		ix->kind = INDEX_UNIQUE;
		p->column = c->name;
		LIST_PUSH(a, &ix->parts, p);
		LIST_PUSH(a, &t->indexes, ix);
	}
	c->type = ty;
	(void)si;
}

static void normalize_int_width(Column *c, const ServerInfo *si)
{
	bool mysql8 = si->flavor == FLAVOR_MYSQL &&
		      (si->major > 8 || (si->major == 8 && (si->minor > 0 || si->patch >= 19)) || si->major == 0);
	if (!mysql_type_is_integer(c->type))
		return;
	if (c->zerofill)
		c->is_unsigned = true;
	c->scale = -1;
	if (mysql8) {
		/* MySQL 8.0.19+ prints no display width but tinyint(1) and ZEROFILL widths. */
		if (c->zerofill) {
			if (c->length < 0)
				c->length = mysql_int_default_width(c->type, true);
		} else if (!(str_eq(c->type, "tinyint") && c->length == 1)) {
			c->length = -1;
		}
		return;
	}
	if (c->length == mysql_int_default_width(c->type, c->is_unsigned))
		c->length = -1;
}

/* TEXT(n) / BLOB(n): the smallest type of the family that holds n characters (bytes). */
static void normalize_lob_size(Column *c, const char *charset)
{
	long long bytes;
	bool text = str_eq(c->type, "text");
	if (!(text || str_eq(c->type, "blob")) || c->length < 0)
		return;
	bytes = (long long)c->length * (text ? charset_maxlen(charset) : 1);
	if (bytes <= 255)
		c->type = text ? "tinytext" : "tinyblob";
	else if (bytes <= 65535)
		c->type = text ? "text" : "blob";
	else if (bytes <= 16777215)
		c->type = text ? "mediumtext" : "mediumblob";
	else
		c->type = text ? "longtext" : "longblob";
	c->length = -1;
}

/* CHAR -> BINARY, VARCHAR -> VARBINARY, TEXT -> BLOB...: a string type in the binary charset. */
static void binary_twin(Column *c)
{
	static const struct { const char *s, *b; } twin[] = {
		{"char", "binary"}, {"varchar", "varbinary"}, {"tinytext", "tinyblob"},
		{"text", "blob"}, {"mediumtext", "mediumblob"}, {"longtext", "longblob"},
	};
	for (size_t i = 0; i < sizeof twin / sizeof twin[0]; i++)
		if (str_eq(c->type, twin[i].s))
			c->type = twin[i].b;
}

static Check *find_column_check(Table *t, const char *col)
{
	for (int i = 0; i < t->checks.n; i++)
		if (t->checks.v[i]->column && str_ieq(t->checks.v[i]->column, col))
			return t->checks.v[i];
	return NULL;
}

static void normalize_column(Arena *a, Table *t, Column *c, const ServerInfo *si)
{
	bool mariadb = si->flavor != FLAVOR_MYSQL;

	resolve_type_alias(a, t, c, si);
	c->comment = empty_to_null(c->comment);
	if (mariadb) {
		/* column compression has one method (zlib); REF_SYSTEM_ID is not kept */
		if (c->compression)
			c->compression = "zlib";
		c->srid = -1;
	} else {
		c->compression = NULL;
	}

	/* numeric shapes */
	normalize_int_width(c, si);
	if (str_eq(c->type, "decimal")) {
		if (c->length < 0)
			c->length = 10;
		if (c->scale < 0)
			c->scale = 0;
	}
	if (str_eq(c->type, "float") && c->length >= 0 && c->scale < 0) {
		/* FLOAT(p): a precision in bits chooses float or double */
		c->type = c->length > 24 ? "double" : "float";
		c->length = -1;
	}
	if ((str_eq(c->type, "decimal") || str_eq(c->type, "float") || str_eq(c->type, "double")) && c->zerofill)
		c->is_unsigned = true;
	if (str_eq(c->type, "bit") && c->length < 0)
		c->length = 1;
	if ((str_eq(c->type, "char") || str_eq(c->type, "binary")) && c->length < 0)
		c->length = 1;
	if (str_eq(c->type, "year"))
		c->length = -1;
	if ((str_eq(c->type, "time") || str_eq(c->type, "datetime") || str_eq(c->type, "timestamp")) && c->length == 0)
		c->length = -1;

	/* a BINARY charset makes a string type its byte-string twin */
	if (str_ieq(c->charset, "binary") && mysql_type_is_string(c->type) && !str_eq(c->type, "enum") &&
	    !str_eq(c->type, "set")) {
		binary_twin(c);
		c->charset = c->collation = NULL;
	}

	/* JSON is LONGTEXT utf8mb4_bin with a json_valid check on MariaDB */
	if (mariadb && str_eq(c->type, "json")) {
		c->type = "longtext";
		c->charset = "utf8mb4";
		c->collation = "utf8mb4_bin";
		if (!find_column_check(t, c->name)) {
			Check *ck = ARENA_NEW(a, Check);
			StrBuf sb;
			sb_init(&sb);
			sb_adds(&sb, "json_valid(");
			sb_add_mysql_ident(&sb, c->name);
			sb_addc(&sb, ')');
			ck->name = c->name;
			ck->column = c->name;
			ck->expr = sb_take(&sb, a);
			LIST_PUSH(a, &t->checks, ck);
		}
	}

	/* charset and collation: both or neither (inherited from the table) */
	if (mysql_type_is_string(c->type)) {
		const char *cs = canon_charset(a, c->charset), *co = canon_collation(a, c->collation);
		if (str_eq(co, "binary") && !cs) {
			/* COLLATE binary alone is CHARACTER SET binary: the byte-string twin */
			binary_twin(c);
			if (!str_eq(c->type, "enum") && !str_eq(c->type, "set")) {
				c->charset = c->collation = NULL;
				normalize_lob_size(c, NULL);
				goto defaults;
			}
		}
		if (str_eq(co, "_bin")) {
			/* the BINARY attribute (the front end's marker "_bin"): the _bin collation of the
			 * column's charset */
			if (!cs)
				cs = t->charset;
			co = cs ? arena_printf(a, "%s_bin", cs) : NULL;
		}
		if (cs && !co)
			co = mysql_charset_default_collation(si, cs);
		if (co && !cs)
			cs = collation_charset(a, co);
		if (!cs) {
			cs = t->charset;
			co = t->collation;
		}
		normalize_lob_size(c, cs);
		if (str_eq(co, t->collation) || (!co && str_eq(cs, t->charset))) {
			c->charset = c->collation = NULL;
		} else {
			c->charset = cs;
			c->collation = co;
		}
	} else {
		normalize_lob_size(c, NULL);
		c->charset = c->collation = NULL;
	}

	/* ENUM and SET members lose trailing spaces */
	for (int i = 0; i < c->values.n; i++) {
		size_t n = strlen(c->values.v[i]);
		if (n && c->values.v[i][n - 1] == ' ') {
			while (n && c->values.v[i][n - 1] == ' ')
				n--;
			c->values.v[i] = arena_strndup(a, c->values.v[i], n);
		}
	}

defaults:
	if (c->gen_kind != GEN_NONE) {
		c->default_kind = DEFAULT_NONE;
		c->default_text = NULL;
		if (c->gen_expr)
			c->gen_expr = trim(a, c->gen_expr);
		return;
	}
	if (c->default_kind == DEFAULT_EXPR && c->default_text) {
		const char *e = trim(a, c->default_text), *ct;
		/* the server keeps the expression without its outer parentheses */
		while (e[0] == '(' && e[strlen(e) - 1] == ')') {
			int depth = 0;
			bool outer = true;
			for (size_t i = 0; e[i] && outer; i++) {
				if (e[i] == '(')
					depth++;
				else if (e[i] == ')' && --depth == 0 && e[i + 1])
					outer = false;
			}
			if (!outer)
				break;
			e = trim(a, arena_strndup(a, e + 1, strlen(e) - 2));
		}
		ct = canon_current_timestamp(a, e);
		if (ct)
			e = ct;
		else if (str_ieq(e, "NULL"))
			c->default_kind = DEFAULT_NULL, e = NULL;
		else if (is_literal_text(a, e))
			c->default_kind = DEFAULT_LITERAL;
		c->default_text = e;
	}
	if (c->default_kind == DEFAULT_LITERAL) {
		const char *ct;
		c->default_text = trim(a, c->default_text);
		ct = canon_current_timestamp(a, c->default_text);
		if (ct) {
			c->default_kind = DEFAULT_EXPR;
			c->default_text = ct;
		} else if (!c->default_text || str_ieq(c->default_text, "NULL")) {
			c->default_kind = DEFAULT_NULL;
			c->default_text = NULL;
		} else {
			c->default_text = canon_literal(a, c, c->default_text);
		}
	}
	if (c->default_kind == DEFAULT_NULL)
		c->default_text = NULL;
	if (c->on_update) {
		const char *ct = canon_current_timestamp(a, trim(a, c->on_update));
		if (ct)
			c->on_update = ct;
	}
	/* MariaDB gives a NOT NULL compressed column an empty-string default */
	if (mariadb && c->compression && c->not_null && c->default_kind == DEFAULT_NONE) {
		c->default_kind = DEFAULT_LITERAL;
		c->default_text = "''";
	}
	if (!c->not_null && c->default_kind == DEFAULT_NONE && !c->auto_increment) {
		/* MySQL prints no DEFAULT NULL for TEXT and BLOB columns (it does for JSON and the
		 * spatial types: "`doc` json DEFAULT NULL", "`g` geometry DEFAULT NULL") */
		bool no_default = !mariadb && mysql_type_is_lob(c->type) && !str_eq(c->type, "json");
		if (!no_default)
			c->default_kind = DEFAULT_NULL;
	}
}

/* ---- keys and constraints ---- */

static bool index_name_taken(Table *t, int upto, const char *name)
{
	if (str_ieq(name, "PRIMARY"))
		return true;
	for (int i = 0; i < upto; i++)
		if (t->indexes.v[i]->name && str_ieq(t->indexes.v[i]->name, name))
			return true;
	return false;
}

/* base, base_2, base_3... : the first not taken by the keys before position upto */
static const char *unique_index_name(Arena *a, Table *t, int upto, const char *base)
{
	if (!index_name_taken(t, upto, base))
		return base;
	for (int n = 2;; n++) {
		const char *cand = arena_printf(a, "%s_%d", base, n);
		if (!index_name_taken(t, upto, cand))
			return cand;
	}
}

static void normalize_index_parts(Arena *a, Table *t, Index *ix, const ServerInfo *si)
{
	for (int i = 0; i < ix->parts.n; i++) {
		IndexPart *p = ix->parts.v[i];
		Column *c = p->column ? table_find_column(t, DIALECT_MYSQL, p->column) : NULL;
		if (p->expr)
			p->expr = trim(a, p->expr);
		/* a prefix as long as the whole (non-blob) column is no prefix */
		if (c && p->prefix_len > 0 && !mysql_type_is_lob(c->type) && c->length == p->prefix_len &&
		    (str_eq(c->type, "char") || str_eq(c->type, "varchar") || str_eq(c->type, "binary") ||
		     str_eq(c->type, "varbinary")))
			p->prefix_len = 0;
		if (p->prefix_len < 0)
			p->prefix_len = 0;
		/* MariaDB keeps no order in a HASH key */
		if (si->flavor != FLAVOR_MYSQL && str_eq(ix->method, "HASH"))
			p->desc = false;
	}
}

static bool index_serves_fk(const Index *ix, const ForeignKey *fk)
{
	/* a HASH key is of another algorithm than the key the foreign key wants (MariaDB adds one) */
	if (ix->kind == INDEX_FULLTEXT || ix->kind == INDEX_SPATIAL || str_ieq(ix->method, "HASH"))
		return false;
	if (ix->parts.n < fk->columns.n)
		return false;
	for (int i = 0; i < fk->columns.n; i++) {
		const IndexPart *p = ix->parts.v[i];
		if (!p->column || p->prefix_len > 0 || !str_ieq(p->column, fk->columns.v[i]))
			return false;
	}
	return true;
}

static bool check_name_taken(Table *t, const char *name)
{
	for (int i = 0; i < t->checks.n; i++)
		if (t->checks.v[i]->name && str_ieq(t->checks.v[i]->name, name))
			return true;
	return false;
}

static bool fk_name_taken(Table *t, const char *name)
{
	for (int i = 0; i < t->fks.n; i++)
		if (t->fks.v[i]->name && str_ieq(t->fks.v[i]->name, name))
			return true;
	return false;
}

static FkAction canon_fk_action(FkAction act, const ServerInfo *si)
{
	/* InnoDB treats RESTRICT and NO ACTION alike; each flavour prints one of them only when
	 * written: MariaDB drops RESTRICT, MySQL 8 drops NO ACTION. */
	if (si->flavor == FLAVOR_MYSQL)
		return act == FK_NO_ACTION ? FK_UNSPECIFIED : act;
	return act == FK_RESTRICT ? FK_UNSPECIFIED : act;
}

static const char *canon_engine(Arena *a, const char *e)
{
	static const char *const known[] = {"InnoDB", "MyISAM", "MEMORY", "Aria", "CSV", "ARCHIVE", "BLACKHOLE",
					    "MRG_MyISAM", "FEDERATED", "SEQUENCE", "ROCKSDB", "CONNECT", "SPIDER", NULL};
	if (!e)
		return "InnoDB";
	for (int i = 0; known[i]; i++)
		if (str_ieq(e, known[i]))
			return known[i];
	if (str_ieq(e, "heap"))
		return "MEMORY";
	if (str_ieq(e, "mrg_myisam") || str_ieq(e, "merge"))
		return "MRG_MyISAM";
	return arena_strdup(a, e);
}

/* ---- constant partition bounds ----
 * RANGE partition bounds are stored as numbers: the server evaluates VALUES LESS THAN
 * (to_days('2020-01-01')) to 737790 and prints that. The evaluator covers integer arithmetic
 * and the date functions people partition by; anything else stays as written.
 * unix_timestamp assumes a UTC server time zone. */

typedef struct Eval {
	const char *p;
	bool ok;
} Eval;

static long long ev_sum(Eval *e);

static void ev_space(Eval *e)
{
	while (isspace((unsigned char)*e->p))
		e->p++;
}

/* MySQL's day number of a date (TO_DAYS). */
static long long day_number(long long y, long long m, long long d)
{
	long long delsum, temp;
	if (y == 0 && m == 0)
		return 0;
	delsum = 365 * y + 31 * (m - 1) + d;
	if (m <= 2)
		y--;
	else
		delsum -= (m * 4 + 23) / 10;
	temp = ((y / 100 + 1) * 3) / 4;
	return delsum + y / 4 - temp;
}

static bool parse_datetime(const char *v, long long *days, long long *secs, long long *year)
{
	int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n;
	n = sscanf(v, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec);
	if (n != 3 && n != 6)
		return false;
	*days = day_number(y, mo, d);
	*secs = h * 3600LL + mi * 60LL + sec;
	*year = y;
	return true;
}

static long long ev_primary(Eval *e)
{
	static const char *const funcs[] = {"to_days", "to_seconds", "unix_timestamp", "year", NULL};
	long long v = 0;
	ev_space(e);
	if (*e->p == '(') {
		e->p++;
		v = ev_sum(e);
		ev_space(e);
		if (*e->p != ')')
			e->ok = false;
		else
			e->p++;
		return v;
	}
	if (*e->p == '-') {
		e->p++;
		return -ev_primary(e);
	}
	if (isdigit((unsigned char)*e->p)) {
		char *end;
		v = strtoll(e->p, &end, 10);
		if (*end == '.' || *end == 'e' || *end == 'E')
			e->ok = false;
		e->p = end;
		return v;
	}
	for (int i = 0; funcs[i]; i++) {
		size_t n = strlen(funcs[i]);
		if (!strncasecmp(e->p, funcs[i], n) && !isalnum((unsigned char)e->p[n]) && e->p[n] != '_') {
			const char *q;
			char *val;
			long long days, secs, year;
			e->p += n;
			ev_space(e);
			if (*e->p != '(') {
				e->ok = false;
				return 0;
			}
			e->p++;
			ev_space(e);
			if (*e->p != '\'') {
				e->ok = false;
				return 0;
			}
			q = strchr(e->p + 1, '\'');
			if (!q) {
				e->ok = false;
				return 0;
			}
			val = strndup(e->p + 1, (size_t)(q - e->p - 1));
			if (!val)
				xoom();
			e->p = q + 1;
			ev_space(e);
			if (*e->p != ')' || !parse_datetime(val, &days, &secs, &year)) {
				free(val);
				e->ok = false;
				return 0;
			}
			free(val);
			e->p++;
			switch (i) {
			case 0: return days;
			case 1: return days * 86400 + secs;
			case 2: return (days - 719528) * 86400 + secs;
			default: return year;
			}
		}
	}
	e->ok = false;
	return 0;
}

static long long ev_product(Eval *e)
{
	long long v = ev_primary(e);
	for (;;) {
		ev_space(e);
		if (*e->p == '*') {
			e->p++;
			v *= ev_primary(e);
		} else if (!strncasecmp(e->p, "DIV", 3) && !isalnum((unsigned char)e->p[3])) {
			long long r;
			e->p += 3;
			r = ev_primary(e);
			if (!r) {
				e->ok = false;
				return 0;
			}
			v /= r;
		} else {
			return v;
		}
	}
}

static long long ev_sum(Eval *e)
{
	long long v = ev_product(e);
	for (;;) {
		ev_space(e);
		if (*e->p == '+') {
			e->p++;
			v += ev_product(e);
		} else if (*e->p == '-') {
			e->p++;
			v -= ev_product(e);
		} else {
			return v;
		}
	}
}

/* "LESS THAN (<constant expression>)" -> "LESS THAN (<number>)" when it can be evaluated. */
static const char *eval_range_bound(Arena *a, const char *v)
{
	Eval e;
	long long n;
	const char *body;
	if (!str_has_prefix(v, "LESS THAN (") || v[strlen(v) - 1] != ')')
		return v;
	body = arena_strndup(a, v + 11, strlen(v) - 12);
	e.p = body;
	e.ok = true;
	n = ev_sum(&e);
	ev_space(&e);
	if (!e.ok || *e.p)
		return v;
	return arena_printf(a, "LESS THAN (%lld)", n);
}

/* "LESS THAN ( 10, 'a' )" -> "LESS THAN (10,'a')"; LIST values sorted NULL first, then numbers. */
static const char *canon_partition_values(Arena *a, const char *v, bool list_sortable, bool range_eval)
{
	StrBuf sb;
	char q = 0;
	const char *p;
	char *out;
	if (!v)
		return NULL;
	sb_init(&sb);
	v = trim(a, v);
	for (p = v; *p; p++) {
		if (q) {
			sb_addc(&sb, *p);
			if (*p == '\\' && p[1])
				sb_addc(&sb, *++p);
			else if (*p == q)
				q = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			q = *p;
			sb_addc(&sb, *p);
			continue;
		}
		if (isspace((unsigned char)*p)) {
			/* one space between words; none inside parentheses or around commas */
			char prev = sb.len ? sb.buf[sb.len - 1] : '(';
			while (isspace((unsigned char)p[1]))
				p++;
			if (prev != '(' && prev != ',' && p[1] != ')' && p[1] != ',')
				sb_addc(&sb, ' ');
			continue;
		}
		sb_addc(&sb, *p);
	}
	out = sb_take(&sb, a);
	/* keywords uppercase outside quotes */
	{
		static const char *const kw[] = {"less than", "maxvalue", "in", "null", NULL};
		for (int k = 0; kw[k]; k++) {
			size_t n = strlen(kw[k]);
			q = 0;
			for (char *s = out; *s; s++) {
				if (q) {
					if (*s == q)
						q = 0;
					continue;
				}
				if (*s == '\'' || *s == '"') {
					q = *s;
					continue;
				}
				if (!strncasecmp(s, kw[k], n) && (s == out || !isalnum((unsigned char)s[-1])) &&
				    !isalnum((unsigned char)s[n]) && s[n] != '_')
					for (size_t i = 0; i < n; i++)
						s[i] = (char)toupper((unsigned char)s[i]);
			}
		}
	}
	if (list_sortable && str_has_prefix(out, "IN (") && out[strlen(out) - 1] == ')') {
		/* the server lists NULL first and keeps the other values in their order */
		char *body = arena_strndup(a, out + 4, strlen(out) - 5);
		StrList vals = {0};
		int nulls = 0;
		for (char *tok = strtok(body, ","); tok; tok = strtok(NULL, ",")) {
			if (!strcmp(tok, "NULL"))
				nulls++;
			else
				LIST_PUSH(a, &vals, tok);
		}
		if (nulls && !strchr(out, '\'') && !strchr(out, '"')) {
			sb_init(&sb);
			sb_adds(&sb, "IN (");
			for (int i = 0; i < nulls; i++)
				sb_addf(&sb, "%sNULL", i ? "," : "");
			for (int i = 0; i < vals.n; i++)
				sb_addf(&sb, ",%s", vals.v[i]);
			sb_addc(&sb, ')');
			out = sb_take(&sb, a);
		}
	}
	if (range_eval)
		out = (char *)eval_range_bound(a, out);
	return out;
}

static void normalize_partition_def(Arena *a, PartitionDef *d, const char *engine, bool list_sortable,
				    bool range_eval)
{
	d->engine = canon_engine(a, d->engine ? d->engine : engine);
	d->comment = empty_to_null(d->comment);
	d->values = canon_partition_values(a, d->values, list_sortable, range_eval);
	for (int i = 0; i < d->subparts.n; i++)
		normalize_partition_def(a, d->subparts.v[i], d->engine, false, false);
}

static void normalize_partitioning(Arena *a, Table *t, Partitioning *p)
{
	bool sortable = p->method == PART_LIST && !p->columns;
	bool any_sub = false;
	if (p->expr)
		p->expr = trim(a, p->expr);
	if (p->sub_expr)
		p->sub_expr = trim(a, p->sub_expr);
	if (p->parts.n)
		p->count = 0;
	for (int i = 0; i < p->parts.n; i++) {
		normalize_partition_def(a, p->parts.v[i], t->engine, sortable, p->method == PART_RANGE && !p->columns);
		if (p->parts.v[i]->subparts.n)
			any_sub = true;
	}
	if (any_sub)
		p->sub_count = 0;
}

static const char *canon_table_option(Arena *a, const char *opt)
{
	const char *eq = strchr(opt, '=');
	const char *name, *val;
	if (!eq)
		return str_upper(a, trim(a, opt));
	name = str_upper(a, trim(a, arena_strndup(a, opt, (size_t)(eq - opt))));
	val = trim(a, eq + 1);
	if (str_ieq(val, "DEFAULT") || !strcmp(name, "AUTO_INCREMENT"))
		return NULL;
	return arena_printf(a, "%s=%s", name, val);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "nextval(`thisdb`.`s`)": the server qualifies a sequence with the table's database; a file
 * names it as it likes. Unqualified when the database is this schema's. */
static const char *strip_own_db(Arena *a, const Schema *s, const char *text)
{
	static const char *const fns[] = {"nextval(", "lastval(", NULL};
	StrBuf sb;
	const char *p = text;
	char *qual;

	if (!text || !s->name || !strstr(text, "val(`"))
		return text;
	sb_init(&sb);
	sb_add_mysql_ident(&sb, s->name);
	sb_addc(&sb, '.');
	qual = arena_strdup(a, sb_str(&sb));
	sb_reset(&sb);
	while (*p) {
		bool hit = false;
		for (int i = 0; fns[i] && !hit; i++) {
			size_t n = strlen(fns[i]);
			if (strncmp(p, fns[i], n) == 0 && strncmp(p + n, qual, strlen(qual)) == 0) {
				sb_adds(&sb, fns[i]);
				p += n + strlen(qual);
				hit = true;
			}
		}
		if (!hit)
			sb_addc(&sb, *p++);
	}
	return sb_take(&sb, a);
}

/* MariaDB system versioning: the ROW START/END columns are printed without NULL or DEFAULT;
 * with an explicit ROW END column the server appends it to the primary key and to every
 * unique key; WITHOUT SYSTEM VERSIONING means nothing in a table that is not versioned. */
static void normalize_versioning(Arena *a, Schema *s, Table *t)
{
	const Column *re = NULL;
	for (int i = 0; i < t->columns.n; i++) {
		Column *c = t->columns.v[i];
		if (c->default_kind == DEFAULT_EXPR)
			c->default_text = strip_own_db(a, s, c->default_text);
		if (!t->system_versioning)
			c->without_versioning = false;
		if (c->system_row) {
			c->not_null = false;
			c->default_kind = DEFAULT_NONE;
			c->default_text = NULL;
			c->without_versioning = false;
			if (!strcmp(c->system_row, "END"))
				re = c;
		}
	}
	if (!t->system_versioning || !re)
		return;
	for (int i = 0; i < t->indexes.n; i++) {
		Index *ix = t->indexes.v[i];
		bool has = false;
		if (ix->kind != INDEX_PRIMARY && ix->kind != INDEX_UNIQUE)
			continue;
		for (int k = 0; k < ix->parts.n; k++)
			has = has || (ix->parts.v[k]->column && ident_eq(DIALECT_MYSQL, ix->parts.v[k]->column, re->name));
		if (!has) {
			IndexPart *p = ARENA_NEW(a, IndexPart);
			p->column = re->name;
			LIST_PUSH(a, &ix->parts, p);
		}
	}
}

static void normalize_table(Arena *a, Schema *s, Table *t, const ServerInfo *si)
{
	bool mariadb = si->flavor != FLAVOR_MYSQL;
	Index *pk;
	int nfk_explicit;
	bool *fk_named;

	t->engine = canon_engine(a, t->engine);
	t->comment = empty_to_null(t->comment);
	if (t->row_format)
		t->row_format = str_upper(a, t->row_format);
	if (str_eq(t->row_format, "DEFAULT"))
		t->row_format = NULL;

	/* table charset and collation: both, filled from the database default when absent */
	t->charset = canon_charset(a, t->charset);
	t->collation = canon_collation(a, t->collation);
	if (!t->charset && !t->collation) {
		t->charset = canon_charset(a, flavor_db_charset(si));
		t->collation = si->db_charset ? canon_collation(a, si->db_collation) : NULL;
	}
	if (!t->charset)
		t->charset = collation_charset(a, t->collation);
	if (!t->collation)
		t->collation = mysql_charset_default_collation(si, t->charset);

	/* options: canonical NAME=value, sorted, without the ones that say "default". An Aria
	 * table's SHOW CREATE always names PAGE_CHECKSUM=1 (the server's aria_page_checksum
	 * default, ON) whether or not it was asked for: it is the default there. */
	{
		StrList opts = {0};
		bool aria = str_ieq(t->engine, "Aria");
		for (int i = 0; i < t->options.n; i++) {
			const char *o = canon_table_option(a, t->options.v[i]);
			if (o && aria && !strcmp(o, "PAGE_CHECKSUM=1"))
				o = NULL;
			if (o)
				LIST_PUSH(a, &opts, o);
		}
		if (opts.n > 1)
			qsort(opts.v, (size_t)opts.n, sizeof *opts.v, cmp_str);
		t->options = opts;
	}

	/* primary key columns are NOT NULL */
	pk = table_primary_key(t);
	if (pk) {
		pk->name = "PRIMARY";
		for (int i = 0; i < pk->parts.n; i++) {
			Column *c = pk->parts.v[i]->column ? table_find_column(t, DIALECT_MYSQL, pk->parts.v[i]->column) : NULL;
			if (c)
				c->not_null = true;
		}
	}

	for (int i = 0; i < t->columns.n; i++)
		normalize_column(a, t, t->columns.v[i], si);
	normalize_versioning(a, s, t);

	/* key names: in declaration order, as the server assigns them */
	for (int i = 0; i < t->indexes.n; i++) {
		Index *ix = t->indexes.v[i];
		ix->comment = empty_to_null(ix->comment);
		if (ix->method)
			ix->method = str_upper(a, ix->method);
		if (ix->kind == INDEX_FULLTEXT || ix->kind == INDEX_SPATIAL)
			ix->method = NULL;
		if (ix->kind == INDEX_PRIMARY) {
			ix->name = "PRIMARY";
		} else if (!ix->name) {
			const char *base = ix->parts.n && ix->parts.v[0]->column ? ix->parts.v[0]->column
										 : "functional_index";
			ix->name = unique_index_name(a, t, i, base);
		}
		normalize_index_parts(a, t, ix, si);
	}

	/* foreign keys: implicit names, actions, the index each one needs */
	nfk_explicit = t->fks.n;
	fk_named = calloc((size_t)nfk_explicit + 1, 1);
	if (!fk_named)
		xoom();
	{
		int n = 1;
		for (int i = 0; i < t->fks.n; i++) {
			ForeignKey *fk = t->fks.v[i];
			fk_named[i] = fk->name != NULL;
			if (fk->ref_schema && s->name && str_eq(fk->ref_schema, s->name))
				fk->ref_schema = NULL;
			fk->on_delete = canon_fk_action(fk->on_delete, si);
			fk->on_update = canon_fk_action(fk->on_update, si);
			fk->comment = empty_to_null(fk->comment);
			fk->match = NULL;  /* InnoDB parses MATCH and neither keeps nor prints it */
			if (fk->name)
				continue;
			for (;; n++) {
				const char *cand = arena_printf(a, "%s_ibfk_%d", t->name, n);
				if (!fk_name_taken(t, cand)) {
					fk->name = cand;
					n++;
					break;
				}
			}
		}
	}
	for (int i = 0; i < t->fks.n; i++) {
		ForeignKey *fk = t->fks.v[i];
		bool served = false;
		Index *ix;
		for (int k = 0; k < t->indexes.n && !served; k++)
			served = index_serves_fk(t->indexes.v[k], fk);
		if (served || !fk->columns.n)
			continue;
		ix = ARENA_NEW(a, Index);
		ix->kind = INDEX_PLAIN;
		ix->implicit = true;
		for (int k = 0; k < fk->columns.n; k++) {
			IndexPart *p = ARENA_NEW(a, IndexPart);
			p->column = fk->columns.v[k];
			LIST_PUSH(a, &ix->parts, p);
		}
		ix->name = unique_index_name(a, t, t->indexes.n, fk_named[i] ? fk->name : fk->columns.v[0]);
		LIST_PUSH(a, &t->indexes, ix);
	}
	free(fk_named);

	/* checks: MariaDB keeps column checks on the column (named after it) and names the others
	 * CONSTRAINT_n; MySQL makes every check a table check named <table>_chk_n. */
	{
		int n = 1;
		for (int i = 0; i < t->checks.n; i++) {
			Check *ck = t->checks.v[i];
			ck->expr = trim(a, ck->expr);
			ck->comment = empty_to_null(ck->comment);
			if (ck->column && !mariadb)
				ck->column = NULL;
			if (ck->column && mariadb) {
				ck->name = ck->column;
				continue;
			}
			if (ck->name)
				continue;
			for (;; n++) {
				const char *cand = mariadb ? arena_printf(a, "CONSTRAINT_%d", n)
							   : arena_printf(a, "%s_chk_%d", t->name, n);
				if (!check_name_taken(t, cand)) {
					ck->name = cand;
					n++;
					break;
				}
			}
		}
		if (mariadb) /* enforcement cannot be switched off */
			for (int i = 0; i < t->checks.n; i++)
				t->checks.v[i]->not_enforced = false;
	}

	if (t->partitioning)
		normalize_partitioning(a, t, t->partitioning);
}

static void normalize_view(Arena *a, View *v)
{
	if (v->algorithm) {
		v->algorithm = str_upper(a, v->algorithm);
		if (!strcmp(v->algorithm, "UNDEFINED"))
			v->algorithm = NULL;
	}
	if (v->security) {
		v->security = str_upper(a, v->security);
		if (!strcmp(v->security, "DEFINER"))
			v->security = NULL;
	}
	if (v->check_option) {
		v->check_option = str_upper(a, trim(a, v->check_option));
		if (!*v->check_option)
			v->check_option = "CASCADED";
	}
	v->comment = empty_to_null(v->comment);
	if (v->definition)
		v->definition = trim(a, v->definition);
}

/* A routine's parameter and return types as text without integer display widths: MariaDB
 * reports RETURNS int(11) for RETURNS int, and the width means nothing there. */
static const char *strip_int_widths(Arena *a, const char *text)
{
	StrBuf sb;
	const char *p;
	if (!text || !strchr(text, '('))
		return text;
	sb_init(&sb);
	for (p = text; *p;) {
		bool stripped = false;
		for (int k = 0; integer_types[k] && !stripped; k++) {
			size_t n = strlen(integer_types[k]);
			if (strncasecmp(p, integer_types[k], n) == 0 && p[n] == '(' &&
			    (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '`'))) {
				const char *q = p + n + 1;
				while (isdigit((unsigned char)*q))
					q++;
				if (*q == ')' && q > p + n + 1) {
					sb_add(&sb, p, n);
					p = q + 1;
					stripped = true;
				}
			}
		}
		if (!stripped)
			sb_addc(&sb, *p++);
	}
	p = sb_to_arena(&sb, a);
	sb_release(&sb);
	return p;
}

/* lower_case_table_names=1 (the default on Windows and macOS servers): the server stores
 * table and view names in lowercase whatever case a statement used, so `Users` in a file is
 * `users` on the server. Names that refer to tables follow. */
static void lowercase_table_names(Arena *a, Schema *s)
{
	for (int i = 0; i < s->tables.n; i++) {
		Table *t = s->tables.v[i];
		t->name = str_lower(a, t->name);
		if (t->renamed_from)
			t->renamed_from = str_lower(a, t->renamed_from);
		for (int k = 0; k < t->fks.n; k++)
			t->fks.v[k]->ref_table = str_lower(a, t->fks.v[k]->ref_table);
	}
	for (int i = 0; i < s->views.n; i++) {
		s->views.v[i]->name = str_lower(a, s->views.v[i]->name);
		if (s->views.v[i]->renamed_from)
			s->views.v[i]->renamed_from = str_lower(a, s->views.v[i]->renamed_from);
	}
	for (int i = 0; i < s->triggers.n; i++)
		s->triggers.v[i]->table = str_lower(a, s->triggers.v[i]->table);
}

void mysql_normalize(Arena *a, Schema *s, const ServerInfo *si)
{
	ServerInfo def;
	if (!si) {
		server_info_default(&def, DIALECT_MYSQL);
		si = &def;
	}
	if (si->lower_case_table_names == 1)
		lowercase_table_names(a, s);
	for (int i = 0; i < s->tables.n; i++)
		normalize_table(a, s, s->tables.v[i], si);
	for (int i = 0; i < s->views.n; i++)
		normalize_view(a, s->views.v[i]);
	for (int i = 0; i < s->sequences.n; i++) {
		Sequence *q = s->sequences.v[i];
		q->engine = canon_engine(a, q->engine);
		q->comment = empty_to_null(q->comment);
	}
	for (int i = 0; i < s->triggers.n; i++) {
		Trigger *tr = s->triggers.v[i];
		if (tr->timing)
			tr->timing = str_upper(a, tr->timing);
		if (tr->events)
			tr->events = str_upper(a, tr->events);
		tr->for_each_row = true;
		if (tr->body)
			tr->body = trim(a, tr->body);
	}
	for (int i = 0; i < s->routines.n; i++) {
		Routine *r = s->routines.v[i];
		r->returns = strip_int_widths(a, r->returns);
		r->args = strip_int_widths(a, r->args);
		r->comment = empty_to_null(r->comment);
		if (r->definition)
			r->definition = trim(a, r->definition);
	}
}
