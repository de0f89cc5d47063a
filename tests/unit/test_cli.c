/*
 * test_cli.c: the option tables and their parser (core/cli.h): "--x V" and "--x=V", flags,
 * "--", missing values and unknown options; and that every command's help lists every option
 * of its tables with its default, has an example, and that no two options of one command
 * share a name or an id; and that man/sqlshape.1 documents exactly the options of the tables.
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
#include "core/sb.h"

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

/* The man page as one string (tests run from the top of the repository). */
static char *man_page(void)
{
	size_t len;
	char *text = file_read_all("man/sqlshape.1", &len);
	if (!text)
		fail_msg("cannot read man/sqlshape.1 (run from the top of the repository)");
	return text;
}

/* Whether the man page has ".It Fl \-NAME" (NAME without its dashes) as an item. */
static int man_lists(const char *man, const char *name)
{
	char want[128];
	const char *at;
	snprintf(want, sizeof want, "\n.It Fl \\-%s", name + 2);
	for (at = strstr(man, want); at; at = strstr(at + 1, want))
		if (at[strlen(want)] == ' ' || at[strlen(want)] == '\n')
			return 1;
	return 0;
}

/* Every option of every table is an item of the man page, every command is in its synopsis,
 * and every option item of the man page is an option of some table: neither can drift. */
static void test_man_page_matches_tables(void **state)
{
	char *man = man_page();
	(void)state;
	for (int c = 0; c < sqlshape_ncommands; c++) {
		const Command *cmd = &sqlshape_commands[c];
		char want[64];
		snprintf(want, sizeof want, "\n.Cm %s\n", cmd->name);
		if (!strstr(man, want))
			fail_msg("man/sqlshape.1: no \".Cm %s\" in the synopsis", cmd->name);
		for (const CliOpt *const *g = cmd->cli->groups; *g; g++)
			for (const CliOpt *o = *g; o->id; o++)
				if (!man_lists(man, o->name))
					fail_msg("man/sqlshape.1 does not document %s (sqlshape %s)", o->name, cmd->name);
	}
	for (const char *at = strstr(man, "\n.It Fl \\-"); at; at = strstr(at + 1, "\n.It Fl \\-")) {
		char name[64] = "--";
		const char *p = at + strlen("\n.It Fl \\-");
		size_t n = strcspn(p, " \n");
		int found = 0;
		snprintf(name + 2, sizeof name - 2, "%.*s", (int)n, p);
		for (int c = 0; c < sqlshape_ncommands && !found; c++)
			for (const CliOpt *const *g = sqlshape_commands[c].cli->groups; *g && !found; g++)
				for (const CliOpt *o = *g; o->id && !found; o++)
					found = !strcmp(o->name, name);
		if (!found)
			fail_msg("man/sqlshape.1 documents %s, which no command has", name);
	}
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_help_lists_every_option),
		cmocka_unit_test(test_man_page_matches_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
