/*
 * mysql_build.h: the builder functions the lemon actions of grammar/mysql.y call. Each takes
 * the parse context first; they put model nodes into ctx->s (all memory from ctx->a) and
 * report semantic errors (duplicates, unknown tables) through ctx->d. They never abort on bad
 * input and tolerate being called after an earlier error in the same statement.
 */
#ifndef SQLSHAPE_MYSQL_BUILD_H
#define SQLSHAPE_MYSQL_BUILD_H

#include "parser/mysql_parse.h"

/* tokens and small values */
Token b_no_token(MyCtx *ctx);
Token b_make_token(MyCtx *ctx, const char *text);
Token b_token_join(MyCtx *ctx, Token a, Token b);
Token b_token_span(MyCtx *ctx, Token a, Token b);
const char *b_token_text(MyCtx *ctx, Token t);
const char *b_upper(MyCtx *ctx, Token t);
int b_int(MyCtx *ctx, Token t);
StrList *b_strlist(MyCtx *ctx, StrList *l, Token ident);
StrList *b_strlist_str(MyCtx *ctx, StrList *l, Token str);
void b_ignore(MyCtx *ctx);
/* MariaDB IF [NOT] EXISTS: an existing (missing) object is then no error; returns name. */
Token b_if_exists(MyCtx *ctx, Token name);
SrcLoc b_loc(MyCtx *ctx, Token t);

/* the table index (MyCtx.tix) */
void b_table_index_rebuild(MyCtx *ctx);
Table *b_find_table(MyCtx *ctx, const char *name);

/* tables and columns */
void b_table_begin(MyCtx *ctx, Token name, int if_not_exists);
void b_table_end(MyCtx *ctx);
void b_table_like(MyCtx *ctx, Token other);
void b_temporary(MyCtx *ctx);
void b_col_begin(MyCtx *ctx, Token name);
void b_col_end(MyCtx *ctx);
void b_type(MyCtx *ctx, const char *name, int length, int scale);
void b_type_name(MyCtx *ctx, const char *name);
void b_type_prec(MyCtx *ctx, Token m, Token d);
void b_type_serial(MyCtx *ctx);
void b_type_values(MyCtx *ctx, const char *name, StrList *values);
const char *b_national(MyCtx *ctx, const char *name);
void b_type_unsigned(MyCtx *ctx);
void b_type_zerofill(MyCtx *ctx);
void b_type_charset(MyCtx *ctx, Token cs);
void b_type_collate(MyCtx *ctx, Token coll);
void b_type_binary(MyCtx *ctx);
void b_col_null(MyCtx *ctx, bool not_null);
void b_col_default(MyCtx *ctx, Expr *e);
void b_col_on_update(MyCtx *ctx, Expr *e);
void b_col_auto_increment(MyCtx *ctx);
void b_col_serial_default(MyCtx *ctx);
void b_col_unique(MyCtx *ctx);
void b_col_primary(MyCtx *ctx);
void b_col_comment(MyCtx *ctx, Token s);
void b_col_generated(MyCtx *ctx, Expr *e, int kind);
void b_col_invisible(MyCtx *ctx, bool invisible);
void b_col_srid(MyCtx *ctx, Token n);
void b_col_compressed(MyCtx *ctx, Token method);
void b_colmode(MyCtx *ctx, ColMode mode, Token from);
void b_col_position(MyCtx *ctx, bool first, Token after);

/* indexes, foreign keys, checks */
void b_constraint_name(MyCtx *ctx, Token name);
void b_index_begin(MyCtx *ctx, IndexKind kind, Token name);
void b_index_method(MyCtx *ctx, Token m);
void b_keypart(MyCtx *ctx, Token col, Expr *e, int prefix, int desc);
void b_index_key_block_size(MyCtx *ctx, Token n);
void b_index_comment(MyCtx *ctx, Token s);
void b_index_parser(MyCtx *ctx, Token p);
void b_index_invisible(MyCtx *ctx, bool invisible);
void b_index_end(MyCtx *ctx);
void b_create_index_end(MyCtx *ctx, Token table);
void b_fk_begin(MyCtx *ctx, Token name);
/* Column-level REFERENCES t(c) [MATCH ..] [ON DELETE ..] [ON UPDATE ..]: MariaDB 10.5+ makes it
 * an unnamed foreign key on the column (as if written at table level); MySQL parses and
 * ignores it. Added to the table by b_col_end unless the file is parsed for FLAVOR_MYSQL. */
