CREATE TABLE g (
  id int PRIMARY KEY,
  a int,
  b int,
  v int AS (a + b) VIRTUAL,
  s int GENERATED ALWAYS AS (a * 2) STORED
);
