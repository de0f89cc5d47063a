create table t (
  id integer primary key auto_increment,
  flag boolean default false,
  price numeric(10,2) default 1.5,
  code char(3) unique default "abc",
  ref int,
  foreign key (ref) references t (id)
) engine=innodb character set utf8mb4;
