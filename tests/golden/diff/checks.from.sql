CREATE TABLE c (
  id int PRIMARY KEY,
  qty int,
  CONSTRAINT qty_positive CHECK (qty > 0),
  CONSTRAINT gone CHECK (id < 1000)
);
