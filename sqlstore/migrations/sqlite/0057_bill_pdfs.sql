-- The supplier's own bill as a PDF, per account and period (the
-- exchange's bill_files kind, issue 16): served on «Счета» instead of the
-- ЕПД Kabinet renders. Kept in the database, so every app server sees it.
-- Keep in step with ../postgres/0057_bill_pdfs.sql.
CREATE TABLE bill_pdfs (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, period)
);
