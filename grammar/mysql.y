/*
 * mysql.y: the lemon grammar of the MySQL/MariaDB DDL that sqlshape reads. Every action is one
 * line: a builder call (parser/mysql_build.c) or the assignment of a typed child. The parser
 * state lives in MyCtx (%extra_context); the driver (parser/mysql_parse.c) feeds one statement
 * at a time and packs view/trigger/routine bodies into one BODY token. This file must never
 * allocate outside the run's arena nor print: errors go through the Diag.
 */

%name MysqlParse
%token_prefix TK_
%token_type {Token}
%default_type {int}
%extra_context {MyCtx *ctx}
%stack_size 4000

%include {
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parser/mysql_parse.h"
#include "parser/mysql_build.h"
}

%syntax_error { b_syntax_error(ctx, yymajor, TOKEN); }
%stack_overflow { b_stack_overflow(ctx); }
%parse_failure { ctx->failed = true; }

/* Tokens the lexer produces that the rules below do not name. */
%token SEMI DELIM ASSIGN COLON QUESTION LBRACE RBRACE BODY EXPR_START.

/* Non-reserved keywords: identifiers wherever a keyword is not expected. */
%fallback ID ACTION ARRAY AFTER ALGORITHM ALWAYS ASCII AUTO_INCREMENT BEFORE BIT BOOL BOOLEAN BYTE CASCADED
  CAST CHARSET COLUMNS COLUMN_FORMAT COMMENT COMPRESSED CONTAINS DATA DATE DATETIME DEFINER
  DETERMINISTIC DIRECTORY DISABLE ENABLE END ENFORCED ENGINE ENGINE_ATTRIBUTE ENUM ESCAPE
  EVENT FIRST FIXED FOLLOWS FULL FUNCTION GEOMCOLLECTION GEOMETRY GEOMETRYCOLLECTION HASH
  IGNORED INET4 INET6 INVISIBLE JSON KEY_BLOCK_SIZE LANGUAGE LESS LINESTRING LIST LOCAL
  MAX_ROWS MIN_ROWS MODIFY MULTILINESTRING MULTIPOINT MULTIPOLYGON NATIONAL NCHAR NO
  NODEGROUP NVARCHAR OFFLINE ONLINE PARSER PARTIAL PARTITIONS PERSISTENT POINT POLYGON
  PRECEDES RETURNS ROW ROW_FORMAT SECURITY SERIAL SIGNED SIMPLE SRID REF_SYSTEM_ID STORAGE SUBPARTITION
  SUBPARTITIONS SYSTEM TABLESPACE TEMPORARY TEXT THAN TIME TIMESTAMP TYPE UNICODE UNKNOWN
  UUID VALUE VERSIONING VIEW VISIBLE WITHOUT YEAR
  CACHE CYCLE INCREMENT MINVALUE NOCACHE NOCYCLE NOMAXVALUE NOMINVALUE PERIOD SEQUENCE START.
/* CREATE EVENT's words, non-reserved too */
%fallback ID AT_WORD COMPLETION DO ENDS EVERY PRESERVE REPLICA SCHEDULE SLAVE STARTS.

%nonassoc UNIQUE_ALONE.
%nonassoc KEY.
%left OR.
%left XOR.
%left AND.
%right NOT.
%left BETWEEN CASE WHEN THEN ELSE.
%left EQ NULLSAFE_EQ GE GT LE LT NE IS LIKE REGEXP IN.
%right ESCAPE.
%left BITOR.
%left BITAND.
%left LSHIFT RSHIFT.
%left PLUS MINUS.
%left STAR SLASH DIV MOD REM.
%left BITXOR.
%right UMINUS BITNOT.
%right BANG.
%left COLLATE.
%right BINARY INTERVAL.
%left ARROW ARROW2.

%type input {int}
input ::= cmd.
input ::= EXPR_START expr(E). { b_expr_result(ctx, E); }

/* ------------------------------------------------------------------ identifiers, names */

%type ident {Token}
ident(A) ::= ID(X). { A = X; }

%type opt_ident {Token}
opt_ident(A) ::= . { A = b_no_token(ctx); }
opt_ident(A) ::= ident(X). { A = X; }

/* [db.]name: the database part is kept only for foreign-key targets. */
%type tblname {Token}
tblname(A) ::= ident(X). { A = X; }
tblname(A) ::= ident DOT ident(X). { A = X; }

%type fk_tblname {Token}
fk_tblname(A) ::= ident(X). { A = b_fk_ref_table(ctx, b_no_token(ctx), X); }
fk_tblname(A) ::= ident(S) DOT ident(X). { A = b_fk_ref_table(ctx, S, X); }

%type identlist {StrList*}
identlist(A) ::= ident(X). { A = b_strlist(ctx, NULL, X); }
identlist(A) ::= identlist(L) COMMA ident(X). { A = b_strlist(ctx, L, X); }

%type opt_eq {int}
opt_eq ::= .
opt_eq ::= EQ.

%type opt_comma {int}
opt_comma ::= .
opt_comma ::= COMMA.

%type ifnotexists {int}
ifnotexists(A) ::= . { A = 0; }
ifnotexists(A) ::= IF NOT EXISTS. { A = 1; }

%type ifexists {int}
ifexists(A) ::= . { A = 0; }
ifexists(A) ::= IF EXISTS. { A = 1; }

%type strlit {Token}
strlit(A) ::= STRING(X). { A = X; }
strlit(A) ::= strlit(L) STRING(X). { A = b_token_join(ctx, L, X); }

%type strlist {StrList*}
strlist(A) ::= strlit(X). { A = b_strlist_str(ctx, NULL, X); }
strlist(A) ::= strlist(L) COMMA strlit(X). { A = b_strlist_str(ctx, L, X); }

/* An option value: word, number or string. */
%type optval {Token}
optval(A) ::= ident(X). { A = X; }
optval(A) ::= strlit(X). { A = X; }
optval(A) ::= INTNUM(X). { A = X; }
optval(A) ::= DECNUM(X). { A = X; }
optval(A) ::= DEFAULT(X). { A = X; }
optval(A) ::= ON(X). { A = X; }

/* ------------------------------------------------------------------ CREATE TABLE */

%type cmd {int}
cmd ::= create_table_head LP table_elems RP table_opts opt_partition. { b_table_end(ctx); }
cmd ::= create_table_head LIKE tblname(L). { b_table_like(ctx, L); }
cmd ::= create_table_head LP LIKE tblname(L) RP. { b_table_like(ctx, L); }

/* MariaDB sequences; the options in any order, then table options (ENGINE, COMMENT). */
cmd ::= create_seq_head seq_opts table_opts. { b_sequence_end(ctx); }

%type create_seq_head {int}
create_seq_head ::= CREATE obj_prefix opt_temporary SEQUENCE ifnotexists(E) tblname(N). { b_sequence_begin(ctx, N, E); }

%type seq_opts {int}
seq_opts ::= .
seq_opts ::= seq_opts seq_opt.

%type seq_opt {int}
seq_opt ::= INCREMENT opt_by_eq seq_int(V). { b_seq_option(ctx, 'i', V); }
seq_opt ::= MINVALUE opt_eq seq_int(V). { b_seq_option(ctx, 'm', V); }
seq_opt ::= NO MINVALUE. { b_seq_option(ctx, 'm', NULL); }
seq_opt ::= NOMINVALUE. { b_seq_option(ctx, 'm', NULL); }
seq_opt ::= MAXVALUE opt_eq seq_int(V). { b_seq_option(ctx, 'M', V); }
seq_opt ::= NO MAXVALUE. { b_seq_option(ctx, 'M', NULL); }
seq_opt ::= NOMAXVALUE. { b_seq_option(ctx, 'M', NULL); }
seq_opt ::= START opt_with_eq seq_int(V). { b_seq_option(ctx, 's', V); }
seq_opt ::= CACHE opt_eq seq_int(V). { b_seq_option(ctx, 'c', V); }
seq_opt ::= NOCACHE. { b_seq_option(ctx, 'c', "0"); }
seq_opt ::= CYCLE. { b_seq_option(ctx, 'y', "1"); }
seq_opt ::= NOCYCLE. { b_seq_option(ctx, 'y', "0"); }
seq_opt ::= NO CYCLE. { b_seq_option(ctx, 'y', "0"); }

%type seq_int {const char*}
seq_int(A) ::= INTNUM(V). { A = b_token_text(ctx, V); }
seq_int(A) ::= MINUS INTNUM(V). { A = b_neg_text(ctx, V); }
seq_int(A) ::= PLUS INTNUM(V). { A = b_token_text(ctx, V); }

%type opt_by_eq {int}
opt_by_eq ::= .
opt_by_eq ::= BY.
opt_by_eq ::= EQ.

%type opt_with_eq {int}
opt_with_eq ::= .
opt_with_eq ::= WITH.
opt_with_eq ::= EQ.

%type create_table_head {int}
create_table_head ::= CREATE obj_prefix opt_temporary TABLE ifnotexists(E) tblname(N). { b_table_begin(ctx, N, E); }

%type opt_temporary {int}
opt_temporary ::= .
opt_temporary ::= TEMPORARY. { b_temporary(ctx); }

/* Everything that may stand between CREATE and the object kind; builders reject misuse. */
%type obj_prefix {int}
obj_prefix ::= .
obj_prefix ::= obj_prefix obj_attr.

%type obj_attr {int}
obj_attr ::= OR REPLACE. { ctx->or_replace = true; }
obj_attr ::= ALGORITHM EQ ident(X). { b_view_algorithm(ctx, X); }
obj_attr ::= definer.
obj_attr ::= SQL SECURITY ident(X). { b_view_security(ctx, X); }

%type table_elems {int}
table_elems ::= table_elem.
table_elems ::= table_elems COMMA table_elem.

%type table_elem {int}
table_elem ::= column_def.
table_elem ::= index_def.
table_elem ::= fk_def.
table_elem ::= check_def.
table_elem ::= PERIOD FOR ident(P) LP ident(S) COMMA ident(E) RP. { b_period(ctx, P, S, E); }

/* ---- columns ---- */

