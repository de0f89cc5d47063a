/*
 * plan_print.c: a Plan as a SQL script or as JSON. Pure formatting: no I/O, no decisions.
 */
#include <string.h>

#include <cJSON.h>

#include "diff/diff.h"

static void print_statement(StrBuf *sb, const Change *c, const char *prefix)
{
	if (c->has_body && !prefix) {
		/* A compound statement carries ';' inside: the client needs another delimiter. */
		sb_adds(sb, "DELIMITER //\n");
		sb_adds(sb, c->sql);
		sb_adds(sb, "//\nDELIMITER ;\n");
		return;
	}
	if (prefix)
		sb_adds(sb, prefix);
	for (const char *p = c->sql; *p; p++) {
		sb_addc(sb, *p);
		/* Keep a commented-out statement commented on every line. */
		if (prefix && *p == '\n')
			sb_adds(sb, "--   ");
	}
	sb_adds(sb, ";\n");
}

void plan_print_sql(StrBuf *sb, const Plan *p)
{
	for (int i = 0; i < p->changes.n; i++)
		print_statement(sb, p->changes.v[i], NULL);
	for (int i = 0; i < p->skipped.n; i++)
		print_statement(sb, p->skipped.v[i], "-- skipped (needs --allow-drop): ");
	for (int i = 0; i < p->notes.n; i++)
		sb_addf(sb, "-- note: %s\n", p->notes.v[i]);
}

cJSON *plan_change_json(const Change *c)
{
	cJSON *o = cJSON_CreateObject(), *cl;
	if (!o)
		xoom();
	cJSON_AddStringToObject(o, "kind", ChangeKind_name(c->kind));
	if (c->table)
		cJSON_AddStringToObject(o, "table", c->table);
	else
		cJSON_AddNullToObject(o, "table");
	cJSON_AddStringToObject(o, "object", c->object ? c->object : "");
	cJSON_AddStringToObject(o, "sql", c->sql);
	cJSON_AddBoolToObject(o, "destructive", c->destructive);
	if (c->kind == CHANGE_ALTER_TABLE) {
		cl = cJSON_AddArrayToObject(o, "clauses");
		for (int i = 0; i < c->clauses.n; i++) {
			const AlterClause *a = c->clauses.v[i];
			cJSON *k = cJSON_CreateObject();
			if (!k)
				xoom();
			cJSON_AddStringToObject(k, "kind", ClauseKind_name(a->kind));
			if (a->name)
				cJSON_AddStringToObject(k, "name", a->name);
			if (a->old_name)
				cJSON_AddStringToObject(k, "old_name", a->old_name);
			cJSON_AddStringToObject(k, "sql", a->sql);
			cJSON_AddBoolToObject(k, "destructive", a->destructive);
			cJSON_AddItemToArray(cl, k);
		}
	}
	return o;
}

void plan_print_json(StrBuf *sb, const Plan *p)
{
	cJSON *root = cJSON_CreateObject(), *ch, *sk;
	char *text;
	if (!root)
		xoom();
	ch = cJSON_AddArrayToObject(root, "changes");
	sk = cJSON_AddArrayToObject(root, "skipped");
	for (int i = 0; i < p->changes.n; i++)
		cJSON_AddItemToArray(ch, plan_change_json(p->changes.v[i]));
	for (int i = 0; i < p->skipped.n; i++)
		cJSON_AddItemToArray(sk, plan_change_json(p->skipped.v[i]));
	if (p->notes.n) {
		cJSON *notes = cJSON_AddArrayToObject(root, "notes");
		for (int i = 0; i < p->notes.n; i++)
			cJSON_AddItemToArray(notes, cJSON_CreateString(p->notes.v[i]));
	}
	text = cJSON_Print(root);
	if (!text)
		xoom();
	sb_adds(sb, text);
	sb_addc(sb, '\n');
	cJSON_free(text);
	cJSON_Delete(root);
}
