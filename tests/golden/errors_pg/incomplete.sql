-- every statement after a bad one is still read
CREATE TABLE t (
  id int
