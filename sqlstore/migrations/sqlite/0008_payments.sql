-- Card payment orders (PAY-1). Keep in step with ../postgres/0008_payments.sql.

CREATE TABLE payment_orders (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    idem_key   TEXT NOT NULL UNIQUE,
    number     TEXT NOT NULL UNIQUE,
    gateway_id TEXT NOT NULL,
    form_url   TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    state      TEXT NOT NULL,
    flag       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX payment_orders_account ON payment_orders (account_id, created_at);
CREATE INDEX payment_orders_pending ON payment_orders (created_at) WHERE state IN ('new', 'pending');
CREATE UNIQUE INDEX payment_orders_gateway ON payment_orders (gateway_id) WHERE gateway_id <> '';

CREATE TABLE payment_parts (
    order_id       INTEGER NOT NULL REFERENCES payment_orders (id),
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id),
    amount         INTEGER NOT NULL,
    PRIMARY KEY (order_id, sub_account_id)
);

-- What the bank did to an order, once per operation: the primary key is
-- what makes a credit happen once however often the bank says «deposited».
CREATE TABLE payment_operations (
    order_id   INTEGER NOT NULL REFERENCES payment_orders (id),
    operation  TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (order_id, operation)
);
