package billing

import (
	"slices"
	"testing"
)

// TestAverageSpreadsReadings estimates the month after a meter's readings
// (ПП РФ № 354 пп. 59, 59(1)): what real readings measured is spread over
// the billing months they cover, estimated months never count as data,
// and the average is over the actual months among the six ending with the
// last reading, rounded half up. Each case is worked by hand; "was" is
// what counting every reading as one month gave.
func TestAverageSpreadsReadings(t *testing.T) {
	rules := DefaultEstimateRules()
	const norm = 190
	read := func(p string, units ...int64) Read { return Read{Period: per(t, p), Units: units} }
	for _, tc := range []struct {
		name   string
		reads  []Read
		period string
		want   Usage
	}{
		// January 100, February 120; March and April estimated; the May
		// reading measured 390 kWh since February's: 130 a month for March,
		// April and May. December–May: 100 + 120 + 130 + 130 + 130 = 610
		// over 5 months = 122. Was 610 / 3 = 203.
		{"EstimatedMonthsBetweenReadings", []Read{read("2025-01", 100), read("2025-02", 120), read("2025-05", 390)},
			"2025-06", u(t, "2025-06", BasisAverage, 122)},
		// January 100, February 110, and two readings in March (60 on the
		// 5th, 60 on the 20th): one month of 120. 330 / 3 = 110. Was
		// 330 / 4 = 82,5 → 83.
		{"TwoReadingsInOneMonth", []Read{read("2025-01", 100), read("2025-02", 110), read("2025-03", 60), read("2025-03", 60)},
			"2025-04", u(t, "2025-04", BasisAverage, 110)},
		// A reading taken on 27.02 counts for March (after the 25th), so
		// February had none and was estimated; its 110 kWh since January's
		// reading cover February and March: 55 each. Then April 120, May
		// 130. December–May: 100 + 55 + 55 + 120 + 130 = 460 / 5 = 92.
		// Was 460 / 4 = 115.
		{"ReadingAfterThe25th", []Read{read("2025-01", 100), read("2025-03", 110), read("2025-04", 120), read("2025-05", 130)},
			"2025-06", u(t, "2025-06", BasisAverage, 92)},
		// January 100 and February 120 are two months: fewer than 3, the
		// norm.
		{"TwoMonthsAreTooFew", []Read{read("2025-01", 100), read("2025-02", 120)},
			"2025-03", u(t, "2025-03", BasisNorm, norm)},
		// January 100, then March 240 for February and March (120 each):
		// three months, 340 / 3 = 113,3 → 113.
		{"ThreeMonthsWithAGap", []Read{read("2025-01", 100), read("2025-03", 240)},
			"2025-04", u(t, "2025-04", BasisAverage, 113)},
		// ЕТСОО204646's meter 15924187 of the issue: 246 458 on 17.04, 248
		// 386 on 19.10, 1 928 kWh for May–October; the average over those
		// six months is 321,3 → 321 a month (it was charged 386).
		{"SixMonthsOneReading", []Read{read("2026-04", 350), read("2026-10", 1928)},
			"2026-11", u(t, "2026-11", BasisAverage, 321)},
		// Zones spread register by register: 300 day and 90 night kWh over
		// three months are 100 + 30 a month.
		{"ZonesSpreadApart", []Read{read("2025-01", 100, 30), read("2025-04", 300, 90)},
			"2025-05", u(t, "2025-05", BasisAverage, 100, 30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			last := slices.MaxFunc(tc.reads, func(a, b Read) int { return a.Period.Int() - b.Period.Int() }).Period
			got, err := rules.Estimate(per(t, tc.period), last, Actuals(tc.reads), norm)
			if err != nil {
				t.Fatal(err)
			}
			if got.Period != tc.want.Period || got.Basis != tc.want.Basis || !slices.Equal(got.Units, tc.want.Units) {
				t.Errorf("Estimate = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestActuals: a reading's consumption spreads like a recalculation, the
// remainder to the latest months, so the months add up to what was read.
func TestActuals(t *testing.T) {
	got := Actuals([]Read{{Period: per(t, "2025-03"), Units: []int64{100}}, {Period: per(t, "2025-01"), Units: []int64{50}}})
	want := []Usage{u(t, "2025-01", BasisReading, 50), u(t, "2025-02", BasisRecalculated, 50), u(t, "2025-03", BasisReading, 50)}
	if len(got) != len(want) {
		t.Fatalf("Actuals = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Period != want[i].Period || got[i].Basis != want[i].Basis || !slices.Equal(got[i].Units, want[i].Units) {
			t.Errorf("month %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	rec, err := Recalculate([]Usage{u(t, "2025-02", BasisAverage, 40), u(t, "2025-03", BasisAverage, 40)}, per(t, "2025-04"), []int64{100})
	if err != nil {
		t.Fatal(err)
	}
	spreadAsRecalc := Actuals([]Read{{Period: per(t, "2025-01"), Units: []int64{0}}, {Period: per(t, "2025-04"), Units: []int64{100}}})
	for i, a := range rec.Actual {
		if !slices.Equal(a.Units, spreadAsRecalc[i+1].Units) {
			t.Errorf("%s: recalculated %v, Actuals %v", a.Period, a.Units, spreadAsRecalc[i+1].Units)
		}
	}
}
