-- The chart's months stored in their key's order (WITHOUT ROWID): «Главная»
-- reads some 50 of an account's rows by (account_id, period), and as a
-- rowid table each row was a second B-tree search from the key's index
-- into the table, 44 % of the read's CPU (issue 17). PostgreSQL reads its
-- heap by the index's pointers anyway and keeps its table.
CREATE TABLE usage_months_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    metered    SMALLINT NOT NULL,
    service    TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    PRIMARY KEY (account_id, period, metered, service)
) WITHOUT ROWID;

INSERT INTO usage_months_new (account_id, period, metered, service, amount)
SELECT account_id, period, metered, service, amount FROM usage_months
ORDER BY account_id, period, metered, service;

DROP TABLE usage_months;
ALTER TABLE usage_months_new RENAME TO usage_months;
