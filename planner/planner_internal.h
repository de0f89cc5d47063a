/*
 * planner_internal.h: helpers shared by the planner's files (planner.c, plan_mysql.c,
 * plan_pg.c, plan_output.c). Not part of the contract: the executor includes planner.h only.
 */
#ifndef SQLSHAPE_PLANNER_INTERNAL_H
#define SQLSHAPE_PLANNER_INTERNAL_H

#include "planner/planner.h"

typedef struct PlanCtx {
	Arena *a;
	const Plan *plan;
	const Schema *cur, *want;
	const ServerInfo *si;
	const PlanOptions *o;
} PlanCtx;

/* Append a hazard; reason is printf-formatted into the arena. */
void pc_hazard(PlanCtx *x, PlannedChange *pc, HazardCode code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A new step appended to pc (zeroed; strategy and lock to be filled by the caller). */
PlanStep *pc_step(PlanCtx *x, PlannedChange *pc, const char *sql);
/* The table's size text for reasons ("`orders` (1.2M rows, 340 MB)"). */
const char *pc_table_size(PlanCtx *x, const PlannedChange *pc);
/* Whether the change's table is at or above the online-copy threshold. */
bool pc_big(const PlanCtx *x, const PlannedChange *pc);
/* Strategy cost order (direct < instant < inplace/concurrently/... < copy < online-copy). */
int strategy_rank(Strategy s);

void plan_mysql_change(PlanCtx *x, PlannedChange *pc);
void plan_pg_change(PlanCtx *x, PlannedChange *pc);

#endif
