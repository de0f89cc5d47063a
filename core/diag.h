/*
 * diag.h: the per-run diagnostics sink. Every error and warning of a run goes through here so
 * that they share one shape:
 *
 *     file:line:col: error: message
 *        12 | the source line
 *           |        ^~~~
 *     hint: what to do about it
 *
 * A location is a file id plus a byte offset (and a length for the underline); line and column
 * are computed only when printing. Functions that fail return diag_error(...), which is -1.
 * Messages are lowercase, state the problem first and quote names with "".
 */
#ifndef SQLSHAPE_DIAG_H
#define SQLSHAPE_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/sb.h"

typedef struct SrcLoc {
	int file;       /* id from diag_add_file; -1: no location */
	uint32_t off;   /* byte offset into that file's text */
	uint32_t len;   /* bytes to underline; 0 or 1: a single caret */
} SrcLoc;

#define LOC_NONE ((SrcLoc){-1, 0, 0})

typedef struct DiagFile {
	const char *name;  /* as given by the user; "<stdin>" for - */
	const char *text;  /* not owned: must outlive the Diag (keep it in the run's arena) */
	size_t len;
} DiagFile;

typedef struct Diag {
	Arena *arena;
	DiagFile *files;
	int nfiles, capfiles;
	int errors;
	int warnings;
	FILE *stream;      /* messages are written here as they come (stderr by default); NULL: none */
	StrBuf text;       /* every message also accumulates here (for tests and JSON output) */
	bool color;        /* ANSI colour in messages written to stream */
} Diag;

void diag_init(Diag *d, Arena *a);
/* Whether messages written to f may be coloured: f is a terminal and NO_COLOR is not set to
 * a non-empty value (https://no-color.org). Commands set d->color from it for stderr. */
bool diag_color_for(FILE *f);
void diag_release(Diag *d);
/* Register a source text; returns its file id. The text is not copied. */
int diag_add_file(Diag *d, const char *name, const char *text, size_t len);
const DiagFile *diag_file(const Diag *d, int file);

/* An error at loc (LOC_NONE for none). Always returns -1. */
int diag_error(Diag *d, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_verror(Diag *d, SrcLoc loc, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
void diag_warn(Diag *d, SrcLoc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A "hint:" line attached to the message just emitted. */
void diag_hint(Diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A plain "note:" line (no location) for information that is neither error nor warning. */
void diag_note(Diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 1-based line and column (in characters) of a location. */
void diag_line_col(const Diag *d, SrcLoc loc, int *line, int *col);

#endif