%type column_def {int}
column_def ::= colname type col_attrs. { b_col_end(ctx); }

%type colname {int}
colname ::= ident(N). { b_col_begin(ctx, N); }
colname ::= PERIOD(N). { b_col_begin(ctx, N); }

%type type {int}
type ::= int_type(T) opt_width(W). { b_type(ctx, T, W, -1); }
type ::= BIT opt_width(W). { b_type(ctx, "bit", W, -1); }
type ::= BOOL. { b_type(ctx, "tinyint", 1, -1); }
type ::= BOOLEAN. { b_type(ctx, "tinyint", 1, -1); }
type ::= SERIAL. { b_type_serial(ctx); }
type ::= real_type(T) opt_prec. { b_type_name(ctx, T); }
type ::= dec_type opt_prec. { b_type_name(ctx, "decimal"); }
type ::= char_type(T) opt_width(W). { b_type(ctx, T, W, -1); }
type ::= varchar_type(T) LP INTNUM(W) RP. { b_type(ctx, T, b_int(ctx, W), -1); }
type ::= BINARY opt_width(W). { b_type(ctx, "binary", W, -1); }
type ::= VARBINARY LP INTNUM(W) RP. { b_type(ctx, "varbinary", b_int(ctx, W), -1); }
type ::= TINYTEXT. { b_type(ctx, "tinytext", -1, -1); }
type ::= TEXT opt_width(W). { b_type(ctx, "text", W, -1); }
type ::= MEDIUMTEXT. { b_type(ctx, "mediumtext", -1, -1); }
type ::= LONGTEXT. { b_type(ctx, "longtext", -1, -1); }
type ::= LONG. { b_type(ctx, "mediumtext", -1, -1); }
type ::= LONG VARCHAR. { b_type(ctx, "mediumtext", -1, -1); }
type ::= LONG VARCHARACTER. { b_type(ctx, "mediumtext", -1, -1); }
type ::= LONG VARBINARY. { b_type(ctx, "mediumblob", -1, -1); }
type ::= LONG CHAR VARYING. { b_type(ctx, "mediumtext", -1, -1); }
type ::= TINYBLOB. { b_type(ctx, "tinyblob", -1, -1); }
type ::= BLOB opt_width(W). { b_type(ctx, "blob", W, -1); }
type ::= MEDIUMBLOB. { b_type(ctx, "mediumblob", -1, -1); }
type ::= LONGBLOB. { b_type(ctx, "longblob", -1, -1); }
type ::= ENUM LP strlist(L) RP. { b_type_values(ctx, "enum", L); }
type ::= SET LP strlist(L) RP. { b_type_values(ctx, "set", L); }
type ::= DATE. { b_type(ctx, "date", -1, -1); }
type ::= TIME opt_width(W). { b_type(ctx, "time", W, -1); }
type ::= DATETIME opt_width(W). { b_type(ctx, "datetime", W, -1); }
type ::= TIMESTAMP opt_width(W). { b_type(ctx, "timestamp", W, -1); }
type ::= YEAR opt_width(W). { b_type(ctx, "year", W, -1); }
type ::= JSON. { b_type(ctx, "json", -1, -1); }
type ::= spatial_type(T). { b_type(ctx, T, -1, -1); }
type ::= INET4. { b_type(ctx, "inet4", -1, -1); }
type ::= INET6. { b_type(ctx, "inet6", -1, -1); }
type ::= UUID. { b_type(ctx, "uuid", -1, -1); }

%type int_type {const char*}
int_type(A) ::= TINYINT. { A = "tinyint"; }
int_type(A) ::= SMALLINT. { A = "smallint"; }
int_type(A) ::= MEDIUMINT. { A = "mediumint"; }
int_type(A) ::= INT. { A = "int"; }
int_type(A) ::= INTEGER. { A = "int"; }
int_type(A) ::= BIGINT. { A = "bigint"; }
int_type(A) ::= INT1. { A = "tinyint"; }
int_type(A) ::= INT2. { A = "smallint"; }
int_type(A) ::= INT3. { A = "mediumint"; }
int_type(A) ::= MIDDLEINT. { A = "mediumint"; }
int_type(A) ::= INT4. { A = "int"; }
int_type(A) ::= INT8. { A = "bigint"; }

%type real_type {const char*}
real_type(A) ::= REAL. { A = "double"; }
real_type(A) ::= DOUBLE. { A = "double"; }
real_type(A) ::= DOUBLE PRECISION. { A = "double"; }
real_type(A) ::= FLOAT. { A = "float"; }
real_type(A) ::= FLOAT4. { A = "float"; }
real_type(A) ::= FLOAT8. { A = "double"; }

%type dec_type {int}
dec_type ::= DECIMAL.
dec_type ::= DEC.
dec_type ::= NUMERIC.
dec_type ::= FIXED.

%type char_type {const char*}
char_type(A) ::= CHAR. { A = "char"; }
char_type(A) ::= CHARACTER. { A = "char"; }
char_type(A) ::= NCHAR. { A = b_national(ctx, "char"); }
char_type(A) ::= NATIONAL CHAR. { A = b_national(ctx, "char"); }
char_type(A) ::= NATIONAL CHARACTER. { A = b_national(ctx, "char"); }

%type varchar_type {const char*}
varchar_type(A) ::= VARCHAR. { A = "varchar"; }
varchar_type(A) ::= VARCHARACTER. { A = "varchar"; }
varchar_type(A) ::= CHAR VARYING. { A = "varchar"; }
varchar_type(A) ::= CHARACTER VARYING. { A = "varchar"; }
varchar_type(A) ::= NVARCHAR. { A = b_national(ctx, "varchar"); }
varchar_type(A) ::= NCHAR VARCHAR. { A = b_national(ctx, "varchar"); }
varchar_type(A) ::= NCHAR VARYING. { A = b_national(ctx, "varchar"); }
varchar_type(A) ::= NATIONAL VARCHAR. { A = b_national(ctx, "varchar"); }
varchar_type(A) ::= NATIONAL CHAR VARYING. { A = b_national(ctx, "varchar"); }
varchar_type(A) ::= NATIONAL CHARACTER VARYING. { A = b_national(ctx, "varchar"); }

%type spatial_type {const char*}
spatial_type(A) ::= GEOMETRY. { A = "geometry"; }
spatial_type(A) ::= POINT. { A = "point"; }
spatial_type(A) ::= LINESTRING. { A = "linestring"; }
spatial_type(A) ::= POLYGON. { A = "polygon"; }
spatial_type(A) ::= MULTIPOINT. { A = "multipoint"; }
spatial_type(A) ::= MULTILINESTRING. { A = "multilinestring"; }
spatial_type(A) ::= MULTIPOLYGON. { A = "multipolygon"; }
spatial_type(A) ::= GEOMETRYCOLLECTION. { A = "geometrycollection"; }
spatial_type(A) ::= GEOMCOLLECTION. { A = "geometrycollection"; }

%type opt_width {int}
opt_width(A) ::= . { A = -1; }
opt_width(A) ::= LP INTNUM(W) RP. { A = b_int(ctx, W); }

%type opt_prec {int}
opt_prec ::= .
opt_prec ::= LP INTNUM(W) RP. { b_type_prec(ctx, W, b_no_token(ctx)); }
opt_prec ::= LP INTNUM(W) COMMA INTNUM(S) RP. { b_type_prec(ctx, W, S); }

/* ---- column attributes, in any order ---- */

%type col_attrs {int}
col_attrs ::= .
col_attrs ::= col_attrs col_attr.

%type col_attr {int}
col_attr ::= type_opt.
col_attr ::= NULL. { b_col_null(ctx, false); }
col_attr ::= NOT NULL. { b_col_null(ctx, true); }
col_attr ::= DEFAULT default_val(E). { b_col_default(ctx, E); }
col_attr ::= ON UPDATE expr_fn(E). { b_col_on_update(ctx, E); }
col_attr ::= ON UPDATE fk_action(A). { b_col_ref_action(ctx, false, A); }
col_attr ::= ON DELETE fk_action(A). { b_col_ref_action(ctx, true, A); }
col_attr ::= AUTO_INCREMENT. { b_col_auto_increment(ctx); }
col_attr ::= SERIAL DEFAULT VALUE. { b_col_serial_default(ctx); }
col_attr ::= UNIQUE. [UNIQUE_ALONE] { b_col_unique(ctx); }
col_attr ::= UNIQUE KEY. { b_col_unique(ctx); }
col_attr ::= PRIMARY KEY. { b_col_primary(ctx); }
col_attr ::= KEY. { b_col_primary(ctx); }
col_attr ::= COMMENT strlit(S). { b_col_comment(ctx, S); }
col_attr ::= GENERATED ALWAYS AS LP expr(E) RP gen_kind(K). { b_col_generated(ctx, E, K); }
col_attr ::= AS LP expr(E) RP gen_kind(K). { b_col_generated(ctx, E, K); }
col_attr ::= INVISIBLE. { b_col_invisible(ctx, true); }
col_attr ::= VISIBLE. { b_col_invisible(ctx, false); }
col_attr ::= SRID INTNUM(N). { b_col_srid(ctx, N); }
col_attr ::= REF_SYSTEM_ID EQ INTNUM(N). { b_col_srid(ctx, N); }
col_attr ::= CHECK LP expr(E) RP. { b_col_check(ctx, b_no_token(ctx), E); }
col_attr ::= CONSTRAINT opt_ident(N) CHECK LP expr(E) RP. { b_col_check(ctx, N, E); }
col_attr ::= ENFORCED. { b_ignore(ctx); }
col_attr ::= NOT ENFORCED. { b_check_not_enforced(ctx); }
col_attr ::= col_ref_head opt_paren_identlist(R) fk_match. { b_col_ref_end(ctx, R); }
col_attr ::= COLUMN_FORMAT ident. { b_ignore(ctx); }
col_attr ::= COLUMN_FORMAT DEFAULT. { b_ignore(ctx); }
col_attr ::= STORAGE ident. { b_ignore(ctx); }
col_attr ::= STORAGE DEFAULT. { b_ignore(ctx); }
col_attr ::= COMPRESSED. { b_col_compressed(ctx, b_no_token(ctx)); }
col_attr ::= COMPRESSED EQ ident(X). { b_col_compressed(ctx, X); }
col_attr ::= WITH SYSTEM VERSIONING. { b_col_versioning(ctx, true); }
col_attr ::= WITHOUT SYSTEM VERSIONING. { b_col_versioning(ctx, false); }
col_attr ::= GENERATED ALWAYS AS ROW ident(X). { b_col_system_row(ctx, X); }
col_attr ::= AS ROW ident(X). { b_col_system_row(ctx, X); }
col_attr ::= ENGINE_ATTRIBUTE opt_eq strlit. { b_ignore(ctx); }

