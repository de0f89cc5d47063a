a + b * c - (d / 2) DIV 3 % 4
