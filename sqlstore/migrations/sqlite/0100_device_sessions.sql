-- Device sessions of the customer's mobile app (issue 19): a bearer token
-- per device, kept in sessions beside the browsers' so that the list of
-- signed-in devices shows it and «Выйти на всех устройствах» and a
-- password change end it too. kind is 'browser' (a cookie) or 'device'
-- (a bearer token of /api/v1/); device is the name the app gave, e.g.
-- «iPhone Марии». Keep in step with ../postgres/0100_device_sessions.sql.

ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'browser';
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
