package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestRememberedExternalIDs: once a table's IDs are read in one pass,
// look-ups by external ID still find the rows written after the pass,
// find nothing for a key no row has, and read whole rows by their IDs.
func TestRememberedExternalIDs(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		db.RememberExternalIDsAtOnce()
		add := func(from, to int) {
			b := db.NewBatch().(*sqlstore.Batch)
			for i := from; i < to; i++ {
				b.AddAccount(&kabinet.Account{Number: kabinet.MustParseAccountNumber(fmt.Sprintf("3%010d", i)),
					Display: fmt.Sprintf("3%010d", i), Surname: fmt.Sprintf("Петров-%d", i), Settlement: kabinet.SettlementCity,
					Housing: kabinet.HousingFlat, CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ExternalID: fmt.Sprintf("A%d", i)})
			}
			if err := db.Load(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		find := func(keys ...string) map[string]*kabinet.Account {
			t.Helper()
			found, err := db.FindAccountsByExternalID(ctx, keys)
			if err != nil {
				t.Fatal(err)
			}
			for k, a := range found {
				if a.ExternalID != k || a.Surname != "Петров-"+k[1:] {
					t.Errorf("%s: found %s %s", k, a.ExternalID, a.Surname)
				}
			}
			return found
		}
		add(0, 600)
		if got := find("A0", "A599", "A600"); len(got) != 2 || got["A600"] != nil {
			t.Fatalf("before: found %d", len(got))
		}
		add(600, 1300) // after the pass: read on the next miss
		if got := find("A5", "A600", "A1299", "B1"); len(got) != 3 || got["B1"] != nil {
			t.Fatalf("after: found %d", len(got))
		}
		ids, err := db.FindExternalIDs(ctx, "accounts", []string{"A1299", "A7", "nobody"})
		if err != nil || len(ids) != 2 || ids["A1299"] == 0 || ids["A7"] == 0 {
			t.Fatalf("IDs %v, %v", ids, err)
		}
		db.ForgetExternalIDs()
		if got := find("A1", "A1000"); len(got) != 2 {
			t.Fatalf("after forgetting: found %d", len(got))
		}
	})
}
