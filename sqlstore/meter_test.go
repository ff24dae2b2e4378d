package sqlstore_test

import (
	"slices"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestMetersAndReadings(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p := MustCreateProvider(t, db, "IES")
		sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
		a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
		m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Меркурий 200.02",
			Serial: "12345678", Zoning: kabinet.ZoningTwo, Digits: 6, Decimals: 1, AccuracyClass: "1,0", Ratio: 1, Phases: 1,
			InstalledOn: date(2019, 3, 1), VerifiedOn: date(2019, 2, 1), NextVerifiedOn: date(2035, 2, 1)}
		if err := db.CreateMeter(ctx, m); err != nil {
			t.Fatal(err)
		}

		t.Run("MeterRoundTrip", func(t *testing.T) {
			ms, err := db.FindMeters(ctx, a.ID)
			if err != nil || len(ms) != 1 {
				t.Fatalf("FindMeters = %v, %v", ms, err)
			}
			got := ms[0]
			if got.Zoning != kabinet.ZoningTwo || got.Digits != 6 || !got.NextVerifiedOn.Equal(m.NextVerifiedOn) || got.Model != m.Model {
				t.Errorf("got %+v, want %+v", got, m)
			}
		})
		for i, v := range []int64{100, 250, 400} {
			r := &kabinet.Reading{MeterID: m.ID, TakenOn: date(2026, 1+monthOf(i), 20), Period: kabinet.Period{Year: 2026, Month: 1 + monthOf(i)},
				Values: []int64{v, v / 2}, Consumption: []int64{150, 75}, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted}
			if err := db.CreateReading(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		t.Run("NewestFirstWithZones", func(t *testing.T) {
			rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID})
			if err != nil || len(rs) != 3 {
				t.Fatalf("FindReadings = %d readings, %v", len(rs), err)
			}
			if !slices.Equal(rs[0].Values, []int64{400, 200}) || rs[0].Period.String() != "2026-03" || rs[0].TotalConsumption() != 225 {
				t.Errorf("newest = %+v", rs[0])
			}
		})
		t.Run("DateRange", func(t *testing.T) {
			rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, From: date(2026, 2, 1), To: date(2026, 2, 28)})
			if err != nil || len(rs) != 1 || rs[0].Values[0] != 250 {
				t.Fatalf("FindReadings in February = %+v, %v", rs, err)
			}
		})
		t.Run("ErrTooManyZones", func(t *testing.T) {
			r := &kabinet.Reading{MeterID: m.ID, TakenOn: date(2026, 4, 1), Values: []int64{1, 2, 3, 4}, Consumption: []int64{1, 2, 3, 4}}
			wantCode(t, db.CreateReading(ctx, r), kabinet.EINVALID)
		})
	})
}

func monthOf(i int) time.Month { return time.Month(i) }
