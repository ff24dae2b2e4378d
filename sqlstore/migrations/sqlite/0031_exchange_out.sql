-- The exchange with the supplier's billing, the outgoing side (issue 16):
-- the journal of what customers did, the exports that took it, exchange
-- tokens, and audit entries made by a token. Keep in step with
-- ../postgres/0031_exchange_out.sql.

-- One row per change the billing system must hear about, written by the
-- triggers below in the transaction of the change itself, whichever code
-- made it. batch is NULL until an export takes the row: the export stamps
-- every NULL row with its own number, so a change that commits late (after
-- a later-numbered change) is stamped by the next export and never skipped
-- by a cursor. ref_id is the changed row (a reading, a request, a user...);
-- account_id is kept for rows that may be deleted.
CREATE TABLE exchange_journal (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    ref_id     INTEGER NOT NULL,
    account_id INTEGER,
    batch      INTEGER
);
CREATE INDEX exchange_journal_pending ON exchange_journal (id) WHERE batch IS NULL;
CREATE INDEX exchange_journal_batch ON exchange_journal (kind, batch, ref_id);

-- Exports: each took the journal rows that were unstamped when it ran.
-- Its id is the cursor it returns.
CREATE TABLE exchange_exports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TIMESTAMP NOT NULL,
    changes    INTEGER NOT NULL,
    source     TEXT NOT NULL
);

-- Bearer tokens of machine clients (the billing system). The token itself
-- is shown once; the table keeps its SHA-256. Revoked, never deleted: the
-- audit log names them.
CREATE TABLE exchange_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE UNIQUE INDEX exchange_tokens_name ON exchange_tokens (name) WHERE revoked_at IS NULL;

-- The audit log takes entries of exchange tokens as well as operators':
-- operator_id becomes optional and token_id names the token. SQLite
-- cannot drop NOT NULL, so the table is rebuilt.
CREATE TABLE audit_log_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TIMESTAMP NOT NULL,
    operator_id    INTEGER REFERENCES operators (id),
    operator_login TEXT NOT NULL,
    action         TEXT NOT NULL,
    account_id     INTEGER REFERENCES accounts (id),
    account_number TEXT NOT NULL,
    detail         TEXT NOT NULL,
    ip             TEXT NOT NULL,
    token_id       INTEGER REFERENCES exchange_tokens (id)
);
INSERT INTO audit_log_new (id, at, operator_id, operator_login, action, account_id, account_number, detail, ip)
    SELECT id, at, operator_id, operator_login, action, account_id, account_number, detail, ip FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_operator ON audit_log (operator_id, at);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
CREATE INDEX audit_log_token ON audit_log (token_id, at) WHERE token_id IS NOT NULL;

-- What goes to the journal. Readings: those passed through a customer's
-- session (demo history and imported readings have no session), when
-- passed, replaced the same day, or deleted by the customer; the month
-- close's status change is not news.
CREATE TRIGGER exchange_readings_insert AFTER INSERT ON readings
WHEN NEW.source = 'portal' AND NEW.session_hash <> ''
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    VALUES ('portal_readings', NEW.id, (SELECT account_id FROM meters WHERE id = NEW.meter_id));
END;
CREATE TRIGGER exchange_readings_update AFTER UPDATE ON readings
WHEN NEW.source = 'portal' AND NEW.session_hash <> ''
    AND (NEW.created_at IS NOT OLD.created_at OR NEW.v1 IS NOT OLD.v1 OR NEW.v2 IS NOT OLD.v2 OR NEW.v3 IS NOT OLD.v3)
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    VALUES ('portal_readings', NEW.id, (SELECT account_id FROM meters WHERE id = NEW.meter_id));
END;
CREATE TRIGGER exchange_readings_delete AFTER DELETE ON readings
WHEN OLD.source = 'portal' AND OLD.session_hash <> ''
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    VALUES ('portal_readings', OLD.id, (SELECT account_id FROM meters WHERE id = OLD.meter_id));
END;

-- Service settings and contacts: every logged change.
CREATE TRIGGER exchange_service_changes AFTER INSERT ON service_changes
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    VALUES (CASE WHEN NEW.field IN ('phone', 'email') THEN 'contact_changes' ELSE 'service_changes' END,
        NEW.id, NEW.account_id);
