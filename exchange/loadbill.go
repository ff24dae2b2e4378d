package exchange

import (
	"context"
	"slices"

	"kabinet"
)

// loadBills stores the bills as Kabinet's own ЕПД data: one group of lines
// per bill, one section per sub-account, each section balancing (opening
// balance + charges + adjustments + penalties − payments = to pay). A bill
// is immutable: a known ID changes nothing.
func loadBills(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	accounts, err := run.im.Store.FindAccountsByExternalID(ctx, values(recs, "account_id"))
	if err != nil {
		return err
	}
	subs, err := run.im.Store.FindSubAccountsByExternalID(ctx, values(recs, "subaccount_id"))
	if err != nil {
		return err
	}
	// Only a dry run looks the bills up, to count them; an import lets the
	// database skip those it has (AddNew).
	var issued map[string]int64
	if run.im.DryRun {
		if issued, err = run.im.Store.FindExternalIDs(ctx, "bills", values(recs, "bill_id")); err != nil {
			return err
		}
	}
	providers, err := run.im.Store.FindProviders(ctx)
	if err != nil {
		return err
	}
	byID := map[int64]*kabinet.Provider{}
	for _, p := range providers {
		byID[p.ID] = p
	}
	bl := &billLoader{run: run, accounts: accounts, subs: subs, providers: byID}
	rules := run.im.dueRules()
	seen := map[string]bool{}
	for start := 0; start < len(recs); {
		end := start + 1
		for end < len(recs) && recs[end].Get("bill_id") == recs[start].Get("bill_id") {
			end++
		}
		group, id := recs[start:end], recs[start].Get("bill_id")
		start = end
		if seen[id] {
			run.bad(group[0], "bill_id", "строки документа должны идти подряд")
			continue
		}
		seen[id] = true
		bill, ok := bl.bill(group)
		if !ok || issued[id] != 0 {
			continue
		}
		run.inserted("bills", id)
		if bill == nil || run.check {
			continue // a dry run's bill of an account a previous file would insert
		}
		if err := b.AddNewBill(bill); err != nil {
			return err
		}
		law := rules.DueDate(bill.Period)
		for i, p := range bill.Data.Providers {
			// A fresh load has no date to replace, and where none is kept
			// the portal reads the rule's (billing.Due): a date the rule
			// gives too would only repeat it (at 1M homes, 18M such rows).
			if !run.fresh || !p.DueOn.Equal(law) {
				b.AddBillDueDate(bl.sections[i], bill.Period, p.DueOn)
			}
		}
	}
	return nil
}

type billLoader struct {
	run       *fileRun
	accounts  map[string]*kabinet.Account
	subs      map[string]*kabinet.SubAccount
	providers map[int64]*kabinet.Provider
	// sections are the sub-accounts of the last bill's sections.
	sections []int64
	// payers are the accounts' full names: an account has a bill a month.
	payers map[int64]string
}

func (bl *billLoader) payer(a *kabinet.Account) string {
	if bl.payers == nil {
		bl.payers = map[int64]string{}
	}
	p, ok := bl.payers[a.ID]
	if !ok {
		p = a.FullName()
		bl.payers[a.ID] = p
	}
	return p
}

