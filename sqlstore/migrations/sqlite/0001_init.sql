-- The portal's core schema on SQLite. Keep it in step with
-- ../postgres/0001_init.sql: the same tables, columns and indexes, with each
-- engine's own types.

CREATE TABLE providers (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    inn          TEXT NOT NULL,
    kpp          TEXT NOT NULL,
    bank_name    TEXT NOT NULL,
    bic          TEXT NOT NULL,
    corresp_acc  TEXT NOT NULL,
    personal_acc TEXT NOT NULL,
    services     TEXT NOT NULL
);

CREATE TABLE accounts (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    number_digits    TEXT NOT NULL,
    display          TEXT NOT NULL,
    surname          TEXT NOT NULL,
    first_name       TEXT NOT NULL,
    patronymic       TEXT NOT NULL,
    address          TEXT NOT NULL,
    district         TEXT NOT NULL,
    settlement       TEXT NOT NULL,
    housing          TEXT NOT NULL,
    electric_heating BOOLEAN NOT NULL,
    rooms            INTEGER NOT NULL,
    area             INTEGER NOT NULL,
    residents        INTEGER NOT NULL,
    phone            TEXT NOT NULL,
    email            TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX accounts_number_digits ON accounts (number_digits);

CREATE TABLE sub_accounts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    provider_id INTEGER NOT NULL REFERENCES providers (id),
    number      TEXT NOT NULL,
    services    TEXT NOT NULL,
    UNIQUE (account_id, provider_id)
);

CREATE TABLE meters (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    sub_account_id   INTEGER NOT NULL REFERENCES sub_accounts (id),
    service          TEXT NOT NULL,
    model            TEXT NOT NULL,
    serial           TEXT NOT NULL,
    zoning           INTEGER NOT NULL,
    digits           INTEGER NOT NULL,
    decimals         INTEGER NOT NULL,
    accuracy_class   TEXT NOT NULL,
    ratio            INTEGER NOT NULL,
    phases           INTEGER NOT NULL,
    installed_on     DATE NOT NULL,
    verified_on      DATE NOT NULL,
    next_verified_on DATE NOT NULL
);
CREATE INDEX meters_account ON meters (account_id);

-- One row per reading of all registers of a meter: v1..v3 are the register
-- values in Zoning.Zones order, c1..c3 their consumption.
CREATE TABLE readings (
    id         INTEGER PRIMARY KEY,
    meter_id   INTEGER NOT NULL REFERENCES meters (id),
    taken_on   DATE NOT NULL,
    period     INTEGER NOT NULL,
    v1         INTEGER NOT NULL,
    v2         INTEGER,
    v3         INTEGER,
    c1         INTEGER NOT NULL,
    c2         INTEGER,
    c3         INTEGER,
    source     TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX readings_meter ON readings (meter_id, taken_on);

CREATE TABLE ledger (
    id             INTEGER PRIMARY KEY,
    sub_account_id INTEGER NOT NULL REFERENCES sub_accounts (id),
    period         INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    service        TEXT NOT NULL,
    amount         INTEGER NOT NULL,
    posted_on      DATE NOT NULL,
    channel        TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    note           TEXT NOT NULL
);
CREATE INDEX ledger_sub_account ON ledger (sub_account_id, period);
CREATE UNIQUE INDEX ledger_external_id ON ledger (external_id) WHERE external_id <> '';

CREATE TABLE bills (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    period     INTEGER NOT NULL,
    issued_at  TIMESTAMP NOT NULL,
    data       TEXT NOT NULL,
    UNIQUE (account_id, period)
);

-- The demo world's build state: one row. A world is served only when state
-- is 'complete'; 'building' with built < accounts is resumed.
CREATE TABLE world (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    seed         INTEGER NOT NULL,
    accounts     INTEGER NOT NULL,
    built        INTEGER NOT NULL,
    state        TEXT NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);
