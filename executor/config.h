/*
 * config.h: sqlshape.conf and the executor's command-line options. The file is INI (parsed
 * with libinih): keys before any section apply to every environment, a [NAME] section holds
 * one environment (`--env NAME`). Command-line flags override the file. Keys:
 *
 *   url                   the database URL (a password is better left to MYSQL_PWD/PGPASSWORD)
 *   lock_timeout          seconds (default 3)           retries          (default 10)
 *   blocker_timeout       seconds, or "none" (default)  verify, journal  yes/no (default yes)
 *   allow_drop            yes/no (default no)           online_copy_min_rows  (default 100000)
 *   allow_hazards         hazard codes, comma-separated replicas          URLs, comma-separated
 *
 *   osc                   builtin (default), pt-osc, none
 *   chunk_time            seconds (default 0.05/0.01)       chunk_size       rows (default 1000)
 *   max_threads_running   (default 25; 0: never pause)  keep_old_table, defer_cutover  yes/no (no)
 *   max_replica_lag       seconds (default 1)           replica_timeout  seconds (default 60)
 *
 * Unknown keys and bad values are errors that name the file and line. Nothing here connects
 * or prints a URL.
 */
#ifndef SQLSHAPE_CONFIG_H
#define SQLSHAPE_CONFIG_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/cli.h"
#include "core/diag.h"
#include "executor/run.h"

typedef struct ExecConfig {
	const char *config_path;     /* --config FILE; NULL: ./sqlshape.conf when it exists */
	const char *env;             /* --env NAME */
	const char *url;
	ExecOptions exec;
	int allow_drop;              /* -1: not set */
	long online_copy_min_rows;   /* -1: not set */
	const char *allow_hazards;   /* NULL: not set */
	const char *osc;             /* online copy engine; NULL: not set */
	/* which ExecOptions fields the command line set (they win over the file) */
	bool cli_lock_timeout, cli_retries, cli_blocker_timeout, cli_verify, cli_journal, cli_progress;
	bool cli_chunk_time, cli_chunk_size, cli_max_threads_running, cli_keep_old_table, cli_defer_cutover;
	bool cli_replicas, cli_max_replica_lag, cli_replica_timeout;
} ExecConfig;

/* Defaults (exec_options_default, everything else unset). */
void exec_config_init(ExecConfig *cfg);

/* The option ids of the tables below (core/cli.h); 100-199 are the executor's. */
enum {
	OPT_ENV = 100, OPT_CONFIG, OPT_LOCK_TIMEOUT, OPT_RETRIES, OPT_BLOCKER_TIMEOUT, OPT_NO_VERIFY,
	OPT_NO_JOURNAL, OPT_PROGRESS, OPT_NO_PROGRESS,
	OPT_CHUNK_TIME, OPT_CHUNK_SIZE, OPT_MAX_THREADS_RUNNING, OPT_KEEP_OLD_TABLE, OPT_DEFER_CUTOVER,
	OPT_REPLICAS, OPT_MAX_REPLICA_LAG, OPT_REPLICA_TIMEOUT,
};

/* --env NAME, --config FILE: every command that reads sqlshape.conf. */
extern const CliOpt exec_config_opts[];
/* --lock-timeout S, --retries N, --blocker-timeout S|none, --no-verify, --no-journal,
 * --progress, --no-progress: the commands that run statements. */
extern const CliOpt exec_run_opts[];
/* --chunk-time S, --chunk-size N, --max-threads-running N, --keep-old-table, --defer-cutover:
 * the built-in online copy engine (apply). */
extern const CliOpt exec_osc_opts[];
/* --replicas URLS, --max-replica-lag S, --replica-timeout S: the replicas the online copy
 * watches (apply, cutover; executor/osc_throttle.h). */
extern const CliOpt exec_replica_opts[];
/* --keep-old-table alone (cutover). */
extern const CliOpt exec_cutover_opts[];

/* Apply option id (with its value) to cfg: 1 when it was one of the ids above, 0 when not,
 * -1 on a bad value (message printed). */
int exec_config_set(ExecConfig *cfg, int id, const char *val);

/* One option of either table at argv[*i], with or without "=" (for tools that parse their own
 * argv): 1 consumed (*i moved past its value), 0 not one of them, -1 bad or missing value
 * (message printed). */
int exec_config_option(int argc, char **argv, int *i, ExecConfig *cfg);

/* Read the file (cfg->config_path, else ./sqlshape.conf if present) and fill what the command
 * line did not set. --env names a section that must exist. -1 after a positioned diagnostic. */
int exec_config_load(Arena *a, Diag *d, ExecConfig *cfg);

#endif
