ALTER TABLE `c` DROP CONSTRAINT `qty_positive`, ADD COLUMN `doc` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`doc`)), ADD CONSTRAINT `qty_positive` CHECK (`qty` >= 0), ADD CONSTRAINT `qty_small` CHECK (`qty` < 100);
-- skipped (needs --allow-drop): ALTER TABLE `c` DROP CONSTRAINT `gone`;
