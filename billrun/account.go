package billrun

import (
	"fmt"
	"time"

	"kabinet"
)

// result is what closing one account writes.
type result struct {
	entries   []*kabinet.LedgerEntry
	estimates []*kabinet.Reading // months without a reading, charged by average or norm
	bill      *kabinet.Bill
}

// closeAccount closes p for one account: each sub-account's services are
// charged, its penalties accrued, and the bill shows it all.
func (e *Engine) closeAccount(p kabinet.Period, providers []*kabinet.Provider, a *kabinet.Account, d *kabinet.AccountData) (*result, error) {
	r := &result{bill: e.newBill(p, a)}
	for _, sub := range d.SubAccounts[a.ID] {
		part, err := e.closeSubAccount(p, a, sub, d, r)
		if err != nil {
			return nil, fmt.Errorf("close %s for account %s: %w", p, a.Display, err)
		}
		part.Provider = *providerByID(providers, sub.ProviderID)
		r.bill.Data.Providers = append(r.bill.Data.Providers, *part)
		r.bill.Data.Total += max(part.ToPay, 0)
	}
	return r, nil
}

// closeSubAccount charges a sub-account's services for p and accrues its
// penalties, adding the entries to r, and returns its part of the bill.
func (e *Engine) closeSubAccount(p kabinet.Period, a *kabinet.Account, sub *kabinet.SubAccount, d *kabinet.AccountData, r *result) (*kabinet.BillProvider, error) {
	history := d.Ledger[sub.ID]
	part := &kabinet.BillProvider{SubAccount: sub.Number, DueOn: e.Due.DueDate(p)}
	for _, service := range sub.Services {
		lines, adjustment, err := e.charge(p, a, service, d, r)
		if err != nil {
			return nil, err
		}
		var charged kabinet.Money
		for _, l := range lines {
			charged += l.Amount
		}
		r.add(sub, p, kabinet.EntryCharge, service, charged, "")
		part.Lines = append(part.Lines, lines...)
		if adjustment != 0 {
			r.add(sub, p, kabinet.EntryAdjustment, service, adjustment, "Перерасчёт по показаниям")
			part.Adjustments += adjustment
		}
	}
	penalty, err := e.penalty(p, history)
	if err != nil {
		return nil, err
	}
	if penalty > 0 {
		r.add(sub, p, kabinet.EntryPenalty, "", penalty, "")
		part.Penalties = penalty
	}
	e.settle(p, history, part)
	return part, nil
}

// add posts an entry of the close. Its external id makes posting it twice
// impossible, whatever happens to the progress marker.
func (r *result) add(sub *kabinet.SubAccount, p kabinet.Period, kind kabinet.EntryKind, service kabinet.Service, amount kabinet.Money, note string) {
	if amount == 0 {
		return
	}
	n := 0
	for _, e := range r.entries {
		if e.SubAccountID == sub.ID {
			n++
		}
	}
	r.entries = append(r.entries, &kabinet.LedgerEntry{SubAccountID: sub.ID, Period: p, Kind: kind, Service: service,
		Amount: amount, PostedOn: p.Add(1).Start(time.UTC), Note: note,
		ExternalID: fmt.Sprintf("close:%d:%d:%d", p.Int(), sub.ID, n)})
}

func providerByID(ps []*kabinet.Provider, id int64) *kabinet.Provider {
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	return &kabinet.Provider{ID: id}
}
