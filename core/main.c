/*
 * main.c: the command table and dispatch (git's builtin table, done small). Each command is one
 * function cmd_NAME(argc, argv) declared in core/commands.h and defined next to the stage it
 * drives; this file only finds it. It must never grow command logic of its own.
 */
#include <stdio.h>
#include <string.h>

#include "core/commands.h"

static const Command commands[] = {
#define CMD_ENTRY(name, fn, summary) {name, fn, summary},
	SQLSHAPE_COMMANDS(CMD_ENTRY)
#undef CMD_ENTRY
};

static void usage(FILE *f)
{
	fprintf(f, "usage: sqlshape COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nRun 'sqlshape COMMAND --help' for a command's options.\n");
}

const Command *command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}


int main(int argc, char **argv)
{
	const Command *c;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("sqlshape %s\n", SQLSHAPE_VERSION);
		return 0;
	}
	c = command_find(argv[1]);
	if (!c) {
		fprintf(stderr, "sqlshape: error: unknown command \"%s\"\n", argv[1]);
		usage(stderr);
		return 1;
	}
	return c->fn(argc - 1, argv + 1);
}
