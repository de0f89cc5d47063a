/*
 * cli.c: option parsing and help from the commands' option tables (core/cli.h). Errors are
 * one line plus the usage line on stderr; help goes to stdout. It never prints an option's
 * value in an error: a mistyped --url=... may carry a password.
 */
#include <stdarg.h>
#include <string.h>

#include "core/cli.h"

#define HELP_WIDTH 79
#define HELP_COLUMN 24

static const CliOpt help_opt = {CLI_HELP, "--help", NULL, NULL, "show this help and exit"};

void cli_init(CliParser *p, const CliSpec *spec, int argc, char **argv)
{
	memset(p, 0, sizeof *p);
	p->spec = spec;
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
}

void cli_usage(FILE *f, const CliSpec *spec)
{
	fprintf(f, "usage: sqlshape %s\n", spec->synopsis);
}

int cli_error(const CliSpec *spec, const char *fmt, ...)
{
	va_list ap;
	fputs("sqlshape: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_usage(stderr, spec);
	return 1;
}

/* The option named by arg (up to '=' or its end), or NULL. */
static const CliOpt *find_opt(const CliOpt *table, const char *arg, size_t len)
{
	for (; table->id; table++)
		if (strlen(table->name) == len && !strncmp(table->name, arg, len))
			return table;
	return NULL;
}

int cli_match(const CliOpt *table, int argc, char **argv, int *i, const char **val)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	const CliOpt *o = find_opt(table, arg, eq ? (size_t)(eq - arg) : strlen(arg));

	*val = NULL;
	if (!o)
		return 0;
	if (!o->arg) {
		if (eq) {
			fprintf(stderr, "sqlshape: error: option \"%s\" takes no value\n", o->name);
			return -1;
		}
		return o->id;
	}
	if (eq) {
		*val = eq + 1;
	} else if (*i + 1 < argc) {
		*val = argv[++*i];
	} else {
		fprintf(stderr, "sqlshape: error: option \"%s\" needs a value (%s)\n", o->name, o->arg);
		return -1;
	}
	return o->id;
}

int cli_next(CliParser *p)
{
	const char *arg, *eq;
	size_t len;

	p->val = NULL;
	p->opt = NULL;
	if (p->i >= p->argc)
		return CLI_DONE;
	arg = p->argv[p->i++];
	if (p->only_args || arg[0] != '-' || !arg[1]) {
		p->val = arg;
		return CLI_ARG;
	}
	if (!strcmp(arg, "--")) {
		p->only_args = 1;
		return cli_next(p);
	}
	if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
		cli_help(stdout, p->spec);
		return CLI_HELP;
	}
	eq = strchr(arg, '=');
	len = eq ? (size_t)(eq - arg) : strlen(arg);
	for (const CliOpt *const *g = p->spec->groups; g && *g; g++) {
		const CliOpt *o = find_opt(*g, arg, len);
		if (!o)
			continue;
		p->opt = o;
		if (!o->arg) {
			if (eq)
				return cli_error(p->spec, "option \"%s\" takes no value", o->name), CLI_ERROR;
			return o->id;
		}
		if (eq) {
			p->val = eq + 1;
		} else if (p->i < p->argc) {
			p->val = p->argv[p->i++];
		} else {
			cli_error(p->spec, "option \"%s\" needs a value (%s)", o->name, o->arg);
			return CLI_ERROR;
		}
		return o->id;
	}
	cli_error(p->spec, "unknown option \"%.*s\" (see 'sqlshape %s --help')", (int)(len > 64 ? 64 : len), arg,
		p->spec->name);
	return CLI_ERROR;
}

/* Print text word-wrapped from column col (the cursor is there already) up to HELP_WIDTH,
 * continuation lines indented to indent. Newlines in text start a new line. */
static void print_wrapped(FILE *f, const char *text, int col, int indent)
{
	const char *s = text;
	int start = col;

	while (*s) {
		size_t w = strcspn(s, " \n");
		if (col > start && col + 1 + (int)w > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
		} else if (col > start) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, w, f);
		col += (int)w;
		s += w;
		if (*s == '\n') {
			fprintf(f, "\n%*s", indent, "");
			col = start = indent;
			s++;
		}
		while (*s == ' ')
			s++;
	}
	fputc('\n', f);
}

static void print_opt(FILE *f, const CliOpt *o)
{
	char head[128], text[2048];
	int n = snprintf(head, sizeof head, "  %s%s%s%s", o == &help_opt ? "-h, " : "", o->name, o->arg ? " " : "",
		o->arg ? o->arg : "");

	snprintf(text, sizeof text, "%s%s%s%s", o->help, o->def ? " (default: " : "", o->def ? o->def : "",
		o->def ? ")" : "");
	if (n + 2 > HELP_COLUMN) {
		fprintf(f, "%s\n%*s", head, HELP_COLUMN, "");
	} else {
		fprintf(f, "%-*s", HELP_COLUMN, head);
	}
	print_wrapped(f, text, HELP_COLUMN, HELP_COLUMN);
}

void cli_help(FILE *f, const CliSpec *spec)
{
	const char *e;

	cli_usage(f, spec);
	if (spec->description)
		fprintf(f, "\n%s", spec->description);
	fprintf(f, "\noptions:\n");
	for (const CliOpt *const *g = spec->groups; g && *g; g++)
		for (const CliOpt *o = *g; o->id; o++)
			print_opt(f, o);
	print_opt(f, &help_opt);
	if (spec->more)
		fprintf(f, "\n%s", spec->more);
	if (spec->examples && *spec->examples) {
		fprintf(f, "\nexamples:\n");
		for (const char *s = spec->examples; *s; s = *e ? e + 1 : e) {
			e = strchr(s, '\n');
			if (!e)
				e = s + strlen(s);
			fprintf(f, "  %.*s\n", (int)(e - s), s);
		}
	}
}
