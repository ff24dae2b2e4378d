package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// CreateAuditEntry records an operator's view of personal data and sets
// the entry's ID and time.
func (db *DB) CreateAuditEntry(ctx context.Context, e *kabinet.AuditEntry) error {
	return db.InTx(ctx, func(tx *sql.Tx) error { return db.audit(ctx, tx, e) })
}

func (db *DB) audit(ctx context.Context, tx *sql.Tx, e *kabinet.AuditEntry) error {
	e.At = db.now()
	return translate(tx.QueryRowContext(ctx, `
		INSERT INTO audit_log (at, operator_id, token_id, operator_login, action, account_id, account_number, detail, ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		e.At, nullID(e.OperatorID), nullID(e.TokenID), e.OperatorLogin, string(e.Action), nullID(e.AccountID),
		e.AccountNumber, e.Detail, e.IP).Scan(&e.ID))
}

// DeleteUserAudited deletes a registration as DeleteUser does, and records
// the operator's change in the same transaction: both or neither.
func (db *DB) DeleteUserAudited(ctx context.Context, id int64, e *kabinet.AuditEntry) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := deleteUser(ctx, tx, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, e)
	})
}

// FindAuditEntries returns the entries the filter selects, newest first.
func (db *DB) FindAuditEntries(ctx context.Context, f kabinet.AuditFilter) ([]*kabinet.AuditEntry, error) {
	from, to := openBounds(f.From, f.To)
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, at, COALESCE(operator_id, 0), COALESCE(token_id, 0), operator_login, action, COALESCE(account_id, 0), account_number, detail, ip FROM audit_log
		WHERE ($1 = 0 OR operator_id = $1) AND ($2 = 0 OR account_id = $2) AND at >= $3 AND at < $4
		ORDER BY at DESC, id DESC LIMIT $5`, f.OperatorID, f.AccountID, from.UTC(), to.UTC(), limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var es []*kabinet.AuditEntry
	for rows.Next() {
		var e kabinet.AuditEntry
		var action string
		if err := rows.Scan(&e.ID, &e.At, &e.OperatorID, &e.TokenID, &e.OperatorLogin, &action, &e.AccountID, &e.AccountNumber, &e.Detail, &e.IP); err != nil {
			return nil, err
		}
		e.Action = kabinet.AuditAction(action)
		es = append(es, &e)
	}
	return es, translate(rows.Err())
}
