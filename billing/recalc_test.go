package billing

import (
	"math/rand/v2"
	"slices"
	"testing"

	"kabinet"
)

// TestAverageNormRecalculation follows one city flat (2 residents, norm
// 190 kWh) from its June 2025 reading to its December reading.
func TestAverageNormRecalculation(t *testing.T) {
	rules := DefaultEstimateRules()
	history := firstHalf2025(t)
	last := per(t, "2025-06")
	var estimated []Usage
	for p := per(t, "2025-07"); p.Before(per(t, "2025-12")); p = p.Add(1) {
		e, err := rules.Estimate(p, last, history, 190)
		if err != nil {
			t.Fatal(err)
		}
		estimated = append(estimated, e)
	}
	// July–September by the average (125), October–November by the norm.
	want := []Usage{u(t, "2025-07", BasisAverage, 125), u(t, "2025-08", BasisAverage, 125), u(t, "2025-09", BasisAverage, 125),
		u(t, "2025-10", BasisNorm, 190), u(t, "2025-11", BasisNorm, 190)}
	if !slices.EqualFunc(estimated, want, sameUsage) {
		t.Fatalf("estimated %+v, want %+v", estimated, want)
	}
	// The December reading shows 900 kWh since June: 150 a month over the six
	// periods July–December.
	r, err := Recalculate(estimated, per(t, "2025-12"), []int64{900})
	if err != nil {
		t.Fatal(err)
	}
	if !sameUsage(r.Current, u(t, "2025-12", BasisReading, 150)) || !sameUsage(r.Actual[4], u(t, "2025-11", BasisRecalculated, 150)) {
		t.Errorf("current %+v, November %+v", r.Current, r.Actual[4])
	}
	// Charged 3 × 125 + 2 × 190 = 755 kWh; actual 5 × 150 = 750: −5 kWh.
	if r.Delta() != -5 {
		t.Errorf("Delta = %d, want -5", r.Delta())
	}
	// At 1,78 ₽: actual 5 × 150 × 1,78 = 1 335,00; charged 3 × 125 × 1,78 +
	// 2 × 190 × 1,78 = 667,50 + 676,40 = 1 343,90; adjustment −8,90 ₽,
	// which is −5 × 1,78.
	adj, err := r.Adjustment(DemoTariffs().Pricer(GroupCity, false))
	if err != nil || adj != rub(-8_90) {
		t.Errorf("Adjustment = %s, %v; want −8,90 ₽", adj, err)
	}
}

// TestRecalculateTwoZones: a two-zone meter read in September 2025 with day
// 200..250 (1 350 → average 225) and night 100 ×5 + 101 (601 → 100,17 → 100),
// charged by the average in October and November, read in December with
// 700 kWh day and 302 night since September.
func TestRecalculateTwoZones(t *testing.T) {
	var history []Usage
	for i, day := range []int64{200, 210, 220, 230, 240, 250} {
		night := int64(100)
		if i == 5 {
			night = 101
		}
		history = append(history, Usage{Period: per(t, "2025-04").Add(i), Basis: BasisReading, Units: []int64{day, night}})
	}
	rules := DefaultEstimateRules()
	oct, _ := rules.Estimate(per(t, "2025-10"), per(t, "2025-09"), history, 95)
	nov, _ := rules.Estimate(per(t, "2025-11"), per(t, "2025-09"), history, 95)
	if !sameUsage(oct, u(t, "2025-10", BasisAverage, 225, 100)) {
		t.Fatalf("October %+v", oct)
	}
	r, err := Recalculate([]Usage{oct, nov}, per(t, "2025-12"), []int64{700, 302})
	if err != nil {
		t.Fatal(err)
	}
	// Day 700 / 3 = 233 rest 1 → 233, 233, 234; night 302 / 3 = 100 rest 2 →
	// 100, 101, 101: the remainders go to the latest periods.
	want := []Usage{u(t, "2025-10", BasisRecalculated, 233, 100), u(t, "2025-11", BasisRecalculated, 233, 101)}
	if !slices.EqualFunc(r.Actual, want, sameUsage) || !sameUsage(r.Current, u(t, "2025-12", BasisReading, 234, 101)) {
		t.Fatalf("actual %+v current %+v", r.Actual, r.Current)
	}
	// 233 + 100 + 233 + 101 − 2 × (225 + 100) = 667 − 650 = 17 kWh.
	if r.Delta() != 17 {
		t.Errorf("Delta = %d, want 17", r.Delta())
	}
	// October: 233 × 2,05 + 100 × 1,18 = 477,65 + 118,00 = 595,65, charged
	// 225 × 2,05 + 118,00 = 579,25: +16,40. November: 477,65 + 101 × 1,18 =
	// 596,83: +17,58. Adjustment +33,98 ₽.
	adj, err := r.Adjustment(DemoTariffs().Pricer(GroupCity, false))
	if err != nil || adj != rub(33_98) {
		t.Errorf("Adjustment = %s, %v; want 33,98 ₽", adj, err)
	}
}