/* Charset, collation and numeric flags: after a type, also inside a column's attributes. */
%type type_opt {int}
type_opt ::= UNSIGNED. { b_type_unsigned(ctx); }
type_opt ::= SIGNED. { b_ignore(ctx); }
type_opt ::= ZEROFILL. { b_type_zerofill(ctx); }
type_opt ::= CHARACTER SET charset_name(X). { b_type_charset(ctx, X); }
type_opt ::= CHARSET charset_name(X). { b_type_charset(ctx, X); }
type_opt ::= COLLATE charset_name(X). { b_type_collate(ctx, X); }
type_opt ::= BINARY. { b_type_binary(ctx); }
type_opt ::= ASCII. { b_type_charset(ctx, b_make_token(ctx, "latin1")); }
type_opt ::= UNICODE. { b_type_charset(ctx, b_make_token(ctx, "ucs2")); }
type_opt ::= BYTE. { b_type_binary(ctx); }

%type charset_name {Token}
charset_name(A) ::= ident(X). { A = X; }
charset_name(A) ::= STRING(X). { A = X; }
charset_name(A) ::= BINARY(X). { A = X; }

%type gen_kind {int}
gen_kind(A) ::= . { A = GEN_VIRTUAL; }
gen_kind(A) ::= VIRTUAL. { A = GEN_VIRTUAL; }
gen_kind(A) ::= STORED. { A = GEN_STORED; }
gen_kind(A) ::= PERSISTENT. { A = GEN_STORED; }

/* DEFAULT takes a literal, a signed number, a function call or a parenthesised expression. */
%type default_val {Expr*}
default_val(A) ::= literal(E). { A = E; }
default_val(A) ::= MINUS(O) number(E). { A = b_unop(ctx, O, "-", E); }
default_val(A) ::= PLUS number(E). { A = E; }
default_val(A) ::= LP expr(E) RP. { A = E; }
default_val(A) ::= expr_fn(E). { A = E; }

%type number {Expr*}
number(A) ::= INTNUM(X). { A = b_lit(ctx, E_INT, X); }
number(A) ::= DECNUM(X). { A = b_lit(ctx, E_NUM, X); }

/* ---- indexes ---- */

%type index_def {int}
index_def ::= index_head index_using LP keyparts RP index_opts. { b_index_end(ctx); }

%type index_head {int}
index_head ::= opt_constraint PRIMARY KEY. { b_index_begin(ctx, INDEX_PRIMARY, b_no_token(ctx)); }
index_head ::= opt_constraint UNIQUE opt_key_kw opt_ident(N). { b_index_begin(ctx, INDEX_UNIQUE, N); }
index_head ::= KEY opt_ident(N). { b_index_begin(ctx, INDEX_PLAIN, N); }
index_head ::= INDEX opt_ident(N). { b_index_begin(ctx, INDEX_PLAIN, N); }
index_head ::= KEY IF NOT EXISTS ident(N). { b_index_begin(ctx, INDEX_PLAIN, b_if_exists(ctx, N)); }
index_head ::= INDEX IF NOT EXISTS ident(N). { b_index_begin(ctx, INDEX_PLAIN, b_if_exists(ctx, N)); }
index_head ::= FULLTEXT opt_key_kw opt_ident(N). { b_index_begin(ctx, INDEX_FULLTEXT, N); }
index_head ::= SPATIAL opt_key_kw opt_ident(N). { b_index_begin(ctx, INDEX_SPATIAL, N); }

%type opt_constraint {int}
opt_constraint ::= . { b_constraint_name(ctx, b_no_token(ctx)); }
opt_constraint ::= CONSTRAINT opt_ident(N). { b_constraint_name(ctx, N); }

%type opt_key_kw {int}
opt_key_kw ::= .
opt_key_kw ::= KEY.
opt_key_kw ::= INDEX.

%type index_using {int}
index_using ::= .
index_using ::= USING ident(M). { b_index_method(ctx, M); }

%type keyparts {int}
keyparts ::= keypart.
keyparts ::= keyparts COMMA keypart.

%type keypart {int}
keypart ::= ident(C) opt_width(P) opt_order(D). { b_keypart(ctx, C, NULL, P, D); }
keypart ::= LP expr(E) RP opt_order(D). { b_keypart(ctx, b_no_token(ctx), E, -1, D); }

%type opt_order {int}
opt_order(A) ::= . { A = 0; }
opt_order(A) ::= ASC. { A = 0; }
opt_order(A) ::= DESC. { A = 1; }

%type index_opts {int}
index_opts ::= .
index_opts ::= index_opts index_opt.

%type index_opt {int}
index_opt ::= USING ident(M). { b_index_method(ctx, M); }
index_opt ::= KEY_BLOCK_SIZE opt_eq INTNUM(N). { b_index_key_block_size(ctx, N); }
index_opt ::= COMMENT strlit(S). { b_index_comment(ctx, S); }
index_opt ::= WITH PARSER ident(P). { b_index_parser(ctx, P); }
index_opt ::= VISIBLE. { b_index_invisible(ctx, false); }
index_opt ::= INVISIBLE. { b_index_invisible(ctx, true); }
index_opt ::= IGNORED. { b_index_invisible(ctx, true); }
index_opt ::= NOT IGNORED. { b_index_invisible(ctx, false); }
index_opt ::= ENGINE_ATTRIBUTE opt_eq strlit. { b_ignore(ctx); }

/* ---- foreign keys and checks ---- */

%type fk_def {int}
fk_def ::= fk_head LP identlist(C) RP REFERENCES fk_tblname(T) LP identlist(R) RP fk_match fk_actions. { b_fk_end(ctx, C, T, R); }

%type fk_head {int}
fk_head ::= opt_constraint FOREIGN KEY opt_ident(N). { b_fk_begin(ctx, N); }

%type col_ref_head {int}
col_ref_head ::= REFERENCES fk_tblname(T). { b_col_ref_begin(ctx, T); }

%type fk_match {int}
fk_match ::= .
fk_match ::= MATCH FULL. { b_fk_match(ctx, "FULL"); }
fk_match ::= MATCH PARTIAL. { b_fk_match(ctx, "PARTIAL"); }
fk_match ::= MATCH SIMPLE. { b_fk_match(ctx, "SIMPLE"); }

%type fk_actions {int}
fk_actions ::= .
fk_actions ::= fk_actions ON DELETE fk_action(A). { b_fk_on_delete(ctx, A); }
fk_actions ::= fk_actions ON UPDATE fk_action(A). { b_fk_on_update(ctx, A); }

%type fk_action {int}
fk_action(A) ::= RESTRICT. { A = FK_RESTRICT; }
fk_action(A) ::= CASCADE. { A = FK_CASCADE; }
fk_action(A) ::= SET NULL. { A = FK_SET_NULL; }
fk_action(A) ::= SET DEFAULT. { A = FK_SET_DEFAULT; }
fk_action(A) ::= NO ACTION. { A = FK_NO_ACTION; }

%type opt_paren_identlist {StrList*}
opt_paren_identlist(A) ::= . { A = NULL; }
opt_paren_identlist(A) ::= LP identlist(L) RP. { A = L; }

%type check_def {int}
check_def ::= opt_constraint CHECK LP expr(E) RP opt_enforced(N). { b_check(ctx, b_no_token(ctx), E, N); }

%type opt_enforced {int}
opt_enforced(A) ::= . { A = 0; }
opt_enforced(A) ::= ENFORCED. { A = 0; }
opt_enforced(A) ::= NOT ENFORCED. { A = 1; }

/* ---- table options ---- */

%type table_opts {int}
table_opts ::= .
table_opts ::= table_opt_list.

%type table_opt_list {int}
table_opt_list ::= table_opt.
table_opt_list ::= table_opt_list opt_comma table_opt.

%type table_opt {int}
table_opt ::= ENGINE opt_eq optval(V). { b_table_engine(ctx, V); }
table_opt ::= TYPE opt_eq optval(V). { b_table_engine(ctx, V); }
/* Spelled out with and without DEFAULT: an empty opt_default here would be the state's default
 * reduction, and lemon tries a keyword's fallback (ID: the generic option below) before the
 * default reduction, so "CHARSET utf8mb4" became an unknown option "CHARSET=UTF8MB4". */
table_opt ::= CHARSET opt_eq charset_name(V). { b_table_charset(ctx, V); }
table_opt ::= DEFAULT CHARSET opt_eq charset_name(V). { b_table_charset(ctx, V); }
table_opt ::= CHARACTER SET opt_eq charset_name(V). { b_table_charset(ctx, V); }
table_opt ::= DEFAULT CHARACTER SET opt_eq charset_name(V). { b_table_charset(ctx, V); }
table_opt ::= COLLATE opt_eq charset_name(V). { b_table_collate(ctx, V); }
table_opt ::= DEFAULT COLLATE opt_eq charset_name(V). { b_table_collate(ctx, V); }
table_opt ::= ROW_FORMAT opt_eq optval(V). { b_table_row_format(ctx, V); }
table_opt ::= COMMENT opt_eq strlit(V). { b_table_comment(ctx, V); }
table_opt ::= KEY_BLOCK_SIZE opt_eq INTNUM(V). { b_table_key_block_size(ctx, V); }
table_opt ::= AUTO_INCREMENT opt_eq INTNUM(V). { b_table_auto_increment(ctx, V); }
table_opt ::= DATA DIRECTORY opt_eq strlit(V). { b_table_option(ctx, "DATA DIRECTORY", V); }
table_opt ::= INDEX DIRECTORY opt_eq strlit(V). { b_table_option(ctx, "INDEX DIRECTORY", V); }
table_opt ::= UNION opt_eq LP identlist(L) RP. { b_table_union(ctx, L); }
table_opt ::= TABLESPACE opt_eq ident(V). { b_table_option(ctx, "TABLESPACE", V); }
table_opt ::= STORAGE ident(V). { b_table_option(ctx, "STORAGE", V); }
table_opt ::= ident(N) opt_eq optval(V). { b_table_option(ctx, b_upper(ctx, N), V); }
table_opt ::= WITH SYSTEM VERSIONING. { b_table_versioning(ctx); }


