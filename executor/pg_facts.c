/*
 * pg_facts.c: live state the differ needs beyond the catalogue's definitions, read only for
 * the objects whose definition changes, so that an unchanged schema costs no query.
 *
 * Sequence positions: PostgreSQL checks new MINVALUE / MAXVALUE against a sequence's
 * last_value and refuses bounds that leave it out unless the ALTER also restarts it. Whether a
 * restart is safe depends on what the sequence has handed out (diff_pg.c decides), so the
 * current model's sequences and identity columns whose options change get their last_value and
 * is_called (Sequence.last_value / called, Column.identity_last / identity_called).
 *
 * It only reads: pg_get_serial_sequence finds an identity's sequence, and one UNION ALL of
 * `SELECT last_value, is_called FROM seq` reads every position at once. Two queries at most,
 * whatever the number of sequences.
 */
#include <stdlib.h>
#include <string.h>

#include "executor/conn_internal.h"

/* The relation a desired object was: its own name, else the one it is renamed from. */
static Table *cur_table(const Schema *cur, const Table *t)
{
	Table *o = schema_find_table(cur, t->schema, t->name);
	return o || !t->renamed_from ? o : schema_find_table(cur, t->schema, t->renamed_from);
}

static Column *cur_column(const Table *o, const Column *c)
{
	Column *oc = table_find_column(o, DIALECT_POSTGRES, c->name);
	return oc || !c->renamed_from ? oc : table_find_column(o, DIALECT_POSTGRES, c->renamed_from);
}

static Sequence *cur_sequence(const Schema *cur, const Sequence *q)
{
	for (int i = 0; i < cur->sequences.n; i++) {
		Sequence *o = cur->sequences.v[i];
		if (str_eq(o->schema ? o->schema : "public", q->schema ? q->schema : "public") && str_eq(o->name, q->name))
			return o;
	}
	return NULL;
}

static bool seq_changes(const Sequence *o, const Sequence *q)
{
	return o->start != q->start || o->increment != q->increment || o->min_value != q->min_value ||
	       o->max_value != q->max_value || o->cycle != q->cycle;
}

static void add_qname(StrBuf *sb, const char *schema, const char *name)
{
	if (schema) {
		sb_add_pg_ident(sb, schema);
		sb_addc(sb, '.');
	}
	sb_add_pg_ident(sb, name);
}

typedef struct Target {
	Column *col;      /* an identity column (of table tab), or */
	const Table *tab;
	Sequence *seq;    /* a sequence */
	const char *rel;  /* the sequence's name as a relation reference */
} Target;
LIST_TYPE(TargetList, Target);

static void add_target(Arena *a, TargetList *ts, Column *col, const Table *tab, Sequence *seq)
{
	Target *tg = ARENA_NEW(a, Target);
	tg->col = col;
	tg->tab = tab;
	tg->seq = seq;
	if (seq) {
		StrBuf q;
		sb_init(&q);
		add_qname(&q, seq->schema, seq->name);
		tg->rel = sb_to_arena(&q, a);
		sb_release(&q);
	}
	LIST_PUSH(a, ts, tg);
}

int pg_sequence_positions(Arena *a, Diag *d, Conn *c, Schema *cur, const Schema *want)
{
	TargetList ts = {0};
	StrBuf sb;
	Rows r;
	Diag qd;
	int nident = 0, rc = 0;

	if (conn_dialect(c) != DIALECT_POSTGRES)
		return 0;
	for (int i = 0; i < want->tables.n; i++) {
		const Table *t = want->tables.v[i];
		Table *o = cur_table(cur, t);
		for (int j = 0; o && j < t->columns.n; j++) {
			const Column *cc = t->columns.v[j];
			Column *oc = cur_column(o, cc);
			if (oc && oc->identity != IDENTITY_NONE && cc->identity != IDENTITY_NONE &&
			    !str_eq(oc->identity_options, cc->identity_options)) {
				add_target(a, &ts, oc, o, NULL);
				nident++;
			}
		}
	}
	for (int i = 0; i < want->sequences.n; i++) {
		Sequence *o = cur_sequence(cur, want->sequences.v[i]);
		if (o && seq_changes(o, want->sequences.v[i]))
			add_target(a, &ts, NULL, NULL, o);
	}
	if (!ts.n)
		return 0;
	/* a failure leaves the positions unknown (no RESTART is planned): a warning, not an error */
	diag_init(&qd, a);
	qd.stream = NULL;
	sb_init(&sb);
	if (nident) {
		int k = 0;
		sb_adds(&sb, "SELECT pg_get_serial_sequence(t, c) FROM (VALUES ");
		for (int i = 0; i < ts.n; i++) {
			const Target *tg = ts.v[i];
			if (!tg->col)
				continue;
			StrBuf q;
			sb_init(&q);
			add_qname(&q, tg->tab->schema, tg->tab->name);
			sb_addf(&sb, "%s(%d, ", k++ ? ", " : "", i);
			sb_add_pg_string(&sb, sb_str(&q));
			sb_adds(&sb, ", ");
			sb_add_pg_string(&sb, tg->col->name);
			sb_adds(&sb, ")");
			sb_release(&q);
		}
		sb_adds(&sb, ") v(k, t, c) ORDER BY k");
		if (conn_query(c, &qd, sb_str(&sb), &r) < 0 || r.nrows != nident) {
			rc = -1;
		} else {
			for (int i = 0, row = 0; i < ts.n; i++)
				if (ts.v[i]->col)
					ts.v[i]->rel = ROWS_AT(&r, row++, 0);
		}
		sb_reset(&sb);
	}
	for (int i = 0, k = 0; rc == 0 && i < ts.n; i++) {
		if (ts.v[i]->rel)
			sb_addf(&sb, "%sSELECT %d, last_value::text, is_called FROM %s", k++ ? " UNION ALL " : "", i, ts.v[i]->rel);
	}
	if (rc == 0 && sb.len && conn_query(c, &qd, sb_str(&sb), &r) < 0)
		rc = -1;
	for (int k = 0; rc == 0 && sb.len && k < r.nrows; k++) {
		Target *tg = ts.v[atoi(ROWS_AT(&r, k, 0))];
		const char *last = arena_strdup(a, ROWS_AT(&r, k, 1));
		bool called = str_eq(ROWS_AT(&r, k, 2), "t");
		if (tg->col) {
			tg->col->identity_last = last;
			tg->col->identity_called = called;
		} else {
			tg->seq->last_value = last;
			tg->seq->called = called;
		}
	}
	sb_release(&sb);
	diag_release(&qd);
	if (rc < 0)
		diag_warn(d, LOC_NONE, "cannot read the positions of the sequences whose options change; a new range that "
				       "leaves a position out will be refused by the server");
	return 0;
}
