package main

import (
	"context"
	"time"

	"kabinet"
	"kabinet/sqlstore"
)

// passReadings loads n portal readings with a session, spread over the
// world's meters, one a day per meter from 2030 on (after any the bench
// passed before, so it can run again on the same database), 20,000 a
// transaction.
func passReadings(ctx context.Context, db *sqlstore.DB, n int) error {
	meters, err := meterIDs(ctx, db)
	if err != nil {
		return err
	}
	first, err := nextDay(ctx, db)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var b sqlstore.Batch
	for i := range n {
		day := first.AddDate(0, 0, i/len(meters))
		r := &kabinet.Reading{MeterID: meters[i%len(meters)], TakenOn: day, Period: kabinet.PeriodOf(day),
			Values: []int64{int64(10000 + i/len(meters)*10)}, Consumption: []int64{10}, Source: kabinet.SourcePortal,
			Status: kabinet.ReadingAccepted, CreatedAt: now, Session: "bench"}
		b.AddReading(r)
		if b.Rows() == 20000 || i == n-1 {
			if err := db.Load(ctx, &b); err != nil {
				return err
			}
			b = sqlstore.Batch{}
		}
	}
	return nil
}

func meterIDs(ctx context.Context, db *sqlstore.DB) ([]int64, error) {
	rows, err := db.SQL().QueryContext(ctx, `SELECT id FROM meters ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// nextDay is the day after the last one the bench passed readings for.
func nextDay(ctx context.Context, db *sqlstore.DB) (time.Time, error) {
	var last string
	err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(CAST(MAX(taken_on) AS TEXT), '2029-12-31')
		FROM readings WHERE session_hash = 'bench'`).Scan(&last)
	if err != nil || len(last) < 10 {
		return time.Time{}, err
	}
	day, err := time.Parse(time.DateOnly, last[:10])
	return day.AddDate(0, 0, 1), err
}
