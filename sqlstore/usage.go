package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kabinet"
)

// FindUsage returns an account's consumption by service and month from
// period since on: the units its meters counted (every reading's
// consumption, estimates included) and the charges posted for the
// service. It reads the months kept in usage_months (usagekeep.go), one
// row whatever the length of the history (issue 17).
func (db *DB) FindUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	var us []kabinet.Usage
	err := db.readPiped(ctx, db.readKeptUsage(&us, accountID, since))
	return us, err
}

// readKeptUsage reads the kept months as one row rather than a row each:
// the months joined in one string, «service period units charged;…»
// (units and charged empty where NULL). Fetched and scanned a row at a
// time, the rows of two services' 24 months cost more of «Главная» than
// anything else it reads; joined, the engine writes some digits and the
// page parses them (issue 17).
func (db *DB) readKeptUsage(out *[]kabinet.Usage, accountID int64, since kabinet.Period) pipedRead {
	return pipedRead{query: db.dialect.keptUsage, args: []any{accountID, since.Int()}, row: func(row scanner) error {
		var joined string
		if err := row.Scan(&joined); err != nil {
			return err
		}
		return parseKeptUsage(joined, out)
	}}
}

// keptUsageQuery is readKeptUsage's query with join, the engine's
// aggregate that joins text rows with a separator, and month, its
// expression of a row as text with NULL written as nothing.
func keptUsageQuery(join, month string) string {
	return `SELECT COALESCE(` + join + `(` + month + `, ';'), '')
		FROM usage_months WHERE account_id = $1 AND period >= $2`
}

// The kept month as readKeptUsage's text on each engine. On SQLite the
// concatenation costs less than printf's conversions; PostgreSQL's ||
// takes no NULL as text, format writes it as nothing.
const (
	sqliteKeptMonth   = `service || ' ' || period || ' ' || ifnull(units, '') || ' ' || ifnull(charged, '')`
	postgresKeptMonth = `format('%s %s %s %s', service, period, units, charged)`
)

// parseKeptUsage appends the months of readKeptUsage's string to out.
func parseKeptUsage(joined string, out *[]kabinet.Usage) error {
	if joined == "" {
		return nil
	}
	*out = slices.Grow(*out, 2*(strings.Count(joined, ";")+1))
	for month := range strings.SplitSeq(joined, ";") {
		service, rest, _ := strings.Cut(month, " ")
		p, rest, _ := strings.Cut(rest, " ")
		units, charged, ok := strings.Cut(rest, " ")
		period, err := strconv.Atoi(p)
		if !ok || err != nil {
			return fmt.Errorf("usage month %q: want service, period, units and charged", month)
		}
		for i, v := range [...]string{units, charged} {
			if v == "" {
				continue
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return fmt.Errorf("usage month %q: %w", month, err)
			}
			*out = append(*out, usageOf(i == 0, service, period, n))
		}
	}
	return nil
}

// usageOf is one kept month: units a meter counted, or kopecks charged.
func usageOf(metered bool, service string, period int, v int64) kabinet.Usage {
	u := kabinet.Usage{Service: kabinet.Service(service), Period: kabinet.PeriodFromInt(period), Metered: metered}
	if metered {
		u.Units = v
	} else {
		u.Charged = kabinet.Money(v)
	}
	return u
}

// FindLedgerUsage is FindUsage summed from the readings and the ledger
// themselves, as «Главная» read it before the months were kept: the
// check of the kept rows. Both sums come from small indexed scans of one
// account: a reading counts for the month it was taken in or the next, so
// the readings' index on (meter_id, taken_on) starts at the month before
// since.
func (db *DB) FindLedgerUsage(ctx context.Context, accountID int64, since kabinet.Period) ([]kabinet.Usage, error) {
	var us []kabinet.Usage
	err := db.readPiped(ctx, pipedRead{query: `SELECT service, period, units, charged FROM (` +
		usageSums("{a} = $1 AND {p} >= $2", "r.taken_on >= $3") + `) AS u`,
		args: []any{accountID, since.Int(), readingsFrom(since)}, row: func(row scanner) error {
			var service string
			var period int
			var units, charged sql.NullInt64
			if err := row.Scan(&service, &period, &units, &charged); err != nil {
				return err
			}
			if units.Valid {
				us = append(us, usageOf(true, service, period, units.Int64))
			}
			if charged.Valid {
				us = append(us, usageOf(false, service, period, charged.Int64))
			}
			return nil
		}})
	return us, err
}
