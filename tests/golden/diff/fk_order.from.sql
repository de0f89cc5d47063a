CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id));
CREATE TABLE gone_child (id int PRIMARY KEY, b_id int, CONSTRAINT fk_gc_b FOREIGN KEY (b_id) REFERENCES b (id));
