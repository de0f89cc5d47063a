/*
 * server_fixtures.h: the ServerInfo of the two MySQL flavours the unit tests normalise and
 * print for, as the catalogue reader would fill them for a database created with the server's
 * defaults.
 */
#ifndef SQLSHAPE_TEST_SERVER_FIXTURES_H
#define SQLSHAPE_TEST_SERVER_FIXTURES_H

#include "parser/model.h"

/* MariaDB 10.11, database default utf8mb4 / utf8mb4_general_ci. */
ServerInfo si_mariadb(void);
/* MySQL 8.0.36, database default utf8mb4 / utf8mb4_0900_ai_ci. */
ServerInfo si_mysql8(void);

#endif
