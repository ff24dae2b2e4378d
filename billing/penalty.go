package billing

import (
	"time"

	"kabinet"
)

// Days of delay that change the penalty (ЖК РФ ст. 155 ч. 14, DOMAIN §3.4):
// 1/300 of the rate from the 31st day after the due date to the 90th, 1/130
// from the 91st.
const (
	firstPenaltyDay = 31
	lastDay300      = 90
)

// weight returns the day-shares (in 1/3900 of the rate, see share300 and
// share130) of the delay days in [from, to], inclusive, of a debt due on
// due, less the days of moratoria that cover the debt.
func (r PenaltyRules) weight(due, from, to day) int64 {
	d31, d90 := due+firstPenaltyDay, due+lastDay300
	return share300*r.freeDays(due, max(from, d31), min(to, d90)) +
		share130*r.freeDays(due, max(from, d90+1), to)
}

// freeDays counts the days of [from, to] outside the moratoria that cover a
// debt due on due.
func (r PenaltyRules) freeDays(due, from, to day) int64 {
	if to < from {
		return 0
	}
	n := int64(to - from + 1)
	for _, m := range r.Moratoria {
		if m.applies(due) {
			n -= overlap(from, to, dayOf(m.From), dayOf(m.To))
		}
	}
	return n
}

// lastDelayDay returns the last day counted for a payment on paid: the day
// itself when IncludePaymentDay, else the day before.
func (r PenaltyRules) lastDelayDay(paid day) day {
	if r.IncludePaymentDay {
		return paid
	}
	return paid - 1
}

// Penalty returns the penalty on principal due on due (the last on-time day)
// and paid on asOf, or still unpaid on asOf for an open debt, at the rate for
// asOf applied to the whole delay (DOMAIN §3.4). The result is rounded half
// up to the kopeck once. Penalties are never charged on penalties: principal
// must be the unpaid charges only.
func (r PenaltyRules) Penalty(principal kabinet.Money, due, asOf time.Time) (kabinet.Money, error) {
	if principal <= 0 {
		return 0, nil
	}
	w := r.weight(dayOf(due), dayOf(due)+1, r.lastDelayDay(dayOf(asOf)))
	if w == 0 {
		return 0, nil
	}
	rate, err := r.RateOn(asOf)
	if err != nil {
		return 0, err
	}
	var s sum
	s.add(principal, rate, w)
	return s.money(), nil
}
