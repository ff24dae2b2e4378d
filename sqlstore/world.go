package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kabinet"
)

// FindWorld returns the demo world's state, ENOTFOUND if none was started.
func (db *DB) FindWorld(ctx context.Context) (*kabinet.World, error) {
	var w kabinet.World
	var paid int
	err := db.read.QueryRowContext(ctx, `SELECT seed, accounts, built, state, started_at, paid_period, paid_count FROM world WHERE id = 1`).
		Scan(&w.Seed, &w.Accounts, &w.Built, &w.State, &w.Started, &paid, &w.PaidCount)
	if err != nil {
		return nil, notFound(err, "Демо-мир")
	}
	w.PaidPeriod = kabinet.PeriodFromInt(paid)
	return &w, nil
}

// StartWorld adds to the batch the statement that records a world of n accounts
// with seed as being built, so that the world's first rows and its record
// commit together. Loading it twice is ECONFLICT.
func (b *Batch) StartWorld(seed int64, n int, started time.Time) {
	b.exec(`INSERT INTO world (id, seed, accounts, built, state, started_at) VALUES (1, $1, $2, 0, $3, $4)`,
		seed, n, kabinet.WorldBuilding, started.UTC())
}

// MarkWorldBuilt adds to the batch the statement that records progress, so that
// progress commits with the rows it counts.
func (b *Batch) MarkWorldBuilt(built int) {
	b.exec(`UPDATE world SET built = $1 WHERE id = 1`, built)
}

// MarkWorldPaid adds to the batch the statement that records how many payments of
// period p's month are loaded, so that progress commits with them.
func (b *Batch) MarkWorldPaid(p kabinet.Period, count int) {
	b.exec(`UPDATE world SET paid_period = $1, paid_count = $2 WHERE id = 1`, p.Int(), count)
}

// CompleteWorld marks the world complete and moves the identity sequences
// past the ids the bulk load chose itself.
func (db *DB) CompleteWorld(ctx context.Context) error {
	return db.InTx(ctx, func(tx *sql.Tx) error {
		if err := db.dialect.fixSequences(ctx, tx, "providers", "accounts", "sub_accounts", "meters", "users"); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE world SET state = $1, completed_at = $2 WHERE id = 1 AND built = accounts`,
			kabinet.WorldComplete, db.now())
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return kabinet.Errorf(kabinet.ECONFLICT, "Демо-мир построен не полностью")
		}
		return nil
	})
}

// TellWorld enqueues args, a reminder scan, in the transaction that marks
// the complete world told, once for the world's life: servers that start
// at once on it, and every later start, find it told and enqueue nothing.
// It reports whether it enqueued; with no world it does nothing.
func (db *DB) TellWorld(ctx context.Context, args JobArgs) (bool, error) {
	var told bool
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE world SET told_at = $1 WHERE id = 1 AND state = $2 AND told_at IS NULL`,
			db.now(), kabinet.WorldComplete)
		if err != nil {
			return translate(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		told = true
		return db.Enqueue(ctx, tx, args)
	})
	return told, err
}
