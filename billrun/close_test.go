package billrun_test

import (
	"slices"
	"testing"
	"time"

	"kabinet"
	"kabinet/sqlstore"
	"kabinet/sqlstore/sqlstoretest"
)

// TestCloseByReadings closes November 2025 for a flat with a two-zone meter
// and heat: DOMAIN §2.4's worked example (215 kWh day and 112 kWh night at
// the demo city prices 2,05 and 1,18 ₽: 440,75 + 132,16 = 572,91 ₽) and heat
// for 54,30 m² at 52,40 ₽: 2 845,32 ₽.
func TestCloseByReadings(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		a, subs := w.flat(t, "10103001857", true)
		m := w.meter(t, a, subs[0], kabinet.ZoningTwo)
		w.read(t, m, kabinet.Period{Year: 2025, Month: time.October}, day(2025, 10, 20), kabinet.ReadingCalculated, []int64{12345, 5678}, []int64{200, 100})
		w.read(t, m, nov, day(2025, 11, 22), kabinet.ReadingAccepted, []int64{12560, 5790}, []int64{215, 112})
		w.close(t, nov)

		if got := amounts(w.entries(t, subs[0], kabinet.EntryCharge, nov)); !slices.Equal(got, []kabinet.Money{57291}) {
			t.Errorf("electricity charge = %v, want 572,91 ₽", got)
		}
		if got := amounts(w.entries(t, subs[1], kabinet.EntryCharge, nov)); !slices.Equal(got, []kabinet.Money{284532}) {
			t.Errorf("heat charge = %v, want 2 845,32 ₽", got)
		}
		rs, _ := w.db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID})
		if rs[0].Status != kabinet.ReadingCalculated {
			t.Errorf("November reading is %s, want «Рассчитано»", rs[0].Status)
		}
		b, err := w.db.FindBill(ctx, a.ID, nov)
		if err != nil {
			t.Fatal(err)
		}
		if b.Data.Total != 57291+284532 || len(b.Data.Providers) != 2 || len(b.Data.Providers[0].Lines) != 2 {
			t.Fatalf("bill = %+v", b.Data)
		}
		if l := b.Data.Providers[0].Lines[0]; l.Previous != 12345 || l.Current != 12560 || l.Consumption != 215 || l.Basis != "по показаниям" {
			t.Errorf("day line = %+v", l)
		}
		if due := b.Data.Providers[0].DueOn; !due.Equal(day(2025, 12, 10)) {
			t.Errorf("due %s, want 10.12.2025", due)
		}
	})
}

func TestCloseTwiceChangesNothing(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		for _, n := range []string{"10000001", "10000002", "10000003"} { // more than one chunk
			w.flat(t, n, true)
		}
		w.close(t, nov)
		before := ledgerSum(t, w.db)
		w.now = w.now.Add(24 * time.Hour)
		w.close(t, nov)
		if after := ledgerSum(t, w.db); after != before {
			t.Errorf("closing twice changed the ledger: %v → %v", before, after)
		}
	})
}

// TestCloseByNorm: no meter, three residents at the demo city flat norm of
// 95 kWh each: 285 kWh × 1,78 ₽ = 507,30 ₽.
func TestCloseByNorm(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	_, subs := w.flat(t, "10000001", false)
	w.close(t, nov)
	if got := amounts(w.entries(t, subs[0], kabinet.EntryCharge, nov)); !slices.Equal(got, []kabinet.Money{50730}) {
		t.Errorf("charge = %v, want 507,30 ₽", got)
	}
}

