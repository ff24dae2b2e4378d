-- A demo world tells its customers of its latest bill once, on the first
-- start that serves it: told_at is set in the transaction that enqueues
-- that one reminder scan (issue 20). Worlds built before were served
-- already and are left to the scheduled scans.
ALTER TABLE world ADD COLUMN told_at TIMESTAMP;
UPDATE world SET told_at = completed_at WHERE state = 'complete';
