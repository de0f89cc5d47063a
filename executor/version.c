/*
 * version.c: `sqlshape version` (and `sqlshape --version`): sqlshape's version and those of the
 * client libraries it runs with (libmariadb's mysql_get_client_info, libpq's PQlibVersion, both
 * asked at run time) and was built with (the PostgreSQL parser release in libpg_query's header).
 * It connects to nothing.
 */
#include <mariadb/mysql.h>
#include <libpq-fe.h>
#include <pg_query.h>
#include <stdio.h>

#include "core/commands.h"

static const CliOpt *const version_groups[] = {NULL};

const CliSpec cli_version_spec = {
	.name = "version",
	.synopsis = "version",
	.description = "Print sqlshape's version, then one line per library: the MySQL/MariaDB client\n"
		"library and libpq as loaded at run time, and the PostgreSQL parser release of\n"
		"libpg_query it was built with. The same as 'sqlshape --version'.\n",
	.groups = version_groups,
	.more = "Exit status: 0.\n",
	.examples = "sqlshape version\nsqlshape --version",
};

int cmd_version(int argc, char **argv)
{
	CliParser p;
	int k, pq;

	cli_init(&p, &cli_version_spec, argc, argv);
	while ((k = cli_next(&p)) != CLI_DONE) {
		if (k == CLI_HELP)
			return 0;
		if (k == CLI_ERROR)
			return 1;
		return cli_error(&cli_version_spec, "unexpected argument: version takes none");
	}
	pq = PQlibVersion();
	printf("sqlshape %s\n", SQLSHAPE_VERSION);
	printf("libmysqlclient %s (MariaDB Connector/C)\n", mysql_get_client_info());
	printf("libpq %d.%d\n", pq / 10000, pq % 10000);
	printf("libpg_query %s (PostgreSQL parser)\n", PG_VERSION);
	return 0;
}
