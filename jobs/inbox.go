package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// InboxArgs asks for a scan of the billing exchange's inbox directory.
type InboxArgs struct{}

// Kind names the job.
func (InboxArgs) Kind() string { return "exchange_inbox" }

// InsertOpts make the scan unique while one is waiting or running, on
// every server sharing the database: two scans never take the same file,
// and a file a killed scan left claimed is the next scan's.
func (InboxArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: []rivertype.JobState{rivertype.JobStateAvailable,
		rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// InboxWorker runs InboxArgs.
type InboxWorker struct {
	river.WorkerDefaults[InboxArgs]
	Scan func(ctx context.Context) error
}

// Work scans.
func (w *InboxWorker) Work(ctx context.Context, _ *river.Job[InboxArgs]) error { return w.Scan(ctx) }

// Timeout lets a full snapshot of a million accounts go in.
func (w *InboxWorker) Timeout(*river.Job[InboxArgs]) time.Duration { return 2 * time.Hour }

// InboxEvery schedules InboxArgs at the given interval, and once at start.
func InboxEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return InboxArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})
}
