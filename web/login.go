package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// LoginPage is the sign-in form (AUTH-1). On the first visit the second
// field takes the owner's surname, later the password (AUTH-2, AUTH-6).
type LoginPage struct {
	BasePage
	Account string
	// Notice is why the attempt as a whole was refused. Every refusal that
	// could tell who has an account reads the same.
	Notice string
	Errors map[string]string
	// BusinessURL is where «Для юридических лиц» leads, "" for no choice.
	BusinessURL string
}

// AccountField is the account number field.
func (p *LoginPage) AccountField() Field {
	return Field{
		ID: "account", Name: "account", Label: "Номер лицевого счета / договора",
		Type: "text", Value: p.Account, Error: p.Errors["account"],
		Hint:         "Например, ИЭСБК0041300 — как в квитанции",
		Autocomplete: "username", Required: true,
	}
}

// SecretField is the surname-or-password field. Its value is never echoed.
func (p *LoginPage) SecretField() Field {
	return Field{
		ID: "secret", Name: "secret", Label: "Фамилия / пароль",
		Type: "password", Error: p.Errors["secret"],
		Hint:         "При первом входе — фамилия владельца счета, затем — ваш пароль",
		Autocomplete: "current-password", Required: true,
	}
}

// statusSignInRefused is the one status of every refused sign-in: a wrong
// number, surname or password, a lockout and a rate limit look alike.
const statusSignInRefused = http.StatusUnauthorized

func (s *portalSite) handleLoginShow(w http.ResponseWriter, r *http.Request) error {
	p := &LoginPage{BasePage: s.base(r, "Вход в личный кабинет"), BusinessURL: s.cfg.BusinessURL}
	return s.render(w, http.StatusOK, "login", p)
}

// handleLoginCreate signs the customer in with a password, or opens
// registration with the owner's surname on the first visit.
func (s *portalSite) handleLoginCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p := &LoginPage{
		BasePage:    s.base(r, "Вход в личный кабинет"),
		Account:     strings.TrimSpace(r.PostForm.Get("account")),
		Errors:      map[string]string{},
		BusinessURL: s.cfg.BusinessURL,
	}
	secret := r.PostForm.Get("secret")
	if p.Account == "" {
		p.Errors["account"] = "Укажите номер лицевого счета или договора."
	}
	if secret == "" {
		p.Errors["secret"] = "Укажите фамилию владельца счета или пароль."
	}
	if len(p.Errors) > 0 {
		return s.render(w, http.StatusUnprocessableEntity, "login", p)
	}
	in, err := s.auth.SignIn(r.Context(), p.Account, secret, s.client(r))
	s.logSignIn(r, err)
	switch {
	case errors.Is(err, auth.ErrSignIn) || errors.Is(err, auth.ErrLocked) || errors.Is(err, auth.ErrTooMany):
		p.Notice = kabinet.ErrorMessage(err)
		return s.render(w, statusSignInRefused, "login", p)
	case kabinet.ErrorCode(err) == kabinet.EINVALID:
		p.Errors["account"] = kabinet.ErrorMessage(err)
		return s.render(w, http.StatusUnprocessableEntity, "login", p)
	case err != nil:
		return err
	}
	s.replaceSession(w, r, in.Token)
	if in.Registering {
		return s.redirect(w, r, "/register", "")
	}
	return s.redirect(w, r, "/", "")
}

// replaceSession ends the session the browser held, if any, and starts the
// new one: signing in as someone else must not leave the old session alive.
func (s *portalSite) replaceSession(w http.ResponseWriter, r *http.Request, token string) {
	if old := s.sessionToken(r); old != "" && old != token {
		if err := s.auth.SignOut(r.Context(), old); err != nil {
			s.log.WarnContext(r.Context(), "end the previous session", "err", err)
		}
	}
	s.startSession(w, token)
}

// handleLogout ends the session («Выход») and says so on the sign-in page.
// «Отмена» of a registration form posts here too; that visitor never got
// into the cabinet, so there is nothing to say.
func (s *portalSite) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if token := s.sessionToken(r); token != "" {
		if err := s.auth.SignOut(r.Context(), token); err != nil {
			return err
		}
	}
	s.endSession(w)
	key := "signed-out"
	if v := visitor(r); v != nil && v.Session.Registering() {
		key = ""
	}
	return s.redirect(w, r, "/", key)
}
