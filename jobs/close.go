package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// CloseArgs asks for the last ended billing period to be closed.
type CloseArgs struct{}

// Kind names the job.
func (CloseArgs) Kind() string { return "period_close" }

// CloseWorker runs CloseArgs. Closing is idempotent, so the job runs every
// few hours and does real work once a month, right after a period ends.
type CloseWorker struct {
	river.WorkerDefaults[CloseArgs]
	Close func(ctx context.Context) error
}

// Work closes the last ended period.
func (w *CloseWorker) Work(ctx context.Context, _ *river.Job[CloseArgs]) error { return w.Close(ctx) }

// Timeout lets a close of a million accounts run its course.
func (w *CloseWorker) Timeout(*river.Job[CloseArgs]) time.Duration { return 2 * time.Hour }

// CloseEvery schedules CloseArgs at the given interval.
func CloseEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return CloseArgs{}, nil }, nil)
}
