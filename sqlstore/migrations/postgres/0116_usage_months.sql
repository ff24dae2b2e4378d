-- The consumption chart's months kept per account (issue 17): what the
-- meters counted (metered = 1, amount in units) and what was charged
-- (metered = 0, amount in kopecks) per service and month, as FindUsage
-- summed them from the readings and the ledger on every «Главная». The
-- close writes a month's rows with its charges, its undoing recomputes
-- them, and bulk loads (the demo build, imports) recompute the months and
-- accounts they touch: «Главная» reads the closed months here whatever the
-- length of the history, and only the open ones from the readings and the
-- ledger.
CREATE TABLE usage_months (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    metered    SMALLINT NOT NULL,
    service    TEXT NOT NULL,
    amount     BIGINT NOT NULL,
    PRIMARY KEY (account_id, period, metered, service)
);

INSERT INTO usage_months (account_id, period, metered, service, amount)
SELECT m.account_id, r.period, 1, m.service, SUM(r.c1 + COALESCE(r.c2, 0) + COALESCE(r.c3, 0))
FROM meters m JOIN readings r ON r.meter_id = m.id
GROUP BY m.account_id, r.period, m.service;

INSERT INTO usage_months (account_id, period, metered, service, amount)
SELECT s.account_id, l.period, 0, l.service, SUM(l.amount)
FROM sub_accounts s JOIN ledger l ON l.sub_account_id = s.id
WHERE l.kind = 'charge'
GROUP BY s.account_id, l.period, l.service;
