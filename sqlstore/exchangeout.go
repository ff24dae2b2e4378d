package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// The outgoing side of the billing exchange. Triggers (migration 0031)
// write a journal row in the transaction of each change the billing
// system must hear about. An export stamps every journal row that has no
// export yet with its own number, in one transaction, one export at a
// time; the records of a kind after a cursor are those whose journal rows
// carry a number above it. A change that commits late, after changes with
// higher IDs were exported, is still unstamped when the next export runs,
// so no cursor can pass it by: the order that counts is the order of the
// stamps, not of IDs or commit times.

// StartExport stamps every journal row not yet exported with a new
// export's number and returns that number (the new cursor) and how many
// rows it took. Service changes it takes are marked exported. source says
// who asked ("cli", "api", a token's name) for the exports table.
func (db *DB) StartExport(ctx context.Context, source string) (cursor, changes int64, err error) {
	err = db.InTx(ctx, func(tx *sql.Tx) error {
		if db.dialect.name == "postgres" {
			// Exports take numbers and stamp rows in the same order.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7265432)`); err != nil {
				return translate(err)
			}
		}
		now := db.now()
		if err := tx.QueryRowContext(ctx, `INSERT INTO exchange_exports (created_at, changes, source) VALUES ($1, 0, $2) RETURNING id`,
			now, source).Scan(&cursor); err != nil {
			return translate(err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE exchange_journal SET batch = $1 WHERE batch IS NULL`, cursor)
		if err != nil {
			return translate(err)
		}
		if changes, err = res.RowsAffected(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exchange_exports SET changes = $1 WHERE id = $2`, changes, cursor); err != nil {
			return translate(err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE service_changes SET exported_at = $1 WHERE exported_at IS NULL AND id IN (
			SELECT ref_id FROM exchange_journal WHERE batch = $2 AND kind IN ('service_changes', 'contact_changes'))`, now, cursor)
		return translate(err)
	})
	return cursor, changes, err
}

// LastExport returns the number of the latest export, 0 when none ran.
func (db *DB) LastExport(ctx context.Context) (int64, error) {
	var n int64
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM exchange_exports`).Scan(&n)
	return n, translate(err)
}

// ScanExport calls fn with each record of an outgoing kind whose changes
// were stamped by exports in (since, upto], once per record however often
// it changed, in the order of its ID, with its current values. The
// columns are named as the kind's fields; values are int64, bool, string,
// []byte, time.Time or nil as the engine gives them. A record deleted
// since (a reading the customer withdrew, a registration deleted) comes
// with its ID, its account and deleted = true.
func (db *DB) ScanExport(ctx context.Context, kind string, since, upto int64, fn func(cols []string, vals []any) error) error {
	q, ok := exportQueries[kind]
	if !ok {
		return fmt.Errorf("sqlstore: no export of kind %q", kind)
	}
	rows, err := db.read.QueryContext(ctx, q, kind, since, upto)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return translate(err)
		}
		if err := fn(cols, vals); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}
