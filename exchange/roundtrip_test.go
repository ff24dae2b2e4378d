package exchange_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/billing"
	"kabinet/demo"
	"kabinet/exchange"
	"kabinet/home"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

var ctx = context.Background()

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// freshDSN returns a new empty database on the engine of dsn.
func freshDSN(t *testing.T, dsn string) string {
	if sqlstore.IsPostgres(dsn) {
		return sqlstoretest.PostgresDSN(t)
	}
	return sqlstoretest.SQLiteDSN(t)
}

// exportDemo builds a demo world of n homes and exports it as IN files.
func exportDemo(t *testing.T, dsn string, n int, enc exchange.Encoding) (*sqlstore.DB, string) {
	t.Helper()
	src := sqlstoretest.MustOpen(t, dsn)
	if _, err := demo.Build(ctx, src, demo.Options{Accounts: n, Seed: 11, Today: day(2026, 11, 27)}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := exchange.ExportWorld(ctx, src, dir, enc); err != nil {
		t.Fatal(err)
	}
	return src, dir
}

func mustImport(t *testing.T, db *sqlstore.DB, path string) []*exchange.Summary {
	t.Helper()
	im := &exchange.Importer{Store: db, Chunk: 97, Again: true}
	sums, err := im.ImportPath(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if !s.OK() {
			t.Fatalf("%s: %v", s, s.Errors)
		}
	}
	return sums
}

// TestRoundTrip exports a demo world, imports it into an empty database and
// finds every account's bills and balances the same; a second import of the
// same files changes nothing.
func TestRoundTrip(t *testing.T) {
	for _, enc := range []exchange.Encoding{exchange.CSV, exchange.JSONL} {
		t.Run(string(enc), func(t *testing.T) {
			sqlstoretest.Run(t, func(t *testing.T, dsn string) {
				src, dir := exportDemo(t, dsn, 120, enc)
				dst := sqlstoretest.MustOpen(t, freshDSN(t, dsn))
				if enc == exchange.JSONL {
					dst.RememberExternalIDsAtOnce() // CSV takes the index; JSON Lines the IDs read in one pass
				}
				sums := mustImport(t, dst, dir)
				if len(sums) != 7 || sums[1].Kind != "accounts" || sums[1].Inserted < 120 {
					t.Fatalf("summaries %v", sums)
				}
				assertSameWorld(t, src, dst)
				assertPrintedDueDates(t, dst, sqlstore.IsPostgres(dsn))
				for _, s := range mustImport(t, dst, dir) {
					if s.Inserted+s.Updated+s.Closed != 0 {
						t.Errorf("importing again changed something: %s", s)
					}
				}
				assertSameWorld(t, src, dst)
			})
		})
	}
}

// assertSameWorld compares every account's bills (their data, as rendered),
// balances per provider, meters and readings.
func assertSameWorld(t *testing.T, src, dst *sqlstore.DB) {
	t.Helper()
	as, err := src.FindAccountsAfter(ctx, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		b, err := dst.FindAccountByNumber(ctx, a.Number)
		if err != nil {
			t.Fatalf("%s: %v", a.Display, err)
		}
		if a.FullName() != b.FullName() || a.Address != b.Address || a.Area != b.Area || a.Phone != b.Phone || a.Residents != b.Residents {
			t.Errorf("%s: account %+v, want %+v", a.Display, b, a)
		}
		assertSameBills(t, src, dst, a, b)
		assertSameBalances(t, src, dst, a, b)
		assertSameHome(t, src, dst, a, b)
		assertSameReadings(t, src, dst, a, b)
	}
}

func assertSameBills(t *testing.T, src, dst *sqlstore.DB, a, b *kabinet.Account) {
	t.Helper()
	want, err1 := src.FindBills(ctx, a.ID, 100)
	got, err2 := dst.FindBills(ctx, b.ID, 100)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) || len(want) == 0 {
		t.Fatalf("%s: %d bills, want %d", a.Display, len(got), len(want))
	}
	for i := range want {
		if want[i].Number() != got[i].Number() {
			t.Errorf("%s %s: bill № %s, want № %s", a.Display, want[i].Period, got[i].Number(), want[i].Number())
		}
		got[i].Data.Number = ""
		w, _ := json.Marshal(want[i].Data)
		g, _ := json.Marshal(got[i].Data)
		if string(w) != string(g) || want[i].Period != got[i].Period || !want[i].IssuedAt.Truncate(time.Second).Equal(got[i].IssuedAt) {
			t.Errorf("%s %s: bill\n%s\nwant\n%s", a.Display, want[i].Period, g, w)
		}
	}
}

func assertSameBalances(t *testing.T, src, dst *sqlstore.DB, a, b *kabinet.Account) {
	t.Helper()
	ws, _ := src.FindSubAccounts(ctx, a.ID)
	gs, _ := dst.FindSubAccounts(ctx, b.ID)
	if len(ws) != len(gs) {
		t.Fatalf("%s: %d sub-accounts, want %d", a.Display, len(gs), len(ws))
	}
	for i := range ws {
		w, _ := src.FindTotals(ctx, ws[i].ID)
		g, _ := dst.FindTotals(ctx, gs[i].ID)
		if w != g || ws[i].Number != gs[i].Number {
			t.Errorf("%s %s: totals %+v, want %+v", a.Display, ws[i].Number, g, w)
		}
	}
}

