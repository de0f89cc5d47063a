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

const CliOpt exec_config_opts[] = {
	{OPT_ENV, "--env", "NAME", NULL, "read section [NAME] of the config file on top of its top-level keys "
		"(e.g. --env staging)"},
	{OPT_CONFIG, "--config", "FILE", "./sqlshape.conf when present", "the config file (INI: url, lock_timeout, "
		"retries, blocker_timeout, verify, journal, allow_drop, online_copy_min_rows, allow_hazards, replicas, osc, "
		"chunk_time, chunk_size, max_threads_running, max_replica_lag, replica_timeout, keep_old_table, "
		"defer_cutover)"},
	{0, NULL, NULL, NULL, NULL},
};

const CliOpt exec_run_opts[] = {
	{OPT_LOCK_TIMEOUT, "--lock-timeout", "S", "3", "wait at most S seconds for each lock a statement needs; the "
		"application's queries queue behind a waiting DDL at most that long"},
	{OPT_RETRIES, "--retries", "N", "10", "try a statement N more times after a lock timeout, with exponential "
		"back-off and jitter"},
	{OPT_BLOCKER_TIMEOUT, "--blocker-timeout", "S", "none", "stop once sessions holding the "
		"table have done so for S seconds, naming them (0: stop at once; none: keep trying within --retries)"},
	{OPT_NO_VERIFY, "--no-verify", NULL, NULL, "skip the rehearsal of the plan in a scratch database"},
	{OPT_NO_JOURNAL, "--no-journal", NULL, NULL, "keep no journal on the server (no `_sqlshape` database or schema)"},
	{OPT_PROGRESS, "--progress", NULL, NULL, "redraw one status line for a long statement (the default when "
		"standard output is a terminal; otherwise plain log lines)"},
	{OPT_NO_PROGRESS, "--no-progress", NULL, NULL, "print plain progress log lines, even on a terminal"},
	{0, NULL, NULL, NULL, NULL},
};

const CliOpt exec_osc_opts[] = {
	{OPT_CHUNK_TIME, "--chunk-time", "S", "0.05", "online copy (engine builtin): size each chunk of the copy to "
		"take about S seconds (smaller chunks hold the shadow's rows for less time; default 0.01 when "
		"the table has an AUTO_INCREMENT column and innodb_autoinc_lock_mode is below 2)"},
	{OPT_CHUNK_SIZE, "--chunk-size", "N", "1000", "online copy: rows of the first chunk"},
	{OPT_MAX_THREADS_RUNNING, "--max-threads-running", "N", "25", "online copy: pause the copy while the "
		"server's Threads_running is above N (0: never pause)"},
	{OPT_KEEP_OLD_TABLE, "--keep-old-table", NULL, NULL, "online copy: keep the original table as "
		"<t>__osc_old after the swap"},
	{OPT_DEFER_CUTOVER, "--defer-cutover", NULL, NULL, "online copy: stop before the swap (the triggers keep "
		"the copy in sync); `sqlshape cutover` swaps later"},
	{0, NULL, NULL, NULL, NULL},
};

const CliOpt exec_replica_opts[] = {
	{OPT_REPLICAS, "--replicas", "URLS", "none", "online copy: watch these replicas (mysql:// URLs, "
		"comma-separated; passwords better in MYSQL_PWD) and pause the copy while one lags or cannot be "
		"measured"},
	{OPT_MAX_REPLICA_LAG, "--max-replica-lag", "S", "1", "online copy: pause while a watched replica's "
		"lag (measured with a heartbeat row in `_sqlshape`) is above S seconds"},
	{OPT_REPLICA_TIMEOUT, "--replica-timeout", "S", "60", "online copy: stop (dropping what it made) once a "
		"watched replica has been unreachable or its replication stopped for S seconds"},
	{0, NULL, NULL, NULL, NULL},
};

const CliOpt exec_cutover_opts[] = {
	{OPT_KEEP_OLD_TABLE, "--keep-old-table", NULL, NULL, "keep the original table as <t>__osc_old after the "
		"swap (also when apply was not given it)"},
	{0, NULL, NULL, NULL, NULL},
};

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

