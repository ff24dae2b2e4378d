// Package app builds the application's graph, once and in one place:
// configuration → store → services → sites → workers. The kabinet command
// serves it, its whole-program tests start it on :0, and the benchmarks
// measure it; nothing else wires services by hand.
package app

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"

	"kabinet"
	"kabinet/api"
	"kabinet/auth"
	"kabinet/billing"
	"kabinet/billrun"
	"kabinet/exchange"
	"kabinet/exchangeapi"
	"kabinet/home"
	"kabinet/jobs"
	"kabinet/letters"
	"kabinet/notify"
	"kabinet/office"
	"kabinet/password"
	"kabinet/payments"
	"kabinet/pdf"
	"kabinet/readings"
	"kabinet/remind"
	"kabinet/requests"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
	"kabinet/web"
	"kabinet/webpush"
)

// hashConcurrency bounds argon2id at four hashes at once: 256 MiB at most,
// and on two cores more would only queue inside the CPU.
const hashConcurrency = 4

// App is the application: its calendar and store, what is made once
// (letter templates, the PDF renderer, the senders), the services, the
// site and the workers.
type App struct {
	Config   Config
	Log      *slog.Logger
	Calendar kabinet.Calendar // the one clock and the supplier's zone
	DB       *sqlstore.DB

	PDF     *pdf.Renderer   // dates in the supplier's zone
	Letters *letters.Writer // every e-mail's words and templates
	Senders map[kabinet.Channel]kabinet.Sender
	Hasher  *password.Hasher // argon2id for customers and operators

	// Due is the one source of due dates: what imported bills printed,
	// else the rules («Главная», the forecast, the reminders, the close).
	Due *billing.DueSource

	Auth        *auth.Service
	Home        *home.Service
	Readings    *readings.Service
	Requests    *requests.Service
	Payments    *payments.Service
	Bank        *sberbanktest.Bank // the demo's gateway, nil with a real one
	Office      *office.Service
	Broadcasts  *office.Broadcasts
	Informer    *notify.Informer
	Broadcaster *notify.Broadcaster
	Reminders   *remind.Reminders
	Billing     *billrun.Engine // the month close
	Push        *webpush.Subscriptions
	Unsubscribe *notify.Unsubscriber
	Files       requests.Files      // attachments, in the configured store
	Exchange    *exchangeapi.Server // the billing exchange over HTTP

	Site  *web.Server
	Queue *jobs.Queue // not started: Start runs the workers
}

