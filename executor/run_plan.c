/*
 * run_plan.c: the planner's SafePlan (planner/planner.h) as executor steps. The planner
 * decides what runs and how (pinned ALGORITHM/LOCK, CONCURRENTLY, NOT VALID + VALIDATE, the
 * cleanup of each step); this file only carries those decisions over, in order, without
 * changing a statement.
 */
#include "executor/run.h"
#include "planner/planner.h"

void exec_steps_from_safeplan(Arena *a, const SafePlan *sp, ExecStepList *out, ExecExternalFn external, void *ctx)
{
	for (int i = 0; i < sp->changes.n; i++) {
		const PlannedChange *pc = sp->changes.v[i];
		const char *label = arena_printf(a, "%s (%s)", ChangeKind_name(pc->change->kind),
						 Strategy_name(pc->strategy));
		for (int k = 0; k < pc->steps.n; k++) {
			const PlanStep *ps = pc->steps.v[k];
			ExecStep *st;
			if (ps->online_builtin) {
				st = exec_step_add(a, out, arena_printf(a, "-- online copy (engine builtin): %s", ps->sql), label,
						   ps->lock_table);
				st->external = external;
				st->external_ctx = ctx;
				st->rehearse_sql = pc->change->sql;
			} else if (ps->osc_argv.n) {
				StrBuf sb;
				sb_init(&sb);
				sb_adds(&sb, "-- external:");
				for (int j = 0; j < ps->osc_argv.n; j++)
					sb_addf(&sb, " %s", ps->osc_argv.v[j]);
				st = exec_step_add(a, out, sb_to_arena(&sb, a), label, ps->lock_table);
				sb_release(&sb);
				st->external = external;
				st->external_ctx = ctx;
				/* the rehearsal's tables are empty: the plain statement does the same */
				st->rehearse_sql = pc->change->sql;
			} else {
				st = exec_step_add(a, out, ps->sql, label, ps->lock_table);
			}
			st->schema = ps->lock_schema;
			st->in_txn = ps->in_transaction;
			st->cleanup_sql = ps->cleanup_sql;
			st->source = ps;
		}
	}
}
