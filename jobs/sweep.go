package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// SweepArgs asks for the files of requests that were never saved to be
// removed (a directory or a bucket; the database keeps none).
type SweepArgs struct{}

// Kind names the job.
func (SweepArgs) Kind() string { return "files_sweep" }

// SweepWorker runs SweepArgs.
type SweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	Sweep func(ctx context.Context) error
}

// Work sweeps.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error { return w.Sweep(ctx) }

// SweepEvery schedules SweepArgs at the given interval, and once at start.
func SweepEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})
}
