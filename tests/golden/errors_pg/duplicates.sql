CREATE TABLE t (id int);
CREATE TABLE t (id int);
CREATE TABLE u (x int, x text);
