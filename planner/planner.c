/*
 * planner.c: the dialect-independent half of the planner: names of the enums, options,
 * sizes, hazards and the policy. plan_changes() hands each change to plan_mysql.c or
 * plan_pg.c and then sums its steps up into the change's strategy and lock. No I/O here, ever:
 * errors of the policy checks go to the caller's Diag.
 */
#include <stdarg.h>
#include <string.h>

#include "planner/planner_internal.h"

#define NAME_CASE_(sym, text) case sym: return text;
#define ENUM_NAME_FN_(T) \
	const char *T##_name(int v) \
	{ \
		switch (v) { T##_VALUES(NAME_CASE_) } \
		return "?"; \
	}
ENUM_NAME_FN_(Strategy)
ENUM_NAME_FN_(HazardCode)
ENUM_NAME_FN_(Algorithm)
ENUM_NAME_FN_(MyLock)
ENUM_NAME_FN_(PgLock)
#undef ENUM_NAME_FN_
#undef NAME_CASE_

int hazard_code_parse(const char *name)
{
	for (int c = HAZARD_DATA_LOSS; c <= HAZARD_VALIDATION_SCAN; c++)
		if (str_ieq(name, HazardCode_name(c)))
			return c;
	return -1;
}

void plan_options_init(PlanOptions *o)
{
	memset(o, 0, sizeof *o);
	o->online_copy_min_rows = PLAN_DEFAULT_ONLINE_COPY_MIN_ROWS;
}

static void human_count(StrBuf *sb, long long n, const char *const units[], double base)
{
	double v = (double)n;
	int u = 0;
	while (v >= base && units[u + 1]) {
		v /= base;
		u++;
	}
	if (u == 0)
		sb_addf(sb, "%lld%s", n, units[0]);
	else
		sb_addf(sb, v < 10 ? "%.1f%s" : "%.0f%s", v, units[u]);
}

const char *plan_size_text(Arena *a, long long rows, long long bytes)
{
	static const char *const row_units[] = {"", "k", "M", "G", NULL};
	static const char *const byte_units[] = {" B", " kB", " MB", " GB", " TB", NULL};
	StrBuf sb;
	if (rows < 0)
		return "new table";
	sb_init(&sb);
	human_count(&sb, rows, row_units, 1000.0);
	sb_adds(&sb, rows == 1 ? " row" : " rows");
	if (bytes >= 0) {
		sb_adds(&sb, ", ");
		human_count(&sb, bytes, byte_units, 1024.0);
	}
	return sb_move_to_arena(&sb, a);
}

const char *pc_table_size(PlanCtx *x, const PlannedChange *pc)
{
	const char *t = pc->change->table ? pc->change->table : pc->change->object;
	return arena_printf(x->a, "\"%s\" (%s)", t ? t : "?", plan_size_text(x->a, pc->rows, pc->bytes));
}

bool pc_big(const PlanCtx *x, const PlannedChange *pc)
{
	return pc->rows >= 0 && pc->rows >= x->o->online_copy_min_rows;
}

void pc_hazard(PlanCtx *x, PlannedChange *pc, HazardCode code, const char *fmt, ...)
{
	Hazard *h = ARENA_NEW(x->a, Hazard);
	va_list ap;
	va_start(ap, fmt);
	h->code = code;
	h->reason = arena_vprintf(x->a, fmt, ap);
	va_end(ap);
	h->over_threshold = pc_big(x, pc);
	/* One hazard of a code per change: the first reason is the most specific one. */
	for (int i = 0; i < pc->hazards.n; i++)
		if (pc->hazards.v[i]->code == code)
			return;
	LIST_PUSH(x->a, &pc->hazards, h);
}

PlanStep *pc_step(PlanCtx *x, PlannedChange *pc, const char *sql)
{
	PlanStep *s = ARENA_NEW(x->a, PlanStep);
	s->sql = sql;
	LIST_PUSH(x->a, &pc->steps, s);
	return s;
}

int strategy_rank(Strategy s)
{
	switch (s) {
	case STRATEGY_DIRECT: return 0;
	case STRATEGY_INSTANT: return 1;
	case STRATEGY_INPLACE: return 2;
	case STRATEGY_CONCURRENTLY: return 2;
	case STRATEGY_NOT_VALID_VALIDATE: return 3;
	case STRATEGY_SET_NOT_NULL_VIA_CHECK: return 4;
	case STRATEGY_COPY: return 5;
	case STRATEGY_ONLINE_COPY: return 6;
	}
	return 0;
}

/* The change's strategy and lock: the most expensive of its steps. */
static void sum_steps(PlannedChange *pc)
{
	for (int i = 0; i < pc->steps.n; i++) {
		const PlanStep *s = pc->steps.v[i];
		if (i == 0 || strategy_rank(s->strategy) > strategy_rank(pc->strategy))
			pc->strategy = s->strategy;
		if (s->lock.algorithm > pc->lock.algorithm)
			pc->lock.algorithm = s->lock.algorithm;
		if (s->lock.lock > pc->lock.lock)
			pc->lock.lock = s->lock.lock;
		if (s->lock.pg_lock > pc->lock.pg_lock)
			pc->lock.pg_lock = s->lock.pg_lock;
		pc->lock.rebuild |= s->lock.rebuild;
		pc->lock.writes_blocked |= s->lock.writes_blocked;
		pc->lock.scan |= s->lock.scan;
		pc->lock.rewrite |= s->lock.rewrite;
	}
}

static PlannedChange *plan_one(PlanCtx *x, const Change *c)
{
	PlannedChange *pc = ARENA_NEW(x->a, PlannedChange);
	pc->change = c;
	pc->rows = pc->bytes = -1;
	if (x->si->flavor == FLAVOR_POSTGRES)
		plan_pg_change(x, pc);
	else
		plan_mysql_change(x, pc);
	sum_steps(pc);
	return pc;
}

SafePlan *plan_changes(Arena *a, const Plan *p, const Schema *cur, const Schema *want,
		       const ServerInfo *si, const PlanOptions *o)
{
	SafePlan *sp = ARENA_NEW(a, SafePlan);
	PlanCtx x = {a, p, cur, want, si, o};
	sp->si = si;
	sp->plan = p;
	for (int i = 0; i < p->changes.n; i++)
		LIST_PUSH(a, &sp->changes, plan_one(&x, p->changes.v[i]));
	for (int i = 0; i < p->skipped.n; i++)
		LIST_PUSH(a, &sp->skipped, plan_one(&x, p->skipped.v[i]));
	return sp;
}

static bool allowed_by_name(const PlanOptions *o, HazardCode code)
{
	for (int i = 0; i < o->allow_hazards.n; i++)
		if (str_ieq(o->allow_hazards.v[i], HazardCode_name(code)))
			return true;
	return false;
}

bool plan_hazard_refused(const Hazard *h, const PlanOptions *o)
{
	if (allowed_by_name(o, h->code))
		return false;
	if (h->code == HAZARD_DATA_LOSS)
		return !o->allow_drop;
	if (h->code == HAZARD_BLOCKING_LOCK)
		return h->over_threshold;
	return false;
}

int plan_check_policy(Diag *d, const SafePlan *sp, const PlanOptions *o)
{
	int refused = 0;
	bool codes[HAZARD_VALIDATION_SCAN + 1] = {false};
	for (int i = 0; i < sp->changes.n; i++) {
		const PlannedChange *pc = sp->changes.v[i];
		for (int k = 0; k < pc->hazards.n; k++) {
			const Hazard *h = pc->hazards.v[k];
			if (!plan_hazard_refused(h, o))
				continue;
			diag_error(d, LOC_NONE, "change %d of %d (%s \"%s\") has hazard %s: %s", i + 1,
				   sp->changes.n, ChangeKind_name(pc->change->kind),
				   pc->change->object ? pc->change->object : "", HazardCode_name(h->code), h->reason);
			codes[h->code] = true;
			refused++;
		}
	}
	if (!refused)
		return 0;
	for (int c = 0; c <= HAZARD_VALIDATION_SCAN; c++) {
		if (!codes[c])
			continue;
		if (c == HAZARD_DATA_LOSS)
			diag_hint(d, "nothing was run; to accept data loss pass --allow-drop (or --allow-hazard data-loss)");
		else
			diag_hint(d, "nothing was run; to accept it pass --allow-hazard %s, or lower the table's size below --online-copy-min-rows",
				  HazardCode_name(c));
	}
	return -1;
}

int plan_check_runnable(Diag *d, const SafePlan *sp)
{
	int bad = 0;
	for (int i = 0; i < sp->changes.n; i++) {
		const PlannedChange *pc = sp->changes.v[i];
		if (!pc->refusal)
			continue;
		diag_error(d, LOC_NONE, "change %d of %d (%s \"%s\") cannot run: %s", i + 1, sp->changes.n,
			   ChangeKind_name(pc->change->kind), pc->change->object ? pc->change->object : "",
			   pc->refusal);
		bad++;
	}
	return bad ? -1 : 0;
}
