package billing

import (
	"math/big"

	"kabinet"
)

// roundHalfUp divides num by den (den > 0) and rounds half away from zero,
// the ROUND_HALF_UP of DOMAIN.md.
func roundHalfUp(num, den int64) int64 {
	neg := num < 0
	if neg {
		num = -num
	}
	q, r := num/den, num%den
	if 2*r >= den {
		q++
	}
	if neg {
		return -q
	}
	return q
}

// penaltyDen is the denominator of exact penalty arithmetic: a rate is in
// hundredths of a percent (1/10 000), and a day's share is 1/300 = 13/3900
// or 1/130 = 30/3900 of it.
const penaltyDen = 10_000 * 3_900

// Shares of the rate per day of delay, in 1/3900: 1/300 and 1/130.
const (
	share300 = 13
	share130 = 30
)

// sum accumulates penalties exactly, as a numerator over penaltyDen. It uses
// big.Int because principal × rate × weighted days overflows int64 for large
// debts held for years, and a penalty must never silently wrap around.
type sum struct{ n big.Int }

// add adds amount × rate × weight / penaltyDen, weight in 1/3900 day-shares.
func (s *sum) add(amount kabinet.Money, rate Rate, weight int64) {
	if amount == 0 || rate == 0 || weight == 0 {
		return
	}
	var t big.Int
	t.SetInt64(int64(amount))
	t.Mul(&t, big.NewInt(int64(rate)))
	t.Mul(&t, big.NewInt(weight))
	s.n.Add(&s.n, &t)
}

// money rounds the sum half up to the kopeck. Penalties are never negative,
// so half up and half away from zero agree here.
func (s *sum) money() kabinet.Money {
	var q, r big.Int
	q.QuoRem(&s.n, big.NewInt(penaltyDen), &r)
	if r.Int64()*2 >= penaltyDen {
		q.Add(&q, big.NewInt(1))
	}
	return kabinet.Money(q.Int64())
}
