package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kabinet"
)

// CreatePaymentOrder saves a new order with its parts and sets its ID, or,
// when an order with the same Key exists (the same form sent twice),
// returns that one instead with created false.
func (db *DB) CreatePaymentOrder(ctx context.Context, o *kabinet.PaymentOrder) (got *kabinet.PaymentOrder, created bool, err error) {
	if err := o.Validate(); err != nil {
		return nil, false, err
	}
	now := db.now()
	o.CreatedAt, o.UpdatedAt = now, now
	if o.State == "" {
		o.State = kabinet.PaymentNew
	}
	if o.Method == "" {
		o.Method = kabinet.MethodCard
	}
	err = db.InTx(ctx, func(tx *sql.Tx) (err error) {
		created, err = insertPaymentOrder(ctx, tx, o)
		return err
	})
	if err != nil || created {
		return o, created, err
	}
	got, err = db.findPaymentOrder(ctx, `idem_key = $1`, o.Key)
	if err == nil && got.AccountID != o.AccountID { // a key is random; one reused for another account is no match
		return nil, false, kabinet.Errorf(kabinet.ECONFLICT, "Повторите оплату")
	}
	return got, false, err
}

// insertPaymentOrder saves o with its parts in tx and sets its ID; an
// order with o's Key saves nothing and reports false.
func insertPaymentOrder(ctx context.Context, tx *sql.Tx, o *kabinet.PaymentOrder) (bool, error) {
	err := tx.QueryRowContext(ctx, `
		INSERT INTO payment_orders (account_id, idem_key, number, gateway_id, form_url, amount, state, flag, created_at, updated_at,
			method, contact)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) ON CONFLICT (idem_key) DO NOTHING RETURNING id`,
		o.AccountID, o.Key, o.Number, o.GatewayID, o.FormURL, int64(o.Amount), string(o.State), o.Flag, o.CreatedAt,
		string(methodOr(o.Method)), o.Contact).Scan(&o.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // the key was used
	} else if err != nil {
		return false, translate(err)
	}
	for _, p := range o.Parts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO payment_parts (order_id, sub_account_id, amount) VALUES ($1, $2, $3)`,
			o.ID, p.SubAccountID, int64(p.Amount)); err != nil {
			return false, translate(err)
		}
	}
	return true, nil
}

// RegisterPaymentOrder records the bank's order id and payment page of a
// new order and makes it pending.
func (db *DB) RegisterPaymentOrder(ctx context.Context, id int64, gatewayID, formURL string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE payment_orders SET gateway_id = $2, form_url = $3, state = $4, updated_at = $5
			WHERE id = $1 AND state = $6`, id, gatewayID, formURL, string(kabinet.PaymentPending), db.now(), string(kabinet.PaymentNew))
		return translate(err)
	})
}

// EndPaymentOrder moves an order that is not final yet to a final state
// other than paid (failed, or mismatch with its flag). It reports whether
// the order moved; a final order stays as it is.
func (db *DB) EndPaymentOrder(ctx context.Context, id int64, state kabinet.PaymentState, flag string) (bool, error) {
	var n int64
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE payment_orders SET state = $2, flag = $3, updated_at = $4
			WHERE id = $1 AND state IN ('new', 'pending')`, id, string(state), flag, db.now())
		if err != nil {
			return translate(err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

// CreditPaymentOrder records the bank's operation on an order and posts
// the entries with it, in one transaction, once: the (order, operation)
// key refuses a second record, and then nothing is posted and credited is
// false. The order becomes paid.
func (db *DB) CreditPaymentOrder(ctx context.Context, id int64, operation string, amount kabinet.Money, entries []*kabinet.LedgerEntry) (credited bool, err error) {
	for _, e := range entries {
		if err := e.Validate(); err != nil {
			return false, err
		}
	}
	now := db.now()
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO payment_operations (order_id, operation, amount, created_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (order_id, operation) DO NOTHING`, id, operation, int64(amount), now)
		if err != nil {
			return translate(err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		for _, e := range entries {
			if err := tx.QueryRowContext(ctx, `
				INSERT INTO ledger (sub_account_id, period, kind, service, amount, posted_on, channel, external_id, note)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, ledgerRow(e)...).Scan(&e.ID); err != nil {
				return translate(err)
			}
			if err := keepEntryUsage(ctx, tx, e); err != nil {
				return err
			}
		}
		subs := make([]int64, len(entries))
		for i, e := range entries {
			subs[i] = e.SubAccountID
		}
		if err := db.keepBalances(ctx, tx, subs); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payment_orders SET state = $2, flag = '', updated_at = $3 WHERE id = $1`,
			id, string(kabinet.PaymentPaid), now); err != nil {
			return translate(err)
		}
		credited = true
		return nil
	})
	return credited, err
}

