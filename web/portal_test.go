package web

import (
	"context"
	"kabinet/notify"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/exchange"
	"kabinet/exchangeapi"
	"kabinet/home"
	"kabinet/office"
	"kabinet/readings"
	"kabinet/requests"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// cheapArgon keeps the tests fast: what is under test is the flow, not the
// cost of a hash.
var cheapArgon = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// portal is the whole application over a fresh database, built by
// app.New as the kabinet command builds it, with a clock the test moves.
type portal struct {
	*Server
	db       *sqlstore.DB
	svc      *auth.Service
	home     *home.Service
	office   *office.Service
	letters  *letters
	clock    *clock
	cal      kabinet.Calendar // the supplier's, on clock
	bank     *sberbanktest.Bank
	readings *readings.Service
	requests *requests.Service
	files    requests.Files
	exchange *exchangeapi.Server
	tokens   *exchange.Tokens
	signer   *notify.Signer // of the unsubscribe links
	uploads  string         // the attachments' directory on SQLite
}

// Graph is what the web tests use of the application's graph.
type Graph struct {
	DB          *sqlstore.DB
	Server      *Server
	Calendar    kabinet.Calendar
	Auth        *auth.Service
	Home        *home.Service
	Office      *office.Service
	Readings    *readings.Service
	Requests    *requests.Service
	Files       requests.Files
	Bank        *sberbanktest.Bank
	Exchange    *exchangeapi.Server
	Unsubscribe *notify.Signer
}

// GraphConfig is what a web test asks of the application: the site's
// configuration, the test's clock, where its letters' links point, and
// where the demo bank's callbacks go.
type GraphConfig struct {
	Site         Config
	Clock        func() time.Time
	CallbackURL  string
	BankKey      []byte
	Data         string // the uploads' directory on SQLite
	PasswordCost *argon2id.Params
}

// NewGraph opens the store at dsn with its job queue (app.Open) and builds
// the application on it with app.New. The web package's own tests cannot
// import app, which imports web, so app_test.go (package web_test, in the
// same test binary) sets it.
var NewGraph func(tb testing.TB, dsn string, cfg GraphConfig) Graph

// irkutsk is the supplier's time zone of the tests.
var irkutsk = mustLocation("Asia/Irkutsk")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newPortal builds the portal. baseURL is where the letters' links point.
func newPortal(tb testing.TB, baseURL string, cfg Config) *portal {
	tb.Helper()
	return newPortalOn(tb, sqlstoretest.SQLiteDSN(tb), baseURL, cfg)
}

// newPortalOn is newPortal on the database of dsn, for the tests that
// run on both engines.
func newPortalOn(tb testing.TB, dsn, baseURL string, cfg Config) *portal {
	tb.Helper()
	p := &portal{clock: &clock{now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}}
	// The demo bank calls back over HTTP, as a real one does.
	bank := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { p.Server.ServeHTTP(w, r) }))
	tb.Cleanup(bank.Close)
	cfg.SupplierName, cfg.BaseURL = testSupplier, baseURL
	data := tb.TempDir()
	p.uploads = filepath.Join(data, "uploads")
	g := NewGraph(tb, dsn, GraphConfig{Site: cfg, Clock: p.clock.Now, CallbackURL: bank.URL + "/payments/callback",
		BankKey: bankKey, Data: data, PasswordCost: cheapArgon})
	g.Auth.Background = func(work func()) { work() } // the letter is in the outbox when the answer comes
	p.db, p.Server, p.cal, p.svc, p.home, p.office = g.DB, g.Server, g.Calendar, g.Auth, g.Home, g.Office
	p.readings, p.requests, p.files, p.bank, p.exchange = g.Readings, g.Requests, g.Files, g.Bank, g.Exchange
	p.signer, p.tokens, p.letters = g.Unsubscribe, exchange.NewTokens(p.db), &letters{db: p.db}
	return p
}

// clock is the time the service and the store see.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Add moves the clock on.
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// letters reads the links of the letters in the outbox.
type letters struct{ db *sqlstore.DB }

// last returns the path and query of the link in the latest e-mail.
func (l *letters) last(tb testing.TB) string {
	tb.Helper()
	ms, err := l.db.FindMessages(context.Background(), kabinet.ChannelEmail, 1)
	if err != nil || len(ms) == 0 {
		tb.Fatalf("no letter was written: %v", err)
	}
	link := linkIn.FindString(ms[0].Text)
	if link == "" {
		tb.Fatalf("no link in the letter %q", ms[0].Text)
	}
	u, err := url.Parse(link)
	if err != nil {
		tb.Fatal(err)
	}
	return u.RequestURI()
}

// linkIn finds a link to the portal in a letter's text.
var linkIn = regexp.MustCompile(`https?://[^\s<>"]+`)

// account creates an unregistered account with the given sub-accounts.
func (p *portal) account(tb testing.TB, number, surname string, subs ...*kabinet.SubAccount) *kabinet.Account {
	tb.Helper()
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: surname,
		FirstName: "Анна", Patronymic: "Сергеевна", Address: "г. Иркутск, ул. Байкальская, д. 202, кв. 45",
		Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, Phone: "+79025550011"}
	if err := p.db.CreateAccount(context.Background(), a, subs); err != nil {
		tb.Fatal(err)
	}
	return a
}

// registered creates an account with a confirmed registration.
func (p *portal) registered(tb testing.TB, number, surname, pw, email string, subs ...*kabinet.SubAccount) *kabinet.Account {
	tb.Helper()
	a := p.account(tb, number, surname, subs...)
	hash, err := argon2id.CreateHash(pw, cheapArgon)
	if err != nil {
		tb.Fatal(err)
	}
	u := &kabinet.User{PasswordHash: hash, Email: email, Phone: "79025550011",
		ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: p.clock.Now()}
	if err := p.db.CreateUser(context.Background(), u, a.ID); err != nil {
		tb.Fatal(err)
	}
	return a
}

// lastCode reads the code from the latest SMS in the outbox.
func (p *portal) lastCode(tb testing.TB) string {
	tb.Helper()
	ms, err := p.db.FindMessages(context.Background(), kabinet.ChannelSMS, 10)
	for _, m := range ms { // notices to the contacts on file go out too
		if strings.Contains(m.Text, " — код ") {
			return m.Text[:6]
		}
	}
	tb.Fatalf("no code in the outbox: %v", err)
	return ""
}
