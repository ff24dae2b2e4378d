package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// RegisterPage is the registration form of a first visit (AUTH-3). A form
// sent back keeps everything typed except the passwords.
type RegisterPage struct {
	BasePage
	// Account is the number being registered, shown read-only.
	Account string
	Form    RegisterForm
	Errors  map[string]string
}

// RegisterForm is what the customer typed, without the passwords.
type RegisterForm struct {
	Surname, Email, Phone string
	By                    string // "email" or "sms"
	Consent               bool
}

func (s *portalSite) handleRegisterShow(w http.ResponseWriter, r *http.Request) error {
	v := visitor(r)
	if v == nil {
		return s.toSignIn(w, r)
	}
	if to := notRegistering(v); to != "" {
		return s.redirect(w, r, to, "")
	}
	form := RegisterForm{Phone: phoneOnFile(v.Account), By: string(kabinet.ConfirmByEmail)}
	return s.render(w, http.StatusOK, "register", s.registerPage(r, v, form, nil))
}

// handleRegisterCreate registers the account («Сохранить»). The new
// session cookie replaces the first visit's; the customer goes on to the
// page that says how to confirm.
func (s *portalSite) handleRegisterCreate(w http.ResponseWriter, r *http.Request) error {
	v := visitor(r)
	if v == nil {
		return s.toSignIn(w, r)
	}
	if to := notRegistering(v); to != "" {
		return s.redirect(w, r, to, "")
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	form := RegisterForm{Surname: strings.TrimSpace(f.Get("surname")), Email: strings.TrimSpace(f.Get("email")),
		Phone: strings.TrimSpace(f.Get("phone")), By: f.Get("by"), Consent: f.Get("consent") == "yes"}
	token, err := s.auth.Register(r.Context(), s.sessionToken(r), auth.Registration{
		Surname: form.Surname, Password: f.Get("password"), Confirm: f.Get("confirm"),
		Email: form.Email, Phone: form.Phone, By: kabinet.ConfirmBy(form.By), Consent: form.Consent,
	}, s.client(r))
	if errs, ok := err.(auth.FormErrors); ok {
		return s.render(w, http.StatusUnprocessableEntity, "register", s.registerPage(r, v, form, errs))
	}
	if errors.Is(err, auth.ErrNoSession) { // ended while the form was being sent
		s.endSession(w)
		return s.redirect(w, r, "/login", "session-ended")
	} else if err != nil {
		return err
	}
	s.startSession(w, token)
	return s.redirect(w, r, "/register/pending", "")
}

// notRegistering is where a signed-in visitor who has no registration
// form to fill belongs, "" for a first visit.
func notRegistering(v *auth.Visitor) string {
	if v.Session.Registering() {
		return ""
	}
	if to := unfinished(v); to != "" {
		return to
	}
	return "/"
}

func (s *portalSite) registerPage(r *http.Request, v *auth.Visitor, form RegisterForm, errs map[string]string) *RegisterPage {
	p := &RegisterPage{BasePage: s.base(r, "Регистрация в личном кабинете"), Account: v.Account.Display, Form: form, Errors: errs}
	p.Scripts = []string{"register.js"}
	return p
}

// phoneOnFile is the account's phone as the form shows it, "" if the
// supplier has none or a malformed one.
func phoneOnFile(a *kabinet.Account) string {
	p, err := kabinet.ParsePhone(a.Phone)
	if err != nil {
		return ""
	}
	return kabinet.FormatPhone(p)
}
