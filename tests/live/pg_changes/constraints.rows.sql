INSERT INTO parent VALUES (1, 'x', 1), (2, 'y', 2);
INSERT INTO child VALUES (1, 1, 'x', 1, 'a', '[2020-01-01,2020-01-02)');
INSERT INTO other VALUES (1, 1);
