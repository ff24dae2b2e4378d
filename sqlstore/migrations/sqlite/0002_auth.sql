-- Sign-in: users, the accounts they reach, sessions, single-use tokens,
-- rate limits, consents, and the outbox of e-mails and SMS. Keep in step
-- with ../postgres/0002_auth.sql. Tables whose rows are deleted use
-- AUTOINCREMENT, so SQLite never hands a deleted row's id to a new one.

-- A user is one registration: the password and contacts given at
-- registration. Confirmed when the e-mail link or SMS code was confirmed.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    password_hash       TEXT NOT NULL,
    email               TEXT NOT NULL,
    phone               TEXT NOT NULL,
    confirm_by          TEXT NOT NULL,
    confirmed_at        TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);
CREATE INDEX users_email ON users (email);

-- The accounts a user reaches: the one registered (owner) and, later,
-- linked ones. An account has at most one owner registration.
CREATE TABLE user_accounts (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    owner      BOOLEAN NOT NULL,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, account_id)
);
CREATE UNIQUE INDEX user_accounts_owner ON user_accounts (account_id) WHERE owner;

-- Sessions: the cookie holds a random token, the table its SHA-256. A
-- registration session (user_id NULL) lets a first visit fill the form.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    seen_at    TIMESTAMP NOT NULL,
    ip         TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use secrets: e-mail links and SMS codes, stored hashed.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    hash       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    attempts   INTEGER NOT NULL
);
CREATE INDEX tokens_user ON tokens (user_id, kind);

-- Fixed-window counters for rate limits and lockouts, shared by every
-- server process. window_start is Unix seconds.
CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count        INTEGER NOT NULL
);

-- Consent to personal-data processing (152-FZ): what was agreed to, when,
-- from where; withdrawn_at when taken back.
CREATE TABLE consents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    purposes     TEXT NOT NULL,
    text_version TEXT NOT NULL,
    given_at     TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL,
    user_agent   TEXT NOT NULL,
    withdrawn_at TIMESTAMP
);

-- Every e-mail and SMS the portal sends, with its delivery state.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel     TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    status      TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    attempts    INTEGER NOT NULL,
    last_error  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    sent_at     TIMESTAMP
);
CREATE INDEX outbox_channel ON outbox (channel, id);
