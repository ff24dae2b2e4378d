package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"time"

	"kabinet"
	"kabinet/billing"
)

// payment is one payment a household makes for a bill.
type payment struct {
	sub    int64
	period kabinet.Period // the bill's period, which the payment names
	on     time.Time
	amount kabinet.Money
}

// schedule holds the payments households will make, by the month they
// are made in. Each bill the month close issues adds its payments, drawn
// from the seed, the sub-account and the period, so that the same bills
// always give the same payments.
type schedule struct {
	seed   int64
	today  time.Time
	due    billing.DueRules
	months map[kabinet.Period][]payment
}

func newSchedule(seed int64, today time.Time, due billing.DueRules) *schedule {
	return &schedule{seed: seed, today: today, due: due, months: map[kabinet.Period][]payment{}}
}

// bill schedules the payments for a bill: per provider, as the
// household's habit has it; none is made after today.
func (s *schedule) bill(b *kabinet.Bill) {
	payer := payerOf(s.seed, b.AccountID)
	for _, bp := range b.Data.Providers {
		sub := subAccountID(b.AccountID, int(bp.Provider.ID-providerIES))
		rng := rand.New(rand.NewPCG(uint64(s.seed)^paymentSalt, uint64(sub)<<20|uint64(b.Period.Int())))
		for _, p := range s.plan(rng, payer, &bp, b.Period) {
			if p.amount > 0 && !p.on.After(s.today) {
				p.sub, p.period = sub, b.Period
				m := kabinet.PeriodOf(p.on)
				s.months[m] = append(s.months[m], p)
			}
		}
	}
}

const paymentSalt = 0x9a11

// plan returns the payments a household makes for one provider's part
// of a bill: a punctual payer pays what the bill asks before the due
// date, one who overpays pays two months ahead (what the bill asks and
// twice the month's charges, rounded up to 500 ₽, so the account stays in
// credit after the next bill too, whatever day it is), a late payer pays the
// month's charges one to three months late, a debtor now and then pays
// part of them.
func (s *schedule) plan(rng *rand.Rand, payer payerKind, bp *kabinet.BillProvider, p kabinet.Period) []payment {
	due := s.due.DueDate(p)
	charged := bp.Adjustments
	for _, l := range bp.Lines {
		charged += l.Amount
	}
	switch payer {
	case payerOverpays:
		ahead := max(bp.ToPay+2*charged, 0)
		return []payment{{on: due.AddDate(0, 0, -rng.IntN(10)), amount: (ahead + 49999) / 50000 * 50000}}
	case payerLate:
		return []payment{{on: due.AddDate(0, 0, 20+rng.IntN(60)), amount: charged}}
	case payerDebtor:
		if rng.IntN(10) < 4 {
			return []payment{{on: due.AddDate(0, 0, rng.IntN(60)), amount: charged * kabinet.Money(40+rng.IntN(51)) / 100}}
		}
		return nil
	}
	return []payment{{on: due.AddDate(0, 0, -rng.IntN(10)), amount: bp.ToPay}}
}

// take removes and returns the payments made in month m, in a fixed order
// (by sub-account, bill and date), so that a resumed build can skip the
// ones it loaded before.
func (s *schedule) take(m kabinet.Period) []payment {
	ps := s.months[m]
	delete(s.months, m)
	slices.SortFunc(ps, func(a, b payment) int {
		if a.sub != b.sub {
			return int(a.sub - b.sub)
		}
		if a.period != b.period {
			return a.period.Int() - b.period.Int()
		}
		return a.on.Compare(b.on)
	})
	return ps
}

// entry is the ledger entry of a payment, with its channel drawn from
// the payment itself.
func (s *schedule) entry(p payment) *kabinet.LedgerEntry {
	rng := rand.New(rand.NewPCG(uint64(s.seed)^channelSalt, uint64(p.sub)<<20|uint64(p.period.Int())))
	return &kabinet.LedgerEntry{SubAccountID: p.sub, Period: p.period, Kind: kabinet.EntryPayment,
		Amount: -p.amount, PostedOn: p.on, Channel: channel(rng)}
}

const channelSalt = 0xc4a7

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

// paymentChunk is how many payments commit together.
const paymentChunk = 20000

// loadPayments writes the payments made in month m, chunk by chunk, each
// with the progress marker, skipping those a stopped build loaded.
func loadPayments(ctx context.Context, db Store, w *kabinet.World, s *schedule, m kabinet.Period) error {
	ps := s.take(m)
	from := 0
	switch {
	case w.PaidPeriod == m:
		from = w.PaidCount
	case m.Before(w.PaidPeriod):
		return nil
	}
	for {
		to := min(from+paymentChunk, len(ps))
		b := db.NewBatch()
		for _, p := range ps[from:to] {
			b.AddLedgerEntry(s.entry(p))
		}
		b.MarkWorldPaid(m, to)
		if err := db.Load(ctx, b); err != nil {
			return err
		}
		if to == len(ps) {
			return nil
		}
		from = to
	}
}
