package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// LinkAccount lets a user reach an account they did not register
// (DATA-3) and queues the notices that tell its owner, in one
// transaction. An account the user reaches already is ECONFLICT.
func (db *DB) LinkAccount(ctx context.Context, userID, accountID int64, notices []*kabinet.Message) error {
	ua := &kabinet.UserAccount{UserID: userID, AccountID: accountID, CreatedAt: db.now()}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO user_accounts (user_id, account_id, owner, name, created_at)
			VALUES ($1, $2, $3, $4, $5)`, userAccountRow(ua)...)
		if err != nil {
			return translate(err)
		}
		return db.enqueueMessages(ctx, tx, notices)
	})
}

// CreateLinkRequest asks the owner of an account to let a user reach it
// and queues the notices that tell her, in one transaction. A request
// that is waiting already is ECONFLICT.
func (db *DB) CreateLinkRequest(ctx context.Context, userID, accountID int64, notices []*kabinet.Message) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO link_requests (user_id, account_id, created_at) VALUES ($1, $2, $3)`,
			userID, accountID, db.now())
		if err != nil {
			return translate(err)
		}
		return db.enqueueMessages(ctx, tx, notices)
	})
}

func (db *DB) enqueueMessages(ctx context.Context, tx *sql.Tx, ms []*kabinet.Message) error {
	for _, m := range ms {
		if err := db.enqueueMessage(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// FindAccountLinks returns who reaches an account without owning it, and
// who asks to, in the order they came.
func (db *DB) FindAccountLinks(ctx context.Context, accountID int64) ([]*kabinet.AccountLink, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT ua.user_id, 0, u.email, ua.created_at FROM user_accounts ua JOIN users u ON u.id = ua.user_id
		WHERE ua.account_id = $1 AND NOT ua.owner
		UNION ALL
		SELECT r.user_id, r.id, u.email, r.created_at FROM link_requests r JOIN users u ON u.id = r.user_id
		WHERE r.account_id = $1
		ORDER BY 4, 1`, accountID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var ls []*kabinet.AccountLink
	for rows.Next() {
		var l kabinet.AccountLink
		if err := rows.Scan(&l.UserID, &l.RequestID, &l.Email, &l.CreatedAt); err != nil {
			return nil, translate(err)
		}
		ls = append(ls, &l)
	}
	return ls, translate(rows.Err())
}

// ApproveLinkRequest turns a waiting request for an account into a link.
// A request that is not waiting for that account is ENOTFOUND.
func (db *DB) ApproveLinkRequest(ctx context.Context, accountID, requestID int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM link_requests WHERE id = $1 AND account_id = $2 RETURNING user_id`,
			requestID, accountID).Scan(&userID)
		if err == sql.ErrNoRows {
			return kabinet.Errorf(kabinet.ENOTFOUND, "Запрос не найден")
		} else if err != nil {
			return translate(err)
		}
		ua := &kabinet.UserAccount{UserID: userID, AccountID: accountID, CreatedAt: db.now()}
		_, err = tx.ExecContext(ctx, `INSERT INTO user_accounts (user_id, account_id, owner, name, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, userAccountRow(ua)...)
		return translate(err)
	})
}

// DeleteLinkRequest declines a waiting request for an account; ENOTFOUND
// if there is none.
func (db *DB) DeleteLinkRequest(ctx context.Context, accountID, requestID int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM link_requests WHERE id = $1 AND account_id = $2`, requestID, accountID)
		return affected(res, err, "Запрос")
	})
}

// FindLinkRequested reports whether a user's request for an account is
// waiting.
func (db *DB) FindLinkRequested(ctx context.Context, userID, accountID int64) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM link_requests WHERE user_id = $1 AND account_id = $2`,
		userID, accountID).Scan(&n)
	return n > 0, translate(err)
}
