-- The sets of providers' details bills print, each stored once under a
-- key made from its content and named by the bills' sections
-- (provider_ref): inline, they made a bill's data 1,113 bytes on
-- average instead of 790 (issue 16). A set is never changed or removed.
CREATE TABLE bill_providers (
    key  TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID;
