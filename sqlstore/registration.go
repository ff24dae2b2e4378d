package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// Register writes a registration at once (see kabinet.NewRegistration):
// nothing of it is saved unless all of it is, and the confirmation goes out
// only if it commits.
func (db *DB) Register(ctx context.Context, r *kabinet.NewRegistration) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if r.StaleUserID != 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1 AND confirmed_at IS NULL`, r.StaleUserID); err != nil {
				return translate(err)
			}
		}
		if err := createUser(ctx, tx, r.User, r.AccountID, now); err != nil {
			return err
		}
		r.Consent.UserID, r.Token.UserID, r.Session.UserID = r.User.ID, r.User.ID, r.User.ID
		if err := createConsent(ctx, tx, r.Consent); err != nil {
			return err
		}
		if err := createToken(ctx, tx, r.Token); err != nil {
			return err
		}
		if err := db.enqueueMessage(ctx, tx, r.Message); err != nil {
			return err
		}
		if err := db.enqueueMessages(ctx, tx, r.Notices); err != nil {
			return err
		}
		return replaceSession(ctx, tx, r.OldSession, r.Session)
	})
}

// CountUsersByEmail counts the registrations made with an e-mail address.
func (db *DB) CountUsersByEmail(ctx context.Context, email string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE email = $1`, email).Scan(&n)
	return n, translate(err)
}

// ConfirmUser uses the token and confirms its user's registration.
func (db *DB) ConfirmUser(ctx context.Context, tokenID, userID int64) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := useToken(ctx, tx, tokenID, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2`, now, userID)
		return translate(err)
	})
}

// ConfirmVerifiedUser confirms a registration whose SMS code was verified
// (the token is used already): «Сохранить» after «Подтверждено». The
// session moves to a new token.
func (db *DB) ConfirmVerifiedUser(ctx context.Context, userID int64, old string, s *kabinet.Session) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2`, now, userID); err != nil {
			return translate(err)
		}
		return replaceSession(ctx, tx, old, s)
	})
}

// SetPassword uses the reset token, sets a new password hash, confirms the
// registration (the customer has just proved the address or phone), ends
// every session of the user and starts s.
func (db *DB) SetPassword(ctx context.Context, tokenID, userID int64, hash string, s *kabinet.Session) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := useToken(ctx, tx, tokenID, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, password_changed_at = $2, confirmed_at = COALESCE(confirmed_at, $2) WHERE id = $3`,
			hash, now, userID)
		if err != nil {
			return translate(err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return translate(err)
		}
		_, err = tx.ExecContext(ctx, insertSession, sessionRow(s)...)
		return translate(err)
	})
}

func createUser(ctx context.Context, tx *sql.Tx, u *kabinet.User, accountID int64, now time.Time) error {
	u.CreatedAt, u.PasswordChangedAt = now, now
	err := tx.QueryRowContext(ctx, `
		INSERT INTO users (password_hash, email, phone, confirm_by, confirmed_at, created_at, password_changed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, userRow(u)[1:]...).Scan(&u.ID)
	if err != nil {
		return translate(err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO user_accounts (user_id, account_id, owner, name, created_at) VALUES ($1, $2, $3, $4, $5)`,
		userAccountRow(&kabinet.UserAccount{UserID: u.ID, AccountID: accountID, Owner: true, CreatedAt: now})...)
	return translate(err)
}

// CreateConsent records a consent given outside registration.
func (db *DB) CreateConsent(ctx context.Context, c *kabinet.Consent) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return createConsent(ctx, tx, c) })
}

func createConsent(ctx context.Context, tx *sql.Tx, c *kabinet.Consent) error {
	return translate(tx.QueryRowContext(ctx, `
		INSERT INTO consents (user_id, account_id, purposes, text_version, given_at, ip, user_agent)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.UserID, c.AccountID, c.Purposes, c.TextVersion, c.GivenAt.UTC(), c.IP, c.UserAgent).Scan(&c.ID))
}

// FindConsents returns the consents given for an account, newest first.
func (db *DB) FindConsents(ctx context.Context, accountID int64) ([]*kabinet.Consent, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, user_id, account_id, purposes, text_version, given_at, ip, user_agent, withdrawn_at
		FROM consents WHERE account_id = $1 ORDER BY id DESC`, accountID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var cs []*kabinet.Consent
	for rows.Next() {
		var c kabinet.Consent
		var user sql.NullInt64
		var withdrawn sql.NullTime
		if err := rows.Scan(&c.ID, &user, &c.AccountID, &c.Purposes, &c.TextVersion, &c.GivenAt, &c.IP, &c.UserAgent, &withdrawn); err != nil {
			return nil, err
		}
		c.UserID, c.WithdrawnAt = user.Int64, withdrawn.Time
		cs = append(cs, &c)
	}
	return cs, translate(rows.Err())
}

// WithdrawConsent records that the consents of an account were withdrawn.
func (db *DB) WithdrawConsent(ctx context.Context, accountID int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE consents SET withdrawn_at = $1 WHERE account_id = $2 AND withdrawn_at IS NULL`, db.now(), accountID)
		return translate(err)
	})
}

// ChangePassword sets a signed-in user's new password hash, ends every
// other session of the user (keep stays), sends the notices and records
// e, all in one transaction.
func (db *DB) ChangePassword(ctx context.Context, userID int64, hash, keep string, notices []*kabinet.Message, e *kabinet.AuditEntry) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3`, hash, now, userID); err != nil {
			return translate(err)
		}
		if _, err := endSessions(ctx, tx, userID, keep); err != nil {
			return err
		}
		if err := db.enqueueMessages(ctx, tx, notices); err != nil {
			return err
		}
		return db.audit(ctx, tx, e)
	})
}

// ChangeContact uses a contact change's token and puts its target in the
// user's sign-in e-mail (TokenChangeEmail) or phone (TokenChangeSMS),
// sends the notices and records e, in one transaction. The token must be
// the user's, or ENOTFOUND.
func (db *DB) ChangeContact(ctx context.Context, t *kabinet.Token, notices []*kabinet.Message, e *kabinet.AuditEntry) error {
	column := map[kabinet.TokenKind]string{kabinet.TokenChangeEmail: "email", kabinet.TokenChangeSMS: "phone"}[t.Kind]
	if column == "" {
		return kabinet.Errorf(kabinet.EINVALID, "Неизвестный контакт")
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := useToken(ctx, tx, t.ID, db.now()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET `+column+` = $1 WHERE id = $2`, t.Target, t.UserID)
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Пользователь не найден")
		}
		if err := db.enqueueMessages(ctx, tx, notices); err != nil {
			return err
		}
		return db.audit(ctx, tx, e)
	})
}
