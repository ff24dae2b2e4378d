package sqlstore

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/billing"
)

// A sub-account's balance is kept in the balances table beside its ledger
// (issue 17), so that «Главная» reads a row instead of summing a history:
//
//   - Every ledger write changes the row in its own transaction. Bulk loads
//     (DB.Load: the month close, the demo, imports) add what their entries
//     sum to, one upsert per sub-account; adding commutes, so concurrent
//     writers never lose each other's sums. Single postings (a card
//     payment, an agent's registry line) sum the sub-account's ledger again
//     under the row's lock.
//   - version counts the writes. debts, the unpaid principal of each period
//     after the payments (billing.Outstanding, what the penalty forecast
//     starts from), holds for the ledger as it was at version debts_at:
//     single postings and the month close write it with their entries; a
//     bulk load that does not know it leaves it stale, and RefreshBalances
//     computes it again. A reader of stale debts reads the ledger instead.

// FindBalances returns the account's sub-accounts in provider order, each
// with its provider and its kept balance, in one query: on PostgreSQL a
// round trip is most of what a read of «Главная» costs (issue 17).
func (db *DB) FindBalances(ctx context.Context, accountID int64) ([]*kabinet.SubBalance, error) {
	var out []*kabinet.SubBalance
	err := db.readPiped(ctx, readBalances(accountID, &out))
	return out, err
}

// readBalances is FindBalances' read, into out.
func readBalances(accountID int64, out *[]*kabinet.SubBalance) pipedRead {
	return pipedRead{query: `SELECT s.id, s.account_id, s.provider_id, s.number, s.services, s.external_id,
		COALESCE(b.charges, 0), COALESCE(b.penalties, 0), COALESCE(b.adjustments, 0), COALESCE(b.payments, 0),
		COALESCE(b.debts, ''), COALESCE(b.debts_at = b.version, TRUE), ` + providerSelect + `
		FROM sub_accounts s JOIN providers p ON p.id = s.provider_id LEFT JOIN balances b ON b.sub_account_id = s.id
		WHERE s.account_id = $1 ORDER BY s.provider_id`, args: []any{accountID}, row: func(row scanner) error {
		var s kabinet.SubAccount
		var p kabinet.Provider
		var b kabinet.SubBalance
		var services, debts, providerServices string
		t := &b.Totals
		dest := append([]any{&s.ID, &s.AccountID, &s.ProviderID, &s.Number, &services, &s.ExternalID,
			&t.Charges, &t.Penalties, &t.Adjustments, &t.Payments, &debts, &b.Current}, providerDest(&p, &providerServices)...)
		if err := row.Scan(dest...); err != nil {
			return err
		}
		s.Services, p.Services = splitServices(services), splitServices(providerServices)
		b.SubAccount, b.Provider, b.Debts = &s, &p, parseDebts(debts)
		*out = append(*out, &b)
		return nil
	}}
}

// formatDebts writes debts as "YYYYMM:kopecks" separated by spaces: only
// digits, a sign, colons and spaces, so it may stand in SQL as a literal.
func formatDebts(ds []kabinet.PeriodDebt) string {
	var b []byte
	for i, d := range ds {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(d.Period.Int()), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(d.Principal), 10)
	}
	return string(b)
}

func parseDebts(s string) []kabinet.PeriodDebt {
	var ds []kabinet.PeriodDebt
	for _, f := range strings.Fields(s) {
		p, m, ok := strings.Cut(f, ":")
		if !ok {
			continue
		}
		pi, _ := strconv.Atoi(p)
		mi, _ := strconv.ParseInt(m, 10, 64)
		ds = append(ds, kabinet.PeriodDebt{Period: kabinet.PeriodFromInt(pi), Principal: kabinet.Money(mi)})
	}
	return ds
}

