CREATE TABLE prices (
    id integer PRIMARY KEY,
    amount money DEFAULT 2.25,
    flags bit(3) DEFAULT B'111',
    mask bit varying(8) DEFAULT B'10',
    ttl interval DEFAULT '36 hours'::interval,
    since date DEFAULT date '2021-06-30',
    ratio numeric(5,2) DEFAULT '0.75',
    stamp timestamp DEFAULT (now() AT TIME ZONE 'Europe/Paris'),
    active boolean DEFAULT (1 > 2 OR 2 > 3),
    CONSTRAINT prices_amount_check CHECK (amount > '1'::money),
    CONSTRAINT prices_ttl_check CHECK (ttl < interval '7 days')
);
CREATE VIEW recent AS SELECT id, since FROM prices WHERE since > current_date - interval '2 years';
CREATE VIEW every AS SELECT * FROM prices WHERE ttl > '1 hour';
CREATE MATERIALIZED VIEW latest AS SELECT * FROM prices WHERE id IN (SELECT max(id) FROM prices
    WHERE since < (current_date - '1 YEAR'::interval) + '1 DAY'::interval GROUP BY ratio);
CREATE TABLE docs (id integer, body jsonb, tags text[], name text);
CREATE INDEX docs_name ON docs (name text_ops);
CREATE INDEX docs_path ON docs (jsonb_extract_path_text(body, 'a', 'b'));
CREATE INDEX docs_tags ON docs USING gin (tags array_ops);
CREATE TABLE logs (id bigint NOT NULL, created_at timestamp NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE logs_2024_01 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE logs_2024_02 PARTITION OF logs FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE tenants (id bigint PRIMARY KEY, tenant_id bigint);
CREATE POLICY p_tenants ON tenants USING (tenant_id::text = current_setting('app.tenant_id', true)::text);
CREATE TABLE orders (quantity integer, unit_price numeric(10,2), discount_pct numeric(5,2),
    total numeric(10,2) GENERATED ALWAYS AS (quantity * unit_price * (1 - discount_pct / 100)) STORED);
-- a partial index whose predicate keeps its casts as written
CREATE UNIQUE INDEX orders_q ON orders (quantity) WHERE unit_price = '1'::numeric;
