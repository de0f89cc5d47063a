CREATE INDEX one_x ON one (x);
CREATE TABEL three (id int);
