/*
 * pg_catalog.c: read a live PostgreSQL database into the model.
 *
 * A batch of pg_catalog queries (schemas, extensions, types, sequences, tables, columns,
 * constraints, indexes, views, functions, triggers, policies) goes out in libpq pipelines, on
 * two sessions when the connection is fresh (see pg_catalog_send), the columns in ranges of
 * tables when the catalogue is read right away, each range parsed as it arrives; the rows are
 * turned into DDL spelled with the server's own printers (format_type, pg_get_expr,
 * pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, pg_get_functiondef,
 * pg_get_triggerdef; plain indexes are spelled by the query itself, the way pg_get_indexdef
 * would), and that text goes through pg_parse, the same front end as the user's
 * files. So both sides of a comparison are built by one piece of code, and the only
 * differences left are the ones pg_canon.c exists to remove.
 *
 * It never reads information_schema, never runs pg_dump, never issues one query per table.
 * Costs that grow with the table count are kept off the server: a table's size is the pages
 * of its heap, TOAST table and indexes as of the last VACUUM, ANALYZE or CREATE INDEX
 * (relpages, the same vintage as the row estimate reltuples), read from pg_class without
 * touching a file: pg_total_relation_size opens and stats every fork of every relation (over
 * a second for 2,000 tables), and even pg_relation_size on the main forks costs 0.1-0.4 s in
 * a fresh session. Comments are read by an index probe into pg_description, not through the
 * per-row SQL functions obj_description/col_description.
 * PGresults are cleared as soon as their rows are copied.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "executor/conn_internal.h"
#include "executor/run.h"
#include "parser/frontend.h"

/* The buffer's text copied into the arena; the buffer is released (and can be reused). */
static char *sb_take(StrBuf *sb, Arena *a)
{
	char *p = sb_to_arena(sb, a);
	sb_release(sb);
	return p;
}

/* Objects that belong to an extension are the extension's, not the user's. */
#define NOT_EXT(cls, oidexpr) \
	"NOT EXISTS (SELECT 1 FROM pg_depend e_ WHERE e_.classid = '" cls "'::regclass AND e_.objid = " oidexpr \
	" AND e_.deptype = 'e')"
/* A comment, read with an index probe into pg_description: obj_description() is an SQL
 * function the executor runs per row, several times slower over thousands of rows. */
#define DESCR(oidexpr, cls) \
	"(SELECT d_.description FROM pg_description d_ WHERE d_.objoid = " oidexpr " AND d_.classoid = '" cls \
	"'::regclass AND d_.objsubid = 0)"
#define USER_NS(ns) \
	ns ".nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', '_sqlshape') AND " ns ".nspname NOT LIKE 'pg\\_temp\\_%' AND " \
	ns ".nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"

/* In the order the server runs them: what the CREATE TABLE statements need comes first, so
 * that the client parses them while the server works on the rest (from Q_SECOND on). */
enum {
	Q_DB, Q_UNMODELLED, Q_SCHEMAS, Q_EXTENSIONS, Q_ENUMS, Q_DOMAINS, Q_COMPOSITES, Q_SEQUENCES, Q_TABLES, Q_COLUMNS,
	Q_CONSTRAINTS, Q_VIEWS, Q_FUNCTIONS, Q_TRIGGERS, Q_POLICIES, Q_AGGREGATES, Q_ATTACHED, Q_INDEXES, Q_COUNT,
	Q_SECOND = Q_CONSTRAINTS
};

/* The columns of tables. A default is printed only where the column has one. An identity's
 * sequence comes from one join over the identity sequences (of the tables in range: DEPS),
 * not from a lookup per column: in a fresh session the per-column lookups cost 170-230 ms of
 * server CPU over the bench database's 24,000 columns (2,000 identities), the join about 50. */
#define COLUMNS_SELECT_(DEPS) \
	"SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, CASE WHEN a.atthasdef THEN" \
	/* a default cannot refer to columns: printed without opening the table (relid 0), which \
	 * spares building a relcache entry per table in a fresh session */ \
	" (SELECT CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) ELSE pg_get_expr(ad.adbin, ad.adrelid) END" \
	" FROM pg_attrdef ad WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) END," \
	" a.attidentity, a.attgenerated, CASE WHEN a.attcollation <> t.typcollation THEN CASE WHEN cn.nspname = 'pg_catalog'" \
	" THEN '' ELSE quote_ident(cn.nspname) || '.' END || quote_ident(co.collname) END, dd.description," \
	" a.attislocal, s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle, a.attcompression" \
	" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace" \
	" LEFT JOIN pg_type t ON t.oid = a.atttypid" \
	" LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace" \
	" LEFT JOIN (SELECT dp.refobjid, dp.refobjsubid, s.* FROM pg_depend dp JOIN pg_sequence s ON s.seqrelid = dp.objid" \
	" WHERE dp.classid = 'pg_class'::regclass AND dp.refclassid = 'pg_class'::regclass AND dp.deptype = 'i'" DEPS ") s" \
	" ON s.refobjid = a.attrelid AND s.refobjsubid = a.attnum AND a.attidentity <> ''" \
	" LEFT JOIN pg_description dd ON dd.objoid = a.attrelid AND dd.classoid = 'pg_class'::regclass AND dd.objsubid = a.attnum"

/* Q_COLUMNS for the tables whose oids are in [$1, $2] (with those of any table Q_TABLES
 * leaves out, which the reader skips). */
#define COLUMNS_SELECT COLUMNS_SELECT_("")
static const char columns_range[] =
	COLUMNS_SELECT_(" AND dp.refobjid BETWEEN $1::oid AND $2::oid") " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
	" AND a.attrelid BETWEEN $1::oid AND $2::oid ORDER BY a.attrelid, a.attnum";

