CREATE TABLE `t` (
  `id` INT(11) NOT NULL AUTO_INCREMENT,
  `flag` BOOL DEFAULT 0,
  `price` DECIMAL(10,2) DEFAULT '1.50',
  `code` CHAR(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT 'abc',
  `ref` INT DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `code` (`code`),
  KEY `ref` (`ref`),
  CONSTRAINT `t_ibfk_1` FOREIGN KEY (`ref`) REFERENCES `t` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `t2` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `created` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `d` double DEFAULT NULL,
  `n` varchar(10) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `b` tinyint(1) NOT NULL DEFAULT 1,
  `s` varchar(20) DEFAULT 'x',
  `q` int(11) DEFAULT NULL CHECK (`q` > 0),
  `e` enum('a','b') NOT NULL DEFAULT 'a',
  `m` decimal(10,0) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_s` (`s`),
  KEY `idx_bd` (`b`,`d`),
  CONSTRAINT `t2_chk` CHECK (`d` >= 0 and `s` <> '')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='spelled by the server';
