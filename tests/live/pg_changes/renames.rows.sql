INSERT INTO accounts VALUES (1, 'ann', 'ann@example.org', 'a');