// TestRecalculateNormOnZoneMeter: a norm is charged single-rate, the actual
// share by zones, and the adjustment is the difference.
func TestRecalculateNormOnZoneMeter(t *testing.T) {
	r, err := Recalculate([]Usage{u(t, "2025-11", BasisNorm, 190)}, per(t, "2025-12"), []int64{300, 100})
	if err != nil {
		t.Fatal(err)
	}
	// November actual 150 day + 50 night = 150 × 2,05 + 50 × 1,18 = 307,50 +
	// 59,00 = 366,50; charged 190 × 1,78 = 338,20: +28,30.
	adj, err := r.Adjustment(DemoTariffs().Pricer(GroupCity, false))
	if err != nil || adj != rub(28_30) {
		t.Errorf("Adjustment = %s, %v; want 28,30 ₽", adj, err)
	}
}

func TestRecalculateErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		estimated []Usage
		c         []int64
	}{
		{"ErrGap", []Usage{u(t, "2025-09", BasisAverage, 1), u(t, "2025-11", BasisAverage, 1)}, []int64{10}},
		{"ErrNotBeforeReading", []Usage{u(t, "2025-10", BasisAverage, 1)}, []int64{10}},
		{"ErrActualMonth", []Usage{u(t, "2025-11", BasisReading, 1)}, []int64{10}},
		{"ErrNegative", []Usage{u(t, "2025-11", BasisAverage, 1)}, []int64{-1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Recalculate(tc.estimated, per(t, "2025-12"), tc.c); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("err = %v, want EINVALID", err)
			}
		})
	}
	t.Run("ErrNoTariff", func(t *testing.T) {
		r, _ := Recalculate([]Usage{u(t, "2025-05", BasisAverage, 100)}, per(t, "2025-06"), []int64{300})
		if _, err := r.Adjustment(DemoTariffs().Pricer(GroupCity, false)); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
}

// TestRecalculateKeepsKWh: the shares add up to the real consumption of each
// register, and no two periods differ by more than a kWh.
func TestRecalculateKeepsKWh(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		n := rng.IntN(8)
		var est []Usage
		for i := range n {
			est = append(est, Usage{Period: per(t, "2026-01").Add(i - n), Basis: BasisAverage, Units: []int64{1}})
		}
		c := []int64{rng.Int64N(10_000), rng.Int64N(50)}
		r, err := Recalculate(est, per(t, "2026-01"), c)
		if err != nil {
			t.Fatal(err)
		}
		for z := range c {
			sum, lo, hi := r.Current.Units[z], r.Current.Units[z], r.Current.Units[z]
			for _, a := range r.Actual {
				sum += a.Units[z]
				lo, hi = min(lo, a.Units[z]), max(hi, a.Units[z])
			}
			if sum != c[z] || hi-lo > 1 {
				t.Fatalf("%d periods, %d kWh: shares add to %d, spread %d..%d", n+1, c[z], sum, lo, hi)
			}
		}
	}
}

func sameUsage(a, b Usage) bool {
	return a.Period == b.Period && a.Basis == b.Basis && slices.Equal(a.Units, b.Units)
}
