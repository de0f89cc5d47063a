/*
 * pg_canon.c: canonical text for PostgreSQL expressions and statements.
 *
 * The user's text and the server's pg_get_expr/pg_get_viewdef/pg_get_constraintdef output both
 * go through libpg_query's parser, the rewrites below, and pg_query_deparse_protobuf, so that
 * the same meaning gives the same text. The rewrites undo what the server adds when it stores
 * an expression: casts of literals to the column's type ('a'::character varying, (0)::numeric,
 * '-1'::integer), text casts of varchar columns, IN lists turned into = ANY (ARRAY[...]),
 * BETWEEN expanded into two comparisons, the regclass cast inside nextval(), builtin type names
 * qualified with pg_catalog. It must never change what an expression means to the server when
 * the text is loaded again; anything it cannot prove harmless it leaves alone.
 */
#include "parser/pg_tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/sb.h"

/* The buffer's text copied into the arena; the buffer is released (and can be reused). */
static char *sb_take(StrBuf *sb, Arena *a)
{
	char *p = sb_to_arena(sb, a);
	sb_release(sb);
	return p;
}

/* ---- arena-backed protobuf-c allocator ---- */

static void *pb_alloc(void *data, size_t size)
{
	return arena_alloc((Arena *)data, size ? size : 1);
}

static void pb_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

PgQuery__ParseResult *pg_tree_unpack(Arena *a, const PgQueryProtobuf *pb)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, a};
	return pg_query__parse_result__unpack(&al, pb->len, (const uint8_t *)pb->data);
}

/* ---- the same tree from libpg_query's JSON ----
 *
 * pg_query_parse_protobuf spends most of its time packing (protobuf-c sizes every nested
 * message again at each level) and the unpacking takes as long again; libpg_query's JSON output
 * is written in one pass. The JSON is read into the very structs an unpack would
 * give, field by field through protobuf-c's descriptors: keys are the fields' names (some in
 * camelCase: "tableElts" for table_elts), a Node is {"TypeName": {...}} named by its message
 * type, enums are their value names, fields at their default are left out. */

typedef struct NodeKind {
	const char *name;
	const ProtobufCFieldDescriptor *f;
} NodeKind;

static NodeKind *node_kinds;    /* Node's members by message type name, sorted; built once */
static unsigned n_node_kinds;

static int node_kind_cmp(const void *x, const void *y)
{
	return strcmp(((const NodeKind *)x)->name, ((const NodeKind *)y)->name);
}

static const ProtobufCFieldDescriptor *node_kind(const char *name)
{
	NodeKind key = {name, NULL}, *hit;
	if (!node_kinds) {
		const ProtobufCMessageDescriptor *d = &pg_query__node__descriptor;
		NodeKind *k = xmalloc(d->n_fields * sizeof *k);
		for (unsigned i = 0; i < d->n_fields; i++) {
			/* the proto name after "pg_query." ("A_Const"; short_name drops the underscore) */
			const char *full = ((const ProtobufCMessageDescriptor *)d->fields[i].descriptor)->name;
			const char *dot = strrchr(full, '.');
			k[i].name = dot ? dot + 1 : full;
			k[i].f = &d->fields[i];
		}
		qsort(k, d->n_fields, sizeof *k, node_kind_cmp);
		node_kinds = k;
		n_node_kinds = d->n_fields;
	}
	hit = bsearch(&key, node_kinds, n_node_kinds, sizeof key, node_kind_cmp);
	return hit ? hit->f : NULL;
}

static const ProtobufCFieldDescriptor *json_field_lookup(const ProtobufCMessageDescriptor *d, const char *key)
{
	const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, key);
	char snake[128];
	size_t n = 0;
	if (f)
		return f;
	for (const char *k = key; *k && n + 2 < sizeof snake; k++) {
		if (isupper((unsigned char)*k)) {
			snake[n++] = '_';
			snake[n++] = (char)tolower((unsigned char)*k);
		} else {
			snake[n++] = *k;
		}
	}
	snake[n] = '\0';
	return protobuf_c_message_descriptor_get_field_by_name(d, snake);
}

/* json_field_lookup through a process-wide direct-mapped cache keyed by message type and key:
 * a parse meets the same few hundred pairs over and over. */
#define FIELD_CACHE 2048
typedef struct FieldCacheEntry {
	const ProtobufCMessageDescriptor *d;
	const ProtobufCFieldDescriptor *f;
	char key[48];
} FieldCacheEntry;
static FieldCacheEntry field_cache[FIELD_CACHE];

static const ProtobufCFieldDescriptor *json_field(const ProtobufCMessageDescriptor *d, const char *key)
{
	uint64_t h = (uint64_t)(uintptr_t)d * 1099511628211ULL;
	size_t n = 0;
	FieldCacheEntry *e;
	const ProtobufCFieldDescriptor *f;
	for (; key[n]; n++)
		h = (h ^ (unsigned char)key[n]) * 1099511628211ULL;
	e = &field_cache[(h ^ (h >> 29)) & (FIELD_CACHE - 1)];
	if (e->d == d && !strcmp(e->key, key))
		return e->f;
	f = json_field_lookup(d, key);
	if (f && n < sizeof e->key) {
		e->d = d;
		e->f = f;
		memcpy(e->key, key, n + 1);
	}
	return f;
}

/* A reader of that JSON text straight into the structs, with no tree of its own in between
 * (cJSON's tree cost as much to build and free as the rest of the work). Anything it does not
 * expect makes the whole read fail, and the caller takes the protobuf route. */
typedef struct JsonIn {
	Arena *a;
	const char *p;
} JsonIn;

static ProtobufCMessage *json_message(JsonIn *in, const ProtobufCMessageDescriptor *d);

static void json_ws(JsonIn *in)
{
	while (*in->p == ' ' || *in->p == '\n' || *in->p == '\t' || *in->p == '\r')
		in->p++;
}

static bool json_eat(JsonIn *in, char c)
{
	json_ws(in);
	if (*in->p != c)
		return false;
	in->p++;
	return true;
}

static int hex4(const char *h)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = h[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* A string's value, unescaped into the arena (UTF-8 for \uXXXX, as cJSON decodes it). */
static char *json_string(JsonIn *in)
{
	const char *q, *end;
	char *out, *o;
	json_ws(in);
	if (*in->p != '"')
		return NULL;
	q = in->p + 1;
	for (end = q; *end && *end != '"'; end++)
		if (*end == '\\' && !*++end)
			return NULL;
	if (*end != '"')
		return NULL;
	out = o = arena_alloc(in->a, (size_t)(end - q) + 1);
	while (q < end) {
		if (*q != '\\') {
			*o++ = *q++;
			continue;
		}
		q++;
		switch (*q++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			long cp;
			if (end - q < 4 || (cp = hex4(q)) < 0)
				return NULL;
			q += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return NULL;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				int lo;
				if (end - q < 6 || q[0] != '\\' || q[1] != 'u' || (lo = hex4(q + 2)) < 0xDC00 || lo > 0xDFFF)
					return NULL;
				q += 6;
				cp = 0x10000 + ((cp & 0x3FF) << 10) + (lo & 0x3FF);
			}
			if (!cp)
				return NULL;  /* cJSON would have cut the string there */
			if (cp < 0x80) {
				*o++ = (char)cp;
			} else if (cp < 0x800) {
				*o++ = (char)(0xC0 | (cp >> 6));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*o++ = (char)(0xE0 | (cp >> 12));
				*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xF0 | (cp >> 18));
				*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
				*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
			break;
		}
		default:
			return NULL;
		}
	}
	*o = '\0';
	in->p = end + 1;
	return out;
}

