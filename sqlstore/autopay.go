package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kabinet"
)

// CreateAutopayRule saves a pending rule for its first payment order and
// sets its ID. The same order sent twice (a double click) keeps the rule
// it made first: created is false and r is left as given.
func (db *DB) CreateAutopayRule(ctx context.Context, r *kabinet.AutopayRule) (created bool, err error) {
	if err := r.Validate(); err != nil {
		return false, err
	}
	now := db.now()
	r.State, r.CreatedAt, r.UpdatedAt = kabinet.AutopayPending, now, now
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO autopay_rules (account_id, user_id, order_id, client_id, binding_id, card, mode, cap, day, state, reason,
				unbound, created_at, updated_at)
			VALUES ($1, $2, $3, $4, '', '', $5, $6, $7, $8, '', $9, $10, $10) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
			r.AccountID, r.UserID, r.OrderID, r.ClientID, string(r.Mode), int64(r.Cap), r.Day, string(r.State), false, now).Scan(&r.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		created = err == nil
		return translate(err)
	})
	return created, err
}

// ActivateAutopayRule makes a pending rule active with the card its first
// payment saved, and writes notice with it. Another active rule of the
// account is stopped: the new card replaces it. It reports whether the
// rule moved; an active or stopped rule stays as it is.
func (db *DB) ActivateAutopayRule(ctx context.Context, id int64, bindingID, card string, notice *kabinet.Notice) (bool, error) {
	now := db.now()
	var moved bool
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE autopay_rules SET state = 'stopped', reason = $2, updated_at = $3
			WHERE state = 'active' AND account_id = (SELECT account_id FROM autopay_rules WHERE id = $1)
			AND EXISTS (SELECT 1 FROM autopay_rules WHERE id = $1 AND state = 'pending')`,
			id, "Подключен автоплатеж с другой картой", now); err != nil {
			return translate(err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE autopay_rules SET state = 'active', binding_id = $2, card = $3, activated_at = $4,
			updated_at = $4 WHERE id = $1 AND state = 'pending'`, id, bindingID, card, now)
		if moved, err = changed(res, err); err != nil || !moved {
			return err
		}
		return db.writeNotice(ctx, tx, notice)
	})
	return moved, err
}

// StopAutopayRule stops a pending or active rule for reason and writes
// notice with it; a stopped rule is never charged again. It reports
// whether the rule moved.
func (db *DB) StopAutopayRule(ctx context.Context, id int64, reason string, notice *kabinet.Notice) (bool, error) {
	var moved bool
	err := db.InTx(ctx, func(tx *sql.Tx) (err error) {
		if moved, err = stopRule(ctx, tx, id, reason, db.now()); err != nil || !moved {
			return err
		}
		return db.writeNotice(ctx, tx, notice)
	})
	return moved, err
}

func stopRule(ctx context.Context, tx *sql.Tx, id int64, reason string, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE autopay_rules SET state = 'stopped', reason = $2, updated_at = $3
		WHERE id = $1 AND state IN ('pending', 'active')`, id, reason, now)
	return changed(res, err)
}

// MarkAutopayUnbound records that the acquirer deactivated the binding of
// a stopped rule.
func (db *DB) MarkAutopayUnbound(ctx context.Context, id int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE autopay_rules SET unbound = $2, updated_at = $3 WHERE id = $1`, id, true, db.now())
		return translate(err)
	})
}

const ruleSelect = `SELECT id, account_id, user_id, order_id, client_id, binding_id, card, mode, cap, day, state, reason, unbound,
	activated_at, created_at, updated_at FROM autopay_rules `

// FindAutopayRule returns a rule.
func (db *DB) FindAutopayRule(ctx context.Context, id int64) (*kabinet.AutopayRule, error) {
	return one(db.queryRules(ctx, `WHERE id = $1`, id))
}

// FindAutopayRuleByOrder returns the rule a first payment order made.
func (db *DB) FindAutopayRuleByOrder(ctx context.Context, orderID int64) (*kabinet.AutopayRule, error) {
	return one(db.queryRules(ctx, `WHERE order_id = $1`, orderID))
}

// FindAutopayRules returns an account's rules that were ever active or
// still wait for their first payment, newest first.
func (db *DB) FindAutopayRules(ctx context.Context, accountID int64, limit int) ([]*kabinet.AutopayRule, error) {
	return db.queryRules(ctx, `WHERE account_id = $1 AND (activated_at IS NOT NULL OR state = 'pending')
		ORDER BY id DESC LIMIT $2`, accountID, limit)
}

