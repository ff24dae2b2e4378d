package billing

import (
	"cmp"
	"slices"
	"time"

	"kabinet"
)

// Debt is a period's principal: its charges and adjustments, never its
// penalties, since penalties are not charged on penalties (DOMAIN §3.1).
type Debt struct {
	Period    kabinet.Period
	Due       time.Time // the last on-time day, DueRules.DueDate(Period)
	Principal kabinet.Money
}

// Payment is money a customer paid.
type Payment struct {
	On     time.Time
	Amount kabinet.Money // positive
	// Period is the period the payment document names; the zero Period
	// names none.
	Period kabinet.Period
}

// Part is the part of a payment that paid one period's debt.
type Part struct {
	Payment int // index into the payments given to Allocate
	Period  kabinet.Period
	On      time.Time
	Amount  kabinet.Money
}

// Allocation is how payments were spread over debts.
type Allocation struct {
	Parts []Part // in payment date order
	// Outstanding is each debt less what paid it, in period order: the input
	// of Forecast and the cabinet's debt by period.
	Outstanding []Debt
	// Credit is what is left when every principal is paid: in the ledger it
	// pays penalties first, then it is an overpayment (переплата).
	Credit kabinet.Money
}

// Allocate spreads payments, in date order, over debts: first to the period
// the payment names, then to the oldest unpaid debts (DOMAIN §3.4, Пленум ВС
// № 22 п. 32 ⚠️). A named period that has no debt, or less debt than the
// payment, passes the rest on to the oldest debts. Every debt counts as owed
// from the start, so a payment made before a period's charge pays it in
// advance; this changes no penalty, which starts 31 days after the due date.
func Allocate(debts []Debt, pays []Payment) (Allocation, error) {
	out := slices.Clone(debts)
	slices.SortStableFunc(out, func(a, b Debt) int { return cmp.Compare(a.Period.Int(), b.Period.Int()) })
	for i, db := range out {
		if db.Principal < 0 || i > 0 && out[i-1].Period == db.Period {
			return Allocation{}, kabinet.Errorf(kabinet.EINVALID, "Долг за %s: один неотрицательный долг на период", db.Period)
		}
	}
	order := make([]int, len(pays))
	for i := range order {
		order[i] = i
		if pays[i].Amount <= 0 {
			return Allocation{}, kabinet.Errorf(kabinet.EINVALID, "Оплата %s: сумма должна быть положительной", pays[i].On.Format("02.01.2006"))
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(dayOf(pays[a].On), dayOf(pays[b].On)) })
	a := Allocation{Outstanding: out}
	for _, i := range order {
		a.Credit += a.pay(i, pays[i])
	}
	return a, nil
}

// pay spreads one payment and returns what no debt took.
func (a *Allocation) pay(i int, p Payment) kabinet.Money {
	left := p.Amount
	take := func(j int) {
		if n := min(left, a.Outstanding[j].Principal); n > 0 {
			a.Outstanding[j].Principal -= n
			left -= n
			a.Parts = append(a.Parts, Part{Payment: i, Period: a.Outstanding[j].Period, On: p.On, Amount: n})
		}
	}
	for j := range a.Outstanding {
		if a.Outstanding[j].Period == p.Period {
			take(j)
		}
	}
	for j := range a.Outstanding {
		take(j)
	}
	return left
}
