CREATE TABLE a (id INT, x INT);
ALTER TABLE a ADD PRIMARY KEY (id), ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES a (id), ADD INDEX ix (x);
CREATE UNIQUE INDEX ux ON a (x) USING HASH;
-- @renamed from=old_t
CREATE TABLE b (c INT /* @renamed from=old_c */);
