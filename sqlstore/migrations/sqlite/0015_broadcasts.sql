-- Broadcasts from the back office (issue 9): what 0013 left out — the
-- district of the audience, the SMS text, the admin who wrote it, where
-- the batches start and how wide they are, when the sending began — and
-- the outbox naming a broadcast's messages, so its page counts them by
-- status. Keep in step with ../postgres/0015_broadcasts.sql.
ALTER TABLE broadcasts ADD COLUMN district TEXT NOT NULL DEFAULT '';
ALTER TABLE broadcasts ADD COLUMN sms TEXT NOT NULL DEFAULT '';
ALTER TABLE broadcasts ADD COLUMN operator_id INTEGER REFERENCES operators (id);
ALTER TABLE broadcasts ADD COLUMN first_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE broadcasts ADD COLUMN batch_size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE broadcasts ADD COLUMN started_at TIMESTAMP;

ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER REFERENCES broadcasts (id);
CREATE INDEX outbox_broadcast ON outbox (broadcast_id, status) WHERE broadcast_id IS NOT NULL;
