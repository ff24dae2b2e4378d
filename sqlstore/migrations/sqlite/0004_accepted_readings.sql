-- Readings waiting for their period's close. Few at any time (the open
-- month's), so the index is small; the close marks a chunk's readings
-- calculated through it instead of scanning every reading ever taken.
CREATE INDEX readings_accepted ON readings (meter_id) WHERE status = 'accepted';
