// Package demo builds a deterministic demo world: Irkutsk-like households
// with meters, a year of readings, charges, payments and penalties, and a
// few documented accounts to try every feature with. The same seed, size
// and start date give the same world on either engine.
//
// A world is built in chunks, each committed with a progress marker, so a
// build killed halfway resumes where it stopped; the world is marked
// complete only when every chunk is in, and the server serves only a
// complete world.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/billrun"
)

// Options configure a build.
type Options struct {
	Accounts int   // generated households, besides the documented ones
	Seed     int64 // the same seed gives the same world
	// Location is the supplier's time zone; the world's calendar is its
	// local dates. Today is the build's date (default: now).
	Location *time.Location
	Today    time.Time
	// Progress, if set, is called after each chunk.
	Progress func(Progress)
	// ChunkSize is the number of households per transaction (default 2000).
	ChunkSize int
	// Months is how many closed months of history the world has (default
	// 12). A resumed build must be given the same number.
	Months int
}

// Progress reports how far a build is: Done of Total households, or,
// once they are in, Done of Total months of history, Month the last
// closed.
type Progress struct {
	Done, Total int
	Month       string
	Elapsed     time.Duration
	Rate        float64 // households per second in this run
	Left        time.Duration
}

// historyMonths is how many closed periods of history a household has
// unless Options.Months says otherwise.
const historyMonths = 12

func (o Options) months() int {
	if o.Months > 0 {
		return o.Months
	}
	return historyMonths
}

// Store is what a build reads and writes. *sqlstore.DB satisfies it.
type Store interface {
	billrun.Store // the history's month closes
	FindWorld(ctx context.Context) (*kabinet.World, error)
	CompleteWorld(ctx context.Context) error
	Settle(ctx context.Context) (int, error)
	EachBill(ctx context.Context, p kabinet.Period, fn func(*kabinet.Bill) error) error
	NewBatch() kabinet.Batch
	Load(ctx context.Context, b kabinet.Batch) error
}

// Build builds the world, or resumes one left half-built, or does nothing if
// the world is complete. It returns the world's state.
func Build(ctx context.Context, db Store, o Options) (*kabinet.World, error) {
	w, err := db.FindWorld(ctx)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		if err := start(ctx, db, o); err != nil {
			return nil, err
		}
		w, err = db.FindWorld(ctx)
	}
	if err != nil || w.State == kabinet.WorldComplete {
		return w, err
	}
	// A resumed build keeps the seed, size and date it started with, so the
	// world comes out as if it had never stopped.
	c := newClock(o.calendar().DateOf(w.Started), o.months())
	if err := buildChunks(ctx, db, w, c, o); err != nil {
		return nil, err
	}
	if err := history(ctx, db, w, c, o); err != nil {
		return nil, err
	}
	if err := finish(ctx, db); err != nil {
		return nil, err
	}
	if err := db.CompleteWorld(ctx); err != nil {
		return nil, err
	}
	return db.FindWorld(ctx)
}

// finish leaves the world ready to serve: the kept balances of the open
// month's payments (loaded in bulk after the last close) computed, and the
// planner's statistics fresh, since a bulk load leaves them stale where
// autovacuum is off (on PostgreSQL a stale plan for a user's accounts made
// «Главная» four times slower until ANALYZE), as an import ends.
func finish(ctx context.Context, db Store) error {
	_, err := db.Settle(ctx)
	return err
}

// start writes the providers, the documented accounts and the world's
// record in one transaction.
func start(ctx context.Context, db Store, o Options) error {
	if o.Accounts < 0 {
		return errors.New("demo: negative number of accounts")
	}
	today := o.Today
	if today.IsZero() {
		today = time.Now()
	}
	c := newClock(o.calendar().DateOf(today), o.months())
	created := c.closed[0].Start(time.UTC).AddDate(-1, 0, 0)
	b := db.NewBatch()
	for _, p := range demoProviders() {
		b.AddProvider(p)
	}
	hs := documented(o.Seed, created)
	for i, h := range hs {
		h.write(rand.New(rand.NewPCG(uint64(o.Seed), uint64(h.account.ID)+1<<32)), c, b)
		if l := Logins()[i]; l.Password != "" {
			if err := register(b, h, l.Password, today); err != nil {
				return err
			}
		}
	}
	b.StartWorld(o.Seed, o.Accounts, today)
	return db.Load(ctx, b)
}

func register(b kabinet.Batch, h *household, password string, now time.Time) error {
	hash, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		return fmt.Errorf("demo: hash password: %w", err)
	}
	u := &kabinet.User{ID: h.account.ID, PasswordHash: hash, Email: h.account.Email, Phone: phoneDigits(h.account.Phone),
		ConfirmBy: kabinet.ConfirmByEmail, ConfirmedAt: now, CreatedAt: now, PasswordChangedAt: now}
	b.AddUser(u)
	ua := &kabinet.UserAccount{UserID: u.ID, AccountID: h.account.ID, Owner: true, CreatedAt: now}
	b.AddUserAccount(ua)
	return nil
}

// write adds the household and its history to b.
func (h *household) write(rng *rand.Rand, c clock, b kabinet.Batch) {
	b.AddAccount(&h.account)
	for _, s := range h.subs {
		b.AddSubAccount(s)
	}
	for _, m := range h.meters {
		b.AddMeter(m)
	}
	h.writeReadings(rng, c, b)
}

// phoneDigits turns +79501234567 into 79501234567, as users keep phones.
func phoneDigits(p string) string { return strings.TrimPrefix(p, "+") }

// calendar is the supplier's calendar the world is built in.
func (o Options) calendar() kabinet.Calendar { return kabinet.Calendar{Location: o.Location} }
