package billing

import (
	"slices"
	"time"

	"kabinet"
)

// Group is a tariff group. Irkutsk sets one set of prices for city homes and
// another, 0,7 of the city prices, for rural homes and for city homes with
// electric heating (DOMAIN §8.2).
type Group string

// Tariff groups.
const (
	GroupCity  Group = "city"
	GroupRural Group = "rural"
)

// GroupOf returns the tariff group of a home. Electric heating moves a city
// home to the rural prices; the supplier checks the documents for it.
func GroupOf(s kabinet.Settlement, electricHeating bool) Group {
	if s == kabinet.SettlementRural || electricHeating {
		return GroupRural
	}
	return GroupCity
}

// TierPrices are the prices of one consumption tier: the single-rate price and
// the zone prices. Night is the same register price on two- and three-zone
// meters in every Irkutsk order seen (DOMAIN §8.3).
type TierPrices struct {
	Single, Day, Night, Peak, HalfPeak Price
}

// Tariff is one group's electricity prices for a validity interval.
type Tariff struct {
	Code  string // e.g. "IRK-CITY-2025H2"
	Name  string // shown on bills; demo tariffs say «демо»
	Demo  bool   // a fixture, not a published tariff
	Group Group
	// From and To bound the validity [From, To); a zero To is open-ended.
	From, To time.Time
	// Limits are the monthly upper bounds of tiers 1 and 2, kWh.
	Limits [2]int64
	// HeatingLimits replace Limits in HeatingMonths for homes with electric
	// heating (the seasonal coefficient 1,8 on 3 900 and 6 000).
	HeatingLimits [2]int64
	HeatingMonths []time.Month
	// Tiers are the prices of tiers 1, 2 and 3.
	Tiers [3]TierPrices
}

// Covers reports whether the tariff is in force on date d.
func (t Tariff) Covers(d time.Time) bool { return within(d, t.From, t.To) }

// UsesHeatingLimits reports whether a home's consumption in period p is
// split into tiers by the raised heating-season limits.
func (t Tariff) UsesHeatingLimits(p kabinet.Period, electricHeating bool) bool {
	return electricHeating && t.HeatingLimits[0] > 0 && slices.Contains(t.HeatingMonths, p.Month)
}

// Tariffs is a set of tariffs for all groups and times.
type Tariffs []Tariff

// Find returns the tariff of group g in force on date d.
func (ts Tariffs) Find(g Group, d time.Time) (Tariff, error) {
	for _, t := range ts {
		if t.Group == g && t.Covers(d) {
			return t, nil
		}
	}
	return Tariff{}, kabinet.Errorf(kabinet.ENOTFOUND, "Нет тарифа на электроэнергию для группы «%s» на %s",
		g, d.Format("02.01.2006"))
}

// ForPeriod returns the tariff of group g for billing period p. Tariffs
// change on the first of a month (1 January, 1 July, and from 2026 also
// 1 October); a tariff that changes inside the month would need the month's
// consumption split by days, which is not supported, so that is an error.
func (ts Tariffs) ForPeriod(g Group, p kabinet.Period) (Tariff, error) {
	first := p.Start(time.UTC)
	t, err := ts.Find(g, first)
	if err != nil {
		return t, err
	}
	if last := p.Add(1).Start(time.UTC).AddDate(0, 0, -1); !t.Covers(last) {
		return Tariff{}, kabinet.Errorf(kabinet.EINVALID, "Тариф %s меняется внутри периода %s: расчёт по дням не поддерживается",
			t.Code, p)
	}
	return t, nil
}
