/*
 * arena.c: bump allocator in growing blocks. Owns nothing but its blocks; must never hand out
 * memory that outlives arena_release().
 */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ArenaBlock {
	ArenaBlock *next;
	size_t size;  /* usable bytes in data[] */
	size_t used;
	_Alignas(max_align_t) unsigned char data[];
};

#define ARENA_FIRST_BLOCK 16384
#define ARENA_MAX_BLOCK (4u << 20)

void xoom(void)
{
	fputs("sqlshape: fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		xoom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		xoom();
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void arena_init(Arena *a)
{
	const char *dbg = getenv("SQLSHAPE_ARENA_DEBUG");
	a->head = NULL;
	a->block_size = ARENA_FIRST_BLOCK;
	a->debug = dbg && *dbg && strcmp(dbg, "0") != 0;
}

void arena_release(Arena *a)
{
	ArenaBlock *b = a->head;
	while (b) {
		ArenaBlock *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->block_size = ARENA_FIRST_BLOCK;
}

static ArenaBlock *arena_block_new(size_t size)
{
	ArenaBlock *b = xmalloc(sizeof *b + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void *arena_alloc(Arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	size_t need = (size + align - 1) & ~(align - 1);
	ArenaBlock *b;
	void *p;

	if (need == 0)
		need = align;
	if (a->debug) {
		/* Exact size, so ASan reports even a one-byte overrun. */
		b = arena_block_new(size ? size : 1);
		b->used = b->size;
		b->next = a->head;
		a->head = b;
		memset(b->data, 0, b->size);
		return b->data;
	}
	b = a->head;
	if (!b || b->size - b->used < need) {
		size_t bs = a->block_size;
		if (need > bs / 4) {
			/* Big allocation: its own block, kept behind the current one. */
			ArenaBlock *big = arena_block_new(need);
			big->used = need;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			memset(big->data, 0, need);
			return big->data;
		}
		b = arena_block_new(bs);
		b->next = a->head;
		a->head = b;
		if (a->block_size < ARENA_MAX_BLOCK)
			a->block_size *= 2;
	}
	p = b->data + b->used;
	b->used += need;
	memset(p, 0, need);
	return p;
}

void *arena_memdup(Arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
	char *q = arena_alloc(a, n + 1);
	memcpy(q, s, n);
	q[n] = '\0';
	return q;
}

char *arena_strdup(Arena *a, const char *s)
{
	if (!s)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xoom();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

/* list_grow lives here because it is arena growth; see core/list.h for the contract. */
#include "core/list.h"

void *list_grow(Arena *a, void *v, int n, int *cap, size_t elem)
{
	int ncap = *cap ? *cap * 2 : 8;
	void *nv = arena_alloc(a, (size_t)ncap * elem);
	if (n)
		memcpy(nv, v, (size_t)n * elem);
	*cap = ncap;
	return nv;
}
