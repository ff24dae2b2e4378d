package auth

import (
	"context"

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