/* ---- partitioning ---- */

%type opt_partition {int}
opt_partition ::= .
opt_partition ::= partition_by.

%type partition_by {int}
partition_by ::= part_head part_method part_count opt_subpart opt_partdefs. { b_part_end(ctx); }

%type part_head {int}
part_head ::= PARTITION BY. { b_part_begin(ctx); }

%type part_method {int}
part_method ::= opt_linear(L) HASH LP expr(E) RP. { b_part_method(ctx, PART_HASH, L, E, NULL, -1); }
part_method ::= opt_linear(L) KEY opt_key_algo(K) LP opt_identlist(C) RP. { b_part_method(ctx, PART_KEY, L, NULL, C, K); }
part_method ::= RANGE LP expr(E) RP. { b_part_method(ctx, PART_RANGE, 0, E, NULL, -1); }
part_method ::= RANGE COLUMNS LP identlist(C) RP. { b_part_method(ctx, PART_RANGE, 0, NULL, C, -1); }
part_method ::= LIST LP expr(E) RP. { b_part_method(ctx, PART_LIST, 0, E, NULL, -1); }
part_method ::= LIST COLUMNS LP identlist(C) RP. { b_part_method(ctx, PART_LIST, 0, NULL, C, -1); }

%type opt_identlist {StrList*}
opt_identlist(A) ::= . { A = NULL; }
opt_identlist(A) ::= identlist(L). { A = L; }

%type opt_linear {int}
opt_linear(A) ::= . { A = 0; }
opt_linear(A) ::= LINEAR. { A = 1; }

%type opt_key_algo {int}
opt_key_algo(A) ::= . { A = 0; }
opt_key_algo(A) ::= ALGORITHM EQ INTNUM(N). { A = b_int(ctx, N); }

%type part_count {int}
part_count ::= .
part_count ::= PARTITIONS INTNUM(N). { b_part_count(ctx, N); }

%type opt_subpart {int}
opt_subpart ::= .
opt_subpart ::= SUBPARTITION BY sub_method sub_count.

%type sub_method {int}
sub_method ::= opt_linear(L) HASH LP expr(E) RP. { b_subpart_method(ctx, PART_HASH, L, E, NULL, -1); }
sub_method ::= opt_linear(L) KEY opt_key_algo(K) LP opt_identlist(C) RP. { b_subpart_method(ctx, PART_KEY, L, NULL, C, K); }

%type sub_count {int}
sub_count ::= .
sub_count ::= SUBPARTITIONS INTNUM(N). { b_subpart_count(ctx, N); }

%type opt_partdefs {int}
opt_partdefs ::= .
opt_partdefs ::= LP partdefs RP.

%type partdefs {int}
partdefs ::= partdef.
partdefs ::= partdefs COMMA partdef.

%type partdef {int}
partdef ::= partdef_head part_values part_opts opt_subdefs. { b_partdef_end(ctx); }

%type partdef_head {int}
partdef_head ::= PARTITION ident(N). { b_partdef_begin(ctx, N); }

%type part_values {int}
part_values ::= .
part_values ::= VALUES LESS THAN LP exprlist(L) RP. { b_part_values(ctx, "LESS THAN", L); }
part_values ::= VALUES LESS THAN MAXVALUE. { b_part_values(ctx, "LESS THAN MAXVALUE", NULL); }
part_values ::= VALUES IN LP exprlist(L) RP. { b_part_values(ctx, "IN", L); }

%type part_opts {int}
part_opts ::= .
part_opts ::= part_opts part_opt.

%type part_opt {int}
part_opt ::= ENGINE opt_eq ident(V). { b_part_engine(ctx, V); }
part_opt ::= STORAGE ENGINE opt_eq ident(V). { b_part_engine(ctx, V); }
part_opt ::= COMMENT opt_eq strlit(V). { b_part_comment(ctx, V); }
part_opt ::= DATA DIRECTORY opt_eq strlit(V). { b_part_option(ctx, "DATA DIRECTORY", V); }
part_opt ::= INDEX DIRECTORY opt_eq strlit(V). { b_part_option(ctx, "INDEX DIRECTORY", V); }
part_opt ::= MAX_ROWS opt_eq INTNUM(V). { b_part_option(ctx, "MAX_ROWS", V); }
part_opt ::= MIN_ROWS opt_eq INTNUM(V). { b_part_option(ctx, "MIN_ROWS", V); }
part_opt ::= TABLESPACE opt_eq ident(V). { b_part_option(ctx, "TABLESPACE", V); }
part_opt ::= NODEGROUP opt_eq INTNUM(V). { b_part_option(ctx, "NODEGROUP", V); }

%type opt_subdefs {int}
opt_subdefs ::= .
opt_subdefs ::= LP subdefs RP.

%type subdefs {int}
subdefs ::= subdef.
subdefs ::= subdefs COMMA subdef.

%type subdef {int}
subdef ::= subdef_head part_opts. { b_subdef_end(ctx); }

%type subdef_head {int}
subdef_head ::= SUBPARTITION ident(N). { b_subdef_begin(ctx, N); }

/* ------------------------------------------------------------------ CREATE INDEX, ALTER, DROP */

cmd ::= create_index_head index_using ON tblname(T) LP keyparts RP index_opts. { b_create_index_end(ctx, T); }

%type create_index_head {int}
create_index_head ::= CREATE obj_prefix opt_or_replace_idx INDEX ifne_name(N). { b_index_begin(ctx, INDEX_PLAIN, N); }
create_index_head ::= CREATE obj_prefix opt_or_replace_idx UNIQUE INDEX ifne_name(N). { b_index_begin(ctx, INDEX_UNIQUE, N); }
create_index_head ::= CREATE obj_prefix opt_or_replace_idx FULLTEXT INDEX ifne_name(N). { b_index_begin(ctx, INDEX_FULLTEXT, N); }
create_index_head ::= CREATE obj_prefix opt_or_replace_idx SPATIAL INDEX ifne_name(N). { b_index_begin(ctx, INDEX_SPATIAL, N); }

/* MariaDB: IF NOT EXISTS / IF EXISTS on CREATE INDEX and on ALTER TABLE items. */
%type ifne_name {Token}
ifne_name(A) ::= ident(N). { A = N; }
ifne_name(A) ::= IF NOT EXISTS ident(N). { A = b_if_exists(ctx, N); }

%type ife_name {Token}
ife_name(A) ::= ident(N). { A = N; }
ife_name(A) ::= IF EXISTS ident(N). { A = b_if_exists(ctx, N); }

%type ifne_mark {int}
ifne_mark ::= IF NOT EXISTS. { b_if_exists(ctx, b_no_token(ctx)); }

%type opt_or_replace_idx {int}
opt_or_replace_idx ::= .
opt_or_replace_idx ::= ONLINE.
opt_or_replace_idx ::= OFFLINE.

/* CREATE INDEX also takes ALGORITHM= and LOCK= after the options. */
index_opt ::= ALGORITHM opt_eq ident. { b_ignore(ctx); }
index_opt ::= ALGORITHM opt_eq DEFAULT. { b_ignore(ctx); }
index_opt ::= LOCK opt_eq ident. { b_ignore(ctx); }
index_opt ::= LOCK opt_eq DEFAULT. { b_ignore(ctx); }

cmd ::= alter_head alter_list. { b_alter_end(ctx); }
cmd ::= alter_head partition_by. { b_alter_end(ctx); }
cmd ::= alter_head alter_list opt_comma partition_by. { b_alter_end(ctx); }

%type alter_head {int}
alter_head ::= ALTER opt_online opt_ignore TABLE tblname(T). { b_alter_begin(ctx, T); }

%type opt_online {int}
opt_online ::= .
opt_online ::= ONLINE.

%type opt_ignore {int}
opt_ignore ::= .
opt_ignore ::= IGNORE.

%type alter_list {int}
alter_list ::= alter_item.
alter_list ::= alter_list COMMA alter_item.

%type alter_item {int}
alter_item ::= ADD opt_column column_def col_position.
alter_item ::= ADD opt_column ifne_mark column_def col_position.
alter_item ::= ADD opt_column LP add_cols RP.
alter_item ::= ADD index_def.
alter_item ::= ADD fk_def.
alter_item ::= ADD check_def.
alter_item ::= modify_head column_def col_position.
alter_item ::= change_head column_def col_position.
alter_item ::= ALTER opt_column ident(C) SET DEFAULT default_val(E). { b_alter_col_default(ctx, C, E); }
alter_item ::= ALTER opt_column ident(C) DROP DEFAULT. { b_alter_col_default(ctx, C, NULL); }
alter_item ::= DROP opt_column ife_name(C). { b_alter_drop(ctx, "column", C); }
alter_item ::= DROP INDEX ife_name(C). { b_alter_drop(ctx, "index", C); }
alter_item ::= DROP KEY ife_name(C). { b_alter_drop(ctx, "index", C); }
alter_item ::= DROP PRIMARY KEY. { b_alter_drop(ctx, "index", b_make_token(ctx, "PRIMARY")); }
alter_item ::= DROP FOREIGN KEY ife_name(C). { b_alter_drop(ctx, "foreign key", C); }
alter_item ::= DROP CHECK ident(C). { b_alter_drop(ctx, "check", C); }
alter_item ::= DROP CONSTRAINT ident(C). { b_alter_drop(ctx, "constraint", C); }
alter_item ::= alter_opt_list.
alter_item ::= ALGORITHM opt_eq ident. { b_ignore(ctx); }
alter_item ::= ALGORITHM opt_eq DEFAULT. { b_ignore(ctx); }
alter_item ::= LOCK opt_eq ident. { b_ignore(ctx); }
alter_item ::= LOCK opt_eq DEFAULT. { b_ignore(ctx); }
alter_item ::= DISABLE KEYS. { b_ignore(ctx); }
alter_item ::= ENABLE KEYS. { b_ignore(ctx); }

