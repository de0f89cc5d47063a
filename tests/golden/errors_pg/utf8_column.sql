CREATE TABLE café (naïve int, prix int,, x int);
