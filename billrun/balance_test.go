package billrun_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/billing"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestKeptBalancesFollowTheLedger checks the property «Главная» relies on:
// the kept balance of every sub-account is its ledger's sum, and kept
// unpaid principals that claim to be current are what the ledger spreads
// to, after a demo build, while a month close runs beside single payments
// and bulk loads of payments, after the stale ones are computed again, and
// after the close is undone.
func TestKeptBalancesFollowTheLedger(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		if _, err := demo.Build(ctx, db, demo.Options{Accounts: 60, Seed: 7, Today: day(2026, 11, 27)}); err != nil {
			t.Fatal(err)
		}
		subs := allSubs(t, db)
		mustKeep(t, db, "after the demo build", true)

		e := billrun.New(db, kabinet.Calendar{Clock: func() time.Time { return day(2026, 12, 1) }})
		e.ChunkSize = 7
		nov := kabinet.Period{Year: 2026, Month: time.November}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		wg.Go(func() {
			if _, err := e.Close(ctx, nov); err != nil {
				errs <- err
			}
		})
		for w := range 3 {
			wg.Go(func() { errs <- pay(db, subs, uint64(w), 40) })
		}
		wg.Go(func() { errs <- payInBulk(db, subs, 5) })
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		mustKeep(t, db, "after a close beside payments", false)
		if _, err := db.RefreshBalances(ctx); err != nil {
			t.Fatal(err)
		}
		mustKeep(t, db, "after RefreshBalances", true)

		if err := db.ReopenPeriod(ctx, nov); err != nil {
			t.Fatal(err)
		}
		mustKeep(t, db, "after the close was undone", false)
		if _, err := db.RefreshBalances(ctx); err != nil {
			t.Fatal(err)
		}
		mustKeep(t, db, "after the close was undone and RefreshBalances", true)
	})
}

// pay posts n payments one by one, as card payments and agents' registries
// do, to random sub-accounts.
func pay(db *sqlstore.DB, subs []int64, seed uint64, n int) error {
	rng := rand.New(rand.NewPCG(seed, 17))
	for i := range n {
		e := payment(rng, subs, fmt.Sprintf("test:%d:%d", seed, i))
		if err := db.CreateLedgerEntry(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// payInBulk loads batches of payments the way imports do.
func payInBulk(db *sqlstore.DB, subs []int64, batches int) error {
	rng := rand.New(rand.NewPCG(99, 17))
	for i := range batches {
		var b sqlstore.Batch
		for j := range 20 {
			b.AddLedgerEntry(payment(rng, subs, fmt.Sprintf("bulk:%d:%d", i, j)))
		}
		if err := db.Load(ctx, &b); err != nil {
			return err
		}
	}
	return nil
}

func payment(rng *rand.Rand, subs []int64, ext string) *kabinet.LedgerEntry {
	return &kabinet.LedgerEntry{SubAccountID: subs[rng.IntN(len(subs))], Kind: kabinet.EntryPayment,
		Period: kabinet.Period{Year: 2026, Month: time.Month(9 + rng.IntN(3))}, Amount: -kabinet.Money(100 + rng.IntN(300000)),
		PostedOn: day(2026, 11, 20+rng.IntN(8)), Channel: kabinet.ChannelAgent, ExternalID: ext}
}

func allSubs(t *testing.T, db *sqlstore.DB) []int64 {
	t.Helper()
	as, err := db.FindAccountsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range as {
		bs, err := db.FindBalances(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			ids = append(ids, b.SubAccount.ID)
		}
	}
	return ids
}

// mustKeep checks every sub-account's kept balance against its ledger;
// with allCurrent, every kept debts must be current.
func mustKeep(t *testing.T, db *sqlstore.DB, when string, allCurrent bool) {
	t.Helper()
	as, err := db.FindAccountsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	current, owing := 0, 0
	for _, a := range as {
		bs, err := db.FindBalances(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			tot, err := db.FindTotals(ctx, b.SubAccount.ID)
			if err != nil {
				t.Fatal(err)
			}
			if b.Totals != tot {
				t.Fatalf("%s: sub-account %d keeps %+v, its ledger sums to %+v", when, b.SubAccount.ID, b.Totals, tot)
			}
			entries, err := db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: b.SubAccount.ID, Limit: 10000})
			if err != nil {
				t.Fatal(err)
			}
			slices.Reverse(entries) // oldest first, as the close reads them
			want, err := billing.Outstanding(entries)
			if err != nil {
				t.Fatal(err)
			}
			if allCurrent && !b.Current {
				t.Fatalf("%s: sub-account %d has stale debts", when, b.SubAccount.ID)
			}
			if b.Current {
				current++
				if !slices.Equal(b.Debts, want) {
					t.Fatalf("%s: sub-account %d keeps debts %v, its ledger spreads to %v", when, b.SubAccount.ID, b.Debts, want)
				}
			}
			if len(want) > 0 {
				owing++
			}
		}
	}
	if allCurrent && current == 0 || owing == 0 {
		t.Fatalf("%s: %d current rows, %d sub-accounts owing: the test checks nothing", when, current, owing)
	}
}