// assertSameHome compares what «Главная» shows for each provider: the debt,
// its penalty part and the penalty forecast, on a fixed day.
func assertSameHome(t *testing.T, src, dst *sqlstore.DB, a, b *kabinet.Account) {
	t.Helper()
	cal := kabinet.Calendar{Location: time.UTC, Clock: func() time.Time { return day(2026, 11, 27) }}
	hs, hd := home.New(src, cal), home.New(dst, cal)
	hs.Due, hd.Due = billing.NewDueSource(src.FindBillDueDates), billing.NewDueSource(dst.FindBillDueDates)
	want, err1 := hs.Balances(ctx, a)
	got, err2 := hd.Balances(ctx, b)
	if err := errors.Join(err1, err2); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%s: «Главная» shows %d providers, want %d", a.Display, len(got), len(want))
	}
	for i := range want {
		if want[i].Balance != got[i].Balance || !reflect.DeepEqual(want[i].Forecast, got[i].Forecast) || want[i].Provider.Code != got[i].Provider.Code {
			t.Errorf("%s %s: «Главная» shows %+v %+v, want %+v %+v", a.Display, want[i].Provider.Code,
				got[i].Balance, got[i].Forecast, want[i].Balance, want[i].Forecast)
		}
	}
	assertOverview(t, hs, src, a)
	assertOverview(t, hd, dst, b)
}

// assertOverview checks that «Главная», read at once (FindHome: one round
// trip on PostgreSQL), shows what the separate reads find.
func assertOverview(t *testing.T, h *home.Service, db *sqlstore.DB, a *kabinet.Account) {
	t.Helper()
	o, err := h.Overview(ctx, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	balances, err1 := h.Balances(ctx, a)
	bills, err2 := db.FindBillSummaries(ctx, a.ID, home.BillsShown)
	usage, err3 := db.FindUsage(ctx, a.ID, kabinet.Period{Year: 2024, Month: 11})
	settings, err4 := db.FindServiceSettings(ctx, a.ID)
	if kabinet.ErrorCode(err4) == kabinet.ENOTFOUND {
		settings, err4 = kabinet.DefaultServiceSettings(a, nil), nil
	}
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	var periods []kabinet.Period
	for _, b := range bills {
		periods = append(periods, b.Period)
	}
	if !reflect.DeepEqual(o.Balances, balances) {
		t.Errorf("%s: «Главная» balances %s, want %s", a.Display, jsonOf(o.Balances), jsonOf(balances))
	}
	if !reflect.DeepEqual(o.Bills, periods) || len(periods) == 0 {
		t.Errorf("%s: «Главная» bills %v, want %v", a.Display, o.Bills, periods)
	}
	if want := home.Consumption(usage); !reflect.DeepEqual(o.Consumption, want) || len(want) == 0 {
		t.Errorf("%s: «Главная» chart %s, want %s", a.Display, jsonOf(o.Consumption), jsonOf(want))
	}
	if !reflect.DeepEqual(o.Settings, settings) {
		t.Errorf("%s: «Главная» services %+v, want %+v", a.Display, o.Settings, settings)
	}
}

// assertPrintedDueDates moves the due dates the imported bills printed two
// weeks on (the demo's bills print the rules' dates, which would hide them)
// and checks that «Главная» read at once still forecasts by them.
func assertPrintedDueDates(t *testing.T, db *sqlstore.DB, postgres bool) {
	t.Helper()
	shift := `UPDATE bill_due_dates SET due_on = date(due_on, '+14 days')`
	if postgres {
		shift = `UPDATE bill_due_dates SET due_on = due_on + 14`
	}
	if _, err := db.SQL().ExecContext(ctx, shift); err != nil {
		t.Fatal(err)
	}
	cal := kabinet.Calendar{Location: time.UTC, Clock: func() time.Time { return day(2026, 11, 27) }}
	h := home.New(db, cal)
	h.Due = billing.NewDueSource(db.FindBillDueDates)
	as, err := db.FindAccountsAfter(ctx, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	forecasts := 0
	for _, a := range as {
		assertOverview(t, h, db, a)
		bs, _ := h.Balances(ctx, a)
		for _, b := range bs {
			if b.Forecast.Pay > 0 {
				forecasts++
			}
		}
	}
	if forecasts == 0 {
		t.Fatal("no account forecasts a penalty: the check of the due dates checks nothing")
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func assertSameReadings(t *testing.T, src, dst *sqlstore.DB, a, b *kabinet.Account) {
	t.Helper()
	wm, _ := src.FindMeters(ctx, a.ID)
	gm, _ := dst.FindMeters(ctx, b.ID)
	if len(wm) != len(gm) {
		t.Fatalf("%s: %d meters, want %d", a.Display, len(gm), len(wm))
	}
	for i := range wm {
		if wm[i].Serial != gm[i].Serial || !wm[i].NextVerifiedOn.Equal(gm[i].NextVerifiedOn) || wm[i].Zoning != gm[i].Zoning {
			t.Errorf("%s: meter %+v, want %+v", a.Display, gm[i], wm[i])
		}
		w, _ := src.FindReadings(ctx, kabinet.ReadingFilter{MeterID: wm[i].ID, Limit: 1000})
		g, _ := dst.FindReadings(ctx, kabinet.ReadingFilter{MeterID: gm[i].ID, Limit: 1000})
		if len(w) != len(g) {
			t.Fatalf("%s: %d readings, want %d", wm[i].Serial, len(g), len(w))
		}
		for j := range w {
			if !reflect.DeepEqual(w[j].Values, g[j].Values) || !reflect.DeepEqual(w[j].Consumption, g[j].Consumption) ||
				w[j].Status != g[j].Status || w[j].Source != g[j].Source || w[j].Period != g[j].Period {
				t.Errorf("%s: reading %+v, want %+v", wm[i].Serial, g[j], w[j])
			}
		}
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var _ = strings.Contains
