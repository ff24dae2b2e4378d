package sqlstore

import (
	"context"
	"database/sql"
)

// LockDemoBank begins a transaction that holds the demo bank's state
// locked (another server's call waits) and returns the state, empty at
// first. save writes a new state (nil leaves it) and ends the transaction;
// it must be called.
func (db *DB) LockDemoBank(ctx context.Context) (state []byte, save func([]byte) error, err error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, translate(err)
	}
	// An update that changes nothing takes the row's lock on PostgreSQL,
	// and SQLite's write transaction is the lock there.
	var s string
	if err := tx.QueryRowContext(ctx, `UPDATE demo_bank SET state = state WHERE id = 1 RETURNING state`).Scan(&s); err != nil {
		tx.Rollback()
		return nil, nil, translate(err)
	}
	return []byte(s), func(next []byte) error { return saveDemoBank(ctx, tx, next) }, nil
}

func saveDemoBank(ctx context.Context, tx *sql.Tx, next []byte) error {
	if next == nil {
		return translate(tx.Commit())
	}
	if _, err := tx.ExecContext(ctx, `UPDATE demo_bank SET state = $1 WHERE id = 1`, string(next)); err != nil {
		tx.Rollback()
		return translate(err)
	}
	return translate(tx.Commit())
}
