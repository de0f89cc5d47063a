/*
 * config.c: sqlshape.conf through libinih, and the executor's command-line options
 * (executor/config.h). The command line wins over the file; keys outside a section are the
 * defaults of every environment; `--env NAME` adds section [NAME] on top. The URL is kept as
 * given and never printed here.
 */
#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "executor/config.h"

const char exec_config_usage[] =
	"  --lock-timeout S    wait at most S seconds for each lock a statement needs (default 3);\n"
	"                      the application's queries queue behind a waiting DDL at most that long\n"
	"  --retries N         try a statement N more times after a lock timeout, with exponential\n"
	"                      back-off and jitter (default 10)\n"
	"  --blocker-timeout S stop once sessions holding the table have done so for S seconds\n"
	"                      (0: stop at once, naming them; default: keep trying within --retries)\n"
	"  --no-verify         skip the rehearsal of the plan in a scratch database\n"
	"  --no-journal        keep no journal on the server (no `_sqlshape` database/schema)\n"
	"  --progress, --no-progress  a redrawn status line, or plain log lines (default: status\n"
	"                      line when standard output is a terminal)\n"
	"  --chunk-time S      online copy (engine builtin): size each chunk of the copy to take\n"
	"                      about S seconds (default 0.5)\n"
	"  --chunk-size N      online copy: rows of the first chunk (default 1000)\n"
	"  --max-threads-running N  online copy: pause the copy while the server's\n"
	"                      Threads_running is above N (default 25; 0: never pause)\n"
	"  --keep-old-table    online copy: keep the original table as <t>__osc_old after the swap\n"
	"  --defer-cutover     online copy: stop before the swap (the triggers keep the copy in\n"
	"                      sync); `sqlshape cutover` swaps later\n"
	"  --env NAME          read section [NAME] of the config file\n"
	"  --config FILE       the config file (default ./sqlshape.conf when present)\n";

void exec_config_init(ExecConfig *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	exec_options_default(&cfg->exec);
	cfg->allow_drop = -1;
	cfg->online_copy_min_rows = -1;
}

static bool parse_seconds(const char *v, double *out, bool allow_none)
{
	char *end;
	double x;
	if (allow_none && (!strcmp(v, "none") || !strcmp(v, "")))
		return (*out = -1), true;
	errno = 0;
	x = strtod(v, &end);
	if (errno || end == v || *end || x < 0 || x > 86400 * 7)
		return false;
	*out = x;
	return true;
}

static bool parse_count(const char *v, long *out, long max)
{
	char *end;
	long x;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end == v || *end || x < 0 || x > max)
		return false;
	*out = x;
	return true;
}

static int parse_bool(const char *v)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
		return 1;
	if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
		return 0;
	return -1;
}

