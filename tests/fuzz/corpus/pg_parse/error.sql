CREATE TABLE t (
  a int,
  b intt tt
