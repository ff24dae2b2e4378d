package billing

import (
	"slices"
	"time"
)

// DemoTariffs returns the demo tariff set: DOMAIN §8.5 for 2025-07-01 ..
// 2025-12-31, then two derived sets for 2026. None of it is a published
// tariff; every tariff is marked Demo and named «демо».
//
//   - 2025 H2: tier prices of DOMAIN §8.2 (city 1,78 / 3,31 / 6,50; rural and
//     electric-heating 1,246 / 2,317 / 4,55). Tier-1 zone prices are §8.5's:
//     tier-1 single × the 2015 Irkutsk ratios (day 1,15, night 0,665,
//     peak 1,30, half-peak 1,00) rounded to the kopeck. Zone prices for tiers
//     2 and 3 are unpublished (❓), derived the same way from those tiers'
//     single prices.
//   - 2026-01-01 .. 2026-09-30: every 2025 H2 price × 1,017 (the federal
//     indexation of 1 January 2026, DOMAIN §8.2), rounded to the kopeck:
//     city tier 1 becomes 1,81.
//   - from 2026-10-01: the regional indexation of 1 October. Only the FAS
//     ceiling for Irkutsk is known, 1,96 ₽/kWh (⚠️); the demo assumes the
//     region sets the ceiling, so every Jan–Sep 2026 price is scaled by
//     196/181 and rounded to the kopeck (city tier 1 exactly 1,96, rural
//     1,38). Open-ended until a real tariff is loaded.
func DemoTariffs() Tariffs {
	city := demoCity2025H2()
	rural := demoRural2025H2()
	jan26, oct26 := date(2026, time.January, 1), date(2026, time.October, 1)
	return Tariffs{
		city, rural,
		indexed(city, "IRK-CITY-2026-01", "Город, демо (2026, январь–сентябрь)", jan26, oct26, 1017, 1000),
		indexed(rural, "IRK-RURAL-2026-01", "Село и электроотопление, демо (2026, январь–сентябрь)", jan26, oct26, 1017, 1000),
		indexed(indexed(city, "", "", jan26, oct26, 1017, 1000),
			"IRK-CITY-2026-10", "Город, демо (с октября 2026)", oct26, time.Time{}, 196, 181),
		indexed(indexed(rural, "", "", jan26, oct26, 1017, 1000),
			"IRK-RURAL-2026-10", "Село и электроотопление, демо (с октября 2026)", oct26, time.Time{}, 196, 181),
	}
}

// Tier limits from 1 January 2025 (DOMAIN §8.1), and the January–April limits
// for homes with electric heating.
var (
	limits2025        = [2]int64{3900, 6000}
	heatingLimits2025 = [2]int64{7020, 10800}
	heatingMonths     = []time.Month{time.January, time.February, time.March, time.April}
)

func demoCity2025H2() Tariff {
	return Tariff{
		Code: "IRK-CITY-2025H2", Name: "Город, демо (2025, 2-е полугодие)", Demo: true, Group: GroupCity,
		From: date(2025, time.July, 1), To: date(2026, time.January, 1),
		Limits: limits2025, HeatingLimits: heatingLimits2025, HeatingMonths: slices.Clone(heatingMonths),
		Tiers: [3]TierPrices{
			{Single: 17800, Day: 20500, Night: 11800, Peak: 23100, HalfPeak: 17800},
			{Single: 33100, Day: 38100, Night: 22000, Peak: 43000, HalfPeak: 33100},
			{Single: 65000, Day: 74800, Night: 43200, Peak: 84500, HalfPeak: 65000},
		},
	}
}

func demoRural2025H2() Tariff {
	return Tariff{
		Code: "IRK-RURAL-2025H2", Name: "Село и электроотопление, демо (2025, 2-е полугодие)", Demo: true, Group: GroupRural,
		From: date(2025, time.July, 1), To: date(2026, time.January, 1),
		Limits: limits2025, HeatingLimits: heatingLimits2025, HeatingMonths: slices.Clone(heatingMonths),
		Tiers: [3]TierPrices{
			{Single: 12460, Day: 14300, Night: 8300, Peak: 16200, HalfPeak: 12460},
			{Single: 23170, Day: 26600, Night: 15400, Peak: 30100, HalfPeak: 23170},
			{Single: 45500, Day: 52300, Night: 30300, Peak: 59200, HalfPeak: 45500},
		},
	}
}

// indexed returns t with every price multiplied by num/den and rounded to the
// kopeck, renamed and valid for [from, to).
func indexed(t Tariff, code, name string, from, to time.Time, num, den int64) Tariff {
	t.Code, t.Name, t.From, t.To = code, name, from, to
	// One rounding, straight to the kopeck: rounding first to a hundredth of
	// a kopeck and then to the kopeck could round a price up twice.
	scale := func(p Price) Price { return Price(roundHalfUp(int64(p)*num, den*100) * 100) }
	for i, tp := range t.Tiers {
		t.Tiers[i] = TierPrices{Single: scale(tp.Single), Day: scale(tp.Day), Night: scale(tp.Night),
			Peak: scale(tp.Peak), HalfPeak: scale(tp.HalfPeak)}
	}
	return t
}
