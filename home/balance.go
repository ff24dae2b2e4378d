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
// provider order. The balance is the ledger's sum; the forecast reads the
// ledger as the month close does.
func (s *Service) Balances(ctx context.Context, a *kabinet.Account) ([]*ProviderBalance, error) {
	subs, providers, err := s.subAccounts(ctx, a)
	if err != nil {
		return nil, err
	}
	var bs []*ProviderBalance
	for _, sub := range subs {
		b, err := s.balance(ctx, sub)
		if err != nil {
			return nil, err
		}
		b.Provider = providerByID(providers, sub.ProviderID)
		bs = append(bs, b)
	}
	return bs, nil
}

func (s *Service) balance(ctx context.Context, sub *kabinet.SubAccount) (*ProviderBalance, error) {
	t, err := s.store.FindTotals(ctx, sub.ID)
	if err != nil {
		return nil, err
	}
	b := &ProviderBalance{SubAccount: sub, Balance: t.Balance()}
	if b.Balance.Debt <= 0 { // nothing owed, nothing to forecast
		return b, nil
	}
	entries, err := s.store.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Limit: ledgerLimit})
	if err != nil {
		return nil, err
	}
	b.Forecast, err = s.Penalties.ForecastLedger(entries, s.Due, s.Today())
	return b, err
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
