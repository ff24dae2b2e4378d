package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"kabinet"
)

// FindAccountData loads the data of the accounts with IDs in [from, to]
// and, of readings, those of the last 36 periods before until.
func (db *DB) FindAccountData(ctx context.Context, from, to int64, since kabinet.Period) (*kabinet.AccountData, error) {
	d := &kabinet.AccountData{SubAccounts: map[int64][]*kabinet.SubAccount{}, Meters: map[int64][]*kabinet.Meter{},
		Readings: map[int64][]*kabinet.Reading{}, Ledger: map[int64][]*kabinet.LedgerEntry{}}
	subs, err := db.querySubAccounts(ctx, `WHERE account_id BETWEEN $1 AND $2 ORDER BY account_id, provider_id`, from, to)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		d.SubAccounts[s.AccountID] = append(d.SubAccounts[s.AccountID], s)
	}
	meters, err := db.queryMeters(ctx, `WHERE account_id BETWEEN $1 AND $2 ORDER BY id`, from, to)
	if err != nil {
		return nil, err
	}
	for _, m := range meters {
		d.Meters[m.AccountID] = append(d.Meters[m.AccountID], m)
	}
	meterIDs := make([]int64, len(meters))
	for i, m := range meters {
		meterIDs[i] = m.ID
	}
	readings, err := db.queryReadingsLean(ctx, `WHERE period >= $1 AND meter_id IN (`+idList(meterIDs)+`)
		ORDER BY meter_id, taken_on DESC, id DESC`, since.Int())
	if err != nil {
		return nil, err
	}
	for _, r := range readings {
		d.Readings[r.MeterID] = append(d.Readings[r.MeterID], r)
	}
	subIDs := make([]int64, len(subs))
	for i, sub := range subs {
		subIDs[i] = sub.ID
	}
	entries, err := db.queryLedgerLean(ctx, `WHERE sub_account_id IN (`+idList(subIDs)+`) ORDER BY sub_account_id, posted_on, id`)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		d.Ledger[e.SubAccountID] = append(d.Ledger[e.SubAccountID], e)
	}
	return d, nil
}

// idList writes ids as a literal list for IN (…). Listing the ids, rather
// than a subquery over an account range, lets PostgreSQL's planner look
// each up in the index (with the subquery it scanned the whole ledger for
// every chunk). They are written as literals, not placeholders: they are
// int64s from the database itself, and SQLite's driver binds numbered
// placeholders in time quadratic in their number.
func idList(ids []int64) string {
	if len(ids) == 0 {
		return "NULL"
	}
	b := make([]byte, 0, len(ids)*8)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

// The batch reads below fetch only what a close uses, and dates as text
// parsed by parseDate: decoding dates through the driver took an eighth
// of a month close, and these queries read tens of millions of rows.

func (db *DB) queryLedgerLean(ctx context.Context, where string, args ...any) ([]*kabinet.LedgerEntry, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, sub_account_id, period, kind, service, amount, CAST(posted_on AS TEXT) FROM ledger `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var es []*kabinet.LedgerEntry
	for rows.Next() {
		var e kabinet.LedgerEntry
		var period int
		var kind, service, posted string
		if err := rows.Scan(&e.ID, &e.SubAccountID, &period, &kind, &service, &e.Amount, &posted); err != nil {
			return nil, err
		}
		e.Period, e.Kind, e.Service, e.PostedOn = kabinet.PeriodFromInt(period), kabinet.EntryKind(kind), kabinet.Service(service), parseDate(posted)
		es = append(es, &e)
	}
	return es, translate(rows.Err())
}

func (db *DB) queryReadingsLean(ctx context.Context, where string, args ...any) ([]*kabinet.Reading, error) {
	rows, err := db.read.QueryContext(ctx, `
		SELECT id, meter_id, CAST(taken_on AS TEXT), period, v1, v2, v3, c1, c2, c3, source, status FROM readings `+where, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var rs []*kabinet.Reading
	for rows.Next() {
		var r kabinet.Reading
		var taken, source, status string
		var period int
		var v, c [3]sql.NullInt64
		if err := rows.Scan(&r.ID, &r.MeterID, &taken, &period, &v[0], &v[1], &v[2], &c[0], &c[1], &c[2], &source, &status); err != nil {
			return nil, err
		}
		for i := range v {
			if v[i].Valid {
				r.Values = append(r.Values, v[i].Int64)
				r.Consumption = append(r.Consumption, c[i].Int64)
			}
		}
		r.TakenOn, r.Period = parseDate(taken), kabinet.PeriodFromInt(period)
		r.Source, r.Status = kabinet.ReadingSource(source), kabinet.ReadingStatus(status)
		rs = append(rs, &r)
	}
	return rs, translate(rows.Err())
}

// parseDate reads the "YYYY-MM-DD" both engines give for a date cast to
// text, as UTC midnight.
func parseDate(s string) time.Time {
	n := func(a, b int) int {
		x := 0
		for _, c := range s[a:b] {
			x = x*10 + int(c-'0')
		}
		return x
	}
	if len(s) < 10 {
		return time.Time{}
	}
	return time.Date(n(0, 4), time.Month(n(5, 7)), n(8, 10), 0, 0, 0, 0, time.UTC)
}
