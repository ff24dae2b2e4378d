package app

import (
	"fmt"

	"net"
	"path/filepath"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/filestore"
	"kabinet/mail"
	"kabinet/requests"
)

// Config is all of the portal's configuration: one struct with defaults,
// read from flags and KABINET_* environment variables by the kabinet
// command and nowhere else, and passed down as plain values.
type Config struct {
	Listen string // KABINET_LISTEN
	// MetricsListen, if set, serves /metrics on this address (a private
	// one) instead of the portal's; MetricsToken, if set, serves it on the
	// portal's address to a bearer of the token. With neither there is no
	// /metrics.
	MetricsListen string // KABINET_METRICS_LISTEN
	MetricsToken  string // KABINET_METRICS_TOKEN
	Data          string // KABINET_DATA: directory for the SQLite file and uploads
	DB            string // KABINET_DB: a SQLite path or a postgres:// URL; default Data/kabinet.db
	BaseURL       string // KABINET_BASE_URL: the public address, for links in mail and SMS
	TimeZone      string // KABINET_TIME_ZONE: the supplier's calendar (reading window, due dates)
	SupplierName  string // KABINET_SUPPLIER_NAME
	// Now, if set, starts the application's clock at that instant instead
	// of the real time: tests and demos live on a fixed day with it.
	Now time.Time // KABINET_NOW
	// Clock, if set, is the application's clock, winning over Now: the
	// web tests move it to cross a day or a deadline. No flag.
	Clock func() time.Time
	// PasswordCost, if set, replaces argon2id's default cost of new
	// password hashes: the web tests lower it, as what they test is the
	// flow, not the hash. No flag.
	PasswordCost *argon2id.Params
	// DemoAccounts is the size of the demo world built when the database has
	// none; 0 serves the database as it is.
	DemoAccounts int   // KABINET_DEMO_ACCOUNTS
	DemoSeed     int64 // KABINET_DEMO_SEED
	// ShutdownTimeout bounds how long SIGTERM waits for requests in flight.
	ShutdownTimeout time.Duration // KABINET_SHUTDOWN_TIMEOUT
	// DrainGrace is how long SIGTERM keeps serving with /readyz at 503
	// before it stops taking connections: the load balancer's health
	// checks see the server go in that time.
	DrainGrace time.Duration // KABINET_DRAIN_GRACE
	Dev        bool          // KABINET_DEV: error details on error pages
	// BuiltinBilling closes each month with the portal's own billing; a
	// supplier whose billing system feeds the ledger turns it off.
	BuiltinBilling bool // KABINET_BUILTIN_BILLING
	// TrustProxy takes the client's address from X-Forwarded-For (behind a
	// reverse proxy only: otherwise anyone could dodge the per-IP limits).
	TrustProxy bool // KABINET_TRUST_PROXY
	// ActiveRequests is how many requests of the portal and the back
	// office work at once, the others waiting their turn in order; 0
	// takes four per core, at most the database pool's connections; -1
	// sets no limit.
	ActiveRequests int // KABINET_ACTIVE_REQUESTS
	// SMTP sends e-mail; with no host, letters stay in the outbox and the
	// demo shows them at /dev/mail.
	SMTP mail.SMTPConfig // KABINET_SMTP_*
	// SMS sends texts; provider "dev" keeps them in the outbox (/dev/sms).
	SMS SMSConfig // KABINET_SMS_*
	// Bank is the card acquirer; "demo" serves its own payment page.
	Bank BankConfig // KABINET_BANK_*
	// AgentURL is a payment agent's page for an account, {account}
	// standing for its number; empty shows no link.
	AgentURL string // KABINET_AGENT_URL
	// BusinessURL is the cabinet for legal entities the sign-in form's
	// «Для юридических лиц» leads to; empty hides the choice.
	BusinessURL string // KABINET_BUSINESS_URL
	// ExchangeInbox is a directory the billing system drops its files
	// into, imported by a job every minute; empty: no inbox.
	ExchangeInbox string // KABINET_EXCHANGE_INBOX
	// CloseEvery and RemindEvery are how often the month close and the
	// reminder scan are scheduled; one server of those sharing the
	// database (the queue's leader) runs each.
	CloseEvery  time.Duration // KABINET_CLOSE_EVERY
	RemindEvery time.Duration // KABINET_REMIND_EVERY
	// Files is where attachments are kept: "db", "dir" (<data>/uploads)
	// or "s3://bucket/prefix"; empty: the database on PostgreSQL, the
	// directory on SQLite (FilesKind).
	Files string // KABINET_FILES
	// S3 reaches the object store of an s3:// Files.
	S3 filestore.S3Config // KABINET_S3_*

	// Auth and Requests are the limits of sign-in and of requests (no
	// flags: the defaults are the manual's; benchmarks lift the per-IP
	// limits, all their customers coming from one address).
	Auth     auth.Config
	Requests requests.Config
	// Jobs bounds the workers (zero: the queue's defaults); benchmarks
	// raise them.
	Jobs JobsConfig
}

