INSERT INTO t VALUES (1, now(), 1);
