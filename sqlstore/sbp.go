package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"

	"kabinet"
)

func methodOr(m kabinet.PaymentMethod) kabinet.PaymentMethod {
	if m == "" {
		return kabinet.MethodCard
	}
	return m
}

// RegisterSBPOrder records the bank's order id and the СБП QR code of a
// new order and makes it pending, in one transaction: a pending СБП
// order always has its code.
func (db *DB) RegisterSBPOrder(ctx context.Context, id int64, gatewayID string, qr *kabinet.SBPQR) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE payment_orders SET gateway_id = $2, state = $3, updated_at = $4
			WHERE id = $1 AND state = $5`, id, gatewayID, string(kabinet.PaymentPending), db.now(), string(kabinet.PaymentNew))
		if err != nil {
			return translate(err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // registered already
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO payment_sbp (order_id, qr_id, payload, image) VALUES ($1, $2, $3, $4)`,
			id, qr.QRID, qr.Payload, base64.StdEncoding.EncodeToString(qr.Image))
		return translate(err)
	})
}

// FindSBPQR returns the СБП QR code of an order.
func (db *DB) FindSBPQR(ctx context.Context, orderID int64) (*kabinet.SBPQR, error) {
	var qr kabinet.SBPQR
	var image string
	err := db.read.QueryRowContext(ctx, `SELECT qr_id, payload, image FROM payment_sbp WHERE order_id = $1`, orderID).
		Scan(&qr.QRID, &qr.Payload, &image)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "QR-код не найден")
	} else if err != nil {
		return nil, translate(err)
	}
	if qr.Image, err = base64.StdEncoding.DecodeString(image); err != nil {
		return nil, err
	}
	return &qr, nil
}

// FindPaymentOrderByNumber returns the order with our number.
func (db *DB) FindPaymentOrderByNumber(ctx context.Context, number string) (*kabinet.PaymentOrder, error) {
	if number == "" {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Заказ не найден")
	}
	return db.findPaymentOrder(ctx, `number = $1`, number)
}