void b_col_ref_begin(MyCtx *ctx, Token table);
void b_col_ref_end(MyCtx *ctx, StrList *ref_cols);
void b_col_ref_action(MyCtx *ctx, bool on_delete, int action);

/* MariaDB system versioning: WITH/WITHOUT SYSTEM VERSIONING on a column, GENERATED ALWAYS AS
 * ROW START|END, PERIOD FOR SYSTEM_TIME (start, end) (checked against those columns; only the
 * system-time period is supported), and the table option. */
void b_col_versioning(MyCtx *ctx, bool with);
void b_col_system_row(MyCtx *ctx, Token which);
void b_period(MyCtx *ctx, Token period, Token start, Token end);
void b_table_versioning(MyCtx *ctx);

/* MariaDB CREATE SEQUENCE: options as written; b_sequence_end fills the server's defaults
 * (they depend on the sign of INCREMENT) and checks the bounds as the server does. */
void b_sequence_begin(MyCtx *ctx, Token name, int if_not_exists);
void b_seq_option(MyCtx *ctx, int which, const char *value);
void b_sequence_end(MyCtx *ctx);
/* "-" followed by the token's text, in the arena. */
const char *b_neg_text(MyCtx *ctx, Token t);
Token b_fk_ref_table(MyCtx *ctx, Token schema, Token table);
void b_fk_match(MyCtx *ctx, const char *m);
void b_fk_on_delete(MyCtx *ctx, int action);
void b_fk_on_update(MyCtx *ctx, int action);
void b_fk_end(MyCtx *ctx, StrList *cols, Token table, StrList *ref_cols);
void b_check(MyCtx *ctx, Token name, Expr *e, int not_enforced);
void b_check_not_enforced(MyCtx *ctx);
/* A check written inside a column definition (MariaDB keeps it with the column). */
void b_col_check(MyCtx *ctx, Token name, Expr *e);

/* table options */
void b_table_engine(MyCtx *ctx, Token v);
void b_table_charset(MyCtx *ctx, Token v);
void b_table_collate(MyCtx *ctx, Token v);
void b_table_row_format(MyCtx *ctx, Token v);
void b_table_comment(MyCtx *ctx, Token v);
void b_table_key_block_size(MyCtx *ctx, Token v);
void b_table_auto_increment(MyCtx *ctx, Token v);
void b_table_option(MyCtx *ctx, const char *name, Token v);
void b_table_union(MyCtx *ctx, StrList *tables);

/* partitioning */
void b_part_begin(MyCtx *ctx);
void b_part_method(MyCtx *ctx, PartMethod m, int linear, Expr *e, StrList *cols, int algo);
void b_part_count(MyCtx *ctx, Token n);
void b_subpart_method(MyCtx *ctx, PartMethod m, int linear, Expr *e, StrList *cols, int algo);
void b_subpart_count(MyCtx *ctx, Token n);
void b_partdef_begin(MyCtx *ctx, Token name);
void b_part_values(MyCtx *ctx, const char *kind, ExprList *l);
void b_part_engine(MyCtx *ctx, Token v);
void b_part_comment(MyCtx *ctx, Token v);
void b_part_option(MyCtx *ctx, const char *name, Token v);
void b_partdef_end(MyCtx *ctx);
void b_subdef_begin(MyCtx *ctx, Token name);
void b_subdef_end(MyCtx *ctx);
void b_part_end(MyCtx *ctx);

