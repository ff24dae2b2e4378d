package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"

	"kabinet"
)

// recipientWhere returns the filter's condition on accounts a, its arguments
// starting at $1.
func recipientWhere(f kabinet.RecipientFilter) (string, []any) {
	w, args := `a.id BETWEEN $1 AND $2`, []any{f.FromID, f.ToID}
	if f.District != "" {
		args = append(args, f.District)
		w += ` AND a.district = $` + strconv.Itoa(len(args))
	}
	if f.BroadcastID != 0 {
		args = append(args, f.BroadcastID)
		w += ` AND a.id IN (SELECT account_id FROM broadcast_accounts WHERE broadcast_id = $` + strconv.Itoa(len(args)) + `)`
	}
	return w, args
}

// FindRecipients returns, by account ID, the accounts of the filter that
// somebody can be told anything about: those with a registered user or
// saved services. A few queries per range, so a scan of a million
// accounts goes range by range in bounded memory.
func (db *DB) FindRecipients(ctx context.Context, f kabinet.RecipientFilter) ([]*kabinet.Recipient, error) {
	byID := map[int64]*kabinet.Recipient{}
	get := func(id int64) *kabinet.Recipient {
		r := byID[id]
		if r == nil {
			r = &kabinet.Recipient{AccountID: id}
			byID[id] = r
		}
		return r
	}
	w, args := recipientWhere(f)
	err := db.each(ctx, `SELECT ua.account_id, ua.user_id FROM user_accounts ua JOIN accounts a ON a.id = ua.account_id
		WHERE `+w+` ORDER BY ua.account_id, ua.user_id`, args, func(s scanner) error {
		var acc, user int64
		err := s.Scan(&acc, &user)
		get(acc).UserIDs = append(get(acc).UserIDs, user)
		return err
	})
	if err == nil {
		err = db.each(ctx, `SELECT s.account_id, s.push, s.sms, s.phone, s.email_info, s.bill_paper, s.bill_email, s.email, s.updated_at
			FROM account_services s JOIN accounts a ON a.id = s.account_id WHERE `+w, args, func(s scanner) error {
			set, err := scanServiceSettings(s)
			if err == nil {
				get(set.AccountID).Settings = set
			}
			return err
		})
	}
	if err == nil {
		err = db.recipientExtras(ctx, f, byID)
	}
	if err != nil {
		return nil, err
	}
	out := make([]*kabinet.Recipient, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *kabinet.Recipient) int { return cmp.Compare(a.AccountID, b.AccountID) })
	return out, nil
}

// recipientExtras adds the consents and push devices of the accounts
// found.
func (db *DB) recipientExtras(ctx context.Context, f kabinet.RecipientFilter, byID map[int64]*kabinet.Recipient) error {
	args := []any{f.FromID, f.ToID}
	err := db.each(ctx, `SELECT DISTINCT account_id FROM consents WHERE account_id BETWEEN $1 AND $2 AND withdrawn_at IS NULL`,
		args, func(s scanner) error {
			var acc int64
			err := s.Scan(&acc)
			if r := byID[acc]; r != nil {
				r.Consent = true
			}
			return err
		})
	if err != nil {
		return err
	}
	return db.each(ctx, `SELECT ua.account_id, ps.id FROM user_accounts ua JOIN push_subscriptions ps ON ps.user_id = ua.user_id
		WHERE ua.account_id BETWEEN $1 AND $2 ORDER BY ps.id`, args, func(s scanner) error {
		var acc, sub int64
		err := s.Scan(&acc, &sub)
		if r := byID[acc]; r != nil {
			r.Pushes = append(r.Pushes, sub)
		}
		return err
	})
}

// each runs a query on the read pool and calls fn for every row.
func (db *DB) each(ctx context.Context, query string, args []any, fn func(scanner) error) error {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	return eachRow(rows, fn)
}

// Inform writes the deliveries in one transaction, each message with its
// delivery job. A delivery whose reminder key was written before is
// skipped whole, so a scan that runs twice reminds once. It returns how
// many deliveries were written.
func (db *DB) Inform(ctx context.Context, ds []*kabinet.Delivery) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = db.writeDeliveries(ctx, tx, ds)
		return err
	})
	return n, err
}

// writeDeliveries writes in tx each delivery whose reminder key is new,
// and returns how many it wrote.
func (db *DB) writeDeliveries(ctx context.Context, tx *sql.Tx, ds []*kabinet.Delivery) (int, error) {
	n := 0
	for _, d := range ds {
		ok, err := db.claimReminder(ctx, tx, d)
		if err != nil {
			return n, err
		}
		if !ok {
			continue
		}
		if err := db.writeDelivery(ctx, tx, d); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (db *DB) claimReminder(ctx context.Context, tx *sql.Tx, d *kabinet.Delivery) (bool, error) {
	if d.Key == nil {
		return true, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO reminders_sent (account_id, rule, period, sent_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (account_id, rule, period) DO NOTHING`, d.AccountID, d.Key.Rule, d.Key.Period, db.now())
	if err != nil {
		return false, translate(err)
	}
	rows, err := res.RowsAffected()
	return rows == 1, translate(err)
}

func (db *DB) writeDelivery(ctx context.Context, tx *sql.Tx, d *kabinet.Delivery) error {
	for _, n := range d.Notifications {
		if err := db.insertNotification(ctx, tx, n); err != nil {
			return err
		}
	}
	for _, o := range d.Messages {
		if err := db.enqueueMessageAt(ctx, tx, o.Message, o.NotBefore); err != nil {
			return err
		}
	}
	return nil
}
