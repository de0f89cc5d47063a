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
