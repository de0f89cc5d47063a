CREATE TABLE t (
  a VARCHAR(10) COMMENT 'never closed
);
