/*
 * help.c: the command table (core/commands.h), `sqlshape --help` and `sqlshape help [COMMAND]`,
 * which prints the command's help from its option table (core/cli.h), the same text as
 * `sqlshape COMMAND --help`.
 */
#include <stdio.h>
#include <string.h>

#include "core/commands.h"

const Command sqlshape_commands[] = {
#define CMD_ENTRY(name, fn, spec, summary) {name, fn, &spec, summary},
	SQLSHAPE_COMMANDS(CMD_ENTRY)
#undef CMD_ENTRY
};
const int sqlshape_ncommands = (int)(sizeof sqlshape_commands / sizeof sqlshape_commands[0]);

const Command *command_find(const char *name)
{
	for (int i = 0; i < sqlshape_ncommands; i++)
		if (strcmp(sqlshape_commands[i].name, name) == 0)
			return &sqlshape_commands[i];
	return NULL;
}

void commands_usage(FILE *f)
{
	fprintf(f, "usage: sqlshape COMMAND [OPTIONS] [ARGS]\n\n"
		"Declarative schema management for MySQL, MariaDB and PostgreSQL: keep CREATE\n"
		"statements in files, and let sqlshape plan and run the changes that make a live\n"
		"database match them, safely.\n\ncommands:\n");
	for (int i = 0; i < sqlshape_ncommands; i++)
		fprintf(f, "  %-10s %s\n", sqlshape_commands[i].name, sqlshape_commands[i].summary);
	fprintf(f, "\nRun 'sqlshape help COMMAND' or 'sqlshape COMMAND --help' for a command's options,\n"
		"'man sqlshape' for the manual. 'sqlshape --version' prints the versions.\n");
}

static const CliOpt *const help_groups[] = {NULL};

const CliSpec cli_help_spec = {
	.name = "help",
	.synopsis = "help [COMMAND]",
	.description = "Without COMMAND: the list of commands. With COMMAND: its options, their defaults\n"
		"and examples (the same as 'sqlshape COMMAND --help').\n",
	.groups = help_groups,
	.more = "Exit status: 0, or 1 for an unknown command.\n",
	.examples = "sqlshape help plan\nsqlshape --help",
};

int cmd_help(int argc, char **argv)
{
	CliParser p;
	const char *name = NULL;
	const Command *c;
	int k;

	cli_init(&p, &cli_help_spec, argc, argv);
	while ((k = cli_next(&p)) != CLI_DONE) {
		if (k == CLI_HELP)
			return 0;
		if (k == CLI_ERROR)
			return 1;
		if (name)
			return cli_error(&cli_help_spec, "too many arguments: expected one COMMAND");
		name = p.val;
	}
	if (!name) {
		commands_usage(stdout);
		return 0;
	}
	c = command_find(name);
	if (!c)
		return cli_error(&cli_help_spec, "unknown command \"%s\"", name);
	cli_help(stdout, c->cli);
	return 0;
}
