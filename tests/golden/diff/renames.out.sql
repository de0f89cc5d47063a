RENAME TABLE `accounts` TO `members`;
ALTER TABLE `members` RENAME COLUMN `user_name` TO `login`, CHANGE COLUMN `mail` `email` varchar(200) DEFAULT NULL;