// FindActiveAutopayRules returns up to limit active rules with IDs above
// after, in ID order: the scheduler's pages.
func (db *DB) FindActiveAutopayRules(ctx context.Context, after int64, limit int) ([]*kabinet.AutopayRule, error) {
	return db.queryRules(ctx, `WHERE state = 'active' AND id > $1 ORDER BY id LIMIT $2`, after, limit)
}

// FindAutopayRulesToUnbind returns stopped rules whose binding the
// acquirer has not deactivated yet.
func (db *DB) FindAutopayRulesToUnbind(ctx context.Context, limit int) ([]*kabinet.AutopayRule, error) {
	return db.queryRules(ctx, `WHERE state = 'stopped' AND NOT unbound AND binding_id <> '' ORDER BY id LIMIT $1`, limit)
}

func (db *DB) queryRules(ctx context.Context, rest string, args ...any) ([]*kabinet.AutopayRule, error) {
	rows, err := db.read.QueryContext(ctx, ruleSelect+rest, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var rs []*kabinet.AutopayRule
	for rows.Next() {
		var r kabinet.AutopayRule
		var mode, state string
		var activated sql.NullTime
		if err := rows.Scan(&r.ID, &r.AccountID, &r.UserID, &r.OrderID, &r.ClientID, &r.BindingID, &r.Card, &mode, &r.Cap, &r.Day,
			&state, &r.Reason, &r.Unbound, &activated, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		r.Mode, r.State, r.ActivatedAt = kabinet.AutopayMode(mode), kabinet.AutopayState(state), activated.Time
		rs = append(rs, &r)
	}
	return rs, translate(rows.Err())
}

// NoticeAutopayCharge records that charge c is coming and writes notice
// with it, once per (rule, bill): it reports false, writing nothing, when
// the bill already has a charge of the rule.
func (db *DB) NoticeAutopayCharge(ctx context.Context, c *kabinet.AutopayCharge, notice *kabinet.Notice) (bool, error) {
	now := db.now()
	var noticed bool
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO autopay_charges (rule_id, bill_id, period, amount, state, charge_on, created_at,
			updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (rule_id, bill_id) DO NOTHING`,
			c.RuleID, c.BillID, c.Period.Int(), int64(c.Amount), string(kabinet.ChargeNoticed), dateArg(c.ChargeOn), now)
		if noticed, err = changed(res, err); err != nil || !noticed {
			return err
		}
		return db.writeNotice(ctx, tx, notice)
	})
	return noticed, err
}

// errTaken rolls back a claim that lost.
var errTaken = errors.New("autopay charge already claimed")

// ClaimAutopayCharge claims bill c.BillID for rule c.RuleID before the
// bank is called: in one transaction it checks that the rule is still
// active, saves the payment order o and records the charge with it. Only
// one claim per (rule, bill) ever wins, however many schedulers try at
// once; the others get false and save nothing. A charge with State
// skipped records that the bill needed no money, and o is nil.
func (db *DB) ClaimAutopayCharge(ctx context.Context, c *kabinet.AutopayCharge, o *kabinet.PaymentOrder) (bool, error) {
	now := db.now()
	if o != nil {
		if err := o.Validate(); err != nil {
			return false, err
		}
		o.CreatedAt, o.UpdatedAt, o.State, c.State = now, now, kabinet.PaymentNew, kabinet.ChargeClaimed
	}
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		// The write locks the rule on PostgreSQL: a stop that commits
		// first is seen, and one that comes later waits for this claim.
		res, err := tx.ExecContext(ctx, `UPDATE autopay_rules SET updated_at = updated_at WHERE id = $1 AND state = 'active'`, c.RuleID)
		if ok, err := changed(res, err); err != nil || !ok {
			return cmpErr(err, errTaken)
		}
		var orderID sql.NullInt64
		if o != nil {
			if ok, err := insertPaymentOrder(ctx, tx, o); err != nil || !ok {
				return cmpErr(err, errTaken)
			}
			orderID = sql.NullInt64{Int64: o.ID, Valid: true}
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO autopay_charges (rule_id, bill_id, period, order_id, amount, state, charge_on,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
			ON CONFLICT (rule_id, bill_id) DO UPDATE SET order_id = excluded.order_id, amount = excluded.amount,
				state = excluded.state, updated_at = excluded.updated_at
			WHERE autopay_charges.order_id IS NULL AND autopay_charges.state = 'noticed'`,
			c.RuleID, c.BillID, c.Period.Int(), orderID, int64(c.Amount), string(c.State), dateArg(c.ChargeOn), now)
		if ok, err := changed(res, err); err != nil || !ok {
			return cmpErr(err, errTaken)
		}
		return nil
	})
	if errors.Is(err, errTaken) {
		return false, nil
	}
	return err == nil, err
}

