CREATE TABLE records (id int PRIMARY KEY, created_at datetime);
CREATE EVENT `cleanup`
  ON SCHEDULE EVERY 2 HOUR
  ON COMPLETION PRESERVE
  DISABLE
  DO DELETE FROM records WHERE created_at < NOW() - INTERVAL 7 DAY;
DELIMITER ;;
CREATE EVENT once ON SCHEDULE AT '2035-01-01 00:00:00' ON COMPLETION PRESERVE DO BEGIN
  DELETE FROM records WHERE id = 2;
  DELETE FROM records WHERE id = 3;
END;;
DELIMITER ;
create event `same` on schedule every '1 4' day_hour on completion not preserve enable comment '' do DELETE FROM records WHERE id = 1;
