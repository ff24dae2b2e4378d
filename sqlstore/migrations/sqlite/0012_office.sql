-- The back office: operators, their sessions, and the audit log of what
-- they see and change. Keep in step with ../postgres/0012_office.sql.

-- An operator signs in with a login, a password and a TOTP code. Operators
-- are disabled, never deleted: the audit log names them.
CREATE TABLE operators (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    login                TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    totp_secret          TEXT NOT NULL,
    totp_step            BIGINT NOT NULL,
    must_change_password BOOLEAN NOT NULL,
    disabled             BOOLEAN NOT NULL,
    created_at           TIMESTAMP NOT NULL
);

-- Operators' sessions, apart from customers': the cookie holds a random
-- token, the table its SHA-256.
CREATE TABLE operator_sessions (
    token_hash  TEXT PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    seen_at     TIMESTAMP NOT NULL,
    ip          TEXT NOT NULL,
    user_agent  TEXT NOT NULL
);
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id);

-- Every operator view or change of personal data (152-FZ): who, what,
-- when, which account, from where. Rows are only ever added.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TIMESTAMP NOT NULL,
    operator_id    INTEGER NOT NULL REFERENCES operators (id),
    operator_login TEXT NOT NULL,
    action         TEXT NOT NULL,
    account_id     INTEGER REFERENCES accounts (id),
    account_number TEXT NOT NULL,
    detail         TEXT NOT NULL,
    ip             TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_operator ON audit_log (operator_id, at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
