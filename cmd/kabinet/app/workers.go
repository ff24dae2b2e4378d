package app

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"kabinet"
	"kabinet/exchange"
	"kabinet/jobs"
	"kabinet/notify"
	"kabinet/sqlstore"
)

// workers migrates and opens the job queue on the store's database with
// every worker registered, and lets the store enqueue on it: the store is
// made before the queue whose workers use it, so it learns of the queue
// last.
func (a *App) workers(ctx context.Context) error {
	deliverer := &notify.Deliverer{Store: a.DB, Senders: a.Senders}
	ws := river.NewWorkers()
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
	var q *jobs.Queue
	// The queue migrates its schema: servers started at once take turns.
	err := a.DB.Exclusive(ctx, sqlstore.LockMigrate, func() (err error) {
		q, err = jobs.New(ctx, jobs.Config{Engine: a.DB.Engine(), DB: a.DB.SQL(), Workers: ws, Logger: a.Log, Periodic: periodic,
			MaxWorkers: a.Config.Jobs.MaxWorkers, PollInterval: a.Config.Jobs.PollInterval})
		return err
	})
	if err != nil {
		return fmt.Errorf("job queue: %w", err)
	}
	a.DB.Jobs, a.Queue = q, q
	return nil
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
