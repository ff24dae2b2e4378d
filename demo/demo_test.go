package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"kabinet"
	"kabinet/demo"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var (
	ctx   = context.Background()
	today = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	irk   = mustLoad("Asia/Irkutsk")
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func build(t *testing.T, db *sqlstore.DB, n int, progress func(demo.Progress)) (*kabinet.World, error) {
	t.Helper()
	return demo.Build(ctx, db, demo.Options{Accounts: n, Seed: 7, Today: today, Location: irk, ChunkSize: 100, Progress: progress})
}

// fingerprint sums what the world holds, so two worlds can be compared.
func fingerprint(t *testing.T, db *sqlstore.DB) string {
	t.Helper()
	var s string
	for _, q := range []string{
		`SELECT count(*), CAST(sum(area) AS BIGINT), CAST(sum(length(surname) + length(address)) AS BIGINT) FROM accounts`,
		`SELECT count(*), CAST(sum(id) AS BIGINT), CAST(sum(zoning * digits) AS BIGINT) FROM meters`,
		`SELECT count(*), CAST(sum(v1) AS BIGINT), CAST(sum(c1) AS BIGINT) FROM readings`,
		`SELECT count(*), CAST(sum(amount) AS BIGINT), CAST(sum(period) AS BIGINT) FROM ledger`,
		`SELECT count(*), CAST(sum(account_id) AS BIGINT), CAST(sum(period) AS BIGINT) FROM bills`,
	} {
		var a, b, c int64
		if err := db.SQL().QueryRow(q).Scan(&a, &b, &c); err != nil {
			t.Fatal(err)
		}
		s += fmt.Sprintf("%d/%d/%d ", a, b, c)
	}
	return s
}

func TestBuildIsDeterministicAcrossEngines(t *testing.T) {
	var prints []string
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		w, err := build(t, db, 300, nil)
		if err != nil {
			t.Fatal(err)
		}
		if w.State != kabinet.WorldComplete || w.Built != 300 {
			t.Fatalf("world = %+v", w)
		}
		prints = append(prints, fingerprint(t, db))
	})
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	if _, err := build(t, db, 300, nil); err != nil {
		t.Fatal(err)
	}
	prints = append(prints, fingerprint(t, db))
	for _, p := range prints[1:] {
		if p != prints[0] {
			t.Errorf("worlds differ:\n%s\n%s", prints[0], p)
		}
	}
}

func TestBuildResumesAfterInterruption(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		cctx, cancel := context.WithCancel(ctx)
		_, err := demo.Build(cctx, db, demo.Options{Accounts: 450, Seed: 7, Today: today, Location: irk, ChunkSize: 100,
			Progress: func(p demo.Progress) {
				if p.Done >= 200 {
					cancel()
				}
			}})
		if err == nil {
			t.Fatal("interrupted build reported success")
		}
		w, _ := db.FindWorld(ctx)
		if w.State != kabinet.WorldBuilding || w.Built < 200 || w.Built >= 450 {
			t.Fatalf("after interruption world = %+v, want building and part built", w)
		}
		// Resumed a day later with other options: the world keeps its own.
		w, err = demo.Build(ctx, db, demo.Options{Accounts: 5, Seed: 99, Today: today.AddDate(0, 0, 1), Location: irk})
		if err != nil || w.State != kabinet.WorldComplete || w.Built != 450 {
			t.Fatalf("resumed world = %+v, %v", w, err)
		}
		fresh := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
		if _, err := build(t, fresh, 450, nil); err != nil {
			t.Fatal(err)
		}
		if got, want := fingerprint(t, db), fingerprint(t, fresh); got != want {
			t.Errorf("resumed world differs from one built at once:\n%s\n%s", got, want)
		}
	})
}

