-- Scheduled events: one changes its schedule, completion, comment and body; one is new (with a
-- compound body); one goes away (--allow-drop); one is the same written differently.
CREATE TABLE records (id int PRIMARY KEY, created_at datetime);
CREATE EVENT cleanup ON SCHEDULE EVERY 1 DAY COMMENT 'daily' DO DELETE FROM records;
CREATE EVENT gone ON SCHEDULE EVERY 2 HOUR DO DELETE FROM records WHERE id < 0;
CREATE EVENT same ON SCHEDULE EVERY '1 4' DAY_HOUR ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM records WHERE id = 1;
