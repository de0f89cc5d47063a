CREATE TYPE old_state AS ENUM ('a', 'b');
CREATE TABLE accounts (
  id int PRIMARY KEY,
  user_name varchar(50) NOT NULL,
  mail text,
  st old_state
);
CREATE INDEX accounts_mail ON accounts (mail);
CREATE VIEW account_names AS SELECT id, user_name FROM accounts;
