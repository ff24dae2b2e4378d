package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"kabinet"
)

// DeliverWorker runs kabinet.DeliverMessage jobs. A returned error makes
// River retry the job with backoff, so a message waits out an SMTP server
// or SMS gateway that is down.
type DeliverWorker struct {
	river.WorkerDefaults[kabinet.DeliverMessage]
	Deliver func(ctx context.Context, messageID int64) error
}

// Work delivers the job's message.
func (w *DeliverWorker) Work(ctx context.Context, job *river.Job[kabinet.DeliverMessage]) error {
	return w.Deliver(ctx, job.Args.MessageID)
}
