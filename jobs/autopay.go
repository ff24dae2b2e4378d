package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// AutopayArgs asks for autopay's run: notices of tomorrow's charges, the
// charges due, and the cleanup of what a run killed midway left.
type AutopayArgs struct{}

// Kind names the job.
func (AutopayArgs) Kind() string { return "autopay" }

// AutopayWorker runs AutopayArgs. Every charge is claimed in the database
// before the bank is called, so two runs at once, or a run after one that
// died, charge no bill twice.
type AutopayWorker struct {
	river.WorkerDefaults[AutopayArgs]
	Run func(ctx context.Context) (int, error)
}

// Work runs autopay.
func (w *AutopayWorker) Work(ctx context.Context, _ *river.Job[AutopayArgs]) error {
	_, err := w.Run(ctx)
	return err
}

// AutopayEvery schedules AutopayArgs at the given interval.
func AutopayEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return AutopayArgs{}, nil }, nil)
}

// Timeout lets a run over many accounts finish; one cut short is resumed
// by the next without charging twice.
func (w *AutopayWorker) Timeout(*river.Job[AutopayArgs]) time.Duration { return 30 * time.Minute }
