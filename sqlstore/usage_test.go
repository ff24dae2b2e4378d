package sqlstore_test

import (
	"cmp"
	"slices"
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestFindUsage(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p := MustCreateProvider(t, db, "IES")
		sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
		a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
		m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Меркурий 200.02",
			Serial: "1", Zoning: kabinet.ZoningTwo, Digits: 6, Ratio: 1, Phases: 1,
			InstalledOn: date(2019, 3, 1), VerifiedOn: date(2019, 2, 1), NextVerifiedOn: date(2035, 2, 1)}
		if err := db.CreateMeter(ctx, m); err != nil {
			t.Fatal(err)
		}
		oct, nov := kabinet.Period{Year: 2026, Month: 10}, kabinet.Period{Year: 2026, Month: 11}
		for i, per := range []kabinet.Period{oct, nov, nov} { // two readings in November add up
			r := &kabinet.Reading{MeterID: m.ID, TakenOn: date(2026, per.Month, 10+i), Period: per,
				Values: []int64{1000, 500}, Consumption: []int64{100, 40}, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted}
			if err := db.CreateReading(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range []*kabinet.LedgerEntry{
			{SubAccountID: sub.ID, Period: nov, Kind: kabinet.EntryCharge, Service: kabinet.ServiceElectricity, Amount: 50000, PostedOn: date(2026, 12, 1)},
			{SubAccountID: sub.ID, Period: nov, Kind: kabinet.EntryPenalty, Amount: 700, PostedOn: date(2026, 12, 1)},
			{SubAccountID: sub.ID, Period: oct, Kind: kabinet.EntryCharge, Service: kabinet.ServiceElectricity, Amount: 40000, PostedOn: date(2026, 11, 1)},
		} {
			if err := db.CreateLedgerEntry(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		us, err := db.FindUsage(ctx, a.ID, nov)
		if err != nil {
			t.Fatal(err)
		}
		want := []kabinet.Usage{
			{Service: kabinet.ServiceElectricity, Period: nov, Charged: 50000},
			{Service: kabinet.ServiceElectricity, Period: nov, Metered: true, Units: 280},
		}
		sortUsage(us)
		if !slices.Equal(us, want) {
			t.Errorf("usage = %+v, want %+v", us, want)
		}
		summed, err := db.FindLedgerUsage(ctx, a.ID, nov)
		if err != nil {
			t.Fatal(err)
		}
		if sortUsage(summed); !slices.Equal(summed, us) {
			t.Errorf("kept usage = %+v, from the ledger %+v", us, summed)
		}
	})
}

// sortUsage orders rows by month, then charges before units, then service.
func sortUsage(us []kabinet.Usage) {
	slices.SortFunc(us, func(a, b kabinet.Usage) int {
		key := func(u kabinet.Usage) string {
			m := "0"
			if u.Metered {
				m = "1"
			}
			return u.Period.String() + m + string(u.Service)
		}
		return cmp.Compare(key(a), key(b))
	})
}
