INSERT INTO t VALUES (1, 'a', 1, '{1}', 'a b', now());
