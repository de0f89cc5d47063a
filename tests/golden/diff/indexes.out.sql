ALTER TABLE `posts` DROP INDEX `idx_author`, DROP INDEX `idx_title`, ADD COLUMN `slug` varchar(100) NOT NULL, ADD UNIQUE KEY `idx_author` (`author_id`,`id`), ADD KEY `idx_title` (`title`(100)), RENAME INDEX `old_name` TO `new_name`;
ALTER TABLE `posts` ADD UNIQUE KEY `uk_slug` (`slug`), ADD FULLTEXT KEY `ft_body` (`body`);
