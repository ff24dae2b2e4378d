package sqlstore

import (
	"context"
	"database/sql"

	"kabinet"
)

// ledgerColumns are the ledger table's columns in ledgerRow order.
var ledgerColumns = []string{"sub_account_id", "period", "kind", "service", "amount", "posted_on", "channel", "external_id", "note"}

// ledgerRow returns e's values in ledgerColumns order.
func ledgerRow(e *kabinet.LedgerEntry) []any {
	return []any{e.SubAccountID, e.Period.Int(), string(e.Kind), string(e.Service), int64(e.Amount),
		dateArg(e.PostedOn), string(e.Channel), e.ExternalID, e.Note}
}

// CreateLedgerEntry posts e and sets its ID. An entry whose non-empty
// ExternalID was posted before is ECONFLICT, which makes imports and payment
// notifications safe to repeat.
func (db *DB) CreateLedgerEntry(ctx context.Context, e *kabinet.LedgerEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := translate(tx.QueryRowContext(ctx, `
			INSERT INTO ledger (sub_account_id, period, kind, service, amount, posted_on, channel, external_id, note)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, ledgerRow(e)...).Scan(&e.ID)); err != nil {
			return err
		}
		if err := keepEntryUsage(ctx, tx, e); err != nil {
			return err
		}
		return db.keepBalances(ctx, tx, []int64{e.SubAccountID})
	})
}

// FindLedgerEntries returns entries newest first.
func (db *DB) FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	return db.queryLedger(ctx, `WHERE sub_account_id = $1 AND ($2 = '' OR kind = $2)
		ORDER BY posted_on DESC, id DESC LIMIT $3`, f.SubAccountID, string(f.Kind), limit)
}

func (db *DB) queryLedger(ctx context.Context, where string, args ...any) ([]*kabinet.LedgerEntry, error) {
	rows, err := db.query(ctx, `
		SELECT id, sub_account_id, period, kind, service, amount, posted_on, channel, external_id, note FROM ledger `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var es []*kabinet.LedgerEntry
	for rows.Next() {
		var e kabinet.LedgerEntry
		var period int
		var kind, service, channel string
		if err := rows.Scan(&e.ID, &e.SubAccountID, &period, &kind, &service, &e.Amount, &e.PostedOn, &channel, &e.ExternalID, &e.Note); err != nil {
			return nil, err
		}
		e.Period, e.Kind, e.Service, e.Channel = kabinet.PeriodFromInt(period), kabinet.EntryKind(kind), kabinet.Service(service), kabinet.PaymentChannel(channel)
		es = append(es, &e)
	}
	return es, translate(rows.Err())
}

// FindTotals sums a sub-account's ledger by kind; kabinet.Totals.Balance
// derives the debt from it. It reads the ledger, not the kept balance
// (FindBalances): the property tests compare the two.
func (db *DB) FindTotals(ctx context.Context, subAccountID int64) (kabinet.Totals, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT kind, CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger WHERE sub_account_id = $1 GROUP BY kind`, subAccountID)
	if err != nil {
		return kabinet.Totals{}, translate(err)
	}
	defer rows.Close()
	var t kabinet.Totals
	for rows.Next() {
		var e kabinet.LedgerEntry
		var kind string
		if err := rows.Scan(&kind, &e.Amount); err != nil {
			return t, err
		}
		e.Kind = kabinet.EntryKind(kind)
		t.Add(e)
	}
	return t, translate(rows.Err())
}