// TestAverageThenRecalculation: a single-rate meter read 150, 160 and 170
// kWh in August–October has no November reading: November is charged the
// average, 160 kWh × 1,78 = 284,80 ₽. The December reading shows 400 kWh
// since October: November and December share it, 200 kWh each, so December
// is charged 200 kWh and November recalculated by +40 kWh = +71,20 ₽.
func TestAverageThenRecalculation(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	a, subs := w.flat(t, "10000001", false)
	m := w.meter(t, a, subs[0], kabinet.ZoningSingle)
	v := int64(1000)
	for i, used := range []int64{150, 160, 170} {
		v += used
		p := kabinet.Period{Year: 2025, Month: time.August + time.Month(i)}
		w.read(t, m, p, p.Start(time.UTC).AddDate(0, 0, 20), kabinet.ReadingCalculated, []int64{v}, []int64{used})
	}
	w.close(t, nov)
	if got := amounts(w.entries(t, subs[0], kabinet.EntryCharge, nov)); !slices.Equal(got, []kabinet.Money{28480}) {
		t.Fatalf("November by average = %v, want 284,80 ₽", got)
	}
	w.read(t, m, dec, day(2025, 12, 20), kabinet.ReadingAccepted, []int64{v + 400}, []int64{400})
	w.now = day(2026, 1, 2)
	w.close(t, dec)
	if got := amounts(w.entries(t, subs[0], kabinet.EntryCharge, dec)); !slices.Equal(got, []kabinet.Money{35600}) {
		t.Errorf("December = %v, want 200 kWh: 356,00 ₽", got)
	}
	if got := amounts(w.entries(t, subs[0], kabinet.EntryAdjustment, dec)); !slices.Equal(got, []kabinet.Money{7120}) {
		t.Errorf("recalculation = %v, want +71,20 ₽", got)
	}
}

// TestPenaltyOnAnOldDebt: 1 000,00 ₽ charged for August 2025, due
// 10.09.2025, never paid. Its 31st day of delay is 11.10.2025 and its 90th
// is 09.12.2025, so all 30 days of November count at 1/300 of 9,5 %:
// 100 000 kop × 0,095 × 30 / 300 = 950 kop = 9,50 ₽.
func TestPenaltyOnAnOldDebt(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	_, subs := w.flat(t, "10000001", false)
	aug := kabinet.Period{Year: 2025, Month: time.August}
	if err := w.db.CreateLedgerEntry(ctx, &kabinet.LedgerEntry{SubAccountID: subs[0].ID, Period: aug, Kind: kabinet.EntryCharge,
		Service: kabinet.ServiceElectricity, Amount: 100000, PostedOn: day(2025, 9, 1)}); err != nil {
		t.Fatal(err)
	}
	w.close(t, nov)
	if got := amounts(w.entries(t, subs[0], kabinet.EntryPenalty, nov)); !slices.Equal(got, []kabinet.Money{950}) {
		t.Errorf("penalty = %v, want 9,50 ₽", got)
	}
	b, _ := w.db.FindBill(ctx, subs[0].AccountID, nov)
	if p := b.Data.Providers[0]; p.OpeningBalance != 100000 || p.Penalties != 950 || p.ToPay != 100000+50730+950 {
		t.Errorf("bill part = %+v", p)
	}
}

func TestCloseRefusesAPeriodNotOver(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	w.now = day(2025, 11, 30)
	if _, err := w.engine.Close(ctx, nov); kabinet.ErrorCode(err) != kabinet.EINVALID {
		t.Errorf("closing November on 30 November: %v", err)
	}
}

func ledgerSum(t *testing.T, db *sqlstore.DB) [2]int64 {
	var n, sum int64
	if err := db.SQL().QueryRow(`SELECT count(*), CAST(COALESCE(sum(amount), 0) AS BIGINT) FROM ledger`).Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	return [2]int64{n, sum}
}

// TestReopenThenCloseAgain: reopening undoes the close; closing again gives
// the same ledger and bill.
func TestReopenThenCloseAgain(t *testing.T) {
	sqlstoretest.Run(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		a, subs := w.flat(t, "10103001857", true)
		m := w.meter(t, a, subs[0], kabinet.ZoningTwo)
		w.read(t, m, nov, day(2025, 11, 22), kabinet.ReadingAccepted, []int64{12560, 5790}, []int64{215, 112})
		before := ledgerSum(t, w.db)
		w.close(t, nov)
		closed := ledgerSum(t, w.db)
		if err := w.db.ReopenPeriod(ctx, nov); err != nil {
			t.Fatal(err)
		}
		if got := ledgerSum(t, w.db); got != before {
			t.Fatalf("after reopening the ledger is %v, want %v", got, before)
		}
		if _, err := w.db.FindBill(ctx, a.ID, nov); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("the bill survived reopening: %v", err)
		}
		rs, _ := w.db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID})
		if rs[0].Status != kabinet.ReadingAccepted {
			t.Errorf("reading status after reopening = %s", rs[0].Status)
		}
		w.close(t, nov)
		if got := ledgerSum(t, w.db); got != closed {
			t.Errorf("closing again gave %v, the first close %v", got, closed)
		}
	})
}

