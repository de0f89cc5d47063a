INSERT INTO ev VALUES (1, '2020-05-01', 'a'), (2, '2021-05-01', 'b');
INSERT INTO lone VALUES (3, '2030-02-01', 'c');
