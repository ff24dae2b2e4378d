package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func TestBatchLoad(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		var start sqlstore.Batch
		start.StartWorld(42, 1234, time.Now())
		if err := db.Load(ctx, &start); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.Load(ctx, &start), kabinet.ECONFLICT)

		t.Run("ManyRowsWithProgress", func(t *testing.T) {
			var b sqlstore.Batch
			for i := 1; i <= 1234; i++ { // more than one multi-row statement
				b.AddAccount(bulkAccount(int64(i)))
			}
			b.MarkWorldBuilt(1234)
			if err := db.Load(ctx, &b); err != nil {
				t.Fatal(err)
			}
			if n, _ := db.CountAccounts(ctx); n != 1234 {
				t.Fatalf("accounts = %d, want 1234", n)
			}
			a, err := db.FindAccountByNumber(ctx, kabinet.MustParseAccountNumber("ДЕМО00000777"))
			if err != nil || a.ID != 777 || a.CreatedAt.IsZero() {
				t.Fatalf("account 777 = %+v, %v", a, err)
			}
		})
		t.Run("ErrBadRowWritesNothing", func(t *testing.T) {
			var b sqlstore.Batch
			b.AddAccount(bulkAccount(5000))
			b.AddSubAccount(&kabinet.SubAccount{ID: 1, AccountID: 5000, ProviderID: 999, Number: "x"}) // no provider 999
			b.MarkWorldBuilt(9999)
			if err := db.Load(ctx, &b); err == nil {
				t.Fatal("Load with a broken foreign key succeeded")
			}
			if n, _ := db.CountAccounts(ctx); n != 1234 {
				t.Errorf("accounts = %d after a failed batch, want 1234", n)
			}
			if w, _ := db.FindWorld(ctx); w.Built != 1234 || w.State != kabinet.WorldBuilding {
				t.Errorf("world = %+v after a failed batch", w)
			}
		})
		t.Run("CompleteMovesSequencesPastLoadedIDs", func(t *testing.T) {
			if err := db.CompleteWorld(ctx); err != nil {
				t.Fatal(err)
			}
			if w, _ := db.FindWorld(ctx); w.State != kabinet.WorldComplete || w.Seed != 42 {
				t.Errorf("world = %+v", w)
			}
			a := MustCreateAccount(t, db, "10103001857", "Иванов")
			if a.ID != 1235 {
				t.Errorf("new account after the bulk load has ID %d, want 1235", a.ID)
			}
		})
	})
}

func TestCompleteWorldRefusesHalfBuilt(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		var b sqlstore.Batch
		b.StartWorld(1, 10, time.Now())
		b.MarkWorldBuilt(5)
		if err := db.Load(ctx, &b); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CompleteWorld(ctx), kabinet.ECONFLICT)
		if w, _ := db.FindWorld(ctx); w.State != kabinet.WorldBuilding || w.Built != 5 {
			t.Errorf("world = %+v", w)
		}
	})
}

func bulkAccount(i int64) *kabinet.Account {
	n := fmt.Sprintf("ДЕМО%08d", i)
	return &kabinet.Account{ID: i, Number: kabinet.MustParseAccountNumber(n), Display: n, Surname: "Демо", Address: "ул. Демо",
		Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat, CreatedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
}