// New builds the application on a store and its job queue, opened
// together (Open). The workers do not run until Start.
func New(ctx context.Context, cfg Config, db *sqlstore.DB, q *jobs.Queue, log *slog.Logger) (*App, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = cfg.ListenURL()
	}
	a := &App{Config: cfg, Log: log, DB: db, Queue: q}
	var err error
	if a.Calendar, err = cfg.Calendar(); err != nil {
		return nil, err
	}
	db.Now = a.Calendar.Now // the store stamps its rows on the same clock
	for _, step := range []func(context.Context) error{a.once, a.services, a.site, a.workers} {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// once makes what every service shares: the password hasher, the letter
// templates, the PDF renderer (dating in the supplier's zone) and the
// channels' senders.
func (a *App) once(ctx context.Context) (err error) {
	a.Hasher = password.NewHasher(a.Config.PasswordCost, hashConcurrency)
	if a.Letters, err = letters.NewWriter(a.Config.SupplierName, a.Calendar); err != nil {
		return err
	}
	a.PDF = NewRenderer(a.Calendar)
	return a.senders(ctx)
}

// services builds the use cases on the store.
func (a *App) services(ctx context.Context) error {
	cfg, db, cal := a.Config, a.DB, a.Calendar
	ac := cfg.Auth
	ac.BaseURL, ac.SupplierName, ac.Calendar = cfg.BaseURL, cfg.SupplierName, cal
	a.Auth = auth.New(db, a.Hasher, a.Letters, ac)
	a.Due = billing.NewDueSource(db.FindBillDueDates)
	a.Home = home.New(db, cal)
	a.Home.Due = a.Due
	a.Readings = readings.New(db, cal)
	var err error
	if a.Files, err = NewFiles(ctx, cfg, db); err != nil {
		return err
	}
	a.Requests = requests.New(db, a.Files, a.Home, a.PDF, a.Letters, cfg.Requests, cal)
	a.Requests.Due = a.Due
	if a.Payments, a.Bank, err = a.newPayments(); err != nil {
		return err
	}
	a.Office = newOffice(db, a.Requests, a.Hasher, cfg.SupplierName, cal)
	a.Broadcasts = office.NewBroadcasts(db)
	a.Billing = billrun.New(db, cal)
	a.Billing.Due = a.Due.Rules // the close charges penalties by the same due dates the pages show
	return a.informing(ctx)
}

// site builds the web shell with its sites, once: the customer portal at
// /, the back office at /office/, and the billing exchange for machine
// clients at /api/exchange/ (web.New mounts each).
func (a *App) site(context.Context) (err error) {
	cfg := a.Config
	var bank http.Handler
	if a.Bank != nil {
		bank = a.Bank
	}
	a.Site, err = web.New(web.Config{SupplierName: cfg.SupplierName, BaseURL: cfg.BaseURL, Dev: cfg.Dev,
		DevOutbox: cfg.DevOutbox(), TrustProxy: cfg.TrustProxy, AgentURL: cfg.AgentURL, BusinessURL: cfg.BusinessURL, Location: a.Calendar.Location,
		MetricsToken: cfg.MetricsToken, Active: a.activeRequests()},
		web.Deps{Logger: a.Log, Registry: newRegistry(a.DB), Pinger: a.DB, Auth: a.Auth, Outbox: a.DB, Accounts: a.DB,
			Payments: a.Payments, DevBank: bank, Home: a.Home, PDF: a.PDF, Readings: a.Readings,
			Push: a.Push, Unsubscribe: a.Unsubscribe, Office: a.Office, Requests: a.Requests, Broadcasts: a.Broadcasts,
			Exchange: a.exchangeAPI(), API: a.customerAPI()})
	return err
}

// activeRequests is how many requests the web shell serves at once: as
// configured, or four per core, but no more than the pool that serves
// pages has connections, so that the requests wait in the shell's
// orderly queue rather than in the pool's (web.Config.Active).
func (a *App) activeRequests() int {
	switch n := a.Config.ActiveRequests; {
	case n < 0:
		return 0 // no limit
	case n > 0:
		return n
	}
	return min(4*runtime.GOMAXPROCS(0), a.DB.ReadConns())
}

// customerAPI is the customer's JSON API for the mobile app, on the
// portal's own services, mounted by the web shell under /api/.
func (a *App) customerAPI() http.Handler {
	return api.New(api.Config{TrustProxy: a.Config.TrustProxy, BaseURL: a.Config.BaseURL}, api.Deps{Logger: a.Log, Auth: a.Auth, Home: a.Home,
		Readings: a.Readings, Payments: a.Payments, Requests: a.Requests, PDF: a.PDF})
}

// exchangeAPI is the billing exchange over HTTP, mounted by the web shell
// under /api/exchange/.
func (a *App) exchangeAPI() http.Handler {
	a.Exchange = exchangeapi.New(exchangeapi.Config{TrustProxy: a.Config.TrustProxy}, exchangeapi.Deps{Logger: a.Log,
		Tokens: exchange.NewTokens(a.DB), Exporter: &exchange.Exporter{Store: a.DB, Files: a.Requests},
		Importer: a.Importer()})
	return a.Exchange
}

// NewRenderer returns the PDF renderer of bills and statements, dating
// them in the supplier's time zone.
func NewRenderer(cal kabinet.Calendar) *pdf.Renderer {
	r := pdf.NewRenderer()
	r.Location = cal.Location
	return r
}

// NewOffice returns the back-office service alone, for the commands that
// manage operators.
func NewOffice(db *sqlstore.DB, cfg Config, cal kabinet.Calendar) *office.Service {
	return newOffice(db, nil, password.NewHasher(nil, hashConcurrency), cfg.SupplierName, cal)
}

func newOffice(db *sqlstore.DB, reqs office.Requests, hasher *password.Hasher, issuer string, cal kabinet.Calendar) *office.Service {
	oc := office.DefaultConfig()
	oc.Calendar = cal
	if issuer != "" {
		oc.Issuer = issuer
	}
	return office.New(db, reqs, hasher, oc)
}

// Start runs the workers.
func (a *App) Start(ctx context.Context) error { return a.Queue.Start(ctx) }

// Stop stops the workers, waiting for the jobs in hand until ctx ends.
func (a *App) Stop(ctx context.Context) error {
	if a.Queue == nil {
		return nil
	}
	return a.Queue.Stop(ctx)
}

// ServerGC is the garbage collector's target for a serving process, unless
// GOGC in the environment sets one: a server's live heap is some tens of
// MB and its pages allocate fast, so at Go's default of 100 the collector
// ran often and was some 10 % of «Главная»'s CPU (issue 17). 400 lets the
// heap grow to five times the live data between collections.
const ServerGC = 400

// TuneGC sets ServerGC, unless GOGC is set. `kabinet serve`, `kabinet
// import` and the benchmarks of both call it: an import's chunks are
// short-lived garbage too, and at 100 the collector's share of the two
// cores slowed the one writer (a 100,000-home import 1 min 56 s → 1 min
// 40 s at 400).
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ServerGC)
	}
}