// JobsConfig tunes the job queue.
type JobsConfig struct {
	MaxWorkers   int           // concurrent jobs
	PollInterval time.Duration // how often idle workers look for jobs
}

// SMSConfig chooses and configures the SMS gateway.
type SMSConfig struct {
	Provider string // "dev", "smsru" or "smsc"
	APIID    string // SMS.ru
	Login    string // SMSC
	Password string // SMSC
	Sender   string // approved sender name, optional
	URL      string // the gateway's base URL, to reach a test double
}

// BankConfig chooses the card acquirer.
type BankConfig struct {
	// Provider is "demo" (a fake gateway served by the portal itself under
	// /dev/bank/, test cards only) or "sberbank".
	Provider string
	URL      string // the gateway; default Sberbank's test host
	User     string // the "-api" account
	Password string
	// CallbackKey is the merchant's symmetric key for callback checksums.
	CallbackKey string
	// PollEvery is how often orders whose callbacks never came are asked
	// about.
	PollEvery time.Duration
	// CallbackURL is where the demo's gateway sends its callbacks: the
	// portal's own address, known once it listens.
	CallbackURL string
	// TaxSystem and TaxType are what the fiscal receipts (54-ФЗ) sent
	// with every order say about taxes (sberbank.Fiscal).
	TaxSystem, TaxType int
}

// DefaultConfig returns the configuration of `go run ./cmd/kabinet`: the
// embedded SQLite database under ./data with a demo world of 1,000 homes.
func DefaultConfig() Config {
	return Config{
		Listen:          ":8080",
		Data:            "./data",
		TimeZone:        "Asia/Irkutsk",
		SupplierName:    "ООО «Демо-Энергосбыт»",
		DemoAccounts:    1000,
		DemoSeed:        1,
		BuiltinBilling:  true,
		ShutdownTimeout: 30 * time.Second,
		DrainGrace:      5 * time.Second,
		CloseEvery:      6 * time.Hour,
		RemindEvery:     3 * time.Hour,
		SMTP:            mail.SMTPConfig{Port: 25, From: "noreply@kabinet.local", FromName: "Личный кабинет", TLS: "starttls", Timeout: 15 * time.Second},
		SMS:             SMSConfig{Provider: "dev"},
		Bank:            BankConfig{Provider: "demo", PollEvery: time.Minute},
		Auth:            auth.DefaultConfig(),
		Requests:        requests.DefaultConfig(),
	}
}

// ListenURL is the public address when --base-url is not given: http and
// the --listen address, localhost standing for all interfaces, so links in
// letters follow the port the portal really serves on.
func (c *Config) ListenURL() string {
	host, port, err := net.SplitHostPort(c.Listen)
	if err != nil {
		return "http://localhost:8080"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// DSN returns the database to open.
func (c *Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.Data, "kabinet.db")
}

// Calendar returns the supplier's calendar: its time zone, and the clock,
// real unless Now starts it at a fixed instant.
func (c *Config) Calendar() (kabinet.Calendar, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return kabinet.Calendar{}, fmt.Errorf("time zone %q: %w", c.TimeZone, err)
	}
	cal := kabinet.NewCalendar(loc)
	switch {
	case c.Clock != nil:
		cal.Clock = c.Clock
	case !c.Now.IsZero():
		cal.Clock = kabinet.ClockAt(c.Now)
	}
	return cal, nil
}

// DevOutbox reports whether both channels only keep their messages in the
// outbox: only then may the demo show the outbox at /dev/mail and /dev/sms
// (a real letter holds a reset link, and must never be shown to anyone).
func (c *Config) DevOutbox() bool { return c.SMTP.Host == "" && c.SMS.Provider == "dev" }
