/*
 * cmd_apply.c: `sqlshape plan` and `sqlshape apply`: the desired files against a live MySQL,
 * MariaDB or PostgreSQL database. Reads the catalogue (executor/conn.h), loads and normalises the desired
 * files for that server, diffs (diff/diff.h) and prints or runs the plan. The statements are
 * the differ's; apply hands them to the safe executor (executor/run.h: lock timeouts, retries,
 * blockers, journal, verification in a scratch database). It never prints the password
 * (messages use DbUrl.display).
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/commands.h"
#include "diff/diff.h"
#include "executor/config.h"
#include "executor/conn.h"
#include "executor/mysql_internal.h"
#include "executor/run.h"
#include "executor/online_copy.h"
#include "executor/osc.h"
#include "planner/planner.h"
#include "parser/frontend.h"

#define URL_HELP \
	"the database: mysql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (mariadb:// is the same; " \
	"?socket=PATH for a Unix socket) or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...]. " \
	"Without a password in the URL, MYSQL_PWD / PGPASSWORD is used; the password is never printed. " \
	"Default: the url key of sqlshape.conf"

enum { OPT_URL = 1, OPT_FORMAT, OPT_ALLOW_DROP, OPT_DRY_RUN, OPT_FAIL_ON_HAZARD, OPT_ONLINE_COPY_MIN_ROWS = 200, OPT_ALLOW_HAZARD, OPT_OSC };

static const CliOpt plan_opts[] = {
	{OPT_URL, "--url", "URL", NULL, URL_HELP},
	{OPT_FORMAT, "--format", "FORMAT", "sql", "sql: a script, each statement preceded by its strategy, lock, "
		"table size and hazards as comments, destructive statements left out shown as "
		"\"-- skipped (needs --allow-drop): ...\" lines; json: the plan as {\"changes\": [...], "
		"\"skipped\": [...]} with strategy, hazards, rows and bytes per change; markdown: a table for a "
		"pull-request comment"},
	{OPT_ALLOW_DROP, "--allow-drop", NULL, "off", "plan destructive changes too (drops, narrowing type "
		"changes); without it they are listed as skipped"},
	{OPT_FAIL_ON_HAZARD, "--fail-on-hazard", NULL, "off", "after printing the plan, exit 3 when it holds a "
		"hazard that is not allowed (see --allow-hazard), a change that cannot run on this server, or a "
		"destructive change left out for lack of --allow-drop (its data-loss hazard is not allowed): what "
		"apply would refuse or not do. The reasons go to standard error. For pull-request checks"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt apply_opts[] = {
	{OPT_URL, "--url", "URL", NULL, URL_HELP},
	{OPT_DRY_RUN, "--dry-run", NULL, NULL, "print the plan and run nothing (the same as `sqlshape plan`)"},
	{OPT_ALLOW_DROP, "--allow-drop", NULL, "off", "also run destructive statements (drops of tables, "
		"columns, indexes, foreign keys, checks, views, triggers, routines, partitions; narrowing type "
		"changes); without it they are left out and listed as skipped"},
	{OPT_FORMAT, "--format", "FORMAT", "sql", "with --dry-run: sql, json or markdown (see `sqlshape plan --help`)"},
	{0, NULL, NULL, NULL, NULL},
};

/* The planner's options (planner/planner.h), shared by plan and apply. */
static const CliOpt planner_opts[] = {
	{OPT_ONLINE_COPY_MIN_ROWS, "--online-copy-min-rows", "N", "100000", "tables with at least N rows never get "
		"a blocking copy: such changes are planned as online-copy, and blocking locks on them are refused"},
	{OPT_ALLOW_HAZARD, "--allow-hazard", "CODE[,CODE...]", "none", "accept these hazards (data-loss, "
		"table-rewrite, blocking-lock, index-build, backward-incompatible, validation-scan); a change with a "
		"hazard not accepted stops apply before anything runs, and plan lists it as refused. May be repeated"},
	{OPT_OSC, "--osc", "ENGINE", "builtin", "who runs online-copy changes: builtin (sqlshape's own shadow-table "
		"copy with triggers, chunked copy, checksums and an atomic rename; see README), pt-osc "
		"(pt-online-schema-change, when installed) or none (refuse them)"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const plan_groups[] = {plan_opts, planner_opts, exec_config_opts, NULL};
static const CliOpt *const apply_groups[] = {apply_opts, planner_opts, exec_run_opts, exec_osc_opts, exec_replica_opts,
					      exec_config_opts, NULL};

#define PATHS_HELP \
	"FILE|DIR|-: desired schema files; a directory means every *.sql file inside, in sorted\n" \
	"order; - reads standard input. At least one is required.\n"

const CliSpec cli_plan_spec = {
	.name = "plan",
	.synopsis = "plan [--url URL | --env NAME] [--format sql|json|markdown] [--allow-drop] [OPTIONS] FILE|DIR|-...",
	.description = "Print the statements that would make the database at URL match the desired schema\n"
		"files, without running them (the `apply --dry-run` of pull-request checks). PostgreSQL\n"
		"cannot reorder columns: a different column order is reported as a note, not changed.\n",
	.groups = plan_groups,
	.more = PATHS_HELP
		"\n"
		"Exit status: 0 when the database already matches, 2 when there are changes (skipped\n"
		"destructive ones do not count), 1 on any error; with --fail-on-hazard, 3 when the plan has\n"
		"hazards that are not allowed.\n",
	.examples = "sqlshape plan --url mysql://app@127.0.0.1:3306/shop schema/\n"
		"sqlshape plan --env staging --format markdown --fail-on-hazard schema/ > plan.md\n"
		"sqlshape plan --url postgres://app@db/shop --allow-hazard index-build,table-rewrite schema/",
};

const CliSpec cli_apply_spec = {
	.name = "apply",
	.synopsis = "apply [--url URL | --env NAME] [--dry-run] [--allow-drop] [OPTIONS] FILE|DIR|-...",
	.description = "Make the database at URL match the desired schema files: run the planned statements in\n"
		"order, reporting each as it completes. On a server error it stops, prints the failing\n"
		"statement, the server's message and what had been applied already, and exits 1.\n",
	.groups = apply_groups,
	.more = PATHS_HELP
		"\n"
		"Before anything runs, the plan is rehearsed in a scratch database built from the current\n"
		"structure (no rows); every statement runs with a short lock wait and is retried on lock\n"
		"timeouts; sessions holding a table are named; every run is journaled on the server\n"
		"(`_sqlshape` database; `sqlshape history`), and an unfinished run is reported and cleaned\n"
		"up by the next apply. Options may come from sqlshape.conf (see --config).\n"
		"\n"
		"Exit status: 0 when the database matches afterwards (or already did), 1 on any error;\n"
		"with --dry-run as `sqlshape plan` (2 when there are changes).\n",
	.examples = "sqlshape apply --url mysql://app@127.0.0.1:3306/shop schema/\n"
		"sqlshape apply --env staging --allow-drop --lock-timeout 1 schema/\n"
		"sqlshape apply --env production --dry-run --format json schema/",
};

typedef struct RunOpts {
	const char *url;
	const char *format;
	const char *allow_hazard;   /* comma-separated codes, as given (repeats joined) */
	const char *osc;
	long long online_copy_min_rows;
	bool allow_drop;
	bool dry_run;
	bool fail_on_hazard;        /* plan: exit 3 when apply would refuse the plan */
	char **paths;
	int npaths;
	ExecConfig cfg;         /* executor options and sqlshape.conf (executor/config.h) */
} RunOpts;

/* A planner option's value into o: 0, or 1 on a bad value (message printed). */
static int planner_option(int id, const char *val, RunOpts *o)
{
	if (id == OPT_ONLINE_COPY_MIN_ROWS) {
		char *end;
		errno = 0;
		o->online_copy_min_rows = strtoll(val, &end, 10);
		if (errno || end == val || *end || o->online_copy_min_rows < 0) {
			fprintf(stderr, "sqlshape: error: --online-copy-min-rows needs a number of rows, not \"%s\"\n", val);
			return 1;
		}
	} else if (id == OPT_ALLOW_HAZARD) {
		/* check every code now: a typo must not silently allow nothing */
		const char *p = val;
		while (*p) {
			size_t n = strcspn(p, ",");
			char code[64];
			snprintf(code, sizeof code, "%.*s", (int)(n < 63 ? n : 63), p);
			if (hazard_code_parse(code) < 0) {
				fprintf(stderr, "sqlshape: error: unknown hazard \"%s\" (expected data-loss, table-rewrite, "
					"blocking-lock, index-build, backward-incompatible or validation-scan)\n", code);
				return 1;
			}
			p += n;
			if (*p == ',')
				p++;
		}
		if (o->allow_hazard) {
			static char joined[4096];
			snprintf(joined, sizeof joined, "%s,%s", o->allow_hazard, val);
			o->allow_hazard = joined;
		} else {
			o->allow_hazard = val;
		}
	} else {
		if (strcmp(val, "builtin") && strcmp(val, "pt-osc") && strcmp(val, "none")) {
			fprintf(stderr, "sqlshape: error: unknown --osc \"%s\" (expected builtin, pt-osc or none)\n", val);
			return 1;
		}
		o->osc = val;
	}
	return 0;
}

/* Option parsing shared by plan and apply. Returns 0, 1 (error) or -1 (help printed). */
static int parse_opts(int argc, char **argv, bool is_apply, RunOpts *o)
{
	const CliSpec *spec = is_apply ? &cli_apply_spec : &cli_plan_spec;
	static char *paths[4096];
	CliParser p;
	int id, k;

	memset(o, 0, sizeof *o);
	exec_config_init(&o->cfg);
	o->format = "sql";
	o->paths = paths;
	o->online_copy_min_rows = -1;  /* not given: sqlshape.conf, else the planner's default */
	cli_init(&p, spec, argc, argv);
	while ((id = cli_next(&p)) != CLI_DONE) {
		switch (id) {
		case CLI_HELP:
			return -1;
		case CLI_ERROR:
			return 1;
		case OPT_URL:
			o->url = p.val;
			break;
		case OPT_FORMAT:
			o->format = p.val;
			break;
		case OPT_ALLOW_DROP:
			o->allow_drop = true;
			break;
		case OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case OPT_FAIL_ON_HAZARD:
			o->fail_on_hazard = true;
			break;
		case OPT_ONLINE_COPY_MIN_ROWS:
		case OPT_ALLOW_HAZARD:
		case OPT_OSC:
			if (planner_option(id, p.val, o))
				return 1;
			break;
		case CLI_ARG:
			if (strstr(p.val, "://"))  /* never echo what may be a URL with its password */
				return cli_error(spec, "unexpected argument (a URL? use --url URL)");
			if (o->npaths == (int)(sizeof paths / sizeof paths[0]))
				return cli_error(spec, "too many paths");
			paths[o->npaths++] = (char *)p.val;
			break;
		default:
			if ((k = exec_config_set(&o->cfg, id, p.val)) < 0)
				return 1;
			assert(k == 1);  /* every id of the groups is handled */
			break;
		}
	}
	if (!o->npaths)
		return cli_error(spec, "no desired schema given (FILE, DIR or -)");
	if (strcmp(o->format, "sql") && strcmp(o->format, "json") && strcmp(o->format, "markdown"))
		return cli_error(spec, "unknown format \"%s\" (expected sql, json or markdown)", o->format);
	if (is_apply && !o->dry_run && strcmp(o->format, "sql"))
		return cli_error(spec, "--format %s needs --dry-run", o->format);
	return 0;
}

static int write_out(Diag *d, const StrBuf *sb)
{
	if (fwrite(sb->buf, 1, sb->len, stdout) != sb->len || fflush(stdout) != 0)
		return diag_error(d, LOC_NONE, "cannot write the plan: %s", strerror(errno));
	return 0;
}

/* What an external step needs: the planner's options and the URL (pt-online-schema-change),
 * the session (the built-in engine). */
typedef struct OscCtx {
	const PlanOptions *po;
	const DbUrl *u;
	ExecSession *es;
} OscCtx;

static int run_osc(const ExecStep *st, void *ctx, Diag *d)
{
	const OscCtx *oc = ctx;
	const PlanStep *ps = st->source;
	if (ps && ps->online_builtin)
		return online_copy_run(oc->es, ps, d);
	if (oc->es && oc->es->opt.replicas)
		fprintf(oc->es->out, "-- note: --replicas is watched by the built-in engine only; pt-online-schema-change "
			"finds and watches replicas itself (its --recursion-method and --max-lag)\n");
	return osc_run(d, ps, oc->po, oc->u);
}

/* Verification's convergence check: what the differ still finds between the rehearsal's
 * result and the desired schema. View texts are left out: the server stores its own spelling
 * of a view's query, which the rehearsal cannot match against the text as written (plan and
 * apply compare views as the server stores them before planning). So are tables with a
 * destructive change left out of the plan (no --allow-drop): they cannot converge by design. */
typedef struct Remaining {
	const DiffOptions *dopt;
	const Plan *plan;
} Remaining;

static int plan_remaining(Arena *a, const Schema *after, const Schema *want, const ServerInfo *si, void *ctx,
			  StrBuf *sb)
{
	const Remaining *r = ctx;
	Plan *p = diff_schemas(a, after, want, si, r->dopt);
	int n = 0;
	for (int i = 0; i < p->changes.n; i++) {
		const Change *ch = p->changes.v[i];
		bool skipped = false;
		if (ch->kind == CHANGE_REPLACE_VIEW)
			continue;
		for (int k = 0; k < r->plan->skipped.n && !skipped; k++)
			skipped = ch->table && str_eq(ch->table, r->plan->skipped.v[k]->table);
		if (skipped)
			continue;
		sb_addf(sb, "  %s;\n", ch->sql);
		n++;
	}
	return n;
}

/* The definition of a view as this server stores it: create it in a scratch database (so the
 * target is never touched), read SHOW CREATE VIEW back and parse it like the catalogue does.
 * NULL when the server refuses (e.g. the view reads a table the plan has yet to create). */
static const View *probe_view(Arena *a, Conn *c, const char *scratch, const char *target, const View *v)
{
	Diag pd;
	StrBuf sb;
	MYSQL_RES *res;
	MYSQL_ROW row;
	const View *out = NULL;
	const char *text = NULL;
	Schema *s;

	diag_init(&pd, a);
	pd.stream = NULL;
	sb_init(&sb);
	sb_adds(&sb, "CREATE OR REPLACE VIEW ");
	sb_add_mysql_ident(&sb, scratch);
	sb_adds(&sb, ".`probe`");
	if (v->columns.n) {
		sb_adds(&sb, " (");
		for (int i = 0; i < v->columns.n; i++) {
			if (i)
				sb_adds(&sb, ", ");
			sb_add_mysql_ident(&sb, v->columns.v[i]);
		}
		sb_addc(&sb, ')');
	}
	sb_adds(&sb, " AS ");
	sb_adds(&sb, v->definition);
	if (conn_exec(c, &pd, sb_str(&sb)) < 0)
		goto out;
	sb_reset(&sb);
	sb_adds(&sb, "SHOW CREATE VIEW ");
	sb_add_mysql_ident(&sb, scratch);
	sb_adds(&sb, ".`probe`");
	res = mysql_query_rows(c, &pd, sb_str(&sb));
	if (!res)
		goto out;
	row = mysql_fetch_row(res);
	if (row && mysql_num_fields(res) > 1 && row[1])
		text = arena_strdup(a, row[1]);
	mysql_free_result(res);
	if (!text)
		goto out;
	text = mysql_strip_db_qualifier(a, mysql_strip_db_qualifier(a, text, scratch), target);
	s = schema_new(a, DIALECT_MYSQL);
	if (mysql_parse_flavor(a, &pd, diag_add_file(&pd, "probe", text, strlen(text)), s, NULL, conn_server(c)->flavor) < 0 ||
	    s->views.n != 1)
		goto out;
	mysql_normalize(a, s, conn_server(c));
	out = s->views.v[0];
out:
	sb_release(&sb);
	diag_release(&pd);
	return out;
}

/* The server rewrites a view's query (qualified columns, aliases, its own spelling), so a
 * desired view and the same view read back differ in text. For each view that exists on both
 * sides with a different text, ask the server for its own form of the desired query; when it
 * equals the current one, the desired view takes the current text and no change is planned.
 * Best effort: without the right to create a scratch database, views compare as written. */
static void views_as_server_stores(Arena *a, Conn *c, const DbUrl *u, const Schema *cur, Schema *want)
{
	const char *scratch = arena_printf(a, "_sqlshape_probe_%ld", (long)getpid());
	bool made = false;
	Diag pd;

	diag_init(&pd, a);
	pd.stream = NULL;
	for (int i = 0; i < want->views.n; i++) {
		View *w = want->views.v[i];
		const View *cv = schema_find_view(cur, NULL, w->name), *pv;
		EqCtx eq;
		eqctx_init(&eq, DIALECT_MYSQL);
		if (!cv || View_equal(cv, w, &eq) || !w->definition)
			continue;
		if (!made) {
			StrBuf sb;
			sb_init(&sb);
			sb_adds(&sb, "CREATE DATABASE ");
			sb_add_mysql_ident(&sb, scratch);
			made = conn_exec(c, &pd, sb_str(&sb)) == 0;
			sb_release(&sb);
			if (!made)
				break;
		}
		pv = probe_view(a, c, scratch, u->database, w);
		if (pv && str_eq(pv->definition, cv->definition)) {
			w->definition = cv->definition;
			if (!w->columns.n)
				w->columns = cv->columns;
		}
	}
	if (made) {
		StrBuf sb;
		sb_init(&sb);
		sb_adds(&sb, "DROP DATABASE ");
		sb_add_mysql_ident(&sb, scratch);
		conn_exec(c, &pd, sb_str(&sb));
		sb_release(&sb);
	}
	diag_release(&pd);
}

/* PlanOptions from the command line (and, for --osc pt-osc, the connection). */
static void planner_options(Arena *a, const RunOpts *o, const DbUrl *u, PlanOptions *po)
{
	plan_options_init(po);
	po->online_copy_min_rows = o->online_copy_min_rows;
	po->allow_drop = o->allow_drop;
	for (const char *p = o->allow_hazard; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n)
			LIST_PUSH(a, &po->allow_hazards, arena_strndup(a, p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	if (o->osc && !strcmp(o->osc, "pt-osc")) {
		po->osc = OSC_PT;
		osc_fill_options(a, po, u);
	} else if (o->osc && !strcmp(o->osc, "none")) {
		po->osc = OSC_NONE;
	} else {
		po->osc = OSC_BUILTIN;
	}
}

/* plan --fail-on-hazard: whether apply would refuse the plan (a hazard not allowed, a change
 * that cannot run here) or leave destructive changes out (their data-loss hazard is not
 * allowed without --allow-drop); one error on stderr per reason. */
static bool fails_policy(Diag *d, const Plan *p, const SafePlan *sp, const PlanOptions *po)
{
	bool bad = plan_check_policy(d, sp, po) < 0;
	if (plan_check_runnable(d, sp) < 0)
		bad = true;
	for (int i = 0; i < p->skipped.n; i++) {
		diag_error(d, LOC_NONE, "destructive change not allowed (hazard data-loss): %s", p->skipped.v[i]->sql);
		bad = true;
	}
	if (p->skipped.n)
		diag_hint(d, "apply leaves it out; allow it with --allow-drop (allow_drop = yes in sqlshape.conf)");
	return bad;
}

static int plan_or_apply(int argc, char **argv, bool is_apply)
{
	RunOpts o;
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	Schema *cur, *want;
	Plan *p;
	SafePlan *sp;
	PlanOptions po;
	DiffOptions dopt = {0};
	StrBuf sb;
	ExecSession es = {0};
	ExecStepList steps = {0};
	Remaining rem;
	OscCtx osc;
	int rc;

	rc = parse_opts(argc, argv, is_apply, &o);
	if (rc)
		return rc < 0 ? 0 : 1;
	rc = 1;
	arena_init(&a);
	diag_init(&d, &a);
	d.color = diag_color_for(stderr);
	sb_init(&sb);
	if (exec_config_load(&a, &d, &o.cfg) < 0)
		goto out;
	if (!o.url)
		o.url = o.cfg.url;
	if (!o.url) {
		cli_error(is_apply ? &cli_apply_spec : &cli_plan_spec, "missing --url (or --env NAME with a url in sqlshape.conf)");
		goto out;
	}
	if (o.cfg.allow_drop == 1)
		o.allow_drop = true;
	if (!o.osc)
		o.osc = o.cfg.osc;
	if (o.online_copy_min_rows < 0)
		o.online_copy_min_rows = o.cfg.online_copy_min_rows >= 0 ? o.cfg.online_copy_min_rows
									  : PLAN_DEFAULT_ONLINE_COPY_MIN_ROWS;
	if (o.cfg.allow_hazards && *o.cfg.allow_hazards) {
		/* the file's allowed hazards are checked as the command line's are */
		for (const char *h = o.cfg.allow_hazards; *h;) {
			size_t n = strcspn(h, ", ");
			if (n && hazard_code_parse(arena_strndup(&a, h, n)) < 0) {
				diag_error(&d, LOC_NONE, "sqlshape.conf: unknown hazard \"%.*s\" in allow_hazards", (int)n, h);
				goto out;
			}
			h += n;
			h += strspn(h, ", ");
		}
		o.allow_hazard = o.allow_hazard ? arena_printf(&a, "%s,%s", o.allow_hazard, o.cfg.allow_hazards)
						: o.cfg.allow_hazards;
	}
	if (dburl_parse(&a, &d, o.url, &u) < 0)
		goto out;
	c = conn_open(&a, &d, &u);
	if (!c)
		goto out;
	/* Before reading the catalogue: a crashed run's leftovers are cleaned up first, so the
	 * plan starts from what is really there. */
	if (is_apply && !o.dry_run && exec_session_open(&es, &a, &d, c, &o.cfg.exec) < 0)
		goto out;
	/* read as the target server reads them (MySQL: executable comments, column-level
	 * REFERENCES) */
	/* the server reads its catalogue while the files are parsed */
	if (catalog_send(c, &d) < 0)
		goto out;
	want = schema_new(&a, u.dialect);
	if (schema_load_paths_flavor(&a, &d, u.dialect, conn_server(c)->flavor, o.paths, o.npaths, want, NULL) < 0)
		goto out;
	cur = schema_new(&a, u.dialect);
	if (catalog_read(&a, &d, c, cur) < 0)
		goto out;
	if (u.dialect == DIALECT_POSTGRES) {
		pg_normalize(&a, want, conn_server(c));
		pg_spell_desired(&a, &d, c, cur, want);
		pg_sequence_positions(&a, &d, c, cur, want);
		/* Canonical expressions leave "public." out, as the server prints them with this
		 * search_path (or the database's own, when its first schema is another: the
		 * catalogue was read under it); function bodies are checked when they run, as
		 * pg_dump's scripts do. */
		const char *path = conn_server(c)->search_path;
		if (conn_exec(c, &d, arena_printf(&a, "SET search_path = %s", path ? path : "public")) < 0 ||
		    conn_exec(c, &d, "SET check_function_bodies = false") < 0)
			goto out;
	} else {
		mysql_normalize(&a, want, conn_server(c));
		views_as_server_stores(&a, c, &u, cur, want);
	}
	dopt.allow_drop = o.allow_drop;
	p = diff_schemas(&a, cur, want, conn_server(c), &dopt);
	planner_options(&a, &o, &u, &po);
	sp = plan_changes(&a, p, cur, want, conn_server(c), &po);

	if (!is_apply || o.dry_run) {
		if (!strcmp(o.format, "json"))
			safeplan_print_json(&sb, sp, &po);
		else if (!strcmp(o.format, "markdown"))
			safeplan_print_markdown(&sb, sp, &po);
		else
			safeplan_print_sql(&sb, sp, &po);
		if (write_out(&d, &sb) < 0)
			goto out;
		rc = plan_count(p) ? 2 : 0;
		if (o.fail_on_hazard && fails_policy(&d, p, sp, &po))
			rc = 3;
		goto out;
	}
	/* refused hazards and changes that cannot run here stop everything before it starts */
	if (plan_check_policy(&d, sp, &po) < 0 || plan_check_runnable(&d, sp) < 0)
		goto out;
	osc.po = &po;
	osc.u = &u;
	osc.es = &es;
	exec_steps_from_safeplan(&a, sp, &steps, run_osc, &osc);
	rem.dopt = &dopt;
	rem.plan = p;
	if (exec_apply(&es, cur, want, &steps, plan_remaining, &rem) < 0)
		goto out;
	for (int i = 0; i < p->skipped.n; i++)
		printf("-- skipped (needs --allow-drop): %s;\n", p->skipped.v[i]->sql);
	for (int i = 0; i < p->notes.n; i++)
		printf("-- note: %s\n", p->notes.v[i]);
	if (!p->changes.n)
		printf("-- nothing to do: the database matches\n");
	fflush(stdout);
	rc = 0;
out:
	exec_session_close(&es);
	conn_close(c);
	sb_release(&sb);
	diag_release(&d);
	arena_release(&a);
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	return plan_or_apply(argc, argv, false);
}

int cmd_apply(int argc, char **argv)
{
	return plan_or_apply(argc, argv, true);
}

/* ---- sqlshape cutover ---- */

enum { OPT_CUTOVER_URL = 1 };

static const CliOpt cutover_opts[] = {
	{OPT_CUTOVER_URL, "--url", "URL", NULL, "the MySQL/MariaDB database (as for apply; never printed). "
		"Default: the url key of sqlshape.conf"},
	{0, NULL, NULL, NULL, NULL},
};

static const CliOpt *const cutover_groups[] = {cutover_opts, exec_cutover_opts, exec_replica_opts, exec_run_opts,
						exec_config_opts, NULL};

const CliSpec cli_cutover_spec = {
	.name = "cutover",
	.synopsis = "cutover [--url URL | --env NAME] [--keep-old-table] [OPTIONS] [TABLE]",
	.description = "Finish online copies that `apply --defer-cutover` left ready: check the checksums of\n"
		"original and shadow table again, then swap them with one atomic RENAME TABLE under the\n"
		"short lock wait (retried), drop the triggers and (unless kept) the old table.\n",
	.groups = cutover_groups,
	.more = "TABLE: the table whose copy to finish; without it every deferred copy of the database.\n"
		"\n"
		"Exit status: 0 when every copy was swapped, 1 on any error (or when none was waiting).\n",
	.examples = "sqlshape cutover --url mysql://app@127.0.0.1:3306/shop orders\n"
		"sqlshape cutover --env production --lock-timeout 1 --retries 30",
};

int cmd_cutover(int argc, char **argv)
{
	ExecConfig cfg;
	const char *url = NULL, *table = NULL;
	Arena a;
	Diag d;
	DbUrl u;
	Conn *c = NULL;
	ExecSession es = {0};
	CliParser p;
	int rc = 1, id;

	exec_config_init(&cfg);
	cli_init(&p, &cli_cutover_spec, argc, argv);
	while ((id = cli_next(&p)) != CLI_DONE) {
		switch (id) {
		case CLI_HELP:
			return 0;
		case CLI_ERROR:
			return 1;
		case OPT_CUTOVER_URL:
			url = p.val;
			break;
		case CLI_ARG:
			if (strstr(p.val, "://"))  /* never echo what may be a URL with its password */
				return cli_error(&cli_cutover_spec, "unexpected argument (a URL? use --url URL)");
			if (table)
				return cli_error(&cli_cutover_spec, "one TABLE at most");
			table = p.val;
			break;
		default:
			if (exec_config_set(&cfg, id, p.val) < 0)
				return 1;
			break;
		}
	}
	arena_init(&a);
	diag_init(&d, &a);
	d.color = diag_color_for(stderr);
	if (exec_config_load(&a, &d, &cfg) < 0)
		goto out;
	if (!url)
		url = cfg.url;
	if (!url) {
		cli_error(&cli_cutover_spec, "missing --url");
		goto out;
	}
	if (dburl_parse(&a, &d, url, &u) < 0)
		goto out;
	if (u.dialect != DIALECT_MYSQL) {
		diag_error(&d, LOC_NONE, "cutover: the online copy engine is for MySQL/MariaDB");
		goto out;
	}
	c = conn_open(&a, &d, &u);
	if (!c || exec_session_open(&es, &a, &d, c, &cfg.exec) < 0)
		goto out;
	if (online_copy_cutover(&es, table) < 0)
		goto out;
	rc = 0;
out:
	exec_session_close(&es);
	conn_close(c);
	diag_release(&d);
	arena_release(&a);
	return rc;
}
