package billrun

import (
	"context"
	"strings"
	"time"

	"kabinet"
	"kabinet/billing"
)

// StatementStore is what a statement reads.
type StatementStore interface {
	FindSubAccounts(ctx context.Context, accountID int64) ([]*kabinet.SubAccount, error)
	FindProviders(ctx context.Context) ([]*kabinet.Provider, error)
	FindLedgerEntries(ctx context.Context, f kabinet.LedgerFilter) ([]*kabinet.LedgerEntry, error)
}

// StatementFor names a statement: an account, whom with, and the days.
// Of is a service (kabinet.Service, or its title as the form shows it):
// the sub-account that supplies it, its charges and the payments and
// penalties that name no service; or a provider's code: every service of
// that provider.
type StatementFor struct {
	Account  *kabinet.Account
	Of       string
	From, To time.Time
	// Due dates the months' bills, as «Главная» and the reminders do;
	// nil reads the rules alone.
	Due *billing.DueSource
}

// StatementOf builds the statement f names from the ledger, with the
// account's owner and address as the payer; the caller sets IssuedAt.
func StatementOf(ctx context.Context, st StatementStore, f StatementFor) (*kabinet.Statement, error) {
	subs, err := st.FindSubAccounts(ctx, f.Account.ID)
	if err != nil {
		return nil, err
	}
	providers, err := st.FindProviders(ctx)
	if err != nil {
		return nil, err
	}
	sub, pr, svc := pick(subs, providers, f.Of)
	if sub == nil {
		return nil, kabinet.Errorf(kabinet.ENOTFOUND, "По лицевому счету %s нет услуги или поставщика «%s»", f.Account.Display, f.Of)
	}
	all, err := st.FindLedgerEntries(ctx, kabinet.LedgerFilter{SubAccountID: sub.ID, Limit: 1 << 20})
	if err != nil {
		return nil, err
	}
	var entries []*kabinet.LedgerEntry
	for _, e := range all {
		if svc == "" || e.Service == svc || e.Service == "" {
			entries = append(entries, e)
		}
	}
	s := Statement(entries, f.From, f.To)
	if err := dateMonths(ctx, s, sub.ID, f.Due); err != nil {
		return nil, err
	}
	s.AccountNumber, s.Payer, s.Address = f.Account.Display, f.Account.FullName(), f.Account.Address
	s.Provider, s.SubAccount, s.Service = *pr, sub.Number, svc
	return s, nil
}

// pick finds the sub-account of what names: a service (then svc is it) or
// a provider's code (svc is "").
func pick(subs []*kabinet.SubAccount, providers []*kabinet.Provider, what string) (*kabinet.SubAccount, *kabinet.Provider, kabinet.Service) {
	what = strings.TrimSpace(what)
	for _, sub := range subs {
		pr := providerByID(providers, sub.ProviderID)
		for _, svc := range sub.Services {
			if what == string(svc) || strings.EqualFold(what, svc.Title()) {
				return sub, pr, svc
			}
		}
		if pr.Code != "" && strings.EqualFold(what, pr.Code) {
			return sub, pr, ""
		}
	}
	return nil, nil, ""
}

// dateMonths sets the due date of each month that charged something: the
// date its bill printed when the supplier's billing sent it, else the
// rules' date.
func dateMonths(ctx context.Context, s *kabinet.Statement, subID int64, src *billing.DueSource) error {
	if src == nil {
		src = billing.NewDueSource(nil)
	}
	due, err := src.For(ctx, []int64{subID})
	if err != nil {
		return err
	}
	for i := range s.Months {
		if m := &s.Months[i]; m.Charged != 0 {
			m.Due = due[subID].DueDate(m.Period)
		}
	}
	return nil
}
