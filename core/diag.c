/*
 * diag.c: formats diagnostics with file:line:col, the source line and a caret. Never exits the
 * process and never decides what is fatal: callers do.
 */
#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void diag_init(Diag *d, Arena *a)
{
	memset(d, 0, sizeof *d);
	d->arena = a;
	d->stream = stderr;
	sb_init(&d->text);
}

void diag_release(Diag *d)
{
	free(d->files);
	sb_release(&d->text);
	d->files = NULL;
	d->nfiles = d->capfiles = 0;
}

int diag_add_file(Diag *d, const char *name, const char *text, size_t len)
{
	if (d->nfiles == d->capfiles) {
		d->capfiles = d->capfiles ? d->capfiles * 2 : 8;
		d->files = xrealloc(d->files, (size_t)d->capfiles * sizeof *d->files);
	}
	d->files[d->nfiles].name = name;
	d->files[d->nfiles].text = text;
	d->files[d->nfiles].len = len;
	return d->nfiles++;
}

const DiagFile *diag_file(const Diag *d, int file)
{
	if (file < 0 || file >= d->nfiles)
		return NULL;
	return &d->files[file];
}

/* Counts a UTF-8 continuation byte as part of the previous character. */
static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

void diag_line_col(const Diag *d, SrcLoc loc, int *line, int *col)
{
	const DiagFile *f = diag_file(d, loc.file);
	size_t off, i;
	int l = 1, c = 1;

	if (!f) {
		*line = *col = 0;
		return;
	}
	off = loc.off > f->len ? f->len : loc.off;
	for (i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if (!is_cont(ch)) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void diag_emit(Diag *d, const char *s)
{
	sb_adds(&d->text, s);
	if (d->stream) {
		fputs(s, d->stream);
		fflush(d->stream);
	}
}

/* Source line and caret line for loc, gcc style. */
static void diag_add_excerpt(StrBuf *sb, const DiagFile *f, SrcLoc loc, int line)
{
	size_t off = loc.off > f->len ? f->len : loc.off;
	size_t start = off, end = off, i;
	size_t ulen;
	char gutter[32];
	int gw;

	while (start > 0 && f->text[start - 1] != '\n')
		start--;
	while (end < f->len && f->text[end] != '\n' && f->text[end] != '\r')
		end++;
	gw = snprintf(gutter, sizeof gutter, "%5d", line);
	sb_addf(sb, "%s | ", gutter);
	for (i = start; i < end; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		sb_addc(sb, ch < 0x20 && ch != '\t' ? ' ' : ch);
	}
	sb_addc(sb, '\n');
	sb_addf(sb, "%*s | ", gw, "");
	for (i = start; i < off; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		if (ch == '\t')
			sb_addc(sb, '\t');
		else if (!is_cont(ch))
			sb_addc(sb, ' ');
	}
	sb_addc(sb, '^');
	ulen = loc.len;
	if (off + ulen > end)
		ulen = end > off ? end - off : 0;
	for (i = off + 1; i < off + ulen; i++) {
		if (!is_cont((unsigned char)f->text[i]))
			sb_addc(sb, '~');
	}
	sb_addc(sb, '\n');
}

__attribute__((format(printf, 5, 0)))
static void diag_message(Diag *d, const char *kind, const char *color, SrcLoc loc, const char *fmt, va_list ap)
{
	StrBuf sb;
	const DiagFile *f = diag_file(d, loc.file);
	int line = 0, col = 0;

	sb_init(&sb);
	if (f) {
		diag_line_col(d, loc, &line, &col);
		sb_addf(&sb, "%s:%d:%d: ", f->name, line, col);
	} else {
		sb_adds(&sb, "sqlshape: ");
	}
	if (d->color && d->stream)
		sb_addf(&sb, "\033[%sm%s:\033[0m ", color, kind);
	else
		sb_addf(&sb, "%s: ", kind);
	sb_vaddf(&sb, fmt, ap);
	sb_addc(&sb, '\n');
	if (f)
		diag_add_excerpt(&sb, f, loc, line);
	diag_emit(d, sb_str(&sb));
	sb_release(&sb);
}

bool diag_color_for(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	return !(no && *no) && isatty(fileno(f));
}

int diag_verror(Diag *d, SrcLoc loc, const char *fmt, va_list ap)
{
	d->errors++;
	diag_message(d, "error", "1;31", loc, fmt, ap);
	return -1;
}

int diag_error(Diag *d, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror(d, loc, fmt, ap);
	va_end(ap);
	return -1;
}

void diag_warn(Diag *d, SrcLoc loc, const char *fmt, ...)
{
	va_list ap;
	d->warnings++;
	va_start(ap, fmt);
	diag_message(d, "warning", "1;35", loc, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 0)))
static void diag_tagged_line(Diag *d, const char *tag, const char *fmt, va_list ap)
{
	StrBuf sb;
	sb_init(&sb);
	sb_addf(&sb, "%s: ", tag);
	sb_vaddf(&sb, fmt, ap);
	sb_addc(&sb, '\n');
	diag_emit(d, sb_str(&sb));
	sb_release(&sb);
}

void diag_hint(Diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_tagged_line(d, "hint", fmt, ap);
	va_end(ap);
}

void diag_note(Diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_tagged_line(d, "note", fmt, ap);
	va_end(ap);
}
