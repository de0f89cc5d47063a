/*
 * arena.h: the one allocator of a run. Every model node and string of a run lives in an
 * Arena; arena_release() frees everything at once. Nothing allocated here is ever freed on
 * its own. Out of memory aborts with a message: callers never check for NULL.
 *
 * Debug mode (environment SQLSHAPE_ARENA_DEBUG=1, read at arena_init) makes every allocation
 * its own malloc() so AddressSanitizer and valgrind still see overruns and use-after-release.
 */
#ifndef SQLSHAPE_ARENA_H
#define SQLSHAPE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
	ArenaBlock *head;   /* newest block first */
	size_t block_size;  /* size of the next ordinary block */
	int debug;          /* 1: one malloc per allocation */
} Arena;

/* Prepare an empty arena. No allocation happens until the first arena_alloc. */
void arena_init(Arena *a);
/* Free every allocation of the arena; the arena may be reused afterwards. */
void arena_release(Arena *a);

/* Zeroed memory, aligned for any type, owned by the arena. */
void *arena_alloc(Arena *a, size_t size);
/* Copies owned by the arena. arena_strdup(a, NULL) returns NULL. */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
void *arena_memdup(Arena *a, const void *p, size_t n);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))

/* Abort the process after printing "sqlshape: fatal: out of memory". */
void xoom(void) __attribute__((noreturn));
/* malloc/realloc that abort on failure; for the few buffers that outlive no arena. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
