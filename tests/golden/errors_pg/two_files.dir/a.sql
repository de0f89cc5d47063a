CREATE TABLE one (id int);
CREATE TABLE two (id int;
