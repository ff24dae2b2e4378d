package billing

import (
	"cmp"
	"slices"

	"kabinet"
)

// Read is a real reading as averages see it: the billing period it counts
// for and what each register turned since the meter's previous real
// reading (kabinet.Reading.Consumption).
type Read struct {
	Period kabinet.Period
	Units  []int64
}

// Actuals turns a meter's real readings, any order, into its actual
// monthly consumption (ПП РФ № 354 пп. 59, 59(1), DOMAIN §2.2 ⚠️): the
// readings of one billing period add up, and what a period's readings
// measured is spread evenly over the months since the period of the
// previous reading, the months charged by estimate between them included,
// as Recalculate spreads it. The oldest reading's consumption is its own
// month's. The result has one Usage per month covered, oldest first:
// BasisReading for a month with readings, BasisRecalculated for the
// months between. A register count that changes starts the series again.
func Actuals(reads []Read) []Usage {
	reads = slices.Clone(reads)
	slices.SortStableFunc(reads, func(a, b Read) int { return cmp.Compare(a.Period.Int(), b.Period.Int()) })
	var out []Usage
	for i := 0; i < len(reads); {
		p, units := reads[i].Period, slices.Clone(reads[i].Units)
		for i++; i < len(reads) && reads[i].Period == p; i++ {
			if len(reads[i].Units) != len(units) {
				units = slices.Clone(reads[i].Units) // the meter's zoning changed: count from here
				continue
			}
			for z, x := range reads[i].Units {
				units[z] += x
			}
		}
		n := 1
		if len(out) > 0 && len(out[len(out)-1].Units) == len(units) {
			n = monthsBetween(out[len(out)-1].Period, p)
		}
		for k := range n {
			b := BasisRecalculated
			if k == n-1 {
				b = BasisReading
			}
			out = append(out, Usage{Period: p.Add(k - n + 1), Basis: b, Units: spread(units, n, k)})
		}
	}
	return out
}

// spread returns the k-th (0 the oldest) of n even monthly shares of
// consumption, in whole units: the units that do not divide evenly go to
// the latest months.
func spread(consumption []int64, n, k int) []int64 {
	units := make([]int64, len(consumption))
	for z, c := range consumption {
		units[z] = c / int64(n)
		if int64(k) >= int64(n)-c%int64(n) {
			units[z]++
		}
	}
	return units
}

// Average returns a meter's average monthly consumption by register over
// the actual months among the Months periods ending with last (the
// period of its last real reading), rounded half up to the unit, and how
// many months it covers. history is the meter's monthly consumption as
// charged (see Actuals); only actual months count, never estimated ones.
func (r EstimateRules) Average(last kabinet.Period, history []Usage) ([]int64, int, error) {
	var sum []int64
	months := 0
	for _, u := range history {
		if !u.Basis.Actual() || monthsBetween(u.Period, last) < 0 || monthsBetween(u.Period, last) >= r.Months {
			continue
		}
		if sum == nil {
			sum = make([]int64, len(u.Units))
		}
		if len(u.Units) != len(sum) {
			return nil, 0, kabinet.Errorf(kabinet.EINVALID, "История счётчика с разным числом зон: среднее не определено")
		}
		for i, x := range u.Units {
			sum[i] += x
		}
		months++
	}
	for i := range sum {
		sum[i] = roundHalfUp(sum[i], int64(months))
	}
	return sum, months, nil
}
