CREATE TABLE parent (id int PRIMARY KEY, code text, k int, CONSTRAINT parent_code_key UNIQUE (code));
CREATE TABLE child (
  id int,
  parent_id int REFERENCES parent (id),
  code text,
  qty int CONSTRAINT qty_pos CHECK (qty > 0),
  kind text,
  span tsrange,
  CONSTRAINT kind_ok CHECK (kind IN ('a', 'b'))
);
CREATE TABLE other (a int, b int, CONSTRAINT other_pkey PRIMARY KEY (a));
