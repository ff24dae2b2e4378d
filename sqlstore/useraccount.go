package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// FindUserAccounts returns the accounts a user reaches, the registered one
// first, then the linked ones in the order they were linked, each with the
// account's printed number.
func (db *DB) FindUserAccounts(ctx context.Context, userID int64) ([]*kabinet.UserAccount, error) {
	// Each account's number by its key, not a join: with a handful of
	// users and statistics from before they registered (autovacuum lags
	// behind a bulk load, or is off), PostgreSQL planned the join as a
	// merge join walking the whole accounts index, 100 ms a page at 1M.
	rows, err := db.query(ctx, `
		SELECT ua.account_id, ua.owner, ua.name, ua.created_at, (SELECT a.display FROM accounts a WHERE a.id = ua.account_id)
		FROM user_accounts ua
		WHERE ua.user_id = $1 ORDER BY ua.owner DESC, ua.created_at, ua.account_id`, userID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var uas []*kabinet.UserAccount
	for rows.Next() {
		ua := kabinet.UserAccount{UserID: userID}
		if err := rows.Scan(&ua.AccountID, &ua.Owner, &ua.Name, &ua.CreatedAt, &ua.Display); err != nil {
			return nil, translate(err)
		}
		uas = append(uas, &ua)
	}
	return uas, translate(rows.Err())
}

// UnlinkAccount removes a linked account from a user's accounts. The
// account the user registered is never removed this way: it is ENOTFOUND,
// like an account the user does not reach.
func (db *DB) UnlinkAccount(ctx context.Context, userID, accountID int64) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM user_accounts WHERE user_id = $1 AND account_id = $2 AND NOT owner`,
			userID, accountID)
		return affected(res, err, "Привязанный лицевой счёт")
	})
}

// NameAccount sets the name a user gives an account they reach, "" for
// none (DATA-2).
func (db *DB) NameAccount(ctx context.Context, userID, accountID int64, name string) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE user_accounts SET name = $1 WHERE user_id = $2 AND account_id = $3`,
			name, userID, accountID)
		return affected(res, err, "Лицевой счёт")
	})
}

// affected turns an UPDATE or DELETE that touched no row into ENOTFOUND.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return translate(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return translate(err)
	}
	if n == 0 {
		return kabinet.Errorf(kabinet.ENOTFOUND, "%s не найден", what)
	}
	return nil
}
