package billing

import (
	"kabinet"
)

// Line is one line of an electricity charge: the units of one register in
// one consumption tier, the price and the amount.
type Line struct {
	Zone   kabinet.Zone // the register; kabinet.ZoneTotal on single-rate meters
	Tier   int          // consumption tier, 1..3
	Units  int64        // kWh
	Price  Price
	Amount kabinet.Money
}

// ElectricityCharge prices a month's consumption by register (units in
// kabinet.Zoning.Zones order) with tariff t. heatingLimits selects the
// raised January–April tier limits (see Tariff.UsesHeatingLimits).
//
// Tiers apply to the month's total consumption of the metering point. On a
// zone meter each tier's volume is shared among the registers in proportion
// to their consumption (the zone ratio is kept in every tier, DOMAIN §8.1),
// in whole kWh by largest remainder, and each share is priced with that
// tier's zone price (❓ no published rule; see DemoTariffs for the prices).
//
// The amount is the exact sum rounded half up once; the lines are rounded so
// that they add up to it. Every register has a tier-1 line, even at zero, so
// the bill shows each register; lines of higher tiers appear only when used.
func ElectricityCharge(t Tariff, z kabinet.Zoning, units []int64, heatingLimits bool) (kabinet.Money, []Line, error) {
	zones := z.Zones()
	if len(units) != len(zones) {
		return 0, nil, kabinet.Errorf(kabinet.EINVALID, "Счётчику с %d зонами передано %d значений расхода", len(zones), len(units))
	}
	var total int64
	for _, u := range units {
		if u < 0 {
			return 0, nil, kabinet.Errorf(kabinet.EINVALID, "Расход не может быть отрицательным")
		}
		total += u
	}
	limits := t.Limits
	if heatingLimits {
		limits = t.HeatingLimits
	}
	split := splitTiers(units, tierVolumes(total, limits))
	var lines []Line
	for k := range 3 {
		for i, zone := range zones {
			if u := split[i][k]; u > 0 || k == 0 {
				lines = append(lines, Line{Zone: zone, Tier: k + 1, Units: u, Price: t.Tiers[k].price(z, i)})
			}
		}
	}
	return roundLines(lines), lines, nil
}

// tierVolumes splits a month's total into the volumes of tiers 1, 2 and 3.
func tierVolumes(total int64, limits [2]int64) [3]int64 {
	t1 := min(total, limits[0])
	t2 := min(total, limits[1]) - t1
	return [3]int64{t1, max(t2, 0), max(total-limits[1], 0)}
}

// price returns the price of register i of a meter with zoning z.
func (tp TierPrices) price(z kabinet.Zoning, i int) Price {
	switch z {
	case kabinet.ZoningTwo:
		return [...]Price{tp.Day, tp.Night}[i]
	case kabinet.ZoningThree:
		return [...]Price{tp.Peak, tp.Night, tp.HalfPeak}[i]
	}
	return tp.Single
}

// roundLines sets each line's amount so that the amounts add up to the exact
// total rounded half up: each line gets the rounded running total minus the
// rounded running total before it, which is within a kopeck of its exact
// amount.
func roundLines(lines []Line) kabinet.Money {
	var exact int64
	var shown kabinet.Money
	for i := range lines {
		exact += lines[i].Price.times(lines[i].Units)
		lines[i].Amount = kopecks(exact) - shown
		shown += lines[i].Amount
	}
	return shown
}
