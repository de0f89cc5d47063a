CREATE TABLE t (a INT) /* comment
