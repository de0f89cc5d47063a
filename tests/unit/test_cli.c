/*
 * test_cli.c: the option tables and their parser (core/cli.h): "--x V" and "--x=V", flags,
 * "--", missing values and unknown options; and that every command's help lists every option
 * of its tables with its default, has an example, and that no two options of one command
 * share a name or an id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/commands.h"

enum { T_URL = 1, T_FLAG };

static const CliOpt t_opts[] = {
	{T_URL, "--url", "URL", NULL, "the database"},
	{T_FLAG, "--flag", NULL, "off", "a flag"},
	{0, NULL, NULL, NULL, NULL},
};
static const CliOpt *const t_groups[] = {t_opts, NULL};
static const CliSpec t_spec = {"t", "t [--url URL] [--flag] ARG...", "Test.\n", t_groups, NULL, "t --url x y"};

/* Parse args (NULL-terminated, argv[0] included) and write what cli_next returned, one token
 * per item, into out: "u=VALUE", "f", "a=ARG", "H", "E". */
static void parse(const char *const *args, char *out, size_t size)
{
	char *argv[16];
	int argc = 0, k;
	CliParser p;
	size_t n = 0;

	while (args[argc]) {
		argv[argc] = (char *)args[argc];
		argc++;
	}
	cli_init(&p, &t_spec, argc, argv);
	out[0] = '\0';
	while ((k = cli_next(&p)) != CLI_DONE) {
		if (k == T_URL)
			n += (size_t)snprintf(out + n, size - n, "u=%s ", p.val);
		else if (k == T_FLAG)
			n += (size_t)snprintf(out + n, size - n, "f ");
		else if (k == CLI_ARG)
			n += (size_t)snprintf(out + n, size - n, "a=%s ", p.val);
		else if (k == CLI_HELP)
			n += (size_t)snprintf(out + n, size - n, "H ");
		else
			n += (size_t)snprintf(out + n, size - n, "E ");
		if (k == CLI_ERROR || k == CLI_HELP)
			break;
	}
}

static void test_parse(void **state)
{
	char out[256];
	(void)state;
	parse((const char *const[]){"t", "--url", "x", "--flag", "a", "-", NULL}, out, sizeof out);
	assert_string_equal(out, "u=x f a=a a=- ");
	parse((const char *const[]){"t", "--url=a=b", "b", NULL}, out, sizeof out);
	assert_string_equal(out, "u=a=b a=b ");
	parse((const char *const[]){"t", "--", "--flag", "--url", NULL}, out, sizeof out);
	assert_string_equal(out, "a=--flag a=--url ");
	/* errors stop the parse: missing value, unknown option, a value for a flag */
	parse((const char *const[]){"t", "a", "--url", NULL}, out, sizeof out);
	assert_string_equal(out, "a=a E ");
	parse((const char *const[]){"t", "--urlx=secret", NULL}, out, sizeof out);
	assert_string_equal(out, "E ");
	parse((const char *const[]){"t", "--flag=yes", NULL}, out, sizeof out);
	assert_string_equal(out, "E ");
	parse((const char *const[]){"t", "-x", NULL}, out, sizeof out);
	assert_string_equal(out, "E ");
}

static char *help_text(const CliSpec *spec)
{
	FILE *f = tmpfile();
	long len;
	char *buf;
	assert_non_null(f);
	cli_help(f, spec);
	len = ftell(f);
	buf = malloc((size_t)len + 1);
	rewind(f);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Help lines are wrapped: compare with runs of blanks and newlines squeezed to one space. */
static char *squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n') {
			if (o > out && o[-1] == ' ')
				continue;
			*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* Whether head appears in help followed by a blank or a newline (the option's help text). */
static int lists(const char *help, const char *head)
{
	const char *at = strstr(help, head);
	return at && (at[strlen(head)] == ' ' || at[strlen(head)] == '\n');
}

static void test_help_lists_every_option(void **state)
{
	(void)state;
	assert_true(sqlshape_ncommands >= 7);
	for (int c = 0; c < sqlshape_ncommands; c++) {
		const Command *cmd = &sqlshape_commands[c];
		char *help = help_text(cmd->cli), *flat = squeeze(help), want[512];
		assert_string_equal(cmd->cli->name, cmd->name);
		assert_ptr_equal(command_find(cmd->name), cmd);
		snprintf(want, sizeof want, "usage: sqlshape %s", cmd->cli->synopsis);
		assert_true(!strncmp(help, want, strlen(want)));
		assert_non_null(strstr(help, "\nexamples:\n  sqlshape "));
		assert_non_null(strstr(help, "  -h, --help "));
		for (const CliOpt *const *g = cmd->cli->groups; *g; g++) {
			for (const CliOpt *o = *g; o->id; o++) {
				snprintf(want, sizeof want, "\n  %s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
				if (!lists(help, want))
					fail_msg("sqlshape %s --help does not list \"%s\"", cmd->name, want + 1);
				if (o->def) {
					char *d = squeeze(o->def);
					snprintf(want, sizeof want, "(default: %s)", d);
					free(d);
					if (!strstr(flat, want))
						fail_msg("sqlshape %s --help: %s without %s", cmd->name, o->name, want);
				}
				assert_true(o->help && *o->help);
				/* no other option of this command has its name or id */
				for (const CliOpt *const *g2 = cmd->cli->groups; *g2; g2++)
					for (const CliOpt *o2 = *g2; o2->id; o2++)
						if (o2 != o && (o2->id == o->id || !strcmp(o2->name, o->name)))
							fail_msg("sqlshape %s: %s and %s share a name or id", cmd->name, o->name,
								o2->name);
			}
		}
		free(flat);
		free(help);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_help_lists_every_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