// A build stopped in the middle of its history, after some months were
// closed, goes on from the next month and comes out as if it never
// stopped: the payments of the months left are scheduled again from the
// bills already issued.
func TestBuildResumesInTheHistory(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		cctx, cancel := context.WithCancel(ctx)
		_, err := demo.Build(cctx, db, demo.Options{Accounts: 150, Seed: 7, Today: today, Location: irk, ChunkSize: 100,
			Progress: func(p demo.Progress) {
				if p.Month != "" && p.Done == 5 {
					cancel()
				}
			}})
		if err == nil {
			t.Fatal("interrupted build reported success")
		}
		var closed int
		db.SQL().QueryRow(`SELECT count(*) FROM period_closes WHERE state = 'done'`).Scan(&closed)
		if closed != 5 {
			t.Fatalf("%d months closed when the build stopped, want 5", closed)
		}
		if w, err := demo.Build(ctx, db, demo.Options{Today: today.AddDate(0, 0, 1), Location: irk}); err != nil || w.State != kabinet.WorldComplete {
			t.Fatalf("resumed world = %+v, %v", w, err)
		}
		fresh := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
		if _, err := build(t, fresh, 150, nil); err != nil {
			t.Fatal(err)
		}
		if got, want := fingerprint(t, db), fingerprint(t, fresh); got != want {
			t.Errorf("resumed world differs from one built at once:\n%s\n%s", got, want)
		}
	})
}

func TestDocumentedAccounts(t *testing.T) {
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	if _, err := build(t, db, 50, nil); err != nil {
		t.Fatal(err)
	}
	find := func(number string) *kabinet.Account {
		a, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber(number))
		if err != nil {
			t.Fatalf("documented account %s: %v", number, err)
		}
		return a
	}
	for _, l := range demo.Logins() {
		a := find(l.Number)
		if a.Surname != l.Surname {
			t.Errorf("%s: surname %q, want %q", l.Number, a.Surname, l.Surname)
		}
		r, err := db.FindOwner(ctx, a.ID)
		if l.Password == "" {
			if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
				t.Errorf("%s should not be registered: %+v %v", l.Number, r, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", l.Number, err)
		}
		if ok, err := argon2id.ComparePasswordAndHash(l.Password, r.PasswordHash); !ok || err != nil {
			t.Errorf("%s: demo password does not match: %v", l.Number, err)
		}
	}
	t.Run("IvanovOwesWithPenalties", func(t *testing.T) {
		b := balance(t, db, find("10103001857").ID, 0)
		if b.Debt <= 0 || b.PenaltyPart <= 0 {
			t.Errorf("Иванов's electricity balance = %+v, want a debt with penalties", b)
		}
	})
	t.Run("PetrovaOverpaid", func(t *testing.T) {
		if b := balance(t, db, find("ИЭСБК0041300").ID, 0); !b.Overpaid() {
			t.Errorf("Петрова's balance = %+v, want an overpayment", b)
		}
	})
	t.Run("PetrovaOverpaidTheDayAfterABill", func(t *testing.T) {
		// The README says so on every day: also right after a bill,
		// before the month's payment.
		db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
		if _, err := demo.Build(ctx, db, demo.Options{Accounts: 5, Seed: 7, Today: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC), Location: irk}); err != nil {
			t.Fatal(err)
		}
		a, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК0041300"))
		if err != nil {
			t.Fatal(err)
		}
		if b := balance(t, db, a.ID, 0); !b.Overpaid() {
			t.Errorf("Петрова's balance on 2 December = %+v, want an overpayment", b)
		}
	})
	t.Run("KuznetsovaHasNoMeters", func(t *testing.T) {
		ms, _ := db.FindMeters(ctx, find("ИЭСБК0077001").ID)
		if len(ms) != 0 {
			t.Errorf("Кузнецова has %d meters, want none", len(ms))
		}
	})
	t.Run("SidorovHasThreeMetersOneOverdue", func(t *testing.T) {
		ms, _ := db.FindMeters(ctx, find("ЕТСОО204646").ID)
		if len(ms) != 3 || ms[0].Zoning != kabinet.ZoningThree || !ms[1].NextVerifiedOn.Before(today) {
			t.Errorf("Сидоров's meters = %+v", ms)
		}
		rs, _ := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: ms[0].ID})
		if len(rs) == 0 || len(rs[0].Values) != 3 {
			t.Errorf("three-zone readings = %+v", rs)
		}
	})
}

