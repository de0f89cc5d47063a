CREATE TABLE parent (id int PRIMARY KEY, code text, k int, CONSTRAINT parent_code_key UNIQUE NULLS NOT DISTINCT (code), CONSTRAINT parent_k_key UNIQUE (k));
CREATE TABLE child (
  id int PRIMARY KEY,
  parent_id int REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE,
  code text,
  qty int CONSTRAINT qty_pos CHECK (qty >= 0),
  kind text,
  span tsrange,
  CONSTRAINT child_code_fk FOREIGN KEY (code) REFERENCES parent (code) MATCH FULL,
  CONSTRAINT no_overlap EXCLUDE USING gist (span WITH &&)
);
ALTER TABLE child ADD CONSTRAINT kind_ok2 CHECK (kind <> 'z') NOT VALID;
ALTER TABLE child ADD CONSTRAINT child_k_fk FOREIGN KEY (qty) REFERENCES parent (k) NOT VALID;
CREATE TABLE other (a int, b int, CONSTRAINT other_pkey PRIMARY KEY (a, b));
