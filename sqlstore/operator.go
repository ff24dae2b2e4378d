package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

const operatorSelect = `SELECT id, login, name, role, password_hash, totp_secret, totp_step, must_change_password,
	disabled, created_at FROM operators `

// CreateOperator stores o and sets its ID; a login that is taken is
// ECONFLICT.
func (db *DB) CreateOperator(ctx context.Context, o *kabinet.Operator) error {
	o.Login = kabinet.NormalizeLogin(o.Login)
	if o.CreatedAt.IsZero() {
		o.CreatedAt = db.now()
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		return translate(tx.QueryRowContext(ctx, `
			INSERT INTO operators (login, name, role, password_hash, totp_secret, totp_step, must_change_password, disabled, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			o.Login, o.Name, string(o.Role), o.PasswordHash, o.TOTPSecret, o.TOTPStep, o.MustChangePassword, o.Disabled,
			o.CreatedAt.UTC()).Scan(&o.ID))
	})
}

// FindOperatorByLogin returns the operator with the login, however cased.
func (db *DB) FindOperatorByLogin(ctx context.Context, login string) (*kabinet.Operator, error) {
	return scanOperator(db.read.QueryRowContext(ctx, operatorSelect+`WHERE login = $1`, kabinet.NormalizeLogin(login)))
}

// FindOperatorByID returns an operator.
func (db *DB) FindOperatorByID(ctx context.Context, id int64) (*kabinet.Operator, error) {
	return scanOperator(db.read.QueryRowContext(ctx, operatorSelect+`WHERE id = $1`, id))
}

// FindOperators returns every operator by login.
func (db *DB) FindOperators(ctx context.Context) ([]*kabinet.Operator, error) {
	rows, err := db.read.QueryContext(ctx, operatorSelect+`ORDER BY login`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ops []*kabinet.Operator
	for rows.Next() {
		o, err := scanOperator(rows)
		if err != nil {
			return nil, err
		}
		ops = append(ops, o)
	}
	return ops, translate(rows.Err())
}

func scanOperator(s scanner) (*kabinet.Operator, error) {
	var o kabinet.Operator
	var role string
	err := s.Scan(&o.ID, &o.Login, &o.Name, &role, &o.PasswordHash, &o.TOTPSecret, &o.TOTPStep, &o.MustChangePassword,
		&o.Disabled, &o.CreatedAt)
	if err != nil {
		return nil, notFound(err, "Оператор")
	}
	o.Role = kabinet.Role(role)
	return &o, nil
}

// UseTOTPStep records that the operator used the code of step. It is
// ECONFLICT if that step or a later one was used already: one statement
// decides, so of two sign-ins racing with the same code only one wins.
func (db *DB) UseTOTPStep(ctx context.Context, operatorID, step int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE operators SET totp_step = $1 WHERE id = $2 AND totp_step < $1`, step, operatorID)
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return kabinet.Errorf(kabinet.ECONFLICT, "Этот код уже использован")
		}
		return nil
	})
}

// SetOperatorPassword replaces an operator's password and clears the
// demand to change it.
func (db *DB) SetOperatorPassword(ctx context.Context, operatorID int64, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE operators SET password_hash = $1, must_change_password = FALSE WHERE id = $2`,
			hash, operatorID)
		return translate(err)
	})
}

// CreateOperatorSession stores a new operator session.
func (db *DB) CreateOperatorSession(ctx context.Context, s *kabinet.OperatorSession) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO operator_sessions (token_hash, operator_id, created_at, seen_at, ip, user_agent)
			VALUES ($1, $2, $3, $4, $5, $6)`, s.TokenHash, s.OperatorID, s.CreatedAt.UTC(), s.SeenAt.UTC(), s.IP, s.UserAgent)
		return translate(err)
	})
}

// FindOperatorSession returns the operator session with the token hash.
func (db *DB) FindOperatorSession(ctx context.Context, hash string) (*kabinet.OperatorSession, error) {
	var s kabinet.OperatorSession
	err := db.read.QueryRowContext(ctx, `SELECT token_hash, operator_id, created_at, seen_at, ip, user_agent
		FROM operator_sessions WHERE token_hash = $1`, hash).
		Scan(&s.TokenHash, &s.OperatorID, &s.CreatedAt, &s.SeenAt, &s.IP, &s.UserAgent)
	if err != nil {
		return nil, notFound(err, "Сеанс")
	}
	return &s, nil
}

// TouchOperatorSession records that the session was used now.
func (db *DB) TouchOperatorSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE operator_sessions SET seen_at = $1 WHERE token_hash = $2`, db.now(), hash)
		return translate(err)
	})
}

// DeleteOperatorSession ends an operator session.
func (db *DB) DeleteOperatorSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM operator_sessions WHERE token_hash = $1`, hash)
		return translate(err)
	})
}
