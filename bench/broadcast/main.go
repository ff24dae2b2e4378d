// Command broadcast measures a broadcast of the back office to every
// account of a demo world: the time to enqueue it (every batch written:
// bells, outbox rows and their delivery jobs) and the time to deliver
// (every e-mail and SMS handed to the fakes: the dev outbox for e-mail,
// a fake SMS.ru over HTTP for SMS). Every account is made a recipient
// first: a registered user with a consent, SMS and e-mail informing ticked.
//
//	go run ./bench/broadcast -accounts 100000 -db /tmp/broadcast-100k.db
//	go run ./bench/broadcast -accounts 100000 -db postgres://…/broadcast100k
//
// -remind also times one reminder scan (remind/) over the world, with
// its peak heap.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/office"
	"kabinet/sms/smstest"
	"kabinet/sqlstore"
)

func main() {
	dsn := flag.String("db", "/tmp/kabinet-broadcast.db", "database (a SQLite path or a postgres:// URL)")
	accounts := flag.Int("accounts", 100000, "homes in the demo world")
	workers := flag.Int("workers", 50, "concurrent jobs")
	doRemind := flag.Bool("remind", false, "also time one reminder scan")
	flag.Parse()
	ctx := context.Background()
	db, q, err := app.Open(ctx, app.Config{DB: *dsn, Jobs: app.JobsConfig{MaxWorkers: *workers, PollInterval: 50 * time.Millisecond}}, nil) // the store, with the queue the application runs on it
	check(err)
	defer db.Close()
	loc, err := time.LoadLocation("Asia/Irkutsk")
	check(err)

	start := time.Now()
	w, err := demo.Build(ctx, db, demo.Options{Accounts: *accounts, Seed: 1, Location: loc})
	check(err)
	fmt.Printf("demo world of %d homes on %s ready in %s\n", w.Accounts, db.Engine(), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	n, err := makeRecipients(ctx, db)
	check(err)
	fmt.Printf("%d accounts made recipients in %s\n", n, time.Since(start).Round(time.Millisecond))

	// The application informing at noon, so no SMS waits out the quiet
	// hours: e-mail kept in the outbox, SMS to a fake SMS.ru.
	fake := smstest.NewSMSRu(&benchTB{})
	cfg := app.DefaultConfig()
	cfg.Now = time.Date(2026, 11, 20, 12, 0, 0, 0, loc)
	cfg.SMS = app.SMSConfig{Provider: "smsru", APIID: fake.APIID, URL: fake.URL}
	cfg.Jobs = app.JobsConfig{MaxWorkers: *workers, PollInterval: 50 * time.Millisecond}
	cfg.Data, err = os.MkdirTemp("", "bench-broadcast")
	check(err)
	defer os.RemoveAll(cfg.Data)
	a, err := app.New(ctx, cfg, db, q, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	check(err)
	check(a.Start(ctx))
	defer a.Stop(ctx)

	admin := ensureAdmin(ctx, a)
	bs := a.Broadcasts
	bc, err := bs.Create(ctx, admin, office.BroadcastDraft{Title: "Плановое отключение", Text: "Завтра с 10:00 до 12:00 не будет электричества.",
		SMS: "Завтра 10-12 отключение электричества", Audience: kabinet.AudienceAll}, office.Client{IP: "127.0.0.1"})
	check(err)
	start = time.Now()
	bc, err = bs.Send(ctx, admin, bc.ID, office.Client{IP: "127.0.0.1"})
	check(err)
	fmt.Printf("broadcast № %d to %d accounts in %d batches\n", bc.ID, bc.Total, bc.Batches)
	var enqueued time.Duration
	for delivered := false; !delivered; {
		time.Sleep(100 * time.Millisecond)
		v, err := bs.Broadcast(ctx, admin, bc.ID)
		check(err)
		if enqueued == 0 && v.Done() {
			enqueued = time.Since(start)
			fmt.Printf("enqueued: %d accounts informed in %s (%.0f accounts/s); %d messages waiting\n",
				v.Informed, enqueued.Round(time.Millisecond), float64(v.Informed)/enqueued.Seconds(), v.Messages.Queued)
		}
		if enqueued != 0 && v.Messages.Queued == 0 {
			all := time.Since(start)
			fmt.Printf("delivered: %d sent, %d failed in %s from «Отправить» (%.0f messages/s); SMS.ru fake got %d\n",
				v.Messages.Sent, v.Messages.Failed, all.Round(time.Millisecond), float64(v.Messages.Sent+v.Messages.Failed)/all.Seconds(),
				len(fake.Messages()))
			delivered = true
		}
	}
	if *doRemind { // after the broadcast, so that neither slows the other
		scanReminders(ctx, a)
	}
}

// makeRecipients registers a user for every account that has none, with
// a consent and SMS and e-mail informing ticked; it returns how many.
func makeRecipients(ctx context.Context, db *sqlstore.DB) (int, error) {
	now := time.Now().UTC()
	var n int
	err := db.InTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM user_accounts ua WHERE ua.account_id = a.id) ORDER BY id`)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			email, phone := fmt.Sprintf("bench%d@example.org", id), fmt.Sprintf("7950%07d", id)
			var user int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO users (password_hash, email, phone, confirm_by, confirmed_at, created_at, password_changed_at)
				VALUES ('x', $1, $2, 'email', $3, $3, $3) RETURNING id`, email, phone, now).Scan(&user); err != nil {
				return err
			}
			for _, q := range []string{
				`INSERT INTO user_accounts (user_id, account_id, owner, name, created_at) VALUES ($1, $2, true, '', $3)`,
				`INSERT INTO consents (user_id, account_id, purposes, text_version, given_at, ip, user_agent) VALUES ($1, $2, 'bench', '1', $3, '127.0.0.1', 'bench')`,
			} {
				if _, err := tx.ExecContext(ctx, q, user, id, now); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO account_services (account_id, push, sms, phone, email_info, bill_paper, bill_email, email, updated_at)
				VALUES ($1, false, true, $2, true, false, false, $3, $4) ON CONFLICT (account_id) DO UPDATE SET sms = true, phone = $2, email_info = true, email = $3`,
				id, phone, email, now); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	return n, err
}

func ensureAdmin(ctx context.Context, a *app.App) *kabinet.Operator {
	o, err := a.DB.FindOperatorByLogin(ctx, "bench-admin")
	if err == nil {
		return o
	}
	added, err := a.Office.AddOperator(ctx,
		office.NewOperator{Login: "bench-admin", Name: "Бенчмарк", Role: kabinet.RoleAdmin, Password: "bench-admin-2026",
			TOTPSecret: "KABINETDEMOADMINKABINETDEMOADMIN"})
	check(err)
	return added.Operator
}

// scanReminders times one reminder scan and samples the peak heap.
func scanReminders(ctx context.Context, a *app.App) {
	runtime.GC()
	peak, stop := heapPeak()
	start := time.Now()
	st, err := a.Reminders.Run(ctx)
	check(err)
	elapsed := time.Since(start)
	stop()
	fmt.Printf("reminder scan: %d accounts, %d reminders written in %s; peak heap %.1f MiB\n",
		st.Accounts, st.Sent, elapsed.Round(time.Millisecond), float64(*peak)/(1<<20))
}

// heapPeak samples the live heap every 10 ms until stop.
func heapPeak() (*uint64, func()) {
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(finished)
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return &peak, func() { close(done); <-finished }
}

// benchTB lets the fake SMS.ru run outside a test: its complaints are
// logged.
type benchTB struct{ testing.TB }

func (benchTB) Helper()                           {}
func (benchTB) Cleanup(func())                    {}
func (benchTB) Errorf(format string, args ...any) { log.Printf(format, args...) }
func (benchTB) Fatalf(format string, args ...any) { log.Fatalf(format, args...) }

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
