/*
 * model_build.h: terse constructors for hand-built MySQL models in tests (no parser needed).
 * Everything lives in the caller's arena. Lists are given as comma-separated text:
 * index parts "a,b(10) desc", column lists "a,b", enum labels "x,y".
 */
#ifndef SQLSHAPE_TEST_MODEL_BUILD_H
#define SQLSHAPE_TEST_MODEL_BUILD_H

#include "parser/model.h"

Table *mb_table(Arena *a, Schema *s, const char *name);
/* A column of type (lowercase base name), length and scale -1 (absent). */
Column *mb_col(Arena *a, Table *t, const char *name, const char *type);
Column *mb_coln(Arena *a, Table *t, const char *name, const char *type, int length, int scale);
void mb_values(Arena *a, Column *c, const char *labels);
Index *mb_index(Arena *a, Table *t, IndexKind kind, const char *name, const char *parts);
ForeignKey *mb_fk(Arena *a, Table *t, const char *name, const char *cols, const char *ref_table,
		  const char *ref_cols);
Check *mb_check(Arena *a, Table *t, const char *name, const char *expr);
void mb_strs(Arena *a, StrList *l, const char *csv);

#endif
