// Package jobs runs background work (mail, SMS, push, PDFs, period close,
// payment polling, reminders) on River, with jobs stored in the portal's own
// database on both engines. A job is inserted in the transaction of the
// change that causes it, so a rolled-back change never runs its job and a
// committed one survives a crash of the server.
package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// JobArgs is a job's payload; Kind names its worker. It is an alias so that
// consumers may declare the same interface without importing this package.
type JobArgs = interface{ Kind() string }

// Config is the queue's configuration.
type Config struct {
	// Engine is "sqlite" or "postgres"; DB is the pool the store writes with.
	Engine string
	DB     *sql.DB
	// Workers run the jobs; nil for a queue that only inserts. River
	// takes workers added to the bundle after the queue is made, and
	// reads them when it starts (see Queue.Workers).
	Workers *river.Workers
	// Periodic are jobs the queue inserts on a schedule while it works.
	Periodic []*river.PeriodicJob
	// MaxWorkers bounds concurrent jobs (default 50: most jobs wait on a
	// mail server, an SMS gateway or a bank, and a broadcast queues
	// thousands; 10 delivered 180 messages a second, 50 about 650).
	MaxWorkers int
	// PollInterval is how often idle workers look for new jobs (default 1s).
	PollInterval time.Duration
	// Retry decides when a failed job runs again; nil: River's default
	// (attempt⁴ seconds). Tests shorten it.
	Retry  river.ClientRetryPolicy
	Logger *slog.Logger
}

// Queue inserts and works jobs.
type Queue struct {
	client  *river.Client[*sql.Tx]
	workers *river.Workers
	working bool
}

// New migrates River's tables and returns a queue. Both engines go through
// database/sql, so a job can be inserted in the store's *sql.Tx.
func New(ctx context.Context, cfg Config) (*Queue, error) {
	var driver riverdriver.Driver[*sql.Tx]
	switch cfg.Engine {
	case "sqlite":
		driver = riversqlite.New(cfg.DB)
	case "postgres":
		driver = riverdatabasesql.New(cfg.DB)
	default:
		return nil, fmt.Errorf("jobs: unknown engine %q", cfg.Engine)
	}
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: quiet(cfg.Logger)})
	if err != nil {
		return nil, err
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("jobs: migrate: %w", err)
	}
	rc := &river.Config{Logger: quiet(cfg.Logger), FetchPollInterval: cfg.PollInterval, RetryPolicy: cfg.Retry}
	if cfg.PollInterval > 0 {
		rc.FetchCooldown = min(cfg.PollInterval, river.FetchCooldownDefault)
	}
	if cfg.Workers != nil {
		rc.Workers, rc.PeriodicJobs = cfg.Workers, cfg.Periodic
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cmp.Or(cfg.MaxWorkers, 50)},
			queueBulk: {MaxWorkers: 1}}
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, err
	}
	return &Queue{client: client, workers: cfg.Workers, working: cfg.Workers != nil}, nil
}

// quiet keeps River's own info logs out of the portal's log.
func quiet(l *slog.Logger) *slog.Logger {
	if l == nil {
		l = slog.Default()
	}
	return slog.New(levelFilter{l.Handler(), slog.LevelWarn})
}

// InsertTx inserts a job in tx; it runs only if tx commits. A job whose
// args have a RunAt time waits until then.
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, args JobArgs) error {
	opts := &river.InsertOpts{Queue: queueOf(args)}
	if s, ok := args.(interface{ RunAt() time.Time }); ok && !s.RunAt().IsZero() {
		opts.ScheduledAt = s.RunAt()
	}
	_, err := q.client.InsertTx(ctx, tx, args, opts)
	return err
}

// queueBulk is the queue of the jobs that make many others, one at a
// time: a broadcast's next batch must not wait behind the deliveries its
// last batch queued.
const queueBulk = "bulk"

func queueOf(args JobArgs) string {
	if args.Kind() == "broadcast_batch" {
		return queueBulk
	}
	return river.QueueDefault
}

// Start starts working jobs; it returns at once. A queue without workers
// only inserts.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	return q.client.Start(ctx)
}

// Stop waits for running jobs to finish, or until ctx is done.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	return q.client.Stop(ctx)
}

// Workers returns the bundle the queue runs its jobs with, to add the
// workers to before Start: the store needs its queue when it opens, and
// the workers need the services built on the store, so the application
// registers them last.
func (q *Queue) Workers() *river.Workers { return q.workers }

// Schedule adds jobs the queue inserts on a schedule while it works, with
// the workers that run them (Workers), before Start.
func (q *Queue) Schedule(periodic ...*river.PeriodicJob) error {
	_, err := q.client.PeriodicJobs().AddManySafely(periodic)
	return err
}

// Client returns the River client, for subscriptions in tests.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }
