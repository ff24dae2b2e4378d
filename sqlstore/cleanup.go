package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// Prune deletes what sign-in leaves behind once it can no longer matter:
// browser sessions and tokens older than maxAge, device sessions unused
// for kabinet.DeviceSessionIdle, and rate-limit windows that closed
// before maxAge. It returns the rows deleted.
func (db *DB) Prune(ctx context.Context, maxAge time.Duration) (int64, error) {
	before := db.now().Add(-maxAge)
	var total int64
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct {
			sql string
			arg any
		}{
			{`DELETE FROM sessions WHERE kind = 'browser' AND created_at < $1`, before},
			{`DELETE FROM sessions WHERE kind = 'device' AND seen_at < $1`, db.now().Add(-kabinet.DeviceSessionIdle)},
			{`DELETE FROM tokens WHERE expires_at < $1`, before},
			{`DELETE FROM rate_limits WHERE window_start < $1`, before.Unix()},
		} {
			res, err := tx.ExecContext(ctx, q.sql, q.arg)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			total += n
		}
		return nil
	})
	return total, translate(err)
}