%type alter_opt_list {int}
alter_opt_list ::= table_opt.
alter_opt_list ::= alter_opt_list table_opt.

%type add_cols {int}
add_cols ::= column_def.
add_cols ::= add_cols COMMA column_def.

%type modify_head {int}
modify_head ::= MODIFY opt_column. { b_colmode(ctx, COLMODE_MODIFY, b_no_token(ctx)); }

%type change_head {int}
change_head ::= CHANGE opt_column ident(C). { b_colmode(ctx, COLMODE_CHANGE, C); }

%type opt_column {int}
opt_column ::= .
opt_column ::= COLUMN.

%type col_position {int}
col_position ::= . { b_colmode(ctx, COLMODE_ADD, b_no_token(ctx)); }
col_position ::= FIRST. { b_col_position(ctx, true, b_no_token(ctx)); }
col_position ::= AFTER ident(C). { b_col_position(ctx, false, C); }

cmd ::= DROP drop_kind(K) ifexists(E) drop_names(L). { b_drop(ctx, K, E, L); }

%type drop_kind {const char*}
drop_kind(A) ::= opt_temporary_drop TABLE. { A = "table"; }
drop_kind(A) ::= VIEW. { A = "view"; }
drop_kind(A) ::= TRIGGER. { A = "trigger"; }
drop_kind(A) ::= FUNCTION. { A = "function"; }
drop_kind(A) ::= PROCEDURE. { A = "procedure"; }
drop_kind(A) ::= EVENT. { A = "event"; }
drop_kind(A) ::= SEQUENCE. { A = "sequence"; }
drop_kind(A) ::= DATABASE. { A = "database"; }
drop_kind(A) ::= SCHEMA. { A = "database"; }

%type opt_temporary_drop {int}
opt_temporary_drop ::= .
opt_temporary_drop ::= TEMPORARY.

%type drop_names {StrList*}
drop_names(A) ::= tblname(X). { A = b_strlist(ctx, NULL, X); }
drop_names(A) ::= drop_names(L) COMMA tblname(X). { A = b_strlist(ctx, L, X); }

/* ------------------------------------------------------------------ views, triggers, routines */

cmd ::= CREATE obj_prefix VIEW ifnotexists tblname(N) opt_paren_identlist(C) AS BODY(B) view_check(K). { b_view(ctx, N, C, B, K); }


%type definer {int}
definer ::= DEFINER EQ user(U). { b_definer(ctx, U); }

%type user {Token}
user(A) ::= user_part(X). { A = X; }
user(A) ::= user_part(X) AT user_part(H). { A = b_token_span(ctx, X, H); }
user(A) ::= user_part(X) VARIABLE(H). { A = b_token_span(ctx, X, H); }
user(A) ::= CURRENT_USER(X). { A = X; }
user(A) ::= CURRENT_USER(X) LP RP(E). { A = b_token_span(ctx, X, E); }

%type user_part {Token}
user_part(A) ::= ident(X). { A = X; }
user_part(A) ::= STRING(X). { A = X; }

%type view_check {const char*}
view_check(A) ::= . { A = NULL; }
view_check(A) ::= WITH CHECK OPTION. { A = "CASCADED"; }
view_check(A) ::= WITH CASCADED CHECK OPTION. { A = "CASCADED"; }
view_check(A) ::= WITH LOCAL CHECK OPTION. { A = "LOCAL"; }

cmd ::= CREATE obj_prefix TRIGGER ifnotexists tblname(N) trg_time(T) trg_event(E) ON tblname(TB) FOR EACH ROW trg_order BODY(B). { b_trigger(ctx, N, T, E, TB, B); }


cmd ::= CREATE obj_prefix EVENT ifnotexists tblname(N) ON SCHEDULE ev_schedule ev_completion ev_status ev_comment DO BODY(B). { b_event(ctx, N, B); }

%type ev_schedule {int}
ev_schedule ::= AT_WORD expr(X). { b_event_at(ctx, X); }
ev_schedule ::= EVERY expr(X) ident(U) ev_starts ev_ends. { b_event_every(ctx, X, U); }

%type ev_starts {int}
ev_starts ::= .
ev_starts ::= STARTS expr(X). { b_event_starts(ctx, X); }

%type ev_ends {int}
ev_ends ::= .
ev_ends ::= ENDS expr(X). { b_event_ends(ctx, X); }

%type ev_completion {int}
ev_completion ::= .
ev_completion ::= ON COMPLETION PRESERVE. { b_event_preserve(ctx, true); }
ev_completion ::= ON COMPLETION NOT PRESERVE. { b_event_preserve(ctx, false); }

%type ev_status {int}
ev_status ::= .
ev_status ::= ENABLE. { b_event_status(ctx, NULL); }
ev_status ::= DISABLE. { b_event_status(ctx, "DISABLE"); }
ev_status ::= DISABLE ON SLAVE. { b_event_status(ctx, "DISABLE ON SLAVE"); }
ev_status ::= DISABLE ON REPLICA. { b_event_status(ctx, "DISABLE ON SLAVE"); }

%type ev_comment {int}
ev_comment ::= .
ev_comment ::= COMMENT strlit(S). { b_event_comment(ctx, S); }

%type trg_time {const char*}
trg_time(A) ::= BEFORE. { A = "BEFORE"; }
trg_time(A) ::= AFTER. { A = "AFTER"; }

%type trg_event {const char*}
trg_event(A) ::= INSERT. { A = "INSERT"; }
trg_event(A) ::= UPDATE. { A = "UPDATE"; }
trg_event(A) ::= DELETE. { A = "DELETE"; }

%type trg_order {int}
trg_order ::= .
trg_order ::= FOLLOWS ident(X). { b_trigger_order(ctx, "FOLLOWS", X); }
trg_order ::= PRECEDES ident(X). { b_trigger_order(ctx, "PRECEDES", X); }

cmd ::= CREATE obj_prefix FUNCTION ifnotexists tblname(N) LP opt_params RP RETURNS rettype rtn_chars BODY(B). { b_routine(ctx, ROUTINE_FUNCTION, N, B); }
cmd ::= CREATE obj_prefix PROCEDURE ifnotexists tblname(N) LP opt_params RP rtn_chars BODY(B). { b_routine(ctx, ROUTINE_PROCEDURE, N, B); }

%type opt_params {int}
opt_params ::= .
opt_params ::= params.

%type params {int}
params ::= param.
params ::= params COMMA param.

%type param {int}
param ::= param_head type param_type_opts. { b_param_end(ctx); }

%type param_head {int}
param_head ::= ident(N). { b_param_begin(ctx, NULL, N); }
param_head ::= IN ident(N). { b_param_begin(ctx, "IN", N); }
param_head ::= OUT ident(N). { b_param_begin(ctx, "OUT", N); }
param_head ::= INOUT ident(N). { b_param_begin(ctx, "INOUT", N); }

%type param_type_opts {int}
param_type_opts ::= .
param_type_opts ::= param_type_opts type_opt.

%type rettype {int}
rettype ::= rettype_head type param_type_opts. { b_returns_end(ctx); }

%type rettype_head {int}
rettype_head ::= . { b_returns_begin(ctx); }

%type rtn_chars {int}
rtn_chars ::= .
rtn_chars ::= rtn_chars rtn_char.

%type rtn_char {int}
rtn_char ::= COMMENT strlit(S). { b_routine_comment(ctx, S); }
rtn_char ::= LANGUAGE SQL. { b_routine_char(ctx, "LANGUAGE SQL"); }
rtn_char ::= DETERMINISTIC. { b_routine_char(ctx, "DETERMINISTIC"); }
rtn_char ::= NOT DETERMINISTIC. { b_routine_char(ctx, "NOT DETERMINISTIC"); }
rtn_char ::= CONTAINS SQL. { b_routine_char(ctx, "CONTAINS SQL"); }
rtn_char ::= NO SQL. { b_routine_char(ctx, "NO SQL"); }
rtn_char ::= READS SQL DATA. { b_routine_char(ctx, "READS SQL DATA"); }
rtn_char ::= MODIFIES SQL DATA. { b_routine_char(ctx, "MODIFIES SQL DATA"); }
rtn_char ::= SQL SECURITY ident(X). { b_routine_security(ctx, X); }

/* ------------------------------------------------------------------ expressions */

