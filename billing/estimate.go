package billing

import (
	"kabinet"
)

// Estimate returns the consumption to charge for period p of a meter that
// has no reading for it. last is the period of the meter's last real reading
// (the zero Period if it never had one); history holds its monthly
// consumption as charged, any order. The average is taken per register over
// the actual months among the Months periods ending with last, rounded half
// up to the kWh, and used for the first MaxPeriods periods after last; with
// fewer than MinMonths actual months, or later, the norm (norm, kWh a month
// for the home, see Norms.Monthly) is charged.
func (r EstimateRules) Estimate(p, last kabinet.Period, history []Usage, norm int64) (Usage, error) {
	if !last.Before(p) {
		return Usage{}, kabinet.Errorf(kabinet.EINVALID, "За %s есть показания: расчёт по среднему не нужен", p)
	}
	byNorm := Usage{Period: p, Basis: BasisNorm, Units: []int64{norm}}
	if last.Year == 0 || monthsBetween(last, p) > r.MaxPeriods {
		return byNorm, nil
	}
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
			return Usage{}, kabinet.Errorf(kabinet.EINVALID, "История счётчика с разным числом зон: среднее не определено")
		}
		for i, x := range u.Units {
			sum[i] += x
		}
		months++
	}
	if months < r.MinMonths {
		return byNorm, nil
	}
	for i := range sum {
		sum[i] = roundHalfUp(sum[i], int64(months))
	}
	return Usage{Period: p, Basis: BasisAverage, Units: sum}, nil
}

// monthsBetween returns how many months q is after p.
func monthsBetween(p, q kabinet.Period) int {
	return (q.Year-p.Year)*12 + int(q.Month) - int(p.Month)
}
