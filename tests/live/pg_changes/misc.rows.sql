INSERT INTO keep_s.t VALUES (1, 'a', 'me');
INSERT INTO plain VALUES (1, 'a');
INSERT INTO scratch VALUES ('k');
INSERT INTO kid VALUES (1, 2);
