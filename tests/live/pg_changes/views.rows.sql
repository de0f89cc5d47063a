INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2);
INSERT INTO w VALUES (1, 1);
