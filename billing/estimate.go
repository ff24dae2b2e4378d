package billing

import (
	"kabinet"
)

// Estimate returns the consumption to charge for period p of a meter that
// has no reading for it. last is the period of the meter's last real reading
// (the zero Period if it never had one); history holds its monthly
// consumption, any order, one Usage a month (Actuals makes it from the real
// readings). The average (see Average) is used for the first MaxPeriods
// periods after last; with fewer than MinMonths actual months, or later,
// the norm (norm, kWh a month for the home, see Norms.Monthly) is charged.
func (r EstimateRules) Estimate(p, last kabinet.Period, history []Usage, norm int64) (Usage, error) {
	if !last.Before(p) {
		return Usage{}, kabinet.Errorf(kabinet.EINVALID, "За %s есть показания: расчёт по среднему не нужен", p)
	}
	byNorm := Usage{Period: p, Basis: BasisNorm, Units: []int64{norm}}
	if last.Year == 0 || monthsBetween(last, p) > r.MaxPeriods {
		return byNorm, nil
	}
	sum, months, err := r.Average(last, history)
	if err != nil {
		return Usage{}, err
	}
	if months < r.MinMonths {
		return byNorm, nil
	}
	return Usage{Period: p, Basis: BasisAverage, Units: sum}, nil
}

// monthsBetween returns how many months q is after p.
func monthsBetween(p, q kabinet.Period) int {
	return (q.Year-p.Year)*12 + int(q.Month) - int(p.Month)
}
