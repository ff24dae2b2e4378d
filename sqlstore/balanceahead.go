package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"kabinet"
)

// refreshAheadReaders is how many chunks refreshAhead reads at once.
const refreshAheadReaders = 2

// refreshed is a stale balance row computed from the ledger as it was at
// version.
type refreshed struct {
	id, version int64
	row         balanceSums
}

// refreshAhead computes the stale rows on the reader pool, a few chunks at
// once beside the writer, and writes each row only if its version is still
// the one read before its ledger (as KeepDebts does): after a large import
// the ledger reads are nearly all the work, and the locked pass did them
// on the one writer connection. A row a posting moved on meanwhile stays
// stale, for the locked pass.
func (db *DB) refreshAhead(ctx context.Context) (int, error) {
	ids, err := db.staleBalances(ctx)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		rows []refreshed
		err  error
	}
	pending := make(chan chan result, refreshAheadReaders)
	go func() {
		defer close(pending)
		for chunk := range slices.Chunk(ids, 1000) {
			done := make(chan result, 1)
			select {
			case pending <- done:
			case <-ctx.Done():
				return
			}
			go func() {
				rows, err := db.readBalanceRows(ctx, chunk)
				done <- result{rows, err}
			}()
		}
	}()
	n := 0
	for done := range pending {
		r := <-done
		if r.err == nil {
			var m int
			m, r.err = db.writeRefreshed(ctx, r.rows)
			n += m
		}
		if r.err != nil {
			cancel()
			for range pending {
			}
			return n, r.err
		}
	}
	return n, nil
}

// staleBalances returns the sub-accounts whose kept balance is behind
// their ledger.
func (db *DB) staleBalances(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := db.each(ctx, `SELECT sub_account_id FROM balances WHERE debts_at <> version ORDER BY sub_account_id`, nil, func(r scanner) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// readBalanceRows reads the versions of ids, then their ledgers, and sums
// them. A ledger read later than its version holds at least the entries of
// that version; with more, the version has moved on and the row is not
// written.
func (db *DB) readBalanceRows(ctx context.Context, ids []int64) ([]refreshed, error) {
	versions := map[int64]int64{}
	if err := db.readVersions(ctx, ids, versions); err != nil {
		return nil, err
	}
	entries, err := ledgerOf(ctx, db.read, `WHERE sub_account_id IN (`+idList(ids)+`) ORDER BY sub_account_id, posted_on, id`)
	if err != nil {
		return nil, err
	}
	bySub := map[int64][]*kabinet.LedgerEntry{}
	for _, e := range entries {
		bySub[e.SubAccountID] = append(bySub[e.SubAccountID], e)
	}
	out := make([]refreshed, 0, len(ids))
	for _, id := range ids {
		row, err := balanceRow(bySub[id])
		if err != nil {
			return nil, err
		}
		out = append(out, refreshed{id, versions[id], row})
	}
	return out, nil
}

// writeRefreshed writes the rows whose version has not moved on, in one
// transaction, and returns how many it wrote.
func (db *DB) writeRefreshed(ctx context.Context, rows []refreshed) (int, error) {
	n := 0
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `UPDATE balances SET charges = $2, penalties = $3, adjustments = $4, payments = $5,
			debts = $6, debts_at = version WHERE sub_account_id = $1 AND version = $7`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, r := range rows {
			res, err := st.ExecContext(ctx, r.id, r.row.charges, r.row.penalties, r.row.adjustments, r.row.payments, r.row.debts, r.version)
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err == nil {
				n += int(k)
			}
		}
		return nil
	})
	return n, translate(err)
}
