package web

import (
	"net/http"

	"kabinet/auth"
)

// ResetPage is the form for a new password reached by the link from the
// reset letter. The link's token rides along in a hidden field.
type ResetPage struct {
	BasePage
	Token  string
	Errors map[string]string
}

// PasswordField is the new password.
func (p *ResetPage) PasswordField() Field { return newPasswordField(p.Errors["password"]) }

// ConfirmField repeats the new password.
func (p *ResetPage) ConfirmField() Field { return confirmPasswordField(p.Errors["confirm"]) }

// handleResetShow checks the reset link before asking for a password, so
// an expired link says so before the customer types anything.
func (s *portalSite) handleResetShow(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if err := s.auth.CheckResetLink(r.Context(), token); err != nil {
		return s.resetLinkFailed(w, r, err)
	}
	p := &ResetPage{BasePage: s.base(r, "Новый пароль"), Token: token}
	return s.render(w, http.StatusOK, "reset", p)
}

// handleResetCreate sets the new password, ends the user's other sessions
// and signs the customer in with a new one.
func (s *portalSite) handleResetCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	token, err := s.auth.ResetByLink(r.Context(), f.Get("token"), f.Get("password"), f.Get("confirm"), s.client(r))
	if errs, ok := err.(auth.FormErrors); ok {
		p := &ResetPage{BasePage: s.base(r, "Новый пароль"), Token: f.Get("token"), Errors: errs}
		return s.render(w, http.StatusUnprocessableEntity, "reset", p)
	} else if err != nil {
		return s.resetLinkFailed(w, r, err)
	}
	s.replaceSession(w, r, token)
	return s.redirect(w, r, "/", "password-changed")
}

func (s *portalSite) resetLinkFailed(w http.ResponseWriter, r *http.Request, err error) error {
	return s.linkFailed(w, r, err, &LinkPage{BasePage: s.base(r, "Восстановление пароля"), Reset: true})
}
