/*
 * plan_output.c: a SafePlan as a SQL script with the planner's findings as comments, as JSON
 * (the differ's document plus strategy, lock, sizes, hazards and steps) and as a Markdown table
 * for a pull-request comment. Pure formatting: no I/O, no decisions (the policy verdict of each
 * hazard comes from plan_hazard_refused).
 */
#include <string.h>

#include <cJSON.h>

#include "planner/planner_internal.h"

/* "ALGORITHM=INSTANT, LOCK=DEFAULT" / "ACCESS EXCLUSIVE, scan, rewrite" / "" */
static void lock_text(StrBuf *sb, const SafePlan *sp, const LockInfo *l)
{
	if (sp->si->flavor == FLAVOR_POSTGRES) {
		if (l->pg_lock != PGLOCK_NONE)
			sb_addf(sb, "lock %s", PgLock_name(l->pg_lock));
		if (l->scan && !l->rewrite)
			sb_adds(sb, l->writes_blocked ? ", scans the table holding it"
						      : ", scans the table (reads and writes continue)");
		if (l->rewrite)
			sb_adds(sb, ", rewrites the table");
		return;
	}
	if (l->algorithm != ALGO_NONE) {
		sb_addf(sb, "ALGORITHM=%s", Algorithm_name(l->algorithm));
		if (l->lock != MYLOCK_UNSET)
			sb_addf(sb, ", LOCK=%s", MyLock_name(l->lock));
		if (l->rebuild)
			sb_adds(sb, ", rebuilds the table");
		if (l->writes_blocked)
			sb_adds(sb, ", writes blocked");
	}
}

static const char *size_text(Arena *a, const PlannedChange *pc)
{
	if (pc->rows < 0)
		return pc->change->kind == CHANGE_CREATE_TABLE ? "new table" : "-";
	return plan_size_text(a, pc->rows, pc->bytes);
}

static void comment_lines(StrBuf *sb, const char *prefix, const char *text)
{
	sb_adds(sb, prefix);
	for (const char *p = text; *p; p++) {
		sb_addc(sb, *p);
		if (*p == '\n')
			sb_adds(sb, "--   ");
	}
	sb_addc(sb, '\n');
}

static void statement(StrBuf *sb, const char *sql, bool has_body)
{
	if (has_body) {
		sb_adds(sb, "DELIMITER //\n");
		sb_adds(sb, sql);
		sb_adds(sb, "//\nDELIMITER ;\n");
		return;
	}
	sb_adds(sb, sql);
	sb_adds(sb, ";\n");
}

static const char *argv_text(Arena *a, const StrList *argv)
{
	StrBuf sb;
	sb_init(&sb);
	for (int i = 0; i < argv->n; i++) {
		const char *w = argv->v[i];
		if (i)
			sb_addc(&sb, ' ');
		if (strpbrk(w, " '\"`$\\*?();&|<>") || !*w) {
			sb_addc(&sb, '\'');
			for (const char *p = w; *p; p++) {
				if (*p == '\'')
					sb_adds(&sb, "'\\''");
				else
					sb_addc(&sb, *p);
			}
			sb_addc(&sb, '\'');
		} else {
			sb_adds(&sb, w);
		}
	}
	return sb_move_to_arena(&sb, a);
}

void safeplan_print_sql(StrBuf *sb, const SafePlan *sp, const PlanOptions *o)
{
	Arena a;
	arena_init(&a);
	for (int i = 0; i < sp->changes.n; i++) {
		const PlannedChange *pc = sp->changes.v[i];
		const Change *c = pc->change;
		StrBuf lk;
		sb_init(&lk);
		lock_text(&lk, sp, &pc->lock);
		sb_addf(sb, "-- [%d/%d] %s \"%s\": strategy %s", i + 1, sp->changes.n, ChangeKind_name(c->kind),
			c->object ? c->object : "", Strategy_name(pc->strategy));
		if (lk.len)
			sb_addf(sb, ", %s", sb_str(&lk));
		if (pc->rows >= 0)
			sb_addf(sb, ", %s", plan_size_text(&a, pc->rows, pc->bytes));
		sb_addc(sb, '\n');
		sb_release(&lk);
		for (int k = 0; k < pc->hazards.n; k++) {
			const Hazard *h = pc->hazards.v[k];
			sb_addf(sb, "-- hazard %s%s: %s\n", HazardCode_name(h->code),
				plan_hazard_refused(h, o) ? " (refused)" : "", h->reason);
		}
		if (pc->refusal)
			sb_addf(sb, "-- cannot run here: %s\n", pc->refusal);
		for (int k = 0; k < pc->steps.n; k++) {
			const PlanStep *s = pc->steps.v[k];
			if (pc->steps.n > 1) {
				sb_addf(sb, "-- step %d/%d", k + 1, pc->steps.n);
				if (s->note)
					sb_addf(sb, ": %s", s->note);
				if (!s->in_transaction && sp->si->flavor == FLAVOR_POSTGRES)
					sb_adds(sb, " (outside a transaction)");
				sb_addc(sb, '\n');
			} else if (!s->in_transaction && sp->si->flavor == FLAVOR_POSTGRES) {
				sb_adds(sb, "-- outside a transaction\n");
			}
			if (s->cleanup_sql)
				comment_lines(sb, "-- on failure: ", s->cleanup_sql);
			if (s->osc_argv.n)
				comment_lines(sb, "-- runs: ", argv_text(&a, &s->osc_argv));
			else if (s->online_builtin)
				comment_lines(sb, "-- online-copy (engine builtin): ", s->sql);
			else if (pc->strategy == STRATEGY_ONLINE_COPY)
				comment_lines(sb, "-- online-copy (not runnable as a statement): ", s->sql);
			else
				statement(sb, s->sql, s->has_body);
		}
	}
	for (int i = 0; i < sp->skipped.n; i++)
		comment_lines(sb, "-- skipped (needs --allow-drop): ",
			      arena_printf(&a, "%s;", sp->skipped.v[i]->change->sql));
	for (int i = 0; i < sp->plan->notes.n; i++)
		sb_addf(sb, "-- note: %s\n", sp->plan->notes.v[i]);
	arena_release(&a);
}

