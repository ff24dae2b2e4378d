-- The demo world builds its history with the month close: after the
-- households, month by month, the payments made in the month, then the
-- close. paid_period and paid_count say how far the payments of the month
-- being built were loaded, so a build killed halfway resumes there.
ALTER TABLE world ADD COLUMN paid_period INTEGER NOT NULL DEFAULT 0;
ALTER TABLE world ADD COLUMN paid_count INTEGER NOT NULL DEFAULT 0;
