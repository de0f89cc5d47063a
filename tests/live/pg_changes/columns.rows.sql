INSERT INTO items (id, name, qty, price, note, gone, code) VALUES (1, 'a', '7', 2.5, 'n', 3, 4), (2, 'b', '8', 1, 'm', 5, 6);
INSERT INTO counters VALUES (1, 'x');
