INSERT INTO used (n) VALUES (1), (2), (3);
