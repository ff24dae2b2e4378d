package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"kabinet"
)

// CreateBill stores the snapshot b and sets its ID. A bill is immutable: a
// second bill for the same account and period is ECONFLICT, and there is no
// UpdateBill.
func (db *DB) CreateBill(ctx context.Context, b *kabinet.Bill) error {
	var details []billDetails
	data, err := billKeys{}.encode(&b.Data, func(d billDetails) { details = append(details, d) })
	if err != nil {
		return err
	}
	if b.IssuedAt.IsZero() {
		b.IssuedAt = db.now()
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		for _, d := range details {
			if _, err := tx.ExecContext(ctx, `INSERT INTO bill_providers (key, data) VALUES ($1, $2)`+billDetailsConflict, d.key, d.data); err != nil {
				return translate(err)
			}
		}
		return translate(tx.QueryRowContext(ctx, `
			INSERT INTO bills (account_id, period, issued_at, data) VALUES ($1, $2, $3, $4) RETURNING id`,
			b.AccountID, b.Period.Int(), b.IssuedAt.UTC(), data).Scan(&b.ID))
	})
}

// FindBill returns an account's bill for a period.
func (db *DB) FindBill(ctx context.Context, accountID int64, p kabinet.Period) (*kabinet.Bill, error) {
	var refs billRefs
	b, err := refs.scanBill(db.queryRow(ctx, `
		SELECT id, account_id, period, issued_at, data FROM bills WHERE account_id = $1 AND period = $2`,
		accountID, p.Int()))
	if err != nil {
		return nil, err
	}
	return b, db.resolve(ctx, refs)
}

// FindBills returns an account's latest bills, newest first.
func (db *DB) FindBills(ctx context.Context, accountID int64, limit int) ([]*kabinet.Bill, error) {
	rows, err := db.query(ctx, `
		SELECT id, account_id, period, issued_at, data FROM bills WHERE account_id = $1
		ORDER BY period DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, translate(err)
	}
	return db.readBills(ctx, rows)
}

// readBillPeriods reads the periods of the account's last limit bills,
// newest first, into out: «Главная» lists them from the (account_id,
// period) index alone, without reading the bills' data.
func readBillPeriods(accountID int64, limit int, out *[]kabinet.Period) pipedRead {
	return pipedRead{query: `SELECT period FROM bills WHERE account_id = $1 ORDER BY period DESC LIMIT $2`,
		args: []any{accountID, limit}, row: func(row scanner) error {
			var period int
			if err := row.Scan(&period); err != nil {
				return err
			}
			*out = append(*out, kabinet.PeriodFromInt(period))
			return nil
		}}
}

// FindBillSummaries returns the account's last limit bills, newest
// first, as a list shows them. Only the total is decoded from each bill's
// data: decoding the whole of it was a tenth of «Главная»'s CPU.
func (db *DB) FindBillSummaries(ctx context.Context, accountID int64, limit int) ([]*kabinet.BillSummary, error) {
	rows, err := db.query(ctx, `
		SELECT id, period, data FROM bills WHERE account_id = $1
		ORDER BY period DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var bs []*kabinet.BillSummary
	for rows.Next() {
		var b kabinet.BillSummary
		var period int
		var data []byte
		if err := rows.Scan(&b.ID, &period, &data); err != nil {
			return nil, translate(err)
		}
		var total struct {
			Total kabinet.Money `json:"total"`
		}
		if err := json.Unmarshal(data, &total); err != nil {
			return nil, err
		}
		b.Period, b.Total = kabinet.PeriodFromInt(period), total.Total
		bs = append(bs, &b)
	}
	return bs, translate(rows.Err())
}

// EachBill calls fn with every bill of period p, in account order. The
// demo world reads back the bills its payments follow this way when a
// build resumes. The bills are read a page at a time, so that their
// providers' details are looked up with no rows open.
func (db *DB) EachBill(ctx context.Context, p kabinet.Period, fn func(*kabinet.Bill) error) error {
	const page = 1000
	for after := int64(-1); ; {
		rows, err := db.query(ctx, `
			SELECT id, account_id, period, issued_at, data FROM bills WHERE period = $1 AND account_id > $2
			ORDER BY account_id LIMIT $3`, p.Int(), after, page)
		if err != nil {
			return translate(err)
		}
		bs, err := db.readBills(ctx, rows)
		if err != nil {
			return err
		}
		for _, b := range bs {
			if err := fn(b); err != nil {
				return err
			}
		}
		if len(bs) < page {
			return nil
		}
		after = bs[len(bs)-1].AccountID
	}
}

// readBills reads the bills of rows, then, with rows closed, their
// providers' details (DB.resolve).
func (db *DB) readBills(ctx context.Context, rows rowCursor) ([]*kabinet.Bill, error) {
	var refs billRefs
	var bs []*kabinet.Bill
	err := eachRow(rows, func(s scanner) error {
		b, err := refs.scanBill(s)
		bs = append(bs, b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return bs, db.resolve(ctx, refs)
}

// scanBill reads a bill; the sections whose providers' details are to be
// looked up go to refs (DB.resolve).
func (refs *billRefs) scanBill(s scanner) (*kabinet.Bill, error) {
	var b kabinet.Bill
	var period int
	var data []byte
	if err := s.Scan(&b.ID, &b.AccountID, &period, &b.IssuedAt, &data); err != nil {
		return nil, notFound(err, "Счёт")
	}
	b.Period = kabinet.PeriodFromInt(period)
	if err := refs.decode(data, &b.Data); err != nil {
		return nil, err
	}
	return &b, nil
}
