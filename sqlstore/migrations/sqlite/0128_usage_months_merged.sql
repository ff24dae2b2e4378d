-- The chart's months as one row per account, month and service, holding
-- both what the meters counted (units) and what was charged (charged,
-- kopecks), NULL where there is none, instead of a row for each (metered
-- 0 or 1). «Главная» read some 63 rows of a five-year account against 37
-- of a one-year account, and each row cost it about a microsecond: the
-- page came out 12 % dearer with the longer history (issue 17). A
-- supplier's first import also writes 42 % fewer rows (issue 16).
-- Keep in step with ../postgres/0128_usage_months_merged.sql.
CREATE TABLE usage_months_new (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    service    TEXT NOT NULL,
    units      INTEGER,
    charged    INTEGER,
    PRIMARY KEY (account_id, period, service)
) WITHOUT ROWID;

INSERT INTO usage_months_new (account_id, period, service, units, charged)
SELECT account_id, period, service,
    MAX(CASE WHEN metered = 1 THEN amount END), MAX(CASE WHEN metered = 0 THEN amount END)
FROM usage_months GROUP BY account_id, period, service
ORDER BY account_id, period, service;

DROP TABLE usage_months;
ALTER TABLE usage_months_new RENAME TO usage_months;
