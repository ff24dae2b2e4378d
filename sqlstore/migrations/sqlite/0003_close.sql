-- Month close: one row per period being closed or closed. A close commits
-- chunk by chunk with the last account done, so one killed halfway goes on
-- where it stopped. Keep in step with ../postgres/0003_close.sql.
CREATE TABLE period_closes (
    period       INTEGER PRIMARY KEY,
    state        TEXT NOT NULL,
    last_account INTEGER NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);
