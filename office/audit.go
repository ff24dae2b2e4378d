package office

import (
	"context"

	"kabinet"
)

// AuditQuery selects entries of the audit log. Account is a number as
// typed; "" does not filter.
type AuditQuery struct {
	Filter  kabinet.AuditFilter
	Account string
}

// Audit returns the audit log's entries the query selects, newest first.
// Admins only.
func (s *Service) Audit(ctx context.Context, o *kabinet.Operator, q AuditQuery) ([]*kabinet.AuditEntry, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	f := q.Filter
	if q.Account != "" {
		n, err := kabinet.ParseAccountNumber(q.Account)
		if err != nil {
			return nil, err
		}
		a, err := s.store.FindAccountByNumber(ctx, n)
		if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		f.AccountID = a.ID
	}
	return s.store.FindAuditEntries(ctx, f)
}

// Operators lists the operators, for the audit log's filter. Admins only.
func (s *Service) Operators(ctx context.Context, o *kabinet.Operator) ([]*kabinet.Operator, error) {
	if !o.IsAdmin() {
		return nil, ErrAdminOnly
	}
	return s.store.FindOperators(ctx)
}