/* An object's key into buf (keys are plain names), and the colon after it. */
static bool json_key(JsonIn *in, char *buf, size_t size)
{
	const char *q, *end;
	json_ws(in);
	if (*in->p != '"')
		return false;
	q = in->p + 1;
	end = strchr(q, '"');
	if (!end || (size_t)(end - q) >= size || memchr(q, '\\', (size_t)(end - q)))
		return false;
	memcpy(buf, q, (size_t)(end - q));
	buf[end - q] = '\0';
	in->p = end + 1;
	return json_eat(in, ':');
}

/* A number as cJSON reads it (a double, cast by the caller to the field's type). */
static bool json_number(JsonIn *in, double *v)
{
	char *end;
	json_ws(in);
	if (!(*in->p == '-' || (*in->p >= '0' && *in->p <= '9')))
		return false;
	{
		/* an integer (nearly all of them: locations, ids) without strtod: exact as a double
		 * up to 2^53, which is as far as this goes */
		const char *q = in->p + (*in->p == '-');
		int64_t iv = 0;
		int digits = 0;
		while (*q >= '0' && *q <= '9' && digits < 15) {
			iv = iv * 10 + (*q++ - '0');
			digits++;
		}
		if (digits && !(*q >= '0' && *q <= '9') && *q != '.' && *q != 'e' && *q != 'E') {
			*v = *in->p == '-' ? -(double)iv : (double)iv;
			in->p = q;
			return true;
		}
	}
	*v = strtod(in->p, &end);
	if (end == in->p)
		return false;
	in->p = end;
	return true;
}

/* One value of field f stored at dst (an element of a repeated field, or the field itself). */
static bool json_value(JsonIn *in, const ProtobufCFieldDescriptor *f, void *dst)
{
	double v = 0;
	switch (f->type) {
	case PROTOBUF_C_TYPE_MESSAGE: {
		ProtobufCMessage *m = json_message(in, f->descriptor);
		if (!m)
			return false;
		*(ProtobufCMessage **)dst = m;
		return true;
	}
	case PROTOBUF_C_TYPE_STRING: {
		char *str = json_string(in);
		*(char **)dst = str;
		return str != NULL;
	}
	case PROTOBUF_C_TYPE_BOOL:
		json_ws(in);
		if (!strncmp(in->p, "true", 4)) {
			*(protobuf_c_boolean *)dst = 1;
			in->p += 4;
		} else if (!strncmp(in->p, "false", 5)) {
			*(protobuf_c_boolean *)dst = 0;
			in->p += 5;
		} else {
			return false;
		}
		return true;
	case PROTOBUF_C_TYPE_ENUM: {
		char name[128];
		const ProtobufCEnumValue *ev;
		const char *q;
		const char *end;
		json_ws(in);
		q = in->p;
		if (*q != '"' || !(end = strchr(q + 1, '"')) || (size_t)(end - q - 1) >= sizeof name)
			return false;
		memcpy(name, q + 1, (size_t)(end - q - 1));
		name[end - q - 1] = '\0';
		ev = protobuf_c_enum_descriptor_get_value_by_name(f->descriptor, name);
		if (!ev)
			return false;
		in->p = end + 1;
		*(int *)dst = ev->value;
		return true;
	}
	default:
		break;
	}
	if (!json_number(in, &v))
		return false;
	switch (f->type) {
	case PROTOBUF_C_TYPE_INT32:
	case PROTOBUF_C_TYPE_SINT32:
	case PROTOBUF_C_TYPE_SFIXED32:
		*(int32_t *)dst = (int32_t)v;
		return true;
	case PROTOBUF_C_TYPE_UINT32:
	case PROTOBUF_C_TYPE_FIXED32:
		*(uint32_t *)dst = (uint32_t)v;
		return true;
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
		*(int64_t *)dst = (int64_t)v;
		return true;
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
		*(uint64_t *)dst = (uint64_t)v;
		return true;
	case PROTOBUF_C_TYPE_FLOAT:
		*(float *)dst = (float)v;
		return true;
	case PROTOBUF_C_TYPE_DOUBLE:
		*(double *)dst = v;
		return true;
	default:
		return false;
	}
}

static size_t field_size(const ProtobufCFieldDescriptor *f)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_MESSAGE: return sizeof(void *);
	case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
	case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
	case PROTOBUF_C_TYPE_ENUM: return sizeof(int);
	case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return 8;
	case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
	default: return 4;
	}
}

/* A JSON array of f's values: its elements in the arena, their count in *n. */
static void *json_array(JsonIn *in, const ProtobufCFieldDescriptor *f, size_t *n)
{
	size_t sz = field_size(f), cap = 8, cnt = 0;
	_Alignas(8) char local[8 * 8];
	char *buf = local, *arr;
	if (!json_eat(in, '['))
		return NULL;
	if (!json_eat(in, ']')) {
		do {
			if (cnt == cap) {
				char *bigger = xmalloc(cap * 2 * sz);
				memcpy(bigger, buf, cnt * sz);
				if (buf != local)
					free(buf);
				buf = bigger;
				cap *= 2;
			}
			if (!json_value(in, f, buf + cnt * sz)) {
				if (buf != local)
					free(buf);
				return NULL;
			}
			cnt++;
		} while (json_eat(in, ','));
		if (!json_eat(in, ']')) {
			if (buf != local)
				free(buf);
			return NULL;
		}
	}
	arr = arena_alloc(in->a, cnt ? cnt * sz : 1);
	memcpy(arr, buf, cnt * sz);
	if (buf != local)
		free(buf);
	*n = cnt;
	return arr;
}

static ProtobufCMessage *json_message(JsonIn *in, const ProtobufCMessageDescriptor *d)
{
	ProtobufCMessage *m;
	char key[128];
	if (!json_eat(in, '{'))
		return NULL;
	m = arena_alloc(in->a, d->sizeof_message);
	protobuf_c_message_init(d, m);
	if (d == &pg_query__node__descriptor) {
		/* {"SelectStmt": {...}}: the oneof member of that message type */
		const ProtobufCFieldDescriptor *f = json_key(in, key, sizeof key) ? node_kind(key) : NULL;
		ProtobufCMessage *sub = f ? json_message(in, f->descriptor) : NULL;
		if (!sub || !json_eat(in, '}'))
			return NULL;
		*(ProtobufCMessage **)(void *)((char *)m + f->offset) = sub;
		*(uint32_t *)(void *)((char *)m + f->quantifier_offset) = f->id;
		return m;
	}
	if (!json_eat(in, '}')) {
		do {
			const ProtobufCFieldDescriptor *f = json_key(in, key, sizeof key) ? json_field(d, key) : NULL;
			char *at;
			if (!f)
				return NULL;
			at = (char *)m + f->offset;
			if (f->label == PROTOBUF_C_LABEL_REPEATED) {
				size_t n = 0;
				void *arr = json_array(in, f, &n);
				if (!arr)
					return NULL;
				*(void **)(void *)at = arr;
				*(size_t *)(void *)((char *)m + f->quantifier_offset) = n;
				continue;
			}
			if (!json_value(in, f, at))
				return NULL;
			if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
				*(uint32_t *)(void *)((char *)m + f->quantifier_offset) = f->id;
			else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->quantifier_offset)
				*(protobuf_c_boolean *)(void *)((char *)m + f->quantifier_offset) = 1;
		} while (json_eat(in, ','));
		if (!json_eat(in, '}'))
			return NULL;
	}
	if (d == &pg_query__type_name__descriptor) {
		/* the JSON writer leaves out an Integer's -1 like a 0: "text[]" has the bound -1 */
		PgQuery__TypeName *tn = (PgQuery__TypeName *)m;
		for (size_t i = 0; i < tn->n_array_bounds; i++)
			if (PG_IS(tn->array_bounds[i], INTEGER) && tn->array_bounds[i]->integer->ival == 0)
				tn->array_bounds[i]->integer->ival = -1;
	}
	return m;
}

