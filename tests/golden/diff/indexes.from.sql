CREATE TABLE posts (
  id int NOT NULL,
  author_id int NOT NULL,
  title varchar(200) NOT NULL,
  body text,
  PRIMARY KEY (id),
  KEY idx_author (author_id),
  KEY idx_title (title(50)),
  KEY old_name (author_id, title)
);
