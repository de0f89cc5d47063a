/*
 * help.c: `sqlshape help [COMMAND]`: runs the command's own --help so the text lives in one
 * place, next to the command's option parsing.
 */
#include <stdio.h>

#include "core/commands.h"

int cmd_help(int argc, char **argv)
{
	const Command *c;
	char *args[3];

	if (argc < 2) {
		args[0] = (char *)"sqlshape";
		args[1] = (char *)"--help";
		args[2] = NULL;
		fprintf(stdout, "usage: sqlshape COMMAND [OPTIONS] [ARGS]\nRun 'sqlshape --help' for the list of commands.\n");
		return 0;
	}
	c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "sqlshape: error: unknown command \"%s\"\n", argv[1]);
		return 1;
	}
	if (c->fn == cmd_help) {
		printf("usage: sqlshape help [COMMAND]\n");
		return 0;
	}
	args[0] = argv[1];
	args[1] = (char *)"--help";
	args[2] = NULL;
	return c->fn(2, args);
}
