package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// RemindArgs asks for a reminder scan of every account (BEY-2).
type RemindArgs struct{}

// Kind names the job.
func (RemindArgs) Kind() string { return "remind" }

// RemindWorker runs RemindArgs. A scan that runs twice reminds once: each
// reminder has its key per account, rule and period.
type RemindWorker struct {
	river.WorkerDefaults[RemindArgs]
	Remind func(ctx context.Context) error
}

// Work scans.
func (w *RemindWorker) Work(ctx context.Context, _ *river.Job[RemindArgs]) error {
	return w.Remind(ctx)
}

// Timeout lets a scan of a million accounts finish.
func (w *RemindWorker) Timeout(*river.Job[RemindArgs]) time.Duration { return 2 * time.Hour }

// RemindEvery schedules RemindArgs at the given interval.
func RemindEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return RemindArgs{}, nil }, nil)
}