static const char *const queries[Q_COUNT] = {
	[Q_SCHEMAS] =
	"SELECT n.nspname, " DESCR("n.oid", "pg_namespace") " FROM pg_namespace n WHERE " USER_NS("n")
	" AND n.nspname <> 'public' AND " NOT_EXT("pg_namespace", "n.oid") " ORDER BY 1",
	[Q_EXTENSIONS] =
	"SELECT e.extname, n.nspname, e.extversion, " DESCR("e.oid", "pg_extension") " FROM pg_extension e"
	" JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1",
	[Q_ENUMS] =
	"SELECT n.nspname, t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder),"
	" " DESCR("t.oid", "pg_type") " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
	" JOIN pg_enum e ON e.enumtypid = t.oid WHERE " USER_NS("n") " AND " NOT_EXT("pg_type", "t.oid")
	" GROUP BY n.nspname, t.typname, t.oid ORDER BY t.oid",
	[Q_DOMAINS] =
	"SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
	" CASE WHEN t.typcollation <> bt.typcollation THEN (SELECT CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE"
	" quote_ident(cn.nspname) || '.' END || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn"
	" ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END,"
	" (SELECT string_agg('CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), ' '"
	" ORDER BY k.oid) FROM pg_constraint k WHERE k.contypid = t.oid), " DESCR("t.oid", "pg_type")
	" FROM pg_type t JOIN pg_type bt ON bt.oid = t.typbasetype JOIN pg_namespace n ON n.oid = t.typnamespace"
	" WHERE t.typtype = 'd' AND " USER_NS("n") " AND " NOT_EXT("pg_type", "t.oid") " ORDER BY t.oid",
	[Q_COMPOSITES] =
	"SELECT n.nspname, t.typname, string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod),"
	" ', ' ORDER BY a.attnum), " DESCR("t.oid", "pg_type") " FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid"
	" AND c.relkind = 'c' JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
	" AND a.attnum > 0 AND NOT a.attisdropped WHERE " USER_NS("n") " AND " NOT_EXT("pg_type", "t.oid")
	" GROUP BY n.nspname, t.typname, t.oid ORDER BY t.oid",
	[Q_SEQUENCES] =
	"SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,"
	" s.seqcache, s.seqcycle, (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' ||"
	" quote_ident(a.attname) FROM pg_depend dp JOIN pg_class tc ON tc.oid = dp.refobjid JOIN pg_namespace tn"
	" ON tn.oid = tc.relnamespace JOIN pg_attribute a ON a.attrelid = dp.refobjid AND a.attnum = dp.refobjsubid"
	" WHERE dp.classid = 'pg_class'::regclass AND dp.objid = c.oid AND dp.deptype = 'a'"
	" AND dp.refclassid = 'pg_class'::regclass LIMIT 1), " DESCR("c.oid", "pg_class")
	" FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE " USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid") " AND NOT EXISTS (SELECT 1 FROM pg_depend i_ WHERE"
	" i_.classid = 'pg_class'::regclass AND i_.objid = c.oid AND i_.deptype = 'i') ORDER BY c.oid",
	[Q_TABLES] =
	"SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, array_to_string(c.reloptions, ', '),"
	" c.relrowsecurity, c.relforcerowsecurity, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,"
	" c.relispartition, pg_get_expr(c.relpartbound, c.oid), (SELECT string_agg(quote_ident(pn.nspname) || '.' ||"
	" quote_ident(pc.relname), ', ' ORDER BY i.inhseqno) FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent"
	" JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid), greatest(c.reltuples, 0)::bigint,"
	" (c.relpages::bigint + coalesce(ix.pages, 0) + coalesce(tc.relpages, 0)) * current_setting('block_size')::bigint, " DESCR("c.oid", "pg_class") " FROM pg_class c JOIN pg_namespace n"
	" ON n.oid = c.relnamespace LEFT JOIN (SELECT i.indrelid, sum(ic.relpages) AS pages FROM pg_index i JOIN pg_class ic"
	" ON ic.oid = i.indexrelid GROUP BY i.indrelid) ix ON ix.indrelid = c.oid LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid WHERE c.relkind IN ('r', 'p') AND " USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid")
	" ORDER BY c.oid",
	[Q_COLUMNS] = COLUMNS_SELECT " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " USER_NS("n")
	" AND " NOT_EXT("pg_class", "c.oid") " ORDER BY a.attrelid, a.attnum",
	[Q_CONSTRAINTS] =
	"SELECT k.conrelid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), k.conname, pg_get_constraintdef(k.oid),"
	" " DESCR("k.oid", "pg_constraint") " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conislocal"
	" AND k.conparentid = 0 AND c.relkind IN ('r', 'p') AND " USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid")
	" ORDER BY k.conrelid, k.contype = 'f', k.oid",
	/* pg_get_indexdef looks up each key column's default operator class with a catalogue
	 * scan (GetDefaultOpClass): in a fresh session it was most of this query's time. An index
	 * of one or two plain columns, each with its default operator class for the column's type
	 * (the exact type, an enum's anyenum, varchar's text, as GetDefaultOpClass picks them), no
	 * COLLATE, DESC or NULLS, no INCLUDE, predicate, storage or operator class options, is
	 * spelled here the way pg_get_indexdef spells it (quote_ident is its quote_identifier, the
	 * table always qualified, USING always written); every other index by pg_get_indexdef */
#define PLAIN_KEY(k, a, o) \
	" i.indoption[" k "] = 0 AND i.indcollation[" k "] IN (0, " a ".attcollation) AND " o ".opcdefault AND (" o ".opcintype = " a \
	".atttypid OR (" o ".opcintype = 'anyenum'::regtype AND (SELECT t.typtype FROM pg_type t WHERE t.oid = " a ".atttypid) = 'e'" \
	" OR " o ".opcintype = 'text'::regtype AND " a ".atttypid = 'varchar'::regtype) AND NOT EXISTS (SELECT 1 FROM pg_opclass x" \
	" WHERE x.opcmethod = " o ".opcmethod AND x.opcintype = " a ".atttypid AND x.opcdefault))"
	[Q_INDEXES] =
	"SELECT i.indrelid, CASE WHEN i.indexprs IS NULL AND i.indpred IS NULL AND i.indnkeyatts = i.indnatts AND i.indnatts <= 2"
	" AND ic.relkind = 'i' AND ic.reloptions IS NULL AND NOT i.indnullsnotdistinct AND" PLAIN_KEY("0", "a1", "o1")
	" AND (i.indnatts = 1 OR" PLAIN_KEY("1", "a2", "o2") ") AND NOT EXISTS (SELECT 1 FROM pg_attribute ia"
	" WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL)"
	" THEN 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname) || ' ON '"
	" || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' USING ' || quote_ident(am.amname) || ' ('"
	" || quote_ident(a1.attname) || CASE WHEN i.indnatts = 2 THEN ', ' || quote_ident(a2.attname) ELSE '' END || ')'"
	" ELSE pg_get_indexdef(i.indexrelid) END, " DESCR("i.indexrelid", "pg_class") ","
	" quote_ident(n.nspname) || '.' || quote_ident(ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
	" JOIN pg_am am ON am.oid = ic.relam JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
	" LEFT JOIN pg_attribute a1 ON a1.attrelid = i.indrelid AND a1.attnum = i.indkey[0] LEFT JOIN pg_opclass o1 ON o1.oid = i.indclass[0]"
	" LEFT JOIN pg_attribute a2 ON i.indnatts > 1 AND a2.attrelid = i.indrelid AND a2.attnum = i.indkey[1]"
	" LEFT JOIN pg_opclass o2 ON o2.oid = i.indclass[1]"
	" WHERE c.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
	" WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) AND "
	USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid") " ORDER BY ic.oid",
#undef PLAIN_KEY
	[Q_VIEWS] =
	"SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind, pg_get_viewdef(c.oid),"
	" array_to_string(c.reloptions, ', '), " DESCR("c.oid", "pg_class") " FROM pg_class c"
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " USER_NS("n")
	" AND " NOT_EXT("pg_class", "c.oid") " ORDER BY c.oid",
	[Q_FUNCTIONS] =
	"SELECT pg_get_functiondef(p.oid), " DESCR("p.oid", "pg_proc") ", quote_ident(n.nspname) || '.' ||"
	" quote_ident(p.proname), pg_get_function_identity_arguments(p.oid), p.prokind FROM pg_proc p"
	" JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND " USER_NS("n")
	" AND " NOT_EXT("pg_proc", "p.oid") " ORDER BY p.oid",
	[Q_TRIGGERS] =
	"SELECT pg_get_triggerdef(t.oid), " DESCR("t.oid", "pg_trigger") ", quote_ident(t.tgname),"
	" quote_ident(n.nspname) || '.' || quote_ident(c.relname), t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND "
	USER_NS("n") " AND " NOT_EXT("pg_class", "c.oid") " ORDER BY t.oid",
	[Q_POLICIES] =
	"SELECT quote_ident(p.polname), quote_ident(n.nspname) || '.' || quote_ident(c.relname), p.polpermissive, p.polcmd,"
	" (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(r)) END, ', ')"
	" FROM unnest(p.polroles) r), pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid)"
	" FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE " USER_NS("n") " ORDER BY p.oid",
	[Q_DB] = "SELECT current_database(), coalesce(current_schema(), 'public'),"
	" array_to_string(ARRAY(SELECT quote_ident(x) FROM unnest(current_schemas(false)) x), ', ')",
	[Q_AGGREGATES] =
	"SELECT quote_ident(n.nspname) || '.' || quote_ident(p.proname), pg_get_function_identity_arguments(p.oid),"
	" a.aggtransfn::regproc, format_type(a.aggtranstype, NULL), NULLIF(a.aggfinalfn::regproc::text, '-'), a.agginitval,"
	" NULLIF(a.aggcombinefn::regproc::text, '-'), " DESCR("p.oid", "pg_proc") ", p.proparallel"
	" FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace"
	" WHERE a.aggkind = 'n' AND " USER_NS("n") " AND " NOT_EXT("pg_proc", "p.oid") " ORDER BY p.oid",
	/* not modelled, but needed to rebuild what uses them (a column's COLLATE, an index's
	 * to_tsvector('config', ...)): their DDL as text, collations first */
	/* a partition's indexes attached to its parent's partitioned indexes: their names only
	 * (the definition is the parent's), by partition, in attachment order */
	[Q_ATTACHED] =
	"SELECT n.nspname, c.relname, pi.relname, ic.relname FROM pg_inherits h JOIN pg_class ic ON ic.oid = h.inhrelid"
	" JOIN pg_class pi ON pi.oid = h.inhparent JOIN pg_index i ON i.indexrelid = ic.oid JOIN pg_class c ON c.oid = i.indrelid"
	" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ic.relkind IN ('i', 'I') AND " USER_NS("n") " ORDER BY c.oid, ic.oid",
	[Q_UNMODELLED] =
	"SELECT format('CREATE COLLATION %I.%I (provider = %s, %s%s);', n.nspname, c.collname,"
	" CASE c.collprovider WHEN 'i' THEN 'icu' ELSE 'libc' END, CASE WHEN c.collprovider = 'i'"
	" THEN format('locale = %L', c.colliculocale) ELSE format('lc_collate = %L, lc_ctype = %L', c.collcollate, c.collctype) END,"
	" CASE WHEN c.collisdeterministic THEN '' ELSE ', deterministic = false' END)"
	" FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace"
	" WHERE " USER_NS("n") " AND " NOT_EXT("pg_collation", "c.oid") " AND c.collprovider IN ('i', 'c')"
	" UNION ALL SELECT * FROM (SELECT format('CREATE TEXT SEARCH CONFIGURATION %I.%I (PARSER = %s);', n.nspname, c.cfgname,"
	" (SELECT quote_ident(pn.nspname) || '.' || quote_ident(pp.prsname) FROM pg_ts_parser pp"
	" JOIN pg_namespace pn ON pn.oid = pp.prsnamespace WHERE pp.oid = c.cfgparser)) || coalesce((SELECT string_agg(format(' ALTER TEXT SEARCH CONFIGURATION %I.%I"
	" ADD MAPPING FOR %s WITH %s;', n.nspname, c.cfgname, t.alias, m.dicts), '' ORDER BY t.tokid)"
	" FROM (SELECT maptokentype, string_agg(mapdict::regdictionary::text, ', ' ORDER BY mapseqno) AS dicts"
	" FROM pg_ts_config_map WHERE mapcfg = c.oid GROUP BY maptokentype) m"
	" JOIN ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype), '')"
	" FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace"
	" WHERE " USER_NS("n") " AND " NOT_EXT("pg_ts_config", "c.oid") " ORDER BY c.oid) ts",
};

typedef struct Row {
	PGresult *r;
	int i;
} Row;

static const char *col(const PGresult *r, int i, int j)
{
	return PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
}

static bool colb(const PGresult *r, int i, int j)
{
	const char *v = col(r, i, j);
	return v && *v == 't';
}

static void add_ident(StrBuf *sb, const char *name)
{
	sb_add_pg_ident(sb, name);
}

static void add_comment(StrBuf *sb, const char *what, const char *target, const char *text)
{
	if (!text)
		return;
	sb_adds(sb, "COMMENT ON ");
	sb_adds(sb, what);
	sb_addc(sb, ' ');
	sb_adds(sb, target);
	sb_adds(sb, " IS ");
	sb_add_pg_string(sb, text);
	sb_adds(sb, ";\n");
}

/* "a.b" from two raw names, each quoted. */
static const char *qname(Arena *a, const char *schema, const char *name)
{
	StrBuf sb;
	sb_init(&sb);
	add_ident(&sb, schema);
	sb_addc(&sb, '.');
	add_ident(&sb, name);
	return sb_take(&sb, a);
}

static void strip_semicolon(StrBuf *sb, const char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == ';' || text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	sb_add(sb, text, n);
}

typedef struct TableRow {
	const char *oid, *qname;
	long long est_rows, bytes;
	const char *schema, *name;
} TableRow;

/* The table's own columns (rows from *ci on; *ci moves past them) as names and spellings
 * for pg_parse_pieces_cols, which builds each distinct spelling once; the CREATE TABLE text
 * gets an empty column list. NULL when the table has none of its own. */
static PgPieceColumns *table_columns(Arena *a, PGresult *cr, int *ci, const char *oid)
{
	PgPieceColumns *pc = NULL;
	int n = PQntuples(cr), from = *ci;
	for (; *ci < n && !strcmp(col(cr, *ci, 0), oid); (*ci)++)
		;
	for (int i = from; i < *ci; i++) {
		const char *ident = col(cr, i, 5), *gen = col(cr, i, 6), *coll = col(cr, i, 7), *def = col(cr, i, 4);
		const char *compression = col(cr, i, 16);
		StrBuf sb;
		if (!colb(cr, i, 9))
			continue;  /* inherited from a parent: declared there */
		if (!pc) {
			pc = ARENA_NEW(a, PgPieceColumns);
			pc->names = arena_alloc(a, (size_t)(*ci - from) * sizeof *pc->names);
			pc->specs = arena_alloc(a, (size_t)(*ci - from) * sizeof *pc->specs);
		}
		sb_init(&sb);
		sb_adds(&sb, col(cr, i, 2));
		if (compression && *compression)
			sb_adds(&sb, *compression == 'l' ? " COMPRESSION lz4" : " COMPRESSION pglz");
		if (coll) {
			sb_adds(&sb, " COLLATE ");
			sb_adds(&sb, coll);
		}
		if (gen && *gen == 's' && def) {
			sb_adds(&sb, " GENERATED ALWAYS AS (");
			sb_adds(&sb, def);
			sb_adds(&sb, ") STORED");
		} else if (def) {
			sb_adds(&sb, " DEFAULT ");
			sb_adds(&sb, def);
		}
		if (ident && *ident) {
			sb_adds(&sb, *ident == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
			if (col(cr, i, 10))
				sb_addf(&sb, " (INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s)", col(cr, i, 10),
					col(cr, i, 11), col(cr, i, 12), col(cr, i, 13), col(cr, i, 14), colb(cr, i, 15) ? " CYCLE" : "");
		}
		if (colb(cr, i, 3))
			sb_adds(&sb, " NOT NULL");
		pc->names[pc->n] = arena_strdup(a, col(cr, i, 1));
		pc->specs[pc->n++] = sb_take(&sb, a);
	}
	return pc;
}

/* Debugging output (SQLSHAPE_DEBUG_CATALOG): the columns given apart, as a comment. */
static void debug_columns(const char *q, const PgPieceColumns *pc)
{
	fprintf(stderr, "-- columns of %s:\n", q);
	for (int i = 0; pc && i < pc->n; i++)
		fprintf(stderr, "--   %s %s\n", pc->names[i], pc->specs[i]);
}

/* The comments of the column rows [from, to) of one table. */
static void emit_column_comments(StrBuf *sb, Arena *a, PGresult *cr, int from, int to, const char *tq)
{
	for (int i = from; i < to; i++) {
		if (!col(cr, i, 8))
			continue;
		StrBuf t;
		sb_init(&t);
		sb_adds(&t, tq);
		sb_addc(&t, '.');
		add_ident(&t, col(cr, i, 1));
		add_comment(sb, "COLUMN", sb_take(&t, a), col(cr, i, 8));
	}
}

/* SQLSHAPE_DEBUG_TIMING: milliseconds since the process's first mark, per phase, on stderr. */
static void tmark(const char *what)
{
	static int on = -1;
	static double t0;
	if (on < 0) {
		on = getenv("SQLSHAPE_DEBUG_TIMING") != NULL;
		t0 = exec_now();
	}
	if (on)
		fprintf(stderr, "%7.1f ms  %s\n", (exec_now() - t0) * 1e3, what);
}

static const char *display(const Conn *c)
{
	return c->url.display ? c->url.display : "postgres";
}

/*
 * The catalogue queries go out in libpq pipelines (extended protocol, one Sync at the end of
 * each), each query's results read in enum order. A fresh connection (nothing run on it but
 * its open) splits them over up to three sessions of the same conninfo, opened as the first
 * part is sent: c->pg runs what the CREATE TABLE statements need (up to Q_SECOND), the
 * second session the rest but the indexes, the third the indexes (pg_get_indexdef, the
 * longest). So the server works on the second part from the start instead of after the
 * first, and the client turns the first part into CREATE TABLE statements and parses them
 * meanwhile (or, sent early by catalog_send, parses the caller's own files). Each session
 * starts with "SET TimeZone"; the others have the search_path c->pg has, which is the one
 * the conninfo gives any session as long as nothing has run on c->pg. A session that cannot
 * connect hands its part back to the one before it, and one session does it all when c->pg
 * has run statements (verification's scratch database) or SQLSHAPE_CATALOG_SESSIONS=1.
 */

/* Where query q runs: c->pg or one of c->cat_pg (which are filled from the first). */
static PGconn *session_of(const Conn *c, int q)
{
	if (q >= Q_INDEXES && c->cat_pg[1])
		return c->cat_pg[1];
	if (q >= Q_SECOND && c->cat_pg[0])
		return c->cat_pg[0];
	return c->pg;
}

/* The first query that session pg runs, and the end of its range. */
static int session_from(const Conn *c, const PGconn *pg)
{
	return pg == c->pg ? 0 : pg == c->cat_pg[0] ? Q_SECOND : Q_INDEXES;
}

static int session_to(const Conn *c, const PGconn *pg)
{
	if (pg == c->pg)
		return c->cat_pg[0] ? Q_SECOND : Q_COUNT;
	return pg == c->cat_pg[0] && c->cat_pg[1] ? Q_INDEXES : Q_COUNT;
}

/* Sends the queries [from, to) in pg's pipeline, with the SET first when from starts its
 * range; ends the pipeline with a Sync when to ends it. */
static bool send_range(Conn *c, PGconn *pg, int from, int to, bool debug)
{
	if (from == session_from(c, pg) &&
	    (!PQenterPipelineMode(pg) || !PQsendQueryParams(pg, "SET TimeZone = 'UTC'", 0, NULL, NULL, NULL, NULL, 0)))
		return false;
	for (int q = from; q < to; q++) {
		if (debug)
			fprintf(stderr, "%s;\n", queries[q]);
		if (!PQsendQueryParams(pg, queries[q], 0, NULL, NULL, NULL, NULL, 0))
			return false;
	}
	if (to == session_to(c, pg))
		return PQpipelineSync(pg) == 1;
	/* more to come on this session: the first part's results are wanted at once */
	return PQsendFlushRequest(pg) && PQflush(pg) == 0;
}

/* Waits until the started sessions cat_pg[0..n) are connected; those that fail are closed
 * and the rest moved up, so that cat_pg[1] is set only when cat_pg[0] is. */
static void finish_connects(Conn *c, int n)
{
	bool done[2] = {false, false};
	for (;;) {
		struct pollfd pfd[2];
		int np = 0;
		for (int i = 0; i < n; i++) {
			if (!c->cat_pg[i] || done[i])
				continue;
			PostgresPollingStatusType st = PQconnectPoll(c->cat_pg[i]);
			if (st == PGRES_POLLING_OK) {
				done[i] = true;
			} else if (st == PGRES_POLLING_FAILED || PQsocket(c->cat_pg[i]) < 0) {
				PQfinish(c->cat_pg[i]);
				c->cat_pg[i] = NULL;
			} else {
				pfd[np].fd = PQsocket(c->cat_pg[i]);
				pfd[np++].events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
			}
		}
		if (!np)
			break;
		/* the first session has just connected to the same server: one that takes more than
		 * 10 s is given up (its part goes to the session before it) */
		int ready = poll(pfd, (nfds_t)np, 10000);
		if (ready == 0 || (ready < 0 && errno != EINTR))
			break;
	}
	for (int i = 0; i < n; i++)
		if (c->cat_pg[i] && !done[i]) {
			PQfinish(c->cat_pg[i]);
			c->cat_pg[i] = NULL;
		}
	if (!c->cat_pg[0]) {
		c->cat_pg[0] = c->cat_pg[1];
		c->cat_pg[1] = NULL;
	}
}

/* How many sessions read the catalogue of a fresh connection (1-3). */
static int sessions_wanted(void)
{
	const char *e = getenv("SQLSHAPE_CATALOG_SESSIONS");
	int n = e ? atoi(e) : 2;
	return n < 1 ? 1 : n > 3 ? 3 : n;
}

/* Sends the catalogue queries. cols_later (only when the catalogue is read right away): on
 * a connection with other sessions, c->pg stops before Q_COLUMNS and keeps its pipeline open;
 * pg_catalog_read then sends the columns in ranges of tables (c->cols_later is set). */
static int send_queries(Conn *c, Diag *d, bool cols_later)
{
	bool debug = getenv("SQLSHAPE_DEBUG_CATALOG_SQL") != NULL;
	int extra = c->pristine ? sessions_wanted() - 1 : 0;
	int first_end = cols_later && extra ? Q_COLUMNS : Q_SECOND;
	PGconn *failed = c->pg;

	if (c->catalog_sent)
		return 0;
	c->cols_later = false;
	for (int i = 0; i < extra; i++)
		c->cat_pg[i] = pg_conn_start(c);
	if (!c->cat_pg[0]) {
		c->cat_pg[0] = c->cat_pg[1];
		c->cat_pg[1] = NULL;
	}
	/* the first part goes out while the other sessions connect */
	{
		PGconn *more = c->cat_pg[0];
		c->cat_pg[0] = NULL;  /* so that c->pg's range does not end at Q_SECOND yet */
		if (!send_range(c, c->pg, 0, first_end, debug)) {
			c->cat_pg[0] = more;
			goto fail;
		}
		c->cat_pg[0] = more;
	}
	finish_connects(c, extra);
	if (!c->cat_pg[0]) {
		if (!send_range(c, c->pg, first_end, Q_COUNT, debug))
			goto fail;
	} else {
		if (first_end == Q_COLUMNS)
			c->cols_later = true;
		else if (!PQpipelineSync(c->pg))
			goto fail;
		for (int i = 0; i < 2 && c->cat_pg[i]; i++) {
			failed = c->cat_pg[i];
			if (!send_range(c, c->cat_pg[i], session_from(c, c->cat_pg[i]), session_to(c, c->cat_pg[i]), debug))
				goto fail;
		}
	}
	c->catalog_sent = true;
	return 0;
fail:
	diag_error(d, LOC_NONE, "cannot read the catalogue of %s: %s", display(c), PQerrorMessage(failed));
	for (int i = 0; i < 2; i++) {
		if (c->cat_pg[i])
			PQfinish(c->cat_pg[i]);
		c->cat_pg[i] = NULL;
	}
	return -1;
}

int pg_catalog_send(Conn *c, Diag *d)
{
	return send_queries(c, d, false);
}

/* The result of the pipeline's next query (NULL when the connection failed); the NULL that
 * ends each query's results is consumed. */
static PGresult *next_result(PGconn *pg)
{
	PGresult *r = PQgetResult(pg), *more;
	if (r)
		while ((more = PQgetResult(pg)))
			PQclear(more);
	return r;
}

/* The Sync's result, then idle: pg leaves pipeline mode. */
static void end_pipeline(Conn *c, Diag *d, PGconn *pg, int *rc)
{
	PGresult *r;
	while ((r = PQgetResult(pg))) {
		bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
		if (sync)
			break;
	}
	if (!PQexitPipelineMode(pg) && !*rc)
		*rc = diag_error(d, LOC_NONE, "reading the catalogue of %s failed: %s", display(c), PQerrorMessage(pg));
}

/* The columns read in ranges of tables (c->cols_later): the queries, sent in a batch, and
 * a cursor over their results, read one by one. */
typedef struct ColChunks {
	int n, next;      /* queries sent, results read */
	PGresult *cr;     /* the last read, or Q_COLUMNS's result */
	int ci;           /* the cursor's row in cr */
} ColChunks;

/* Sends the columns queries for the n tables of tr (oid order) on c->pg, in up to four
 * ranges (one under 400 tables), then the Sync that ends c->pg's pipeline. */
static bool send_col_chunks(Conn *c, const PGresult *tr, ColChunks *cc)
{
	int n = PQntuples(tr), k = n >= 400 ? 4 : n ? 1 : 0;
	bool debug = getenv("SQLSHAPE_DEBUG_CATALOG_SQL") != NULL;
	cc->n = 0;
	for (int j = 0; j < k; j++) {
		const char *v[2] = {col(tr, j * n / k, 0), col(tr, (j + 1) * n / k - 1, 0)};
		if (debug)
			fprintf(stderr, "%s; -- %s, %s\n", columns_range, v[0], v[1]);
		if (!PQsendQueryParams(c->pg, columns_range, 2, NULL, v, NULL, NULL, 0))
			return false;
		cc->n++;
	}
	return PQpipelineSync(c->pg) == 1;
}

/* The next columns result into cc->cr (the previous one cleared); -1 after a diagnostic. */
static int next_col_chunk(Conn *c, Diag *d, ColChunks *cc, int *rc)
{
	PGresult *r = next_result(c->pg);
	PQclear(cc->cr);
	cc->cr = NULL;
	cc->ci = 0;
	cc->next++;
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
		if (!*rc)
			*rc = diag_error(d, LOC_NONE, "reading the catalogue of %s failed: %s", display(c), msg ? msg : PQerrorMessage(c->pg));
		PQclear(r);
		return -1;
	}
	cc->cr = r;
	if (cc->next == cc->n)
		end_pipeline(c, d, c->pg, rc);
	return *rc;
}

/* The results of queries [from, to) into res (each NULL after a failure, reported once in
 * *rc), each from its session: the SET before a session's first, the pipeline's Sync and the
 * end of pipeline mode after its last. After the last query of all, the other sessions are
 * closed. */
static void collect(Conn *c, Diag *d, PGresult **res, int from, int to, int *rc)
{
	for (int q = from; q < to; q++) {
		PGconn *pg = session_of(c, q);
		if (q == session_from(c, pg))
			PQclear(next_result(pg));  /* the SET; a failure shows in the queries after it */
		PGresult *r = next_result(pg);
		ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
			const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
			if (!*rc && st != PGRES_PIPELINE_ABORTED)
				*rc = diag_error(d, LOC_NONE, "reading the catalogue of %s failed: %s", display(c),
						 msg ? msg : PQerrorMessage(pg));
			PQclear(r);
			r = NULL;
		}
		res[q] = r;
		if (q + 1 == session_to(c, pg))
			end_pipeline(c, d, pg, rc);
	}
	if (to == Q_COUNT) {
		for (int i = 0; i < 2; i++) {
			if (c->cat_pg[i])
				PQfinish(c->cat_pg[i]);
			c->cat_pg[i] = NULL;
		}
		c->catalog_sent = false;
	}
	if (!*rc)
		for (int q = from; q < to; q++)
			if (!res[q])
				*rc = diag_error(d, LOC_NONE, "reading the catalogue of %s returned no result for query %d", display(c), q);
}

