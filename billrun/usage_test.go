package billrun_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/demo"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestKeptUsageFollowsTheLedger checks the property «Главная»'s chart
// relies on (issue 17): the months kept in usage_months are the sums of
// the readings and the ledger, after a demo build, a close, its undoing
// and a second close, an import of charges and readings into closed and
// open months, and a customer's reading given and deleted.
func TestKeptUsageFollowsTheLedger(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		if _, err := demo.Build(ctx, db, demo.Options{Accounts: 40, Seed: 11, Today: day(2026, 11, 27)}); err != nil {
			t.Fatal(err)
		}
		mustKeepUsage(t, db, "after the demo build")

		e := billrun.New(db, kabinet.Calendar{Clock: func() time.Time { return day(2026, 12, 1) }})
		e.ChunkSize = 7
		nov := kabinet.Period{Year: 2026, Month: time.November}
		if _, err := e.Close(ctx, nov); err != nil {
			t.Fatal(err)
		}
		mustKeepUsage(t, db, "after the close")
		if err := db.ReopenPeriod(ctx, nov); err != nil {
			t.Fatal(err)
		}
		mustKeepUsage(t, db, "after the close was undone")
		if _, err := e.Close(ctx, nov); err != nil {
			t.Fatal(err)
		}
		mustKeepUsage(t, db, "after the second close")

		importSome(t, db)
		mustKeepUsage(t, db, "after an import")
		importSome(t, db) // met again: nothing goes in twice
		mustKeepUsage(t, db, "after the same import again")
		submitAndDelete(t, db)
		mustKeepUsage(t, db, "after a reading given and deleted")
	})
}

// importSome loads, as an import does, charges and readings into a closed
// month (October) and the open one (December) of a few accounts.
func importSome(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	var b sqlstore.Batch
	for i, a := range mustAccounts(t, db)[:5] {
		bs, err := db.FindBalances(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []kabinet.Period{{Year: 2026, Month: time.October}, {Year: 2026, Month: time.December}} {
			b.AddNewLedgerEntry(&kabinet.LedgerEntry{SubAccountID: bs[0].SubAccount.ID, Period: p, Kind: kabinet.EntryCharge,
				Service: kabinet.ServiceElectricity, Amount: kabinet.Money(1000 * (i + 1)), PostedOn: day(2026, 12, 2),
				ExternalID: fmt.Sprintf("import:%d:%s", a.ID, p)})
			ms, err := db.FindMeters(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) == 0 {
				continue
			}
			b.AddNewReading(&kabinet.Reading{MeterID: ms[0].ID, TakenOn: p.Start(time.UTC).AddDate(0, 0, 20), Period: p,
				Values: []int64{99999}, Consumption: []int64{int64(10 * (i + 1))}, Source: kabinet.SourceAutomatic,
				Status: kabinet.ReadingAccepted, ExternalID: fmt.Sprintf("import:%d:%s", ms[0].ID, p)})
		}
	}
	if err := db.Load(ctx, &b); err != nil {
		t.Fatal(err)
	}
}

// submitAndDelete gives a portal reading in the open month on one meter
// and deletes it, and gives one on another that stays.
func submitAndDelete(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	var meters []*kabinet.Meter
	for _, a := range mustAccounts(t, db) {
		ms, err := db.FindMeters(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		meters = append(meters, ms...)
	}
	dec := kabinet.Period{Year: 2026, Month: time.December}
	var rs []*kabinet.Reading
	for i, m := range meters[:2] {
		r := &kabinet.Reading{MeterID: m.ID, TakenOn: day(2026, 12, 3), Period: dec, Values: make([]int64, len(m.Zoning.Zones())),
			Consumption: make([]int64, len(m.Zoning.Zones())), Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted, Session: "s"}
		for z := range r.Values {
			r.Values[z], r.Consumption[z] = 1000000, int64(100+i+z)
		}
		if err := db.SubmitReading(ctx, r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	mustKeepUsage(t, db, "after two readings given")
	if err := db.DeleteReading(ctx, rs[0].MeterID, rs[0].ID, "s"); err != nil {
		t.Fatal(err)
	}
}

func mustAccounts(t *testing.T, db *sqlstore.DB) []*kabinet.Account {
	t.Helper()
	as, err := db.FindAccountsAfter(ctx, 0, 100000)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// mustKeepUsage checks every account's kept months against the sums of
// its readings and ledger, and that the world has some.
func mustKeepUsage(t *testing.T, db *sqlstore.DB, when string) {
	t.Helper()
	since := kabinet.Period{Year: 2000, Month: time.January}
	rows := 0
	for _, a := range mustAccounts(t, db) {
		kept, err := db.FindUsage(ctx, a.ID, since)
		if err != nil {
			t.Fatal(err)
		}
		summed, err := db.FindLedgerUsage(ctx, a.ID, since)
		if err != nil {
			t.Fatal(err)
		}
		sortUsage(kept)
		sortUsage(summed)
		if !slices.Equal(kept, summed) {
			t.Fatalf("%s: account %d keeps %+v, its readings and ledger sum to %+v", when, a.ID, kept, summed)
		}
		rows += len(kept)
	}
	if rows == 0 {
		t.Fatalf("%s: no months kept", when)
	}
}

func sortUsage(us []kabinet.Usage) {
	slices.SortFunc(us, func(a, b kabinet.Usage) int {
		if c := cmp.Compare(a.Period.Int(), b.Period.Int()); c != 0 {
			return c
		}
		if a.Metered != b.Metered {
			return cmp.Compare(fmt.Sprint(a.Metered), fmt.Sprint(b.Metered))
		}
		return cmp.Compare(a.Service, b.Service)
	})
}