func balance(t *testing.T, db *sqlstore.DB, accountID int64, slot int) kabinet.Balance {
	t.Helper()
	subs, err := db.FindSubAccounts(ctx, accountID)
	if err != nil || len(subs) <= slot {
		t.Fatalf("sub-accounts = %v, %v", subs, err)
	}
	tot, err := db.FindTotals(ctx, subs[slot].ID)
	if err != nil {
		t.Fatal(err)
	}
	return tot.Balance()
}

func TestWorldHasTheVarietyPromised(t *testing.T) {
	db := sqlstoretest.MustOpen(t, sqlstoretest.SQLiteDSN(t))
	if _, err := build(t, db, 500, nil); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		var n int
		if err := db.SQL().QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	checks := []struct {
		name     string
		q        string
		min, max int
	}{
		{"RuralHomes", `SELECT count(*) FROM accounts WHERE settlement = 'rural'`, 75, 250},
		{"PrivateHouses", `SELECT count(*) FROM accounts WHERE housing = 'house'`, 100, 300},
		{"HeatCustomers", `SELECT count(*) FROM sub_accounts WHERE provider_id = 2`, 150, 400},
		{"NoMeter", `SELECT count(*) FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM meters m WHERE m.account_id = a.id)`, 5, 60},
		{"ZoneMeters", `SELECT count(*) FROM meters WHERE zoning > 1`, 20, 200},
		{"SeveralMeters", `SELECT count(*) FROM (SELECT account_id FROM meters GROUP BY account_id HAVING count(*) > 1) x`, 5, 100},
		{"MetersWithAYearOfReadings", `SELECT count(*) FROM (SELECT meter_id FROM readings GROUP BY meter_id HAVING count(*) >= 12) x`, 300, 700},
		{"SubAccountsWithPenalties", `SELECT count(DISTINCT sub_account_id) FROM ledger WHERE kind = 'penalty'`, 50, 400},
		{"RecentPayments", `SELECT count(*) FROM ledger WHERE kind = 'payment' AND posted_on > '2026-07-01'`, 500, 100000},
		{"NoPaymentAfterToday", `SELECT count(*) FROM ledger WHERE posted_on > '2026-11-27'`, 0, 0},
		{"Overpaid", `SELECT count(*) FROM (SELECT sub_account_id FROM ledger GROUP BY sub_account_id HAVING sum(amount) < 0) x`, 20, 300},
		{"InDebt", `SELECT count(*) FROM (SELECT sub_account_id FROM ledger GROUP BY sub_account_id HAVING sum(amount) > 100000) x`, 50, 500},
		{"OpenPeriodReadings", `SELECT count(*) FROM readings WHERE status = 'accepted' AND period = 202611`, 100, 700},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if n := count(c.q); n < c.min || n > c.max {
				t.Errorf("%d, want %d..%d", n, c.min, c.max)
			}
		})
	}
}

// TestNewRowsAfterBuild checks that rows created after a build get fresh
// ids on both engines, although the build chose its ids itself.
func TestNewRowsAfterBuild(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		if _, err := build(t, db, 20, nil); err != nil {
			t.Fatal(err)
		}
		petrova, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ИЭСБК0041300"))
		if err != nil {
			t.Fatal(err)
		}
		u := &kabinet.User{PasswordHash: "x", Email: "petrova@example.ru", ConfirmBy: kabinet.ConfirmByEmail}
		if err := db.CreateUser(ctx, u, petrova.ID); err != nil {
			t.Fatalf("registering Петрова after the build: %v", err)
		}
		a := &kabinet.Account{Number: kabinet.MustParseAccountNumber("99999999"), Display: "99999999", Surname: "Новый",
			Address: "г. Иркутск", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat}
		if err := db.CreateAccount(ctx, a, nil); err != nil {
			t.Fatalf("new account after the build: %v", err)
		}
	})
}
