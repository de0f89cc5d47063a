INSERT INTO prices (id) VALUES (1), (2);
