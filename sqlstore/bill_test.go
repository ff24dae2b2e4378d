package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestBills(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		a := MustCreateAccount(t, db, "10103001857", "Иванов")
		for m := 1; m <= 5; m++ {
			b := &kabinet.Bill{AccountID: a.ID, Period: kabinet.Period{Year: 2026, Month: timeMonth(m)},
				Data: kabinet.BillData{AccountNumber: "10103001857", Payer: "Иванов И. И.", Total: kabinet.Money(1000 * m),
					Providers: []kabinet.BillProvider{{SubAccount: "10103001857", ToPay: kabinet.Money(1000 * m),
						Lines: []kabinet.BillLine{{Service: kabinet.ServiceElectricity, Consumption: 150, Unit: "кВт·ч", TariffKopecks: 18100, Amount: 27150}}}}}}
			if err := db.CreateBill(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("SnapshotRoundTrip", func(t *testing.T) {
			b, err := db.FindBill(ctx, a.ID, kabinet.Period{Year: 2026, Month: 3})
			if err != nil {
				t.Fatal(err)
			}
			if b.Data.Total != 3000 || b.Data.Providers[0].Lines[0].TariffKopecks != 18100 || b.Data.Payer != "Иванов И. И." {
				t.Errorf("bill = %+v", b.Data)
			}
		})
		t.Run("LastFourNewestFirst", func(t *testing.T) {
			bs, err := db.FindBills(ctx, a.ID, 4)
			if err != nil || len(bs) != 4 || bs[0].Period.Month != 5 || bs[3].Period.Month != 2 {
				t.Fatalf("FindBills = %v, %v", bs, err)
			}
		})
		t.Run("ErrSecondBillForPeriod", func(t *testing.T) {
			wantCode(t, db.CreateBill(ctx, &kabinet.Bill{AccountID: a.ID, Period: kabinet.Period{Year: 2026, Month: 1}}), kabinet.ECONFLICT)
			b, _ := db.FindBill(ctx, a.ID, kabinet.Period{Year: 2026, Month: 1})
			if b.Data.Total != 1000 {
				t.Errorf("the first bill changed: total %d", b.Data.Total)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			_, err := db.FindBill(ctx, a.ID, kabinet.Period{Year: 2025, Month: 1})
			wantCode(t, err, kabinet.ENOTFOUND)
		})
	})
}
