-- The kept balance of each sub-account (issue 17): the ledger's sums by
-- kind, changed in the transaction of every ledger write, so «Главная»
-- reads a row, not a history. version counts the writes; debts (each
-- unpaid period's principal after the payments, "YYYYMM:kopecks ...") is
-- current only while debts_at = version: a bulk load leaves it stale and
-- RefreshBalances computes it again. Keep in step with
-- ../postgres/0060_balances.sql.
CREATE TABLE balances (
    sub_account_id INTEGER PRIMARY KEY REFERENCES sub_accounts (id),
    charges        INTEGER NOT NULL DEFAULT 0,
    penalties      INTEGER NOT NULL DEFAULT 0,
    adjustments    INTEGER NOT NULL DEFAULT 0,
    payments       INTEGER NOT NULL DEFAULT 0,
    version        INTEGER NOT NULL DEFAULT 0,
    debts          TEXT NOT NULL DEFAULT '',
    debts_at       INTEGER NOT NULL DEFAULT -1
);

INSERT INTO balances (sub_account_id, charges, penalties, adjustments, payments, version)
SELECT sub_account_id,
    SUM(CASE WHEN kind = 'charge' THEN amount ELSE 0 END),
    SUM(CASE WHEN kind = 'penalty' THEN amount ELSE 0 END),
    SUM(CASE WHEN kind = 'adjustment' THEN amount ELSE 0 END),
    SUM(CASE WHEN kind = 'payment' THEN amount ELSE 0 END),
    1
FROM ledger GROUP BY sub_account_id;

-- The stale rows, for RefreshBalances.
CREATE INDEX balances_stale ON balances (sub_account_id) WHERE debts_at <> version;
