CREATE TABLE t (a INT, -- @renamed from=old
 b INT /* @renamed from=`x` */);
/*!50001 CREATE TABLE u (c INT) */;
/*M!100100 SET x=1 */;
# hash comment
SET NAMES utf8;
INSERT INTO t VALUES (1);
