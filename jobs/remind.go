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

// FirstRemindArgs is the one reminder scan of a demo world's first start
// (sqlstore.TellWorld enqueues it): the build issues the world's bills,
// and no scan runs in a build, so without it the latest bill would wait
// for the next scheduled scan, hours away. Its own kind keeps it apart
// from the scheduled scans, which run on one server at a time.
type FirstRemindArgs struct{}

// Kind names the job.
func (FirstRemindArgs) Kind() string { return "remind_first" }

// InsertOpts give the job a unique key as well: while it is kept, River
// inserts it once however often it is asked.
func (FirstRemindArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// FirstRemindWorker runs FirstRemindArgs.
type FirstRemindWorker struct {
	river.WorkerDefaults[FirstRemindArgs]
	Remind func(ctx context.Context) error
}

// Work scans.
func (w *FirstRemindWorker) Work(ctx context.Context, _ *river.Job[FirstRemindArgs]) error {
	return w.Remind(ctx)
}

// Timeout lets a scan of a million accounts finish.
func (w *FirstRemindWorker) Timeout(*river.Job[FirstRemindArgs]) time.Duration { return 2 * time.Hour }