/* Records that the statements written to sb so far end here (see pg_parse_pieces). */
static void piece_end(size_t *ends, int *nends, const StrBuf *sb)
{
	ends[(*nends)++] = sb->len;
}

/* text (a buffer, released) parsed into out as one more file of d: cut at ends[] when
 * nends >= 0, else by libpg_query's scanner. */
static int parse_part(Arena *a, Diag *d, Conn *c, Schema *out, StrBuf *sb, const size_t *ends, int nends,
		      const PgPieceColumns *const *cols, PgColumnMemo *memo)
{
	size_t len = sb->len;
	char *text = sb_take(sb, a);
	int file = diag_add_file(d, arena_printf(a, "<catalogue of %s>", c->url.display ? c->url.display : out->name), text, len);
	if (getenv("SQLSHAPE_DEBUG_CATALOG"))
		fputs(text, stderr);
	if ((nends >= 0 ? pg_parse_pieces_cols(a, d, file, out, NULL, ends, nends, cols, memo) : pg_parse(a, d, file, out, NULL)) < 0) {
		diag_note(d, "the catalogue of %s could not be read back; this is a bug in sqlshape", c->url.display ? c->url.display : "the server");
		return -1;
	}
	return 0;
}

/* schema_find_table, looking from table *j on (the model's tables are mostly in the order
 * they were read, so the search is short instead of a scan of all of them per table); *j
 * moves past the table found. */