func cmpErr(err, or error) error {
	if err != nil {
		return err
	}
	return or
}

// EndAutopayCharge moves the claimed charge of payment order orderID to
// paid or declined and writes notice with it; stop, if not "", also stops
// the charge's rule with that reason. It reports whether the charge moved:
// whoever resolves the order first (the scheduler, the poller, a
// callback) tells the customer, the others do nothing.
func (db *DB) EndAutopayCharge(ctx context.Context, orderID int64, state kabinet.AutopayChargeState, stop string, notice *kabinet.Notice) (bool, error) {
	now := db.now()
	var moved bool
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE autopay_charges SET state = $2, updated_at = $3 WHERE order_id = $1 AND state = 'claimed'`,
			orderID, string(state), now)
		if moved, err = changed(res, err); err != nil || !moved {
			return err
		}
		if stop != "" {
			var ruleID int64
			if err := tx.QueryRowContext(ctx, `SELECT rule_id FROM autopay_charges WHERE order_id = $1`, orderID).Scan(&ruleID); err != nil {
				return translate(err)
			}
			if _, err := stopRule(ctx, tx, ruleID, stop, now); err != nil {
				return err
			}
		}
		return db.writeNotice(ctx, tx, notice)
	})
	return moved, err
}

const chargeSelect = `SELECT c.id, c.rule_id, c.bill_id, c.period, COALESCE(c.order_id, 0), c.amount, c.state, c.charge_on,
	c.created_at, c.updated_at FROM autopay_charges c `

// FindAutopayCharge returns the charge of rule on bill.
func (db *DB) FindAutopayCharge(ctx context.Context, ruleID, billID int64) (*kabinet.AutopayCharge, error) {
	return one(db.queryCharges(ctx, `WHERE c.rule_id = $1 AND c.bill_id = $2`, ruleID, billID))
}

// FindAutopayChargeByOrder returns the charge a payment order was made for.
func (db *DB) FindAutopayChargeByOrder(ctx context.Context, orderID int64) (*kabinet.AutopayCharge, error) {
	return one(db.queryCharges(ctx, `WHERE c.order_id = $1`, orderID))
}

// FindAutopayCharges returns an account's autopay charges, newest first:
// the history on the autopay page.
func (db *DB) FindAutopayCharges(ctx context.Context, accountID int64, limit int) ([]*kabinet.AutopayCharge, error) {
	return db.queryCharges(ctx, `JOIN autopay_rules r ON r.id = c.rule_id WHERE r.account_id = $1
		ORDER BY c.charge_on DESC, c.id DESC LIMIT $2`, accountID, limit)
}

func (db *DB) queryCharges(ctx context.Context, rest string, args ...any) ([]*kabinet.AutopayCharge, error) {
	rows, err := db.read.QueryContext(ctx, chargeSelect+rest, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var cs []*kabinet.AutopayCharge
	for rows.Next() {
		var c kabinet.AutopayCharge
		var period int
		var state string
		if err := rows.Scan(&c.ID, &c.RuleID, &c.BillID, &period, &c.OrderID, &c.Amount, &state, &c.ChargeOn,
			&c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, err
		}
		c.Period, c.State = kabinet.PeriodFromInt(period), kabinet.AutopayChargeState(state)
		cs = append(cs, &c)
	}
	return cs, translate(rows.Err())
}

// one returns the only element of xs, or ENOTFOUND.
func one[T any](xs []*T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	if len(xs) == 0 {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "Автоплатеж не найден")
	}
	return xs[0], nil
}

// changed reports whether an update changed a row.
func changed(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, translate(err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// FindUnsettledAutopay returns what a crash may have left half done:
// pending rules whose first payment order has ended, and claimed charges
// whose order has.
func (db *DB) FindUnsettledAutopay(ctx context.Context, limit int) ([]*kabinet.AutopayRule, []*kabinet.AutopayCharge, error) {
	rules, err := db.queryRules(ctx, `WHERE state = 'pending' AND order_id IN
		(SELECT id FROM payment_orders WHERE state IN ('paid', 'failed', 'mismatch')) ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, nil, err
	}
	charges, err := db.queryCharges(ctx, `WHERE c.state = 'claimed' AND c.order_id IN
		(SELECT id FROM payment_orders WHERE state IN ('paid', 'failed')) ORDER BY c.id LIMIT $1`, limit)
	return rules, charges, err
}
