package sqlstore

import (
	"context"
	"database/sql"
	"errors"
)

// EnsureSecret returns the secret called name, making it with make on
// first use. Several servers starting at once agree: the first to write
// wins and the others read its value.
func (db *DB) EnsureSecret(ctx context.Context, name string, make func() (string, error)) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, `SELECT value FROM app_secrets WHERE name = $1`, name).Scan(&v)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", translate(err)
	}
	if v, err = make(); err != nil {
		return "", err
	}
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO app_secrets (name, value, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING`, name, v, db.now()); err != nil {
			return translate(err)
		}
		return translate(tx.QueryRowContext(ctx, `SELECT value FROM app_secrets WHERE name = $1`, name).Scan(&v))
	})
	return v, err
}