/* libpg_query 15's JSON writer leaves out an Integer's value unless it is positive: -1 reads
 * as 0. A tree holding an Integer of 0 is trusted only when the text has no negative number
 * (a minus before a digit) and no aggregate's arguments; the caller takes the protobuf route otherwise. */
static bool json_lossy(const char *json, const char *sql)
{
	if (!strstr(json, "\"ival\":{}") && !strstr(json, "{\"Integer\":{}}"))
		return false;
	/* an aggregate's argument list ends in Integer -1 (no direct arguments) */
	if (strstr(json, "\"OBJECT_AGGREGATE\""))
		return true;
	for (const char *p = strchr(sql, '-'); p; p = strchr(p + 1, '-')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
			q++;
		if (isdigit((unsigned char)*q))
			return true;
	}
	return false;
}

PgQuery__ParseResult *pg_tree_from_json(Arena *a, const char *json, const char *sql)
{
	JsonIn in = {a, json};
	ProtobufCMessage *m;
	if (json_lossy(json, sql))
		return NULL;
	m = json_message(&in, &pg_query__parse_result__descriptor);
	json_ws(&in);
	return m && !*in.p ? (PgQuery__ParseResult *)m : NULL;
}

/* ---- generic walk ---- */

/* The field of the oneof member a Node holds (NULL for an empty Node). */
static const ProtobufCFieldDescriptor *node_member(const PgNode *n)
{
	return n->node_case ? protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, (unsigned)n->node_case) : NULL;
}

/* Calls visit(child, ctx) for every message-typed field of m that is set: the one member of a
 * oneof that is present, each element of a repeated field, each non-NULL single field. The
 * one place that knows how protobuf-c lays fields out; both tree walks below use it. */
static void for_each_child(ProtobufCMessage *m, void (*visit)(ProtobufCMessage *, void *), void *ctx)
{
	const ProtobufCMessageDescriptor *desc = m->descriptor;
	if (desc == &pg_query__node__descriptor) {
		/* a Node is one member of its oneof out of some 250: straight to it */
		const ProtobufCFieldDescriptor *f = node_member((const PgNode *)m);
		ProtobufCMessage *child;
		if (f && f->type == PROTOBUF_C_TYPE_MESSAGE) {
			memcpy(&child, (char *)m + f->offset, sizeof child);
			if (child)
				visit(child, ctx);
		}
		return;
	}
	for (unsigned i = 0; i < desc->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &desc->fields[i];
		char *base = (char *)m;
		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			uint32_t which;
			memcpy(&which, base + f->quantifier_offset, sizeof which);
			if (which != f->id)
				continue;
		}
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t cnt;
			ProtobufCMessage **arr;
			memcpy(&cnt, base + f->quantifier_offset, sizeof cnt);
			memcpy(&arr, base + f->offset, sizeof arr);
			for (size_t k = 0; k < cnt; k++)
				if (arr[k])
					visit(arr[k], ctx);
		} else {
			ProtobufCMessage *child;
			memcpy(&child, base + f->offset, sizeof child);
			if (child)
				visit(child, ctx);
		}
	}
}

typedef struct NodeWalk {
	bool (*fn)(PgNode *, void *);
	void *ctx;
} NodeWalk;

static void walk_child(ProtobufCMessage *child, void *arg)
{
	NodeWalk *w = arg;
	if (child->descriptor == &pg_query__node__descriptor)
		pg_walk_nodes((PgNode *)child, w->fn, w->ctx);
	else
		for_each_child(child, walk_child, w);
}

static void walk_fields(ProtobufCMessage *m, bool (*fn)(PgNode *, void *), void *ctx)
{
	NodeWalk w = {fn, ctx};
	for_each_child(m, walk_child, &w);
}

void pg_walk_nodes(PgNode *n, bool (*fn)(PgNode *n, void *ctx), void *ctx)
{
	if (!n || !fn(n, ctx))
		return;
	walk_fields(&n->base, fn, ctx);
}

/* ---- small node helpers ---- */

const char *pg_str(const PgNode *n)
{
	return PG_IS(n, STRING) ? n->string->sval : NULL;
}

PgNode *pg_mk_string(Arena *a, const char *s)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_STRING;
	n->string = ARENA_NEW(a, PgQuery__String);
	pg_query__string__init(n->string);
	n->string->sval = arena_strdup(a, s);
	return n;
}

PgNode *pg_mk_typecast(Arena *a, PgNode *arg, PgQuery__TypeName *tn)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_TYPE_CAST;
	n->type_cast = ARENA_NEW(a, PgQuery__TypeCast);
	pg_query__type_cast__init(n->type_cast);
	n->type_cast->arg = arg;
	n->type_cast->type_name = tn;
	n->type_cast->location = -1;
	return n;
}

static PgNode *mk_aexpr(Arena *a, PgQuery__AExprKind kind, const char *op, PgNode *l, PgNode *r)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_A_EXPR;
	n->a_expr = ARENA_NEW(a, PgQuery__AExpr);
	pg_query__a__expr__init(n->a_expr);
	n->a_expr->kind = kind;
	n->a_expr->n_name = 1;
	n->a_expr->name = arena_alloc(a, sizeof(PgNode *));
	n->a_expr->name[0] = pg_mk_string(a, op);
	n->a_expr->lexpr = l;
	n->a_expr->rexpr = r;
	n->a_expr->location = -1;
	return n;
}

static PgNode *mk_bool(Arena *a, PgQuery__BoolExprType op, PgNode *x, PgNode *y)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_BOOL_EXPR;
	n->bool_expr = ARENA_NEW(a, PgQuery__BoolExpr);
	pg_query__bool_expr__init(n->bool_expr);
	n->bool_expr->boolop = op;
	n->bool_expr->n_args = 2;
	n->bool_expr->args = arena_alloc(a, 2 * sizeof(PgNode *));
	n->bool_expr->args[0] = x;
	n->bool_expr->args[1] = y;
	n->bool_expr->location = -1;
	return n;
}

/* ---- builtin types ---- */

