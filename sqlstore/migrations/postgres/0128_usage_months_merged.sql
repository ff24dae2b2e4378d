-- The chart's months as one row per account, month and service, holding
-- both what the meters counted (units) and what was charged (charged,
-- kopecks), NULL where there is none, instead of a row for each (metered
-- 0 or 1): «Главная» reads half the rows (issue 17), a first import
-- writes fewer (issue 16). Keep in step with
-- ../sqlite/0128_usage_months_merged.sql.
CREATE TABLE usage_months_new (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    service    TEXT NOT NULL,
    units      BIGINT,
    charged    BIGINT,
    PRIMARY KEY (account_id, period, service)
);

INSERT INTO usage_months_new (account_id, period, service, units, charged)
SELECT account_id, period, service,
    MAX(CASE WHEN metered = 1 THEN amount END), MAX(CASE WHEN metered = 0 THEN amount END)
FROM usage_months GROUP BY account_id, period, service
ORDER BY account_id, period, service;

DROP TABLE usage_months;
ALTER TABLE usage_months_new RENAME TO usage_months;
ALTER TABLE usage_months RENAME CONSTRAINT usage_months_new_pkey TO usage_months_pkey;
