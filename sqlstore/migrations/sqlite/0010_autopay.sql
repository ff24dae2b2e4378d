-- Autopay (PAY-2). Keep in step with ../postgres/0010_autopay.sql.

-- An account's consent to charge a saved card for each new bill. At most
-- one rule of an account is active; pending rules wait for their first
-- payment (order_id) to save the card.
CREATE TABLE autopay_rules (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    order_id     INTEGER NOT NULL REFERENCES payment_orders (id),
    client_id    TEXT NOT NULL,
    binding_id   TEXT NOT NULL,
    card         TEXT NOT NULL,
    mode         TEXT NOT NULL,
    cap          INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    state        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    unbound      BOOLEAN NOT NULL,
    activated_at TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX autopay_rules_order ON autopay_rules (order_id);
CREATE UNIQUE INDEX autopay_rules_active ON autopay_rules (account_id) WHERE state = 'active';
CREATE INDEX autopay_rules_unbind ON autopay_rules (id) WHERE state = 'stopped' AND NOT unbound AND binding_id <> '';

-- Autopay's work on one bill: the (rule, bill) key is what charges a bill
-- once however often and however many schedulers run. order_id is set by
-- the claim, in the transaction that makes the payment order, before the
-- bank is called.
CREATE TABLE autopay_charges (
    id         INTEGER PRIMARY KEY,
    rule_id    INTEGER NOT NULL REFERENCES autopay_rules (id),
    bill_id    INTEGER NOT NULL REFERENCES bills (id),
    period     INTEGER NOT NULL,
    order_id   INTEGER REFERENCES payment_orders (id),
    amount     INTEGER NOT NULL,
    state      TEXT NOT NULL,
    charge_on  DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (rule_id, bill_id)
);
CREATE UNIQUE INDEX autopay_charges_order ON autopay_charges (order_id) WHERE order_id IS NOT NULL;
