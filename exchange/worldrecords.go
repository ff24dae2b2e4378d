package exchange

import (
	"context"
	"strings"

	"kabinet"
)

func joinServices(ss []kabinet.Service) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ",")
}

func providerRecord(p *kabinet.Provider) *Record {
	r := KindProviders.NewRecord()
	r.Set("provider_id", extOr(p.ExternalID, "P", p.ID))
	r.Set("code", p.Code)
	r.Set("name", p.Name)
	r.Set("inn", p.INN)
	r.Set("kpp", p.KPP)
	r.Set("bank_name", p.BankName)
	r.Set("bic", p.BIC)
	r.Set("corresp_account", p.CorrespAcc)
	r.Set("settlement_account", p.PersonalAcc)
	r.Set("services", joinServices(p.Services))
	return r
}

func accountRecord(a *kabinet.Account) *Record {
	r := KindAccounts.NewRecord()
	r.Set("account_id", extOr(a.ExternalID, "A", a.ID))
	r.Set("account_number", a.Display)
	r.Set("surname", a.Surname)
	r.Set("first_name", a.FirstName)
	r.Set("patronymic", a.Patronymic)
	r.Set("address", a.Address)
	r.Set("district", a.District)
	r.Set("settlement", string(a.Settlement))
	r.Set("housing", string(a.Housing))
	r.SetInt("rooms", int64(a.Rooms))
	r.SetArea("total_area", a.Area)
	r.SetInt("residents", int64(a.Residents))
	r.SetBool("electric_heating", a.ElectricHeating)
	r.Set("phone", a.Phone)
	r.Set("email", a.Email)
	if !a.ClosedOn.IsZero() {
		r.SetBool("closed", true)
	}
	return r
}

func (w *worldWriter) subAccountRecord(a *kabinet.Account, s *kabinet.SubAccount) *Record {
	r := KindSubAccounts.NewRecord()
	r.Set("subaccount_id", w.subExt[s.ID])
	r.Set("account_id", extOr(a.ExternalID, "A", a.ID))
	p := w.providers[s.ProviderID]
	r.Set("provider_id", extOr(p.ExternalID, "P", p.ID))
	r.Set("number", s.Number)
	r.Set("services", joinServices(s.Services))
	return r
}

func (w *worldWriter) meterRecord(m *kabinet.Meter) *Record {
	r := KindMeters.NewRecord()
	r.Set("meter_id", extOr(m.ExternalID, "M", m.ID))
	r.Set("subaccount_id", w.subExt[m.SubAccountID])
	r.Set("service", string(m.Service))
	r.Set("model", m.Model)
	r.Set("serial", m.Serial)
	r.SetInt("zones", int64(m.Zoning))
	r.SetInt("digits", int64(m.Digits))
	r.SetInt("decimals", int64(m.Decimals))
	r.Set("accuracy_class", m.AccuracyClass)
	r.SetInt("ratio", int64(m.Ratio))
	r.SetInt("phases", int64(m.Phases))
	for f, d := range map[string]kabinet.Meter{"installed_on": {InstalledOn: m.InstalledOn}, "verified_on": {InstalledOn: m.VerifiedOn},
		"next_verified_on": {InstalledOn: m.NextVerifiedOn}} {
		if d.InstalledOn.Year() > 1 {
			r.SetDate(f, d.InstalledOn)
		}
	}
	if m.Removed {
		r.Set("state", "removed")
	}
	return r
}

func (w *worldWriter) readings(ctx context.Context, src WorldSource, meterIDs []int64, meterExt map[int64]string) error {
	rs, err := src.FindReadingsOf(ctx, meterIDs)
	if err != nil {
		return err
	}
	r := KindReadings.NewRecord()
	for _, rd := range rs {
		r.Reset()
		r.Set("reading_id", extOr(rd.ExternalID, "R", rd.ID))
		r.Set("meter_id", meterExt[rd.MeterID])
		r.SetDate("taken_on", rd.TakenOn)
		r.SetPeriod("period", rd.Period)
		for i, v := range rd.Values {
			r.SetInt("value_"+zoneFields[i], v)
			r.SetInt("consumption_"+zoneFields[i], rd.Consumption[i])
		}
		r.Set("source", string(rd.Source))
		r.Set("status", string(rd.Status))
		if err := w.write(KindReadings, r); err != nil {
			return err
		}
	}
	return nil
}

func (w *worldWriter) ledger(ctx context.Context, src WorldSource, subIDs []int64) error {
	es, err := src.FindLedgerOf(ctx, subIDs)
	if err != nil {
		return err
	}
	r := KindLedger.NewRecord()
	for _, e := range es {
		r.Reset()
		r.Set("entry_id", extOr(e.ExternalID, "L", e.ID))
		r.Set("subaccount_id", w.subExt[e.SubAccountID])
		r.SetPeriod("period", e.Period)
		r.Set("kind", string(e.Kind))
		r.Set("service", string(e.Service))
		amount := e.Amount
		if e.Kind == kabinet.EntryPayment {
			amount = -amount
		}
		r.SetMoney("amount", amount)
		r.SetDate("posted_on", e.PostedOn)
		r.Set("channel", string(e.Channel))
		r.Set("note", e.Note)
		if err := w.write(KindLedger, r); err != nil {
			return err
		}
	}
	return nil
}

func (w *worldWriter) bills(ctx context.Context, src WorldSource, from, to int64, accounts []*kabinet.Account, data *kabinet.AccountData) error {
	bs, err := src.FindBillsOf(ctx, from, to)
	if err != nil {
		return err
	}
	byID := map[int64]*kabinet.Account{}
	for _, a := range accounts {
		byID[a.ID] = a
	}
	r := KindBills.NewRecord()
	for _, b := range bs {
		a := byID[b.AccountID]
		for _, p := range b.Data.Providers {
			var sub *kabinet.SubAccount
			for _, s := range data.SubAccounts[a.ID] {
				if s.ProviderID == p.Provider.ID {
					sub = s
				}
			}
			r.Reset()
			r.Set("bill_id", extOr(b.ExternalID, "B", b.ID))
			r.Set("account_id", extOr(a.ExternalID, "A", a.ID))
			r.Set("number", b.Number())
			r.SetPeriod("period", b.Period)
			r.SetTime("issued_at", b.IssuedAt)
			r.Set("subaccount_id", w.subExt[sub.ID])
			r.SetMoney("opening_balance", p.OpeningBalance)
			r.SetMoney("adjustments", p.Adjustments)
			r.SetMoney("penalties", p.Penalties)
			r.SetMoney("payments", p.Payments)
			r.SetMoney("to_pay", p.ToPay)
			r.SetDate("due_on", p.DueOn)
			if len(p.Lines) == 0 {
				if err := w.write(KindBills, r); err != nil {
					return err
				}
			}
			for _, l := range p.Lines {
				r.Set("service", string(l.Service))
				r.Set("meter_serial", l.MeterSerial)
				r.Set("zone", l.Zone)
				r.SetInt("previous", l.Previous)
				r.SetInt("current", l.Current)
				r.SetInt("consumption", l.Consumption)
				r.Set("unit", l.Unit)
				r.SetTariff("tariff", l.TariffKopecks)
				r.SetMoney("amount", l.Amount)
				r.Set("basis", l.Basis)
				if err := w.write(KindBills, r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
