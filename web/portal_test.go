package web

import (
	"context"
	"database/sql"
	"kabinet/notify"
	"kabinet/webpush"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/prometheus/client_golang/prometheus"

	"kabinet"
	"kabinet/auth"
	"kabinet/exchange"
	"kabinet/exchangeapi"
	"kabinet/filestore"
	"kabinet/home"
	"kabinet/office"
	"kabinet/password"
	"kabinet/pdf"
	"kabinet/readings"
	"kabinet/requests"
	"kabinet/sberbank/sberbanktest"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// cheapArgon keeps the tests fast: what is under test is the flow, not the
// cost of a hash.
var cheapArgon = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// portal is the whole web surface over a fresh SQLite database and the
// real sign-in service, with a clock the test moves.
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
	files    *filestore.Dir
	exchange *exchangeapi.Server
	tokens   *exchange.Tokens
}

// irkutsk is the supplier's time zone of the tests.
var irkutsk = mustLocation("Asia/Irkutsk")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newRequests builds the requests service with its files in a temporary
// directory.
func (p *portal) newRequests(tb testing.TB) *requests.Service {
	tb.Helper()
	var err error
	if p.files, err = filestore.NewDir(filepath.Join(tb.TempDir(), "uploads")); err != nil {
		tb.Fatal(err)
	}
	return requests.New(p.db, p.files, p.home, testRenderer(), p.letters, requests.DefaultConfig(), p.cal)
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
	p := &portal{db: sqlstoretest.MustOpen(tb, dsn), letters: &letters{},
		clock: &clock{now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}}
	p.cal = kabinet.Calendar{Location: irkutsk, Clock: p.clock.Now}
	p.db.Now, p.db.Jobs = p.clock.Now, noJobs{}
	ac := auth.DefaultConfig()
	ac.BaseURL, ac.SupplierName, ac.Calendar = baseURL, testSupplier, p.cal
	p.svc = auth.New(p.db, password.NewHasher(cheapArgon, 4), p.letters, ac)
	p.svc.Background = func(work func()) { work() }
	p.home = home.New(p.db, p.cal)
	cfg.SupplierName, cfg.BaseURL, cfg.Location = testSupplier, baseURL, irkutsk
	p.readings = readings.New(p.db, p.cal)
	pay := p.payments(tb)
	oc := office.DefaultConfig()
	oc.Calendar = p.cal
	p.requests = p.newRequests(tb)
	p.office = office.New(p.db, p.requests, password.NewHasher(cheapArgon, 4), oc)
	p.tokens = exchange.NewTokens(p.db)
	p.exchange = exchangeapi.New(exchangeapi.Config{}, exchangeapi.Deps{Tokens: p.tokens,
		Exporter: &exchange.Exporter{Store: p.db, Files: p.requests}, Importer: &exchange.Importer{Store: p.db}})
	s, err := New(cfg, Deps{Logger: slog.New(slog.NewTextHandler(tbWriter{tb}, nil)),
		Registry: prometheus.NewRegistry(), Pinger: p.db, Auth: p.svc, Outbox: p.db, Accounts: p.db, Payments: pay,
		Home: p.home, PDF: testRenderer(), Readings: p.readings,
		Push:        &webpush.Subscriptions{Store: p.db, Keys: webpush.Keys{Public: "test-vapid-key"}, Endpoints: &webpush.Endpoints{}},
		Unsubscribe: &notify.Unsubscriber{Signer: testSigner, Store: p.db}, Office: p.office, Requests: p.requests,
		Broadcasts: office.NewBroadcasts(p.db), Exchange: p.exchange})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	p.Server = s
	return p
}

// testRenderer is one PDF renderer for all tests: preparing its fonts
// takes some 30 ms.
var testRenderer = sync.OnceValue(pdf.NewRenderer)

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

// noJobs accepts delivery jobs without running them; tests read the outbox.
type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, sqlstore.JobArgs) error { return nil }

// letters is the fake auth.Messages: it records the links it was asked to
// write and puts them in the text, as the real letters do.
type letters struct {
	mu    sync.Mutex
	links []string
}

func (l *letters) ConfirmEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.add(to, "Подтверждение регистрации", "Перейдите по ссылке, чтобы подтвердить регистрацию:\n"+link), nil
}

func (l *letters) ResetEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.add(to, "Восстановление пароля", "Чтобы задать новый пароль, перейдите по ссылке:\n"+link), nil
}

func (l *letters) Statement(to string, s *kabinet.Statement) (*kabinet.Message, error) {
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: "Акт сверки", Text: "Акт сверки во вложении"}, nil
}

func (l *letters) Answer(to string, r *kabinet.Request) (*kabinet.Message, error) {
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: "Ответ на обращение № " + r.Number(), Text: r.Answer}, nil
}

func (l *letters) add(to, subject, text string) *kabinet.Message {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.links = append(l.links, text[strings.LastIndex(text, "\n")+1:])
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: subject, Text: text}
}

// last returns the path and query of the last link written.
func (l *letters) last(tb testing.TB) string {
	tb.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.links) == 0 {
		tb.Fatal("no letter was written")
	}
	link := l.links[len(l.links)-1]
	if i := strings.Index(link, "://"); i >= 0 {
		link = link[i+3:]
		link = link[strings.Index(link, "/"):]
	}
	return link
}

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

// testSigner signs the test portal's unsubscribe links.
var testSigner = notify.NewSigner([]byte("test-unsubscribe-key"))