/* Internal name, format_type() spelling. */
static const char *const builtin_types[][2] = {
	{"bool", "boolean"}, {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"},
	{"float4", "real"}, {"float8", "double precision"}, {"numeric", "numeric"},
	{"varchar", "character varying"}, {"bpchar", "character"}, {"text", "text"},
	{"name", "name"}, {"char", "\"char\""}, {"bytea", "bytea"}, {"date", "date"},
	{"time", "time without time zone"}, {"timetz", "time with time zone"},
	{"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
	{"interval", "interval"}, {"bit", "bit"}, {"varbit", "bit varying"}, {"json", "json"},
	{"jsonb", "jsonb"}, {"uuid", "uuid"}, {"inet", "inet"}, {"cidr", "cidr"},
	{"macaddr", "macaddr"}, {"macaddr8", "macaddr8"}, {"money", "money"}, {"xml", "xml"},
	{"tsvector", "tsvector"}, {"tsquery", "tsquery"}, {"oid", "oid"}, {"regclass", "regclass"},
	{"regproc", "regproc"}, {"regtype", "regtype"}, {"point", "point"}, {"line", "line"},
	{"lseg", "lseg"}, {"box", "box"}, {"path", "path"}, {"polygon", "polygon"},
	{"circle", "circle"}, {"int4range", "int4range"}, {"int8range", "int8range"},
	{"numrange", "numrange"}, {"tsrange", "tsrange"}, {"tstzrange", "tstzrange"},
	{"daterange", "daterange"}, {"record", "record"}, {"void", "void"},
	{"trigger", "trigger"}, {"anyelement", "anyelement"}, {"anyarray", "anyarray"},
	{"cstring", "cstring"}, {"internal", "internal"}, {"xid", "xid"}, {"pg_lsn", "pg_lsn"},
	{"txid_snapshot", "txid_snapshot"}, {"regconfig", "regconfig"},
	{"regdictionary", "regdictionary"}, {"event_trigger", "event_trigger"},
};

static const char *builtin_display(const char *name)
{
	for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
		if (!strcmp(builtin_types[i][0], name))
			return builtin_types[i][1];
	return NULL;
}

int pg_is_builtin_type(const char *name)
{
	return name && builtin_display(name) != NULL;
}

/* Spellings the grammar leaves unqualified that name a builtin under another internal name. */
static const char *builtin_alias(const char *name)
{
	static const char *const al[][2] = {
		{"integer", "int4"}, {"int", "int4"}, {"smallint", "int2"}, {"bigint", "int8"},
		{"boolean", "bool"}, {"real", "float4"}, {"decimal", "numeric"},
		{"character varying", "varchar"}, {"character", "bpchar"},
	};
	for (size_t i = 0; i < sizeof al / sizeof al[0]; i++)
		if (!strcmp(al[i][0], name))
			return al[i][1];
	return name;
}

static const char *tn_last(const PgQuery__TypeName *t)
{
	return t && t->n_names ? pg_str(t->names[t->n_names - 1]) : NULL;
}

/* Builtins the grammar spells with keywords (and so qualifies with pg_catalog); the deparser
 * prints these back as keywords. Every other builtin is canonical without a schema. */
static bool keyword_type(const char *in)
{
	static const char *const kw[] = {"bool", "int2", "int4", "int8", "float4", "float8", "numeric", "varchar",
					 "bpchar", "time", "timetz", "timestamp", "timestamptz", "interval", "bit", "varbit", NULL};
	for (int i = 0; kw[i]; i++)
		if (!strcmp(kw[i], in))
			return true;
	return false;
}

void pg_canon_typename(Arena *a, PgQuery__TypeName *t)
{
	const char *last, *in;
	if (!t || !t->n_names)
		return;
	last = tn_last(t);
	if (!last)
		return;
	/* public is the default schema: canonical names leave it out */
	if (t->n_names == 2 && str_eq(pg_str(t->names[0]), "public")) {
		t->names = t->names + 1;
		t->n_names = 1;
		return;
	}
	if (t->n_names == 2 && str_eq(pg_str(t->names[0]), "pg_catalog")) {
		if (!keyword_type(last) && pg_is_builtin_type(last) && strcmp(last, "char") != 0) {
			t->names = t->names + 1;
			t->n_names = 1;
		}
		return;
	}
	if (t->n_names != 1)
		return;
	in = builtin_alias(last);
	if (!keyword_type(in))
		return;
	PgNode **names = arena_alloc(a, 2 * sizeof(PgNode *));
	names[0] = pg_mk_string(a, "pg_catalog");
	names[1] = pg_mk_string(a, in);
	t->names = names;
	t->n_names = 2;
}

static bool typename_is(const PgQuery__TypeName *t, const char *const *set)
{
	const char *last = tn_last(t);
	if (!last || t->n_array_bounds)
		return false;
	if (t->n_names > 2 || (t->n_names == 2 && !str_eq(pg_str(t->names[0]), "pg_catalog")))
		return false;
	last = builtin_alias(last);
	for (int i = 0; set[i]; i++)
		if (!strcmp(set[i], last))
			return true;
	return false;
}

static const char *const stringish_types[] = {"text", "varchar", "bpchar", "name", "unknown", NULL};
static const char *const numeric_types[] = {"int2", "int4", "int8", "numeric", "float4", "float8", NULL};

static bool looks_numeric(const char *s, bool *is_int)
{
	const char *p = s;
	bool digits = false, dot = false;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits = true;
		else if (*p == '.' && !dot)
			dot = true;
		else
			return false;
	}
	*is_int = !dot;
	return digits;
}

/* ---- the rewrites ---- */

static void canon_rewrite(Arena *a, PgNode *n);

/* GROUP BY 24::integer groups by the value 24, GROUP BY 24 by the 24th output column: a cast
 * constant there keeps its cast (as the server prints it). */
static void keep_cast(PgNode *n)
{
	if (PG_IS(n, TYPE_CAST) && PG_IS(n->type_cast->arg, A_CONST))
		n->type_cast->location = PG_KEEP_CAST;
}

static void walk_message(ProtobufCMessage *m, void *arena)
{
	Arena *a = arena;
	const ProtobufCMessageDescriptor *desc = m->descriptor;
	if (desc == &pg_query__select_stmt__descriptor) {
		PgQuery__SelectStmt *sel = (PgQuery__SelectStmt *)m;
		for (size_t i = 0; i < sel->n_group_clause; i++)
			keep_cast(sel->group_clause[i]);
		for (size_t i = 0; i < sel->n_sort_clause; i++)
			if (PG_IS(sel->sort_clause[i], SORT_BY))
				keep_cast(sel->sort_clause[i]->sort_by->node);
	}
	if (desc == &pg_query__type_name__descriptor)
		pg_canon_typename(a, (PgQuery__TypeName *)m);
	if (desc == &pg_query__range_var__descriptor && str_eq(((PgQuery__RangeVar *)m)->schemaname, "public"))
		((PgQuery__RangeVar *)m)->schemaname = (char *)"";
	for_each_child(m, walk_message, a);
	if (desc == &pg_query__node__descriptor)
		canon_rewrite(a, (PgNode *)m);
}

void pg_canon_node(Arena *a, PgNode *n)
{
	if (n)
		walk_message(&n->base, a);
}

static void node_replace(PgNode *dst, const PgNode *src)
{
	*dst = *src;
}

static PgNode *list_items_as_array(Arena *a, PgNode *list)
{
	PgNode *n = ARENA_NEW(a, PgNode);
	pg_query__node__init(n);
	n->node_case = PG_QUERY__NODE__NODE_A_ARRAY_EXPR;
	n->a_array_expr = ARENA_NEW(a, PgQuery__AArrayExpr);
	pg_query__a__array_expr__init(n->a_array_expr);
	n->a_array_expr->n_elements = list->list->n_items;
	n->a_array_expr->elements = list->list->items;
	n->a_array_expr->location = -1;
	return n;
}

static bool all_const(PgNode *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!PG_IS(items[i], A_CONST) || items[i]->a_const->isnull)
			return false;
	return true;
}