int exec_config_option(int argc, char **argv, int *i, ExecConfig *cfg)
{
	static const char *const with_value[] = {"--lock-timeout", "--retries", "--blocker-timeout", "--env", "--config",
						 "--chunk-time", "--chunk-size", "--max-threads-running"};
	const char *arg = argv[*i], *name = arg, *val = NULL;
	size_t n;

	if (!strcmp(arg, "--no-verify"))
		return cfg->exec.verify = false, cfg->cli_verify = true, 1;
	if (!strcmp(arg, "--no-journal"))
		return cfg->exec.journal = false, cfg->cli_journal = true, 1;
	if (!strcmp(arg, "--keep-old-table"))
		return cfg->exec.keep_old_table = true, cfg->cli_keep_old_table = true, 1;
	if (!strcmp(arg, "--defer-cutover"))
		return cfg->exec.defer_cutover = true, cfg->cli_defer_cutover = true, 1;
	if (!strcmp(arg, "--progress") || !strcmp(arg, "--no-progress"))
		return cfg->exec.progress = arg[2] == 'p', cfg->cli_progress = true, 1;
	for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) {
		n = strlen(with_value[k]);
		if (!strncmp(arg, with_value[k], n) && (arg[n] == '\0' || arg[n] == '=')) {
			name = with_value[k];
			if (arg[n] == '=') {
				val = arg + n + 1;
			} else {
				if (*i + 1 >= argc) {
					fprintf(stderr, "sqlshape: error: option \"%s\" needs a value\n", name);
					return -1;
				}
				val = argv[++*i];
			}
			break;
		}
	}
	if (!val)
		return 0;
	if (!strcmp(name, "--lock-timeout")) {
		if (!parse_seconds(val, &cfg->exec.lock_timeout, false) || cfg->exec.lock_timeout <= 0)
			goto bad;
		cfg->cli_lock_timeout = true;
	} else if (!strcmp(name, "--retries")) {
		long r;
		if (!parse_count(val, &r, 1000))
			goto bad;
		cfg->exec.retries = (int)r;
		cfg->cli_retries = true;
	} else if (!strcmp(name, "--blocker-timeout")) {
		if (!parse_seconds(val, &cfg->exec.blocker_timeout, true))
			goto bad;
		cfg->cli_blocker_timeout = true;
	} else if (!strcmp(name, "--chunk-time")) {
		if (!parse_seconds(val, &cfg->exec.chunk_time, false) || cfg->exec.chunk_time <= 0)
			goto bad;
		cfg->cli_chunk_time = true;
	} else if (!strcmp(name, "--chunk-size") || !strcmp(name, "--max-threads-running")) {
		long r;
		if (!parse_count(val, &r, 1000000) || (name[2] == 'c' && r < 1))
			goto bad_count;
		if (name[2] == 'c') {
			cfg->exec.chunk_size = r;
			cfg->cli_chunk_size = true;
		} else {
			cfg->exec.max_threads_running = r;
			cfg->cli_max_threads_running = true;
		}
	} else if (!strcmp(name, "--env")) {
		cfg->env = val;
	} else {
		cfg->config_path = val;
	}
	return 1;
bad:
	fprintf(stderr, "sqlshape: error: bad value \"%s\" for %s (expected %s)\n", val, name,
		!strcmp(name, "--retries") ? "a count from 0 to 1000" : "seconds, e.g. 3 or 0.5");
	return -1;
bad_count:
	fprintf(stderr, "sqlshape: error: bad value \"%s\" for %s (expected a count%s)\n", val, name,
		name[2] == 'c' ? " from 1 to 1000000" : " from 0 to 1000000");
	return -1;
}

typedef struct IniState {
	ExecConfig *cfg;
	Arena *arena;
	bool env_seen;
	const char *error;   /* first error's message */
	int line;            /* counted by the reader */
	int error_line;
	const char *text, *pos;
} IniState;

/* Feeds ini_parse_stream line by line so that errors know their line. */
static char *ini_reader_fn(char *str, int num, void *stream)
{
	IniState *st = stream;
	const char *nl;
	size_t len;

	if (!*st->pos)
		return NULL;
	nl = strchr(st->pos, '\n');
	len = nl ? (size_t)(nl - st->pos + 1) : strlen(st->pos);
	if (len > (size_t)num - 1)
		len = (size_t)num - 1;
	memcpy(str, st->pos, len);
	str[len] = '\0';
	st->pos += len;
	st->line++;
	return str;
}

