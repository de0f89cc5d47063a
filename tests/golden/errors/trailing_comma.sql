CREATE TABLE t (
  id INT,
  name VARCHAR(10),
);
