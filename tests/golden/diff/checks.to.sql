CREATE TABLE c (
  id int PRIMARY KEY,
  qty int,
  doc json,
  CONSTRAINT qty_positive CHECK (qty >= 0),
  CONSTRAINT qty_small CHECK (qty < 100)
);
