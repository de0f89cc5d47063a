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
