/*
 * osc_throttle.c: the online copy's throttle (see osc_throttle.h for what pauses the copy and
 * how replica lag is measured). It writes only its own heartbeat row in `_sqlshape` on the
 * primary and only reads on the replicas; it never prints a URL other than DbUrl.display.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "executor/osc_throttle.h"

#define HB_RING 1024          /* heartbeats remembered (>= 8 minutes at two a second) */
#define CHECK_EVERY 0.5       /* seconds between two looks at the replicas */
#define THREADS_EVERY 0.1     /* ... and at Threads_running while it is within the limit */
#define CHECKS_PER_CONN 256   /* reconnect then: the connection's arena holds every result */
#define REPLICA_TIMEOUT_S 5   /* connect and read timeout of a replica connection */

typedef struct Replica {
	DbUrl url;
	Arena arena;          /* the connection's and its results'; released on disconnect */
	Conn *c;
	int checks;           /* on this connection */
	bool ok;              /* measured at the last check */
	double lag;           /* seconds, when ok */
	double bad_since;     /* exec_now() when it stopped being measurable */
	bool seen;            /* has applied a heartbeat of this run */
	char why[400];        /* when not ok: the problem, for messages */
	char delay[64];       /* " (SQL_Delay 30 s)" when the replica is delayed on purpose */
} Replica;

struct OscThrottle {
	ExecSession *s;
	Diag *d;
	Replica *rep;
	int nrep;
	bool heartbeat;       /* a heartbeat row (journal on); else Seconds_Behind_Master */
	const char *source;   /* this run's heartbeat row: "<server_id>:<connection id>" */
	long long seq0, seq;  /* first and newest sequence number written (seq < seq0: none yet) */
	double sent[HB_RING]; /* exec_now() of each heartbeat, by seq % HB_RING */
	double last_check;
	double threads_ok_at; /* when Threads_running was last seen within the limit (0: never) */
	const char *hb_error; /* the primary refused the heartbeat write */
};

