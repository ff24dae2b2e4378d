// Package sqlstore keeps the portal's data in SQLite (the embedded default)
// or PostgreSQL (several app servers), with one set of portable SQL. What
// truly differs between the engines sits behind the small dialect value in
// dialect.go.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kabinet"
)

// DB is the store. On SQLite writes go through one connection (SQLite has
// one writer anyway, and a single connection never meets SQLITE_BUSY from
// its own pool) and reads through a pool; on PostgreSQL both are one pool.
type DB struct {
	write   *sql.DB
	read    *sql.DB
	dialect dialect
	// Now is the store's clock, read once per transaction. Tests set it.
	Now func() time.Time
	// jobs enqueues background jobs in the transaction of the change that
	// causes them (WithJobs); nil refuses to enqueue.
	jobs JobInserter
	// fullAt is when a write last found the disk full (Unix nanoseconds),
	// 0 since a write succeeded: Ping reports it.
	fullAt atomic.Int64
	// files, when the attachments live in the database, holds the staged
	// uploads CreateRequest writes (NewFiles).
	files *Files
	stmts stmts
	// detailSets are the sets of providers' details bills name, by key
	// (billdata.go): *kabinet.Provider, never changed once stored.
	detailSets sync.Map
	// extIDs are the IDs an import looked up by external ID (extids.go).
	extIDs extIDs
}

// fullFor is how long Ping fails after a write found the disk full,
// unless a write succeeds first: long enough for a load balancer to take
// the server out, short enough to try again soon.
const fullFor = 30 * time.Second

// JobInserter enqueues a job inside a transaction (River's InsertTx).
type JobInserter interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args JobArgs) error
}

// JobArgs is a job's payload; Kind names the worker that runs it. An alias,
// so the job queue satisfies JobInserter without importing this package.
type JobArgs = interface{ Kind() string }

// IsPostgres reports whether dsn names a PostgreSQL server rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Option configures a store at Open.
type Option func(*options)

type options struct {
	newQueue NewQueue
}

// NewQueue makes the job queue a store enqueues on, on the store's own
// write pool: a job is inserted in the transaction of the change that
// causes it, so the queue keeps its jobs in the store's database, and the
// pool it needs exists only once Open has opened it.
type NewQueue func(ctx context.Context, engine string, pool *sql.DB) (JobInserter, error)

// WithJobs has Open make the store's job queue with newQueue, after the
// store's migrations and under the same lock, so that the queue may
// migrate its own tables while servers started at once take turns.
// A store opened without a queue refuses to enqueue.
func WithJobs(newQueue NewQueue) Option {
	return func(o *options) { o.newQueue = newQueue }
}

// WithJobInserter has the store enqueue on j, a queue that needs no pool
// of the store's (the tests' fakes).
func WithJobInserter(j JobInserter) Option {
	return WithJobs(func(context.Context, string, *sql.DB) (JobInserter, error) { return j, nil })
}

// Open opens the database named by dsn (a SQLite file path or a postgres://
// URL) and applies the migrations.
func Open(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var db *DB
	var err error
	if IsPostgres(dsn) {
		db, err = openPostgres(dsn)
	} else {
		db, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	// Servers started at once on a fresh database take turns: even
	// CREATE TABLE IF NOT EXISTS races in PostgreSQL's catalogue.
	if err := db.Exclusive(ctx, LockMigrate, func() error { return db.setUp(ctx, o) }); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// setUp applies the migrations, then makes the job queue, which may
// migrate its own tables.
func (db *DB) setUp(ctx context.Context, o options) (err error) {
	if err := db.migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if o.newQueue == nil {
		return nil
	}
	if db.jobs, err = o.newQueue(ctx, db.Engine(), db.SQL()); err != nil {
		return fmt.Errorf("job queue: %w", err)
	}
	return nil
}

// Close closes the connection pools.
func (db *DB) Close() error {
	db.closeStmts()
	err := db.write.Close()
	if db.read != db.write {
		if e := db.read.Close(); err == nil {
			err = e
		}
	}
	return err
}

// Ping checks that the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	if at := db.fullAt.Load(); at != 0 && time.Since(time.Unix(0, at)) < fullFor {
		return ErrDiskFull
	}
	return db.read.PingContext(ctx)
}

