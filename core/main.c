/*
 * main.c: dispatch only (git's builtin table, done small). Each command is one function
 * cmd_NAME(argc, argv) listed in core/commands.h and defined next to the stage it drives; this
 * file only finds it. It must never grow command logic of its own.
 */
#include <stdio.h>
#include <string.h>

#include "core/commands.h"

int main(int argc, char **argv)
{
	const Command *c;

	if (argc < 2) {
		commands_usage(stderr);
		return 1;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(1, argv + 1);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V"))
		return cmd_version(1, argv + 1);
	c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "sqlshape: error: unknown command \"%s\"\n", argv[1]);
		fprintf(stderr, "usage: sqlshape COMMAND [OPTIONS] [ARGS] (see 'sqlshape --help')\n");
		return 1;
	}
	return c->fn(argc - 1, argv + 1);
}