%type expr {Expr*}
expr(A) ::= primary(X). { A = X; }
expr(A) ::= expr(L) OR(O) expr(R). { A = b_binop(ctx, O, "OR", L, R); }
expr(A) ::= expr(L) XOR(O) expr(R). { A = b_binop(ctx, O, "XOR", L, R); }
expr(A) ::= expr(L) AND(O) expr(R). { A = b_binop(ctx, O, "AND", L, R); }
expr(A) ::= NOT(O) expr(X). { A = b_unop(ctx, O, "NOT", X); }
expr(A) ::= BANG(O) expr(X). { A = b_unop(ctx, O, "NOT", X); }
expr(A) ::= expr(L) EQ(O) expr(R). { A = b_binop(ctx, O, "=", L, R); }
expr(A) ::= expr(L) NULLSAFE_EQ(O) expr(R). { A = b_binop(ctx, O, "<=>", L, R); }
expr(A) ::= expr(L) NE(O) expr(R). { A = b_binop(ctx, O, "<>", L, R); }
expr(A) ::= expr(L) LT(O) expr(R). { A = b_binop(ctx, O, "<", L, R); }
expr(A) ::= expr(L) LE(O) expr(R). { A = b_binop(ctx, O, "<=", L, R); }
expr(A) ::= expr(L) GT(O) expr(R). { A = b_binop(ctx, O, ">", L, R); }
expr(A) ::= expr(L) GE(O) expr(R). { A = b_binop(ctx, O, ">=", L, R); }
expr(A) ::= expr(L) IS(O) is_what(W). [IS] { A = b_is(ctx, O, L, W, false); }
expr(A) ::= expr(L) IS(O) NOT is_what(W). [IS] { A = b_is(ctx, O, L, W, true); }
expr(A) ::= expr(L) IN(O) LP exprlist(X) RP. [IN] { A = b_in(ctx, O, L, X, false); }
expr(A) ::= expr(L) NOT(O) IN LP exprlist(X) RP. [IN] { A = b_in(ctx, O, L, X, true); }
expr(A) ::= expr(L) BETWEEN(O) expr(X) AND expr(Y). [BETWEEN] { A = b_between(ctx, O, L, X, Y, false); }
expr(A) ::= expr(L) NOT(O) BETWEEN expr(X) AND expr(Y). [BETWEEN] { A = b_between(ctx, O, L, X, Y, true); }
expr(A) ::= expr(L) LIKE(O) expr(R). [LIKE] { A = b_like(ctx, O, "LIKE", L, R, NULL, false); }
expr(A) ::= expr(L) NOT(O) LIKE expr(R). [LIKE] { A = b_like(ctx, O, "LIKE", L, R, NULL, true); }
expr(A) ::= expr(L) LIKE(O) expr(R) ESCAPE expr(E). [LIKE] { A = b_like(ctx, O, "LIKE", L, R, E, false); }
expr(A) ::= expr(L) NOT(O) LIKE expr(R) ESCAPE expr(E). [LIKE] { A = b_like(ctx, O, "LIKE", L, R, E, true); }
expr(A) ::= expr(L) REGEXP(O) expr(R). [LIKE] { A = b_like(ctx, O, "REGEXP", L, R, NULL, false); }
expr(A) ::= expr(L) NOT(O) REGEXP expr(R). [LIKE] { A = b_like(ctx, O, "REGEXP", L, R, NULL, true); }
expr(A) ::= expr(L) BITOR(O) expr(R). { A = b_binop(ctx, O, "|", L, R); }
expr(A) ::= expr(L) BITAND(O) expr(R). { A = b_binop(ctx, O, "&", L, R); }
expr(A) ::= expr(L) LSHIFT(O) expr(R). { A = b_binop(ctx, O, "<<", L, R); }
expr(A) ::= expr(L) RSHIFT(O) expr(R). { A = b_binop(ctx, O, ">>", L, R); }
expr(A) ::= expr(L) PLUS(O) expr(R). { A = b_binop(ctx, O, "+", L, R); }
expr(A) ::= expr(L) MINUS(O) expr(R). { A = b_binop(ctx, O, "-", L, R); }
expr(A) ::= expr(L) STAR(O) expr(R). { A = b_binop(ctx, O, "*", L, R); }
expr(A) ::= expr(L) SLASH(O) expr(R). { A = b_binop(ctx, O, "/", L, R); }
expr(A) ::= expr(L) DIV(O) expr(R). { A = b_binop(ctx, O, "DIV", L, R); }
expr(A) ::= expr(L) MOD(O) expr(R). { A = b_binop(ctx, O, "%", L, R); }
expr(A) ::= expr(L) REM(O) expr(R). { A = b_binop(ctx, O, "%", L, R); }
expr(A) ::= expr(L) BITXOR(O) expr(R). { A = b_binop(ctx, O, "^", L, R); }
expr(A) ::= MINUS(O) expr(X). [UMINUS] { A = b_unop(ctx, O, "-", X); }
expr(A) ::= PLUS expr(X). [UMINUS] { A = X; }
expr(A) ::= BITNOT(O) expr(X). { A = b_unop(ctx, O, "~", X); }
expr(A) ::= BINARY(O) expr(X). { A = b_unop(ctx, O, "BINARY", X); }
expr(A) ::= expr(L) COLLATE(O) charset_name(C). { A = b_collate(ctx, O, L, C); }
expr(A) ::= INTERVAL(O) expr(X) ident(U). { A = b_interval(ctx, O, X, U); }

%type is_what {const char*}
is_what(A) ::= NULL. { A = "NULL"; }
is_what(A) ::= TRUE. { A = "TRUE"; }
is_what(A) ::= FALSE. { A = "FALSE"; }
is_what(A) ::= UNKNOWN. { A = "UNKNOWN"; }

%type exprlist {ExprList*}
exprlist(A) ::= expr(X). { A = b_exprlist(ctx, NULL, X); }
exprlist(A) ::= exprlist(L) COMMA expr(X). { A = b_exprlist(ctx, L, X); }

%type primary {Expr*}
primary(A) ::= literal(X). { A = X; }
primary(A) ::= colref(X). { A = X; }
primary(A) ::= colref(C) ARROW(O) strlit(P). { A = b_json(ctx, O, C, P, false); }
primary(A) ::= colref(C) ARROW2(O) strlit(P). { A = b_json(ctx, O, C, P, true); }
primary(A) ::= LP expr(X) RP. { A = X; }
primary(A) ::= LP(O) expr(X) COMMA exprlist(L) RP. { A = b_row(ctx, O, X, L); }
primary(A) ::= expr_fn(X). { A = X; }
primary(A) ::= VARIABLE(X). { A = b_lit(ctx, E_VAR, X); }
primary(A) ::= MAXVALUE(X). { A = b_lit(ctx, E_MAXVALUE, X); }
primary(A) ::= CASE(O) case_whens(W) case_else(E) END. { A = b_case(ctx, O, NULL, W, E); }
primary(A) ::= CASE(O) expr(X) case_whens(W) case_else(E) END. { A = b_case(ctx, O, X, W, E); }
primary(A) ::= CAST(O) LP expr(X) AS cast_type(T) RP. { A = b_cast(ctx, O, X, T); }
primary(A) ::= CAST(O) LP expr(X) AS cast_type(T) ARRAY RP. { A = b_cast(ctx, O, X, b_cast_array(ctx, T)); }
primary(A) ::= CONVERT(O) LP expr(X) COMMA cast_type(T) RP. { A = b_cast(ctx, O, X, T); }
primary(A) ::= CONVERT(O) LP expr(X) USING charset_name(C) RP. { A = b_convert_using(ctx, O, X, C); }

%type literal {Expr*}
literal(A) ::= INTNUM(X). { A = b_lit(ctx, E_INT, X); }
literal(A) ::= DECNUM(X). { A = b_lit(ctx, E_NUM, X); }
literal(A) ::= strlit(X). { A = b_lit(ctx, E_STR, X); }
literal(A) ::= INTRODUCER(I) strlit(X). { A = b_lit_introduced(ctx, I, X); }
literal(A) ::= INTRODUCER(I) HEXNUM(X). { A = b_lit_introduced(ctx, I, X); }
literal(A) ::= NSTRING(X). { A = b_lit(ctx, E_STR, X); }
literal(A) ::= DATE_LIT(T) strlit(X). { A = b_lit_typed(ctx, T, X); }
literal(A) ::= TIME_LIT(T) strlit(X). { A = b_lit_typed(ctx, T, X); }
literal(A) ::= TIMESTAMP_LIT(T) strlit(X). { A = b_lit_typed(ctx, T, X); }
literal(A) ::= HEXNUM(X). { A = b_lit(ctx, E_HEX, X); }
literal(A) ::= BITNUM(X). { A = b_lit(ctx, E_BIT, X); }
literal(A) ::= NULL(X). { A = b_lit(ctx, E_NULL, X); }
literal(A) ::= TRUE(X). { A = b_lit(ctx, E_TRUE, X); }
literal(A) ::= FALSE(X). { A = b_lit(ctx, E_FALSE, X); }

%type colref {Expr*}
colref(A) ::= ident(X). { A = b_colref(ctx, b_no_token(ctx), b_no_token(ctx), X); }
colref(A) ::= ident(T) DOT ident(X). { A = b_colref(ctx, b_no_token(ctx), T, X); }
colref(A) ::= ident(D) DOT ident(T) DOT ident(X). { A = b_colref(ctx, D, T, X); }

/* Function calls, including the keyword-named ones and the niladic time functions. */
%type expr_fn {Expr*}
expr_fn(A) ::= fname(F) LP RP. { A = b_func(ctx, F, NULL, 0); }
expr_fn(A) ::= fname(F) LP exprlist(L) RP. { A = b_func(ctx, F, L, 0); }
expr_fn(A) ::= fname(F) LP STAR RP. { A = b_func(ctx, F, NULL, 1); }
expr_fn(A) ::= fname(F) LP DISTINCT exprlist(L) RP. { A = b_func(ctx, F, L, 2); }
expr_fn(A) ::= ident(Q) DOT ident(F) LP opt_exprlist(L) RP. { A = b_func_qualified(ctx, Q, F, L); }
expr_fn(A) ::= niladic(F). { A = b_func(ctx, F, NULL, 0); }

%type opt_exprlist {ExprList*}
opt_exprlist(A) ::= . { A = NULL; }
opt_exprlist(A) ::= exprlist(L). { A = L; }

%type fname {Token}
fname(A) ::= ident(X). { A = X; }
fname(A) ::= IF(X). { A = X; }
fname(A) ::= LEFT(X). { A = X; }
fname(A) ::= RIGHT(X). { A = X; }
fname(A) ::= CHAR(X). { A = X; }
fname(A) ::= INSERT(X). { A = X; }
fname(A) ::= REPLACE(X). { A = X; }
fname(A) ::= MOD(X). { A = X; }
fname(A) ::= DATABASE(X). { A = X; }
fname(A) ::= SCHEMA(X). { A = X; }
fname(A) ::= REPEAT(X). { A = X; }
fname(A) ::= VALUES(X). { A = X; }
fname(A) ::= niladic(X). { A = X; }

%type niladic {Token}
niladic(A) ::= CURRENT_TIMESTAMP(X). { A = X; }
niladic(A) ::= CURRENT_DATE(X). { A = X; }
niladic(A) ::= CURRENT_TIME(X). { A = X; }
niladic(A) ::= LOCALTIME(X). { A = X; }
niladic(A) ::= LOCALTIMESTAMP(X). { A = X; }
niladic(A) ::= UTC_TIMESTAMP(X). { A = X; }
niladic(A) ::= UTC_DATE(X). { A = X; }
niladic(A) ::= UTC_TIME(X). { A = X; }
niladic(A) ::= CURRENT_USER(X). { A = X; }

