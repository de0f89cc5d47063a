create table `orders` (`id` int(11) not null, `user_id` bigint unsigned, `total` decimal(12,2) default '0.00',
 `status` enum('new','paid','shipped') not null default 'new', `tags` set('a','b') default null,
 primary key (`id`), key `ix_user` (`user_id`,`status` desc) using btree comment 'lookup',
 unique key (`total`), fulltext key ft (`status`),
 constraint `fk_user` foreign key (`user_id`) references `users` (`id`) on delete cascade on update set null,
 constraint chk check (`total` >= 0) not enforced) engine=InnoDB row_format=dynamic comment='orders';
