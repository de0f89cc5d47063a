/*
 * server_fixtures.c: see server_fixtures.h. Values only; nothing here talks to a server.
 */
#include "tests/support/server_fixtures.h"

#include <string.h>

ServerInfo si_mariadb(void)
{
	ServerInfo si;
	server_info_default(&si, DIALECT_MYSQL);
	si.db_charset = "utf8mb4";
	si.db_collation = "utf8mb4_general_ci";
	return si;
}

ServerInfo si_mysql8(void)
{
	ServerInfo si;
	memset(&si, 0, sizeof si);
	si.flavor = FLAVOR_MYSQL;
	si.major = 8;
	si.minor = 0;
	si.patch = 36;
	si.version = "8.0.36";
	si.db_charset = "utf8mb4";
	si.db_collation = "utf8mb4_0900_ai_ci";
	return si;
}
