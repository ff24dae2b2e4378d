package home

import (
	"context"

	"kabinet"
	"kabinet/billing"
)

// ProviderBalance is one provider's line of «Главная» (HOME-1): the
// sub-account, the debt or overpayment with its penalties, and the
// forecast of what to pay by when to avoid new penalties.
type ProviderBalance struct {
	Provider   *kabinet.Provider
	SubAccount *kabinet.SubAccount
	Balance    kabinet.Balance
	Forecast   billing.Forecast
}

// Balances returns the balance of each of the account's sub-accounts, in
// provider order: the kept balance (the ledger's sums, kept with every
// entry) and the forecast from the kept unpaid principals, read with the
// providers in one query whatever the length of the history. Principals a
// bulk load left stale are read from the ledger, as the month close reads
// them.
func (s *Service) Balances(ctx context.Context, a *kabinet.Account) ([]*ProviderBalance, error) {
	kept, err := s.store.FindBalances(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	dues, err := s.Due.For(ctx, owing(kept))
	if err != nil {
		return nil, err
	}
	return s.balances(ctx, kept, dues)
}

// owing are the sub-accounts in debt: nothing owed, nothing to forecast.
func owing(kept []*kabinet.SubBalance) []int64 {
	var ids []int64
	for _, k := range kept {
		if k.Totals.Balance().Debt > 0 {
			ids = append(ids, k.SubAccount.ID)
		}
	}
	return ids
}

// balances are the kept balances with the forecasts of those in debt by
// their due dates.
func (s *Service) balances(ctx context.Context, kept []*kabinet.SubBalance, dues map[int64]billing.Due) ([]*ProviderBalance, error) {
	bs := make([]*ProviderBalance, 0, len(kept))
	for _, k := range kept {
		b := &ProviderBalance{SubAccount: k.SubAccount, Balance: k.Totals.Balance(), Provider: k.Provider}
		if due, ok := dues[k.SubAccount.ID]; ok {
			var err error
			if b.Forecast, err = s.forecast(ctx, k, due); err != nil {
				return nil, err
			}
		}
		bs = append(bs, b)
	}
	return bs, nil
}

// forecast is the sub-account's penalty forecast by its own due dates
// (what its imported bills printed, else the rules).
func (s *Service) forecast(ctx context.Context, k *kabinet.SubBalance, due billing.Due) (billing.Forecast, error) {
	if k.Current {
		return s.Penalties.ForecastDebts(k.Debts, due, s.Today())
	}
	entries, err := s.store.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: k.SubAccount.ID, Limit: ledgerLimit})
	if err != nil {
		return billing.Forecast{}, err
	}
	return s.Penalties.ForecastLedger(entries, due, s.Today())
}

// ledgerLimit bounds the entries a forecast reads: some 80 years of a
// sub-account's months, far more than any unpaid history.
const ledgerLimit = 4000

// subAccounts returns the account's sub-accounts and the providers they
// name.
func (s *Service) subAccounts(ctx context.Context, a *kabinet.Account) ([]*kabinet.SubAccount, []*kabinet.Provider, error) {
	subs, err := s.store.FindSubAccounts(ctx, a.ID)
	if err != nil {
		return nil, nil, err
	}
	providers, err := s.store.FindProviders(ctx)
	return subs, providers, err
}

func providerByID(ps []*kabinet.Provider, id int64) *kabinet.Provider {
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	return &kabinet.Provider{ID: id, Name: "Исполнитель"}
}

// ProviderPayments is one provider's «История оплат» (PAY-4).
type ProviderPayments struct {
	Provider   *kabinet.Provider
	SubAccount *kabinet.SubAccount
	// Payments are newest first; Amount is negative, as in the ledger.
	Payments []*kabinet.LedgerEntry
}

// Payments returns the payments to the account's providers, newest first:
// to the provider with ID providerID only, or to every provider when it
// is 0. A provider the account has no sub-account with is ENOTFOUND.
func (s *Service) Payments(ctx context.Context, a *kabinet.Account, providerID int64) ([]*ProviderPayments, error) {
	subs, providers, err := s.subAccounts(ctx, a)
	if err != nil {
		return nil, err
	}
	var out []*ProviderPayments
	for _, sub := range subs {
		if providerID != 0 && sub.ProviderID != providerID {
			continue
		}
		pays, err := s.store.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Kind: kabinet.EntryPayment, Limit: ledgerLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, &ProviderPayments{Provider: providerByID(providers, sub.ProviderID), SubAccount: sub, Payments: pays})
	}
	if len(out) == 0 && providerID != 0 {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "У этого лицевого счета нет такого исполнителя")
	}
	return out, nil
}
