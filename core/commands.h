/*
 * commands.h: the command table. One line per command: its name, the function that runs it
 * (defined in the stage it drives), its option table (core/cli.h, defined next to the
 * function) and a one-line summary for `sqlshape --help`.
 */
#ifndef SQLSHAPE_COMMANDS_H
#define SQLSHAPE_COMMANDS_H

#include "core/cli.h"

#define SQLSHAPE_VERSION "0.1.0"

typedef struct Command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const CliSpec *cli;
	const char *summary;
} Command;

#define SQLSHAPE_COMMANDS(X) \
	X("help", cmd_help, cli_help_spec, "show help for sqlshape or one command") \
	X("version", cmd_version, cli_version_spec, "print the versions of sqlshape and the libraries it was built with") \
	X("export", cmd_export, cli_export_spec, "print a live database's schema as canonical CREATE statements") \
	X("plan", cmd_plan, cli_plan_spec, "print the statements that make a database match the desired files") \
	X("apply", cmd_apply, cli_apply_spec, "make a database match the desired files (runs the plan)") \
	X("history", cmd_history, cli_history_spec, "list the runs of apply recorded in the journal on the server") \
	X("diff", cmd_diff, cli_diff_spec, "the statements between two sets of schema files, no server") \
	X("format", cmd_format, cli_format_spec, "print schema files as canonical CREATE statements")

#define CMD_DECLARE(name, fn, spec, summary) int fn(int argc, char **argv); extern const CliSpec spec;
SQLSHAPE_COMMANDS(CMD_DECLARE)
#undef CMD_DECLARE

/* Every command, in table order, and their number. */
extern const Command sqlshape_commands[];
extern const int sqlshape_ncommands;

/* The entry of a command, or NULL. */
const Command *command_find(const char *name);

/* `sqlshape --help`: the commands and their summaries. */
void commands_usage(FILE *f);

#endif
