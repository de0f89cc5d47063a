INSERT INTO uses (m, s, c, p, e) VALUES ('ok', 'old', 'green', 2, 'a@b');