END;

-- Consents: given, and withdrawn.
CREATE TRIGGER exchange_consents_insert AFTER INSERT ON consents
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('consents', NEW.id, NEW.account_id);
END;
CREATE TRIGGER exchange_consents_update AFTER UPDATE ON consents
WHEN NEW.withdrawn_at IS NOT OLD.withdrawn_at
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('consents', NEW.id, NEW.account_id);
END;

-- Registrations: made, confirmed, deleted (by the office, or a stale
-- unconfirmed one replaced).
CREATE TRIGGER exchange_registrations_insert AFTER INSERT ON user_accounts
WHEN NEW.owner
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('registrations', NEW.user_id, NEW.account_id);
END;
CREATE TRIGGER exchange_registrations_delete AFTER DELETE ON user_accounts
WHEN OLD.owner
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('registrations', OLD.user_id, OLD.account_id);
END;
CREATE TRIGGER exchange_registrations_confirm AFTER UPDATE ON users
WHEN NEW.confirmed_at IS NOT OLD.confirmed_at
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'registrations', NEW.id, account_id FROM user_accounts WHERE user_id = NEW.id AND owner;
END;

-- Requests the supplier works (the statement is answered by the portal)
-- and their files.
CREATE TRIGGER exchange_requests_insert AFTER INSERT ON requests
WHEN NEW.kind IN ('specialist', 'documents', 'feedback')
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('requests', NEW.id, NEW.account_id);
END;
CREATE TRIGGER exchange_request_attachments_insert AFTER INSERT ON request_attachments
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'request_attachments', NEW.id, account_id FROM requests
    WHERE id = NEW.request_id AND kind IN ('specialist', 'documents', 'feedback');
END;

-- Card payments: credited once per (order, operation).
CREATE TRIGGER exchange_card_payments AFTER INSERT ON payment_operations
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'card_payments', NEW.order_id, account_id FROM payment_orders WHERE id = NEW.order_id;
END;

-- Autopay rules: made, and whenever what the billing cares about changes.
CREATE TRIGGER exchange_autopay_insert AFTER INSERT ON autopay_rules
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('autopay_rules', NEW.id, NEW.account_id);
END;
CREATE TRIGGER exchange_autopay_update AFTER UPDATE ON autopay_rules
WHEN NEW.state IS NOT OLD.state OR NEW.mode IS NOT OLD.mode OR NEW.cap IS NOT OLD.cap
    OR NEW.day IS NOT OLD.day OR NEW.card IS NOT OLD.card
BEGIN
    INSERT INTO exchange_journal (kind, ref_id, account_id) VALUES ('autopay_rules', NEW.id, NEW.account_id);
END;

-- What customers did before this migration, so that the first export
-- carries everything on file: service changes not exported yet, portal
-- readings of the open months, registrations, consents, requests and
-- their files, card payments and autopay rules.
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT CASE WHEN field IN ('phone', 'email') THEN 'contact_changes' ELSE 'service_changes' END, id, account_id
    FROM service_changes WHERE exported_at IS NULL ORDER BY id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'portal_readings', r.id, m.account_id FROM readings r JOIN meters m ON m.id = r.meter_id
    WHERE r.status = 'accepted' AND r.source = 'portal' AND r.session_hash <> '' ORDER BY r.id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'registrations', user_id, account_id FROM user_accounts WHERE owner ORDER BY user_id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'consents', id, account_id FROM consents ORDER BY id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'requests', id, account_id FROM requests WHERE kind IN ('specialist', 'documents', 'feedback') ORDER BY id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'request_attachments', a.id, r.account_id FROM request_attachments a JOIN requests r ON r.id = a.request_id
    WHERE r.kind IN ('specialist', 'documents', 'feedback') ORDER BY a.id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT DISTINCT 'card_payments', o.id, o.account_id FROM payment_orders o JOIN payment_operations p ON p.order_id = o.id;
INSERT INTO exchange_journal (kind, ref_id, account_id)
    SELECT 'autopay_rules', id, account_id FROM autopay_rules ORDER BY id;
