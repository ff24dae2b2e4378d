package auth_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/auth"
	"kabinet/password"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var (
	ctx    = context.Background()
	client = auth.Client{IP: "192.0.2.10", UserAgent: "test"}
	// cheap keeps tests fast; what is under test is the policy, not the cost.
	cheap = &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}
)

var _ auth.Store = (*sqlstore.DB)(nil)

// letters records the links the service asked to mail.
type letters struct {
	mu    sync.Mutex
	links []string
}

func (l *letters) ConfirmEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.add(to, link), nil
}

func (l *letters) ResetEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.add(to, link), nil
}

func (l *letters) add(to, link string) *kabinet.Message {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.links = append(l.links, link)
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: "test", Text: link}
}

// lastSecret returns the token parameter of the last link mailed.
func (l *letters) lastSecret(t *testing.T) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.links) == 0 {
		t.Fatal("no letter was written")
	}
	_, secret, _ := strings.Cut(l.links[len(l.links)-1], "?token=")
	return secret
}

// fixture is a service over a fresh database with a movable clock.
type fixture struct {
	db      *sqlstore.DB
	svc     *auth.Service
	hasher  *password.Hasher
	letters *letters
	now     time.Time
}

func newFixture(t *testing.T, dsn string) *fixture {
	t.Helper()
	f := &fixture{db: sqlstoretest.MustOpen(t, dsn, sqlstore.WithJobInserter(noJobs{})), hasher: password.NewHasher(cheap, 4), letters: &letters{},
		now: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)}
	f.db.Now = func() time.Time { return f.now }
	cfg := auth.DefaultConfig()
	cfg.BaseURL = "http://portal.test"
	f.svc = auth.New(f.db, f.hasher, f.letters, cfg)
	f.svc.Clock = func() time.Time { return f.now }
	f.svc.Background = func(work func()) { work() }
	return f
}

// noJobs accepts delivery jobs without running them; the tests read the
// outbox instead.
type noJobs struct{}

func (noJobs) InsertTx(context.Context, *sql.Tx, sqlstore.JobArgs) error { return nil }

func (f *fixture) account(t *testing.T, number, surname string) *kabinet.Account {
	t.Helper()
	a := &kabinet.Account{Number: kabinet.MustParseAccountNumber(number), Display: number, Surname: surname,
		FirstName: "Анна", Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, Phone: "+79501234567"}
	if err := f.db.CreateAccount(ctx, a, nil); err != nil {
		t.Fatal(err)
	}
	return a
}

// registered creates an account with a confirmed registration.
func (f *fixture) registered(t *testing.T, number, pw string) *kabinet.Account {
	t.Helper()
	a := f.account(t, number, "Иванов")
	hash, _ := argon2id.CreateHash(pw, cheap)
	u := &kabinet.User{PasswordHash: hash, Email: "ivanov@example.ru", Phone: "79501234567", ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: f.now}
	if err := f.db.CreateUser(ctx, u, a.ID); err != nil {
		t.Fatal(err)
	}
	return a
}

// lastCode reads the code from the last SMS in the outbox.
func (f *fixture) lastCode(t *testing.T) string {
	t.Helper()
	ms, err := f.db.FindMessages(ctx, kabinet.ChannelSMS, 10)
	for _, m := range ms { // notices to the contacts on file go out too
		if strings.Contains(m.Text, " — код ") {
			return m.Text[:6]
		}
	}
	t.Fatalf("no code in the outbox: %v", err)
	return ""
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if err != want {
		t.Fatalf("error = %v, want %v", err, want)
	}
}
