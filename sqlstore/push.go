package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"kabinet"
)

// SavePushSubscription keeps a browser's subscription and ticks the push
// service of its account, logging the change as the user's (against
// defaults when the services were never saved). A browser subscribing
// again (same endpoint) replaces its keys and owner.
func (db *DB) SavePushSubscription(ctx context.Context, s *kabinet.PushSubscription, defaults *kabinet.ServiceSettings) error {
	s.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO push_subscriptions (user_id, account_id, endpoint, p256dh, auth, user_agent, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, account_id = excluded.account_id,
				p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent
			RETURNING id`,
			s.UserID, s.AccountID, s.Endpoint, s.P256dh, s.Auth, s.UserAgent, s.CreatedAt).Scan(&s.ID)
		if err != nil {
			return translate(err)
		}
		return db.setTick(ctx, tx, s.AccountID, pushTick, true, defaults, kabinet.ChangeSourceWeb, s.UserID)
	})
}

// setTick turns one of an account's services on or off (tick points
// into the settings), logging the change. Services never saved are
// defaults (nil: nothing ticked, the paper bill).
func (db *DB) setTick(ctx context.Context, tx *sql.Tx, accountID int64, tick func(*kabinet.ServiceSettings) *bool, on bool,
	defaults *kabinet.ServiceSettings, source string, userID int64) error {
	// Lock the row first (PostgreSQL), as SaveServiceSettings does.
	if _, err := tx.ExecContext(ctx, `UPDATE account_services SET updated_at = updated_at WHERE account_id = $1`, accountID); err != nil {
		return translate(err)
	}
	old, err := scanServiceSettings(tx.QueryRowContext(ctx, serviceSettingsSelect, accountID))
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		old, err = defaults, nil
		if old == nil {
			old = &kabinet.ServiceSettings{AccountID: accountID, BillPaper: true}
		}
	}
	if err != nil || *tick(old) == on {
		return err
	}
	next := *old
	*tick(&next), next.UpdatedAt = on, db.now()
	return db.saveSettingsTx(ctx, tx, &next, old, source, userID)
}

func pushTick(s *kabinet.ServiceSettings) *bool  { return &s.Push }
func emailTick(s *kabinet.ServiceSettings) *bool { return &s.EmailInfo }

// UnsubscribeEmail turns off an account's e-mail informing from the link
// in a letter, logged with source "unsubscribe".
func (db *DB) UnsubscribeEmail(ctx context.Context, accountID int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return db.setTick(ctx, tx, accountID, emailTick, false, nil, kabinet.ChangeSourceUnsubscribe, 0)
	})
}

// saveSettingsTx writes s and logs how it differs from old.
func (db *DB) saveSettingsTx(ctx context.Context, tx *sql.Tx, s, old *kabinet.ServiceSettings, source string, userID int64) error {
	if err := upsertServiceSettings(ctx, tx, s); err != nil {
		return err
	}
	for _, c := range s.Changes(old) {
		c.ChangedAt, c.Source, c.UserID = s.UpdatedAt, source, userID
		if err := insertServiceChange(ctx, tx, &c); err != nil {
			return err
		}
	}
	return nil
}

const pushSelect = `SELECT id, user_id, account_id, endpoint, p256dh, auth, user_agent, created_at FROM push_subscriptions `

// FindPushSubscription returns a subscription by its ID.
func (db *DB) FindPushSubscription(ctx context.Context, id int64) (*kabinet.PushSubscription, error) {
	var s kabinet.PushSubscription
	err := db.read.QueryRowContext(ctx, pushSelect+`WHERE id = $1`, id).
		Scan(&s.ID, &s.UserID, &s.AccountID, &s.Endpoint, &s.P256dh, &s.Auth, &s.UserAgent, &s.CreatedAt)
	if err != nil {
		return nil, notFound(err, "Подписка на уведомления")
	}
	return &s, nil
}

// CountPushSubscriptions counts the devices of the users who reach an
// account: where its pushes go.
func (db *DB) CountPushSubscriptions(ctx context.Context, accountID int64) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM push_subscriptions ps
		JOIN user_accounts ua ON ua.user_id = ps.user_id WHERE ua.account_id = $1`, accountID).Scan(&n)
	return n, translate(err)
}

// DeletePushSubscription forgets a browser the push service no longer
// knows. When it was the last device of the users who reach its account,
// the account's push tick goes off, logged with source "push".
func (db *DB) DeletePushSubscription(ctx context.Context, id int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var accountID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM push_subscriptions WHERE id = $1 RETURNING account_id`, id).Scan(&accountID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return translate(err)
		}
		var left int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM push_subscriptions ps
			JOIN user_accounts ua ON ua.user_id = ps.user_id WHERE ua.account_id = $1`, accountID).Scan(&left); err != nil {
			return translate(err)
		}
		if left > 0 {
			return nil
		}
		return db.setTick(ctx, tx, accountID, pushTick, false, nil, kabinet.ChangeSourcePush, 0)
	})
}
