/*
 * commands.h: the command table. One line per command: its name, the function that runs it
 * (defined in the stage it drives) and a one-line summary for `sqlshape --help`.
 */
#ifndef SQLSHAPE_COMMANDS_H
#define SQLSHAPE_COMMANDS_H

#define SQLSHAPE_VERSION "0.1.0"

typedef struct Command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} Command;

#define SQLSHAPE_COMMANDS(X) \
	X("help", cmd_help, "show help for sqlshape or one command") \
	X("export", cmd_export, "print a live database's schema as canonical CREATE statements") \
	X("plan", cmd_plan, "print the statements that make a database match the desired files") \
	X("apply", cmd_apply, "make a database match the desired files (runs the plan)") \
	X("cutover", cmd_cutover, "swap the tables of online copies that apply --defer-cutover left ready") \
	X("history", cmd_history, "list the runs of apply recorded in the journal on the server") \
	X("diff", cmd_diff, "the statements between two sets of schema files, no server") \
	X("format", cmd_format, "print schema files as canonical CREATE statements")

int cmd_help(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_format(int argc, char **argv);
/* executor/cmd_apply.c, diff/cmd_diff.c */
int cmd_plan(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_cutover(int argc, char **argv);
int cmd_diff(int argc, char **argv);
/* executor/cmd_history.c */
int cmd_history(int argc, char **argv);

/* The entry of a command, or NULL. */
const Command *command_find(const char *name);

#endif
