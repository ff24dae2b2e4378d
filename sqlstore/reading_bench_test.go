package sqlstore_test

import (
	"testing"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

// BenchmarkSubmitReading is the writer's share of passing a reading: one
// committed upsert, alternating between a new day's row and a replacement.
func BenchmarkSubmitReading(b *testing.B) {
	db := sqlstoretest.MustOpen(b, sqlstoretest.SQLiteDSN(b))
	p := MustCreateProvider(b, db, "IES")
	sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "1"}
	a := MustCreateAccount(b, db, "ИЭСБК0041300", "Петров", sub)
	var meters []*kabinet.Meter
	for range 1000 {
		m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Нева", Serial: "1",
			Zoning: kabinet.ZoningSingle, Digits: 6, AccuracyClass: "1", Ratio: 1, Phases: 1,
			InstalledOn: date(2019, 3, 1), VerifiedOn: date(2019, 2, 1), NextVerifiedOn: date(2035, 2, 1)}
		if err := db.CreateMeter(ctx, m); err != nil {
			b.Fatal(err)
		}
		meters = append(meters, m)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r := &kabinet.Reading{MeterID: meters[i%len(meters)].ID, TakenOn: date(2026, 11, 1+i/len(meters)%28), Period: kabinet.Period{Year: 2026, Month: 11},
			Values: []int64{int64(i)}, Consumption: []int64{1}, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted, Session: "s"}
		if err := db.SubmitReading(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
}