static bool is_nextval_like(const char *fn)
{
	return str_eq(fn, "nextval") || str_eq(fn, "currval") || str_eq(fn, "setval");
}

static void canon_rewrite(Arena *a, PgNode *n)
{
	/* (a, b) and ROW(a, b) are one row constructor; the server prints ROW(a, b) */
	if (PG_IS(n, ROW_EXPR) && n->row_expr->n_args > 1)
		n->row_expr->row_format = PG_QUERY__COERCION_FORM__COERCE_EXPLICIT_CALL;
	if (PG_IS(n, TYPE_CAST)) {
		PgQuery__TypeCast *tc = n->type_cast;
		PgNode *arg = tc->arg;
		PgQuery__TypeName *tn = tc->type_name;
		if (tc->location == PG_KEEP_CAST && PG_IS(arg, A_CONST))
			return;
		/* the server prints a NULL it typed by context as NULL::type; a user writes NULL */
		if (PG_IS(arg, A_CONST) && arg->a_const->isnull && !tn->n_array_bounds && tc->location != PG_KEEP_CAST) {
			node_replace(n, arg);
			return;
		}
		if (PG_IS(arg, A_CONST) && !arg->a_const->isnull) {
			PgQuery__AConst *k = arg->a_const;
			bool is_int;
			if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, stringish_types)) {
				node_replace(n, arg);
				return;
			}
			if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, numeric_types) &&
			    looks_numeric(k->sval->sval, &is_int)) {
				const char *s = k->sval->sval;
				if (*s == '+')
					s++;
				if (!is_int && typename_is(tn, (const char *const[]){"float4", "float8", NULL})) {
					/* the server stores the float and prints it back shortest: '0.0000' -> 0 */
					double v = strtod(s, NULL);
					char buf[64];
					snprintf(buf, sizeof buf, "%.15g", v);
					if (strtod(buf, NULL) != v)
						snprintf(buf, sizeof buf, "%.17g", v);
					s = arena_strdup(a, buf);
					is_int = strspn(s + (*s == '-'), "0123456789") == strlen(s + (*s == '-'));
				}
				if (is_int && strlen(s) < 10) {
					PgQuery__Integer *iv = ARENA_NEW(a, PgQuery__Integer);
					pg_query__integer__init(iv);
					iv->ival = atoi(s);
					k->val_case = PG_QUERY__A__CONST__VAL_IVAL;
					k->ival = iv;
				} else {
					PgQuery__Float *fv = ARENA_NEW(a, PgQuery__Float);
					pg_query__float__init(fv);
					fv->fval = arena_strdup(a, s);
					k->val_case = PG_QUERY__A__CONST__VAL_FVAL;
					k->fval = fv;
				}
				node_replace(n, arg);
				return;
			}
			if ((k->val_case == PG_QUERY__A__CONST__VAL_IVAL || k->val_case == PG_QUERY__A__CONST__VAL_FVAL) &&
			    typename_is(tn, numeric_types)) {
				node_replace(n, arg);
				return;
			}
			if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, (const char *const[]){"bool", NULL})) {
				const char *s = k->sval->sval;
				int v = -1;
				if (str_ieq(s, "t") || str_ieq(s, "true") || str_ieq(s, "yes") || str_ieq(s, "on") || !strcmp(s, "1"))
					v = 1;
				else if (str_ieq(s, "f") || str_ieq(s, "false") || str_ieq(s, "no") || str_ieq(s, "off") || !strcmp(s, "0"))
					v = 0;
				if (v >= 0) {
					PgQuery__Boolean *bv = ARENA_NEW(a, PgQuery__Boolean);
					pg_query__boolean__init(bv);
					bv->boolval = v;
					k->val_case = PG_QUERY__A__CONST__VAL_BOOLVAL;
					k->boolval = bv;
					node_replace(n, arg);
					return;
				}
			}
			/* bytea literals are stored as bytes and printed in hex: '' -> '\x', 'ab' -> '\x6162' */
			if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, (const char *const[]){"bytea", NULL}) &&
			    !strchr(k->sval->sval, '\\')) {
				const char *v = k->sval->sval;
				StrBuf hx;
				sb_init(&hx);
				sb_adds(&hx, "\\x");
				for (const unsigned char *q = (const unsigned char *)v; *q; q++)
					sb_addf(&hx, "%02x", *q);
				k->sval->sval = sb_to_arena(&hx, a);
				sb_release(&hx);
			} else if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, (const char *const[]){"bytea", NULL}) &&
				   k->sval->sval[0] == '\\' && k->sval->sval[1] == 'X') {
				k->sval->sval = str_lower(a, k->sval->sval);
			}
			if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && typename_is(tn, (const char *const[]){"regclass", NULL}) &&
			    str_has_prefix(k->sval->sval, "public."))
				k->sval->sval = k->sval->sval + 7;
		}
		/* varchar/char columns compared with text get an implicit ::text */
		if (PG_IS(arg, COLUMN_REF) && tc->location != PG_KEEP_CAST && typename_is(tn, (const char *const[]){"text", NULL})) {
			node_replace(n, arg);
			return;
		}
		/* ARRAY['a', 'b']::text[] once the elements are bare literals */
		if (PG_IS(arg, A_ARRAY_EXPR) && tn && tn->n_array_bounds) {
			PgQuery__TypeName base = *tn;
			base.n_array_bounds = 0;
			if (typename_is(&base, stringish_types)) {
				bool all_const = true;
				for (size_t i = 0; i < arg->a_array_expr->n_elements; i++)
					if (!PG_IS(arg->a_array_expr->elements[i], A_CONST))
						all_const = false;
				if (all_const) {
					node_replace(n, arg);
					return;
				}
			}
		}
		return;
	}
	if (PG_IS(n, A_EXPR)) {
		PgQuery__AExpr *e = n->a_expr;
		const char *op = e->n_name ? pg_str(e->name[e->n_name - 1]) : NULL;
		/* the server prints LIKE as ~~ and ILIKE as ~~* */
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP && e->n_name == 1 && op &&
		    (!strcmp(op, "~~") || !strcmp(op, "!~~") || !strcmp(op, "~~*") || !strcmp(op, "!~~*"))) {
			e->kind = strchr(op, '*') ? PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE : PG_QUERY__A__EXPR__KIND__AEXPR_LIKE;
			return;
		}
		/* the jsonb path operators take text[]: the server prints the literal path with
		 * the cast it resolved, a user writes it bare */
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP && e->n_name == 1 && op &&
		    (!strcmp(op, "#>") || !strcmp(op, "#>>") || !strcmp(op, "#-")) && PG_IS(e->rexpr, TYPE_CAST)) {
			PgQuery__TypeCast *tc = e->rexpr->type_cast;
			PgQuery__TypeName *tn = tc->type_name;
			const char *last = tn ? tn_last(tn) : NULL;
			if (PG_IS(tc->arg, A_CONST) && tc->arg->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL &&
			    tn->n_array_bounds == 1 && last && !strcmp(builtin_alias(last), "text") &&
			    (tn->n_names == 1 || (tn->n_names == 2 && str_eq(pg_str(tn->names[0]), "pg_catalog"))))
				e->rexpr = tc->arg;
		}
		/* the server stores x IN (a) as x = a, and NOT IN (a) as x <> a */
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_IN && PG_IS(e->rexpr, LIST) && e->rexpr->list->n_items == 1) {
			node_replace(n, mk_aexpr(a, PG_QUERY__A__EXPR__KIND__AEXPR_OP, str_eq(op, "<>") ? "<>" : "=", e->lexpr,
						 e->rexpr->list->items[0]));
			canon_rewrite(a, n);
			return;
		}
		/* x IN (constants) stays an IN list, and so becomes the server's x = ANY (ARRAY[...])
		 * of constants once its casts are gone: printed as IN, it is stored again the way
		 * the user wrote it (with ARRAY[...] the element casts would differ: varchar[]
		 * against text[]) */
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_IN && PG_IS(e->rexpr, LIST) && all_const(e->rexpr->list->items, e->rexpr->list->n_items))
			return;
		if (((e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY && str_eq(op, "=")) ||
		     (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL && str_eq(op, "<>"))) &&
		    PG_IS(e->rexpr, A_ARRAY_EXPR) && e->rexpr->a_array_expr->n_elements >= 2 &&
		    all_const(e->rexpr->a_array_expr->elements, e->rexpr->a_array_expr->n_elements)) {
			PgNode *l = ARENA_NEW(a, PgNode);
			pg_query__node__init(l);
			l->node_case = PG_QUERY__NODE__NODE_LIST;
			l->list = ARENA_NEW(a, PgQuery__List);
			pg_query__list__init(l->list);
			l->list->n_items = e->rexpr->a_array_expr->n_elements;
			l->list->items = e->rexpr->a_array_expr->elements;
			e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_IN;
			e->rexpr = l;
			return;
		}
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_IN && PG_IS(e->rexpr, LIST)) {
			bool neg = str_eq(op, "<>");
			PgNode *arr = list_items_as_array(a, e->rexpr);
			PgNode *r = mk_aexpr(a, neg ? PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL : PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY,
					     neg ? "<>" : "=", e->lexpr, arr);
			node_replace(n, r);
			return;
		}
		if ((e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN || e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN) &&
		    PG_IS(e->rexpr, LIST) && e->rexpr->list->n_items == 2) {
			bool neg = e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN;
			PgNode *lo = e->rexpr->list->items[0], *hi = e->rexpr->list->items[1];
			PgNode *x = mk_aexpr(a, PG_QUERY__A__EXPR__KIND__AEXPR_OP, neg ? "<" : ">=", e->lexpr, lo);
			PgNode *y = mk_aexpr(a, PG_QUERY__A__EXPR__KIND__AEXPR_OP, neg ? ">" : "<=", e->lexpr, hi);
			node_replace(n, mk_bool(a, neg ? PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR : PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR, x, y));
			return;
		}
		return;
	}
	if (PG_IS(n, BOOL_EXPR)) {
		/* (a AND b) AND c is stored flat */
		PgQuery__BoolExpr *b = n->bool_expr;
		size_t total = 0;
		bool nested = false;
		if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR)
			return;
		for (size_t i = 0; i < b->n_args; i++) {
			PgNode *c = b->args[i];
			if (PG_IS(c, BOOL_EXPR) && c->bool_expr->boolop == b->boolop) {
				total += c->bool_expr->n_args;
				nested = true;
			} else {
				total++;
			}
		}
		if (nested) {
			PgNode **args = arena_alloc(a, total * sizeof(PgNode *));
			size_t k = 0;
			for (size_t i = 0; i < b->n_args; i++) {
				PgNode *c = b->args[i];
				if (PG_IS(c, BOOL_EXPR) && c->bool_expr->boolop == b->boolop)
					for (size_t j = 0; j < c->bool_expr->n_args; j++)
						args[k++] = c->bool_expr->args[j];
				else
					args[k++] = c;
			}
			b->args = args;
			b->n_args = total;
		}
		return;
	}
	if (PG_IS(n, FUNC_CALL)) {
		PgQuery__FuncCall *f = n->func_call;
		const char *fn = f->n_funcname ? pg_str(f->funcname[f->n_funcname - 1]) : NULL;
		if (f->n_funcname == 2 && str_eq(pg_str(f->funcname[0]), "public")) {
			f->funcname = f->funcname + 1;
			f->n_funcname = 1;
		}
		if (is_nextval_like(fn) && f->n_args >= 1 && PG_IS(f->args[0], A_CONST) &&
		    f->args[0]->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
			PgQuery__TypeName *tn = ARENA_NEW(a, PgQuery__TypeName);
			pg_query__type_name__init(tn);
			tn->n_names = 1;
			tn->names = arena_alloc(a, sizeof(PgNode *));
			tn->names[0] = pg_mk_string(a, "regclass");
			tn->typemod = -1;
			tn->location = -1;
			pg_canon_typename(a, tn);
			if (str_has_prefix(f->args[0]->a_const->sval->sval, "public."))
				f->args[0]->a_const->sval->sval += 7;
			f->args[0] = pg_mk_typecast(a, f->args[0], tn);
		}
		return;
	}
}

