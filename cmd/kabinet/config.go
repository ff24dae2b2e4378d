package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"kabinet"
	"kabinet/mail"
)

// Config is all of the portal's configuration: one struct with defaults,
// read from flags and KABINET_* environment variables here and nowhere
// else, and passed down as plain values. A flag wins over its variable.
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
	// DemoAccounts is the size of the demo world built when the database has
	// none; 0 serves the database as it is.
	DemoAccounts int   // KABINET_DEMO_ACCOUNTS
	DemoSeed     int64 // KABINET_DEMO_SEED
	// ShutdownTimeout bounds how long SIGTERM waits for requests in flight.
	ShutdownTimeout time.Duration // KABINET_SHUTDOWN_TIMEOUT
	Dev             bool          // KABINET_DEV: error details on error pages
	// BuiltinBilling closes each month with the portal's own billing; a
	// supplier whose billing system feeds the ledger turns it off.
	BuiltinBilling bool // KABINET_BUILTIN_BILLING
	// TrustProxy takes the client's address from X-Forwarded-For (behind a
	// reverse proxy only: otherwise anyone could dodge the per-IP limits).
	TrustProxy bool // KABINET_TRUST_PROXY
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
	// ExchangeInbox is a directory the billing system drops its files
	// into, imported by a job every minute; empty: no inbox.
	ExchangeInbox string // KABINET_EXCHANGE_INBOX
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

// DefaultConfig returns the configuration of `go run ./cmd/kabinet`: the
// embedded SQLite database under ./data with a demo world of 1,000 homes.
func DefaultConfig() Config {
	return Config{
		Listen:          ":8080",
		Data:            "./data",
		BaseURL:         "http://localhost:8080",
		TimeZone:        "Asia/Irkutsk",
		SupplierName:    "ООО «Демо-Энергосбыт»",
		DemoAccounts:    1000,
		DemoSeed:        1,
		BuiltinBilling:  true,
		ShutdownTimeout: 30 * time.Second,
		SMTP:            mail.SMTPConfig{Port: 25, From: "noreply@kabinet.local", FromName: "Личный кабинет", TLS: "starttls", Timeout: 15 * time.Second},
		SMS:             SMSConfig{Provider: "dev"},
		Bank:            BankConfig{Provider: "demo", PollEvery: time.Minute},
	}
}

// bind registers the flags of c on fs, with defaults taken from the
// environment where a KABINET_* variable is set. A variable that does not
// parse is an error, not a silent default.
func (c *Config) bind(fs *flag.FlagSet) error {
	var errs []error
	str(fs, &c.Listen, "listen", "KABINET_LISTEN", "address to serve on")
	str(fs, &c.MetricsListen, "metrics-listen", "KABINET_METRICS_LISTEN", "private address to serve /metrics on (empty: none)")
	str(fs, &c.MetricsToken, "metrics-token", "KABINET_METRICS_TOKEN", "bearer token for /metrics on the portal's address (empty: not served there)")
	str(fs, &c.Data, "data", "KABINET_DATA", "data directory (SQLite database, uploads)")
	str(fs, &c.DB, "db", "KABINET_DB", "database: a SQLite file path or a postgres:// URL (default: <data>/kabinet.db)")
	str(fs, &c.BaseURL, "base-url", "KABINET_BASE_URL", "public base URL of the portal")
	str(fs, &c.TimeZone, "time-zone", "KABINET_TIME_ZONE", "the supplier's time zone")
	errs = append(errs, instant(fs, &c.Now, "now", "KABINET_NOW", "start the clock at this RFC 3339 instant instead of the real time (tests, demos)"))
	str(fs, &c.SupplierName, "supplier-name", "KABINET_SUPPLIER_NAME", "the supplier's name in the header")
	str(fs, &c.ExchangeInbox, "exchange-inbox", "KABINET_EXCHANGE_INBOX", "directory of the billing system's files to import (empty: none)")
	c.bindChannels(fs, &errs)
	c.bindBank(fs, &errs)
	errs = append(errs,
		num(fs, &c.DemoAccounts, "demo-accounts", "KABINET_DEMO_ACCOUNTS", "homes in the demo world built on first start (0: none)"),
		num(fs, &c.DemoSeed, "demo-seed", "KABINET_DEMO_SEED", "seed of the demo world"),
		dur(fs, &c.ShutdownTimeout, "shutdown-timeout", "KABINET_SHUTDOWN_TIMEOUT", "how long SIGTERM waits for requests in flight"),
		boolean(fs, &c.Dev, "dev", "KABINET_DEV", "show error details on error pages (never in production)"),
		boolean(fs, &c.BuiltinBilling, "builtin-billing", "KABINET_BUILTIN_BILLING", "close each month with the built-in billing (off when a billing system feeds the ledger)"),
		boolean(fs, &c.TrustProxy, "trust-proxy", "KABINET_TRUST_PROXY", "take the client address from X-Forwarded-For (behind a reverse proxy only)"))
	return errors.Join(errs...)
}

