-- Attachments kept in the database (issue 18): several servers read what
-- one took, and the chunks are written in the transaction of the request
-- that owns them, so a crash leaves no file without its request. Deleting
-- the attachment deletes its chunks. Keep in step with
-- ../postgres/0070_files.sql.
CREATE TABLE file_chunks (
    storage_key TEXT NOT NULL REFERENCES request_attachments (storage_key) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (storage_key, seq)
);
