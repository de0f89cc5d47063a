-- @renamed from=old_state
CREATE TYPE state AS ENUM ('a', 'b');
-- @renamed from=accounts
CREATE TABLE users (
  id int PRIMARY KEY,
  login varchar(50) NOT NULL, -- @renamed from=user_name
  -- @renamed from=mail
  email text,
  st state
);
CREATE INDEX users_email /* @renamed from=accounts_mail */ ON users (email);
CREATE VIEW account_names AS SELECT id, login FROM users;
