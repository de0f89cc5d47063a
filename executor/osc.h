/*
 * osc.h: running an online-copy step through an external shadow-table tool
 * (pt-online-schema-change). The planner (planner/) builds the tool's argv from PlanOptions;
 * this file finds the tool, fills those options from the connection URL and runs the command.
 * The password never appears in argv, output or errors: it goes into a [client] option file
 * (mode 0600, created just before the run, removed right after) that the DSN names with F=.
 */
#ifndef SQLSHAPE_OSC_H
#define SQLSHAPE_OSC_H

#include "core/arena.h"
#include "core/diag.h"
#include "executor/conn.h"
#include "planner/planner.h"

/* The path of an executable on PATH, or NULL. */
const char *osc_find_tool(Arena *a, const char *name);

/* Fill po's osc_* fields for --osc pt-osc from the URL: tool path and availability, host,
 * port, user, socket, database, and the option file path when the URL has a password. */
void osc_fill_options(Arena *a, PlanOptions *po, const DbUrl *u);

/* Run a step's osc_argv (writing the password file first when po names one). 0 when the tool
 * exits 0; -1 with a message naming the tool and its exit status otherwise. */
int osc_run(Diag *d, const PlanStep *s, const PlanOptions *po, const DbUrl *u);

#endif
