package billrun_test

import (
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/sqlstore/sqlstoretest"
)

// TestCloseTheDemoWorld closes the demo world's open month: every account
// gets a bill, every reading of the month is calculated, and the months
// the demo's history closed with this engine are not closed again.
func TestCloseTheDemoWorld(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		if _, err := demo.Build(ctx, db, demo.Options{Accounts: 200, Seed: 5, Today: day(2026, 11, 27)}); err != nil {
			t.Fatal(err)
		}
		e := billrun.New(db, kabinet.Calendar{Clock: func() time.Time { return day(2026, 12, 1) }})
		before := ledgerSum(t, db)
		oct := kabinet.Period{Year: 2026, Month: time.October}
		if _, err := e.Close(ctx, oct); err != nil {
			t.Fatal(err)
		}
		if ledgerSum(t, db) != before {
			t.Fatal("a month of the demo's history was closed again")
		}
		var octBills int
		db.SQL().QueryRow(`SELECT count(*) FROM bills WHERE period = 202610`).Scan(&octBills)
		if octBills != 204 {
			t.Errorf("%d bills for October, want one for each of 204 accounts", octBills)
		}
		nov26 := kabinet.Period{Year: 2026, Month: time.November}
		if c, err := e.Close(ctx, nov26); err != nil || c.State != kabinet.CloseDone {
			t.Fatalf("close = %+v, %v", c, err)
		}
		var accounts, bills, accepted int
		db.SQL().QueryRow(`SELECT count(*) FROM accounts`).Scan(&accounts)
		db.SQL().QueryRow(`SELECT count(*) FROM bills WHERE period = 202611`).Scan(&bills)
		db.SQL().QueryRow(`SELECT count(*) FROM readings WHERE period = 202611 AND status = 'accepted'`).Scan(&accepted)
		if bills != accounts || accepted != 0 {
			t.Errorf("%d accounts, %d bills for November, %d readings still accepted", accounts, bills, accepted)
		}
		var estimated int
		db.SQL().QueryRow(`SELECT count(*) FROM readings WHERE period = 202611 AND source = 'estimated'`).Scan(&estimated)
		if estimated == 0 {
			t.Error("no meter was charged by average or norm; the demo has meters without a November reading")
		}
	})
}
