date_add(now(3), INTERVAL 1 DAY) + INTERVAL -2 HOUR
