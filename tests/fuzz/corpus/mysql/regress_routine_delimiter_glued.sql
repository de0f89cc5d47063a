-- MySQL dump 10.13  Dbtisir 8.0.36, for Linux (x86_64)
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
DROP TABLE IF EXISTS `t1`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `t1` (
  `id` int NOT NULL AUTO_INCREMENT,
  `a` varchar(20) COLLATE utf8mb4_0900_ai_ci DEFAULT NULL,
  `j` json DEFAULT NULL,
  `g` int GENERATED ALWAYS AS ((`id` + 1)) VIRTUAL,
  `k` varchar(10) GENERATED ALWAYS AS (json_unquote(json_extract(`j`,_utf8mb4'$.k'))) STORED,
  `d` datetime(6) DEFAULT (now()),
  PRIMARY KEY (`id`),
  KEY `ix` (`a`) /*!80000 INVISIBLE */,
  CONSTRAINT `c1` CHECK ((`id` > 0))
) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `v1`;
/*!50001 DROP VIEW IF EXISTS `v1`*/;
SET @saved_cs_client     = @@character_set_client;
/*!50503 SET character_set_client = utf8mb4 */;
/*!50001 CREATE VIEW `v1` AS SELECT 
 1 AS `id`,
 1 AS `a`*/s_client      = @@character_set_client */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `t1_bi` BEFORE INSERT ON `t1` FOR EACH ROW BEGIN
  IF NEW.a IS NULL THEN SET NEW.a = 'x'; END IF;
END */;;
DELIMITER ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;
DELIMITER  ;;;
CREATE DEFINER=`root`@`%` FUNCTION `f1`(x INT) RETURNS int
    DETERMINISTIC
RETURN x + 1 ;;
CREATE DEFINER=`root`@`%` PROCEDURE `p1`(IN a varchar(10) CHARSET utf8mb4, OUT b INT)
BEGIN
  SELECT COUNT(*) INTO b FROM t1 WHERE t1.a = a;
END ;;
DELIMITER ;
/*!50001 DROP VIEW IF EXISTS `v1`*/;
/*!50001 SET @saved_cs_client          = @@character_set_client */;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v1` AS select `t1`.`id` AS `id`,`t1`.`a` AS `a` from `t1` where (`t1`.`id` > 1) WITH CASCADED KHECK OPTION */;
/*!50001 SET character_set_client      = @saved_cs_client */;
/*!40101 SET ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿSQL_MODE=@OLD_SQL_MODE */;
-- Dump completed on 2024-01-01 10:00:00
