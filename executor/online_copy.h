/*
 * online_copy.h: the built-in online copy engine for MySQL/MariaDB (the `online-copy` strategy
 * with --osc builtin). A change the server can only make with a blocking copy is made on a
 * shadow table instead while the application keeps writing:
 *
 *   1. refuse early, before anything is created: no PRIMARY KEY or NOT NULL unique key to walk,
 *      foreign keys from or to the table, triggers of its own, system versioning, not InnoDB;
 *   2. shadow `<t>__osc_new` = CREATE TABLE LIKE + the planned clauses; AFTER INSERT/UPDATE/
 *      DELETE triggers `<t>__osc_ins/_upd/_del` on the original keep it in sync (an upsert, and
 *      a DELETE by the old key when an UPDATE changes it); every DDL under the session's short
 *      lock wait, retried with back-off; once the triggers may exist, first tried without
 *      waiting (MariaDB lock_wait_timeout = 0) so that it never queues the application nor
 *      deadlocks with a transaction between its read and its write;
 *   3. keyset chunks along the key, INSERT ... SELECT read READ COMMITTED without locks, the
 *      chunk size adapted to a target time (0.05 s; 0.01 s under AUTO-INC table locks),
 *      paused while Threads_running or a watched replica's lag is above its limit
 *      (executor/osc_throttle.h); the chunk and the position's UPDATE never wait for the
 *      application's locks (tried again instead); plain secondary indexes of the shadow
 *      built after the copy;
 *   4. per-chunk checksums (COUNT + BIT_XOR(CRC32(...))) of original and shadow from one
 *      consistent snapshot; a chunk that differs is copied again under shared locks;
 *   5. cut-over: AUTO_INCREMENT carried over, one atomic RENAME TABLE t TO <t>__osc_old,
 *      <t>__osc_new TO t under the short lock wait, retried; triggers and (unless kept) the old
 *      table dropped.
 *
 * One run per table (GET_LOCK). The state is checkpointed in `_sqlshape`.`online_copies`, so
 * the next apply (or cutover) after a crash at any point finishes a swap that happened, waits
 * for `sqlshape cutover` when the copy was deferred, or drops the triggers and then the shadow:
 * the original is never altered in place nor short of rows. SQLSHAPE_OSC_STOP_AT=PHASE (shadow,
 * triggers, copy, verify, rename) kills the process at that point: for tests only.
 */
#ifndef SQLSHAPE_ONLINE_COPY_H
#define SQLSHAPE_ONLINE_COPY_H

#include "executor/run.h"
#include "planner/planner.h"

/* Run one online-copy step (ps->online_builtin) on the session's DDL connection with the
 * session's options (chunk_time, chunk_size, max_threads_running, keep_old_table,
 * defer_cutover). 0 when the table was swapped (or, deferred, is ready to be); -1 after a
 * diagnostic, with everything it created dropped again. */
int online_copy_run(ExecSession *s, const PlanStep *ps, Diag *d);

/* What an interrupted run left in the session's database: finish a swap that happened, keep
 * a deferred copy (reported), else drop triggers first, then the shadow table. Called by
 * exec_session_open under the per-database apply lock. -1 only when the state cannot be read. */
int online_copy_recover(ExecSession *s);

/* Finish deferred copies: of `table`, or of every table when NULL. Verifies the checksums
 * again, then swaps. -1 after a diagnostic (also when there is none to finish). */
int online_copy_cutover(ExecSession *s, const char *table);

/* The checkpoint table (created with the journal). */
extern const char online_copy_checkpoint_ddl[];

#endif
