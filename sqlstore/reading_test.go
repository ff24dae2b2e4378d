package sqlstore_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore/sqlstoretest"
)

func TestSubmitReading(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		db := sqlstoretest.MustOpen(t, dsn)
		p := MustCreateProvider(t, db, "IES")
		sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
		a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
		newMeter := func() *kabinet.Meter {
			m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Нева 103",
				Serial: "1", Zoning: kabinet.ZoningTwo, Digits: 6, AccuracyClass: "1", Ratio: 1, Phases: 1,
				InstalledOn: date(2019, 3, 1), VerifiedOn: date(2019, 2, 1), NextVerifiedOn: date(2035, 2, 1)}
			if err := db.CreateMeter(ctx, m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		portal := func(m *kabinet.Meter, day int, v int64, session string) *kabinet.Reading {
			return &kabinet.Reading{MeterID: m.ID, TakenOn: date(2026, 11, day), Period: kabinet.Period{Year: 2026, Month: 11},
				Values: []int64{v, v / 2}, Consumption: []int64{10, 5}, Source: kabinet.SourcePortal, Status: kabinet.ReadingAccepted,
				Session: session}
		}
		find := func(m *kabinet.Meter) []*kabinet.Reading {
			rs, err := db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID})
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}

		t.Run("SameDayReplaces", func(t *testing.T) {
			m := newMeter()
			first := portal(m, 20, 1000, "s1")
			if err := db.SubmitReading(ctx, first); err != nil {
				t.Fatal(err)
			}
			second := portal(m, 20, 1200, "s2")
			if err := db.SubmitReading(ctx, second); err != nil {
				t.Fatal(err)
			}
			rs := find(m)
			if len(rs) != 1 || !slices.Equal(rs[0].Values, []int64{1200, 600}) || rs[0].Session != "s2" || rs[0].ID != second.ID {
				t.Fatalf("after a second reading the same day: %+v", rs)
			}
			if second.ID <= first.ID {
				t.Errorf("the replacement has receipt № %d, the replaced one had № %d", second.ID, first.ID)
			}
			if err := db.SubmitReading(ctx, portal(m, 21, 1300, "s2")); err != nil {
				t.Fatal(err)
			}
			if n := len(find(m)); n != 2 {
				t.Errorf("another day: %d readings, want 2", n)
			}
		})

		t.Run("OtherSourcesTheSameDayStay", func(t *testing.T) {
			m := newMeter()
			c := portal(m, 20, 900, "")
			c.Source = kabinet.SourceController
			if err := db.CreateReading(ctx, c); err != nil {
				t.Fatal(err)
			}
			if err := db.SubmitReading(ctx, portal(m, 20, 1000, "s1")); err != nil {
				t.Fatal(err)
			}
			if n := len(find(m)); n != 2 {
				t.Errorf("%d readings, want the controller's and the portal's", n)
			}
		})

		t.Run("ParallelSubmissionsKeepExactlyOne", func(t *testing.T) {
			for round := range 5 {
				m := newMeter()
				const n = 8
				var wg sync.WaitGroup
				errs := make([]error, n)
				for i := range n {
					wg.Go(func() { errs[i] = db.SubmitReading(ctx, portal(m, 20, int64(1000+i*10+round), "s")) })
				}
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("submission %d: %v", i, err)
					}
				}
				rs := find(m)
				if len(rs) != 1 {
					t.Fatalf("round %d: %d readings kept, want exactly 1", round, len(rs))
				}
				if v := rs[0].Values[0]; (v-1000-int64(round))%10 != 0 || v < 1000 || v >= 1000+n*10 {
					t.Errorf("kept value %d is none of the submitted", v)
				}
			}
		})

		t.Run("CalculatedIsNotReplaced", func(t *testing.T) {
			m := newMeter()
			r := portal(m, 20, 1000, "s1")
			r.Status = kabinet.ReadingCalculated
			if err := db.CreateReading(ctx, r); err != nil {
				t.Fatal(err)
			}
			wantCode(t, db.SubmitReading(ctx, portal(m, 20, 1100, "s1")), kabinet.ECONFLICT)
			if rs := find(m); len(rs) != 1 || rs[0].Values[0] != 1000 {
				t.Errorf("calculated reading changed: %+v", rs)
			}
		})

		t.Run("DeleteOnlyBySessionAndWhileAccepted", func(t *testing.T) {
			m := newMeter()
			r := portal(m, 20, 1000, "s1")
			if err := db.SubmitReading(ctx, r); err != nil {
				t.Fatal(err)
			}
			wantCode(t, db.DeleteReading(ctx, m.ID, r.ID, "another session"), kabinet.ENOTFOUND)
			wantCode(t, db.DeleteReading(ctx, m.ID, r.ID, ""), kabinet.ENOTFOUND)
			wantCode(t, db.DeleteReading(ctx, m.ID+1000, r.ID, "s1"), kabinet.ENOTFOUND)
			if err := db.DeleteReading(ctx, m.ID, r.ID, "s1"); err != nil {
				t.Fatal(err)
			}
			if n := len(find(m)); n != 0 {
				t.Fatalf("%d readings after delete", n)
			}
			// The slot of the day is free again.
			again := portal(m, 20, 1100, "s1")
			if err := db.SubmitReading(ctx, again); err != nil {
				t.Fatal(err)
			}
			// The deleted reading was the newest; its receipt number is
			// not given again.
			if again.ID <= r.ID {
				t.Errorf("after deleting № %d the next reading got № %d", r.ID, again.ID)
			}
			// The month close marks it «Рассчитано».
			if err := db.SaveClosedChunk(ctx, &kabinet.ClosedChunk{Period: again.Period, FromID: a.ID, ToID: a.ID}); err != nil {
				t.Fatal(err)
			}
			wantCode(t, db.DeleteReading(ctx, m.ID, again.ID, "s1"), kabinet.ENOTFOUND)
		})

		t.Run("CreatedAtIsTheStoreClock", func(t *testing.T) {
			m := newMeter()
			at := time.Date(2026, 11, 20, 4, 5, 6, 0, time.UTC)
			db.Now = func() time.Time { return at }
			defer func() { db.Now = nil }()
			if err := db.SubmitReading(ctx, portal(m, 20, 1000, "s1")); err != nil {
				t.Fatal(err)
			}
			if got := find(m)[0].CreatedAt; !got.Equal(at) {
				t.Errorf("created at %s, want %s", got, at)
			}
		})
	})
}
