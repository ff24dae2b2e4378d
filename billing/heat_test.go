package billing

import (
	"strings"
	"testing"
	"time"

	"kabinet"
)

func TestHeatCharge(t *testing.T) {
	ts := DemoHeatTariffs()
	for _, tc := range []struct {
		name   string
		area   kabinet.Area
		period string
		want   kabinet.Money
	}{
		// 54,30 m² × 52,40 ₽ = 2 845,32 ₽.
		{"November2025", 5430, "2025-11", rub(2845_32)},
		// 52,40 × 1,017 = 53,2908 → 53,29; 54,37 m² × 53,29 = 2 897,3773 → 2 897,38 ₽.
		{"January2026Rounded", 5437, "2026-01", rub(2897_38)},
		{"AprilIsInSeason", 5430, "2026-04", rub(2893_65)}, // 54,30 × 53,29 = 2 893,647
		{"MayIsNot", 5430, "2026-05", 0},
		{"SeptemberIsNot", 5430, "2025-09", 0},
		{"NoArea", 0, "2025-11", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := per(t, tc.period)
			tr, err := ts.Find(p.Start(time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if got := HeatCharge(tr, tc.area, p); got != tc.want {
				t.Errorf("HeatCharge = %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("ErrNoTariff", func(t *testing.T) {
		if _, err := ts.Find(d(t, "30.06.2025")); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
	for _, tr := range ts {
		if !tr.Demo || !strings.Contains(tr.Name, "демо") {
			t.Errorf("%s: demo heat tariffs must say so", tr.Code)
		}
	}
}