static Table *table_from(const Schema *s, int *j, const char *schema, const char *name)
{
	for (int k = 0; k < s->tables.n; k++) {
		int x = (*j + k) % s->tables.n;
		Table *t = s->tables.v[x];
		if (str_eq(t->name, name) && str_eq(t->schema ? t->schema : "public", schema ? schema : "public")) {
			*j = x + 1;
			return t;
		}
	}
	return NULL;
}

int pg_catalog_read(Arena *a, Diag *d, Conn *c, Schema *out)
{
	PGresult *res[Q_COUNT] = {0};
	StrBuf ddl, comments;
	int rc = 0;
	bool cols_later;
	ColChunks cc = {0};
	TableRow *tabs = NULL;
	int ntabs = 0;
	const char *set_path;
	size_t *ends;
	int nends = 1, maxends;
	const PgPieceColumns **pcols;  /* pcols[k]: the columns of the table in the piece ending at ends[k] */
	PgColumnMemo *memo = pg_column_memo_new(a);
	bool debug = getenv("SQLSHAPE_DEBUG_CATALOG") != NULL;

	/* the session's own search_path is kept: the server prints names as seen from it, the
	 * way the user's files (which set the same search_path, or rely on the default) write
	 * them; each part of the DDL below starts with its first schema for pg_parse */
	tmark("catalogue read starts");
	if (!c->catalog_sent && send_queries(c, d, true) < 0)
		return -1;
	cols_later = c->cols_later;
	collect(c, d, res, 0, cols_later ? Q_COLUMNS : Q_SECOND, &rc);
	tmark("first part in");
	if (cols_later && (rc < 0 || !send_col_chunks(c, res[Q_TABLES], &cc))) {
		if (!rc)
			rc = diag_error(d, LOC_NONE, "cannot read the catalogue of %s: %s", display(c), PQerrorMessage(c->pg));
		cc.n = cc.next = 0;
		if (PQpipelineSync(c->pg))
			end_pipeline(c, d, c->pg, &rc);
	}
	if (rc < 0) {
		collect(c, d, res, Q_SECOND, Q_COUNT, &rc);
		for (int q = 0; q < Q_COUNT; q++)
			PQclear(res[q]);
		return -1;
	}
	if (!cols_later) {
		cc.cr = res[Q_COLUMNS];
		res[Q_COLUMNS] = NULL;
	}
	/* one piece per statement of the first part (a table's with its ALTERs) */
	for (int q = Q_SCHEMAS; q <= Q_TABLES; q++)
		nends += PQntuples(res[q]);
	ends = arena_alloc(a, (size_t)(nends + 1) * sizeof *ends);
	pcols = arena_alloc(a, (size_t)(nends + 1) * sizeof *pcols);
	memset(pcols, 0, (size_t)(nends + 1) * sizeof *pcols);
	maxends = nends;
	nends = 0;

	sb_init(&ddl);
	sb_init(&comments);
	out->dialect = DIALECT_POSTGRES;
	out->name = arena_strdup(a, col(res[Q_DB], 0, 0));
	{
		StrBuf u;
		sb_init(&u);
		for (int i = 0, n = PQntuples(res[Q_UNMODELLED]); i < n; i++) {
			sb_adds(&u, col(res[Q_UNMODELLED], i, 0));
			sb_addc(&u, '\n');
		}
		if (u.len)
			out->unmodelled = sb_take(&u, a);
		else
			sb_release(&u);
	}
	/* names in the server's texts are as seen from this search_path: statements that carry
	 * such texts run under it (apply, verification's rebuild) */
	c->server.search_path = str_eq(col(res[Q_DB], 0, 1), "public") ? NULL : arena_strdup(c->arena, col(res[Q_DB], 0, 2));
	{
		StrBuf t;
		sb_init(&t);
		sb_adds(&t, "SET search_path = ");
		add_ident(&t, col(res[Q_DB], 0, 1));
		sb_adds(&t, ";\n");
		set_path = sb_take(&t, a);
	}
	sb_adds(&ddl, set_path);
	piece_end(ends, &nends, &ddl);

	for (int i = 0, n = PQntuples(res[Q_SCHEMAS]); i < n; i++) {
		const char *nm = col(res[Q_SCHEMAS], i, 0);
		sb_adds(&ddl, "CREATE SCHEMA ");
		add_ident(&ddl, nm);
		sb_adds(&ddl, ";\n");
		StrBuf t;
		sb_init(&t);
		add_ident(&t, nm);
		add_comment(&comments, "SCHEMA", sb_take(&t, a), col(res[Q_SCHEMAS], i, 1));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_EXTENSIONS]); i < n; i++) {
		PGresult *r = res[Q_EXTENSIONS];
		StrBuf t;
		sb_adds(&ddl, "CREATE EXTENSION ");
		add_ident(&ddl, col(r, i, 0));
		sb_adds(&ddl, " SCHEMA ");
		add_ident(&ddl, col(r, i, 1));
		sb_adds(&ddl, " VERSION ");
		sb_add_pg_string(&ddl, col(r, i, 2));
		sb_adds(&ddl, ";\n");
		/* an extension's comment comes from its control file, not from the user */
		(void)t;
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_ENUMS]); i < n; i++) {
		PGresult *r = res[Q_ENUMS];
		const char *q = qname(a, col(r, i, 0), col(r, i, 1));
		sb_addf(&ddl, "CREATE TYPE %s AS ENUM (%s);\n", q, col(r, i, 2));
		add_comment(&comments, "TYPE", q, col(r, i, 3));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_DOMAINS]); i < n; i++) {
		PGresult *r = res[Q_DOMAINS];
		const char *q = qname(a, col(r, i, 0), col(r, i, 1));
		sb_addf(&ddl, "CREATE DOMAIN %s AS %s", q, col(r, i, 2));
		if (col(r, i, 5))
			sb_addf(&ddl, " COLLATE %s", col(r, i, 5));
		if (col(r, i, 4))
			sb_addf(&ddl, " DEFAULT %s", col(r, i, 4));
		if (colb(r, i, 3))
			sb_adds(&ddl, " NOT NULL");
		if (col(r, i, 6))
			sb_addf(&ddl, " %s", col(r, i, 6));
		sb_adds(&ddl, ";\n");
		add_comment(&comments, "DOMAIN", q, col(r, i, 7));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_COMPOSITES]); i < n; i++) {
		PGresult *r = res[Q_COMPOSITES];
		const char *q = qname(a, col(r, i, 0), col(r, i, 1));
		sb_addf(&ddl, "CREATE TYPE %s AS (%s);\n", q, col(r, i, 2) ? col(r, i, 2) : "");
		add_comment(&comments, "TYPE", q, col(r, i, 3));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_SEQUENCES]); i < n; i++) {
		PGresult *r = res[Q_SEQUENCES];
		const char *q = qname(a, col(r, i, 0), col(r, i, 1));
		sb_addf(&ddl, "CREATE SEQUENCE %s AS %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s%s;\n", q,
			col(r, i, 2), col(r, i, 3), col(r, i, 4), col(r, i, 5), col(r, i, 6), col(r, i, 7), colb(r, i, 8) ? " CYCLE" : "");
		add_comment(&comments, "SEQUENCE", q, col(r, i, 10));
		piece_end(ends, &nends, &ddl);
	}

	/* tables: columns come sorted by table oid, tables too. Read in ranges of tables, the
	 * statements so far are parsed before the next range is waited for. */
	{
		PGresult *r = res[Q_TABLES];
		int n = PQntuples(r);
		tabs = arena_alloc(a, (size_t)(n + 1) * sizeof *tabs);
		for (int i = 0; i < n; i++) {
			const char *oid = col(r, i, 0);
			unsigned long long oidn = strtoull(oid, NULL, 10);
			/* the column rows of this table (skip any of tables filtered out) */
			for (;;) {
				while (cc.cr && cc.ci < PQntuples(cc.cr) && strtoull(col(cc.cr, cc.ci, 0), NULL, 10) < oidn)
					cc.ci++;
				if ((cc.cr && cc.ci < PQntuples(cc.cr)) || cc.next == cc.n)
					break;
				if (nends > 1) {
					if (parse_part(a, d, c, out, &ddl, ends, nends, pcols, memo) < 0)
						goto fail;
					memset(pcols, 0, (size_t)(maxends + 1) * sizeof *pcols);
					sb_init(&ddl);
					sb_adds(&ddl, set_path);
					nends = 0;
					piece_end(ends, &nends, &ddl);
				}
				tmark("pieces parsed");
				if (next_col_chunk(c, d, &cc, &rc) < 0)
					goto fail;
				tmark("columns range in");
			}
			PGresult *cr = cc.cr;
			int ci = cc.ci, ncr = cr ? PQntuples(cr) : 0;
			const char *q = qname(a, col(r, i, 1), col(r, i, 2));
			bool partition = colb(r, i, 9);
			const char *parents = col(r, i, 11);
			TableRow *tr = &tabs[ntabs++];
			tr->oid = oid;
			tr->qname = q;
			tr->schema = arena_strdup(a, col(r, i, 1));
			tr->name = arena_strdup(a, col(r, i, 2));
			tr->est_rows = strtoll(col(r, i, 12), NULL, 10);
			tr->bytes = strtoll(col(r, i, 13), NULL, 10);
			int first_col = ci;
			sb_adds(&ddl, *col(r, i, 4) == 'u' ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ");
			sb_adds(&ddl, q);
			if (partition && parents) {
				sb_addf(&ddl, " PARTITION OF %s", parents);
				while (ci < ncr && !strcmp(col(cr, ci, 0), oid))
					ci++;
				sb_addf(&ddl, " %s", col(r, i, 10) ? col(r, i, 10) : "DEFAULT");
			} else {
				PgPieceColumns *pc = table_columns(a, cr, &ci, oid);
				sb_adds(&ddl, " ()");
				pcols[nends] = pc;
				if (debug)
					debug_columns(q, pc);
				if (parents)
					sb_addf(&ddl, " INHERITS (%s)", parents);
			}
			if (col(r, i, 8))
				sb_addf(&ddl, " PARTITION BY %s", col(r, i, 8));
			if (col(r, i, 5) && *col(r, i, 5))
				sb_addf(&ddl, " WITH (%s)", col(r, i, 5));
			sb_adds(&ddl, ";\n");
			if (colb(r, i, 6))
				sb_addf(&ddl, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;\n", q);
			if (colb(r, i, 7))
				sb_addf(&ddl, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;\n", q);
			add_comment(&comments, "TABLE", q, col(r, i, 14));
			if (cr)
				emit_column_comments(&comments, a, cr, first_col, ci, q);
			cc.ci = ci;
			piece_end(ends, &nends, &ddl);
		}
	}
	/* the rest of the first part is parsed while the server runs the second */
	while (cc.next < cc.n)
		if (next_col_chunk(c, d, &cc, &rc) < 0)
			goto fail;
	PQclear(cc.cr);
	cc.cr = NULL;
	if (parse_part(a, d, c, out, &ddl, ends, nends, pcols, memo) < 0)
		goto fail;
	tmark("first part parsed");
	collect(c, d, res, Q_SECOND, Q_COUNT, &rc);
	tmark("second part in");
	if (rc < 0) {
		for (int q = 0; q < Q_COUNT; q++)
			PQclear(res[q]);
		sb_release(&comments);
		return -1;
	}
	/* the second part in pieces too: one per object (a trigger with its ALTER), then the
	 * comments as one */
	nends = 2;
	for (int q = Q_SECOND; q < Q_COUNT; q++)
		if (q != Q_ATTACHED)
			nends += PQntuples(res[q]);
	nends += PQntuples(res[Q_SEQUENCES]);
	ends = arena_alloc(a, (size_t)(nends + 1) * sizeof *ends);
	nends = 0;
	sb_init(&ddl);
	sb_adds(&ddl, set_path);
	piece_end(ends, &nends, &ddl);
	for (int i = 0, n = PQntuples(res[Q_CONSTRAINTS]); i < n; i++) {
		PGresult *r = res[Q_CONSTRAINTS];
		StrBuf t;
		sb_adds(&ddl, "ALTER TABLE ");
		sb_adds(&ddl, col(r, i, 1));
		sb_adds(&ddl, " ADD CONSTRAINT ");
		add_ident(&ddl, col(r, i, 2));
		sb_addc(&ddl, ' ');
		sb_adds(&ddl, col(r, i, 3));
		sb_adds(&ddl, ";\n");
		sb_init(&t);
		add_ident(&t, col(r, i, 2));
		sb_adds(&t, " ON ");
		sb_adds(&t, col(r, i, 1));
		add_comment(&comments, "CONSTRAINT", sb_take(&t, a), col(r, i, 4));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_VIEWS]); i < n; i++) {
		PGresult *r = res[Q_VIEWS];
		bool mat = *col(r, i, 1) == 'm';
		sb_addf(&ddl, "CREATE %sVIEW %s", mat ? "MATERIALIZED " : "", col(r, i, 0));
		if (col(r, i, 3) && *col(r, i, 3))
			sb_addf(&ddl, " WITH (%s)", col(r, i, 3));
		sb_adds(&ddl, " AS ");
		strip_semicolon(&ddl, col(r, i, 2));
		sb_adds(&ddl, ";\n");
		add_comment(&comments, mat ? "MATERIALIZED VIEW" : "VIEW", col(r, i, 0), col(r, i, 4));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_INDEXES]); i < n; i++) {
		PGresult *r = res[Q_INDEXES];
		sb_adds(&ddl, col(r, i, 1));
		sb_adds(&ddl, ";\n");
		add_comment(&comments, "INDEX", col(r, i, 3), col(r, i, 2));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_SEQUENCES]); i < n; i++) {
		PGresult *r = res[Q_SEQUENCES];
		if (col(r, i, 9))
			sb_addf(&ddl, "ALTER SEQUENCE %s OWNED BY %s;\n", qname(a, col(r, i, 0), col(r, i, 1)), col(r, i, 9));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_FUNCTIONS]); i < n; i++) {
		PGresult *r = res[Q_FUNCTIONS];
		StrBuf t;
		strip_semicolon(&ddl, col(r, i, 0));
		sb_adds(&ddl, ";\n");
		sb_init(&t);
		sb_addf(&t, "%s(%s)", col(r, i, 2), col(r, i, 3));
		add_comment(&comments, *col(r, i, 4) == 'p' ? "PROCEDURE" : "FUNCTION", sb_take(&t, a), col(r, i, 1));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_AGGREGATES]); i < n; i++) {
		PGresult *r = res[Q_AGGREGATES];
		const char *par = col(r, i, 8);
		StrBuf t;
		sb_addf(&ddl, "CREATE AGGREGATE %s(%s) (SFUNC = %s, STYPE = %s", col(r, i, 0), col(r, i, 1), col(r, i, 2), col(r, i, 3));
		if (col(r, i, 4))
			sb_addf(&ddl, ", FINALFUNC = %s", col(r, i, 4));
		if (col(r, i, 5)) {
			sb_adds(&ddl, ", INITCOND = ");
			sb_add_pg_string(&ddl, col(r, i, 5));
		}
		if (col(r, i, 6))
			sb_addf(&ddl, ", COMBINEFUNC = %s", col(r, i, 6));
		if (par && *par != 'u')
			sb_addf(&ddl, ", PARALLEL = %s", *par == 's' ? "safe" : "restricted");
		sb_adds(&ddl, ");\n");
		sb_init(&t);
		sb_addf(&t, "%s(%s)", col(r, i, 0), col(r, i, 1));
		add_comment(&comments, "AGGREGATE", sb_take(&t, a), col(r, i, 7));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_TRIGGERS]); i < n; i++) {
		PGresult *r = res[Q_TRIGGERS];
		StrBuf t;
		const char *en = col(r, i, 4);
		sb_adds(&ddl, col(r, i, 0));
		sb_adds(&ddl, ";\n");
		if (en && *en != 'O')
			sb_addf(&ddl, "ALTER TABLE %s %s TRIGGER %s;\n", col(r, i, 3),
				*en == 'A' ? "ENABLE ALWAYS" : *en == 'R' ? "ENABLE REPLICA" : "DISABLE", col(r, i, 2));
		sb_init(&t);
		sb_addf(&t, "%s ON %s", col(r, i, 2), col(r, i, 3));
		add_comment(&comments, "TRIGGER", sb_take(&t, a), col(r, i, 1));
		piece_end(ends, &nends, &ddl);
	}
	for (int i = 0, n = PQntuples(res[Q_POLICIES]); i < n; i++) {
		PGresult *r = res[Q_POLICIES];
		const char *cmd = col(r, i, 3);
		const char *cmdname = *cmd == 'r' ? "SELECT" : *cmd == 'a' ? "INSERT" : *cmd == 'w' ? "UPDATE" : *cmd == 'd' ? "DELETE" : "ALL";
		sb_addf(&ddl, "CREATE POLICY %s ON %s AS %s FOR %s TO %s", col(r, i, 0), col(r, i, 1),
			colb(r, i, 2) ? "PERMISSIVE" : "RESTRICTIVE", cmdname, col(r, i, 4) ? col(r, i, 4) : "PUBLIC");
		if (col(r, i, 5))
			sb_addf(&ddl, " USING (%s)", col(r, i, 5));
		if (col(r, i, 6))
			sb_addf(&ddl, " WITH CHECK (%s)", col(r, i, 6));
		sb_adds(&ddl, ";\n");
		piece_end(ends, &nends, &ddl);
	}
	sb_adds(&ddl, sb_str(&comments));
	sb_release(&comments);
	for (int q = 0; q < Q_COUNT; q++)
		if (q != Q_ATTACHED)
			PQclear(res[q]);

	if (parse_part(a, d, c, out, &ddl, ends, nends, NULL, NULL) < 0) {
		PQclear(res[Q_ATTACHED]);
		return -1;
	}
	{
		PGresult *r = res[Q_ATTACHED];
		Table *t = NULL;
		for (int i = 0, n = PQntuples(r); i < n; i++) {
			if (!t || !str_eq(t->schema, col(r, i, 0)) || !str_eq(t->name, col(r, i, 1)))
				t = schema_find_table(out, col(r, i, 0), col(r, i, 1));
			if (!t)
				continue;
			LIST_PUSH(a, &t->attached_indexes, arena_strdup(a, col(r, i, 2)));
			LIST_PUSH(a, &t->attached_indexes, arena_strdup(a, col(r, i, 3)));
		}
		PQclear(r);
	}
	tmark("second part parsed");
	pg_normalize(a, out, &c->server);
	tmark("normalized");
	for (int i = 0, j = 0; i < ntabs; i++) {
		Table *t = table_from(out, &j, tabs[i].schema, tabs[i].name);
		if (t) {
			t->est_rows = tabs[i].est_rows;
			t->data_bytes = tabs[i].bytes;
		}
	}
	return 0;

fail:
	/* the rest of every pipeline is read and dropped, the other sessions closed */
	sb_release(&ddl);
	while (cc.next < cc.n)
		next_col_chunk(c, d, &cc, &rc);
	PQclear(cc.cr);
	collect(c, d, res, Q_SECOND, Q_COUNT, &rc);
	for (int q = 0; q < Q_COUNT; q++)
		PQclear(res[q]);
	sb_release(&comments);
	return -1;
}
