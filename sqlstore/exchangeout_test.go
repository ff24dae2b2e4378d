package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// exportWorld is an account with a meter, for the export tests.
type exportWorld struct {
	db *sqlstore.DB
	a  *kabinet.Account
	m  *kabinet.Meter
}

func newExportWorld(t *testing.T, dsn string) *exportWorld {
	db := sqlstoretest.MustOpen(t, dsn)
	p := MustCreateProvider(t, db, "IES")
	sub := &kabinet.SubAccount{ProviderID: p.ID, Number: "0041300"}
	a := MustCreateAccount(t, db, "ИЭСБК0041300", "Петров", sub)
	m := &kabinet.Meter{AccountID: a.ID, SubAccountID: sub.ID, Service: kabinet.ServiceElectricity, Model: "Нева 103",
		Serial: "007", Zoning: kabinet.ZoningSingle, Digits: 6, AccuracyClass: "1", Ratio: 1, Phases: 1,
		InstalledOn: date(2019, 3, 1), VerifiedOn: date(2019, 2, 1), NextVerifiedOn: date(2035, 2, 1)}
	if err := db.CreateMeter(ctx, m); err != nil {
		t.Fatal(err)
	}
	return &exportWorld{db: db, a: a, m: m}
}

func (w *exportWorld) reading(t *testing.T, day int, v int64, src kabinet.ReadingSource, session string) *kabinet.Reading {
	t.Helper()
	r := &kabinet.Reading{MeterID: w.m.ID, TakenOn: date(2026, 11, day), Period: kabinet.Period{Year: 2026, Month: 11},
		Values: []int64{v}, Consumption: []int64{10}, Source: src, Status: kabinet.ReadingAccepted, Session: session}
	var err error
	if src == kabinet.SourcePortal && session != "" {
		err = w.db.SubmitReading(ctx, r)
	} else {
		err = w.db.CreateReading(ctx, r)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// export stamps a new export and returns its cursor with the kind's
// records after since, each as "id deleted".
func (w *exportWorld) export(t *testing.T, kind string, since int64) (int64, []string) {
	t.Helper()
	cursor, _, err := w.db.StartExport(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	return cursor, w.scan(t, kind, since, cursor)
}

func (w *exportWorld) scan(t *testing.T, kind string, since, upto int64) []string {
	t.Helper()
	var got []string
	err := w.db.ScanExport(ctx, kind, since, upto, func(cols []string, vals []any) error {
		row := map[string]any{}
		for i, c := range cols {
			row[c] = vals[i]
		}
		deleted := fmt.Sprint(row["deleted"])
		got = append(got, fmt.Sprintf("%v %v", row[cols[0]], deleted == "true" || deleted == "1"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestExportCursor(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newExportWorld(t, dsn)
		passed := w.reading(t, 20, 1000, kabinet.SourcePortal, "s1")
		w.reading(t, 21, 1100, kabinet.SourceController, "")
		w.reading(t, 22, 1200, kabinet.SourcePortal, "") // a demo or imported portal reading: no session

		c1, got := w.export(t, "portal_readings", 0)
		if want := fmt.Sprintf("[%d false]", passed.ID); fmt.Sprint(got) != want {
			t.Fatalf("first export: %v, want %s (only the reading passed in a session)", got, want)
		}
		c2, got := w.export(t, "portal_readings", c1)
		if len(got) != 0 || c2 <= c1 {
			t.Fatalf("second export after cursor %d: cursor %d, %v; want a later cursor and nothing", c1, c2, got)
		}
		if again := w.scan(t, "portal_readings", 0, c2); len(again) != 1 {
			t.Errorf("an export from the beginning again: %v, want the one reading", again)
		}

		// Replaced the same day: the first is withdrawn, the second new.
		replaced := w.reading(t, 20, 1010, kabinet.SourcePortal, "s1")
		c3, got := w.export(t, "portal_readings", c2)
		if want := fmt.Sprintf("[%d true %d false]", passed.ID, replaced.ID); fmt.Sprint(got) != want {
			t.Errorf("after replacing: %v, want %s", got, want)
		}
		passed = replaced
		if err := w.db.DeleteReading(ctx, w.m.ID, passed.ID, "s1"); err != nil {
			t.Fatal(err)
		}
		_, got = w.export(t, "portal_readings", c3)
		if want := fmt.Sprintf("[%d true]", passed.ID); fmt.Sprint(got) != want {
			t.Errorf("after deleting: %v, want %s", got, want)
		}
	})
}

func TestExportServiceChanges(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newExportWorld(t, dsn)
		old := &kabinet.ServiceSettings{AccountID: w.a.ID, BillPaper: true}
		s := &kabinet.ServiceSettings{AccountID: w.a.ID, BillPaper: true, SMS: true, Phone: "79501234567"}
		if _, err := w.db.SaveServiceSettings(ctx, s, old, kabinet.ChangeSourceWeb, 0); err != nil {
			t.Fatal(err)
		}
		if cs, _ := w.db.FindServiceChanges(ctx, w.a.ID); len(cs) != 2 {
			t.Fatalf("%d unexported changes before the export, want 2", len(cs))
		}
		c, services := w.export(t, "service_changes", 0)
		contacts := w.scan(t, "contact_changes", 0, c)
		if len(services) != 1 || len(contacts) != 1 {
			t.Errorf("services %v, contacts %v; want the SMS tick and the phone", services, contacts)
		}
		if cs, _ := w.db.FindServiceChanges(ctx, w.a.ID); len(cs) != 0 {
			t.Errorf("%d changes still unexported after the export", len(cs))
		}
	})
}

// TestExportLateCommit: a change that commits after a later-numbered one
// was exported is taken by the next export, not skipped by the cursor.
// PostgreSQL only: SQLite has one writer, so nothing commits out of order.
func TestExportLateCommit(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		w := newExportWorld(t, sqlstoretest.PostgresDSN(t))
		slow, err := w.db.SQL().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer slow.Rollback()
		var slowID int64
		if err := slow.QueryRowContext(ctx, `INSERT INTO readings (meter_id, taken_on, period, v1, c1, source, status, created_at, session_hash)
			VALUES ($1, '2026-11-20', 202611, 1000, 10, 'portal', 'accepted', $2, 's1') RETURNING id`,
			w.m.ID, time.Now()).Scan(&slowID); err != nil {
			t.Fatal(err)
		}
		fast := w.reading(t, 21, 1100, kabinet.SourcePortal, "s2")
		if fast.ID <= slowID {
			t.Fatalf("fast reading %d should have a higher ID than the slow one %d", fast.ID, slowID)
		}
		c1, got := w.export(t, "portal_readings", 0)
		if want := fmt.Sprintf("[%d false]", fast.ID); fmt.Sprint(got) != want {
			t.Fatalf("export while the slow one is uncommitted: %v, want %s", got, want)
		}
		if err := slow.Commit(); err != nil {
			t.Fatal(err)
		}
		_, got = w.export(t, "portal_readings", c1)
		if want := fmt.Sprintf("[%d false]", slowID); fmt.Sprint(got) != want {
			t.Errorf("next export after the late commit: %v, want %s", got, want)
		}
	})
}
