/*
 * mysql_event.c: the builders of CREATE EVENT (grammar/mysql.y) and what the rest of sqlshape
 * needs to know about an event's text: the canonical schedule ("EVERY 1 DAY", "AT '...'"), the
 * time literals, the printed statement. The event under construction lives in MyCtx.event
 * until b_event adds it to the schema. Never prints; errors go through the Diag.
 */
#include <ctype.h>
#include <string.h>

#include "parser/frontend.h"
#include "parser/mysql_build.h"

static Event *ev(MyCtx *ctx)
{
	if (!ctx->event)
		ctx->event = ARENA_NEW(ctx->a, Event);
	return ctx->event;
}

/* '12' is 12: the server stores an interval quantity as a number when it is one. */
static const char *interval_value(MyCtx *ctx, Expr *value)
{
	if (value->kind == E_STR && value->text) {
		const char *p = mysql_expr_print(ctx->a, value);
		size_t n = strlen(p);
		bool digits = n > 2 && p[0] == '\'' && p[n - 1] == '\'';
		for (size_t i = 1; digits && i + 1 < n; i++)
			digits = isdigit((unsigned char)p[i]) != 0;
		if (digits) {
			const char *s = arena_strndup(ctx->a, p + 1, n - 2);
			while (s[0] == '0' && s[1])
				s++;
			return s;
		}
		return p;
	}
	return mysql_expr_print(ctx->a, value);
}

void b_event_at(MyCtx *ctx, Expr *when)
{
	ev(ctx)->schedule = arena_printf(ctx->a, "AT %s", mysql_expr_print(ctx->a, when));
}

void b_event_every(MyCtx *ctx, Expr *value, Token unit)
{
	ev(ctx)->schedule = arena_printf(ctx->a, "EVERY %s %s", interval_value(ctx, value), b_upper(ctx, unit));
}

void b_event_starts(MyCtx *ctx, Expr *when)
{
	ev(ctx)->starts = mysql_expr_print(ctx->a, when);
}

void b_event_ends(MyCtx *ctx, Expr *when)
{
	ev(ctx)->ends = mysql_expr_print(ctx->a, when);
}

void b_event_preserve(MyCtx *ctx, bool preserve)
{
	ev(ctx)->preserve = preserve;
}

void b_event_status(MyCtx *ctx, const char *status)
{
	ev(ctx)->status = status;
}

void b_event_comment(MyCtx *ctx, Token s)
{
	const char *c = mysql_string_value(ctx->a, &s);
	ev(ctx)->comment = c && *c ? c : NULL;
}

/* The body as written, unless it crosses an executable comment's markers. */
static const char *body_source(MyCtx *ctx, Token t)
{
	if (!t.z || t.n == 0)
		return NULL;
	for (uint32_t i = 0; i + 1 < t.n; i++)
		if ((t.z[i] == '/' && t.z[i + 1] == '*' && i + 2 < t.n && t.z[i + 2] == '!') ||
		    (t.z[i] == '*' && t.z[i + 1] == '/'))
			return NULL;
	return arena_strndup(ctx->a, t.z, t.n);
}

void b_event(MyCtx *ctx, Token name, Token body)
{
	Event *e = ev(ctx);
	Schema *s = ctx->s;
	e->name = mysql_ident_value(ctx->a, &name);
	e->loc = b_loc(ctx, name);
	e->body = ctx->body_text;
	e->source = body_source(ctx, body);
	e->definer = ctx->definer;
	if (ctx->temporary) {
		diag_error(ctx->d, e->loc, "TEMPORARY does not apply to an event");
		ctx->errors++;
		return;
	}
	for (int i = 0; i < s->events.n; i++) {
		if (!ident_eq(DIALECT_MYSQL, s->events.v[i]->name, e->name))
			continue;
		if (ctx->or_replace) {
			LIST_REMOVE_AT(&s->events, i);
			break;
		}
		diag_error(ctx->d, e->loc, "event \"%s\" is defined twice", e->name);
		ctx->errors++;
		return;
	}
	LIST_PUSH(ctx->a, &s->events, e);
	ctx->st->statements++;
}

bool mysql_event_time_literal(const char *t)
{
	return t && t[0] == '\'';
}

void mysql_print_event(StrBuf *sb, const Event *e, const ServerInfo *si, bool alter)
{
	(void)si;
	sb_adds(sb, alter ? "ALTER " : "CREATE ");
	if (!alter && e->definer) {
		sb_adds(sb, "DEFINER=");
		sb_adds(sb, e->definer);
		sb_addc(sb, ' ');
	}
	sb_adds(sb, "EVENT ");
	sb_add_mysql_ident(sb, e->name);
	sb_adds(sb, " ON SCHEDULE ");
	sb_adds(sb, e->schedule ? e->schedule : "EVERY 1 DAY");
	if (e->starts)
		sb_addf(sb, " STARTS %s", e->starts);
	if (e->ends)
		sb_addf(sb, " ENDS %s", e->ends);
	sb_adds(sb, e->preserve ? " ON COMPLETION PRESERVE " : " ON COMPLETION NOT PRESERVE ");
	sb_adds(sb, e->status ? e->status : "ENABLE");
	if (e->comment || alter) {
		sb_adds(sb, " COMMENT ");
		sb_add_mysql_string(sb, e->comment ? e->comment : "");
	}
	sb_adds(sb, " DO ");
	sb_adds(sb, e->source ? e->source : e->body);
}
