-- Answers to customers' requests from the supplier's billing (the
-- exchange's answers kind, issue 16): each answer_id once, written in the
-- transaction that puts its text on the request. Keep in step with
-- ../postgres/0056_request_answers.sql.
CREATE TABLE request_answers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id TEXT NOT NULL UNIQUE,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    answered_at TIMESTAMP NOT NULL
);
