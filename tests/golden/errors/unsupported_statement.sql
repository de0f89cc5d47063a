GRANT ALL ON db.* TO user;
