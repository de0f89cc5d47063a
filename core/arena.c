/*
 * arena.c: bump allocator in growing blocks. Owns nothing but its blocks; must never hand out
 * memory that outlives arena_release().
 *
 * Every block is zeroed when it is obtained (calloc, or fresh pages from mmap) and bump memory
 * is never handed out twice, so arena_alloc returns zeroed memory without a memset of its own.
 * Big blocks are mapped on 2 MiB boundaries with MADV_HUGEPAGE: a 2,000-table parse touches
 * about 25 MB, and faulting that in 4 KiB pages cost more than the parse itself (6,600 page
 * faults, about 100 ms on a VM); in huge pages it is a dozen faults.
 */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct ArenaBlock {
	ArenaBlock *next;
	size_t size;    /* usable bytes in data[] */
	size_t used;
	size_t mapped;  /* length of the mapping when the block was mmap()ed; 0: calloc() */
	_Alignas(max_align_t) unsigned char data[];
};

#define ARENA_FIRST_BLOCK 16384
#define ARENA_MAX_BLOCK (4u << 20)
#define ARENA_HUGE (2u << 20)  /* huge page size; blocks this big or bigger are mapped */

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
		if (b->mapped)
			munmap(b, b->mapped);
		else
			free(b);
		b = next;
	}
	a->head = NULL;
	a->block_size = ARENA_FIRST_BLOCK;
}

/* A mapping of len bytes (a multiple of ARENA_HUGE) starting on an ARENA_HUGE boundary, so the
 * kernel can back it with huge pages; NULL if mmap fails (the caller falls back to calloc). */
static void *huge_map(size_t len)
{
	size_t over = len + ARENA_HUGE;
	unsigned char *p = mmap(NULL, over, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uintptr_t start, end;

	if (p == MAP_FAILED)
		return NULL;
	start = ((uintptr_t)p + ARENA_HUGE - 1) & ~(uintptr_t)(ARENA_HUGE - 1);
	end = start + len;
	if (start > (uintptr_t)p)
		munmap(p, start - (uintptr_t)p);
	if ((uintptr_t)p + over > end)
		munmap((void *)end, (uintptr_t)p + over - end);
#ifdef MADV_HUGEPAGE
	madvise((void *)start, len, MADV_HUGEPAGE);
#endif
	return (void *)start;
}

/* A zeroed block with size usable bytes. */
static ArenaBlock *arena_block_new(size_t size, int debug)
{
	size_t total = sizeof(ArenaBlock) + size;
	ArenaBlock *b = NULL;
	size_t mapped = 0;

	if (!debug && total >= ARENA_HUGE) {
		mapped = (total + ARENA_HUGE - 1) & ~(size_t)(ARENA_HUGE - 1);
		b = huge_map(mapped);
		if (b)
			size = mapped - sizeof(ArenaBlock);  /* the rounding is usable too */
		else
			mapped = 0;
	}
	if (!b) {
		b = calloc(1, total);
		if (!b)
			xoom();
	}
	b->next = NULL;
	b->size = size;
	b->used = 0;
	b->mapped = mapped;
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
		b = arena_block_new(size ? size : 1, 1);
		b->used = b->size;
		b->next = a->head;
		a->head = b;
		return b->data;
	}
	b = a->head;
	if (!b || b->size - b->used < need) {
		size_t bs = a->block_size;
		if (need > bs / 4) {
			/* Big allocation: its own block, kept behind the current one. */
			ArenaBlock *big = arena_block_new(need, 0);
			big->used = big->size;
			if (b) {
				big->next = b->next;
				b->next = big;
			} else {
				a->head = big;
			}
			return big->data;
		}
		b = arena_block_new(bs, 0);
		b->next = a->head;
		a->head = b;
		if (a->block_size < ARENA_MAX_BLOCK)
			a->block_size *= 2;
	}
	p = b->data + b->used;
	b->used += need;
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
	memcpy(q, s, n);  /* q[n] is already 0 */
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
