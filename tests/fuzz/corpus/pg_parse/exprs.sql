CREATE TABLE t (a int CHECK (a BETWEEN 1 AND 2), b varchar(3) DEFAULT 'x', c int REFERENCES t (a));
CREATE INDEX ON t ((a + 1)) WHERE b IN ('p','q');
