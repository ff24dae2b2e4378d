package billing

import (
	"strings"
	"testing"
	"time"

	"kabinet"
)

func TestGroupOf(t *testing.T) {
	for _, tc := range []struct {
		name    string
		s       kabinet.Settlement
		heating bool
		want    Group
	}{
		{"CityFlat", kabinet.SettlementCity, false, GroupCity},
		{"CityElectricHeating", kabinet.SettlementCity, true, GroupRural},
		{"Rural", kabinet.SettlementRural, false, GroupRural},
		{"RuralElectricHeating", kabinet.SettlementRural, true, GroupRural},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := GroupOf(tc.s, tc.heating); got != tc.want {
				t.Errorf("GroupOf = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestTariffsFind(t *testing.T) {
	ts := DemoTariffs()
	for _, tc := range []struct {
		name string
		g    Group
		on   string
		want string
	}{
		{"FirstDay2025H2", GroupCity, "01.07.2025", "IRK-CITY-2025H2"},
		{"LastDay2025H2", GroupRural, "31.12.2025", "IRK-RURAL-2025H2"},
		{"January2026", GroupCity, "01.01.2026", "IRK-CITY-2026-01"},
		{"LastDayBeforeOctober", GroupRural, "30.09.2026", "IRK-RURAL-2026-01"},
		{"October2026", GroupCity, "01.10.2026", "IRK-CITY-2026-10"},
		{"OpenEnded", GroupRural, "01.03.2030", "IRK-RURAL-2026-10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ts.Find(tc.g, d(t, tc.on))
			if err != nil {
				t.Fatal(err)
			}
			if got.Code != tc.want {
				t.Errorf("Find = %s, want %s", got.Code, tc.want)
			}
		})
	}
	t.Run("ErrNoTariffBeforeJuly2025", func(t *testing.T) {
		_, err := ts.Find(GroupCity, d(t, "30.06.2025"))
		if kabinet.ErrorCode(err) != kabinet.ENOTFOUND || !strings.Contains(kabinet.ErrorMessage(err), "30.06.2025") {
			t.Errorf("err = %v, want ENOTFOUND naming the date", err)
		}
	})
	t.Run("ErrUnknownGroup", func(t *testing.T) {
		if _, err := ts.Find(Group("industry"), d(t, "01.08.2025")); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
	t.Run("LocalMidnightCountsAsItsOwnDate", func(t *testing.T) {
		irk := time.FixedZone("Asia/Irkutsk", 8*3600)
		// 01.01.2026 00:30 in Irkutsk is still 31.12.2025 in UTC.
		got, err := ts.Find(GroupCity, time.Date(2026, 1, 1, 0, 30, 0, 0, irk))
		if err != nil || got.Code != "IRK-CITY-2026-01" {
			t.Errorf("Find = %s, %v; want IRK-CITY-2026-01", got.Code, err)
		}
	})
}

func TestTariffsForPeriod(t *testing.T) {
	ts := DemoTariffs()
	t.Run("OK", func(t *testing.T) {
		got, err := ts.ForPeriod(GroupCity, per(t, "2026-09"))
		if err != nil || got.Code != "IRK-CITY-2026-01" {
			t.Errorf("ForPeriod = %s, %v", got.Code, err)
		}
	})
	t.Run("ErrChangeInsideMonth", func(t *testing.T) {
		mid := Tariffs{{Code: "A", Group: GroupCity, From: d(t, "01.01.2026"), To: d(t, "15.01.2026")},
			{Code: "B", Group: GroupCity, From: d(t, "15.01.2026")}}
		if _, err := mid.ForPeriod(GroupCity, per(t, "2026-01")); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("err = %v, want EINVALID", err)
		}
	})
	t.Run("ErrNoTariff", func(t *testing.T) {
		if _, err := ts.ForPeriod(GroupCity, per(t, "2025-06")); kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
			t.Errorf("err = %v, want ENOTFOUND", err)
		}
	})
}

func TestDemoTariffsAreLabelledDemo(t *testing.T) {
	for _, tr := range DemoTariffs() {
		if !tr.Demo || !strings.Contains(tr.Name, "демо") || tr.Code == "" {
			t.Errorf("%s %q: every demo tariff must be Demo, named «демо» and coded", tr.Code, tr.Name)
		}
	}
}

// TestDemoTariffPrices checks the published and derived prices by hand.
func TestDemoTariffPrices(t *testing.T) {
	ts := DemoTariffs()
	find := func(g Group, on string) Tariff {
		tr, err := ts.Find(g, d(t, on))
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	for _, tc := range []struct {
		name string
		got  Price
		want Price
	}{
		// DOMAIN §8.5.
		{"City2025H2Tier1", find(GroupCity, "01.07.2025").Tiers[0].Single, 17800},
		{"City2025H2Tier3", find(GroupCity, "01.07.2025").Tiers[2].Single, 65000},
		{"City2025H2Day", find(GroupCity, "01.07.2025").Tiers[0].Day, 20500},
		{"Rural2025H2Tier1", find(GroupRural, "01.07.2025").Tiers[0].Single, 12460},
		{"Rural2025H2HalfPeak", find(GroupRural, "01.07.2025").Tiers[0].HalfPeak, 12460},
		// × 1,017 to the kopeck: 1,78 → 1,81026 → 1,81; 3,31 → 3,36627 → 3,37;
		// 6,50 → 6,6105 → 6,61; day 2,05 → 2,08485 → 2,08; night 1,18 →
		// 1,20006 → 1,20; peak 2,31 → 2,34927 → 2,35.
		{"City2026Tier1", find(GroupCity, "01.01.2026").Tiers[0].Single, 18100},
		{"City2026Tier2", find(GroupCity, "01.01.2026").Tiers[1].Single, 33700},
		{"City2026Tier3", find(GroupCity, "01.01.2026").Tiers[2].Single, 66100},
		{"City2026Day", find(GroupCity, "01.01.2026").Tiers[0].Day, 20800},
		{"City2026Night", find(GroupCity, "01.01.2026").Tiers[0].Night, 12000},
		{"City2026Peak", find(GroupCity, "01.01.2026").Tiers[0].Peak, 23500},
		// 1,246 → 1,267182 → 1,27; 2,317 → 2,356389 → 2,36; 4,55 → 4,62735 → 4,63.
		{"Rural2026Tier1", find(GroupRural, "01.01.2026").Tiers[0].Single, 12700},
		{"Rural2026Tier2", find(GroupRural, "01.01.2026").Tiers[1].Single, 23600},
		{"Rural2026Tier3", find(GroupRural, "01.01.2026").Tiers[2].Single, 46300},
		// × 196/181: 1,81 → 1,96 exactly; 3,37 → 3,649282 → 3,65;
		// 1,27 → 1,375249 → 1,38; night 1,20 → 1,299448 → 1,30.
		{"CityOct2026Tier1", find(GroupCity, "01.10.2026").Tiers[0].Single, 19600},
		{"CityOct2026Tier2", find(GroupCity, "01.10.2026").Tiers[1].Single, 36500},
		{"RuralOct2026Tier1", find(GroupRural, "01.10.2026").Tiers[0].Single, 13800},
		{"CityOct2026Night", find(GroupCity, "01.10.2026").Tiers[0].Night, 13000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("price = %s, want %s", tc.got, tc.want)
			}
		})
	}
}

func TestUsesHeatingLimits(t *testing.T) {
	tr, _ := DemoTariffs().Find(GroupRural, d(t, "01.02.2026"))
	for _, tc := range []struct {
		name    string
		period  string
		heating bool
		want    bool
	}{
		{"HeatedJanuary", "2026-01", true, true},
		{"HeatedApril", "2026-04", true, true},
		{"HeatedMay", "2026-05", true, false},
		{"UnheatedFebruary", "2026-02", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tr.UsesHeatingLimits(per(t, tc.period), tc.heating); got != tc.want {
				t.Errorf("UsesHeatingLimits = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPriceAndRateString(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Price(17800).String(), "1,78\u00a0₽"},
		{Price(12460).String(), "1,246\u00a0₽"},
		{Price(65000).String(), "6,50\u00a0₽"},
		{Price(524000).String(), "52,40\u00a0₽"},
		{Price(12345).String(), "1,2345\u00a0₽"},
		{Rate(950).String(), "9,5\u00a0%"},
		{Rate(1600).String(), "16\u00a0%"},
		{Rate(425).String(), "4,25\u00a0%"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestTariffsValidate(t *testing.T) {
	if err := DemoTariffs().Validate(); err != nil {
		t.Fatalf("demo tariffs: %v", err)
	}
	for name, mutate := range map[string]func(Tariffs) Tariffs{
		"ErrOverlap": func(ts Tariffs) Tariffs { ts[2].From = d(t, "01.12.2025"); return ts },
		"ErrOpenEndedTwice": func(ts Tariffs) Tariffs {
			x := ts[4]
			x.Code, x.From = "LATER", d(t, "01.01.2027")
			return append(ts, x)
		},
		"ErrLimits":        func(ts Tariffs) Tariffs { ts[0].Limits = [2]int64{6000, 3900}; return ts },
		"ErrHeatingLimits": func(ts Tariffs) Tariffs { ts[1].HeatingLimits = [2]int64{3000, 10800}; return ts },
		"ErrMissingPrice":  func(ts Tariffs) Tariffs { ts[1].Tiers[2].Peak = 0; return ts },
		"ErrEmptyInterval": func(ts Tariffs) Tariffs { ts[0].To = ts[0].From; return ts },
	} {
		t.Run(name, func(t *testing.T) {
			if err := mutate(DemoTariffs()).Validate(); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("Validate = %v, want EINVALID", err)
			}
		})
	}
}
