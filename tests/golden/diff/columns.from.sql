CREATE TABLE users (
  id int NOT NULL AUTO_INCREMENT,
  name varchar(40) DEFAULT NULL,
  email varchar(100),
  legacy int,
  PRIMARY KEY (id)
);
