package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// CreateExchangeToken stores a new token (its hash) and sets its ID and
// creation time; ECONFLICT when a working token has the name.
func (db *DB) CreateExchangeToken(ctx context.Context, t *kabinet.ExchangeToken) error {
	t.CreatedAt = db.now()
	return db.InTx(ctx, func(tx *sql.Tx) error {
		err := translate(tx.QueryRowContext(ctx, `INSERT INTO exchange_tokens (name, scope, hash, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, t.Name, t.Scope, t.Hash, t.CreatedAt).Scan(&t.ID))
		if kabinet.ErrorCode(err) == kabinet.ECONFLICT {
			return kabinet.Errorf(kabinet.ECONFLICT, "Токен %q уже есть: отзовите его или выберите другое имя", t.Name)
		}
		return err
	})
}

// UseExchangeToken returns the working token with the hash and notes
// that it was used now; ENOTFOUND when there is none (or it was revoked).
func (db *DB) UseExchangeToken(ctx context.Context, hash string) (*kabinet.ExchangeToken, error) {
	var t *kabinet.ExchangeToken
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = scanExchangeToken(tx.QueryRowContext(ctx, `UPDATE exchange_tokens SET last_used_at = $1
			WHERE hash = $2 AND revoked_at IS NULL
			RETURNING id, name, scope, hash, created_at, last_used_at, revoked_at`, db.now(), hash))
		return err
	})
	return t, err
}

// FindExchangeTokens returns every token, revoked ones too, oldest first.
func (db *DB) FindExchangeTokens(ctx context.Context) ([]*kabinet.ExchangeToken, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name, scope, hash, created_at, last_used_at, revoked_at
		FROM exchange_tokens ORDER BY id`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ts []*kabinet.ExchangeToken
	for rows.Next() {
		t, err := scanExchangeToken(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, translate(rows.Err())
}

// RevokeExchangeToken revokes the working token with the name at once;
// ENOTFOUND when there is none.
func (db *DB) RevokeExchangeToken(ctx context.Context, name string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE exchange_tokens SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL`,
			db.now(), name)
		if err != nil {
			return translate(err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Действующего токена %q нет", name)
		}
		return nil
	})
}

func scanExchangeToken(row scanner) (*kabinet.ExchangeToken, error) {
	var t kabinet.ExchangeToken
	var used, revoked sql.NullTime
	if err := row.Scan(&t.ID, &t.Name, &t.Scope, &t.Hash, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, notFound(err, "Токен")
	}
	t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
	return &t, nil
}
