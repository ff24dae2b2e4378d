package demo

import (
	"time"

	"kabinet"
	"kabinet/billing"
)

// Demo prices, in hundredths of a kopeck per unit so that 1,246 ₽ is exact
// (DOMAIN.md §8.5, labelled demo there and here). They are the 2025 H2 set of
// billing.DemoTariffs without its validity intervals: the simulated history
// predates the month close, which prices with billing's tariffs; building
// the history with the close itself is what the billing issue has left.
var (
	cityPrices  = zonePrices{single: [3]int64{17800, 33100, 65000}, day: 20500, night: 11800, peak: 23100, halfPeak: 17800}
	ruralPrices = zonePrices{single: [3]int64{12460, 23170, 45500}, day: 14300, night: 8300, peak: 16200, halfPeak: 12460}
)

type zonePrices struct {
	single                     [3]int64 // tiers up to 3900, 6000 and above (kWh a month)
	day, night, peak, halfPeak int64
}

const (
	heatPricePerM2  = 524000 // 52,40 ₽ per m² a month in the heating season
	normPerResident = 95     // kWh a month per resident where there is no meter
)

// pricesFor returns the price group of an account: rural homes and
// electrically heated city homes pay the lower rural prices.
func pricesFor(a *kabinet.Account) zonePrices {
	if a.Settlement == kabinet.SettlementRural || a.ElectricHeating {
		return ruralPrices
	}
	return cityPrices
}

// electricityCost returns the charge for consumption by register.
func electricityCost(p zonePrices, z kabinet.Zoning, units []int64, heatingSeason bool) kabinet.Money {
	switch z {
	case kabinet.ZoningTwo:
		return cost(units[0], p.day) + cost(units[1], p.night)
	case kabinet.ZoningThree:
		return cost(units[0], p.peak) + cost(units[1], p.night) + cost(units[2], p.halfPeak)
	}
	lim1, lim2 := int64(3900), int64(6000)
	if heatingSeason {
		lim1, lim2 = 7020, 10800
	}
	u := units[0]
	t1, t2 := min(u, lim1), min(max(u-lim1, 0), lim2-lim1)
	return cost(t1, p.single[0]) + cost(t2, p.single[1]) + cost(max(u-lim2, 0), p.single[2])
}

func cost(units, price int64) kabinet.Money { return kabinet.Money((units*price + 50) / 100) }

// heatingSeason reports whether heat is charged in month m (October to April).
func heatingSeason(m time.Month) bool { return m >= time.October || m <= time.April }

// dueDate returns the last on-time day for period p's bill, by the billing
// rules the month close uses.
func dueDate(p kabinet.Period) time.Time { return dueRules.DueDate(p) }

var dueRules = billing.DefaultDueRules()
