-- Fiscal receipts (54-ФЗ) of paid orders, as the acquirer reports them
-- (issue 21). Keep in step with ../postgres/0081_receipts.sql.

CREATE TABLE payment_receipts (
    order_id   INTEGER PRIMARY KEY REFERENCES payment_orders (id),
    state      TEXT NOT NULL,
    uuid       TEXT NOT NULL,
    url        TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