static void say(OscThrottle *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(OscThrottle *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(t->s->out, fmt, ap);
	va_end(ap);
	fputc('\n', t->s->out);
	fflush(t->s->out);
}

/* The first message of a quiet sink, without "sqlshape: error: " and the lines after it. */
static void first_message(const Diag *qd, char *out, size_t n)
{
	const char *m = sb_str(&qd->text), *p = strstr(m, "error: ");
	size_t len;
	if (p)
		m = p + 7;
	if (!strncmp(m, "cannot connect to \"", 19) && (p = strstr(m, "\": ")) != NULL)
		m = p + 3;  /* the URL is named by the caller */
	len = strcspn(m, "\n");
	snprintf(out, n, "%.*s", (int)len, m);
}

static void replica_disconnect(Replica *r)
{
	if (r->c) {
		conn_close(r->c);
		r->c = NULL;
	}
	arena_release(&r->arena);
	r->checks = 0;
}

static const char *cell(const Rows *rows, int i, const char *name, const char *other)
{
	int j = rows_col(rows, name);
	if (j < 0 && other)
		j = rows_col(rows, other);
	return j < 0 ? NULL : ROWS_AT(rows, i, j);
}

/* ---- the heartbeat on the primary ---- */

static const char heartbeat_ddl[] =
	"CREATE TABLE IF NOT EXISTS `_sqlshape`.`osc_heartbeat` ("
	"`source` varchar(100) NOT NULL PRIMARY KEY, `seq` bigint NOT NULL, "
	"`written_at` datetime(6) NOT NULL) ENGINE=InnoDB";

static int heartbeat_write(OscThrottle *t)
{
	StrBuf sb;
	Diag qd;
	int rc;
	long long next = t->seq < t->seq0 ? t->seq0 : t->seq + 1;
	sb_init(&sb);
	sb_addf(&sb, "UPDATE `_sqlshape`.`osc_heartbeat` SET `seq` = %lld, `written_at` = UTC_TIMESTAMP(6) WHERE `source` = ",
		next);
	sb_add_mysql_string(&sb, t->source);
	diag_init(&qd, t->s->arena);
	qd.stream = NULL;
	rc = conn_exec(t->s->aux, &qd, sb_str(&sb));
	sb_release(&sb);
	if (rc < 0) {
		char m[300];
		first_message(&qd, m, sizeof m);
		t->hb_error = arena_printf(t->s->arena, "the heartbeat cannot be written on the primary: %s", m);
	} else {
		t->hb_error = NULL;
		t->seq = next;
		t->sent[next % HB_RING] = exec_now();
	}
	diag_release(&qd);
	return rc;
}

/* The age of the oldest heartbeat the replica has not applied, seen: its newest. */
static double heartbeat_lag(const OscThrottle *t, long long seen, double now)
{
	long long next, oldest;
	if (t->seq < t->seq0 || seen >= t->seq)
		return 0;
	next = seen < t->seq0 ? t->seq0 : seen + 1;
	oldest = t->seq - t->seq0 + 1 > HB_RING ? t->seq - HB_RING + 1 : t->seq0;
	if (next < oldest)
		next = oldest;  /* older than remembered: at least this old */
	return now - t->sent[next % HB_RING];
}

/* ---- one replica ---- */

static bool not_ok(Replica *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool not_ok(Replica *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
	return false;
}

/* The replication threads of every source the replica has: false (why set) when one is not
 * running. *sbm: the largest Seconds_Behind_Master (-1: NULL). */
static bool replica_status(Replica *r, const Rows *st, double *sbm)
{
	*sbm = 0;
	r->delay[0] = '\0';
	if (st->nrows == 0)
		return not_ok(r, "has no replication configured (its replica status is empty)");
	for (int i = 0; i < st->nrows; i++) {
		const char *name = cell(st, i, "Connection_name", "Channel_Name");
		const char *io = cell(st, i, "Slave_IO_Running", "Replica_IO_Running");
		const char *sql = cell(st, i, "Slave_SQL_Running", "Replica_SQL_Running");
		const char *behind = cell(st, i, "Seconds_Behind_Master", "Seconds_Behind_Source");
		const char *delay = cell(st, i, "SQL_Delay", NULL);
		char conn[80] = "";
		if (name && *name)
			snprintf(conn, sizeof conn, " (connection \"%s\")", name);
		if (!sql || strcmp(sql, "Yes")) {
			const char *err = cell(st, i, "Last_SQL_Error", NULL);
			return not_ok(r, "has its replication stopped%s: SQL thread running: %s%s%s", conn, sql ? sql : "unknown",
				      err && *err ? ": " : "", err && *err ? err : "");
		}
		if (!io || strcmp(io, "Yes")) {
			const char *err = cell(st, i, "Last_IO_Error", NULL);
			return not_ok(r, "has its replication stopped%s: I/O thread running: %s%s%s", conn, io ? io : "unknown",
				      err && *err ? ": " : "", err && *err ? err : "");
		}
		if (!behind)
			*sbm = -1;
		else if (*sbm >= 0 && atof(behind) > *sbm)
			*sbm = atof(behind);
		if (delay && atol(delay) > 0)
			snprintf(r->delay, sizeof r->delay, " (it is delayed on purpose: SQL_Delay %s s)", delay);
	}
	return true;
}

static const char *status_sql(const Conn *c)
{
	const ServerInfo *si = conn_server(c);
	if (si->flavor == FLAVOR_MARIADB)
		return "SHOW ALL SLAVES STATUS";
	if (si->major > 8 || (si->major == 8 && (si->minor > 0 || si->patch >= 22)))
		return "SHOW REPLICA STATUS";
	return "SHOW SLAVE STATUS";
}

/* Measure one replica: true with r->lag, or false with r->why. */
static bool replica_check(OscThrottle *t, Replica *r, double now)
{
	Diag qd;
	Rows st, hb;
	double sbm;
	char m[300];
	StrBuf sb;
	int rc;

	if (r->c && r->checks >= CHECKS_PER_CONN)
		replica_disconnect(r);
	diag_init(&qd, t->s->arena);
	qd.stream = NULL;
	if (!r->c) {
		r->c = conn_open(&r->arena, &qd, &r->url);
		if (!r->c) {
			first_message(&qd, m, sizeof m);
			diag_release(&qd);
			arena_release(&r->arena);
			return not_ok(r, "is unreachable: %s", m);
		}
	}
	r->checks++;
	if (conn_query(r->c, &qd, status_sql(r->c), &st) < 0) {
		int e = conn_last_errno(r->c);
		first_message(&qd, m, sizeof m);
		diag_release(&qd);
		if (e >= 2000 && e < 3000) {  /* the client's: connection lost, timeout */
			replica_disconnect(r);
			return not_ok(r, "is unreachable: %s", m);
		}
		return not_ok(r, "does not show its replication status (the user needs REPLICATION CLIENT, "
			      "on MariaDB 10.5+ SLAVE MONITOR): %s", m);
	}
	if (!replica_status(r, &st, &sbm)) {
		diag_release(&qd);
		return false;
	}
	if (!t->heartbeat) {
		diag_release(&qd);
		if (sbm < 0)
			return not_ok(r, "reports Seconds_Behind_Master NULL");
		r->lag = sbm;
		return true;
	}
	if (t->hb_error) {
		diag_release(&qd);
		return not_ok(r, "cannot be measured: %s", t->hb_error);
	}
	sb_init(&sb);
	sb_adds(&sb, "SELECT `seq` FROM `_sqlshape`.`osc_heartbeat` WHERE `source` = ");
	sb_add_mysql_string(&sb, t->source);
	rc = conn_query(r->c, &qd, sb_str(&sb), &hb);
	sb_release(&sb);
	if (rc < 0) {
		int e = conn_last_errno(r->c);
		if (e != 1146 && e != 1049) {  /* not there yet: no heartbeat applied */
			first_message(&qd, m, sizeof m);
			diag_release(&qd);
			if (e >= 2000 && e < 3000) {
				replica_disconnect(r);
				return not_ok(r, "is unreachable: %s", m);
			}
			return not_ok(r, "does not let the heartbeat be read (the user needs SELECT on `_sqlshape`): %s", m);
		}
		hb.nrows = 0;
	}
	diag_release(&qd);
	if (hb.nrows == 1 && ROWS_AT(&hb, 0, 0) && atoll(ROWS_AT(&hb, 0, 0)) >= t->seq0) {
		r->seen = true;
		r->lag = heartbeat_lag(t, atoll(ROWS_AT(&hb, 0, 0)), now);
	} else {
		r->lag = heartbeat_lag(t, 0, now);
		/* Replicating by its threads, yet none of this run's heartbeats for that long: it does
		 * not replicate this server's `_sqlshape` (another primary, a filter), or is so far
		 * behind that waiting for it is the same as waiting for nothing. */
		if (!r->seen && r->lag >= t->s->opt.replica_timeout) {
			if (!r->bad_since || r->bad_since > now - r->lag)
				r->bad_since = now - r->lag;
			return not_ok(r, "has applied none of this run's heartbeats in %.0f s: does it replicate this server, "
				      "including the database `_sqlshape` (no replication filter on it)?", r->lag);
		}
	}
	return true;
}

/* ---- the throttle ---- */

OscThrottle *osc_throttle_open(ExecSession *s, Diag *d)
{
	OscThrottle *t = ARENA_NEW(s->arena, OscThrottle);
	const char *p = s->opt.replicas;
	Rows r;
	struct timeval tv;
	StrBuf sb;
	int rc;

	t->s = s;
	t->d = d;
	if (!p)
		return t;
	/* mysql:// URLs, comma-separated (a comma inside one is percent-encoded) */
	for (int pass = 0; pass < 2; pass++) {
		int n = 0;
		for (const char *q = p; *q;) {
			size_t len = strcspn(q, ",");
			const char *b = q, *e = q + len;
			while (b < e && (*b == ' ' || *b == '\t'))
				b++;
			while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e > b) {
				if (pass == 1) {
					Replica *rep = &t->rep[n];
					if (dburl_parse(s->arena, d, arena_strndup(s->arena, b, (size_t)(e - b)), &rep->url) < 0)
						return NULL;
					if (rep->url.dialect != DIALECT_MYSQL) {
						diag_error(d, LOC_NONE, "replica \"%s\": a replica to watch must be a mysql:// or mariadb:// URL",
							   rep->url.display);
						return NULL;
					}
					rep->url.timeout = REPLICA_TIMEOUT_S;
					arena_init(&rep->arena);
				}
				n++;
			}
			q += len;
			if (*q == ',')
				q++;
		}
		if (pass == 0) {
			if (!n)
				return t;
			t->nrep = n;
			t->rep = arena_alloc(s->arena, sizeof *t->rep * (size_t)n);
		}
	}
	if (conn_query(s->aux, d, "SELECT @@log_bin, @@server_id", &r) < 0 || r.nrows != 1) {
		osc_throttle_close(t);
		return NULL;
	}
	if (!ROWS_AT(&r, 0, 0) || strcmp(ROWS_AT(&r, 0, 0), "1")) {
		diag_error(d, LOC_NONE, "replicas to watch were given, but \"%s\" writes no binary log: nothing it does "
			   "reaches a replica", conn_url(s->aux)->display);
		diag_hint(d, "drop --replicas (or `replicas` in sqlshape.conf), or watch the replicas of the server that is "
			     "their primary");
		osc_throttle_close(t);
		return NULL;
	}
	gettimeofday(&tv, NULL);
	t->seq0 = (long long)tv.tv_sec * 1000000 + tv.tv_usec;
	t->seq = t->seq0 - 1;
	if (s->opt.journal) {
		t->source = arena_printf(s->arena, "%s:%ld", ROWS_AT(&r, 0, 1) ? ROWS_AT(&r, 0, 1) : "0",
					 conn_session_id(s->aux));
		sb_init(&sb);
		sb_adds(&sb, heartbeat_ddl);
		/* rows of runs that died: a live run writes its row at every look */
		sb_adds(&sb, "; DELETE FROM `_sqlshape`.`osc_heartbeat` WHERE `written_at` < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
		sb_adds(&sb, "; REPLACE INTO `_sqlshape`.`osc_heartbeat` (`source`, `seq`, `written_at`) VALUES (");
		sb_add_mysql_string(&sb, t->source);
		sb_addf(&sb, ", %lld, UTC_TIMESTAMP(6))", t->seq);
		rc = conn_exec(s->aux, d, sb_str(&sb));
		sb_release(&sb);
		if (rc < 0) {
			diag_hint(d, "the heartbeat that measures replica lag needs the right to create and write "
				     "`_sqlshape`.`osc_heartbeat`");
			t->source = NULL;
			osc_throttle_close(t);
			return NULL;
		}
		t->heartbeat = true;
	}
	for (int i = 0; i < t->nrep; i++)
		say(t, "-- watching replica \"%s\": the copy pauses while it lags more than %g s (--max-replica-lag) and "
		       "stops once it has been unreachable or stopped for %g s (--replica-timeout)",
		    t->rep[i].url.display, s->opt.max_replica_lag, s->opt.replica_timeout);
	if (!t->heartbeat)
		say(t, "-- without the journal there is no heartbeat table: replica lag is read from "
		       "Seconds_Behind_Master, which reads 0 while a replica's I/O thread idles or reconnects");
	return t;
}

void osc_throttle_close(OscThrottle *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nrep; i++)
		replica_disconnect(&t->rep[i]);
	t->nrep = 0;
	if (t->source) {
		StrBuf sb;
		Diag qd;
		diag_init(&qd, t->s->arena);
		qd.stream = NULL;
		sb_init(&sb);
		sb_adds(&sb, "DELETE FROM `_sqlshape`.`osc_heartbeat` WHERE `source` = ");
		sb_add_mysql_string(&sb, t->source);
		conn_exec(t->s->aux, &qd, sb_str(&sb));  /* a row left behind is harmless */
		sb_release(&sb);
		diag_release(&qd);
		t->source = NULL;
	}
}

/* Threads_running of the primary when above the limit, else 0 (also when unreadable). */
static long threads_over(OscThrottle *t)
{
	Rows r;
	Diag qd;
	long running = 0;
	double now = exec_now();
	if (t->s->opt.max_threads_running <= 0)
		return 0;
	/* the copy asks before every chunk, 100 times a second with chunks of 0.01 s: a round trip
	 * of its own each time (about 0.4 s over a million rows) for a figure that moves slower */
	if (t->threads_ok_at && now - t->threads_ok_at < THREADS_EVERY)
		return 0;
	diag_init(&qd, t->s->arena);
	qd.stream = NULL;
	if (conn_query(t->s->aux, &qd, "SHOW GLOBAL STATUS LIKE 'Threads_running'", &r) == 0 && r.nrows == 1 &&
	    ROWS_AT(&r, 0, 1))
		running = atol(ROWS_AT(&r, 0, 1));
	diag_release(&qd);
	if (running > t->s->opt.max_threads_running)
		return running;
	t->threads_ok_at = now;
	return 0;
}

static void check_replicas(OscThrottle *t)
{
	double now = exec_now();
	if (t->last_check && now - t->last_check < CHECK_EVERY)
		return;
	t->last_check = now;
	if (t->heartbeat)
		heartbeat_write(t);
	for (int i = 0; i < t->nrep; i++) {
		Replica *r = &t->rep[i];
		r->ok = replica_check(t, r, exec_now());
		if (r->ok)
			r->bad_since = 0;
		else if (!r->bad_since)
			r->bad_since = now;
	}
}

int osc_throttle_wait(OscThrottle *t, ProgressRows *pr)
{
	const ExecOptions *o = &t->s->opt;
	double t0 = exec_now(), last_said = 0;
	char said[64] = "";  /* what the last message was about */

	for (;;) {
		char why[600] = "", about[64] = "";
		long running = threads_over(t);
		bool unseen = false;
		double now;
		if (running)
			snprintf(why, sizeof why, "Threads_running %ld > --max-threads-running %ld", running, o->max_threads_running);
		snprintf(about, sizeof about, "threads %d", running != 0);
		check_replicas(t);
		now = exec_now();
		for (int i = 0; i < t->nrep; i++) {
			Replica *r = &t->rep[i];
			size_t len = strlen(why);
			if (!r->ok && now - r->bad_since >= o->replica_timeout) {
				progress_rows_end(pr);
				diag_error(t->d, LOC_NONE, "online copy stopped: replica \"%s\" %s, for %.0f s now (--replica-timeout %g)",
					   r->url.display, r->why, now - r->bad_since, o->replica_timeout);
				diag_hint(t->d, "repair the replica or its replication and run apply again, or stop watching it "
						"(--replicas / `replicas` in sqlshape.conf)");
				return -1;
			}
			if (!r->ok)
				snprintf(why + len, sizeof why - len, "%sreplica \"%s\" %s; giving up in %.0f s (--replica-timeout)",
					 len ? "; " : "", r->url.display, r->why, o->replica_timeout - (now - r->bad_since));
			else if (r->lag > o->max_replica_lag)
				snprintf(why + len, sizeof why - len, "%sreplica \"%s\" lags %.1f s > --max-replica-lag %g%s",
					 len ? "; " : "", r->url.display, r->lag, o->max_replica_lag, r->delay);
			len = strlen(about);
			snprintf(about + len, sizeof about - len, " %c", r->ok ? (r->lag > o->max_replica_lag ? 'l' : '-') : 'x');
			if (r->ok && !r->seen && t->heartbeat)
				unseen = true;
		}
		/* Until a replica has applied this run's first heartbeat its lag is only known to be
		 * at least that heartbeat's age: the copy does not start before (a delayed replica
		 * would otherwise pass while the run is younger than --max-replica-lag). Quietly,
		 * checking often, while that age is within the limit. */
		if (!*why && unseen) {
			exec_sleep(0.02);
			t->last_check = 0;
			continue;
		}
		if (!*why) {
			if (*said)
				say(t, "-- copy resumed after %.1f s of throttling", now - t0);
			return 0;
		}
		if (!*said)
			progress_rows_end(pr);
		/* A line when the pause begins, when its cause changes, and every 10 s. */
		if (strcmp(said, about) || now - last_said >= 10) {
			say(t, "-- throttled: %s; copy paused%s", why,
			    *said ? arena_printf(t->s->arena, " (%.0f s so far)", now - t0) : "");
			snprintf(said, sizeof said, "%s", about);
			last_said = now;
		}
		exec_sleep(0.25);
	}
}
