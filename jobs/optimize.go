package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// OptimizeArgs asks the database to refresh its query-planner statistics.
type OptimizeArgs struct{}

// Kind names the job.
func (OptimizeArgs) Kind() string { return "db_optimize" }

// Optimizer is the store's maintenance call.
type Optimizer interface {
	Settle(ctx context.Context) (int, error)
}

// OptimizeWorker runs OptimizeArgs. SQLite's planner statistics go stale
// as a long-running server's tables grow (SQLite advises PRAGMA optimize
// every few hours on long-lived connections); PostgreSQL's autovacuum does
// the same there.
type OptimizeWorker struct {
	river.WorkerDefaults[OptimizeArgs]
	DB Optimizer
}

// Work computes the kept balances' debts that bulk loads left stale and
// refreshes the planner's statistics (sqlstore.Settle).
func (w *OptimizeWorker) Work(ctx context.Context, _ *river.Job[OptimizeArgs]) error {
	_, err := w.DB.Settle(ctx)
	return err
}

// OptimizeEvery schedules OptimizeArgs at the given interval.
func OptimizeEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return OptimizeArgs{}, nil }, nil)
}