static cJSON *lock_json(const SafePlan *sp, cJSON *o, const LockInfo *l)
{
	if (sp->si->flavor == FLAVOR_POSTGRES) {
		if (l->pg_lock != PGLOCK_NONE)
			cJSON_AddStringToObject(o, "lock", PgLock_name(l->pg_lock));
		else
			cJSON_AddNullToObject(o, "lock");
		cJSON_AddBoolToObject(o, "scan", l->scan);
		cJSON_AddBoolToObject(o, "rewrite", l->rewrite);
	} else {
		if (l->algorithm != ALGO_NONE) {
			cJSON_AddStringToObject(o, "algorithm", Algorithm_name(l->algorithm));
			cJSON_AddStringToObject(o, "lock", MyLock_name(l->lock));
		} else {
			cJSON_AddNullToObject(o, "algorithm");
			cJSON_AddNullToObject(o, "lock");
		}
		cJSON_AddBoolToObject(o, "rebuild", l->rebuild);
	}
	cJSON_AddBoolToObject(o, "writes_blocked", l->writes_blocked);
	return o;
}

static void add_opt_string(cJSON *o, const char *k, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, k, v);
	else
		cJSON_AddNullToObject(o, k);
}

static cJSON *planned_json(const SafePlan *sp, const PlannedChange *pc, const PlanOptions *opt)
{
	cJSON *o = plan_change_json(pc->change), *hz, *st;
	if (!o)
		xoom();
	cJSON_AddStringToObject(o, "strategy", Strategy_name(pc->strategy));
	lock_json(sp, o, &pc->lock);
	if (pc->rows >= 0) {
		cJSON_AddNumberToObject(o, "rows", (double)pc->rows);
		cJSON_AddNumberToObject(o, "bytes", (double)pc->bytes);
	} else {
		cJSON_AddNullToObject(o, "rows");
		cJSON_AddNullToObject(o, "bytes");
	}
	hz = cJSON_AddArrayToObject(o, "hazards");
	for (int i = 0; i < pc->hazards.n; i++) {
		const Hazard *h = pc->hazards.v[i];
		cJSON *j = cJSON_CreateObject();
		if (!j)
			xoom();
		cJSON_AddStringToObject(j, "code", HazardCode_name(h->code));
		cJSON_AddStringToObject(j, "reason", h->reason);
		cJSON_AddBoolToObject(j, "refused", plan_hazard_refused(h, opt));
		cJSON_AddItemToArray(hz, j);
	}
	add_opt_string(o, "refusal", pc->refusal);
	st = cJSON_AddArrayToObject(o, "steps");
	for (int i = 0; i < pc->steps.n; i++) {
		const PlanStep *s = pc->steps.v[i];
		cJSON *j = cJSON_CreateObject();
		if (!j)
			xoom();
		if (s->osc_argv.n) {
			cJSON *argv = cJSON_AddArrayToObject(j, "command");
			for (int k = 0; k < s->osc_argv.n; k++)
				cJSON_AddItemToArray(argv, cJSON_CreateString(s->osc_argv.v[k]));
		} else {
			cJSON_AddStringToObject(j, "sql", s->sql);
		}
		if (s->strategy == STRATEGY_ONLINE_COPY)
			cJSON_AddStringToObject(j, "engine", s->osc_argv.n ? "pt-osc" : s->online_builtin ? "builtin" : "none");
		cJSON_AddStringToObject(j, "strategy", Strategy_name(s->strategy));
		lock_json(sp, j, &s->lock);
		cJSON_AddBoolToObject(j, "in_transaction", s->in_transaction);
		add_opt_string(j, "lock_table", s->lock_table);
		add_opt_string(j, "cleanup_sql", s->cleanup_sql);
		cJSON_AddItemToArray(st, j);
	}
	return o;
}

