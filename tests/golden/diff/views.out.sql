DROP TRIGGER `trg`;
DROP VIEW `v_old`;
CREATE VIEW `v_base` AS SELECT `id`, `name` FROM `t`;
CREATE VIEW `v_top` AS SELECT `id` FROM `v_base` WHERE `id` > 1;
CREATE OR REPLACE VIEW `v_keep` AS SELECT `id`, `name` FROM `t`;
CREATE TRIGGER `trg` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.`name` = upper(NEW.`name`);
