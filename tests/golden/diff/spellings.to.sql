create table t (
  id integer primary key auto_increment,
  flag boolean default false,
  price numeric(10,2) default 1.5,
  code char(3) unique default "abc",
  ref int,
  foreign key (ref) references t (id)
) engine=innodb character set utf8mb4;
-- the same table as a user writes it: aliases, keyword case, defaults spelled otherwise,
-- implicit charset and collation, INDEX for KEY, parentheses in the check
CREATE TABLE t2 (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created TIMESTAMP NOT NULL DEFAULT NOW() ON UPDATE CURRENT_TIMESTAMP,
  d DOUBLE PRECISION NULL,
  n NATIONAL VARCHAR(10),
  b BOOL NOT NULL DEFAULT TRUE,
  s VARCHAR(20) DEFAULT "x",
  q INTEGER CHECK (q > 0),
  e ENUM('a', 'b') NOT NULL DEFAULT 'a',
  m DECIMAL,
  INDEX idx_s (s),
  INDEX idx_bd (b, d),
  CONSTRAINT t2_chk CHECK ((d >= 0) AND (s != ''))
) CHARSET = utf8mb4 COMMENT 'spelled by the server';
