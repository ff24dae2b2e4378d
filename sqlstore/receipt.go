package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// SaveReceipt keeps what the acquirer said about an order's receipt. A
// receipt that is final (registered or refused) stays as it is.
func (db *DB) SaveReceipt(ctx context.Context, r *kabinet.Receipt) error {
	if r.State == "" {
		r.State = kabinet.ReceiptPending
	}
	r.UpdatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO payment_receipts (order_id, state, uuid, url, updated_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (order_id) DO UPDATE SET state = excluded.state, uuid = excluded.uuid, url = excluded.url,
				updated_at = excluded.updated_at
			WHERE payment_receipts.state = 'pending'`, r.OrderID, string(r.State), r.UUID, r.URL, r.UpdatedAt)
		return translate(err)
	})
}

// FindReceipts returns the receipts of an account's orders, newest first,
// each with its order's number.
func (db *DB) FindReceipts(ctx context.Context, accountID int64, limit int) ([]*kabinet.Receipt, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT r.order_id, o.number, r.state, r.uuid, r.url, r.updated_at
		FROM payment_receipts r JOIN payment_orders o ON o.id = r.order_id
		WHERE o.account_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []*kabinet.Receipt
	for rows.Next() {
		var r kabinet.Receipt
		var state string
		if err := rows.Scan(&r.OrderID, &r.OrderNumber, &state, &r.UUID, &r.URL, &r.UpdatedAt); err != nil {
			return nil, err
		}
		r.State = kabinet.ReceiptState(state)
		out = append(out, &r)
	}
	return out, translate(rows.Err())
}

// FindReceiptsToAsk returns up to limit orders paid after paidAfter whose
// receipt is not final: the ones the acquirer is asked about again.
func (db *DB) FindReceiptsToAsk(ctx context.Context, paidAfter time.Time, limit int) ([]*kabinet.PaymentOrder, error) {
	return db.queryPaymentOrders(ctx, `WHERE state = 'paid' AND updated_at > $1 AND gateway_id <> ''
		AND NOT EXISTS (SELECT 1 FROM payment_receipts r WHERE r.order_id = payment_orders.id AND r.state <> 'pending')
		ORDER BY updated_at, id LIMIT $2`, paidAfter.UTC(), limit)
}
