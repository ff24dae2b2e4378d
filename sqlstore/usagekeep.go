package sqlstore

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"kabinet"
)

// The chart's months kept in usage_months (migration 0116): every writer
// of a closed month's readings or charges recomputes the months and
// accounts it touched, in its own transaction, from the same sums
// FindLedgerUsage makes. Recomputing rather than adding keeps the rows
// right whatever went in before: an import that meets its own rows again,
// a close redone after it was undone.

// usageSums is the SELECT of the chart's months (account_id, period,
// service, units, charged) of the accounts and months where selects, {a}
// standing for the account's column and {p} for the month's: units what
// the meters counted, charged the kopecks charged, NULL where there is
// none. from (a condition on r.taken_on, or "") bounds the readings: one
// counts for the month it was taken in or the next, so the readings'
// index can start at the month before the first.
func usageSums(where, from string) string {
	return `SELECT account_id, period, service, MAX(units) AS units, MAX(charged) AS charged FROM (
		SELECT account_id, period, service, amount AS units, CAST(NULL AS BIGINT) AS charged FROM (` + meteredSums(where, from) + `) m
		UNION ALL SELECT account_id, period, service, NULL, amount FROM (` + chargedSums(where) + `) c
		) u GROUP BY account_id, period, service`
}

// meteredSums is the SELECT of the units the readings give (account_id,
// period, service, amount).
func meteredSums(where, from string) string {
	if from != "" {
		from = " AND " + from
	}
	return `SELECT m.account_id AS account_id, r.period AS period, m.service AS service,
		CAST(SUM(r.c1 + COALESCE(r.c2, 0) + COALESCE(r.c3, 0)) AS BIGINT) AS amount
		FROM meters m JOIN readings r ON r.meter_id = m.id
		WHERE ` + usageWhere(where, "m.account_id", "r.period") + from + ` GROUP BY m.account_id, r.period, m.service`
}

// chargedSums is the SELECT of the kopecks the ledger's charges give
// (account_id, period, service, amount).
func chargedSums(where string) string {
	return `SELECT s.account_id AS account_id, l.period AS period, l.service AS service,
		CAST(SUM(l.amount) AS BIGINT) AS amount
		FROM sub_accounts s JOIN ledger l ON l.sub_account_id = s.id
		WHERE ` + usageWhere(where, "s.account_id", "l.period") + ` AND l.kind = 'charge' GROUP BY s.account_id, l.period, l.service`
}

func usageWhere(where, account, period string) string {
	return strings.NewReplacer("{a}", account, "{p}", period).Replace(where)
}

// readingsFrom is the earliest date a reading of month p can be taken on.
func readingsFrom(p kabinet.Period) string { return dateArg(p.Add(-1).Start(time.UTC)) }

// keepUsage returns the statements that recompute month p of the accounts
// the condition accounts selects ({a}: the account's column).
func keepUsage(p kabinet.Period, accounts string) []statement {
	return []statement{
		{`DELETE FROM usage_months WHERE period = $1 AND ` + strings.ReplaceAll(accounts, "{a}", "account_id"), []any{p.Int()}},
		{`INSERT INTO usage_months (account_id, period, service, units, charged) ` +
			usageSums(`{p} = $1 AND `+accounts, "r.taken_on >= $2"), []any{p.Int(), readingsFrom(p)}},
	}
}

// keepFreshUsage returns the statements that recompute, for every
// account, the months a freshly loaded table gives: the readings' or the
// ledger's half of the chart (EndFreshLoad). A fresh load's chunks leave
// the months alone: recomputed chunk by chunk they cost more than the rows
// themselves, and on PostgreSQL, whose statistics a bulk load leaves
// stale, each chunk's sums scanned the whole readings table.
func keepFreshUsage(table string) []statement {
	var column, sums string
	switch table {
	case "readings":
		column, sums = "units", meteredSums("1 = 1", "")
	case "ledger":
		column, sums = "charged", chargedSums("1 = 1")
	default:
		return nil
	}
	// In the key's order: on PostgreSQL the hashed groups came out at
	// random, and each row's key went to a random page of an index far
	// larger than the cache (six minutes for 12M rows at 1M homes). The
	// other column stays as it was; a row left with neither goes.
	return []statement{
		{`UPDATE usage_months SET ` + column + ` = NULL WHERE ` + column + ` IS NOT NULL`, nil},
		{`INSERT INTO usage_months (account_id, period, service, ` + column + `)
			SELECT * FROM (` + sums + `) u WHERE true ORDER BY account_id, period, service
			ON CONFLICT (account_id, period, service) DO UPDATE SET ` + column + ` = excluded.` + column, nil},
		{`DELETE FROM usage_months WHERE units IS NULL AND charged IS NULL`, nil},
	}
}

