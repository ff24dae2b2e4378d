-- «Главная»: the additional services of an account, the log of their
-- changes for the supplier's billing, and the in-app notifications. Keep
-- in step with ../postgres/0005_home.sql.

-- An account's services (HOME-3, SVC-1..4). No row: the defaults (a paper
-- bill, contacts from the account on file).
CREATE TABLE account_services (
    account_id  INTEGER PRIMARY KEY REFERENCES accounts (id),
    push        BOOLEAN NOT NULL,
    sms         BOOLEAN NOT NULL,
    phone       TEXT NOT NULL,
    email_info  BOOLEAN NOT NULL,
    bill_paper  BOOLEAN NOT NULL,
    bill_email  BOOLEAN NOT NULL,
    email       TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- Every change of a service setting, with when, from where and by whom;
-- exported_at is set once the supplier's billing system has taken it.
CREATE TABLE service_changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    source      TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    exported_at TIMESTAMP
);
CREATE INDEX service_changes_account ON service_changes (account_id, id);
CREATE INDEX service_changes_unexported ON service_changes (id) WHERE exported_at IS NULL;

-- The bell: a user's notifications, about one of the user's accounts or
-- none.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES accounts (id),
    title      TEXT NOT NULL,
    text       TEXT NOT NULL,
    link       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