// FindPaymentOrder returns the order with the given ID.
func (db *DB) FindPaymentOrder(ctx context.Context, id int64) (*kabinet.PaymentOrder, error) {
	return db.findPaymentOrder(ctx, `id = $1`, id)
}

// FindPaymentOrderByGatewayID returns the order the bank knows as mdOrder id.
func (db *DB) FindPaymentOrderByGatewayID(ctx context.Context, id string) (*kabinet.PaymentOrder, error) {
	if id == "" {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Заказ не найден")
	}
	return db.findPaymentOrder(ctx, `gateway_id = $1`, id)
}

// FindUnresolvedPaymentOrders returns up to limit orders, oldest first,
// made before before and still new or pending: the poller's work.
func (db *DB) FindUnresolvedPaymentOrders(ctx context.Context, before time.Time, limit int) ([]*kabinet.PaymentOrder, error) {
	return db.queryPaymentOrders(ctx, `WHERE state IN ('new', 'pending') AND created_at < $1 ORDER BY created_at, id LIMIT $2`,
		before.UTC(), limit)
}

// FindPaymentOrders returns an account's orders, newest first.
func (db *DB) FindPaymentOrders(ctx context.Context, accountID int64, limit int) ([]*kabinet.PaymentOrder, error) {
	return db.queryPaymentOrders(ctx, `WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, accountID, limit)
}

func (db *DB) findPaymentOrder(ctx context.Context, where string, arg any) (*kabinet.PaymentOrder, error) {
	os, err := db.queryPaymentOrders(ctx, `WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Заказ не найден")
	}
	return os[0], nil
}

// queryPaymentOrders reads orders with their parts. The decisions that
// matter (credit once, end once) are made by the writes' WHERE clauses and
// keys, never by what was read here.
func (db *DB) queryPaymentOrders(ctx context.Context, rest string, args ...any) ([]*kabinet.PaymentOrder, error) {
	rows, err := db.query(ctx, `SELECT id, account_id, idem_key, number, gateway_id, form_url, amount, state, flag,
		created_at, updated_at, method, contact FROM payment_orders `+rest, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var os []*kabinet.PaymentOrder
	for rows.Next() {
		var o kabinet.PaymentOrder
		var state, method string
		if err := rows.Scan(&o.ID, &o.AccountID, &o.Key, &o.Number, &o.GatewayID, &o.FormURL, &o.Amount, &state, &o.Flag,
			&o.CreatedAt, &o.UpdatedAt, &method, &o.Contact); err != nil {
			return nil, err
		}
		o.State, o.Method = kabinet.PaymentState(state), kabinet.PaymentMethod(method)
		os = append(os, &o)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for _, o := range os {
		if o.Parts, err = db.findPaymentParts(ctx, o.ID); err != nil {
			return nil, err
		}
	}
	return os, nil
}

func (db *DB) findPaymentParts(ctx context.Context, orderID int64) ([]kabinet.PaymentPart, error) {
	rows, err := db.query(ctx, `SELECT sub_account_id, amount FROM payment_parts WHERE order_id = $1 ORDER BY sub_account_id`, orderID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ps []kabinet.PaymentPart
	for rows.Next() {
		var p kabinet.PaymentPart
		if err := rows.Scan(&p.SubAccountID, &p.Amount); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, translate(rows.Err())
}
