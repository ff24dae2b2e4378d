package billing

import (
	"slices"
	"time"

	"kabinet"
)

// HeatTariff is a heating charge per square metre of floor area per month of
// the heating season, valid for [From, To).
type HeatTariff struct {
	Code     string
	Name     string
	Demo     bool
	From, To time.Time
	PerM2    Price // per m² a month
	// Months are the months charged. Whether Irkutsk charges heat in the
	// season only or spread over the year (1/12) is ❓; the demo charges
	// October to April.
	Months []time.Month
}

// HeatTariffs is a set of heat tariffs.
type HeatTariffs []HeatTariff

// Find returns the heat tariff in force on date d.
func (ts HeatTariffs) Find(d time.Time) (HeatTariff, error) {
	for _, t := range ts {
		if within(d, t.From, t.To) {
			return t, nil
		}
	}
	return HeatTariff{}, kabinet.Errorf(kabinet.ENOTFOUND, "Нет тарифа на отопление на %s", d.Format("02.01.2006"))
}

// HeatCharge returns the heat charge for period p on a floor area: area ×
// price, rounded half up once; zero outside the heating season.
func HeatCharge(t HeatTariff, area kabinet.Area, p kabinet.Period) kabinet.Money {
	if !slices.Contains(t.Months, p.Month) || area <= 0 {
		return 0
	}
	// Area is in hundredths of a m² and the price in hundredths of a kopeck.
	return kabinet.Money(roundHalfUp(int64(area)*int64(t.PerM2), 100*100))
}

// DemoHeatTariffs returns the demo heat tariff: 52,40 ₽/m² a month from July
// 2025 (the demo world's figure), × 1,017 from 1 January 2026 → 53,29 ₽,
// open-ended (the October 2026 regional indexation of heat is unknown).
func DemoHeatTariffs() HeatTariffs {
	season := []time.Month{time.October, time.November, time.December, time.January, time.February, time.March, time.April}
	h2 := HeatTariff{Code: "IRK-HEAT-2025H2", Name: "Отопление, демо (2025, 2-е полугодие)", Demo: true,
		From: date(2025, time.July, 1), To: date(2026, time.January, 1), PerM2: 524000, Months: season}
	y26 := h2
	y26.Code, y26.Name, y26.From, y26.To = "IRK-HEAT-2026", "Отопление, демо (с 2026)", date(2026, time.January, 1), time.Time{}
	y26.Months = slices.Clone(season)
	y26.PerM2 = Price(roundHalfUp(int64(h2.PerM2)*1017, 1000*100) * 100)
	return HeatTariffs{h2, y26}
}
