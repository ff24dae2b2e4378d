-- A reading's id is the number on its receipt (METER-4), the customer's
-- proof, and must never be given twice. Without AUTOINCREMENT SQLite gives
-- the largest id out again once its row is deleted, so the table is
-- rebuilt with it (PostgreSQL's identity never goes back).
CREATE TABLE readings_numbered (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    meter_id     INTEGER NOT NULL REFERENCES meters (id),
    taken_on     DATE NOT NULL,
    period       INTEGER NOT NULL,
    v1           INTEGER NOT NULL,
    v2           INTEGER,
    v3           INTEGER,
    c1           INTEGER NOT NULL,
    c2           INTEGER,
    c3           INTEGER,
    source       TEXT NOT NULL,
    status       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    session_hash TEXT NOT NULL DEFAULT ''
);
INSERT INTO readings_numbered (id, meter_id, taken_on, period, v1, v2, v3, c1, c2, c3, source, status, created_at, session_hash)
SELECT id, meter_id, taken_on, period, v1, v2, v3, c1, c2, c3, source, status, created_at, session_hash FROM readings;
DROP TABLE readings;
ALTER TABLE readings_numbered RENAME TO readings;
CREATE INDEX readings_meter ON readings (meter_id, taken_on);
CREATE INDEX readings_accepted ON readings (meter_id) WHERE status = 'accepted';
CREATE UNIQUE INDEX readings_portal_day ON readings (meter_id, taken_on) WHERE source = 'portal';
