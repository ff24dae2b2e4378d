package exchange

import (
	"context"
	"reflect"
	"strings"

	"kabinet"
	"kabinet/sqlstore"
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

// put adds an insert of row, or an update of the stored row old when it
// differs, to b. cols and rows are a ...Columns list and row without "id";
// skip names the columns an update leaves alone (creation times).
func (run *fileRun) put(b *sqlstore.Batch, table string, id int64, exists bool, cols []string, row, old []any, ext string, skip ...string) {
	if !exists {
		run.inserted(table, ext)
		b.Add(table, cols, row...)
		return
	}
	var uc []string
	var uv []any
	for i, c := range cols {
		if !contains(skip, c) {
			uc, uv = append(uc, c), append(uv, row[i])
			if !reflect.DeepEqual(row[i], old[i]) {
				exists = false // changed
			}
		}
	}
	if !exists {
		run.sum.Updated++
		sqlstore.UpdateRow(b, table, id, uc, uv)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func loadProviders(ctx context.Context, run *fileRun, recs []*Record, b *sqlstore.Batch) error {
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
		var oldRow []any
		if old != nil {
			oldRow = sqlstore.ProviderRow(old)
		}
		run.put(b, "providers", idOf(old), old != nil, sqlstore.ProviderColumns, sqlstore.ProviderRow(p), oldRow, p.ExternalID)
	}
	return nil
}

func idOf(p *kabinet.Provider) int64 {
	if p == nil {
		return 0
	}
	return p.ID
}

func loadAccounts(ctx context.Context, run *fileRun, recs []*Record, b *sqlstore.Batch) error {
	run.unique(recs, "account_id")
	old, err := run.im.Store.FindAccountsByExternalID(ctx, values(recs, "account_id"))
	if err != nil {
		return err
	}
	cols := sqlstore.AccountColumns[1:]
	for _, r := range run.good(recs) {
		a, ok := run.account(r)
		if !ok {
			continue
		}
		o := old[a.ExternalID]
		var oldRow []any
		if o != nil {
			a.ID, a.CreatedAt = o.ID, o.CreatedAt
			if !a.ClosedOn.IsZero() && !o.ClosedOn.IsZero() {
				a.ClosedOn = o.ClosedOn // still closed: keep the day it closed
			}
			oldRow = sqlstore.AccountRow(o)[1:]
		}
		run.put(b, "accounts", a.ID, o != nil, cols, sqlstore.AccountRow(a)[1:], oldRow, a.ExternalID, "created_at")
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

func loadSubAccounts(ctx context.Context, run *fileRun, recs []*Record, b *sqlstore.Batch) error {
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
	cols := sqlstore.SubAccountColumns[1:]
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
		var oldRow []any
		if o != nil {
			s.ID, oldRow = o.ID, sqlstore.SubAccountRow(o)[1:]
		}
		run.put(b, "sub_accounts", s.ID, o != nil, cols, sqlstore.SubAccountRow(s)[1:], oldRow, s.ExternalID)
	}
	return nil
}

func loadMeters(ctx context.Context, run *fileRun, recs []*Record, b *sqlstore.Batch) error {
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
	cols := sqlstore.MeterColumns[1:]
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
		var oldRow []any
		if o != nil {
			m.ID, oldRow = o.ID, sqlstore.MeterRow(o)[1:]
		}
		run.put(b, "meters", m.ID, o != nil, cols, sqlstore.MeterRow(m)[1:], oldRow, m.ExternalID)
	}
	return nil
}
