CREATE TABLE t (
  a INT,
  KEY ka (a) VISIBEL
);
