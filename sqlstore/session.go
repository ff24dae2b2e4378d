package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

func sessionRow(s *kabinet.Session) []any {
	var user any
	if s.UserID != 0 {
		user = s.UserID
	}
	kind := s.Kind
	if kind == "" {
		kind = kabinet.SessionBrowser
	}
	return []any{s.TokenHash, user, s.AccountID, s.CreatedAt.UTC(), s.SeenAt.UTC(), s.IP, s.UserAgent, string(kind), s.Device}
}

const insertSession = `INSERT INTO sessions (token_hash, user_id, account_id, created_at, seen_at, ip, user_agent, kind, device)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *kabinet.Session) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, insertSession, sessionRow(s)...)
		return translate(err)
	})
}

// ReplaceSession ends the session old (if any) and starts s in its place,
// in one transaction: a browser gets a new token whenever it signs in.
func (db *DB) ReplaceSession(ctx context.Context, old string, s *kabinet.Session) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return replaceSession(ctx, tx, old, s) })
}

func replaceSession(ctx context.Context, tx *sql.Tx, old string, s *kabinet.Session) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, old); err != nil {
		return translate(err)
	}
	_, err := tx.ExecContext(ctx, insertSession, sessionRow(s)...)
	return translate(err)
}

// FindSession returns the session with the given token hash.
func (db *DB) FindSession(ctx context.Context, hash string) (*kabinet.Session, error) {
	var s kabinet.Session
	var user sql.NullInt64
	err := db.queryRow(ctx, `
		SELECT token_hash, user_id, account_id, created_at, seen_at, ip, user_agent, kind, device FROM sessions WHERE token_hash = $1`, hash).
		Scan(&s.TokenHash, &user, &s.AccountID, &s.CreatedAt, &s.SeenAt, &s.IP, &s.UserAgent, &s.Kind, &s.Device)
	if err != nil {
		return nil, notFound(err, "Сеанс")
	}
	s.UserID = user.Int64
	return &s, nil
}

// TouchSession records that the session was used now.
func (db *DB) TouchSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET seen_at = $1 WHERE token_hash = $2`, db.now(), hash)
		return translate(err)
	})
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
		return translate(err)
	})
}
