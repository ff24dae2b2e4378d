-- Linking an account that another person registered waits for her consent
-- (issue 14): a request she approves or declines in her cabinet. Keep in
-- step with ../postgres/0041_link_requests.sql.
CREATE TABLE link_requests (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, account_id)
);
CREATE INDEX link_requests_account ON link_requests (account_id);
