/*
 * load.c: the desired state from files and directories. Each path is a file, a directory (its
 * *.sql files, sorted by name, not descending into subdirectories) or "-" for stdin. Every file
 * is read into the run's arena and registered with the Diag so errors can point into it, then
 * parsed by the dialect's front end into the one model. Errors of every file are reported
 * before returning -1.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parser/frontend.h"

/* A regular file read straight into the arena (one read, no copy: a 2.5 MB schema went
 * through a growing buffer and a copy before); NULL with errno set, or NULL and errno 0 when
 * the path is not a regular file (stdin, a pipe) and file_read_all must do it. */
static char *read_regular(Arena *a, const char *path, size_t *len)
{
	struct stat sbuf;
	FILE *f;
	char *text;
	size_t n;

	errno = 0;
	if (strcmp(path, "-") == 0 || stat(path, &sbuf) != 0 || !S_ISREG(sbuf.st_mode))
		return NULL;
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	text = arena_alloc(a, (size_t)sbuf.st_size + 1);  /* zeroed: terminated */
	n = fread(text, 1, (size_t)sbuf.st_size, f);
	if (ferror(f) || getc(f) != EOF) {
		/* a read error, or the file grew: read it the general way */
		int saved = ferror(f) ? errno : 0;
		fclose(f);
		errno = saved;
		return NULL;
	}
	fclose(f);
	text[n] = '\0';
	*len = n;
	return text;
}

static int load_file(Arena *a, Diag *d, Dialect dialect, Flavor flavor, const char *path, Schema *out,
		     ParseStats *st)
{
	size_t len = 0;
	char *text = read_regular(a, path, &len);
	int id;

	if (!text && errno)
		return diag_error(d, LOC_NONE, "cannot read \"%s\": %s", path, strerror(errno));
	if (!text) {
		char *raw = file_read_all(path, &len);
		if (!raw)
			return diag_error(d, LOC_NONE, "cannot read \"%s\": %s", path, strerror(errno));
		text = arena_alloc(a, len + 1);
		memcpy(text, raw, len);
		free(raw);
	}
	id = diag_add_file(d, strcmp(path, "-") ? arena_strdup(a, path) : "<stdin>", text, len);
	if (dialect == DIALECT_MYSQL)
		return mysql_parse_flavor(a, d, id, out, st, flavor);
	return pg_parse(a, d, id, out, st);
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int load_dir(Arena *a, Diag *d, Dialect dialect, Flavor flavor, const char *dir, Schema *out, ParseStats *st)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	int n = 0, cap = 0, rc = 0;

	if (!dh)
		return diag_error(d, LOC_NONE, "cannot open directory \"%s\": %s", dir, strerror(errno));
	while ((de = readdir(dh)) != NULL) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".sql"))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = xrealloc(names, (size_t)cap * sizeof *names);
		}
		names[n++] = arena_printf(a, "%s/%s", dir, de->d_name);
	}
	closedir(dh);
	qsort(names, (size_t)n, sizeof *names, name_cmp);
	for (int i = 0; i < n; i++) {
		struct stat sbuf;
		if (stat(names[i], &sbuf) == 0 && S_ISDIR(sbuf.st_mode))
			continue;
		if (load_file(a, d, dialect, flavor, names[i], out, st) < 0)
			rc = -1;
	}
	free(names);
	return rc;
}

int schema_load_paths(Arena *a, Diag *d, Dialect dialect, char *const *paths, int npaths, Schema *out,
		      ParseStats *st)
{
	return schema_load_paths_flavor(a, d, dialect, FLAVOR_UNKNOWN, paths, npaths, out, st);
}

int schema_load_paths_flavor(Arena *a, Diag *d, Dialect dialect, Flavor flavor, char *const *paths, int npaths,
			     Schema *out, ParseStats *st)
{
	int rc = 0;
	for (int i = 0; i < npaths; i++) {
		struct stat sbuf;
		if (strcmp(paths[i], "-") && stat(paths[i], &sbuf) == 0 && S_ISDIR(sbuf.st_mode)) {
			if (load_dir(a, d, dialect, flavor, paths[i], out, st) < 0)
				rc = -1;
		} else if (load_file(a, d, dialect, flavor, paths[i], out, st) < 0) {
			rc = -1;
		}
	}
	return rc;
}
