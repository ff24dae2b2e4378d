-- Month close: one row per period being closed or closed. A close commits
-- chunk by chunk with the last account done, so one killed halfway goes on
-- where it stopped. Keep in step with ../sqlite/0003_close.sql.
CREATE TABLE period_closes (
    period       INTEGER PRIMARY KEY,
    state        TEXT NOT NULL,
    last_account BIGINT NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);