// bill builds one bill from its lines; nil and true in a dry run when its
// account is not yet there.
func (bl *billLoader) bill(group []*Record) (*kabinet.Bill, bool) {
	run, first := bl.run, group[0]
	a := bl.accounts[first.Get("account_id")]
	if a == nil {
		if run.im.pending["accounts"][first.Get("account_id")] {
			return nil, true
		}
		run.bad(first, "account_id", "нет такого лицевого счёта: %q", first.Get("account_id"))
		return nil, false
	}
	bill := &kabinet.Bill{AccountID: a.ID, Period: first.Period("period"), IssuedAt: first.Time("issued_at").UTC(),
		ExternalID: first.Get("bill_id"), Data: kabinet.BillData{AccountNumber: a.Display, Payer: bl.payer(a),
			Address: a.Address, Residents: a.Residents, Area: a.Area, Number: first.Get("number")}}
	var part *kabinet.BillProvider
	var partFirst *Record
	bl.sections = bl.sections[:0]
	for _, r := range group {
		for _, f := range []string{"account_id", "number", "period", "issued_at"} {
			if r.Get(f) != first.Get(f) {
				run.bad(r, f, "отличается от первой строки документа (строка %d)", first.Line)
				return nil, false
			}
		}
		if part == nil || r.Get("subaccount_id") != partFirst.Get("subaccount_id") {
			if part != nil && !bl.balances(partFirst, part) {
				return nil, false
			}
			if part, partFirst = bl.section(r, a), r; part == nil {
				return nil, false
			}
			bill.Data.Providers = append(bill.Data.Providers, kabinet.BillProvider{})
		} else if !sameSection(r, partFirst) {
			run.bad(r, "to_pay", "итоги раздела отличаются от строки %d", partFirst.Line)
			return nil, false
		}
		if r.Has("service") {
			part.Lines = append(part.Lines, billLine(r))
		}
		bill.Data.Providers[len(bill.Data.Providers)-1] = *part
	}
	if !bl.balances(partFirst, part) {
		return nil, false
	}
	for _, p := range bill.Data.Providers {
		bill.Data.Total += max(p.ToPay, 0)
	}
	return bill, true
}

func (bl *billLoader) section(r *Record, a *kabinet.Account) *kabinet.BillProvider {
	s := bl.subs[r.Get("subaccount_id")]
	if s == nil || s.AccountID != a.ID {
		bl.run.bad(r, "subaccount_id", "нет такого лицевого счёта у исполнителя при этом счёте: %q", r.Get("subaccount_id"))
		return nil
	}
	if slices.Contains(bl.sections, s.ID) {
		bl.run.bad(r, "subaccount_id", "раздел этого лицевого счёта у исполнителя уже был в документе: строки раздела должны идти подряд")
		return nil
	}
	bl.sections = append(bl.sections, s.ID)
	return &kabinet.BillProvider{Provider: *bl.providers[s.ProviderID], SubAccount: s.Number,
		OpeningBalance: r.Money("opening_balance"), Adjustments: r.Money("adjustments"), Penalties: r.Money("penalties"),
		Payments: r.Money("payments"), ToPay: r.Money("to_pay"), DueOn: r.Date("due_on")}
}

var sectionFields = []string{"opening_balance", "adjustments", "penalties", "payments", "to_pay", "due_on"}

func sameSection(r, first *Record) bool {
	for _, f := range sectionFields {
		if r.Get(f) != first.Get(f) {
			return false
		}
	}
	return true
}

func (bl *billLoader) balances(r *Record, p *kabinet.BillProvider) bool {
	var charged kabinet.Money
	for _, l := range p.Lines {
		charged += l.Amount
	}
	want := p.OpeningBalance + charged + p.Adjustments + p.Penalties - p.Payments
	if want != p.ToPay {
		bl.run.bad(r, "to_pay", "не сходится: сальдо %s + начислено %s + перерасчёты %s + пени %s − оплачено %s = %s",
			p.OpeningBalance.Plain(), charged.Plain(), p.Adjustments.Plain(), p.Penalties.Plain(), p.Payments.Plain(), want.Plain())
		return false
	}
	return true
}

func billLine(r *Record) kabinet.BillLine {
	return kabinet.BillLine{Service: kabinet.Service(r.Get("service")), MeterSerial: r.Get("meter_serial"), Zone: r.Get("zone"),
		Previous: r.Int("previous"), Current: r.Int("current"), Consumption: r.Int("consumption"), Unit: r.Get("unit"),
		TariffKopecks: r.Tariff("tariff"), Amount: r.Money("amount"), Basis: r.Get("basis")}
}