// TestLateReadingCountsForTheNextPeriod: Aug–Oct read 150, 160, 170 kWh;
// the November reading comes on 27.11, after the 25th, so it counts for
// December. November is charged the average (160 kWh: 284,80 ₽). December
// has that reading, 1 700 → 2 020 since October: 320 kWh for November and
// December, 160 each, so December is 160 kWh and November needs no
// recalculation. January's reading, 2 020 → 2 200, is 180 kWh at the
// indexed 2026 price of 1,78 × 1,017 = 1,81 ₽: 325,80 ₽, although the
// estimate that closed November is dated after the late reading.
func TestLateReadingCountsForTheNextPeriod(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	a, subs := w.flat(t, "10000001", false)
	m := w.meter(t, a, subs[0], kabinet.ZoningSingle)
	v := int64(1220)
	for i, used := range []int64{150, 160, 170} {
		v += used
		p := kabinet.Period{Year: 2025, Month: time.August + time.Month(i)}
		w.read(t, m, p, p.Start(time.UTC).AddDate(0, 0, 20), kabinet.ReadingCalculated, []int64{v}, []int64{used})
	}
	w.read(t, m, dec, day(2025, 11, 27), kabinet.ReadingAccepted, []int64{v + 320}, []int64{320})
	w.close(t, nov)
	w.now = day(2026, 1, 2)
	w.close(t, dec)
	jan := kabinet.Period{Year: 2026, Month: time.January}
	w.read(t, m, jan, day(2026, 1, 20), kabinet.ReadingAccepted, []int64{v + 500}, []int64{180})
	w.now = day(2026, 2, 2)
	w.close(t, jan)
	for _, c := range []struct {
		p    kabinet.Period
		want kabinet.Money
	}{{nov, 28480}, {dec, 28480}, {jan, 32580}} {
		if got := amounts(w.entries(t, subs[0], kabinet.EntryCharge, c.p)); !slices.Equal(got, []kabinet.Money{c.want}) {
			t.Errorf("%s = %v, want %v", c.p, got, c.want)
		}
	}
	if got := w.entries(t, subs[0], kabinet.EntryAdjustment, dec); len(got) != 0 {
		t.Errorf("recalculation = %v, want none", amounts(got))
	}
}

// A two-zone meter read only once, in October, has no average for
// November: the norm charges one total, and the estimate that records the
// month keeps both registers as last read, 1 000 and 500, for the next
// reading to be checked against.
func TestNormKeepsEveryRegisterOfAZoneMeter(t *testing.T) {
	w := newWorld(t, sqlstoretest.SQLiteDSN(t))
	a, subs := w.flat(t, "10000001", false)
	m := w.meter(t, a, subs[0], kabinet.ZoningTwo)
	oct := kabinet.Period{Year: 2025, Month: time.October}
	w.read(t, m, oct, day(2025, 10, 20), kabinet.ReadingCalculated, []int64{1000, 500}, []int64{100, 50})
	w.close(t, nov)
	rs, err := w.db.FindReadings(ctx, kabinet.ReadingFilter{MeterID: m.ID, Limit: 1})
	if err != nil || len(rs) != 1 {
		t.Fatalf("readings = %v, %v", rs, err)
	}
	if e := rs[0]; e.Source != kabinet.SourceEstimated || !slices.Equal(e.Values, []int64{1000, 500}) {
		t.Errorf("November's estimate = %s %v, want estimated [1000 500]", e.Source, e.Values)
	}
}
