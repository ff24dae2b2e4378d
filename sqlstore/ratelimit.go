package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// Hit counts an event under key in a fixed window and returns the count so
// far, this one included. The count lives in the database, so every
// server process sees the same one; the upsert is one statement, so
// concurrent hits never lose a count.
func (db *DB) Hit(ctx context.Context, key string, window time.Duration) (int, error) {
	now := db.now().Unix()
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `
			INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
			ON CONFLICT (key) DO UPDATE SET
				count = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.count + 1 END,
				window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
			RETURNING count`, key, now, now-int64(window/time.Second)).Scan(&n)
	})
	return n, translate(err)
}

// ResetHits forgets the count under key (a successful sign-in clears the
// failures before it).
func (db *DB) ResetHits(ctx context.Context, key string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM rate_limits WHERE key = $1`, key)
		return translate(err)
	})
}
