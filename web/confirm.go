package web

import (
	"errors"
	"net/http"

	"kabinet/auth"
)

// LinkPage answers a link from a letter that could not be followed: it
// ran out of time or was used or never existed. Expired tells the two
// apart, since what to do next differs.
type LinkPage struct {
	BasePage
	Expired bool
	// Reset marks a password reset link; otherwise it is a registration
	// link. Each starts over in its own place.
	Reset bool
	// Contact marks a link confirming a new sign-in e-mail.
	Contact bool
}

// ConfirmedPage is «Подтверждение»: the e-mail link worked.
type ConfirmedPage struct{ BasePage }

// handleConfirmEmail follows the registration link (AUTH-4).
func (s *portalSite) handleConfirmEmail(w http.ResponseWriter, r *http.Request) error {
	err := s.auth.ConfirmEmail(r.Context(), r.URL.Query().Get("token"))
	if err == nil {
		return s.render(w, http.StatusOK, "confirmed", &ConfirmedPage{BasePage: s.base(r, "Подтверждение")})
	}
	return s.linkFailed(w, r, err, &LinkPage{BasePage: s.base(r, "Подтверждение регистрации")})
}

// linkFailed renders the page for a refused link, or returns any other
// error.
func (s *portalSite) linkFailed(w http.ResponseWriter, r *http.Request, err error, p *LinkPage) error {
	switch {
	case errors.Is(err, auth.ErrLinkExpired):
		p.Expired = true
		return s.render(w, http.StatusGone, "link", p)
	case errors.Is(err, auth.ErrLinkInvalid):
		return s.render(w, http.StatusNotFound, "link", p)
	}
	return err
}
