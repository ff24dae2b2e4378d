package exchange

import (
	"context"
	"strings"

	"kabinet"
)

// The loaders of the kinds that describe things (providers, accounts,
// sub-accounts, meters): a record whose ID is new is inserted, one whose
// values differ from the stored row updates it, and an equal one changes
// nothing.

func parseServices(s string) ([]kabinet.Service, bool) {
	var out []kabinet.Service
	for _, p := range strings.Split(s, ",") {
		switch p = strings.TrimSpace(p); kabinet.Service(p) {
		case kabinet.ServiceElectricity, kabinet.ServiceHeat:
			out = append(out, kabinet.Service(p))
		case "":
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// count counts what a put did, under the kind's table.
func (run *fileRun) count(table, ext string, p kabinet.Put) {
	switch p {
	case kabinet.PutInserted:
		run.inserted(table, ext)
	case kabinet.PutUpdated:
		run.sum.Updated++
	}
}

func loadProviders(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "provider_id")
	all, err := run.im.Store.FindProviders(ctx)
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		services, ok := parseServices(r.Get("services"))
		if !ok {
			run.bad(r, "services", "не список услуг electricity, heat: %q", r.Get("services"))
			continue
		}
		p := &kabinet.Provider{Code: r.Get("code"), Name: r.Get("name"), INN: r.Get("inn"), KPP: r.Get("kpp"),
			BankName: r.Get("bank_name"), BIC: r.Get("bic"), CorrespAcc: r.Get("corresp_account"),
			PersonalAcc: r.Get("settlement_account"), Services: services, ExternalID: r.Get("provider_id")}
		// A provider Kabinet already has under the same code, not yet tied
		// to the billing system, is the same provider.
		var old *kabinet.Provider
		for _, q := range all {
			if q.ExternalID == p.ExternalID || q.ExternalID == "" && q.Code == p.Code {
				old = q
			}
		}
		run.count("providers", p.ExternalID, b.PutProvider(p, old))
	}
	return nil
}

func loadAccounts(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "account_id")
	old, err := run.im.Store.FindAccountsByExternalID(ctx, values(recs, "account_id"))
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		a, ok := run.account(r)
		if !ok {
			continue
		}
		o := old[a.ExternalID]
		if o != nil {
			a.ID, a.CreatedAt = o.ID, o.CreatedAt
			if !a.ClosedOn.IsZero() && !o.ClosedOn.IsZero() {
				a.ClosedOn = o.ClosedOn // still closed: keep the day it closed
			}
			if !a.ClosedOn.IsZero() && o.ClosedOn.IsZero() {
				run.closing = append(run.closing, a) // closes now: its customers are told
			}
		}
		run.count("accounts", a.ExternalID, b.PutAccount(a, o))
	}
	return nil
}

func (run *fileRun) account(r *Record) (*kabinet.Account, bool) {
	n, err := kabinet.ParseAccountNumber(r.Get("account_number"))
	if err != nil {
		run.bad(r, "account_number", "%s", kabinet.ErrorMessage(err))
		return nil, false
	}
	a := &kabinet.Account{Number: n, Display: r.Get("account_number"), Surname: r.Get("surname"), FirstName: r.Get("first_name"),
		Patronymic: r.Get("patronymic"), Address: r.Get("address"), District: r.Get("district"),
		Settlement: kabinet.Settlement(r.Get("settlement")), Housing: kabinet.Housing(r.Get("housing")),
		ElectricHeating: r.Bool("electric_heating"), Rooms: int(r.Int("rooms")), Area: r.Area("total_area"),
		Residents: int(r.Int("residents")), Phone: r.Get("phone"), Email: r.Get("email"),
		CreatedAt: run.im.now().UTC(), ExternalID: r.Get("account_id")}
	if a.Phone != "" {
		p, err := kabinet.ParsePhone(a.Phone)
		if err != nil {
			run.bad(r, "phone", "%s", kabinet.ErrorMessage(err))
			return nil, false
		}
		a.Phone = "+" + p // accounts keep +7XXXXXXXXXX
	}
	if r.Bool("closed") {
		a.ClosedOn = dateOnly(run.im.now())
	}
	if err := a.Validate(); err != nil {
		run.bad(r, "", "%s", kabinet.ErrorMessage(err))
		return nil, false
	}
	return a, true
}

func loadSubAccounts(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "subaccount_id")
	accounts, err := run.known(ctx, "accounts", recs, "account_id")
	if err != nil {
		return err
	}
	providers, err := run.known(ctx, "providers", recs, "provider_id")
	if err != nil {
		return err
	}
	old, err := run.im.Store.FindSubAccountsByExternalID(ctx, values(recs, "subaccount_id"))
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		acc, okA := accounts[r.Get("account_id")]
		prov, okP := providers[r.Get("provider_id")]
		services, okS := parseServices(r.Get("services"))
		switch {
		case !okA:
			run.bad(r, "account_id", "нет такого лицевого счёта: %q", r.Get("account_id"))
			continue
		case !okP:
			run.bad(r, "provider_id", "нет такого исполнителя: %q", r.Get("provider_id"))
			continue
		case !okS:
			run.bad(r, "services", "не список услуг electricity, heat: %q", r.Get("services"))
			continue
		}
		s := &kabinet.SubAccount{AccountID: acc, ProviderID: prov, Number: r.Get("number"), Services: services, ExternalID: r.Get("subaccount_id")}
		o := old[s.ExternalID]
		if o != nil {
			s.ID = o.ID
		}
		run.count("sub_accounts", s.ExternalID, b.PutSubAccount(s, o))
	}
	return nil
}

func loadMeters(ctx context.Context, run *fileRun, recs []*Record, b kabinet.Batch) error {
	run.unique(recs, "meter_id")
	subs, err := run.im.Store.FindSubAccountsByExternalID(ctx, values(recs, "subaccount_id"))
	if err != nil {
		return err
	}
	pending := run.im.pending["sub_accounts"]
	old, err := run.im.Store.FindMetersByExternalID(ctx, values(recs, "meter_id"))
	if err != nil {
		return err
	}
	for _, r := range run.good(recs) {
		sub := subs[r.Get("subaccount_id")]
		if sub == nil && !pending[r.Get("subaccount_id")] {
			run.bad(r, "subaccount_id", "нет такого лицевого счёта у исполнителя: %q", r.Get("subaccount_id"))
			continue
		}
		if sub == nil {
			sub = &kabinet.SubAccount{}
		}
		m := &kabinet.Meter{AccountID: sub.AccountID, SubAccountID: sub.ID, Service: kabinet.Service(r.Get("service")),
			Model: r.Get("model"), Serial: r.Get("serial"), Zoning: kabinet.Zoning(r.Int("zones")), Digits: int(r.Int("digits")),
			Decimals: int(r.Int("decimals")), AccuracyClass: r.Get("accuracy_class"), Ratio: int(r.Int("ratio")),
			Phases: int(r.Int("phases")), InstalledOn: r.Date("installed_on"), VerifiedOn: r.Date("verified_on"),
			NextVerifiedOn: r.Date("next_verified_on"), Removed: r.Get("state") == "removed", ExternalID: r.Get("meter_id")}
		if m.Ratio == 0 {
			m.Ratio = 1
		}
		if m.Digits < 1 || m.Digits > 12 {
			run.bad(r, "digits", "разрядность от 1 до 12")
			continue
		}
		o := old[m.ExternalID]
		if o != nil {
			m.ID = o.ID
		}
		run.count("meters", m.ExternalID, b.PutMeter(m, o))
	}
	return nil
}
