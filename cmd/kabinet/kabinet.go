package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"kabinet"
	"kabinet/auth"
	"kabinet/demo"
	"kabinet/home"
	"kabinet/jobs"
	"kabinet/notify"
	"kabinet/office"
	"kabinet/payments"
	"kabinet/pdf"
	"kabinet/readings"
	"kabinet/requests"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
	"kabinet/web"
)

// Main is the whole program: tests start it on :0 against a temporary
// database with Run and stop it with Close.
type Main struct {
	Config     Config
	log        *slog.Logger
	cal        kabinet.Calendar // the clock and the supplier's time zone
	db         *sqlstore.DB
	queue      *jobs.Queue
	auth       *auth.Service
	pay        *payments.Service
	office     *office.Service
	broadcasts *office.Broadcasts
	reqs       *requests.Service
	bank       *sberbanktest.Bank // the demo's gateway, nil with a real one
	inform     *informing
	ln         net.Listener
	srv        *http.Server
	// metricsLn and metricsSrv serve /metrics on --metrics-listen.
	metricsLn  net.Listener
	metricsSrv *http.Server
}

// NewMain returns a program with the given configuration.
func NewMain(cfg Config, log *slog.Logger) *Main { return &Main{Config: cfg, log: log} }

// Run opens the database, builds or finishes the demo world if one is due,
// starts the workers and starts serving. It returns once the portal
// listens; a world that is not complete is never served.
func (m *Main) Run(ctx context.Context) (err error) {
	if m.cal, err = m.Config.calendar(); err != nil {
		return err
	}
	if m.db, err = sqlstore.Open(ctx, m.Config.dsn()); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	m.db.Now = m.cal.Now
	if err := m.ensureWorld(ctx); err != nil {
		return err
	}
	if m.inform, err = m.newInforming(ctx); err != nil {
		return err
	}
	deliverer, err := m.deliverer()
	if err != nil {
		return err
	}
	var closeLast func(context.Context) error
	if m.Config.BuiltinBilling {
		closeLast = m.closeLastPeriod
	}
	if m.pay, m.bank, err = m.newPayments(); err != nil {
		return err
	}
	if m.queue, err = newQueue(ctx, m.db, m.log, deliverer, closeLast, m.pay, m.Config.Bank.PollEvery, m.remind, m.inform.broadcast.SendBatch,
		m.inbox()); err != nil {
		return err
	}
	if err := m.queue.Start(ctx); err != nil {
		return err
	}
	if m.auth, err = m.newAuth(); err != nil {
		return err
	}
	m.office = newOffice(m.db, m.Config.SupplierName, m.cal)
	m.broadcasts = office.NewBroadcasts(m.db)
	if err := m.ensureDemoOperators(ctx); err != nil {
		return err
	}
	return m.listen()
}

// newQueue migrates and opens the job queue on the store's database, with
// every worker registered, and lets the store enqueue on it. closeLast, if
// not nil, is scheduled to close the last ended month.
func newQueue(ctx context.Context, db *sqlstore.DB, log *slog.Logger, d *notify.Deliverer, closeLast func(context.Context) error,
	pay *payments.Service, pollEvery time.Duration, remind func(context.Context) error,
	broadcast func(context.Context, int64, int) error, inbox func(context.Context) error) (*jobs.Queue, error) {
	ws := river.NewWorkers()
	river.AddWorker(ws, &jobs.OptimizeWorker{DB: db})
	river.AddWorker(ws, &jobs.DeliverWorker{Deliver: d.Deliver})
	river.AddWorker(ws, &jobs.PruneWorker{DB: db})
	river.AddWorker(ws, &jobs.PaymentPollWorker{Poll: pay.Poll})
	river.AddWorker(ws, &jobs.AutopayWorker{Run: pay.RunAutopay})
	river.AddWorker(ws, &jobs.RemindWorker{Remind: remind})
	river.AddWorker(ws, &jobs.BroadcastWorker{Send: broadcast})
	periodic := []*river.PeriodicJob{jobs.OptimizeEvery(6 * time.Hour), jobs.PruneEvery(time.Hour),
		jobs.PaymentPollEvery(cmp.Or(pollEvery, time.Minute)), jobs.AutopayEvery(time.Hour), jobs.RemindEvery(3 * time.Hour)}
	if inbox != nil {
		river.AddWorker(ws, &jobs.InboxWorker{Scan: inbox})
		periodic = append(periodic, jobs.InboxEvery(time.Minute))
	}
	if closeLast != nil {
		river.AddWorker(ws, &jobs.CloseWorker{Close: closeLast})
		periodic = append(periodic, jobs.CloseEvery(6*time.Hour))
	}
	q, err := jobs.New(ctx, jobs.Config{Engine: db.Engine(), DB: db.SQL(), Workers: ws, Logger: log, Periodic: periodic})
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	db.Jobs = q
	return q, nil
}

