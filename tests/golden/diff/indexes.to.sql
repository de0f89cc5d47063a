CREATE TABLE posts (
  id int NOT NULL,
  author_id int NOT NULL,
  title varchar(200) NOT NULL,
  body text,
  slug varchar(100) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY idx_author (author_id, id),
  KEY idx_title (title(100)),
  KEY new_name (author_id, title) -- @renamed from=old_name
  ,UNIQUE KEY uk_slug (slug),
  FULLTEXT KEY ft_body (body)
);