// keepBalances sums the sub-accounts' ledgers again inside tx, after its
// entries were posted, and writes their rows. The first statement takes
// each row's lock (in ID order, so two postings never wait on each other
// in a circle), and only then is the ledger read: on PostgreSQL a
// concurrent posting to the same sub-account waits, and then reads this
// one's entries too.
func (db *DB) keepBalances(ctx context.Context, tx *sql.Tx, subIDs []int64) error {
	ids := slices.Clone(subIDs)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		var version int64
		err := tx.QueryRowContext(ctx, `INSERT INTO balances (sub_account_id, version) VALUES ($1, 1)
			ON CONFLICT (sub_account_id) DO UPDATE SET version = balances.version + 1 RETURNING version`, id).Scan(&version)
		if err != nil {
			return translate(err)
		}
		entries, err := ledgerOf(ctx, tx, `WHERE sub_account_id = $1 ORDER BY posted_on, id`, id)
		if err != nil {
			return err
		}
		row, err := balanceRow(entries)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE balances SET charges = $2, penalties = $3, adjustments = $4, payments = $5,
			debts = $6, debts_at = $7 WHERE sub_account_id = $1`, id, row.charges, row.penalties, row.adjustments, row.payments,
			row.debts, version); err != nil {
			return translate(err)
		}
	}
	return nil
}

// balanceSums is what a balance row keeps of a ledger.
type balanceSums struct {
	charges, penalties, adjustments, payments int64
	debts                                     string
}

// balanceRow sums a sub-account's entries, oldest first, and spreads its
// payments.
func balanceRow(entries []*kabinet.LedgerEntry) (balanceSums, error) {
	var t kabinet.Totals
	for _, e := range entries {
		t.Add(*e)
	}
	ds, err := billing.Outstanding(entries)
	return balanceSums{int64(t.Charges), int64(t.Penalties), int64(t.Adjustments), int64(t.Payments), formatDebts(ds)}, err
}

// queryer is a pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ledgerOf reads entries lean (what sums and spreads them), on a pool or
// inside a transaction.
func ledgerOf(ctx context.Context, q queryer, where string, args ...any) ([]*kabinet.LedgerEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, sub_account_id, period, kind, service, amount, CAST(posted_on AS TEXT) FROM ledger `+where, args...)
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

// knownDebts are a sub-account's debts after a batch's entries, computed
// by its writer from the ledger it read at version.
type knownDebts struct {
	debts   string
	version int64
}

// KeepDebts records in b the sub-account's unpaid principals after the
// batch's entries, computed from its ledger as read when its balance was
// at version (FindAccountData's Versions, read before the ledger). The row
// takes them only if no other write came between; otherwise they stay
// stale for RefreshBalances.
func (b *Batch) KeepDebts(subAccountID int64, ds []kabinet.PeriodDebt, version int64) {
	if b.debts == nil {
		b.debts = map[int64]knownDebts{}
	}
	b.debts[subAccountID] = knownDebts{formatDebts(ds), version}
}

// balanceUpserts are the statements that add a batch's ledger rows to the
// kept balances: per sub-account the sums by kind, the version moved on by
// one, and the debts its writer knew. Values are literals (integers, and
// debts of digits, colons and spaces), in sub-account order, 500 rows a
// statement.
func balanceUpserts(b *Batch) []statement {
	sums := map[int64]*kabinet.Totals{}
	resum := map[int64]bool{}
	for _, t := range b.tables {
		if t.name != "ledger" {
			continue
		}
		sub, kind, amount := slices.Index(t.cols, "sub_account_id"), slices.Index(t.cols, "kind"), slices.Index(t.cols, "amount")
		for _, r := range t.rows {
			id := r[sub].(int64)
			if t.ifNew && !t.fresh { // the database may skip it: sum what went in, after
				resum[id] = true
				continue
			}
			if sums[id] == nil {
				sums[id] = &kabinet.Totals{}
			}
			sums[id].Add(kabinet.LedgerEntry{Kind: kabinet.EntryKind(r[kind].(string)), Amount: kabinet.Money(r[amount].(int64))})
		}
	}
	if len(sums) == 0 {
		return resums(resum)
	}
	ids := make([]int64, 0, len(sums))
	for id := range sums {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []statement
	for chunk := range slices.Chunk(ids, 500) {
		var q strings.Builder
		q.WriteString(`INSERT INTO balances (sub_account_id, charges, penalties, adjustments, payments, version, debts, debts_at) VALUES `)
		for i, id := range chunk {
			s, d := sums[id], knownDebts{version: -2}
			if k, ok := b.debts[id]; ok {
				d = k
			}
			if i > 0 {
				q.WriteString(", ")
			}
			// debts_at is the version the row has after this write if
			// nothing came between: the one its writer read, plus one.
			q.WriteString("(" + strings.Join([]string{strconv.FormatInt(id, 10), strconv.FormatInt(int64(s.Charges), 10),
				strconv.FormatInt(int64(s.Penalties), 10), strconv.FormatInt(int64(s.Adjustments), 10),
				strconv.FormatInt(int64(s.Payments), 10), "1", "'" + d.debts + "'", strconv.FormatInt(d.version+1, 10)}, ", ") + ")")
		}
		q.WriteString(` ON CONFLICT (sub_account_id) DO UPDATE SET
			charges = balances.charges + excluded.charges, penalties = balances.penalties + excluded.penalties,
			adjustments = balances.adjustments + excluded.adjustments, payments = balances.payments + excluded.payments,
			debts = CASE WHEN balances.version + 1 = excluded.debts_at THEN excluded.debts ELSE balances.debts END,
			debts_at = CASE WHEN balances.version + 1 = excluded.debts_at THEN excluded.debts_at ELSE balances.debts_at END,
			version = balances.version + 1`)
		out = append(out, statement{query: q.String()})
	}
	return append(out, resums(resum)...)
}

// resums are the statements that set the kept sums of sub-accounts whose
// entries went in with AddNew (an import) from their ledger, after the
// rows: an entry the database skipped as there already must not count
// twice. The version moves on, so their kept debts are stale until
// RefreshBalances (which the import runs at its end).
func resums(ids map[int64]bool) []statement {
	if len(ids) == 0 {
		return nil
	}
	sorted := slices.Sorted(maps.Keys(ids))
	var out []statement
	for chunk := range slices.Chunk(sorted, 500) {
		out = append(out, statement{query: `INSERT INTO balances (sub_account_id, charges, penalties, adjustments, payments, version, debts, debts_at)
			SELECT sub_account_id,
				COALESCE(SUM(CASE WHEN kind = 'charge' THEN amount END), 0), COALESCE(SUM(CASE WHEN kind = 'penalty' THEN amount END), 0),
				COALESCE(SUM(CASE WHEN kind = 'adjustment' THEN amount END), 0), COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount END), 0),
				1, '', -1
			FROM ledger WHERE sub_account_id IN (` + idList(chunk) + `) GROUP BY sub_account_id
			ON CONFLICT (sub_account_id) DO UPDATE SET
				charges = excluded.charges, penalties = excluded.penalties, adjustments = excluded.adjustments,
				payments = excluded.payments, version = balances.version + 1`})
	}
	return out
}

// readVersions reads the kept balances' versions of the sub-accounts into
// into (a sub-account without a row is at version 0).
func (db *DB) readVersions(ctx context.Context, subIDs []int64, into map[int64]int64) error {
	rows, err := db.read.QueryContext(ctx, `SELECT sub_account_id, version FROM balances WHERE sub_account_id IN (`+idList(subIDs)+`)`)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		into[id] = v
	}
	return translate(rows.Err())
}

