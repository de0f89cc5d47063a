CREATE TABLE t (id int, a text, b int, c int[], d tsvector, ts timestamptz);
CREATE INDEX t_a ON t (a text_pattern_ops);
CREATE INDEX t_b ON t (b DESC NULLS LAST) WHERE b > 0;
CREATE UNIQUE INDEX t_id ON t (id) INCLUDE (b) NULLS NOT DISTINCT;
CREATE INDEX t_lower ON t (lower(a), b);
CREATE INDEX t_c ON t USING gin (c);
CREATE INDEX t_d ON t USING gin (d);
CREATE INDEX t_ts ON t USING brin (ts);
CREATE INDEX t_h ON t USING hash (a);