static int ini_handler_fn(void *user, const char *section, const char *name, const char *value)
{
	IniState *st = user;
	ExecConfig *cfg = st->cfg;
	ExecOptions *o = &cfg->exec;
	long l;
	double x;
	int b;

	if (*section) {
		if (!cfg->env || strcmp(section, cfg->env))
			return 1;  /* another environment */
		st->env_seen = true;
	}
	if (!strcmp(name, "url")) {
		cfg->url = arena_strdup(st->arena, value);  /* a section's comes after the global one */
	} else if (!strcmp(name, "lock_timeout")) {
		if (!parse_seconds(value, &x, false) || x <= 0)
			goto bad;
		if (!cfg->cli_lock_timeout)
			o->lock_timeout = x;
	} else if (!strcmp(name, "retries")) {
		if (!parse_count(value, &l, 1000))
			goto bad;
		if (!cfg->cli_retries)
			o->retries = (int)l;
	} else if (!strcmp(name, "blocker_timeout")) {
		if (!parse_seconds(value, &x, true))
			goto bad;
		if (!cfg->cli_blocker_timeout)
			o->blocker_timeout = x;
	} else if (!strcmp(name, "verify") || !strcmp(name, "journal")) {
		if ((b = parse_bool(value)) < 0)
			goto bad;
		if (name[0] == 'v' && !cfg->cli_verify)
			o->verify = b;
		if (name[0] == 'j' && !cfg->cli_journal)
			o->journal = b;
	} else if (!strcmp(name, "allow_drop")) {
		if ((b = parse_bool(value)) < 0)
			goto bad;
		cfg->allow_drop = b;
	} else if (!strcmp(name, "online_copy_min_rows")) {
		if (!parse_count(value, &l, 1L << 62))
			goto bad;
		cfg->online_copy_min_rows = l;
	} else if (!strcmp(name, "chunk_time")) {
		if (!parse_seconds(value, &x, false) || x <= 0)
			goto bad;
		if (!cfg->cli_chunk_time)
			o->chunk_time = x;
	} else if (!strcmp(name, "chunk_size") || !strcmp(name, "max_threads_running")) {
		if (!parse_count(value, &l, 1000000) || (name[0] == 'c' && l < 1))
			goto bad;
		if (name[0] == 'c' && !cfg->cli_chunk_size)
			o->chunk_size = l;
		if (name[0] == 'm' && !cfg->cli_max_threads_running)
			o->max_threads_running = l;
	} else if (!strcmp(name, "keep_old_table") || !strcmp(name, "defer_cutover")) {
		if ((b = parse_bool(value)) < 0)
			goto bad;
		if (name[0] == 'k' && !cfg->cli_keep_old_table)
			o->keep_old_table = b;
		if (name[0] == 'd' && !cfg->cli_defer_cutover)
			o->defer_cutover = b;
	} else if (!strcmp(name, "osc")) {
		if (strcmp(value, "builtin") && strcmp(value, "pt-osc") && strcmp(value, "none"))
			goto bad;
		cfg->osc = arena_strdup(st->arena, value);
	} else if (!strcmp(name, "allow_hazards")) {
		cfg->allow_hazards = arena_strdup(st->arena, value);
	} else if (!strcmp(name, "replicas")) {
		cfg->replicas = arena_strdup(st->arena, value);
	} else {
		if (!st->error) {
			st->error = arena_printf(st->arena, "unknown key \"%s\"", name);
			st->error_line = st->line;
		}
		return 0;
	}
	return 1;
bad:
	if (!st->error) {
		/* The value may be a URL-like secret only for "url", which is never checked here. */
		st->error = arena_printf(st->arena, "bad value \"%s\" for \"%s\"", value, name);
		st->error_line = st->line;
	}
	return 0;
}

int exec_config_load(Arena *a, Diag *d, ExecConfig *cfg)
{
	const char *path = cfg->config_path ? cfg->config_path : "sqlshape.conf";
	IniState st;
	size_t len;
	char *text, *raw;
	int file, rc;

	if (!cfg->config_path && access(path, F_OK) != 0) {
		if (cfg->env) {
			diag_error(d, LOC_NONE, "--env \"%s\" given but there is no sqlshape.conf here", cfg->env);
			diag_hint(d, "name the file with --config FILE");
			return -1;
		}
		return 0;
	}
	raw = file_read_all(path, &len);
	if (!raw)
		return diag_error(d, LOC_NONE, "cannot read config file \"%s\": %s", path, strerror(errno));
	text = arena_memdup(a, raw, len + 1);
	free(raw);
	file = diag_add_file(d, path, text, len);
	memset(&st, 0, sizeof st);
	st.cfg = cfg;
	st.arena = a;
	st.text = st.pos = text;
	rc = ini_parse_stream(ini_reader_fn, &st, ini_handler_fn, &st);
	if (rc != 0) {
		SrcLoc loc = {file, 0, 0};
		int line = st.error ? st.error_line : rc;
		const char *p = text;
		for (int l = 1; l < line && p; l++) {
			p = strchr(p, '\n');
			p = p ? p + 1 : NULL;
		}
		loc.off = p ? (uint32_t)(p - text) : 0;
		return diag_error(d, loc, "%s", st.error ? st.error : "cannot parse this line (expected key = value or [section])");
	}
	if (cfg->env && !st.env_seen)
		return diag_error(d, LOC_NONE, "config file \"%s\" has no section [%s]", path, cfg->env);
	return 0;
}
