package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// Registration is a customer's registration in the cabinet: the password
// hash and the contacts given at registration. ConfirmedAt is zero until the
// e-mail link or SMS code is confirmed.
type Registration struct {
	AccountID    int64
	PasswordHash string
	Email        string
	Phone        string
	ConfirmedAt  time.Time
	CreatedAt    time.Time
}

// CreateRegistration stores r; an account registers once (ECONFLICT).
func (db *DB) CreateRegistration(ctx context.Context, r *Registration) error {
	r.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO registrations (account_id, password_hash, email, phone, confirmed_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, RegistrationRow(r)...)
		return translate(err)
	})
}

// FindRegistration returns the registration of an account, ENOTFOUND if the
// account is not registered.
func (db *DB) FindRegistration(ctx context.Context, accountID int64) (*Registration, error) {
	var r Registration
	var confirmed sql.NullTime
	err := db.read.QueryRowContext(ctx, `
		SELECT account_id, password_hash, email, phone, confirmed_at, created_at
		FROM registrations WHERE account_id = $1`, accountID).
		Scan(&r.AccountID, &r.PasswordHash, &r.Email, &r.Phone, &confirmed, &r.CreatedAt)
	if err != nil {
		return nil, notFound(err, "Регистрация")
	}
	r.ConfirmedAt = confirmed.Time
	return &r, nil
}

// RegistrationColumns are the registrations table's columns in
// RegistrationRow order, for bulk loads.
var RegistrationColumns = []string{"account_id", "password_hash", "email", "phone", "confirmed_at", "created_at"}

// RegistrationRow returns r's values in RegistrationColumns order.
func RegistrationRow(r *Registration) []any {
	var confirmed any
	if !r.ConfirmedAt.IsZero() {
		confirmed = r.ConfirmedAt.UTC()
	}
	return []any{r.AccountID, r.PasswordHash, r.Email, r.Phone, confirmed, r.CreatedAt.UTC()}
}