%type case_whens {ExprList*}
case_whens(A) ::= WHEN expr(X) THEN expr(Y). { A = b_exprlist(ctx, b_exprlist(ctx, NULL, X), Y); }
case_whens(A) ::= case_whens(L) WHEN expr(X) THEN expr(Y). { A = b_exprlist(ctx, b_exprlist(ctx, L, X), Y); }

%type case_else {Expr*}
case_else(A) ::= . { A = NULL; }
case_else(A) ::= ELSE expr(X). { A = X; }

/* CAST/CONVERT target types, as canonical uppercase text. */
%type cast_type {const char*}
cast_type(A) ::= CHAR opt_width(W) cast_cs(C). { A = b_cast_type(ctx, "CHAR", W, -1, C); }
cast_type(A) ::= NCHAR opt_width(W). { A = b_cast_type(ctx, "NCHAR", W, -1, NULL); }
cast_type(A) ::= BINARY opt_width(W). { A = b_cast_type(ctx, "BINARY", W, -1, NULL); }
cast_type(A) ::= SIGNED. { A = "SIGNED"; }
cast_type(A) ::= SIGNED INTEGER. { A = "SIGNED"; }
cast_type(A) ::= SIGNED INT. { A = "SIGNED"; }
cast_type(A) ::= UNSIGNED. { A = "UNSIGNED"; }
cast_type(A) ::= UNSIGNED INTEGER. { A = "UNSIGNED"; }
cast_type(A) ::= UNSIGNED INT. { A = "UNSIGNED"; }
cast_type(A) ::= INTEGER. { A = "SIGNED"; }
cast_type(A) ::= INT. { A = "SIGNED"; }
cast_type(A) ::= DATE. { A = "DATE"; }
cast_type(A) ::= DATETIME opt_width(W). { A = b_cast_type(ctx, "DATETIME", W, -1, NULL); }
cast_type(A) ::= TIME opt_width(W). { A = b_cast_type(ctx, "TIME", W, -1, NULL); }
cast_type(A) ::= YEAR. { A = "YEAR"; }
cast_type(A) ::= JSON. { A = "JSON"; }
cast_type(A) ::= DOUBLE. { A = "DOUBLE"; }
cast_type(A) ::= REAL. { A = "DOUBLE"; }
cast_type(A) ::= FLOAT opt_width(W). { A = b_cast_type(ctx, "FLOAT", W, -1, NULL); }
cast_type(A) ::= dec_type. { A = "DECIMAL"; }
cast_type(A) ::= dec_type LP INTNUM(W) RP. { A = b_cast_type(ctx, "DECIMAL", b_int(ctx, W), -1, NULL); }
cast_type(A) ::= dec_type LP INTNUM(W) COMMA INTNUM(S) RP. { A = b_cast_type(ctx, "DECIMAL", b_int(ctx, W), b_int(ctx, S), NULL); }

%type cast_cs {const char*}
cast_cs(A) ::= . { A = NULL; }
cast_cs(A) ::= CHARSET charset_name(C). { A = b_token_text(ctx, C); }
cast_cs(A) ::= CHARACTER SET charset_name(C). { A = b_token_text(ctx, C); }

%code {
/* A parser state stack reduced to its state numbers: what the look-ahead questions need. */
typedef struct ParseSnap {
	YYACTIONTYPE st[YYSTACKDEPTH + 2];
	int top;
} ParseSnap;

/* Run the tables on *s for lookahead `code` as the parser would (reductions included, no
 * actions): 1 shifted (s now holds the state after the shift), 2 accepted, 0 a syntax error or
 * a stack too deep (s is then undefined). */
static int snap_step(ParseSnap *s, int code)
{
	YYACTIONTYPE act = s->st[s->top];
	for (int guard = 0; guard < 100000; guard++) {
		act = yy_find_shift_action((YYCODETYPE)code, act);
		if (act >= YY_MIN_REDUCE) {
			unsigned rule = act - YY_MIN_REDUCE;
			int size = yyRuleInfoNRhs[rule];
			if (s->top + size < 0 || s->top + size + 1 > YYSTACKDEPTH)
				return 0;
			act = yy_find_reduce_action(s->st[s->top + size], (YYCODETYPE)yyRuleInfoLhs[rule]);
			s->top = s->top + size + 1;
			s->st[s->top] = act;
		} else if (act <= YY_MAX_SHIFTREDUCE) {
			if (s->top + 1 > YYSTACKDEPTH)
				return 0;
			if (act > YY_MAX_SHIFT)
				act += YY_MIN_REDUCE - YY_MIN_SHIFTREDUCE;  /* as yy_shift() stores it */
			s->st[++s->top] = act;
			return 1;
		} else {
			return act == YY_ACCEPT_ACTION ? 2 : 0;
		}
	}
	return 0;
}

/* Would `code` be shifted (after any reductions) or accepted from state stack *s? */
static bool snap_accepts(const ParseSnap *s, int code)
{
	static ParseSnap scratch;
	YYACTIONTYPE act;

	if (s->top < 0 || s->top > YYSTACKDEPTH || code < 0 || code >= YYNTOKEN)
		return false;
	/* fast path: a shift from the current state needs no copy of the stack */
	act = yy_find_shift_action((YYCODETYPE)code, s->st[s->top]);
	if (act <= YY_MAX_SHIFTREDUCE)
		return true;
	if (act < YY_MIN_REDUCE)
		return act == YY_ACCEPT_ACTION;
	memcpy(scratch.st, s->st, (size_t)(s->top + 1) * sizeof s->st[0]);
	scratch.top = s->top;
	return snap_step(&scratch, code) != 0;
}

bool mysql_parser_accepts(void *p, int code)
{
	static ParseSnap snap;
	yyParser *pp = p;
	int top = (int)(pp->yytos - pp->yystack);

	if (top < 0 || top > YYSTACKDEPTH)
		return false;
	for (int i = 0; i <= top; i++)
		snap.st[i] = pp->yystack[i].stateno;
	snap.top = top;
	return snap_accepts(&snap, code);
}

void mysql_parser_feed(void *p, MyCtx *ctx, int code, Token t)
{
	MysqlParse(p, code, t);
	if (ctx->failed)
		return;
	if (ctx->nfed == ctx->fed_cap) {
		ctx->fed_cap = ctx->fed_cap ? ctx->fed_cap * 2 : 256;
		ctx->fed = xrealloc(ctx->fed, (size_t)ctx->fed_cap * sizeof *ctx->fed);
	}
	ctx->fed[ctx->nfed++] = code;
}

/* The state stack before the lookahead that failed: the parser itself has already run the
 * default reductions for it, which would make the list of expected tokens inexact. */
static void snap_replay(ParseSnap *s, const MyCtx *ctx)
{
	s->top = 0;
	s->st[0] = 0;
	for (int i = 0; i < ctx->nfed; i++)
		if (snap_step(s, ctx->fed[i]) != 1)
			break;  /* cannot happen: the parser took these codes */
}

const char *mysql_token_display(int code)
{
	switch (code) {
	case 0: return "end of statement";
	case TK_ID: return "identifier";
	case TK_STRING: return "string";
	case TK_NSTRING: return "string";
	case TK_INTNUM: return "integer";
	case TK_DECNUM: return "number";
	case TK_HEXNUM: return "hexadecimal literal";
	case TK_BITNUM: return "bit literal";
	case TK_INTRODUCER: return "charset introducer";
	case TK_VARIABLE: return "variable";
	case TK_BODY: return "statement body";
	case TK_LP: return "\"(\"";
	case TK_RP: return "\")\"";
	case TK_COMMA: return "\",\"";
	case TK_DOT: return "\".\"";
	case TK_EQ: return "\"=\"";
	case TK_NE: return "\"<>\"";
	case TK_LT: return "\"<\"";
	case TK_LE: return "\"<=\"";
	case TK_GT: return "\">\"";
	case TK_GE: return "\">=\"";
	case TK_NULLSAFE_EQ: return "\"<=>\"";
	case TK_PLUS: return "\"+\"";
	case TK_MINUS: return "\"-\"";
	case TK_STAR: return "\"*\"";
	case TK_SLASH: return "\"/\"";
	case TK_REM: return "\"%\"";
	case TK_BITXOR: return "\"^\"";
	case TK_BITAND: return "\"&\"";
	case TK_BITOR: return "\"|\"";
	case TK_BITNOT: return "\"~\"";
	case TK_BANG: return "\"!\"";
	case TK_LSHIFT: return "\"<<\"";
	case TK_RSHIFT: return "\">>\"";
	case TK_ARROW: return "\"->\"";
	case TK_ARROW2: return "\"->>\"";
	case TK_AT: return "\"@\"";
	case TK_SEMI: return "\";\"";
	case TK_ASSIGN: return "\":=\"";
	case TK_COLON: return "\":\"";
	case TK_QUESTION: return "\"?\"";
	case TK_LBRACE: return "\"{\"";
	case TK_RBRACE: return "\"}\"";
	case TK_DELIM: return "delimiter";
	default: break;
	}
	if (code > 0 && code < YYNTOKEN)
		return yyTokenName[code];
	return "?";
}

static bool internal_token(int code)
{
	return code == TK_EXPR_START || code == TK_UMINUS || code == TK_UNIQUE_ALONE || code == TK_DELIM ||
	       code == TK_SEMI || code == TK_BODY || code == TK_NSTRING || code == TK_DECNUM ||
	       code == TK_HEXNUM || code == TK_BITNUM || code == TK_INTRODUCER || code == TK_VARIABLE;
}

static bool is_type_token(int code)
{
	static const int types[] = {
		TK_BIT, TK_BOOL, TK_BOOLEAN, TK_SERIAL, TK_TINYINT, TK_SMALLINT, TK_MEDIUMINT, TK_INT, TK_INTEGER,
		TK_BIGINT, TK_INT1, TK_INT2, TK_INT3, TK_INT4, TK_INT8, TK_MIDDLEINT, TK_REAL, TK_DOUBLE, TK_FLOAT,
		TK_FLOAT4, TK_FLOAT8, TK_DECIMAL, TK_DEC, TK_NUMERIC, TK_FIXED, TK_CHAR, TK_CHARACTER, TK_NCHAR,
		TK_NATIONAL, TK_VARCHAR, TK_VARCHARACTER, TK_NVARCHAR, TK_BINARY, TK_VARBINARY, TK_TINYTEXT, TK_TEXT,
		TK_MEDIUMTEXT, TK_LONGTEXT, TK_LONG, TK_TINYBLOB, TK_BLOB, TK_MEDIUMBLOB, TK_LONGBLOB, TK_ENUM, TK_SET,
		TK_DATE, TK_TIME, TK_DATETIME, TK_TIMESTAMP, TK_YEAR, TK_JSON, TK_GEOMETRY, TK_POINT, TK_LINESTRING,
		TK_POLYGON, TK_MULTIPOINT, TK_MULTILINESTRING, TK_MULTIPOLYGON, TK_GEOMETRYCOLLECTION,
		TK_GEOMCOLLECTION, TK_INET4, TK_INET6, TK_UUID, TK_SIGNED, TK_UNSIGNED,
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i] == code)
			return true;
	return false;
}