/* ---- deparse ---- */

static const char *deparse_raw(Arena *a, PgNode *stmt)
{
	PgQuery__ParseResult pr;
	PgQuery__RawStmt raw, *rawp = &raw;
	PgQueryProtobuf pb;
	PgQueryDeparseResult dr;
	const char *out = NULL;

	pg_query__parse_result__init(&pr);
	pg_query__raw_stmt__init(&raw);
	raw.stmt = stmt;
	pr.version = 150001;
	pr.n_stmts = 1;
	pr.stmts = &rawp;
	pb.len = pg_query__parse_result__get_packed_size(&pr);
	pb.data = xmalloc(pb.len ? pb.len : 1);
	pg_query__parse_result__pack(&pr, (uint8_t *)pb.data);
	dr = pg_query_deparse_protobuf(pb);
	free(pb.data);
	if (!dr.error && dr.query)
		out = arena_strdup(a, dr.query);
	pg_query_free_deparse_result(dr);
	return out;
}

const char *pg_deparse_stmt_written(Arena *a, PgNode *stmt)
{
	return deparse_raw(a, stmt);
}

const char *pg_deparse_stmt(Arena *a, PgNode *stmt)
{
	pg_canon_node(a, stmt);
	return deparse_raw(a, stmt);
}

/* ---- a process-wide memo of canonical expression texts ----
 *
 * Real schemas and catalogues repeat the same expressions thousands of times (DEFAULT now(),
 * DEFAULT 0, DEFAULT ''::character varying). The canonical text depends on the tree alone, so
 * it is kept under a fingerprint of the tree as it reaches pg_deparse_expr or
 * pg_deparse_expr_written (told apart by a first byte): every field but the
 * source locations (a location counts only as the PG_KEEP_CAST mark). The texts live as long
 * as the process. */

static void fp_message(StrBuf *sb, const ProtobufCMessage *m);

/* Raw bytes, not text: the fingerprint is only ever compared. */
static void fp_u32(StrBuf *sb, uint32_t v)
{
	sb_add(sb, &v, sizeof v);
}

/* A field's id before its value: ':' keeps it apart from the '[' of a repeated field and the
 * '}' that ends a message. Nothing for an element of a repeated field (tag 0). */
static void fp_tag(StrBuf *sb, uint32_t tag)
{
	if (tag) {
		sb_addc(sb, ':');
		fp_u32(sb, tag);
	}
}

/* One value, or nothing when it is at its default (zero, false, "", no message): the deparser
 * gets the tree packed, and packing leaves those out too, so such fields cannot change the
 * text; a field that is written is preceded by its id (fp_tag), which keeps the encoding
 * unambiguous. An element of a repeated field (tag 0) is always written. */