func (c *Config) bindChannels(fs *flag.FlagSet, errs *[]error) {
	str(fs, &c.SMTP.Host, "smtp-host", "KABINET_SMTP_HOST", "SMTP server for e-mail (empty: keep letters in the outbox, /dev/mail)")
	*errs = append(*errs, num(fs, &c.SMTP.Port, "smtp-port", "KABINET_SMTP_PORT", "SMTP port"))
	str(fs, &c.SMTP.Username, "smtp-user", "KABINET_SMTP_USER", "SMTP user")
	str(fs, &c.SMTP.Password, "smtp-password", "KABINET_SMTP_PASSWORD", "SMTP password")
	str(fs, &c.SMTP.From, "smtp-from", "KABINET_SMTP_FROM", "sender address of letters")
	str(fs, &c.SMTP.FromName, "smtp-from-name", "KABINET_SMTP_FROM_NAME", "sender name of letters")
	str(fs, &c.SMTP.TLS, "smtp-tls", "KABINET_SMTP_TLS", "none, starttls or tls")
	str(fs, &c.SMS.Provider, "sms-provider", "KABINET_SMS_PROVIDER", "dev (keep texts in the outbox, /dev/sms), smsru or smsc")
	str(fs, &c.SMS.APIID, "sms-api-id", "KABINET_SMS_API_ID", "SMS.ru api_id")
	str(fs, &c.SMS.Login, "sms-login", "KABINET_SMS_LOGIN", "SMSC login")
	str(fs, &c.SMS.Password, "sms-password", "KABINET_SMS_PASSWORD", "SMSC password")
	str(fs, &c.SMS.Sender, "sms-sender", "KABINET_SMS_SENDER", "approved SMS sender name")
	str(fs, &c.SMS.URL, "sms-url", "KABINET_SMS_URL", "SMS gateway base URL (default: the provider's)")
}

// dsn returns the database to open.
func (c *Config) dsn() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.Data, "kabinet.db")
}

// calendar returns the supplier's calendar: its time zone, and the clock,
// real unless Now starts it at a fixed instant.
func (c *Config) calendar() (kabinet.Calendar, error) {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return kabinet.Calendar{}, fmt.Errorf("time zone %q: %w", c.TimeZone, err)
	}
	cal := kabinet.NewCalendar(loc)
	if !c.Now.IsZero() {
		cal.Clock = kabinet.ClockAt(c.Now)
	}
	return cal, nil
}

func str(fs *flag.FlagSet, p *string, name, env, usage string) {
	if v, ok := os.LookupEnv(env); ok {
		*p = v
	}
	fs.StringVar(p, name, *p, usage+" ["+env+"]")
}

func num[T int | int64](fs *flag.FlagSet, p *T, name, env, usage string) error {
	var err error
	if v, ok := os.LookupEnv(env); ok {
		var n int64
		n, err = strconv.ParseInt(v, 10, 64)
		*p = T(n)
	}
	fs.Func(name, fmt.Sprintf("%s [%s] (default %d)", usage, env, *p), func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		*p = T(n)
		return err
	})
	return envError(env, err)
}

func dur(fs *flag.FlagSet, p *time.Duration, name, env, usage string) error {
	var err error
	if v, ok := os.LookupEnv(env); ok {
		*p, err = time.ParseDuration(v)
	}
	fs.DurationVar(p, name, *p, usage+" ["+env+"]")
	return envError(env, err)
}

func instant(fs *flag.FlagSet, p *time.Time, name, env, usage string) error {
	var err error
	if v, ok := os.LookupEnv(env); ok && v != "" {
		*p, err = time.Parse(time.RFC3339, v)
	}
	fs.Func(name, usage+" ["+env+"]", func(s string) error {
		t, err := time.Parse(time.RFC3339, s)
		*p = t
		return err
	})
	return envError(env, err)
}

func boolean(fs *flag.FlagSet, p *bool, name, env, usage string) error {
	var err error
	if v, ok := os.LookupEnv(env); ok {
		*p, err = strconv.ParseBool(v)
	}
	fs.BoolVar(p, name, *p, usage+" ["+env+"]")
	return envError(env, err)
}

func envError(env string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", env, err)
	}
	return nil
}