void safeplan_print_json(StrBuf *sb, const SafePlan *sp, const PlanOptions *o)
{
	cJSON *root = cJSON_CreateObject(), *ch, *sk, *srv;
	char *text;
	if (!root)
		xoom();
	srv = cJSON_AddObjectToObject(root, "server");
	cJSON_AddStringToObject(srv, "flavor", sp->si->flavor == FLAVOR_POSTGRES ? "postgresql"
					       : sp->si->flavor == FLAVOR_MARIADB ? "mariadb" : "mysql");
	{
		char v[32];
		snprintf(v, sizeof v, "%d.%d.%d", sp->si->major, sp->si->minor, sp->si->patch);
		cJSON_AddStringToObject(srv, "version", v);
	}
	ch = cJSON_AddArrayToObject(root, "changes");
	sk = cJSON_AddArrayToObject(root, "skipped");
	for (int i = 0; i < sp->changes.n; i++)
		cJSON_AddItemToArray(ch, planned_json(sp, sp->changes.v[i], o));
	for (int i = 0; i < sp->skipped.n; i++)
		cJSON_AddItemToArray(sk, planned_json(sp, sp->skipped.v[i], o));
	if (sp->plan->notes.n) {
		cJSON *notes = cJSON_AddArrayToObject(root, "notes");
		for (int i = 0; i < sp->plan->notes.n; i++)
			cJSON_AddItemToArray(notes, cJSON_CreateString(sp->plan->notes.v[i]));
	}
	text = cJSON_Print(root);
	if (!text)
		xoom();
	sb_adds(sb, text);
	sb_addc(sb, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}

/* Table-cell text: one line, '|' escaped, at most max characters. */
static void cell(StrBuf *sb, const char *s, size_t max)
{
	size_t n = 0;
	for (const char *p = s; *p && n < max; p++, n++) {
		if (*p == '|')
			sb_adds(sb, "\\|");
		else if (*p == '\n' || *p == '\t')
			sb_addc(sb, ' ');
		else
			sb_addc(sb, *p);
	}
	if (strlen(s) > max)
		sb_adds(sb, "…");
}

void safeplan_print_markdown(StrBuf *sb, const SafePlan *sp, const PlanOptions *o)
{
	Arena a;
	int refused = 0, hazards = 0;
	arena_init(&a);
	for (int i = 0; i < sp->changes.n; i++)
		for (int k = 0; k < sp->changes.v[i]->hazards.n; k++) {
			hazards++;
			refused += plan_hazard_refused(sp->changes.v[i]->hazards.v[k], o);
		}
	if (!sp->changes.n) {
		sb_adds(sb, "**sqlshape plan**: no changes, the database matches.\n");
	} else {
		sb_addf(sb, "**sqlshape plan**: %d change%s, %d hazard%s", sp->changes.n, sp->changes.n == 1 ? "" : "s",
			hazards, hazards == 1 ? "" : "s");
		if (refused)
			sb_addf(sb, ", **%d refused by policy** (apply would stop before running anything)", refused);
		sb_adds(sb, ".\n\n| table | change | strategy | rows / size | hazards |\n|---|---|---|---|---|\n");
		for (int i = 0; i < sp->changes.n; i++) {
			const PlannedChange *pc = sp->changes.v[i];
			const Change *c = pc->change;
			sb_adds(sb, "| ");
			cell(sb, c->table ? c->table : (c->object ? c->object : ""), 64);
			/* a double-backtick code span: MySQL identifiers hold backticks */
			sb_adds(sb, " | `` ");
			cell(sb, c->sql, 100);
			sb_adds(sb, " `` | ");
			sb_adds(sb, Strategy_name(pc->strategy));
			sb_adds(sb, " | ");
			sb_adds(sb, size_text(&a, pc));
			sb_adds(sb, " | ");
			if (!pc->hazards.n && !pc->refusal)
				sb_adds(sb, "none");
			for (int k = 0; k < pc->hazards.n; k++) {
				const Hazard *h = pc->hazards.v[k];
				bool r = plan_hazard_refused(h, o);
				if (k)
					sb_adds(sb, "<br>");
				sb_addf(sb, "%s**%s**%s: ", r ? ":no_entry: " : "", HazardCode_name(h->code), r ? " (refused)" : "");
				cell(sb, h->reason, 200);
			}
			if (pc->refusal) {
				sb_adds(sb, pc->hazards.n ? "<br>" : "");
				sb_adds(sb, ":no_entry: cannot run here: ");
				cell(sb, pc->refusal, 300);
			}
			sb_adds(sb, " |\n");
		}
	}
	for (int i = 0; i < sp->plan->notes.n; i++) {
		sb_adds(sb, i ? "" : "\n");
		sb_adds(sb, "> note: ");
		cell(sb, sp->plan->notes.v[i], 300);
		sb_addc(sb, '\n');
	}
	if (sp->skipped.n) {
		sb_addf(sb, "\n%d destructive change%s skipped (needs `--allow-drop`):\n", sp->skipped.n,
			sp->skipped.n == 1 ? "" : "s");
		for (int i = 0; i < sp->skipped.n; i++) {
			sb_adds(sb, "- `` ");
			cell(sb, sp->skipped.v[i]->change->sql, 200);
			sb_adds(sb, " ``\n");
		}
	}
	arena_release(&a);
}
