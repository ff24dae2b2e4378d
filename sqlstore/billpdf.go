package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"kabinet"
)

// SaveBillPDF keeps the supplier's PDF of an account's bill for period p,
// replacing a different one; the same content (by its SHA-256) changes
// nothing. It reports whether it inserted or replaced one.
func (db *DB) SaveBillPDF(ctx context.Context, accountID int64, p kabinet.Period, sha string, data []byte) (inserted, updated bool, err error) {
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT sha256 FROM bill_pdfs WHERE account_id = $1 AND period = $2`, accountID, p.Int()).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			inserted = true
			_, err = tx.ExecContext(ctx, `INSERT INTO bill_pdfs (account_id, period, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5)`,
				accountID, p.Int(), sha, data, db.now())
		case err == nil && old != sha:
			updated = true
			_, err = tx.ExecContext(ctx, `UPDATE bill_pdfs SET sha256 = $1, data = $2, created_at = $3 WHERE account_id = $4 AND period = $5`,
				sha, data, db.now(), accountID, p.Int())
		}
		return translate(err)
	})
	return inserted, updated, err
}

// FindBillPDF returns the supplier's PDF of an account's bill for period
// p; ENOTFOUND when it sent none.
func (db *DB) FindBillPDF(ctx context.Context, accountID int64, p kabinet.Period) ([]byte, error) {
	var data []byte
	err := db.read.QueryRowContext(ctx, `SELECT data FROM bill_pdfs WHERE account_id = $1 AND period = $2`, accountID, p.Int()).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "PDF счета нет")
	}
	return data, translate(err)
}