static void fp_value(StrBuf *sb, uint32_t tag, const ProtobufCFieldDescriptor *f, const void *at)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_MESSAGE: {
		const ProtobufCMessage *c = *(ProtobufCMessage *const *)at;
		if (!c && tag)
			return;
		fp_tag(sb, tag);
		if (c)
			fp_message(sb, c);
		else
			sb_addc(sb, '~');
		return;
	}
	case PROTOBUF_C_TYPE_STRING: {
		const char *str = *(const char *const *)at;
		size_t n = str ? strlen(str) : 0;
		if (!n && tag)
			return;
		fp_tag(sb, tag);
		fp_u32(sb, (uint32_t)n);
		sb_add(sb, str ? str : "", n);
		return;
	}
	case PROTOBUF_C_TYPE_BOOL: {
		protobuf_c_boolean v = *(const protobuf_c_boolean *)at;
		if (!v && tag)
			return;
		fp_tag(sb, tag);
		sb_addc(sb, v ? 't' : 'f');
		return;
	}
	case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_DOUBLE: {
		uint64_t v;
		memcpy(&v, at, 8);
		if (!v && tag)
			return;
		fp_tag(sb, tag);
		sb_add(sb, &v, 8);
		return;
	}
	default: {
		int32_t v = *(const int32_t *)at;
		if (f->name[0] == 'l' && !strcmp(f->name, "location"))
			v = v == PG_KEEP_CAST;
		if (!v && tag)
			return;
		fp_tag(sb, tag);
		fp_u32(sb, (uint32_t)v);
		return;
	}
	}
}

static void fp_message(StrBuf *sb, const ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	const char *base = (const char *)m;
	sb_addc(sb, '{');
	fp_u32(sb, (uint32_t)(uintptr_t)d);
	if (d == &pg_query__node__descriptor) {
		/* a Node is one member of its oneof out of some 250: straight to it */
		const ProtobufCFieldDescriptor *f = node_member((const PgNode *)m);
		if (f)
			fp_value(sb, f->id, f, base + f->offset);
		sb_addc(sb, '}');
		return;
	}
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && *(const uint32_t *)(const void *)(base + f->quantifier_offset) != f->id)
			continue;
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *(const size_t *)(const void *)(base + f->quantifier_offset), sz;
			const char *arr = *(const char *const *)(const void *)(base + f->offset);
			if (!n)
				continue;
			switch (f->type) {
			case PROTOBUF_C_TYPE_MESSAGE: case PROTOBUF_C_TYPE_STRING: sz = sizeof(void *); break;
			case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
			case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_DOUBLE: sz = 8; break;
			default: sz = 4; break;
			}
			sb_addc(sb, '[');
			fp_u32(sb, f->id);
			fp_u32(sb, (uint32_t)n);
			for (size_t k = 0; k < n; k++)
				fp_value(sb, 0, f, arr + k * sz);
			continue;
		}
		fp_value(sb, f->id, f, base + f->offset);
	}
	sb_addc(sb, '}');
}

typedef struct MemoEntry {
	char *key;
	size_t keylen;
	char *text;
} MemoEntry;

static MemoEntry *memo;
static size_t memo_cap, memo_n;

static uint64_t memo_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static MemoEntry *memo_slot(const char *key, size_t n)
{
	size_t i = (size_t)memo_hash(key, n) & (memo_cap - 1);
	while (memo[i].key && !(memo[i].keylen == n && !memcmp(memo[i].key, key, n)))
		i = (i + 1) & (memo_cap - 1);
	return &memo[i];
}

static void memo_put(const char *key, size_t n, const char *text)
{
	MemoEntry *e;
	if ((memo_n + 1) * 2 > memo_cap) {
		MemoEntry *old = memo;
		size_t oldcap = memo_cap;
		memo_cap = memo_cap ? memo_cap * 2 : 1024;
		memo = xmalloc(memo_cap * sizeof *memo);
		memset(memo, 0, memo_cap * sizeof *memo);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].key)
				*memo_slot(old[i].key, old[i].keylen) = old[i];
		free(old);
	}
	e = memo_slot(key, n);
	if (e->key)
		return;
	e->key = xmalloc(n);
	memcpy(e->key, key, n);
	e->keylen = n;
	e->text = xmalloc(strlen(text) + 1);
	strcpy(e->text, text);
	memo_n++;
}

static const char *deparse_target_tz(Arena *a, PgNode *expr);

/* The text of expr, canonicalised first (canon) or as written, through the memo: the two
 * kinds are kept apart by the fingerprint's first byte. */
static const char *deparse_memo(Arena *a, PgNode *expr, bool canon)
{
	StrBuf fp;
	const char *t;
	sb_init(&fp);
	sb_addc(&fp, canon ? 'C' : 'W');
	fp_message(&fp, &expr->base);
	if (memo_cap) {
		MemoEntry *e = memo_slot(sb_str(&fp), fp.len);
		if (e->key) {
			sb_release(&fp);
			return e->text;
		}
	}
	if (canon) {
		/* The text depends on the tree alone: once rewritten, the tree may be one whose text
		 * is known already ("W" + its fingerprint; often the rewrite changed nothing and the
		 * text as written was asked for first), and its text is kept under that key too. */
		StrBuf fp1;
		MemoEntry *e;
		pg_canon_node(a, expr);
		sb_init(&fp1);
		sb_addc(&fp1, 'W');
		fp_message(&fp1, &expr->base);
		e = memo_cap ? memo_slot(sb_str(&fp1), fp1.len) : NULL;
		t = e && e->key ? e->text : deparse_target_tz(a, expr);
		if (t)
			memo_put(sb_str(&fp1), fp1.len, t);
		sb_release(&fp1);
	} else {
		t = deparse_target_tz(a, expr);
	}
	if (t)
		memo_put(sb_str(&fp), fp.len, t);
	sb_release(&fp);
	return t;
}

const char *pg_deparse_expr(Arena *a, PgNode *expr)
{
	return deparse_memo(a, expr, true);
}

const char *pg_deparse_expr_written(Arena *a, PgNode *expr)
{
	return deparse_memo(a, expr, false);
}

/* The deparser prints "x AT TIME ZONE z" without parentheses wherever it stands, so as an
 * operand ((now() AT TIME ZONE 'utc')::text, ... + interval '1 day') it would be read back
 * with another meaning. Below the top, each one is swapped for a placeholder column name
 * while the rest is deparsed, then printed on its own and put back in parentheses, the way
 * the server prints it; the tree is restored. */
#define TZ_MAX 16
typedef struct TzSwap {
	Arena *a;
	PgNode *root;
	PgNode *node[TZ_MAX];
	PgQuery__FuncCall *call[TZ_MAX];
	int n;
} TzSwap;

static bool tz_placeholder(PgNode *n, void *ctx)
{
	TzSwap *w = ctx;
	if (n != w->root && w->n < TZ_MAX && PG_IS(n, FUNC_CALL) &&
	    n->func_call->funcformat == PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX && n->func_call->n_funcname == 2 &&
	    str_eq(pg_str(n->func_call->funcname[1]), "timezone")) {
		PgQuery__ColumnRef *cr = ARENA_NEW(w->a, PgQuery__ColumnRef);
		PgNode **f = arena_alloc(w->a, sizeof *f);
		pg_query__column_ref__init(cr);
		f[0] = pg_mk_string(w->a, arena_printf(w->a, "sqlshape_tz_%d", w->n));
		cr->n_fields = 1;
		cr->fields = f;
		cr->location = -1;
		w->node[w->n] = n;
		w->call[w->n++] = n->func_call;
		n->node_case = PG_QUERY__NODE__NODE_COLUMN_REF;
		n->column_ref = cr;
		return false;
	}
	return true;
}

