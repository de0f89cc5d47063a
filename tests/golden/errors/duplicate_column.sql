CREATE TABLE t (
  id INT,
  id BIGINT
);
