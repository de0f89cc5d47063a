SET foreign_key_checks = 0;
CREATE TABLE c (id int PRIMARY KEY, d_id int, CONSTRAINT fk_c_d FOREIGN KEY (d_id) REFERENCES d (id));
CREATE TABLE d (id int PRIMARY KEY, c_id int, CONSTRAINT fk_d_c FOREIGN KEY (c_id) REFERENCES c (id));
CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE);
CREATE TABLE a (id int PRIMARY KEY);
