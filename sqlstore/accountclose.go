package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// CloseAccounts closes the accounts ids that are open on day on and, in
// the same transaction, writes the deliveries that tell their customers:
// an account is never closed untold, nor told and left open.
func (db *DB) CloseAccounts(ctx context.Context, ids []int64, on time.Time, ds []*kabinet.Delivery) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE accounts SET closed_on = $1 WHERE id = $2 AND closed_on IS NULL`,
				dateArg(on), id); err != nil {
				return translate(err)
			}
		}
		_, err := db.writeDeliveries(ctx, tx, ds)
		return err
	})
}
