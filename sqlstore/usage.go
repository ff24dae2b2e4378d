package sqlstore

import (
	"context"

	"kabinet"
)

// FindUsage returns an account's consumption by service and month from
// period since on: the units its meters counted (every reading's
// consumption, estimates included) and the charges posted for the
// service. It reads the months kept in usage_months (usagekeep.go), a
// few rows whatever the length of the history (issue 17).
func (db *DB) FindUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	return db.queryUsage(ctx, usageQuery, accountID, since.Int())
}

const usageQuery = `SELECT metered, service, period, amount FROM usage_months
		WHERE account_id = $1 AND period >= $2`

// FindLedgerUsage is FindUsage summed from the readings and the ledger
// themselves, as «Главная» read it before the months were kept: the
// check of the kept rows. Both sums come from small indexed scans of one
// account: a reading counts for the month it was taken in or the next, so
// the readings' index on (meter_id, taken_on) starts at the month before
// since.
func (db *DB) FindLedgerUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	return db.queryUsage(ctx, `SELECT metered, service, period, amount FROM (`+
		usageSums("{a} = $1 AND {p} >= $2", "r.taken_on >= $3")+`) AS u`,
		accountID, since.Int(), readingsFrom(since))
}

func (db *DB) queryUsage(ctx context.Context, q string, args ...any) ([]kabinet.Usage, error) {
	var us []kabinet.Usage
	err := db.readPiped(ctx, readUsage(&us, q, args...))
	return us, err
}

// readUsage reads rows of (metered, service, period, amount) into out.
func readUsage(out *[]kabinet.Usage, q string, args ...any) pipedRead {
	return pipedRead{query: q, args: args, row: func(row scanner) error {
		var metered, period int
		var service string
		var v int64
		if err := row.Scan(&metered, &service, &period, &v); err != nil {
			return err
		}
		u := kabinet.Usage{Service: kabinet.Service(service), Period: kabinet.PeriodFromInt(period), Metered: metered == 1}
		if u.Metered {
			u.Units = v
		} else {
			u.Charged = kabinet.Money(v)
		}
		*out = append(*out, u)
		return nil
	}}
}
