/*
 * cli.h: the option tables of the commands, and the one parser and help printer that read
 * them. A command describes its options once (CliOpt: name, argument, default, help text) in a
 * CliSpec; cli_next() parses argv with that table and cli_help() prints `--help` from it, so
 * what help says and what is parsed cannot drift apart. Option groups shared by several
 * commands (the executor's, the planner's) are separate tables a spec lists. Nothing here knows
 * what an option means: commands switch on the id cli_next() returns. core/README.md says how
 * to add an option.
 */
#ifndef SQLSHAPE_CLI_H
#define SQLSHAPE_CLI_H

#include <stdio.h>

/* One option. A table is an array ending with an entry whose id is 0. */
typedef struct CliOpt {
	int id;             /* > 0, unique among the groups of one command; what cli_next returns */
	const char *name;   /* "--url" (long options only; -h is the one short option, built in) */
	const char *arg;    /* the value's placeholder ("URL"), or NULL for a flag */
	const char *def;    /* the default as help shows it ("3", "sql"), or NULL: none */
	const char *help;   /* one paragraph, wrapped by cli_help */
} CliOpt;

typedef struct CliSpec {
	const char *name;            /* the command: "plan" */
	const char *synopsis;        /* after "usage: sqlshape ": "plan --url URL [OPTIONS] FILE|DIR|-..." */
	const char *description;     /* what the command does, pre-wrapped lines */
	const CliOpt *const *groups; /* option tables, NULL-terminated; -h/--help is implied */
	const char *more;            /* arguments, exit status...: pre-wrapped, may be NULL */
	const char *examples;        /* one command line per line */
} CliSpec;

/* What cli_next returns besides an option's id. */
enum {
	CLI_DONE = 0,    /* no more arguments */
	CLI_ARG = -1,    /* a positional argument, in p->val (after "--" everything is one) */
	CLI_HELP = -2,   /* -h/--help: help was printed on stdout; the command exits 0 */
	CLI_ERROR = -3,  /* unknown option or missing value: one-line error and the usage line were
	                    printed on stderr; the command exits 1 */
};

typedef struct CliParser {
	const CliSpec *spec;
	int argc;
	char **argv;
	int i;               /* next argv index */
	int only_args;       /* "--" seen */
	const char *val;     /* the option's value (NULL for a flag), or the positional argument */
	const CliOpt *opt;   /* the option matched */
} CliParser;

/* argv[0] is the command's name; parsing starts at argv[1]. */
void cli_init(CliParser *p, const CliSpec *spec, int argc, char **argv);

/* The next option or argument (see the enum above). Options are "--name VALUE" or
 * "--name=VALUE"; a flag given "=VALUE" is an error. An unknown option is reported by its name
 * only (never a value: it may hold a password). */
int cli_next(CliParser *p);

/* Print "sqlshape: error: MESSAGE" and the usage line on stderr; returns 1 (the exit status). */
int cli_error(const CliSpec *spec, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The usage line alone ("usage: sqlshape SYNOPSIS") and the full help. */
void cli_usage(FILE *f, const CliSpec *spec);
void cli_help(FILE *f, const CliSpec *spec);

/* Match argv[*i] against one table alone (for callers that parse a mixed argv themselves,
 * e.g. test tools): the id (*i moved past a separate value, *val set), 0 when argv[*i] is not
 * in the table, -1 when its value is missing (message printed). */
int cli_match(const CliOpt *table, int argc, char **argv, int *i, const char **val);

#endif
