package billrun

import (
	"time"

	"kabinet"
)

// Statement builds the reconciliation statement (акт сверки) of one
// sub-account for the days [from, to] from its ledger entries. Its rows
// are billing periods: what was charged for the period, recalculated,
// charged as penalties, and paid in it. Every entry counts on its
// kabinet.LedgerEntry.BookedOn day, the rule bills are settled by, so the
// closing balance on a period's last day is that period's bill's «к
// оплате», and the opening balance is the ledger's on the day before from.
// The caller fills in the parties (payer, provider).
func Statement(entries []*kabinet.LedgerEntry, from, to time.Time) *kabinet.Statement {
	from, to = kabinet.DateOf(from), kabinet.DateOf(to)
	s := &kabinet.Statement{From: from, To: to}
	for p := kabinet.PeriodOf(from); !p.Start(time.UTC).After(to); p = p.Add(1) {
		s.Months = append(s.Months, kabinet.StatementMonth{Period: p})
	}
	for _, e := range entries {
		on := kabinet.DateOf(e.BookedOn())
		switch {
		case on.Before(from):
			s.Opening += e.Amount
		case on.After(to):
		default:
			addToMonth(&s.Months[kabinet.PeriodOf(from).MonthsTo(kabinet.PeriodOf(on))], e)
		}
	}
	s.Closing = s.Opening
	for _, m := range s.Months {
		s.Closing += m.Charged + m.Adjustments + m.Penalties - m.Paid
	}
	return s
}

func addToMonth(m *kabinet.StatementMonth, e *kabinet.LedgerEntry) {
	switch e.Kind {
	case kabinet.EntryCharge:
		m.Charged += e.Amount
	case kabinet.EntryAdjustment:
		m.Adjustments += e.Amount
	case kabinet.EntryPenalty:
		m.Penalties += e.Amount
	case kabinet.EntryPayment:
		m.Paid -= e.Amount
	}
}
