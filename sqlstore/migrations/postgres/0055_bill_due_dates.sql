-- The due date each section of a bill imported from the supplier's billing
-- printed (bills.due_on), by sub-account and period: «Главная», the
-- penalty forecast and the reminders read it before the due-date rules
-- (issue 16). Keep in step with ../sqlite/0055_bill_due_dates.sql.
CREATE TABLE bill_due_dates (
    sub_account_id BIGINT NOT NULL REFERENCES sub_accounts (id),
    period         INTEGER NOT NULL,
    due_on         DATE NOT NULL,
    PRIMARY KEY (sub_account_id, period)
);