int exec_config_set(ExecConfig *cfg, int id, const char *val)
{
	const char *name = "";

	switch (id) {
	case OPT_NO_VERIFY:
		return cfg->exec.verify = false, cfg->cli_verify = true, 1;
	case OPT_NO_JOURNAL:
		return cfg->exec.journal = false, cfg->cli_journal = true, 1;
	case OPT_PROGRESS:
	case OPT_NO_PROGRESS:
		return cfg->exec.progress = id == OPT_PROGRESS, cfg->cli_progress = true, 1;
	case OPT_ENV:
		return cfg->env = val, 1;
	case OPT_CONFIG:
		return cfg->config_path = val, 1;
	case OPT_LOCK_TIMEOUT:
		name = "--lock-timeout";
		if (!parse_seconds(val, &cfg->exec.lock_timeout, false) || cfg->exec.lock_timeout <= 0)
			goto bad;
		return cfg->cli_lock_timeout = true, 1;
	case OPT_RETRIES: {
		long r;
		name = "--retries";
		if (!parse_count(val, &r, 1000))
			goto bad;
		cfg->exec.retries = (int)r;
		return cfg->cli_retries = true, 1;
	}
	case OPT_BLOCKER_TIMEOUT:
		name = "--blocker-timeout";
		if (!parse_seconds(val, &cfg->exec.blocker_timeout, true))
			goto bad;
		return cfg->cli_blocker_timeout = true, 1;
	case OPT_CHUNK_TIME:
		name = "--chunk-time";
		if (!parse_seconds(val, &cfg->exec.chunk_time, false) || cfg->exec.chunk_time <= 0)
			goto bad;
		return cfg->cli_chunk_time = true, 1;
	case OPT_CHUNK_SIZE:
	case OPT_MAX_THREADS_RUNNING: {
		long r;
		name = id == OPT_CHUNK_SIZE ? "--chunk-size" : "--max-threads-running";
		if (!parse_count(val, &r, 1000000) || (id == OPT_CHUNK_SIZE && r < 1)) {
			fprintf(stderr, "sqlshape: error: bad value \"%s\" for %s (expected a count from %d to 1000000)\n", val,
				name, id == OPT_CHUNK_SIZE ? 1 : 0);
			return -1;
		}
		if (id == OPT_CHUNK_SIZE)
			return cfg->exec.chunk_size = r, cfg->cli_chunk_size = true, 1;
		return cfg->exec.max_threads_running = r, cfg->cli_max_threads_running = true, 1;
	}
	case OPT_REPLICAS:
		return cfg->exec.replicas = val, cfg->cli_replicas = true, 1;
	case OPT_MAX_REPLICA_LAG:
		name = "--max-replica-lag";
		if (!parse_seconds(val, &cfg->exec.max_replica_lag, false) || cfg->exec.max_replica_lag <= 0)
			goto bad;
		return cfg->cli_max_replica_lag = true, 1;
	case OPT_REPLICA_TIMEOUT:
		name = "--replica-timeout";
		if (!parse_seconds(val, &cfg->exec.replica_timeout, false))
			goto bad;
		return cfg->cli_replica_timeout = true, 1;
	case OPT_KEEP_OLD_TABLE:
		return cfg->exec.keep_old_table = true, cfg->cli_keep_old_table = true, 1;
	case OPT_DEFER_CUTOVER:
		return cfg->exec.defer_cutover = true, cfg->cli_defer_cutover = true, 1;
	default:
		return 0;
	}
bad:
	fprintf(stderr, "sqlshape: error: bad value \"%s\" for %s (expected %s)\n", val, name,
		id == OPT_RETRIES ? "a count from 0 to 1000" : "seconds, e.g. 3 or 0.5");
	return -1;
}

int exec_config_option(int argc, char **argv, int *i, ExecConfig *cfg)
{
	const char *val;
	int id = cli_match(exec_config_opts, argc, argv, i, &val);

	if (!id)
		id = cli_match(exec_run_opts, argc, argv, i, &val);
	if (!id)
		id = cli_match(exec_osc_opts, argc, argv, i, &val);
	if (!id)
		id = cli_match(exec_replica_opts, argc, argv, i, &val);
	if (id <= 0)
		return id;
	return exec_config_set(cfg, id, val);
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
		/* checked when the online copy opens them; a bad one is reported masked */
		if (!cfg->cli_replicas)
			o->replicas = arena_strdup(st->arena, value);
	} else if (!strcmp(name, "max_replica_lag") || !strcmp(name, "replica_timeout")) {
		if (!parse_seconds(value, &x, false) || (name[0] == 'm' && x <= 0))
			goto bad;
		if (name[0] == 'm' && !cfg->cli_max_replica_lag)
			o->max_replica_lag = x;
		if (name[0] == 'r' && !cfg->cli_replica_timeout)
			o->replica_timeout = x;
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
