-- @renamed from=accounts
CREATE TABLE members (
  id int NOT NULL PRIMARY KEY,
  login varchar(50) NOT NULL, -- @renamed from=user_name
  email varchar(200) -- @renamed from=mail
);
