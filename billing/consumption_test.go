package billing

import (
	"slices"
	"testing"

	"kabinet"
)

// usage builds a month's usage: u(t, "2025-01", BasisReading, 100).
func u(tb testing.TB, p string, b Basis, units ...int64) Usage {
	return Usage{Period: per(tb, p), Basis: b, Units: units}
}

// firstHalf2025 is a single-rate meter read every month from January to June
// 2025: 100 + 110 + 120 + 130 + 140 + 150 = 750 kWh, 125 a month.
func firstHalf2025(tb testing.TB) []Usage {
	var h []Usage
	for i, x := range []int64{100, 110, 120, 130, 140, 150} {
		h = append(h, Usage{Period: per(tb, "2025-01").Add(i), Basis: BasisReading, Units: []int64{x}})
	}
	return h
}

func TestEstimate(t *testing.T) {
	rules := DefaultEstimateRules()
	const norm = 190 // 2 residents × 95 kWh, a city flat
	for _, tc := range []struct {
		name    string
		period  string
		last    string
		history []Usage
		want    Usage
	}{
		{"FirstMissedAverage", "2025-07", "2025-06", firstHalf2025(t), u(t, "2025-07", BasisAverage, 125)},
		{"ThirdMissedAverage", "2025-09", "2025-06", firstHalf2025(t), u(t, "2025-09", BasisAverage, 125)},
		{"FourthMissedNorm", "2025-10", "2025-06", firstHalf2025(t), u(t, "2025-10", BasisNorm, norm)},
		// Only the six months ending with the last reading count: a huge
		// December 2024 is ignored.
		{"WindowOfSix", "2025-07", "2025-06", append(firstHalf2025(t), u(t, "2024-12", BasisReading, 9000)),
			u(t, "2025-07", BasisAverage, 125)},
		// Three months, 130 + 140 + 150 = 420 → 140.
		{"ThreeMonthsAreEnough", "2025-07", "2025-06", firstHalf2025(t)[3:], u(t, "2025-07", BasisAverage, 140)},
		{"TwoMonthsAreNot", "2025-07", "2025-06", firstHalf2025(t)[4:], u(t, "2025-07", BasisNorm, norm)},
		{"NeverRead", "2025-07", "", nil, u(t, "2025-07", BasisNorm, norm)},
		// Estimated months do not feed the average; recalculated ones do:
		// 130 + 140 + 150 + 160 (recalculated) = 580 / 4 = 145.
		{"EstimatesIgnored", "2025-07", "2025-06", append(firstHalf2025(t)[3:],
			u(t, "2025-02", BasisAverage, 5000), u(t, "2025-01", BasisRecalculated, 160)),
			u(t, "2025-07", BasisAverage, 145)},
		// 100 + 100 + 101 + 101 = 402 / 4 = 100,5 → 101 (half up);
		// 100 + 100 + 100 + 101 = 401 / 4 = 100,25 → 100.
		{"HalfUp", "2025-05", "2025-04", []Usage{u(t, "2025-01", BasisReading, 100, 100), u(t, "2025-02", BasisReading, 100, 100),
			u(t, "2025-03", BasisReading, 101, 100), u(t, "2025-04", BasisReading, 101, 101)},
			u(t, "2025-05", BasisAverage, 101, 100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var last kabinet.Period
			if tc.last != "" {
				last = per(t, tc.last)
			}
			got, err := rules.Estimate(per(t, tc.period), last, tc.history, norm)
			if err != nil {
				t.Fatal(err)
			}
			if got.Period != tc.want.Period || got.Basis != tc.want.Basis || !slices.Equal(got.Units, tc.want.Units) {
				t.Errorf("Estimate = %+v, want %+v", got, tc.want)
			}
		})
	}
	t.Run("ErrHasReading", func(t *testing.T) {
		if _, err := rules.Estimate(per(t, "2025-06"), per(t, "2025-06"), firstHalf2025(t), norm); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrMixedZoning", func(t *testing.T) {
		h := append(firstHalf2025(t), u(t, "2025-05", BasisReading, 100, 50))
		if _, err := rules.Estimate(per(t, "2025-07"), per(t, "2025-06"), h, norm); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
}

func TestNormsMonthly(t *testing.T) {
	norms := DemoNorms()
	on := d(t, "01.08.2025")
	for _, tc := range []struct {
		name      string
		g         Group
		h         kabinet.Housing
		residents int
		want      int64
	}{
		{"CityFlatTwo", GroupCity, kabinet.HousingFlat, 2, 190},
		{"NobodyCountsAsOne", GroupCity, kabinet.HousingFlat, 0, 95},
		{"RuralHouseFour", GroupRural, kabinet.HousingHouse, 4, 600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := norms.Monthly(tc.g, tc.h, tc.residents, on); err != nil || got != tc.want {
				t.Errorf("Monthly = %d, %v; want %d", got, err, tc.want)
			}
		})
	}
	t.Run("ErrBeforeValidity", func(t *testing.T) {
		if _, err := norms.Monthly(GroupCity, kabinet.HousingFlat, 1, d(t, "31.12.2024")); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
	for _, n := range norms {
		if !n.Demo {
			t.Errorf("%+v: demo norms must be marked Demo", n)
		}
	}
}
