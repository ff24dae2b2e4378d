-- The billing exchange's IN direction (docs/exchange.md): the billing
-- system's own IDs on the rows it owns, unique where set, so importing a
-- file again updates the same rows or changes nothing; accounts a full
-- snapshot no longer lists are closed, never deleted; meters taken out are
-- kept as removed. Keep in step with ../postgres/0030_exchange_in.sql.

ALTER TABLE providers ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX providers_external_id ON providers (external_id) WHERE external_id <> '';

ALTER TABLE accounts ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN closed_on DATE;
CREATE UNIQUE INDEX accounts_external_id ON accounts (external_id) WHERE external_id <> '';

ALTER TABLE sub_accounts ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX sub_accounts_external_id ON sub_accounts (external_id) WHERE external_id <> '';

ALTER TABLE meters ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE meters ADD COLUMN removed BOOLEAN NOT NULL DEFAULT FALSE;
CREATE UNIQUE INDEX meters_external_id ON meters (external_id) WHERE external_id <> '';

ALTER TABLE readings ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX readings_external_id ON readings (external_id) WHERE external_id <> '';

ALTER TABLE bills ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX bills_external_id ON bills (external_id) WHERE external_id <> '';

-- One row per file imported (by its content's SHA-256 and kind): the
-- progress marker that commits with each chunk, so an import killed midway
-- resumes after the last committed line, and the summary of the last run.
CREATE TABLE import_files (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    state        TEXT NOT NULL,
    lines_done   INTEGER NOT NULL,
    inserted     INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    refused      INTEGER NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    UNIQUE (sha256, kind)
);