/* Groups of keywords named by what they start, so that an error lists a few useful things
 * instead of thirty keywords. A group applies when the parser takes every token of its probe
 * (reserved words only: a non-reserved one is taken wherever an identifier is); its members
 * are then not listed one by one. */
typedef struct TokGroup {
	const char *label;
	int probe[4];
	int members[40];
} TokGroup;

static const TokGroup tok_groups[] = {
	{"a column attribute", {TK_NOT, TK_NULL, TK_DEFAULT, TK_REFERENCES},
	 {TK_NOT, TK_NULL, TK_DEFAULT, TK_COMMENT, TK_AUTO_INCREMENT, TK_UNIQUE, TK_PRIMARY, TK_KEY, TK_CHECK,
	  TK_GENERATED, TK_COLLATE, TK_CHARSET, TK_CHARACTER, TK_INVISIBLE, TK_VISIBLE, TK_REFERENCES, TK_ON,
	  TK_AS, TK_COLUMN_FORMAT, TK_STORAGE, TK_COMPRESSED, TK_ASCII, TK_BYTE, TK_UNICODE, TK_UNSIGNED,
	  TK_SIGNED, TK_ZEROFILL, TK_BINARY, TK_SRID, TK_REF_SYSTEM_ID, TK_ENFORCED, TK_CONSTRAINT, TK_SERIAL,
	  TK_WITH, TK_WITHOUT, TK_ENGINE_ATTRIBUTE, 0}},
	{"a key or constraint definition", {TK_KEY, TK_PRIMARY, TK_FOREIGN, TK_CONSTRAINT},
	 {TK_KEY, TK_INDEX, TK_UNIQUE, TK_PRIMARY, TK_FULLTEXT, TK_SPATIAL, TK_FOREIGN, TK_CONSTRAINT, TK_CHECK,
	  TK_PERIOD, 0}},
	{"a table option", {TK_DEFAULT, TK_COLLATE, TK_UNION},
	 {TK_ENGINE, TK_TYPE, TK_DEFAULT, TK_CHARSET, TK_CHARACTER, TK_COLLATE, TK_ROW_FORMAT, TK_COMMENT,
	  TK_KEY_BLOCK_SIZE, TK_AUTO_INCREMENT, TK_DATA, TK_INDEX, TK_UNION, TK_TABLESPACE, TK_STORAGE, TK_WITH,
	  TK_MAX_ROWS, TK_MIN_ROWS, TK_ENGINE_ATTRIBUTE, 0}},
	{"an index option", {TK_USING, TK_KEY_BLOCK_SIZE, TK_INVISIBLE},
	 {TK_USING, TK_COMMENT, TK_KEY_BLOCK_SIZE, TK_WITH, TK_VISIBLE, TK_INVISIBLE, TK_IGNORED, TK_NOT,
	  TK_ENGINE_ATTRIBUTE, TK_ALGORITHM, TK_LOCK, 0}},
	{"an object kind (TABLE, VIEW, INDEX, TRIGGER, FUNCTION, PROCEDURE, SEQUENCE)", {TK_TABLE, TK_VIEW, TK_TRIGGER},
	 {TK_TABLE, TK_VIEW, TK_INDEX, TK_TRIGGER, TK_FUNCTION, TK_PROCEDURE, TK_SEQUENCE, TK_UNIQUE,
	  TK_FULLTEXT, TK_SPATIAL, TK_TEMPORARY, TK_OR, TK_ALGORITHM, TK_DEFINER, TK_SQL, TK_OFFLINE, TK_ONLINE,
	  TK_EVENT, TK_IF, 0}},
};
#define N_TOK_GROUPS ((int)(sizeof tok_groups / sizeof tok_groups[0]))

static int cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

#define MAX_LISTED 6

void b_syntax_error(MyCtx *ctx, int major, Token tok)
{
	static ParseSnap snap;
	const ParseSnap *parser = &snap;
	StrBuf exp = SB_INIT;
	const char *items[16], *kws[YYNTOKEN > 0 ? YYNTOKEN : 1];
	int nitems = 0, nkw = 0, more = 0;
	bool ident_ok, literal_ok, type_ok, group_on[N_TOK_GROUPS];
	SrcLoc loc = {ctx->file, tok.off, tok.n};
	char found[64];

	snap_replay(&snap, ctx);
	ctx->failed = true;
	if (major == 0) {
		snprintf(found, sizeof found, "end of statement");
		loc.len = 0;
	} else if (tok.z && (tok.z[0] == '\'' || tok.z[0] == '"') && tok.n <= 40) {
		snprintf(found, sizeof found, "%.*s", (int)tok.n, tok.z);
	} else if (tok.n > 40) {
		snprintf(found, sizeof found, "\"%.37s...\"", tok.z);
	} else {
		snprintf(found, sizeof found, "\"%.*s\"", (int)tok.n, tok.z);
	}
	if (major == TK_BODY)
		snprintf(found, sizeof found, "a statement body");
	ident_ok = snap_accepts(parser, TK_ID);
	literal_ok = snap_accepts(parser, TK_INTNUM) && snap_accepts(parser, TK_STRING) &&
		     snap_accepts(parser, TK_MINUS);
	type_ok = snap_accepts(parser, TK_INT) && snap_accepts(parser, TK_VARCHAR);
	for (int g = 0; g < N_TOK_GROUPS; g++) {
		group_on[g] = true;
		for (int k = 0; k < 4 && tok_groups[g].probe[k]; k++)
			group_on[g] = group_on[g] && snap_accepts(parser, tok_groups[g].probe[k]);
	}
	/* a table option may be any word (ident = value): "identifier" would say less */
	if (group_on[2])
		ident_ok = false;
	if (ident_ok && group_on[1])
		items[nitems++] = "a column, key or constraint definition";
	else if (ident_ok)
		items[nitems++] = "an identifier";
	if (literal_ok)
		items[nitems++] = "an expression";
	if (type_ok)
		items[nitems++] = "a data type";
	for (int g = 0; g < N_TOK_GROUPS; g++)
		if (group_on[g] && !(g == 1 && ident_ok))
			items[nitems++] = tok_groups[g].label;
	if (snap_accepts(parser, TK_BODY))
		items[nitems++] = "a statement body";
	/* punctuation first, then keywords in alphabetical order */
	for (int code = 1; code < YYNTOKEN; code++) {
		bool grouped = false;
		if (code == TK_ID || internal_token(code))
			continue;
		if (ident_ok && yyFallback[code] == TK_ID)
			continue;
		if (literal_ok && (code == TK_STRING || code == TK_INTNUM))
			continue;
		if (type_ok && is_type_token(code))
			continue;
		for (int g = 0; g < N_TOK_GROUPS && !grouped; g++)
			for (int k = 0; group_on[g] && tok_groups[g].members[k] && !grouped; k++)
				grouped = tok_groups[g].members[k] == code;
		if (grouped)
			continue;
		if (group_on[2] && yyFallback[code] == TK_ID)
			continue;  /* any word is a table option name */
		if (!snap_accepts(parser, code))
			continue;
		if (literal_ok && code != TK_LP && code != TK_RP && code != TK_COMMA && code != TK_AS &&
		    code != TK_WHEN && code != TK_THEN && code != TK_ELSE && code != TK_END && code != TK_AND &&
		    snap_accepts(parser, TK_MINUS) && !snap_accepts(parser, TK_RP))
			continue; /* the start of an expression: "an expression" says it */
		if (mysql_token_display(code)[0] == '"') {
			if (nitems < MAX_LISTED)
				items[nitems++] = mysql_token_display(code);
			else
				more++;
		} else {
			kws[nkw++] = mysql_token_display(code);
		}
	}
	qsort(kws, (size_t)nkw, sizeof kws[0], cmp_cstr);
	for (int k = 0; k < nkw; k++) {
		if (nitems < MAX_LISTED)
			items[nitems++] = kws[k];
		else
			more++;
	}
	if (snap_accepts(parser, 0))
		items[nitems++] = "end of statement";
	for (int i = 0; i < nitems; i++) {
		if (i)
			sb_adds(&exp, i + 1 == nitems && !more ? " or " : ", ");
		sb_adds(&exp, items[i]);
	}
	if (more)
		sb_addf(&exp, " or %d other keyword%s", more, more == 1 ? "" : "s");
	if (nitems)
		diag_error(ctx->d, loc, "syntax error at %s: expected %s", found, sb_str(&exp));
	else
		diag_error(ctx->d, loc, "syntax error at %s", found);
	if ((major == TK_CREATE || major == TK_ALTER || major == TK_DROP) && snap_accepts(parser, 0))
		diag_hint(ctx->d, "is the \";\" missing at the end of the previous statement?");
	ctx->errors++;
	sb_release(&exp);
}
}