// ofMeter and ofSubAccount select the account of one meter or sub-account.
func ofMeter(id int64) string {
	return "{a} = (SELECT account_id FROM meters WHERE id = " + strconv.FormatInt(id, 10) + ")"
}

func ofSubAccount(id int64) string {
	return "{a} = (SELECT account_id FROM sub_accounts WHERE id = " + strconv.FormatInt(id, 10) + ")"
}

// execAll runs statements in tx.
func execAll(ctx context.Context, tx *sql.Tx, sts []statement) error {
	for _, st := range sts {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return translate(err)
		}
	}
	return nil
}

// keepEntryUsage recomputes the month of a charge posted on its own.
func keepEntryUsage(ctx context.Context, tx *sql.Tx, e *kabinet.LedgerEntry) error {
	if e.Kind != kabinet.EntryCharge {
		return nil
	}
	return execAll(ctx, tx, keepUsage(e.Period, ofSubAccount(e.SubAccountID)))
}

// keepClosedUsage adds to b the recomputing of month p for the accounts
// firstAccount to lastAccount: a close's chunk, with its charges.
func keepClosedUsage(b *Batch, p kabinet.Period, firstAccount, lastAccount int64) {
	between := "{a} BETWEEN " + strconv.FormatInt(firstAccount, 10) + " AND " + strconv.FormatInt(lastAccount, 10)
	b.execs = append(b.execs, keepUsage(p, between)...)
	b.usageKept = true
}

// usageRefreshes are the statements that recompute the months and
// accounts a batch's readings and charges touch (the demo build, imports),
// 500 meters and sub-accounts a statement, their IDs as literals; none
// when the batch keeps them itself (a close's chunk), nor for the rows of
// a fresh load, whose end recomputes them all (keepFreshUsage).
func usageRefreshes(b *Batch) []statement {
	if b.usageKept {
		return nil
	}
	meters, subs := map[int]map[int64]bool{}, map[int]map[int64]bool{}
	collect := func(into map[int]map[int64]bool, t *batchTable, id string, charge bool) {
		ci, pi, ki := slices.Index(t.cols, id), slices.Index(t.cols, "period"), slices.Index(t.cols, "kind")
		for _, r := range t.rows {
			if charge && r[ki] != string(kabinet.EntryCharge) {
				continue
			}
			p := r[pi].(int)
			if into[p] == nil {
				into[p] = map[int64]bool{}
			}
			into[p][r[ci].(int64)] = true
		}
	}
	for _, t := range b.tables {
		if t.fresh {
			continue
		}
		switch t.name {
		case "readings":
			collect(meters, t, "meter_id", false)
		case "ledger":
			collect(subs, t, "sub_account_id", true)
		}
	}
	var out []statement
	periods := slices.Collect(maps.Keys(meters))
	for p := range subs {
		if meters[p] == nil {
			periods = append(periods, p)
		}
	}
	slices.Sort(periods)
	for _, p := range periods {
		for _, ids := range [...]struct {
			table string
			ids   map[int64]bool
		}{{"meters", meters[p]}, {"sub_accounts", subs[p]}} {
			sorted := slices.Sorted(maps.Keys(ids.ids))
			for chunk := range slices.Chunk(sorted, 500) {
				in := "{a} IN (SELECT account_id FROM " + ids.table + " WHERE id IN (" + joinIDs(chunk) + "))"
				out = append(out, keepUsage(kabinet.PeriodFromInt(p), in)...)
			}
		}
	}
	return out
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}
