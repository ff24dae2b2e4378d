package billing

import (
	"cmp"
	"slices"
	"time"

	"kabinet"
)

// FromLedger reads a sub-account's ledger the way the month close does:
// charges and recalculations make the principal of their periods (a period
// whose principal is not positive owes nothing), payments pay the period
// they name or the oldest. Penalties are left out, since penalties are not
// charged on penalties. Debts come in period order.
func FromLedger(entries []*kabinet.LedgerEntry, due DueDater) ([]Debt, []Payment) {
	byPeriod := map[kabinet.Period]kabinet.Money{}
	var pays []Payment
	for _, x := range entries {
		switch x.Kind {
		case kabinet.EntryCharge, kabinet.EntryAdjustment:
			byPeriod[x.Period] += x.Amount
		case kabinet.EntryPayment:
			pays = append(pays, Payment{On: x.PostedOn, Amount: -x.Amount, Period: x.Period})
		}
	}
	var debts []Debt
	for period, principal := range byPeriod {
		if principal > 0 {
			debts = append(debts, Debt{Period: period, Due: due.DueDate(period), Principal: principal})
		}
	}
	slices.SortFunc(debts, func(a, b Debt) int { return cmp.Compare(a.Period.Int(), b.Period.Int()) })
	return debts, pays
}

// ForecastLedger is the forecast for a sub-account's ledger as it stands
// today: its debts after its payments, by the close's own reading of them.
func (r PenaltyRules) ForecastLedger(entries []*kabinet.LedgerEntry, due DueDater, today time.Time) (Forecast, error) {
	debts, pays := FromLedger(entries, due)
	alloc, err := Allocate(debts, pays)
	if err != nil {
		return Forecast{}, err
	}
	return r.Forecast(alloc.Outstanding, today)
}

// Outstanding is what is still unpaid of each period's principal after a
// sub-account's payments, in period order, periods paid in full left out:
// what the store keeps beside the balance so that a forecast need not read
// the ledger again.
func Outstanding(entries []*kabinet.LedgerEntry) ([]kabinet.PeriodDebt, error) {
	debts, pays := FromLedger(entries, noDue{})
	alloc, err := Allocate(debts, pays)
	if err != nil {
		return nil, err
	}
	var out []kabinet.PeriodDebt
	for _, d := range alloc.Outstanding {
		if d.Principal > 0 {
			out = append(out, kabinet.PeriodDebt{Period: d.Period, Principal: d.Principal})
		}
	}
	return out, nil
}

// ForecastDebts is the forecast from the unpaid principals Outstanding
// returned: the same as ForecastLedger on the ledger they came from.
func (r PenaltyRules) ForecastDebts(ds []kabinet.PeriodDebt, due DueDater, today time.Time) (Forecast, error) {
	debts := make([]Debt, len(ds))
	for i, d := range ds {
		debts[i] = Debt{Period: d.Period, Due: due.DueDate(d.Period), Principal: d.Principal}
	}
	return r.Forecast(debts, today)
}
