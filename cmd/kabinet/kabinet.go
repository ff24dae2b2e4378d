package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"kabinet"
	"kabinet/cmd/kabinet/app"
	"kabinet/demo"
	"kabinet/jobs"
	"kabinet/sqlstore"
)

// Main is the whole program: tests start it on :0 against a temporary
// database with Run and stop it with Close.
type Main struct {
	Config Config
	log    *slog.Logger
	app    *app.App
	ln     net.Listener
	srv    *http.Server
	// metricsLn and metricsSrv serve /metrics on --metrics-listen.
	metricsLn  net.Listener
	metricsSrv *http.Server
	// draining is set by Drain: /readyz answers 503.
	draining atomic.Bool
}

// NewMain returns a program with the given configuration.
func NewMain(cfg Config, log *slog.Logger) *Main { return &Main{Config: cfg, log: log} }

// Run opens the database, builds or finishes the demo world if one is due,
// builds the application, starts the workers and starts serving. It
// returns once the portal listens; a world that is not complete is never
// served.
func (m *Main) Run(ctx context.Context) error {
	cfg := m.Config
	cal, err := cfg.Calendar()
	if err != nil {
		return err
	}
	db, q, err := app.Open(ctx, cfg, m.log)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db.Now = cal.Now
	m.app = &app.App{DB: db} // Close closes the database whatever fails next
	if err := ensureWorld(ctx, db, cfg, cal, m.log); err != nil {
		return err
	}
	if m.ln, err = net.Listen("tcp", cfg.Listen); err != nil {
		return err
	}
	if cfg.BaseURL == "" { // links in letters follow the port really served (":0" in tests)
		cfg.BaseURL = m.URL()
		m.Config.BaseURL = cfg.BaseURL
	}
	cfg.Bank.CallbackURL = m.URL() + "/payments/callback" // the demo's gateway calls the portal back
	a, err := app.New(ctx, cfg, db, q, m.log)
	if err != nil {
		return err
	}
	m.app = a
	if err := db.Exclusive(ctx, sqlstore.LockDemoWorld, func() error { return ensureDemoOperators(ctx, a) }); err != nil {
		return err
	}
	// A demo world's bills were issued in its build, where no reminder
	// scan runs: its first start tells of the latest bill, once.
	if _, err := db.TellWorld(ctx, jobs.FirstRemindArgs{}); err != nil {
		return err
	}
	if err := m.app.Start(ctx); err != nil {
		return err
	}
	m.serve()
	return m.listenMetrics(m.app.Site.Metrics())
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

// serve serves the site on the listener until Close.
func (m *Main) serve() {
	m.srv = &http.Server{Handler: m.drainable(m.app.Site), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(m.log.Handler(), slog.LevelWarn)}
	go func() {
		if err := m.srv.Serve(m.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("serve", "err", err)
		}
	}()
	m.log.Info("listening", "addr", m.ln.Addr().String(), "db", m.app.DB.Engine())
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
	switch {
	case m.srv != nil:
		errs = append(errs, m.srv.Shutdown(ctx))
	case m.ln != nil:
		errs = append(errs, m.ln.Close())
	}
	if m.metricsSrv != nil {
		errs = append(errs, m.metricsSrv.Shutdown(ctx))
	}
	if m.app != nil {
		errs = append(errs, m.app.Stop(ctx))
		if m.app.DB != nil {
			errs = append(errs, m.app.DB.Close())
		}
	}
	return errors.Join(errs...)
}

// ensureWorld builds the demo world on a database that has none, and
// finishes one that a crash left half-built. Servers started at once on
// a fresh database take turns: the first builds, the others find it built.
func ensureWorld(ctx context.Context, db *sqlstore.DB, cfg Config, cal kabinet.Calendar, log *slog.Logger) error {
	if w, err := db.FindWorld(ctx); err == nil && w.State == kabinet.WorldComplete {
		return nil // the usual start: no lock to wait for
	}
	return db.Exclusive(ctx, sqlstore.LockDemoWorld, func() error { return buildWorld(ctx, db, cfg, cal, log) })
}

func buildWorld(ctx context.Context, db *sqlstore.DB, cfg Config, cal kabinet.Calendar, log *slog.Logger) error {
	w, err := db.FindWorld(ctx)
	switch {
	case err == nil && w.State == kabinet.WorldComplete:
		return nil
	case err == nil:
		log.Info("finishing the demo world a previous run left half-built", "built", w.Built, "of", w.Accounts)
	case kabinet.ErrorCode(err) != kabinet.ENOTFOUND:
		return err
	case cfg.DemoAccounts <= 0:
		return nil
	default:
		log.Info("building the demo world", "accounts", cfg.DemoAccounts, "seed", cfg.DemoSeed)
	}
	_, err = demo.Build(ctx, db, demo.Options{Accounts: cfg.DemoAccounts, Seed: cfg.DemoSeed, Location: cal.Location, Today: cal.Now()})
	return err
}

// PrintWelcome prints where the portal is and, with a demo world, the
// documented accounts to sign in with.
func (m *Main) PrintWelcome(ctx context.Context, out io.Writer) {
	fmt.Fprintf(out, "\nЛичный кабинет: %s  (база данных: %s)\n", m.URL(), m.app.DB.Engine())
	if _, err := m.app.DB.FindWorld(ctx); err != nil {
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
