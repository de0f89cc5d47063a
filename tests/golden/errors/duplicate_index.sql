CREATE TABLE t (a INT, KEY k (a), KEY k (a));
