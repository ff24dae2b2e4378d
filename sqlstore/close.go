package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// FindPeriodClose returns the state of a period's close, ENOTFOUND if it
// was never started.
func (db *DB) FindPeriodClose(ctx context.Context, p kabinet.Period) (*kabinet.PeriodClose, error) {
	c := kabinet.PeriodClose{Period: p}
	var done sql.NullTime
	err := db.read.QueryRowContext(ctx, `SELECT state, last_account, started_at, completed_at FROM period_closes WHERE period = $1`, p.Int()).
		Scan(&c.State, &c.LastAccount, &c.StartedAt, &done)
	if err != nil {
		return nil, notFound(err, "Закрытие периода")
	}
	c.CompletedAt = done.Time
	return &c, nil
}

// StartPeriodClose records that a period's close began.
func (db *DB) StartPeriodClose(ctx context.Context, p kabinet.Period) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO period_closes (period, state, last_account, started_at) VALUES ($1, $2, 0, $3)`,
			p.Int(), kabinet.CloseRunning, db.now())
		return translate(err)
	})
}

// RecordClosedPeriod adds to b the statement that records p as closed
// elsewhere (the demo world's simulated history, a billing system's
// import), so that no close runs for it again.
func RecordClosedPeriod(b *Batch, p kabinet.Period, at time.Time) {
	b.exec(`INSERT INTO period_closes (period, state, last_account, started_at, completed_at) VALUES ($1, $2, 0, $3, $3)`,
		p.Int(), kabinet.CloseDone, at.UTC())
}

// markPeriodClosed adds to b the statements that record a chunk's
// progress: the period's readings of the chunk's accounts are «Рассчитано»
// from now on (one statement for the chunk), and the last account closed.
func markPeriodClosed(b *Batch, p kabinet.Period, firstAccount, lastAccount int64) {
	b.exec(`UPDATE readings SET status = $1 WHERE period = $2 AND status = $3
		AND meter_id IN (SELECT id FROM meters WHERE account_id BETWEEN $4 AND $5)`,
		string(kabinet.ReadingCalculated), p.Int(), string(kabinet.ReadingAccepted), firstAccount, lastAccount)
	b.exec(`UPDATE period_closes SET last_account = $1 WHERE period = $2`, lastAccount, p.Int())
	keepClosedUsage(b, p, firstAccount, lastAccount)
}

// SaveClosedChunk writes a chunk of a close with its progress, at once:
// a close killed after it resumes after the chunk's last account.
func (db *DB) SaveClosedChunk(ctx context.Context, c *kabinet.ClosedChunk) error {
	var b Batch
	for _, e := range c.Entries {
		b.AddLedgerEntry(e)
	}
	for _, r := range c.Estimates {
		b.AddReading(r)
	}
	for _, bill := range c.Bills {
		if err := b.AddBill(bill); err != nil {
			return err
		}
	}
	for id, d := range c.Debts {
		b.KeepDebts(id, d.Debts, d.Version)
	}
	markPeriodClosed(&b, c.Period, c.FromID, c.ToID)
	return db.Load(ctx, &b)
}

// CompletePeriodClose marks a period closed.
func (db *DB) CompletePeriodClose(ctx context.Context, p kabinet.Period) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE period_closes SET state = $1, completed_at = $2 WHERE period = $3`,
			kabinet.CloseDone, db.now(), p.Int())
		return translate(err)
	})
}

// FindAccountsAfter returns up to limit accounts with IDs above after, in ID
// order: the month close walks all accounts this way.
func (db *DB) FindAccountsAfter(ctx context.Context, after int64, limit int) ([]*kabinet.Account, error) {
	rows, err := db.read.QueryContext(ctx, accountSelect+`WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var as []*kabinet.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, translate(rows.Err())
}

// billColumns are the bills table's columns in billRow order.
var billColumns = []string{"account_id", "period", "issued_at", "data", "external_id"}

// billRow returns bill's values in billColumns order, and adds to the
// batch the sets of its providers' details the batch has not met yet.
func (b *Batch) billRow(bill *kabinet.Bill) ([]any, error) {
	if b.billKeys == nil {
		b.billKeys = billKeys{}
	}
	data, err := b.billKeys.encode(&bill.Data, func(d billDetails) {
		b.addUpsert("bill_providers", billProviderColumns, billDetailsConflict, d.key, d.data)
	})
	if err != nil {
		return nil, err
	}
	return []any{bill.AccountID, bill.Period.Int(), bill.IssuedAt.UTC(), data, bill.ExternalID}, nil
}

// ReopenPeriod undoes a close made by the engine, in one transaction: its
// ledger entries, its bills and its estimates go, the period's readings are
// «Принято» again, and the period can be closed anew. A period closed
// elsewhere (the demo's history) has no such entries and is refused.
func (db *DB) ReopenPeriod(ctx context.Context, p kabinet.Period) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM period_closes WHERE period = $1`, p.Int()).Scan(&state)
		if err != nil {
			return notFound(err, "Закрытие периода")
		}
		var closed int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM bills WHERE period = $1`, p.Int()).Scan(&closed); err != nil {
			return translate(err)
		}
		if closed == 0 && state == kabinet.CloseDone {
			return kabinet.Errorf(kabinet.ECONFLICT, "Период %s закрыт не этой системой: открыть его нельзя", p)
		}
		for _, q := range []string{
			unkeepClose,
			`DELETE FROM ledger WHERE period = $1 AND external_id LIKE 'close:' || CAST($1 AS TEXT) || ':%'`,
			`DELETE FROM bills WHERE period = $1`,
			`DELETE FROM readings WHERE period = $1 AND source = 'estimated'`,
			`UPDATE readings SET status = 'accepted' WHERE period = $1 AND status = 'calculated'`,
			`DELETE FROM period_closes WHERE period = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, p.Int()); err != nil {
				return translate(err)
			}
		}
		return execAll(ctx, tx, keepUsage(p, "1 = 1"))
	})
}

// unkeepClose takes a close's entries out of the kept balances before they
// are deleted; the debts go stale, for RefreshBalances.
const unkeepClose = `UPDATE balances SET charges = balances.charges - d.charges, penalties = balances.penalties - d.penalties,
	adjustments = balances.adjustments - d.adjustments, payments = balances.payments - d.payments, version = balances.version + 1
	FROM (SELECT sub_account_id,
		SUM(CASE WHEN kind = 'charge' THEN amount ELSE 0 END) AS charges,
		SUM(CASE WHEN kind = 'penalty' THEN amount ELSE 0 END) AS penalties,
		SUM(CASE WHEN kind = 'adjustment' THEN amount ELSE 0 END) AS adjustments,
		SUM(CASE WHEN kind = 'payment' THEN amount ELSE 0 END) AS payments
		FROM ledger WHERE period = $1 AND external_id LIKE 'close:' || CAST($1 AS TEXT) || ':%' GROUP BY sub_account_id) AS d
	WHERE balances.sub_account_id = d.sub_account_id`
