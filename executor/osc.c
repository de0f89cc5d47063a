/*
 * osc.c: find and run pt-online-schema-change for an online-copy step (see osc.h). Owns the
 * temporary option file that carries the password; never prints it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "executor/osc.h"

const char *osc_find_tool(Arena *a, const char *name)
{
	const char *path = getenv("PATH");
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? arena_strdup(a, name) : NULL;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t n = strcspn(path, ":");
		const char *cand = arena_printf(a, "%.*s/%s", (int)n, n ? path : ".", name);
		if (access(cand, X_OK) == 0)
			return cand;
		path += n;
		if (*path == ':')
			path++;
	}
	return NULL;
}

void osc_fill_options(Arena *a, PlanOptions *po, const DbUrl *u)
{
	po->osc_path = osc_find_tool(a, "pt-online-schema-change");
	po->osc_available = po->osc_path != NULL;
	po->osc_host = u->host;
	po->osc_port = u->port;
	po->osc_user = u->user;
	po->osc_socket = u->socket;
	po->osc_database = u->database;
	if (u->password && *u->password) {
		const char *tmp = getenv("TMPDIR");
		po->osc_defaults_file = arena_printf(a, "%s/sqlshape-osc-%ld.cnf", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	}
}

/* The [client] option file with the password, created exclusively with mode 0600. */
static int write_password_file(Diag *d, const char *path, const char *password)
{
	int fd;
	FILE *f;
	unlink(path);  /* a stale file of an earlier run of this pid */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		return diag_error(d, LOC_NONE, "cannot create the option file \"%s\" for pt-online-schema-change: %s", path,
				  strerror(errno));
	}
	/* option-file value in double quotes: backslash and quote escaped */
	fputs("[client]\npassword=\"", f);
	for (const char *p = password; *p; p++) {
		if (*p == '\\' || *p == '"')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputs("\"\n", f);
	if (fclose(f) != 0) {
		unlink(path);
		return diag_error(d, LOC_NONE, "cannot write the option file \"%s\": %s", path, strerror(errno));
	}
	return 0;
}

int osc_run(Diag *d, const PlanStep *s, const PlanOptions *po, const DbUrl *u)
{
	char **argv;
	pid_t pid;
	int status = 0, rc = 0;

	if (!s->osc_argv.n)
		return diag_error(d, LOC_NONE, "internal: an online-copy step without a command");
	if (po->osc_defaults_file && write_password_file(d, po->osc_defaults_file, u->password) < 0)
		return -1;
	argv = calloc((size_t)s->osc_argv.n + 1, sizeof *argv);
	if (!argv)
		xoom();
	for (int i = 0; i < s->osc_argv.n; i++)
		argv[i] = (char *)s->osc_argv.v[i];
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "sqlshape: error: cannot run \"%s\": %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		rc = diag_error(d, LOC_NONE, "cannot start \"%s\": %s", argv[0], strerror(errno));
	else if (waitpid(pid, &status, 0) < 0)
		rc = diag_error(d, LOC_NONE, "waiting for \"%s\" failed: %s", argv[0], strerror(errno));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = diag_error(d, LOC_NONE, "pt-online-schema-change failed (%s %d) on table \"%s\"",
				WIFEXITED(status) ? "exit status" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), s->lock_table ? s->lock_table : "?");
	if (po->osc_defaults_file)
		unlink(po->osc_defaults_file);
	free(argv);
	return rc;
}
