-- A reading passed through the portal remembers the session that passed it:
-- that session may delete it until it ends or the month closes (METER-5).
ALTER TABLE readings ADD COLUMN session_hash TEXT NOT NULL DEFAULT '';

-- One portal reading per meter and day: a second one that day replaces the
-- first (METER-4), and two at once cannot both be kept.
CREATE UNIQUE INDEX readings_portal_day ON readings (meter_id, taken_on) WHERE source = 'portal';
