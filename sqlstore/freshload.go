package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"kabinet"
)

// A fresh load is the import of a kind into its empty table (a supplier's
// first import). The unique index on the billing system's IDs is then
// dropped and built again at the end, in one pass: kept row by row, its
// random keys miss the cache once the index outgrows it, and at a million
// homes each chunk rewrote thousands of its pages (issue 16). The drop
// commits before the first chunk, so an import killed midway finds the
// index missing and goes on as a fresh load; a kind's rows never look
// their own table up by external ID while loading (the database skips
// those it has), so nothing else needs the index meanwhile.

// freshIndexes are the tables a fresh load may take, with the index it
// drops; the columns are those of migration 0030 on both engines.
var freshIndexes = map[string]string{
	"readings": "readings_external_id",
	"ledger":   "ledger_external_id",
	"bills":    "bills_external_id",
}

// freshConflict is what a fresh load's rows end with instead of the
// conflict on the missing index: tables with other unique constraints skip
// a row that breaks one, as the upsert on external_id did not; the ledger
// has none, so its rows go in plain (COPY straight into the table on
// PostgreSQL).
var freshConflict = map[string]string{
	"readings": " ON CONFLICT DO NOTHING",
	"ledger":   "",
	"bills":    " ON CONFLICT DO NOTHING",
}

func freshIndexSQL(table string) string {
	return "CREATE UNIQUE INDEX " + freshIndexes[table] + " ON " + table + " (external_id) WHERE external_id <> ''"
}

// FreshLoad makes b's AddNew rows plain inserts into a table that
// StartFreshLoad took: the database cannot skip those it has without the
// index, and EndFreshLoad removes repeated IDs when it builds it again.
func (b *Batch) FreshLoad() { b.fresh = true }

// StartFreshLoad drops table's external-ID index when the table is empty,
// and reports whether its rows are to go in as a fresh load: the index was
// dropped now, or by an import that was killed before EndFreshLoad.
// Tables outside freshIndexes never are.
func (db *DB) StartFreshLoad(ctx context.Context, table string) (bool, error) {
	index, ok := freshIndexes[table]
	if !ok {
		return false, nil
	}
	fresh := false
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		has, err := db.hasIndex(ctx, tx, index)
		if err != nil || !has {
			fresh = err == nil
			return err
		}
		var rows int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM `+table+` LIMIT 1) t`).Scan(&rows); err != nil || rows > 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, `DROP INDEX `+index)
		fresh = err == nil
		return err
	})
	return fresh, translate(err)
}

func (db *DB) hasIndex(ctx context.Context, tx *sql.Tx, name string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, db.dialect.indexExists, name).Scan(&n)
	return n > 0, err
}

// EndFreshLoad builds table's external-ID index again, in one transaction
// with what the file's counts lose: rows whose ID an earlier row of the
// load had are deleted first (an import keeps the first, as the conflict
// on the index did), a reading keeping the status its last repetition
// gave, and the kept balances of the ledger's sub-accounts summed again;
// then the chart's months of the table, which the load's chunks left
// alone, are summed for every account. Nothing to do when the index is
// there.
func (db *DB) EndFreshLoad(ctx context.Context, table string, f *kabinet.ImportFile) error {
	index, ok := freshIndexes[table]
	if !ok {
		return nil
	}
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if has, err := db.hasIndex(ctx, tx, index); err != nil || has {
			return err
		}
		if db.dialect.bulkMemory != "" {
			if _, err := tx.ExecContext(ctx, db.dialect.bulkMemory); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT fresh_index`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, freshIndexSQL(table))
		if kabinet.ErrorCode(translate(err)) == kabinet.ECONFLICT {
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT fresh_index`); err != nil {
				return err
			}
			if err = db.dropRepeated(ctx, tx, table, f); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, freshIndexSQL(table))
		}
		if err != nil {
			return fmt.Errorf("build %s: %w", index, err)
		}
		if err := execAll(ctx, tx, keepFreshUsage(table)); err != nil {
			return fmt.Errorf("sum the chart's months of %s: %w", table, err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE import_files SET inserted = $1, updated = $2 WHERE id = $3`, f.Inserted, f.Updated, f.ID)
		return err
	})
}

// repeated is a row of a fresh load whose external ID an earlier row has.
type repeated struct {
	id, keep, sub int64
	status        string
}

// dropRepeated deletes the rows of table whose external ID an earlier row
// has, and takes them off f's counts.
func (db *DB) dropRepeated(ctx context.Context, tx *sql.Tx, table string, f *kabinet.ImportFile) error {
	extra := "''"
	switch table {
	case "readings":
		extra = "status"
	case "ledger":
		extra = "sub_account_id"
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, external_id, `+extra+` FROM `+table+` WHERE external_id IN (
		SELECT external_id FROM `+table+` WHERE external_id <> '' GROUP BY external_id HAVING COUNT(*) > 1) ORDER BY external_id, id`)
	if err != nil {
		return err
	}
	var rs []repeated
	var first repeated
	var firstExt string
	for rows.Next() {
		var r repeated
		var ext string
		var x any
		if err := rows.Scan(&r.id, &ext, &x); err != nil {
			rows.Close()
			return err
		}
		r.status, r.sub = fmt.Sprint(x), asInt64(x)
		if ext != firstExt {
			first, firstExt = r, ext
			continue
		}
		r.keep = first.id
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return db.deleteRepeated(ctx, tx, table, rs, f)
}

func asInt64(x any) int64 {
	if n, ok := x.(int64); ok {
		return n
	}
	return 0
}

func (db *DB) deleteRepeated(ctx context.Context, tx *sql.Tx, table string, rs []repeated, f *kabinet.ImportFile) error {
	ids := make([]int64, len(rs))
	subs := map[int64]bool{}
	for i, r := range rs {
		ids[i], subs[r.sub] = r.id, true
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id IN (`+idList(ids)+`)`); err != nil {
		return err
	}
	f.Inserted -= len(rs)
	switch table {
	case "readings":
		// The upsert moved the first reading's status on to each
		// repetition's; the last one's stays.
		for _, r := range rs {
			res, err := tx.ExecContext(ctx, `UPDATE readings SET status = $1 WHERE id = $2 AND status <> $1`, r.status, r.keep)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				f.Updated++
			}
		}
	case "ledger":
		for _, st := range resums(subs) {
			if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
				return err
			}
		}
	}
	return nil
}
