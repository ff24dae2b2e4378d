-- Informing (SVC-1..3, BEY-2): the portal's own secrets (VAPID keys, the
-- unsubscribe signing key), browsers' push subscriptions, the reminders
-- already sent, broadcasts with their progress, and what the outbox needs
-- to tell informing from sign-in messages. Keep in step with
-- ../postgres/0013_notify.sql.

-- Keys made at first start and shared by every server process; a row is
-- never replaced, so the first writer wins.
CREATE TABLE app_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- One row per browser (device) that allowed notifications, made on one of
-- the user's accounts. The endpoint is the push service's URL for it.
CREATE TABLE push_subscriptions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    endpoint   TEXT NOT NULL UNIQUE,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- A reminder sent: one per account, rule and period, whatever runs twice.
CREATE TABLE reminders_sent (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    rule       TEXT NOT NULL,
    period     TEXT NOT NULL,
    sent_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (account_id, rule, period)
);

-- A broadcast of the back office: the audience, the text, and how far
-- its batches have gone.
CREATE TABLE broadcasts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    link        TEXT NOT NULL,
    audience    TEXT NOT NULL,
    total       INTEGER NOT NULL,
    batches     INTEGER NOT NULL,
    batches_done INTEGER NOT NULL,
    informed    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

-- The accounts a list broadcast goes to.
CREATE TABLE broadcast_accounts (
    broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (broadcast_id, account_id)
);

-- Informing messages name their account (NULL for sign-in messages).
ALTER TABLE outbox ADD COLUMN account_id INTEGER REFERENCES accounts (id);

-- The unsubscribe URL of an informing e-mail (List-Unsubscribe), '' for
-- other messages.
ALTER TABLE outbox ADD COLUMN unsubscribe TEXT NOT NULL DEFAULT '';
