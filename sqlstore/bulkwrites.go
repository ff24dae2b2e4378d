package sqlstore

import (
	"context"
	"strconv"
)

// bulkWALPages is how large a SQLite WAL grows during a bulk load before
// its pages are copied back into the database (4 KiB pages: 256 MiB). The
// default of 1,000 pages checkpoints every few chunks of an import, and
// each checkpoint writes again the index pages every chunk touches; a
// larger WAL writes each such page back once per 256 MiB of changes.
const bulkWALPages = 65536

// defaultWALPages is SQLite's own wal_autocheckpoint.
const defaultWALPages = 1000

// BulkWrites prepares the store for a long run of large transactions (an
// import of the billing system's files) and returns what ends it. On
// SQLite the WAL is checkpointed seldom meanwhile, and at the end copied
// back whole. Nothing else changes: a process killed midway leaves what
// it committed (the WAL is part of the database until it is copied back),
// and the next connection has the default again. PostgreSQL needs nothing.
func (db *DB) BulkWrites(ctx context.Context) (end func(), err error) {
	if db.dialect.name != "sqlite" {
		return func() {}, nil
	}
	if _, err := db.write.ExecContext(ctx, "PRAGMA wal_autocheckpoint = "+strconv.Itoa(bulkWALPages)); err != nil {
		return nil, translate(err)
	}
	return func() {
		ctx := context.WithoutCancel(ctx)
		db.write.ExecContext(ctx, "PRAGMA wal_autocheckpoint = "+strconv.Itoa(defaultWALPages))
		// Copy the WAL back and shrink its file now rather than leave
		// 256 MiB on disk while a server holds the database open.
		db.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}, nil
}
