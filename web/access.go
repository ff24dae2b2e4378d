package web

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
)

// handleAccessApprove lets the person behind a request reach the account
// (DATA-3: the owner's consent to a link by surname).
func (s *portalSite) handleAccessApprove(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	id, err := pathID(r, "request")
	if err != nil {
		return err
	}
	if err := s.auth.Approve(r.Context(), v, a.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "profile"), "access-approved")
}

// handleAccessDecline refuses a request to reach the account.
func (s *portalSite) handleAccessDecline(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	id, err := pathID(r, "request")
	if err != nil {
		return err
	}
	if err := s.auth.Decline(r.Context(), v, a.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "profile"), "access-declined")
}

// handleAccessRevoke takes the account away from a person who linked it.
func (s *portalSite) handleAccessRevoke(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	id, err := pathID(r, "user")
	if err != nil {
		return err
	}
	if err := s.auth.Revoke(r.Context(), v, a.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "profile"), "access-revoked")
}
