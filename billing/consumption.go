package billing

import (
	"kabinet"
)

// Basis is what a month's consumption was charged on.
type Basis string

// Bases.
const (
	BasisReading Basis = "reading" // a real reading
	BasisAverage Basis = "average" // no reading: the average of past months
	BasisNorm    Basis = "norm"    // no reading for too long, or no history
	// BasisRecalculated is an estimated month whose consumption a later real
	// reading replaced with its share of the real consumption.
	BasisRecalculated Basis = "recalculated"
)

// Title returns the basis as a bill prints it.
func (b Basis) Title() string {
	return map[Basis]string{BasisReading: "по показаниям", BasisAverage: "по среднему",
		BasisNorm: "по нормативу", BasisRecalculated: "перерасчёт по показаниям"}[b]
}

// Actual reports whether the consumption came from real readings.
func (b Basis) Actual() bool { return b == BasisReading || b == BasisRecalculated }

// Usage is a month's consumption of one meter as charged.
type Usage struct {
	Period kabinet.Period
	Basis  Basis
	// Units are kWh by register in kabinet.Zoning.Zones order. A norm has one
	// register whatever the meter: it is charged at the single-rate price
	// (ПП № 354: without readings, a tariff not split by zones ❓).
	Units []int64
}

// Total returns the consumption of all registers.
func (u Usage) Total() int64 {
	var n int64
	for _, x := range u.Units {
		n += x
	}
	return n
}

// EstimateRules are the rules of ПП № 354 пп. 59–60 (DOMAIN §2.2 ⚠️) for a
// meter without a reading.
type EstimateRules struct {
	Months     int // the average is over this many months before the gap
	MinMonths  int // fewer months of history than this: the norm
	MaxPeriods int // the average is used for at most this many periods in a row
}

// DefaultEstimateRules returns the current edition: 6 months, at least 3,
// for at most 3 periods.
func DefaultEstimateRules() EstimateRules {
	return EstimateRules{Months: 6, MinMonths: 3, MaxPeriods: 3}
}
