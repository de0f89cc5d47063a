CREATE TABLE accounts (
  id int NOT NULL PRIMARY KEY,
  user_name varchar(50) NOT NULL,
  mail varchar(100)
);
