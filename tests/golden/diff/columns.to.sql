CREATE TABLE users (
  nickname varchar(20),
  id bigint NOT NULL AUTO_INCREMENT,
  name varchar(80) NOT NULL DEFAULT '' COMMENT 'display name',
  email varchar(100),
  created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id)
);
