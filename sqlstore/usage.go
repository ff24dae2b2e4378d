package sqlstore

import (
	"context"
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
// the months joined in one string, «metered service period amount;…».
// Fetched and scanned a row at a time, the 72 rows of two services' 24
// months cost more of «Главная» than anything else it reads, and made a
// world with five years of history (which draws the year-earlier bars)
// 13 % dearer than one with one year; joined, the engine writes some
// digits and the page parses them (issue 17).
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
// aggregate that joins text rows with a separator.
func keptUsageQuery(join string) string {
	return `SELECT COALESCE(` + join + `(metered || ' ' || service || ' ' || period || ' ' || amount, ';'), '')
		FROM usage_months WHERE account_id = $1 AND period >= $2`
}

// parseKeptUsage appends the months of readKeptUsage's string to out.
func parseKeptUsage(joined string, out *[]kabinet.Usage) error {
	if joined == "" {
		return nil
	}
	*out = slices.Grow(*out, strings.Count(joined, ";")+1)
	for month := range strings.SplitSeq(joined, ";") {
		metered, rest, _ := strings.Cut(month, " ")
		service, rest, _ := strings.Cut(rest, " ")
		p, amount, ok := strings.Cut(rest, " ")
		period, err1 := strconv.Atoi(p)
		v, err2 := strconv.ParseInt(amount, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("usage month %q: want metered, service, period and amount", month)
		}
		*out = append(*out, usageOf(metered == "1", service, period, v))
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
		*out = append(*out, usageOf(metered == 1, service, period, v))
		return nil
	}}
}
