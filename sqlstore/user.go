package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// userColumns are the users table's columns in userRow order, for bulk loads.
var userColumns = []string{"id", "password_hash", "email", "phone", "confirm_by", "confirmed_at", "created_at", "password_changed_at"}

// userRow returns u's values in userColumns order.
func userRow(u *kabinet.User) []any {
	return []any{u.ID, u.PasswordHash, u.Email, u.Phone, string(u.ConfirmBy), nullTime(u.ConfirmedAt), u.CreatedAt.UTC(), u.PasswordChangedAt.UTC()}
}

// userAccountColumns are the user_accounts table's columns in
// userAccountRow order.
var userAccountColumns = []string{"user_id", "account_id", "owner", "name", "created_at"}

// userAccountRow returns ua's values in userAccountColumns order.
func userAccountRow(ua *kabinet.UserAccount) []any {
	return []any{ua.UserID, ua.AccountID, ua.Owner, ua.Name, ua.CreatedAt.UTC()}
}

const userSelect = `SELECT u.id, u.password_hash, u.email, u.phone, u.confirm_by, u.confirmed_at, u.created_at, u.password_changed_at FROM users u `

// FindUserByID returns a user.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*kabinet.User, error) {
	return scanUser(db.queryRow(ctx, userSelect+`WHERE u.id = $1`, id))
}

// FindOwner returns the registration of an account's owner, confirmed or
// not; ENOTFOUND if the account is not registered.
func (db *DB) FindOwner(ctx context.Context, accountID int64) (*kabinet.User, error) {
	return scanUser(db.queryRow(ctx, userSelect+`
		JOIN user_accounts ua ON ua.user_id = u.id WHERE ua.account_id = $1 AND ua.owner`, accountID))
}

func scanUser(s scanner) (*kabinet.User, error) {
	var r userScan
	if err := s.Scan(r.dest()...); err != nil {
		return nil, notFound(err, "Пользователь")
	}
	return r.user(), nil
}

// userScan is userSelect's columns as scanned.
type userScan struct {
	u         kabinet.User
	confirmBy string
	confirmed sql.NullTime
}

func (r *userScan) dest() []any {
	u := &r.u
	return []any{&u.ID, &u.PasswordHash, &u.Email, &u.Phone, &r.confirmBy, &r.confirmed, &u.CreatedAt, &u.PasswordChangedAt}
}

func (r *userScan) user() *kabinet.User {
	u := r.u
	u.ConfirmBy, u.ConfirmedAt = kabinet.ConfirmBy(r.confirmBy), r.confirmed.Time
	return &u
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// CreateUser stores u as the owner registration of an account and sets its
// ID. An account that has an owner already is ECONFLICT.
func (db *DB) CreateUser(ctx context.Context, u *kabinet.User, accountID int64) error {
	now := db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error { return createUser(ctx, tx, u, accountID, now) })
}

// DeleteUser deletes a registration, with its sessions and tokens; the
// account can then be registered again (AUTH-9, expired confirmations).
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return deleteUser(ctx, tx, id) })
}

func deleteUser(ctx context.Context, tx *sql.Tx, id int64) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, id)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Пользователь не найден")
	}
	return nil
}

// FindOwnedAccount returns the ID of the account a user registered.
func (db *DB) FindOwnedAccount(ctx context.Context, userID int64) (int64, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT account_id FROM user_accounts WHERE user_id = $1 AND owner`, userID).Scan(&id)
	return id, notFound(err, "Лицевой счёт")
}

// FindUserAccount returns how a user reaches an account; ENOTFOUND if the
// user neither registered nor linked it.
func (db *DB) FindUserAccount(ctx context.Context, userID, accountID int64) (*kabinet.UserAccount, error) {
	ua := kabinet.UserAccount{UserID: userID, AccountID: accountID}
	err := db.queryRow(ctx, `SELECT owner, name, created_at FROM user_accounts
		WHERE user_id = $1 AND account_id = $2`, userID, accountID).Scan(&ua.Owner, &ua.Name, &ua.CreatedAt)
	if err != nil {
		return nil, notFound(err, "Лицевой счёт")
	}
	return &ua, nil
}
