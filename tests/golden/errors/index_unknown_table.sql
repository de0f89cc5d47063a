CREATE INDEX ix ON missing (a);
