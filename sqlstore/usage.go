package sqlstore

import (
	"context"
	"time"

	"kabinet"
)

// FindUsage returns an account's consumption by service and month from
// period since on: the units its meters counted (every reading's
// consumption, estimates included) and the charges posted for the
// service. Both come from small indexed scans of one account, bounded by
// since whatever the length of the history: a reading counts for the
// month it was taken in or the next, so none of period since or later was
// taken before the month before since, and the readings' index on
// (meter_id, taken_on) starts there.
func (db *DB) FindUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	// One statement, one round trip (issue 17): the meters' units, then
	// the charges.
	rows, err := db.query(ctx, `
		SELECT 1, m.service, r.period, CAST(SUM(r.c1 + COALESCE(r.c2, 0) + COALESCE(r.c3, 0)) AS BIGINT)
		FROM meters m JOIN readings r ON r.meter_id = m.id
		WHERE m.account_id = $1 AND r.period >= $2 AND r.taken_on >= $3 GROUP BY m.service, r.period
		UNION ALL
		SELECT 0, l.service, l.period, CAST(SUM(l.amount) AS BIGINT)
		FROM sub_accounts s JOIN ledger l ON l.sub_account_id = s.id
		WHERE s.account_id = $1 AND l.period >= $2 AND l.kind = 'charge' GROUP BY l.service, l.period`,
		accountID, since.Int(), dateArg(since.Add(-1).Start(time.UTC)))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var us []kabinet.Usage
	for rows.Next() {
		var metered, period int
		var service string
		var v int64
		if err := rows.Scan(&metered, &service, &period, &v); err != nil {
			return nil, err
		}
		u := kabinet.Usage{Service: kabinet.Service(service), Period: kabinet.PeriodFromInt(period), Metered: metered == 1}
		if u.Metered {
			u.Units = v
		} else {
			u.Charged = kabinet.Money(v)
		}
		us = append(us, u)
	}
	return us, translate(rows.Err())
}
