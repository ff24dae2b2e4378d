package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// PruneArgs asks the store to delete expired sessions, tokens and
// rate-limit windows.
type PruneArgs struct{}

// Kind names the job.
func (PruneArgs) Kind() string { return "auth_prune" }

// Pruner is the store's clean-up call.
type Pruner interface {
	Prune(ctx context.Context, maxAge time.Duration) (int64, error)
}

// PruneWorker runs PruneArgs, keeping two days: longer than any session
// (12 h), link (24 h) or limit window (24 h) lives.
type PruneWorker struct {
	river.WorkerDefaults[PruneArgs]
	DB Pruner
}

// Work prunes.
func (w *PruneWorker) Work(ctx context.Context, _ *river.Job[PruneArgs]) error {
	_, err := w.DB.Prune(ctx, 48*time.Hour)
	return err
}

// PruneEvery schedules PruneArgs at the given interval.
func PruneEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return PruneArgs{}, nil }, nil)
}