// ReadConns is how many connections the pool that serves pages holds.
func (db *DB) ReadConns() int { return db.read.Stats().MaxOpenConnections }

// SQL returns the pool for writes; the job queue runs on it.
func (db *DB) SQL() *sql.DB { return db.write }

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string { return db.dialect.name }

func (db *DB) now() time.Time {
	if db.Now != nil {
		return db.Now().UTC()
	}
	return time.Now().UTC()
}

// InTx runs fn in a write transaction, committed if fn returns nil. Exported
// store methods own their transactions through it; a use case that must
// enqueue a job with its change uses it too.
func (db *DB) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.noteFull(err)
	}
	return db.noteFull(translate(tx.Commit()))
}

// noteFull records whether a write found the disk full, for Ping.
func (db *DB) noteFull(err error) error {
	switch {
	case err == nil:
		db.fullAt.Store(0)
	case errors.Is(err, ErrDiskFull) || diskFull(err):
		db.fullAt.Store(time.Now().UnixNano())
		if !errors.Is(err, ErrDiskFull) {
			return fmt.Errorf("%w: %v", ErrDiskFull, err)
		}
	}
	return err
}

// Enqueue inserts a job in tx through the configured queue.
func (db *DB) Enqueue(ctx context.Context, tx *sql.Tx, args JobArgs) error {
	if db.jobs == nil {
		return kabinet.Errorf(kabinet.EINTERNAL, "no job queue configured for %s", args.Kind())
	}
	return db.jobs.InsertTx(ctx, tx, args)
}

// dateArg passes a calendar date as "YYYY-MM-DD": a DATE on PostgreSQL, and
// on SQLite text that sorts as dates do and reads back as a time.Time at UTC
// midnight. The date is t's own, in t's location.
func dateArg(t time.Time) string { return t.Format(time.DateOnly) }

// nullDate is dateArg for a nullable date: the zero time is NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return dateArg(t)
}

// Pools returns the write and read pools (the same pool on PostgreSQL), for
// pool metrics.
func (db *DB) Pools() (write, read *sql.DB) { return db.write, db.read }

// Optimize refreshes the query planner's statistics. PostgreSQL's
// autovacuum analyzes too, but lags behind bulk loads: right after a demo
// build a month close of 100k accounts took 61 s on stale statistics and
// 11 s after ANALYZE.
func (db *DB) Optimize(ctx context.Context) error {
	if db.dialect.optimize == "" {
		return nil
	}
	_, err := db.write.ExecContext(ctx, db.dialect.optimize)
	return err
}

// Settle brings up to date what bulk loads leave stale: the kept
// balances' debts (RefreshBalances) and the planner's statistics
// (Optimize). It returns how many balances it computed. The imports, the
// demo build and the periodic maintenance end with it.
//
// The order is the engine's. PostgreSQL analyzes first: the balances are
// summed from the ledger a thousand sub-accounts at a time, and on a
// ledger it never analyzed each of those reads scanned all of it (some
// 2 s a chunk at 1M homes, about 50 minutes); the sums only update rows,
// so the statistics stay true after them. SQLite's plans for the sums
// need no statistics, and analyzing first made the final phase of a 1M
// import 8 minutes instead of 2 min 46 s.
func (db *DB) Settle(ctx context.Context) (int, error) {
	if db.dialect.analyzeFirst {
		if err := db.Optimize(ctx); err != nil {
			return 0, err
		}
		return db.RefreshBalances(ctx)
	}
	n, err := db.RefreshBalances(ctx)
	if err != nil {
		return n, err
	}
	return n, db.Optimize(ctx)
}

// Lock names of Exclusive.
const (
	LockMigrate   int64 = 7265439 // migrating the schema, the job queue's too
	LockDemoWorld int64 = 7265440 // building the demo world
)

// Exclusive runs fn while it holds the lock named key, which on PostgreSQL
// every server sharing the database respects (a session advisory lock on
// a connection of its own): the servers started at once on a fresh
// database take turns, and the first builds what the others then find.
// On SQLite fn just runs: one server writes at a time anyway.
func (db *DB) Exclusive(ctx context.Context, key int64, fn func() error) error {
	if db.dialect.name != "postgres" {
		return fn()
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return translate(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	return fn()
}
