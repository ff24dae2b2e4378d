package sqlstore

import (
	"context"

	"kabinet"
)

// FindUsage returns an account's consumption by service and month from
// period since on: the units its meters counted (every reading's
// consumption, estimates included) and the charges posted for the
// service. Both come from small indexed scans of one account.
func (db *DB) FindUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	var us []kabinet.Usage
	err := db.scanUsage(ctx, &us, true, `
		SELECT m.service, r.period, CAST(SUM(r.c1 + COALESCE(r.c2, 0) + COALESCE(r.c3, 0)) AS BIGINT)
		FROM meters m JOIN readings r ON r.meter_id = m.id
		WHERE m.account_id = $1 AND r.period >= $2 GROUP BY m.service, r.period`, accountID, since.Int())
	if err != nil {
		return nil, err
	}
	err = db.scanUsage(ctx, &us, false, `
		SELECT l.service, l.period, CAST(SUM(l.amount) AS BIGINT)
		FROM sub_accounts s JOIN ledger l ON l.sub_account_id = s.id
		WHERE s.account_id = $1 AND l.period >= $2 AND l.kind = 'charge' GROUP BY l.service, l.period`, accountID, since.Int())
	return us, err
}

func (db *DB) scanUsage(ctx context.Context, us *[]kabinet.Usage, metered bool, query string, args ...any) error {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var service string
		var period int
		var v int64
		if err := rows.Scan(&service, &period, &v); err != nil {
			return err
		}
		u := kabinet.Usage{Service: kabinet.Service(service), Period: kabinet.PeriodFromInt(period), Metered: metered}
		if metered {
			u.Units = v
		} else {
			u.Charged = kabinet.Money(v)
		}
		*us = append(*us, u)
	}
	return translate(rows.Err())
}