// RefreshBalances computes again the debts that bulk loads left stale
// and returns how many it computed: first ahead of the writer
// (refreshAhead), then, for rows a posting moved on meanwhile, a chunk of
// sub-accounts per transaction, each chunk taking its rows' locks before
// it reads their ledgers, as single postings do. The demo build, imports
// and the periodic maintenance run it.
func (db *DB) RefreshBalances(ctx context.Context) (int, error) {
	n, err := db.refreshAhead(ctx)
	if err != nil {
		return n, err
	}
	m, err := db.refreshLocked(ctx)
	return n + m, err
}

func (db *DB) refreshLocked(ctx context.Context) (int, error) {
	n := 0
	for after := int64(0); ; {
		var ids []int64
		rows, err := db.read.QueryContext(ctx, `SELECT sub_account_id FROM balances WHERE debts_at <> version AND sub_account_id > $1
			ORDER BY sub_account_id LIMIT 1000`, after)
		if err != nil {
			return n, translate(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return n, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) == 0 {
			return n, translate(rows.Err())
		}
		if err := db.InTx(ctx, func(tx *sql.Tx) error { return db.refreshChunk(ctx, tx, ids) }); err != nil {
			return n, err
		}
		n, after = n+len(ids), ids[len(ids)-1]
	}
}

// refreshChunk recomputes the rows of ids (sorted) in tx.
func (db *DB) refreshChunk(ctx context.Context, tx *sql.Tx, ids []int64) error {
	// Lock first, in ID order, then read: see keepBalances.
	if db.dialect.forUpdate != "" {
		if _, err := tx.ExecContext(ctx, `SELECT sub_account_id FROM balances WHERE sub_account_id IN (`+idList(ids)+`)
			ORDER BY sub_account_id`+db.dialect.forUpdate); err != nil {
			return translate(err)
		}
	}
	entries, err := ledgerOf(ctx, tx, `WHERE sub_account_id IN (`+idList(ids)+`) ORDER BY sub_account_id, posted_on, id`)
	if err != nil {
		return err
	}
	bySub := map[int64][]*kabinet.LedgerEntry{}
	for _, e := range entries {
		bySub[e.SubAccountID] = append(bySub[e.SubAccountID], e)
	}
	for _, id := range ids {
		row, err := balanceRow(bySub[id])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE balances SET charges = $2, penalties = $3, adjustments = $4, payments = $5,
			debts = $6, debts_at = version WHERE sub_account_id = $1`, id, row.charges, row.penalties, row.adjustments, row.payments,
			row.debts); err != nil {
			return translate(err)
		}
	}
	return nil
}
