CREATE TABLE t (c date, a int, d int, b text);
