ALTER TABLE `b` DROP FOREIGN KEY `fk_b_a`;
DROP TABLE `gone_child`;
CREATE TABLE `c` (
  `id` int NOT NULL,
  `d_id` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_c_d` (`d_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
CREATE TABLE `d` (
  `id` int NOT NULL,
  `c_id` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `fk_d_c` (`c_id`),
  CONSTRAINT `fk_d_c` FOREIGN KEY (`c_id`) REFERENCES `c` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
ALTER TABLE `b` ADD CONSTRAINT `fk_b_a` FOREIGN KEY (`a_id`) REFERENCES `a` (`id`) ON DELETE CASCADE;
ALTER TABLE `c` ADD CONSTRAINT `fk_c_d` FOREIGN KEY (`d_id`) REFERENCES `d` (`id`);
