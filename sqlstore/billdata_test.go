package sqlstore_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestBillProviderDetails: each set of providers' details is stored
// once, bills name it, read back whole; a provider whose details change
// gets a new set and its older bills keep printing the old one; a bill
// stored with its details inline (before migration 0127) reads as before.
func TestBillProviderDetails(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		ies, heat := MustCreateProvider(t, db, "IES"), MustCreateProvider(t, db, "BEK")
		heat.PersonalAcc, heat.Services = "40702810218350005678", []kabinet.Service{kabinet.ServiceHeat}
		const periods = 1003 // more than a page of EachBill
		want := map[int64]kabinet.BillData{}
		b := db.NewBatch().(*sqlstore.Batch)
		for i := range periods {
			a := &kabinet.Account{ID: int64(100 + i), Number: kabinet.MustParseAccountNumber(fmt.Sprintf("3%010d", i)),
				Display: fmt.Sprintf("3%010d", i), Surname: "Петров", Settlement: kabinet.SettlementCity, Housing: kabinet.HousingFlat,
				CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			b.AddAccount(a)
			data := kabinet.BillData{AccountNumber: a.Display, Payer: "Петров", Total: kabinet.Money(100 + i),
				Providers: []kabinet.BillProvider{{Provider: *ies, SubAccount: "И" + a.Display, ToPay: kabinet.Money(100 + i)},
					{Provider: *heat, SubAccount: "Т" + a.Display}}}
			if err := b.AddBill(&kabinet.Bill{AccountID: a.ID, Period: kabinet.Period{Year: 2026, Month: 5}, IssuedAt: time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC), Data: data}); err != nil {
				t.Fatal(err)
			}
			want[a.ID] = data
		}
		if err := db.Load(ctx, b); err != nil {
			t.Fatal(err)
		}
		countSets := func() int {
			var n int
			if err := db.SQL().QueryRow(`SELECT count(*) FROM bill_providers`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := countSets(); n != 2 {
			t.Fatalf("%d sets of details stored for %d bills of 2 providers, want 2", n, periods)
		}
		var data string
		if err := db.SQL().QueryRow(`SELECT data FROM bills WHERE account_id = 100`).Scan(&data); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(data, ies.INN) || !strings.Contains(data, `"provider_ref"`) {
			t.Errorf("a bill's data holds its providers' details inline: %s", data)
		}

		seen := 0
		err := db.EachBill(ctx, kabinet.Period{Year: 2026, Month: 5}, func(bill *kabinet.Bill) error {
			if w := want[bill.AccountID]; !reflect.DeepEqual(bill.Data, w) {
				t.Errorf("bill of account %d read back as\n%+v\nwant\n%+v", bill.AccountID, bill.Data, w)
			}
			seen++
			return nil
		})
		if err != nil || seen != periods {
			t.Fatalf("EachBill met %d bills of %d: %v", seen, periods, err)
		}

		t.Run("ChangedDetailsKeepOldBills", func(t *testing.T) {
			moved := *ies
			moved.PersonalAcc = "40702810000000009999"
			nb := &kabinet.Bill{AccountID: 100, Period: kabinet.Period{Year: 2026, Month: 6},
				Data: kabinet.BillData{Providers: []kabinet.BillProvider{{Provider: moved, SubAccount: "И1"}}}}
			if err := db.CreateBill(ctx, nb); err != nil {
				t.Fatal(err)
			}
			if n := countSets(); n != 3 {
				t.Errorf("%d sets of details after a provider's changed, want 3", n)
			}
			bs, err := db.FindBills(ctx, 100, 2)
			if err != nil || len(bs) != 2 {
				t.Fatalf("FindBills = %v, %v", bs, err)
			}
			if got := bs[0].Data.Providers[0].Provider.PersonalAcc; got != moved.PersonalAcc {
				t.Errorf("the new bill prints account %s, want %s", got, moved.PersonalAcc)
			}
			if got := bs[1].Data.Providers[0].Provider.PersonalAcc; got != ies.PersonalAcc {
				t.Errorf("the older bill prints account %s, want the one it was issued with, %s", got, ies.PersonalAcc)
			}
		})

		t.Run("InlineDetailsOfOlderBills", func(t *testing.T) {
			old := `{"account_number":"30000000001","payer":"Петров","providers":[{"provider":{"ID":7,"Code":"OLD","Name":"ООО «Старое»","INN":"3800000001","Services":["electricity"]},"sub_account":"С1","opening_balance":0,"lines":null,"adjustments":0,"penalties":0,"payments":0,"to_pay":500,"due_on":"2026-05-15T00:00:00Z"}],"total":500}`
			if _, err := db.SQL().Exec(`INSERT INTO bills (account_id, period, issued_at, data) VALUES (101, 202604, $1, $2)`,
				time.Date(2026, 5, 1, 2, 0, 0, 0, time.UTC), old); err != nil {
				t.Fatal(err)
			}
			bill, err := db.FindBill(ctx, 101, kabinet.Period{Year: 2026, Month: 4})
			if err != nil {
				t.Fatal(err)
			}
			p := bill.Data.Providers[0]
			if p.Provider.INN != "3800000001" || p.Provider.Name != "ООО «Старое»" || p.ToPay != 500 || p.SubAccount != "С1" {
				t.Errorf("a bill with inline details read as %+v", p)
			}
		})
	})
}