/* ALTER TABLE, DROP */
void b_alter_begin(MyCtx *ctx, Token table);
void b_alter_end(MyCtx *ctx);
void b_alter_col_default(MyCtx *ctx, Token col, Expr *e);
void b_alter_drop(MyCtx *ctx, const char *what, Token name);
void b_drop(MyCtx *ctx, const char *kind, int if_exists, StrList *names);

/* views, triggers, routines */
void b_view_algorithm(MyCtx *ctx, Token v);
void b_view_security(MyCtx *ctx, Token v);
void b_definer(MyCtx *ctx, Token user);
void b_view(MyCtx *ctx, Token name, StrList *cols, Token body, const char *check);
void b_trigger_order(MyCtx *ctx, const char *kind, Token other);
void b_trigger(MyCtx *ctx, Token name, const char *timing, const char *event, Token table, Token body);
void b_param_begin(MyCtx *ctx, const char *mode, Token name);
void b_param_end(MyCtx *ctx);
void b_returns_begin(MyCtx *ctx);
void b_returns_end(MyCtx *ctx);
void b_routine_comment(MyCtx *ctx, Token s);
void b_routine_char(MyCtx *ctx, const char *text);
void b_routine_security(MyCtx *ctx, Token v);
void b_routine(MyCtx *ctx, RoutineKind kind, Token name, Token body);

/* expressions */
void b_expr_result(MyCtx *ctx, Expr *e);
Expr *b_lit(MyCtx *ctx, ExprKind kind, Token t);
Expr *b_lit_introduced(MyCtx *ctx, Token intro, Token lit);
Expr *b_lit_typed(MyCtx *ctx, Token type, Token lit);
Expr *b_colref(MyCtx *ctx, Token db, Token table, Token col);
Expr *b_binop(MyCtx *ctx, Token at, const char *op, Expr *l, Expr *r);
Expr *b_unop(MyCtx *ctx, Token at, const char *op, Expr *x);
Expr *b_is(MyCtx *ctx, Token at, Expr *x, const char *what, bool neg);
Expr *b_in(MyCtx *ctx, Token at, Expr *x, ExprList *l, bool neg);
Expr *b_between(MyCtx *ctx, Token at, Expr *x, Expr *lo, Expr *hi, bool neg);
Expr *b_like(MyCtx *ctx, Token at, const char *op, Expr *x, Expr *pat, Expr *esc, bool neg);
Expr *b_collate(MyCtx *ctx, Token at, Expr *x, Token coll);
Expr *b_interval(MyCtx *ctx, Token at, Expr *x, Token unit);
Expr *b_json(MyCtx *ctx, Token at, Expr *col, Token path, bool unquote);
Expr *b_row(MyCtx *ctx, Token at, Expr *first, ExprList *rest);
Expr *b_case(MyCtx *ctx, Token at, Expr *x, ExprList *whens, Expr *els);
Expr *b_cast(MyCtx *ctx, Token at, Expr *x, const char *type);
Expr *b_convert_using(MyCtx *ctx, Token at, Expr *x, Token cs);
Expr *b_func(MyCtx *ctx, Token name, ExprList *args, int flags);
Expr *b_func_qualified(MyCtx *ctx, Token schema, Token name, ExprList *args);
ExprList *b_exprlist(MyCtx *ctx, ExprList *l, Expr *e);
const char *b_cast_type(MyCtx *ctx, const char *base, int len, int scale, const char *cs);
const char *b_cast_array(MyCtx *ctx, const char *type);

/* events (parser/mysql_event.c) */
void b_event_at(MyCtx *ctx, Expr *when);
void b_event_every(MyCtx *ctx, Expr *value, Token unit);
void b_event_starts(MyCtx *ctx, Expr *when);
void b_event_ends(MyCtx *ctx, Expr *when);
void b_event_preserve(MyCtx *ctx, bool preserve);
void b_event_status(MyCtx *ctx, const char *status);
void b_event_comment(MyCtx *ctx, Token s);
void b_event(MyCtx *ctx, Token name, Token body);

/* errors from the generated parser */
void b_stack_overflow(MyCtx *ctx);
void b_syntax_error(MyCtx *ctx, int major, Token tok);

#endif
