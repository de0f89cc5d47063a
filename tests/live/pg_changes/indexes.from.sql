CREATE TABLE t (id int, a text, b int, c int[], d tsvector, ts timestamptz);
CREATE INDEX t_a ON t (a);
CREATE INDEX t_b ON t (b);
CREATE UNIQUE INDEX t_id ON t (id);
CREATE INDEX t_gone ON t (ts);
CREATE INDEX t_lower ON t (lower(a));
