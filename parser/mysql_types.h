/*
 * mysql_types.h: facts about MySQL/MariaDB column types shared by the normaliser and the
 * printer (implemented in parser/normalize_mysql.c). Type names are the model's lowercase
 * base names ("int", "varchar", "longtext"); unknown names answer false everywhere.
 */
#ifndef SQLSHAPE_MYSQL_TYPES_H
#define SQLSHAPE_MYSQL_TYPES_H

#include <stdbool.h>

#include "parser/model.h"

/* tinyint smallint mediumint int bigint */
bool mysql_type_is_integer(const char *type);
/* integer, decimal, float, double, bit (year is not: it takes integer defaults too, see below) */
bool mysql_type_is_numeric(const char *type);
/* char varchar tinytext text mediumtext longtext enum set (the types that carry a charset) */
bool mysql_type_is_string(const char *type);
/* the BLOB/TEXT family (no length on the type, prefix needed to index) */
bool mysql_type_is_lob(const char *type);
/* binary varbinary and the blobs: byte strings, never a charset */
bool mysql_type_is_binary(const char *type);
/* geometry point linestring polygon multi... geometrycollection */
bool mysql_type_is_spatial(const char *type);
/* date time datetime timestamp year */
bool mysql_type_is_temporal(const char *type);

/* The display width MariaDB prints for an integer type without one (int -> 11, 10 unsigned). */
int mysql_int_default_width(const char *type, bool is_unsigned);

/* Whether the column's type takes a (len[,scale]) suffix and how it is printed. */
bool mysql_type_has_length(const char *type);

/* Default collation of charset on this server; the server table first, then the built-in one. */
const char *mysql_charset_default_collation(const ServerInfo *si, const char *charset);

#endif
