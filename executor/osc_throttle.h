/*
 * osc_throttle.h: when the built-in online copy may go on. executor/online_copy.c asks before
 * every chunk of the copy and of the checksums; this file pauses it while
 *
 *   - the primary's Threads_running is above --max-threads-running (0: never);
 *   - a watched replica (--replicas, `replicas` in sqlshape.conf) lags more than
 *     --max-replica-lag seconds: as long as it lags, however long that is;
 *   - a watched replica cannot be measured: unreachable, its replication stopped (an I/O or SQL
 *     thread not running, with the replica's own error), no replication configured, no
 *     privilege to read its status, or none of this run's heartbeats arriving. Such a pause
 *     ends the copy with an error after --replica-timeout seconds (the caller then drops what
 *     it made); it never goes on without the replica.
 *
 * Lag is measured with a heartbeat: each check writes this run's own row of
 * `_sqlshape`.`osc_heartbeat` on the primary (a sequence number and UTC_TIMESTAMP(6)) and
 * reads it back on every replica. The lag is the age, on sqlshape's own monotonic clock, of the
 * oldest heartbeat the replica has not applied yet (0 when it has the newest). No two servers'
 * clocks are compared, and it is right where Seconds_Behind_Master is not (NULL while the SQL
 * thread is stopped; 0 while the I/O thread reconnects, since it measures the relay log only).
 * Its resolution is the time between checks: a chunk, at most 0.5 s apart. Without the journal
 * (--no-journal: no `_sqlshape`) there is no heartbeat table and the lag is
 * Seconds_Behind_Master, which the copy says when it starts.
 *
 * Replicas are connected lazily, with 5-second connect and read timeouts, and named only by
 * their masked URL (DbUrl.display): a password is never printed. Nothing here alters a table
 * of the application.
 */
#ifndef SQLSHAPE_OSC_THROTTLE_H
#define SQLSHAPE_OSC_THROTTLE_H

#include "executor/run.h"

typedef struct OscThrottle OscThrottle;

/* Set up the throttle of one online copy with the session's options (max_threads_running,
 * replicas, max_replica_lag, replica_timeout): parse the replica URLs, check that the primary
 * writes a binary log, create the heartbeat table and this run's row on the aux connection.
 * Connects to no replica yet. NULL after a diagnostic (a bad URL, no binary log); nothing has
 * been created on the application's tables then. Lives in the session's arena; close it. */
OscThrottle *osc_throttle_open(ExecSession *s, Diag *d);

/* Wait until the copy may go on: 0 at once when nothing is over its limit, else after the
 * pause (announced on the session's output, pr's status line cleared first; resumed with the
 * time paused). -1 after a diagnostic naming the replica when one has not been measurable for
 * --replica-timeout seconds. */
int osc_throttle_wait(OscThrottle *t, ProgressRows *pr);

/* Close the replica connections and delete this run's heartbeat row. NULL is fine. */
void osc_throttle_close(OscThrottle *t);

#endif
