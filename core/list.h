/*
 * list.h: typed growable arrays of pointers living in an arena.
 *
 *     LIST_TYPE(ColumnList, Column);     // typedef struct ColumnList { Column **v; int n, cap; }
 *     LIST_PUSH(arena, &t->columns, col);
 *     for (int i = 0; i < t->columns.n; i++) { Column *c = t->columns.v[i]; ... }
 *
 * Growth copies into a new arena block; the old storage stays in the arena until release.
 */
#ifndef SQLSHAPE_LIST_H
#define SQLSHAPE_LIST_H

#include <stddef.h>

#include "core/arena.h"

#define LIST_TYPE(Name, T) \
	typedef struct Name { T **v; int n; int cap; } Name

/* Returns storage for at least n+1 elements of elem bytes, copying the n existing ones. */
void *list_grow(Arena *a, void *v, int n, int *cap, size_t elem);

#define LIST_PUSH(a, l, x) \
	do { \
		if ((l)->n == (l)->cap) \
			(l)->v = list_grow((a), (l)->v, (l)->n, &(l)->cap, sizeof *(l)->v); \
		(l)->v[(l)->n++] = (x); \
	} while (0)

/* Remove element i, keeping the order. */
#define LIST_REMOVE_AT(l, i) \
	do { \
		for (int list_j_ = (i); list_j_ + 1 < (l)->n; list_j_++) \
			(l)->v[list_j_] = (l)->v[list_j_ + 1]; \
		(l)->n--; \
	} while (0)

/* Insert x at index i (0..n), keeping the order. */
#define LIST_INSERT_AT(a, l, i, x) \
	do { \
		LIST_PUSH((a), (l), (x)); \
		for (int list_j_ = (l)->n - 1; list_j_ > (i); list_j_--) \
			(l)->v[list_j_] = (l)->v[list_j_ - 1]; \
		(l)->v[(i)] = (x); \
	} while (0)

/* A list of strings (names, enum labels, option texts). */
typedef struct StrList { const char **v; int n; int cap; } StrList;

#endif
