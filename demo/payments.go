package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"kabinet"
	"kabinet/sqlstore"
)

// subHistory is one sub-account's ledger as the months went: charges at
// each close, payments as the household's habit has them, and penalties
// (ЖК РФ ст. 155 ч. 14) on what stayed unpaid past the due date.
type subHistory struct {
	sub     *kabinet.SubAccount
	entries []kabinet.LedgerEntry
}

type payment struct {
	on     time.Time
	amount kabinet.Money
	period kabinet.Period
}

// debt is a period's unpaid principal.
type debt struct {
	due  time.Time
	left kabinet.Money
}

// penaltyRate is the rate penalties use through 2026: the 9,5 % cap, below
// the key rate all that time (DOMAIN.md §3.3), in tenths of a percent.
const penaltyRate = 95

func newPayments(rng *rand.Rand, payer payerKind, sub *kabinet.SubAccount, c clock, charges []kabinet.Money) *subHistory {
	h := &subHistory{sub: sub}
	var pays []payment
	for i, p := range c.closed {
		if charges[i] > 0 {
			pays = append(pays, schedule(rng, payer, charges[i], p)...)
		}
	}
	pays = slices.DeleteFunc(pays, func(p payment) bool { return p.on.After(c.today) })
	slices.SortStableFunc(pays, func(a, b payment) int { return a.on.Compare(b.on) })
	h.simulate(rng, c, charges, pays)
	return h
}

// schedule returns the payments a household makes for one bill.
func schedule(rng *rand.Rand, payer payerKind, amount kabinet.Money, p kabinet.Period) []payment {
	due := dueDate(p)
	switch payer {
	case payerOverpays:
		return []payment{{due.AddDate(0, 0, -rng.IntN(10)), (amount + 49999) / 50000 * 50000, p}}
	case payerLate:
		return []payment{{due.AddDate(0, 0, 20+rng.IntN(60)), amount, p}}
	case payerDebtor:
		if rng.IntN(10) < 4 {
			part := amount * kabinet.Money(40+rng.IntN(51)) / 100
			return []payment{{due.AddDate(0, 0, rng.IntN(60)), part, p}}
		}
		return nil
	}
	return []payment{{due.AddDate(0, 0, -rng.IntN(10)), amount, p}}
}

// simulate walks the months: at each month's start it charges the month
// before, then takes that month's payments (oldest debt first) and accrues
// penalties for its days.
func (h *subHistory) simulate(rng *rand.Rand, c clock, charges []kabinet.Money, pays []payment) {
	var debts []*debt
	var credit kabinet.Money
	for i, p := range c.closed {
		start, end := p.Start(time.UTC), p.Add(1).Start(time.UTC)
		for len(pays) > 0 && pays[0].on.Before(end) {
			credit = allocate(debts, credit+pays[0].amount)
			h.add(kabinet.LedgerEntry{Kind: kabinet.EntryPayment, Period: pays[0].period, Amount: -pays[0].amount,
				PostedOn: pays[0].on, Channel: channel(rng)})
			pays = pays[1:]
		}
		if pen := penalties(debts, start, end); pen > 0 {
			h.add(kabinet.LedgerEntry{Kind: kabinet.EntryPenalty, Period: p, Amount: pen, PostedOn: end})
		}
		h.addCharge(p, charges[i], end)
		if charges[i] > 0 {
			d := &debt{due: dueDate(p), left: charges[i]}
			debts = append(debts, d)
			credit = allocate(debts, credit)
		}
	}
	for _, pay := range pays { // paid in the open period, after the last close
		h.add(kabinet.LedgerEntry{Kind: kabinet.EntryPayment, Period: pay.period, Amount: -pay.amount, PostedOn: pay.on, Channel: channel(rng)})
	}
}

func (h *subHistory) addCharge(p kabinet.Period, amount kabinet.Money, on time.Time) {
	switch {
	case amount > 0:
		h.add(kabinet.LedgerEntry{Kind: kabinet.EntryCharge, Period: p, Amount: amount, PostedOn: on, Service: h.sub.Services[0]})
	case amount < 0:
		h.add(kabinet.LedgerEntry{Kind: kabinet.EntryAdjustment, Period: p, Amount: amount, PostedOn: on,
			Service: h.sub.Services[0], Note: "Перерасчёт по показаниям"})
	}
}

func (h *subHistory) add(e kabinet.LedgerEntry) {
	e.SubAccountID = h.sub.ID
	h.entries = append(h.entries, e)
}

func (h *subHistory) write(b *sqlstore.Batch) {
	for i := range h.entries {
		b.Add("ledger", sqlstore.LedgerColumns, sqlstore.LedgerRow(&h.entries[i])...)
	}
}

// allocate pays debts oldest first with money and returns what is left over
// (the customer's credit).
func allocate(debts []*debt, money kabinet.Money) kabinet.Money {
	for _, d := range debts {
		if money <= 0 {
			break
		}
		paid := min(d.left, money)
		d.left -= paid
		money -= paid
	}
	return money
}

// penalties accrues penalties on the unpaid debts for the days in [from, to):
// 1/300 of the rate from the 31st to the 90th day after the due date, 1/130
// from the 91st.
func penalties(debts []*debt, from, to time.Time) kabinet.Money {
	var sum int64
	for _, d := range debts {
		if d.left <= 0 {
			continue
		}
		d300 := overlapDays(from, to, d.due.AddDate(0, 0, 31), d.due.AddDate(0, 0, 91))
		d130 := overlapDays(from, to, d.due.AddDate(0, 0, 91), to)
		num := int64(d.left) * penaltyRate * (d300*130 + d130*300)
		sum += (num + 300*130*1000/2) / (300 * 130 * 1000)
	}
	return kabinet.Money(sum)
}

// overlapDays counts the days of [a1, a2) that fall in [b1, b2).
func overlapDays(a1, a2, b1, b2 time.Time) int64 {
	from, to := max(a1.Unix(), b1.Unix()), min(a2.Unix(), b2.Unix())
	if to <= from {
		return 0
	}
	return (to - from) / 86400
}

func channel(rng *rand.Rand) kabinet.PaymentChannel {
	switch n := rng.IntN(100); {
	case n < 35:
		return kabinet.ChannelCard
	case n < 70:
		return kabinet.ChannelBank
	case n < 85:
		return kabinet.ChannelAgent
	case n < 95:
		return kabinet.ChannelPost
	}
	return kabinet.ChannelOffice
}
