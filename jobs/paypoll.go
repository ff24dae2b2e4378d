package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// PaymentPollArgs asks for the card payment orders whose callbacks never
// came to be resolved by asking the acquirer.
type PaymentPollArgs struct{}

// Kind names the job.
func (PaymentPollArgs) Kind() string { return "payment_poll" }

// PaymentPollWorker runs PaymentPollArgs. Resolving is idempotent (an order
// is credited once per operation whoever asks), so two polls at once, or a
// poll racing a callback, credit nothing twice.
type PaymentPollWorker struct {
	river.WorkerDefaults[PaymentPollArgs]
	Poll func(ctx context.Context) (int, error)
}

// Work resolves the overdue orders.
func (w *PaymentPollWorker) Work(ctx context.Context, _ *river.Job[PaymentPollArgs]) error {
	_, err := w.Poll(ctx)
	return err
}

// PaymentPollEvery schedules PaymentPollArgs at the given interval.
func PaymentPollEvery(d time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(d),
		func() (river.JobArgs, *river.InsertOpts) { return PaymentPollArgs{}, nil }, nil)
}
