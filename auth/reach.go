package auth

import (
	"context"
	"slices"

	"kabinet"
)

// Reach returns the account with the given ID if the visitor may see it:
// a confirmed customer who registered or linked it. Anybody else gets
// ENOTFOUND, the same answer as for an account that does not exist, so
// that account IDs cannot be probed.
func (s *Service) Reach(ctx context.Context, v *Visitor, accountID int64) (*kabinet.Account, error) {
	if _, err := s.userAccount(ctx, v, accountID); err != nil {
		return nil, err
	}
	if accountID == v.Account.ID {
		return v.Account, nil
	}
	return s.store.FindAccountByID(ctx, accountID)
}

var errNoAccount = kabinet.Errorf(kabinet.ENOTFOUND, "Страница не найдена")

// Enter is Reach for a page of the cabinet: besides the account it returns
// every account the visitor reaches, for the header's account switcher,
// from the same one query that decides.
func (s *Service) Enter(ctx context.Context, v *Visitor, accountID int64) (*kabinet.Account, []*kabinet.UserAccount, error) {
	uas, err := s.Accounts(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	if !slices.ContainsFunc(uas, func(ua *kabinet.UserAccount) bool { return ua.AccountID == accountID }) {
		return nil, nil, errNoAccount
	}
	if accountID == v.Account.ID {
		return v.Account, uas, nil
	}
	a, err := s.store.FindAccountByID(ctx, accountID)
	return a, uas, err
}
