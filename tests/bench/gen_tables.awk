# tests/bench/gen_tables.awk: awk -v n=2000 -f gen_tables.awk > schema.sql
# A deterministic synthetic MySQL schema of n tables shaped like real ones: 4-15 columns of
# mixed types (defaults, NOT NULL, enums, comments), a primary key, secondary and unique
# indexes, a foreign key to an earlier table in one table of three, a trigger in one of fifty,
# and a view per hundred tables.
function rnd(k) { seed = (seed * 1103515245 + 12345) % 2147483648; return int(seed / 65536) % k }
BEGIN {
	seed = 42
	split("int bigint varchar datetime decimal tinyint text enum char double", types, " ")
	for (t = 1; t <= n; t++) {
		name = sprintf("t%04d", t)
		ncol = 4 + rnd(12)
		printf "CREATE TABLE `%s` (\n  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n", name
		for (c = 1; c <= ncol; c++) {
			ty = types[1 + rnd(10)]
			col = sprintf("c%02d", c)
			cols[c] = col
			kind[c] = ty
			if (ty == "varchar") def = sprintf("varchar(%d) NOT NULL DEFAULT ''", 16 * (1 + rnd(16)))
			else if (ty == "decimal") def = "decimal(12,2) DEFAULT NULL"
			else if (ty == "datetime") def = "datetime NOT NULL DEFAULT CURRENT_TIMESTAMP"
			else if (ty == "enum") def = "enum('new','open','closed') NOT NULL DEFAULT 'new'"
			else if (ty == "char") def = "char(8) CHARACTER SET ascii DEFAULT NULL"
			else if (ty == "text") def = "text COMMENT 'free text'"
			else if (ty == "int") def = "int NOT NULL DEFAULT 0"
			else def = ty " DEFAULT NULL"
			printf "  `%s` %s,\n", col, def
		}
		fk = (t > 1 && t % 3 == 0)
		if (fk) printf "  `parent_id` bigint unsigned DEFAULT NULL,\n"
		printf "  PRIMARY KEY (`id`)"
		for (c = 1; c <= ncol; c++)
			if (kind[c] != "text" && rnd(4) == 0)
				printf ",\n  %sKEY `ix_%s_%s` (`%s`)", (rnd(5) == 0 ? "UNIQUE " : ""), name, cols[c], cols[c]
		if (fk) {
			printf ",\n  KEY `ix_%s_parent` (`parent_id`)", name
			printf ",\n  CONSTRAINT `fk_%s_parent` FOREIGN KEY (`parent_id`) REFERENCES `t%04d` (`id`) ON DELETE SET NULL", name, 1 + rnd(t - 1)
		}
		printf "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='table %d';\n", t
		if (t % 50 == 0)
			printf "CREATE TRIGGER `tr_%s` BEFORE INSERT ON `%s` FOR EACH ROW SET NEW.`id` = NEW.`id`;\n", name, name
		if (t % 100 == 0)
			printf "CREATE VIEW `v_%s` AS SELECT `id`, `c01` FROM `%s` WHERE `id` > 10;\n", name, name
	}
}
