package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"kabinet/cmd/kabinet/app"
	"kabinet/sberbank"
)

// Config is all of the portal's configuration (app.Config): this file
// reads it from flags and KABINET_* environment variables, and nothing
// else does. A flag wins over its variable.
type Config = app.Config

// DefaultConfig returns the configuration of `go run ./cmd/kabinet`.
func DefaultConfig() Config { return app.DefaultConfig() }

// bind registers the flags of c on fs, with defaults taken from the
// environment where a KABINET_* variable is set. A variable that does not
// parse is an error, not a silent default.
func bind(c *Config, fs *flag.FlagSet) error {
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
	bindChannels(c, fs, &errs)
	bindFiles(c, fs, &errs)
	bindBank(c, fs, &errs)
	errs = append(errs,
		num(fs, &c.DemoAccounts, "demo-accounts", "KABINET_DEMO_ACCOUNTS", "homes in the demo world built on first start (0: none)"),
		num(fs, &c.DemoSeed, "demo-seed", "KABINET_DEMO_SEED", "seed of the demo world"),
		num(fs, &c.ActiveRequests, "active-requests", "KABINET_ACTIVE_REQUESTS", "requests of the portal and back office served at once, the rest waiting in order (0: four per core, at most the database pool; -1: no limit)"),
		dur(fs, &c.ShutdownTimeout, "shutdown-timeout", "KABINET_SHUTDOWN_TIMEOUT", "how long SIGTERM waits for requests in flight"),
		dur(fs, &c.DrainGrace, "drain-grace", "KABINET_DRAIN_GRACE", "how long SIGTERM answers /readyz with 503 while still serving, before it stops taking connections"),
		dur(fs, &c.CloseEvery, "close-every", "KABINET_CLOSE_EVERY", "how often the month close is scheduled"),
		dur(fs, &c.RemindEvery, "remind-every", "KABINET_REMIND_EVERY", "how often the reminders are scanned"),
		boolean(fs, &c.Dev, "dev", "KABINET_DEV", "show error details on error pages (never in production)"),
		boolean(fs, &c.BuiltinBilling, "builtin-billing", "KABINET_BUILTIN_BILLING", "close each month with the built-in billing (off when a billing system feeds the ledger)"),
		boolean(fs, &c.TrustProxy, "trust-proxy", "KABINET_TRUST_PROXY", "take the client address from X-Forwarded-For (behind a reverse proxy only)"))
	return errors.Join(errs...)
}

func bindChannels(c *Config, fs *flag.FlagSet, errs *[]error) {
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

func bindFiles(c *Config, fs *flag.FlagSet, errs *[]error) {
	str(fs, &c.Files, "files", "KABINET_FILES", "where attachments are kept: db, dir (<data>/uploads) or s3://bucket/prefix (default: db on PostgreSQL, dir on SQLite)")
	str(fs, &c.S3.Endpoint, "s3-endpoint", "KABINET_S3_ENDPOINT", "host:port of the S3-compatible object store")
	str(fs, &c.S3.AccessKey, "s3-access-key", "KABINET_S3_ACCESS_KEY", "S3 access key")
	str(fs, &c.S3.SecretKey, "s3-secret-key", "KABINET_S3_SECRET_KEY", "S3 secret key")
	str(fs, &c.S3.Region, "s3-region", "KABINET_S3_REGION", "S3 region (empty: the service's default)")
	*errs = append(*errs, boolean(fs, &c.S3.Insecure, "s3-insecure", "KABINET_S3_INSECURE", "reach the object store over plain HTTP"))
}

func bindBank(c *Config, fs *flag.FlagSet, errs *[]error) {
	str(fs, &c.Bank.Provider, "bank", "KABINET_BANK", "card acquirer: demo (a test payment page served under /dev/bank/) or sberbank")
	str(fs, &c.Bank.URL, "bank-url", "KABINET_BANK_URL", "acquirer base URL (default: "+sberbank.TestURL+")")
	str(fs, &c.Bank.User, "bank-user", "KABINET_BANK_USER", "acquirer API user")
	str(fs, &c.Bank.Password, "bank-password", "KABINET_BANK_PASSWORD", "acquirer API password")
	str(fs, &c.Bank.CallbackKey, "bank-callback-key", "KABINET_BANK_CALLBACK_KEY", "symmetric key of the acquirer's callback checksums")
	str(fs, &c.BusinessURL, "business-url", "KABINET_BUSINESS_URL", "the cabinet for legal entities the sign-in form's «Для юридических лиц» leads to (empty: no such choice)")
	str(fs, &c.AgentURL, "agent-url", "KABINET_AGENT_URL", "a payment agent's page («Система Город»), {account} standing for the account number (empty: no link)")
	*errs = append(*errs, dur(fs, &c.Bank.PollEvery, "bank-poll-every", "KABINET_BANK_POLL_EVERY", "how often unpaid orders are asked about"),
		num(fs, &c.Bank.TaxSystem, "receipt-tax-system", "KABINET_RECEIPT_TAX_SYSTEM",
			"the supplier's taxation system on fiscal receipts (taxSystem): 0 общая, 1 УСН доход, 2 УСН доход-расход, 3 ЕНВД, 4 ЕСХН, 5 патент"),
		num(fs, &c.Bank.TaxType, "receipt-vat", "KABINET_RECEIPT_VAT",
			"VAT of the receipt's items (taxType): 0 без НДС, 1 0 %, 2 10 %, 4 10/110, 6 20 %, 7 20/120"))
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
