CREATE TABLE a (id int);
CREATE TABLE b (id int,, x int);
CREATE TABLE c (id int);
CREATE TABLE d (id inte ger);
CREATE INDEX ON nope (id);
CREATE TABLE e (id int PRIMARY KEY);
