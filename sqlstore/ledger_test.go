package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

func TestLedger(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p := MustCreateProvider(t, db, "IES")
		sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
		MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
		jan := kabinet.Period{Year: 2026, Month: 1}
		post := func(kind kabinet.EntryKind, amount kabinet.Money, ext string) error {
			e := &kabinet.LedgerEntry{SubAccountID: sub.ID, Period: jan, Kind: kind, Amount: amount, PostedOn: date(2026, 2, 3), ExternalID: ext}
			if kind == kabinet.EntryPayment {
				e.Channel = kabinet.ChannelCard
			}
			return db.CreateLedgerEntry(ctx, e)
		}
		for _, e := range []struct {
			kind   kabinet.EntryKind
			amount kabinet.Money
			ext    string
		}{{kabinet.EntryCharge, 316662, ""}, {kabinet.EntryPenalty, 16662, ""}, {kabinet.EntryPayment, -200000, "sber:order-1"}} {
			if err := post(e.kind, e.amount, e.ext); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("BalanceDerived", func(t *testing.T) {
			tot, err := db.FindTotals(ctx, sub.ID)
			if err != nil {
				t.Fatal(err)
			}
			b := tot.Balance()
			if b.Debt != 133324 || b.PenaltyPart != 16662 {
				t.Errorf("balance = %+v, want debt 133324 with penalties 16662", b)
			}
		})
		t.Run("ErrSameExternalIDTwice", func(t *testing.T) {
			wantCode(t, post(kabinet.EntryPayment, -200000, "sber:order-1"), kabinet.ECONFLICT)
			tot, _ := db.FindTotals(ctx, sub.ID)
			if tot.Payments != -200000 {
				t.Errorf("payments = %d after a repeated notification, want -200000", tot.Payments)
			}
		})
		t.Run("ErrPaymentWithPositiveAmount", func(t *testing.T) {
			wantCode(t, post(kabinet.EntryPayment, 100, ""), kabinet.EINVALID)
		})
		t.Run("PaymentsOnly", func(t *testing.T) {
			es, err := db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Kind: kabinet.EntryPayment})
			if err != nil || len(es) != 1 || es[0].Channel != kabinet.ChannelCard || es[0].Period != jan {
				t.Fatalf("payments = %+v, %v", es, err)
			}
			all, _ := db.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID})
			if len(all) != 3 {
				t.Errorf("all entries = %d, want 3", len(all))
			}
		})
	})
}

// TestKeptBalanceOfAnImportLoadedTwice: entries an import adds with
// AddNewLedgerEntry that the database has already are skipped, and the
// kept balance counts what went in, never a skipped entry again.
func TestKeptBalanceOfAnImportLoadedTwice(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p := MustCreateProvider(t, db, "IES")
		sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
		a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
		jan := kabinet.Period{Year: 2026, Month: 1}
		load := func(exts ...string) {
			t.Helper()
			b := &sqlstore.Batch{}
			for _, ext := range exts {
				b.AddNewLedgerEntry(&kabinet.LedgerEntry{SubAccountID: sub.ID, Period: jan, Kind: kabinet.EntryCharge,
					Amount: 100000, PostedOn: date(2026, 2, 1), ExternalID: ext})
			}
			if err := db.Load(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		load("c-1", "c-2")
		load("c-1", "c-2", "c-3") // the same file again, with one line more
		kept, err := db.FindBalances(ctx, a.ID)
		if err != nil || len(kept) != 1 {
			t.Fatalf("kept = %v, %v", kept, err)
		}
		tot, _ := db.FindTotals(ctx, sub.ID)
		if kept[0].Totals != tot || tot.Charges != 300000 {
			t.Errorf("kept %+v, ledger %+v, want charges of 3 000 ₽ in both", kept[0].Totals, tot)
		}
	})
}
