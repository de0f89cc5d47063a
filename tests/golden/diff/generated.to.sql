CREATE TABLE g (
  id int PRIMARY KEY,
  a int,
  b int AS (a + 1) STORED,
  v int AS (a + b) STORED,
  s int GENERATED ALWAYS AS (a * 3) STORED
);