func (m *Main) listen() error {
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	write, read := m.db.Pools()
	registry.MustRegister(collectors.NewDBStatsCollector(write, "write"))
	if read != write {
		registry.MustRegister(collectors.NewDBStatsCollector(read, "read"))
	}
	homes := home.New(m.db, m.cal)
	var err error
	if m.reqs, err = m.newRequests(homes); err != nil {
		return err
	}
	m.office.UseRequests(m.reqs)
	site, err := web.New(web.Config{SupplierName: m.Config.SupplierName, BaseURL: m.Config.BaseURL, Dev: m.Config.Dev,
		DevOutbox: m.Config.devOutbox(), TrustProxy: m.Config.TrustProxy, AgentURL: m.Config.AgentURL, Location: m.cal.Location,
		MetricsToken: m.Config.MetricsToken},
		web.Deps{Logger: m.log, Registry: registry, Pinger: m.db, Auth: m.auth, Outbox: m.db, Accounts: m.db,
			Payments: m.pay, DevBank: m.devBank(), Home: homes, PDF: m.renderer(),
			Readings: readings.New(m.db, m.cal), Push: m.inform.push, Unsubscribe: m.inform.unsub,
			Office: m.office, Requests: m.reqs, Broadcasts: m.broadcasts, Exchange: m.exchangeAPI()})
	if err != nil {
		return err
	}
	if m.ln, err = net.Listen("tcp", m.Config.Listen); err != nil {
		return err
	}
	if m.bank != nil {
		m.bank.SetCallbackURL(m.URL() + "/payments/callback")
	}
	m.srv = &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(m.log.Handler(), slog.LevelWarn)}
	go func() {
		if err := m.srv.Serve(m.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("serve", "err", err)
		}
	}()
	m.log.Info("listening", "addr", m.ln.Addr().String(), "db", m.db.Engine())
	return m.listenMetrics(site.Metrics())
}

// listenMetrics serves /metrics alone on --metrics-listen, if set.
func (m *Main) listenMetrics(metrics http.Handler) error {
	if m.Config.MetricsListen == "" {
		return nil
	}
	var err error
	if m.metricsLn, err = net.Listen("tcp", m.Config.MetricsListen); err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics)
	m.metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := m.metricsSrv.Serve(m.metricsLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("serve metrics", "err", err)
		}
	}()
	m.log.Info("metrics", "addr", m.metricsLn.Addr().String())
	return nil
}

// URL returns the address the portal listens on, for tests and the welcome.
func (m *Main) URL() string {
	if m.ln == nil {
		return ""
	}
	return "http://" + hostPort(m.ln.Addr())
}

func hostPort(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

// Close stops taking requests and waits for those in flight (until ctx
// ends), then stops the workers and closes the database.
func (m *Main) Close(ctx context.Context) error {
	var errs []error
	if m.srv != nil {
		errs = append(errs, m.srv.Shutdown(ctx))
	}
	if m.metricsSrv != nil {
		errs = append(errs, m.metricsSrv.Shutdown(ctx))
	}
	if m.queue != nil {
		errs = append(errs, m.queue.Stop(ctx))
	}
	if m.db != nil {
		errs = append(errs, m.db.Close())
	}
	return errors.Join(errs...)
}

// ensureWorld builds the demo world on a database that has none, and
// finishes one that a crash left half-built.
func (m *Main) ensureWorld(ctx context.Context) error {
	w, err := m.db.FindWorld(ctx)
	switch {
	case err == nil && w.State == sqlstore.WorldComplete:
		return nil
	case err == nil:
		m.log.Info("finishing the demo world a previous run left half-built", "built", w.Built, "of", w.Accounts)
	case kabinet.ErrorCode(err) != kabinet.ENOTFOUND:
		return err
	case m.Config.DemoAccounts <= 0:
		return nil
	default:
		m.log.Info("building the demo world", "accounts", m.Config.DemoAccounts, "seed", m.Config.DemoSeed)
	}
	_, err = demo.Build(ctx, m.db, demo.Options{Accounts: m.Config.DemoAccounts, Seed: m.Config.DemoSeed, Location: m.cal.Location, Today: m.cal.Now()})
	return err
}

// PrintWelcome prints where the portal is and, with a demo world, the
// documented accounts to sign in with.
func (m *Main) PrintWelcome(ctx context.Context, out io.Writer) {
	fmt.Fprintf(out, "\nЛичный кабинет: %s  (база данных: %s)\n", m.URL(), m.db.Engine())
	if _, err := m.db.FindWorld(ctx); err != nil {
		return
	}
	fmt.Fprintln(out, "Демо-счета (номер лицевого счёта / фамилия или пароль):")
	for _, l := range demo.Logins() {
		secret := "фамилия «" + l.Surname + "»"
		if l.Password != "" {
			secret = "пароль «" + l.Password + "»"
		}
		fmt.Fprintf(out, "  %-14s %-22s %s\n", l.Number, secret, l.About)
	}
	fmt.Fprintf(out, "Рабочее место оператора: %s/office/  (логин / пароль / секрет TOTP для приложения-аутентификатора):\n", m.URL())
	for _, o := range demo.Operators() {
		fmt.Fprintf(out, "  %-9s %-16s %s  %s\n", o.Login, o.Password, o.TOTPSecret, o.Role.Title())
	}
	fmt.Fprintln(out)
}

// devBank is the demo's gateway as a handler, nil with a real acquirer.
func (m *Main) devBank() http.Handler {
	if m.bank == nil {
		return nil
	}
	return m.bank
}

// renderer is the PDF renderer of bills and statements, dating them in
// the supplier's time zone.
func (m *Main) renderer() *pdf.Renderer {
	r := pdf.NewRenderer()
	r.Location = m.cal.Location
	return r
}
