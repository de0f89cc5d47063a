-- Typed literals the server respells when it stores them (money, bit, interval, date,
-- numeric with a typmod), and defaults that need parentheses inside DEFAULT.
CREATE TABLE prices (
    id integer PRIMARY KEY,
    amount money DEFAULT '1.50'::money,
    flags bit(3) DEFAULT B'101',
    mask bit varying(8) DEFAULT B'1',
    ttl interval DEFAULT interval '1 day',
    since date DEFAULT '2020-01-01'::date,
    ratio numeric(5,2) DEFAULT 0.5,
    stamp timestamp DEFAULT (now() AT TIME ZONE 'utc'),
    active boolean DEFAULT (1 < 2 AND 2 < 3),
    CONSTRAINT prices_amount_check CHECK (amount > '0'::money),
    CONSTRAINT prices_ttl_check CHECK (ttl < interval '30 days')
);
-- views whose text the server words its own way (the desired side is spelled by the server)
CREATE VIEW recent AS SELECT id, since FROM prices WHERE since > current_date - interval '1 year';
CREATE VIEW every AS SELECT * FROM prices WHERE ttl > '1 hour';
-- indexes the server words its own way (default operator classes, VARIADIC arrays)
CREATE TABLE docs (id integer, body jsonb, tags text[], name text);
CREATE INDEX docs_name ON docs (name);
CREATE INDEX docs_path ON docs (jsonb_extract_path_text(body, 'a'));
-- a timestamp partition bound given as a date; a policy casting a text function's result
CREATE TABLE logs (id bigint NOT NULL, created_at timestamp NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE logs_2024_01 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE tenants (id bigint PRIMARY KEY, tenant_id bigint);
CREATE TABLE orders (quantity integer, unit_price numeric(10,2), discount_pct numeric(5,2),
    total numeric(10,2) GENERATED ALWAYS AS (quantity * unit_price) STORED);