static const char *deparse_target(Arena *a, PgNode *expr);

/* expr deparsed with its inner AT TIME ZONE parenthesised (see TzSwap). */
static const char *deparse_target_tz(Arena *a, PgNode *expr)
{
	TzSwap w = {.a = a, .root = expr};
	const char *txt;
	pg_walk_nodes(expr, tz_placeholder, &w);
	txt = deparse_target(a, expr);
	for (int i = 0; i < w.n; i++) {
		w.node[i]->node_case = PG_QUERY__NODE__NODE_FUNC_CALL;
		w.node[i]->func_call = w.call[i];
	}
	for (int i = 0; txt && i < w.n; i++) {
		char mark[32];
		const char *inner = deparse_target_tz(a, w.node[i]), *at;
		snprintf(mark, sizeof mark, "sqlshape_tz_%d", i);
		at = strstr(txt, mark);
		if (!inner || !at)
			return NULL;
		txt = arena_printf(a, "%.*s(%s)%s", (int)(at - txt), txt, inner, at + strlen(mark));
	}
	return txt;
}

/* The text of expr as "SELECT expr" deparses it, without "SELECT ". */
static const char *deparse_target(Arena *a, PgNode *expr)
{
	PgNode sel_node;
	PgQuery__SelectStmt sel;
	PgQuery__ResTarget rt;
	PgNode rt_node, *rt_nodep = &rt_node;
	const char *txt;

	pg_query__select_stmt__init(&sel);
	pg_query__res_target__init(&rt);
	pg_query__node__init(&rt_node);
	pg_query__node__init(&sel_node);
	rt.val = expr;
	rt.location = -1;
	rt_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
	rt_node.res_target = &rt;
	sel.n_target_list = 1;
	sel.target_list = &rt_nodep;
	sel.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
	sel.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
	sel_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
	sel_node.select_stmt = &sel;
	txt = deparse_raw(a, &sel_node);
	if (!txt || strncmp(txt, "SELECT ", 7) != 0)
		return NULL;
	return txt + 7;
}

/* ---- type names ---- */

static const char *const reserved_words[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
	"cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
	"current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
	"desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
	"grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
	"limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
	"placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
	"table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
	"when", "where", "window", "with", "authorization", "binary", "collation", "concurrently",
	"cross", "current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left",
	"like", "natural", "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose",
	"between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
	"exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
	"least", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
	"position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
	"treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
	"xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
	NULL,
};

void pg_add_ident_min(StrBuf *sb, const char *name)
{
	bool plain = name && *name && (islower((unsigned char)*name) || *name == '_');
	for (const char *p = name; plain && *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			plain = false;
	for (int i = 0; plain && reserved_words[i]; i++)
		if (!strcmp(reserved_words[i], name))
			plain = false;
	if (plain)
		sb_adds(sb, name);
	else
		sb_add_pg_ident(sb, name ? name : "");
}

static int typmod_int(const PgNode *n, bool *ok)
{
	if (PG_IS(n, A_CONST) && n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL)
		return n->a_const->ival->ival;
	*ok = false;
	return 0;
}

const char *pg_format_typename(Arena *a, const PgQuery__TypeName *t, const char *def_schema)
{
	StrBuf sb;
	const char *last, *schema = NULL, *disp;
	bool ok = true;
	int m0 = 0, m1 = 0;

	if (!t || !t->n_names)
		return NULL;
	last = tn_last(t);
	if (!last)
		return NULL;
	if (t->n_names >= 2)
		schema = pg_str(t->names[t->n_names - 2]);
	if (t->n_typmods >= 1)
		m0 = typmod_int(t->typmods[0], &ok);
	if (t->n_typmods >= 2)
		m1 = typmod_int(t->typmods[1], &ok);
	sb_init(&sb);
	if (t->setof)
		sb_adds(&sb, "SETOF ");
	disp = (!schema || str_eq(schema, "pg_catalog")) ? builtin_display(builtin_alias(last)) : NULL;
	if (disp && ok) {
		const char *in = builtin_alias(last);
		if (!strcmp(in, "time") || !strcmp(in, "timetz") || !strcmp(in, "timestamp") || !strcmp(in, "timestamptz")) {
			const char *tz = strchr(in, 'z') ? "with time zone" : "without time zone";
			const char *base = str_has_prefix(in, "timestamp") ? "timestamp" : "time";
			if (t->n_typmods)
				sb_addf(&sb, "%s(%d) %s", base, m0, tz);
			else
				sb_addf(&sb, "%s %s", base, tz);
		} else if (!strcmp(in, "numeric") && t->n_typmods) {
			sb_addf(&sb, "numeric(%d,%d)", m0, t->n_typmods >= 2 ? m1 : 0);
		} else if (!strcmp(in, "interval") && t->n_typmods) {
			/* INTERVAL fields are a bit mask the grammar stores in the first typmod */
			static const struct { int mask; const char *text; } iv[] = {
				{1 << 2, " year"}, {1 << 1, " month"}, {1 << 3, " day"}, {1 << 10, " hour"},
				{1 << 11, " minute"}, {1 << 12, " second"}, {(1 << 2) | (1 << 1), " year to month"},
				{(1 << 3) | (1 << 10), " day to hour"}, {(1 << 3) | (1 << 10) | (1 << 11), " day to minute"},
				{(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), " day to second"},
				{(1 << 10) | (1 << 11), " hour to minute"}, {(1 << 10) | (1 << 11) | (1 << 12), " hour to second"},
				{(1 << 11) | (1 << 12), " minute to second"},
			};
			sb_adds(&sb, "interval");
			if (m0 != 0x7fff)
				for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++)
					if (iv[i].mask == m0)
						sb_adds(&sb, iv[i].text);
			if (t->n_typmods >= 2)
				sb_addf(&sb, "(%d)", m1);
		} else if (t->n_typmods == 1) {
			sb_addf(&sb, "%s(%d)", disp, m0);
		} else {
			sb_adds(&sb, disp);
		}
	} else {
		if (schema && !str_eq(schema, "public") && !str_eq(schema, "pg_catalog")) {
			pg_add_ident_min(&sb, schema);
			sb_addc(&sb, '.');
		} else if (!schema && def_schema && !str_eq(def_schema, "public") && !pg_is_builtin_type(last)) {
			pg_add_ident_min(&sb, def_schema);
			sb_addc(&sb, '.');
		}
		pg_add_ident_min(&sb, last);
		if (t->n_typmods) {
			sb_addc(&sb, '(');
			for (size_t i = 0; i < t->n_typmods; i++) {
				bool ok2 = true;
				int v = typmod_int(t->typmods[i], &ok2);
				if (i)
					sb_addc(&sb, ',');
				if (ok2)
					sb_addf(&sb, "%d", v);
				else
					sb_adds(&sb, "?");
			}
			sb_addc(&sb, ')');
		}
	}
	if (t->n_array_bounds)
		sb_adds(&sb, "[]");
	if (t->pct_type)
		sb_adds(&sb, "%TYPE");
	return sb_take(&sb, a);
}
