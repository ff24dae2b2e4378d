package billrun

import (
	"time"

	"kabinet"
	"kabinet/billing"
)

// newBill starts the bill of an account for p.
func (e *Engine) newBill(p kabinet.Period, a *kabinet.Account) *kabinet.Bill {
	return &kabinet.Bill{AccountID: a.ID, Period: p, IssuedAt: e.Now().UTC(), Data: kabinet.BillData{
		AccountNumber: a.Display, Payer: a.FullName(), Address: a.Address, Residents: a.Residents, Area: a.Area}}
}

// penalty accrues the penalty for p's days on the sub-account's debts as
// its ledger stands before the close: charges and recalculations make the
// debts of their periods, payments pay the period they name or the oldest.
func (e *Engine) penalty(p kabinet.Period, history []*kabinet.LedgerEntry) (kabinet.Money, error) {
	all, pays := billing.FromLedger(history, e.Due)
	var debts []billing.Debt
	for _, d := range all {
		if d.Period.Before(p) {
			debts = append(debts, d)
		}
	}
	months, err := e.Penalties.Accrue(debts, pays, p.Start(time.UTC), p.Add(1).Start(time.UTC))
	if err != nil || len(months) == 0 {
		return 0, err
	}
	var sum kabinet.Money
	for _, m := range months {
		sum += m.Amount
	}
	return sum, nil
}

// settle fills in the money part of a provider's bill: the balance at the
// start of p, the payments received in p, and what to pay. Entries count
// on their BookedOn days, as statements read them: the previous close's,
// posted on the first day of p, are the opening balance; payments made
// that day are p's.
func (e *Engine) settle(p kabinet.Period, history []*kabinet.LedgerEntry, part *kabinet.BillProvider) {
	start, end := p.Start(time.UTC), p.Add(1).Start(time.UTC)
	for _, x := range history {
		switch on := x.BookedOn(); {
		case on.Before(start):
			part.OpeningBalance += x.Amount
		case !on.Before(end):
		case x.Kind == kabinet.EntryPayment:
			part.Payments -= x.Amount
		default: // corrections posted during the month
			part.Adjustments += x.Amount
		}
	}
	var charged kabinet.Money
	for _, l := range part.Lines {
		charged += l.Amount
	}
	part.ToPay = part.OpeningBalance + charged + part.Adjustments + part.Penalties - part.Payments
}
