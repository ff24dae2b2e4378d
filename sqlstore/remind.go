package sqlstore

import (
	"context"
	"time"

	"kabinet"
)

// FindReminderFacts returns the facts of the accounts in [fromID, toID]
// that have a registered user or saved services (the only ones a
// reminder can reach), keyed by account ID. Readings count for period p.
func (db *DB) FindReminderFacts(ctx context.Context, fromID, toID int64, p kabinet.Period) (map[int64]*kabinet.ReminderFacts, error) {
	fs := map[int64]*kabinet.ReminderFacts{}
	reachable := `(EXISTS (SELECT 1 FROM user_accounts ua WHERE ua.account_id = a.id) OR
		EXISTS (SELECT 1 FROM account_services s WHERE s.account_id = a.id))`
	args := []any{fromID, toID}
	err := db.each(ctx, `SELECT a.id FROM accounts a WHERE a.id BETWEEN $1 AND $2 AND `+reachable, args, func(s scanner) error {
		var id int64
		err := s.Scan(&id)
		fs[id] = &kabinet.ReminderFacts{AccountID: id, Ledger: map[int64][]*kabinet.LedgerEntry{}}
		return err
	})
	if err != nil || len(fs) == 0 {
		return fs, err
	}
	err = db.each(ctx, `SELECT account_id, next_verified_on FROM meters WHERE account_id BETWEEN $1 AND $2`, args, func(s scanner) error {
		var id int64
		var next time.Time
		err := s.Scan(&id, &next)
		if f := fs[id]; f != nil {
			f.Meters++
			if f.NextVerification.IsZero() || next.Before(f.NextVerification) {
				f.NextVerification = next
			}
		}
		return err
	})
	if err == nil {
		err = db.each(ctx, `SELECT DISTINCT m.account_id FROM readings r JOIN meters m ON m.id = r.meter_id
			WHERE m.account_id BETWEEN $1 AND $2 AND r.period = $3`, []any{fromID, toID, p.Int()}, func(s scanner) error {
			var id int64
			err := s.Scan(&id)
			if f := fs[id]; f != nil {
				f.Read = true
			}
			return err
		})
	}
	if err == nil {
		err = db.each(ctx, `SELECT account_id, max(period) FROM bills WHERE account_id BETWEEN $1 AND $2 GROUP BY account_id`, args,
			func(s scanner) error {
				var id int64
				var per int
				err := s.Scan(&id, &per)
				if f := fs[id]; f != nil {
					f.LastBill = kabinet.PeriodFromInt(per)
				}
				return err
			})
	}
	if err == nil {
		err = db.reminderLedger(ctx, fromID, toID, fs)
	}
	return fs, err
}

// reminderLedger loads the ledger of the reachable accounts in the range.
func (db *DB) reminderLedger(ctx context.Context, fromID, toID int64, fs map[int64]*kabinet.ReminderFacts) error {
	subs := map[int64]int64{}
	err := db.each(ctx, `SELECT id, account_id FROM sub_accounts WHERE account_id BETWEEN $1 AND $2`, []any{fromID, toID},
		func(s scanner) error {
			var sub, acc int64
			err := s.Scan(&sub, &acc)
			if fs[acc] != nil {
				subs[sub] = acc
			}
			return err
		})
	if err != nil || len(subs) == 0 {
		return err
	}
	es, err := db.queryLedger(ctx, `WHERE sub_account_id IN (SELECT id FROM sub_accounts WHERE account_id BETWEEN $1 AND $2)
		ORDER BY sub_account_id, period, id`, fromID, toID)
	for _, e := range es {
		if acc, ok := subs[e.SubAccountID]; ok {
			fs[acc].Ledger[e.SubAccountID] = append(fs[acc].Ledger[e.SubAccountID], e)
		}
	}
	return err
}

// AccountIDRange returns the lowest and highest account IDs, zeros
// without accounts: the span a scan walks in ranges.
func (db *DB) AccountIDRange(ctx context.Context) (lo, hi int64, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT COALESCE(min(id), 0), COALESCE(max(id), 0) FROM accounts`).Scan(&lo, &hi)
	return lo, hi, translate(err)
}
