package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// FindServiceSettings returns an account's saved services, ENOTFOUND while
// nobody has saved them (the caller shows kabinet.DefaultServiceSettings).
func (db *DB) FindServiceSettings(ctx context.Context, accountID int64) (*kabinet.ServiceSettings, error) {
	return scanServiceSettings(db.queryRow(ctx, serviceSettingsSelect, accountID))
}

const serviceSettingsSelect = `SELECT account_id, push, sms, phone, email_info, bill_paper, bill_email, email, updated_at
	FROM account_services WHERE account_id = $1`

func scanServiceSettings(row scanner) (*kabinet.ServiceSettings, error) {
	var s kabinet.ServiceSettings
	err := row.Scan(&s.AccountID, &s.Push, &s.SMS, &s.Phone, &s.EmailInfo, &s.BillPaper, &s.BillEmail, &s.Email, &s.UpdatedAt)
	if err != nil {
		return nil, notFound(err, "Набор услуг")
	}
	return &s, nil
}

// SaveServiceSettings saves all of s at once and logs each field that
// differs from what was saved before (from defaults when nothing was),
// with the time, the source and the user, in one transaction. It returns
// the changes; none means nothing was written.
func (db *DB) SaveServiceSettings(ctx context.Context, s, defaults *kabinet.ServiceSettings, source string, userID int64) ([]kabinet.ServiceChange, error) {
	var changes []kabinet.ServiceChange
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		// Lock the row first (PostgreSQL), so that two saves of one
		// account log their changes one after the other.
		if _, err := tx.ExecContext(ctx, `UPDATE account_services SET updated_at = updated_at WHERE account_id = $1`, s.AccountID); err != nil {
			return translate(err)
		}
		old, err := scanServiceSettings(tx.QueryRowContext(ctx, serviceSettingsSelect, s.AccountID))
		if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
			old, err = defaults, nil
		}
		if err != nil {
			return err
		}
		if changes = s.Changes(old); len(changes) == 0 {
			return nil
		}
		s.UpdatedAt = db.now()
		if err := upsertServiceSettings(ctx, tx, s); err != nil {
			return err
		}
		for i := range changes {
			c := &changes[i]
			c.ChangedAt, c.Source, c.UserID = s.UpdatedAt, source, userID
			if err := insertServiceChange(ctx, tx, c); err != nil {
				return err
			}
		}
		return nil
	})
	return changes, err
}

func upsertServiceSettings(ctx context.Context, tx *sql.Tx, s *kabinet.ServiceSettings) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO account_services (account_id, push, sms, phone, email_info, bill_paper, bill_email, email, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (account_id) DO UPDATE SET push = excluded.push, sms = excluded.sms, phone = excluded.phone,
			email_info = excluded.email_info, bill_paper = excluded.bill_paper, bill_email = excluded.bill_email,
			email = excluded.email, updated_at = excluded.updated_at`,
		s.AccountID, s.Push, s.SMS, s.Phone, s.EmailInfo, s.BillPaper, s.BillEmail, s.Email, s.UpdatedAt)
	return translate(err)
}

func insertServiceChange(ctx context.Context, tx *sql.Tx, c *kabinet.ServiceChange) error {
	var user sql.NullInt64
	if c.UserID != 0 {
		user = sql.NullInt64{Int64: c.UserID, Valid: true}
	}
	return translate(tx.QueryRowContext(ctx, `
		INSERT INTO service_changes (account_id, field, old_value, new_value, changed_at, source, user_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.AccountID, c.Field, c.Old, c.New, c.ChangedAt, c.Source, user).Scan(&c.ID))
}

// FindServiceChanges returns the changes of an account's services not yet
// taken by the supplier's billing system, oldest first: what an export
// sends.
func (db *DB) FindServiceChanges(ctx context.Context, accountID int64) ([]kabinet.ServiceChange, error) {
	rows, err := db.query(ctx, `
		SELECT id, account_id, field, old_value, new_value, changed_at, source, COALESCE(user_id, 0)
		FROM service_changes WHERE account_id = $1 AND exported_at IS NULL ORDER BY id`, accountID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var cs []kabinet.ServiceChange
	for rows.Next() {
		var c kabinet.ServiceChange
		if err := rows.Scan(&c.ID, &c.AccountID, &c.Field, &c.Old, &c.New, &c.ChangedAt, &c.Source, &c.UserID); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, translate(rows.Err())
}
