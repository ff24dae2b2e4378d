package app

import (
	"cmp"
	"context"
	"database/sql"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"kabinet"
	"kabinet/exchange"
	"kabinet/jobs"
	"kabinet/notify"
	"kabinet/sqlstore"
)

// Open opens the store with its job queue. Each needs the other: a job
// is inserted in the transaction of the change that causes it, so the
// store is given its queue at open; and the queue keeps its jobs in the
// store's database, on the pool the store opens, so the store makes the
// queue (sqlstore.WithJobs) once that pool exists. The queue's workers run
// services built on the store, so New registers them last, before Start
// (River reads its workers and schedules when it starts).
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*sqlstore.DB, *jobs.Queue, error) {
	var q *jobs.Queue
	newQueue := func(ctx context.Context, engine string, pool *sql.DB) (sqlstore.JobInserter, error) {
		var err error
		q, err = jobs.New(ctx, jobs.Config{Engine: engine, DB: pool, Workers: river.NewWorkers(), Logger: log,
			MaxWorkers: cfg.Jobs.MaxWorkers, PollInterval: cfg.Jobs.PollInterval})
		return q, err
	}
	db, err := sqlstore.Open(ctx, cfg.DSN(), sqlstore.WithJobs(newQueue))
	if err != nil {
		return nil, nil, err
	}
	return db, q, nil
}

// workers registers every worker, and the schedules of the periodic ones,
// on the queue the store was opened with (Open), now that the services
// they run exist.
func (a *App) workers(context.Context) error {
	deliverer := &notify.Deliverer{Store: a.DB, Senders: a.Senders}
	ws := a.Queue.Workers()
	river.AddWorker(ws, &jobs.OptimizeWorker{DB: a.DB})
	river.AddWorker(ws, &jobs.DeliverWorker{Deliver: deliverer.Deliver})
	river.AddWorker(ws, &jobs.PruneWorker{DB: a.DB})
	river.AddWorker(ws, &jobs.PaymentPollWorker{Poll: a.Payments.Poll})
	river.AddWorker(ws, &jobs.AutopayWorker{Run: a.Payments.RunAutopay})
	river.AddWorker(ws, &jobs.RemindWorker{Remind: a.remind})
	river.AddWorker(ws, &jobs.FirstRemindWorker{Remind: a.remind})
	river.AddWorker(ws, &jobs.BroadcastWorker{Send: a.Broadcaster.SendBatch})
	river.AddWorker(ws, &jobs.SweepWorker{Sweep: a.sweepFiles})
	periodic := []*river.PeriodicJob{jobs.OptimizeEvery(6 * time.Hour), jobs.PruneEvery(time.Hour), jobs.SweepEvery(6 * time.Hour),
		jobs.PaymentPollEvery(cmp.Or(a.Config.Bank.PollEvery, time.Minute)), jobs.AutopayEvery(time.Hour), jobs.RemindEvery(cmp.Or(a.Config.RemindEvery, 3*time.Hour))}
	if a.Config.ExchangeInbox != "" {
		river.AddWorker(ws, &jobs.InboxWorker{Scan: a.scanInbox})
		periodic = append(periodic, jobs.InboxEvery(time.Minute))
	}
	if a.Config.BuiltinBilling {
		river.AddWorker(ws, &jobs.CloseWorker{Close: a.closeLastPeriod})
		periodic = append(periodic, jobs.CloseEvery(cmp.Or(a.Config.CloseEvery, 6*time.Hour)))
	}
	return a.Queue.Schedule(periodic...)
}

// remind runs one reminder scan and logs what it did.
func (a *App) remind(ctx context.Context) error {
	st, err := a.Reminders.Run(ctx)
	a.Log.Info("reminders", "accounts", st.Accounts, "sent", st.Sent, "err", err)
	return err
}

// sweepFiles removes the files of requests never saved, a day old: no
// upload on any server takes that long.
func (a *App) sweepFiles(ctx context.Context) error {
	n, err := a.Requests.SweepFiles(ctx, 24*time.Hour)
	if n > 0 || err != nil {
		a.Log.Info("files sweep", "removed", n, "err", err)
	}
	return err
}

// closeLastPeriod closes the period before the current one in the
// supplier's time zone: the scheduled close. A close that issues the
// bills is followed by a reminder scan at once, so customers hear of
// their new bill the day it is issued, not at the next scheduled scan.
func (a *App) closeLastPeriod(ctx context.Context) error {
	p := a.Calendar.Period().Add(-1)
	before, err := a.DB.FindPeriodClose(ctx, p)
	if err == nil && before.State == kabinet.CloseDone {
		return nil
	}
	if _, err := a.Billing.Close(ctx, p); err != nil {
		return err
	}
	return a.remind(ctx)
}

// scanInbox imports the files the billing system dropped into the inbox.
func (a *App) scanInbox(ctx context.Context) error {
	in := &exchange.Inbox{Dir: a.Config.ExchangeInbox, Importer: a.Importer()}
	n, err := in.Scan(ctx)
	if n > 0 {
		a.Log.Info("exchange inbox", "files", n, "err", err)
	}
	return err
}
