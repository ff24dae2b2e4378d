package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"kabinet"
)

// BroadcastWorker runs kabinet.BroadcastBatch jobs: one batch of a
// broadcast each, whose transaction enqueues the next. A batch that runs
// again (a retry, or River rescuing the job after a crash) is skipped
// when its progress was committed, and written whole when it was not.
type BroadcastWorker struct {
	river.WorkerDefaults[kabinet.BroadcastBatch]
	Send func(ctx context.Context, broadcastID int64, batch int) error
}

// Work informs the job's batch.
func (w *BroadcastWorker) Work(ctx context.Context, job *river.Job[kabinet.BroadcastBatch]) error {
	return w.Send(ctx, job.Args.BroadcastID, job.Args.Batch)
}

// Timeout bounds one batch (a thousand account IDs).
func (w *BroadcastWorker) Timeout(*river.Job[kabinet.BroadcastBatch]) time.Duration {
	return 5 * time.Minute
}
