package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// CreateToken stores a single-use token together with the message that
// carries it, and enqueues the message's delivery, all in one transaction.
func (db *DB) CreateToken(ctx context.Context, t *kabinet.Token, m *kabinet.Message) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := createToken(ctx, tx, t); err != nil {
			return err
		}
		return db.enqueueMessage(ctx, tx, m)
	})
}

func createToken(ctx context.Context, tx *sql.Tx, t *kabinet.Token) error {
	return translate(tx.QueryRowContext(ctx, `
		INSERT INTO tokens (hash, kind, user_id, target, created_at, expires_at, used_at, attempts)
		VALUES ($1, $2, $3, $4, $5, $6, NULL, 0) RETURNING id`,
		t.Hash, string(t.Kind), t.UserID, t.Target, t.CreatedAt.UTC(), t.ExpiresAt.UTC()).Scan(&t.ID))
}

const tokenSelect = `SELECT id, hash, kind, user_id, target, created_at, expires_at, used_at, attempts FROM tokens `

// FindToken returns the token with the given hash.
func (db *DB) FindToken(ctx context.Context, hash string) (*kabinet.Token, error) {
	return scanToken(db.read.QueryRowContext(ctx, tokenSelect+`WHERE hash = $1`, hash))
}

// FindLatestToken returns a user's newest token of a kind.
func (db *DB) FindLatestToken(ctx context.Context, userID int64, kind kabinet.TokenKind) (*kabinet.Token, error) {
	return scanToken(db.read.QueryRowContext(ctx, tokenSelect+`WHERE user_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1`, userID, string(kind)))
}

func scanToken(s scanner) (*kabinet.Token, error) {
	var t kabinet.Token
	var kind string
	var used sql.NullTime
	if err := s.Scan(&t.ID, &t.Hash, &kind, &t.UserID, &t.Target, &t.CreatedAt, &t.ExpiresAt, &used, &t.Attempts); err != nil {
		return nil, notFound(err, "Код")
	}
	t.Kind, t.UsedAt = kabinet.TokenKind(kind), used.Time
	return &t, nil
}

// CountTokenAttempt counts a guess at a token's code and returns the
// guesses so far, this one included.
func (db *DB) CountTokenAttempt(ctx context.Context, id int64) (int, error) {
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE tokens SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`, id).Scan(&n)
	})
	return n, notFound(err, "Код")
}

// UseToken marks a token used; a token is used once (ECONFLICT after).
func (db *DB) UseToken(ctx context.Context, id int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return useToken(ctx, tx, id, db.now()) })
}

func useToken(ctx context.Context, tx *sql.Tx, id int64, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE tokens SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, at, id)
	if err != nil {
		return translate(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return kabinet.Errorf(kabinet.ECONFLICT, "Ссылка или код уже использованы")
	}
	return nil
}
