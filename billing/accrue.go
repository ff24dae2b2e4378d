package billing

import (
	"time"

	"kabinet"
)

// MonthPenalty is the penalty accrued in one calendar month.
type MonthPenalty struct {
	Period kabinet.Period
	Amount kabinet.Money
}

// Accrue returns the penalty accrued on debts, after payments, in each
// calendar month that meets [from, to), so that the month-close engine can
// post one penalty entry per sub-account and month. Each month's amount is
// exact until it is rounded half up once.
//
// A debt's principal accrues day by day as payments reduce it. The law takes
// the rate on the day of payment for the whole delay; month by month that
// becomes: the part of a debt paid within the month uses the rate of its
// payment day, the part still unpaid at the month's end the rate of the
// month's last day (as an open debt uses "today", DOMAIN §3.4). So a closed
// month never changes when later payments arrive. While the 9,5 % cap holds
// (through 2026) every choice gives the same rate.
func (r PenaltyRules) Accrue(debts []Debt, pays []Payment, from, to time.Time) ([]MonthPenalty, error) {
	alloc, err := Allocate(debts, pays)
	if err != nil {
		return nil, err
	}
	parts := map[kabinet.Period][]Part{}
	for _, p := range alloc.Parts {
		parts[p.Period] = append(parts[p.Period], p)
	}
	var months []MonthPenalty
	for ws, end := dayOf(from), dayOf(to); ws < end; {
		p := kabinet.PeriodOf(ws.time())
		we := min(end, dayOf(p.Add(1).Start(time.UTC)))
		var s sum
		for _, db := range debts {
			if err := r.accrueDebt(&s, db, parts[db.Period], ws, we); err != nil {
				return nil, err
			}
		}
		months = append(months, MonthPenalty{Period: p, Amount: s.money()})
		ws = we
	}
	return months, nil
}

// accrueDebt adds to s the penalty on one debt for the days [ws, we). Parts
// are in date order, as Allocate made them.
func (r PenaltyRules) accrueDebt(s *sum, db Debt, parts []Part, ws, we day) error {
	due, left := dayOf(db.Due), db.Principal
	for _, p := range parts {
		paid := dayOf(p.On)
		if paid >= we {
			break
		}
		left -= p.Amount
		if err := r.addDays(s, p.Amount, due, ws, r.lastDelayDay(paid), p.On); err != nil {
			return err
		}
	}
	return r.addDays(s, left, due, ws, we-1, (we - 1).time())
}

// addDays adds the penalty on amount for the delay days [from, to] of a debt
// due on due, at the rate for a payment on rateDay.
func (r PenaltyRules) addDays(s *sum, amount kabinet.Money, due, from, to day, rateDay time.Time) error {
	w := r.weight(due, from, to)
	if w == 0 || amount <= 0 {
		return nil
	}
	rate, err := r.RateOn(rateDay)
	s.add(amount, rate, w)
	return err
}
