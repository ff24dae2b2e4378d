-- Requests and enquiries of customers (SVC-5..7, FEED-1..3), their
-- attachments, the branch offices an enquiry is addressed to, and the
-- files attached to outbox letters. Keep in step with
-- ../postgres/0011_requests.sql.

-- The supplier's branch offices («Отделение»): data, not code.
CREATE TABLE branches (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
INSERT INTO branches (name, position) VALUES
    ('Правобережное отделение (г. Иркутск)', 1),
    ('Октябрьское отделение (г. Иркутск)', 2),
    ('Свердловское отделение (г. Иркутск)', 3),
    ('Ленинское отделение (г. Иркутск)', 4),
    ('Иркутское районное отделение', 5),
    ('Ангарское отделение', 6),
    ('Шелеховское отделение', 7),
    ('Усольское отделение', 8),
    ('Братское отделение', 9),
    ('Усть-Илимское отделение', 10);

-- One row per request of any kind. account_id and user_id are empty for
-- an enquiry of somebody who was not signed in; assignee_id is the
-- operator working on it (the office's operators).
CREATE TABLE requests (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL,
    status         TEXT NOT NULL,
    account_id     INTEGER REFERENCES accounts (id),
    user_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    branch_id      INTEGER REFERENCES branches (id),
    full_name      TEXT NOT NULL,
    address        TEXT NOT NULL,
    account_number TEXT NOT NULL,
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL,
    answer_channel TEXT NOT NULL,
    topic          TEXT NOT NULL,
    service        TEXT NOT NULL,
    period_from    DATE,
    period_to      DATE,
    body           TEXT NOT NULL,
    answer         TEXT NOT NULL,
    answered_at    TIMESTAMP,
    assignee_id    INTEGER,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    deadline       TIMESTAMP NOT NULL
);
CREATE INDEX requests_account ON requests (account_id, id);
CREATE INDEX requests_queue ON requests (kind, status, deadline);

-- Files sent with a request; the content is in the file store under key.
CREATE TABLE request_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id   INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    storage_key  TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX request_attachments_request ON request_attachments (request_id, id);

-- Files attached to an outbox letter (a reconciliation statement): small
-- documents the portal makes, kept with the letter so that its delivery
-- job has all it sends.
CREATE TABLE outbox_attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data         BLOB NOT NULL
);
CREATE INDEX outbox_attachments_message ON outbox_attachments (message_id);
