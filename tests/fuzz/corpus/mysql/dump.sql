/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `t`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `t` (
  `a` int(11) DEFAULT NULL,
  `b` varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT 'x''y\\z'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
LOCK TABLES `t` WRITE;
INSERT INTO `t` VALUES (1,'a'),(2,'b');
UNLOCK TABLES;
/*!50001 CREATE ALGORITHM=UNDEFINED */
/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */
/*!50001 VIEW `v` AS select `t`.`a` AS `a` from `t` where `t`.`b` like 'x%' */;
