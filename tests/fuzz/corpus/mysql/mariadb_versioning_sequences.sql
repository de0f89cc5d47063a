CREATE SEQUENCE s_plain;
CREATE SEQUENCE s_full START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE;
create sequence s_down increment by -2;
create sequence s_nocache nocache comment='no cache';
create sequence s_odd increment 0 no maxvalue minvalue=-5 start=3 engine=aria;
CREATE TABLE parent (id int PRIMARY KEY, code varchar(10) UNIQUE);
CREATE TABLE child (
  x int,
  a int REFERENCES parent(id) ON DELETE CASCADE,
  b varchar(10) REFERENCES parent (code) MATCH FULL ON UPDATE SET NULL ON DELETE RESTRICT,
  CONSTRAINT named_fk FOREIGN KEY (x) REFERENCES parent (id),
  c int references parent(id) on update restrict,
  FOREIGN KEY (a) REFERENCES parent (id) MATCH SIMPLE
);
CREATE TABLE numbered (id int DEFAULT nextval(s_plain) PRIMARY KEY, n bigint DEFAULT nextval(s_down));
CREATE TABLE hist_implicit (id int PRIMARY KEY, u int UNIQUE, v varchar(5)) WITH SYSTEM VERSIONING;
CREATE TABLE hist_explicit (
  id int PRIMARY KEY, x int, u int UNIQUE,
  rs timestamp(6) AS ROW START INVISIBLE,
  re timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE,
  PERIOD FOR SYSTEM_TIME (rs, re),
  KEY (x), CHECK (x > 0)
) WITH SYSTEM VERSIONING COMMENT='explicit';
CREATE TABLE hist_trx (id int, rs bigint unsigned AS ROW START, re bigint unsigned AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re)) ENGINE=InnoDB WITH SYSTEM VERSIONING;
CREATE TABLE hist_without (x int, y int COMMENT 'c' WITHOUT SYSTEM VERSIONING) WITH SYSTEM VERSIONING;
CREATE TABLE hist_column (x int WITH SYSTEM VERSIONING, y int, period int);
CREATE TABLE plain_later (id int PRIMARY KEY);
