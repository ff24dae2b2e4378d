-- The demo's bank keeps its orders and saved cards here when several
-- servers share the database (issue 18): one row of JSON, held locked for
-- each operation of the fake gateway. Keep in step with
-- ../sqlite/0071_demo_bank.sql.
CREATE TABLE demo_bank (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL
);
INSERT INTO demo_bank (id, state) VALUES (1, '');
