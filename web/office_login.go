package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/office"
)

// OfficeLoginPage is the operator's sign-in: login, password and the code
// of their authenticator app, in one form, so a refusal cannot tell which
// of the three was wrong.
type OfficeLoginPage struct {
	BasePage
	Login  string
	Notice string
	Errors map[string]string
}

// LoginField is the operator's login.
func (p *OfficeLoginPage) LoginField() Field {
	return Field{ID: "login", Name: "login", Label: "Логин", Type: "text", Value: p.Login, Error: p.Errors["login"],
		Autocomplete: "username", Required: true}
}

// PasswordField is the password; never echoed.
func (p *OfficeLoginPage) PasswordField() Field {
	return Field{ID: "password", Name: "password", Label: "Пароль", Type: "password", Error: p.Errors["password"],
		Autocomplete: "current-password", Required: true}
}

// CodeField is the TOTP code; never echoed.
func (p *OfficeLoginPage) CodeField() Field {
	return Field{ID: "code", Name: "code", Label: "Код подтверждения", Type: "text", Error: p.Errors["code"],
		Hint: "Шесть цифр из приложения-аутентификатора", Autocomplete: "one-time-code", InputMode: "numeric", Required: true}
}

func (s *officeSite) handleOfficeLoginShow(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "office_login", &OfficeLoginPage{BasePage: s.base(r, "Вход для операторов")})
}

// handleOfficeLoginCreate signs an operator in. Every refusal — a wrong
// login, password or code, a code used already, a lockout, a limit — is
// the same page with the same status.
func (s *officeSite) handleOfficeLoginCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	p := &OfficeLoginPage{BasePage: s.base(r, "Вход для операторов"), Login: strings.TrimSpace(f.Get("login")), Errors: map[string]string{}}
	for name, msg := range map[string]string{"login": "Укажите логин.", "password": "Укажите пароль.",
		"code": "Укажите код из приложения-аутентификатора."} {
		if strings.TrimSpace(f.Get(name)) == "" {
			p.Errors[name] = msg
		}
	}
	if len(p.Errors) > 0 {
		return s.render(w, http.StatusUnprocessableEntity, "office_login", p)
	}
	token, o, err := s.office.SignIn(r.Context(), p.Login, f.Get("password"), f.Get("code"), s.officeClient(r))
	s.logSignIn(r, err)
	switch {
	case errors.Is(err, office.ErrSignIn) || errors.Is(err, office.ErrLocked) || errors.Is(err, office.ErrTooMany):
		p.Notice = kabinet.ErrorMessage(err)
		return s.render(w, statusSignInRefused, "office_login", p)
	case err != nil:
		return err
	}
	if old := officeToken(r); old != "" {
		if err := s.office.SignOut(r.Context(), old); err != nil {
			s.log.WarnContext(r.Context(), "end the previous operator session", "err", err)
		}
	}
	http.SetCookie(w, s.operatorCookie(token, 0))
	if o.MustChangePassword {
		return s.redirect(w, r, "/office/password", "")
	}
	return s.redirect(w, r, "/office/accounts", "")
}

// handleOfficeLogout ends the operator's session.
func (s *officeSite) handleOfficeLogout(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	if err := s.office.SignOut(r.Context(), officeToken(r)); err != nil {
		return err
	}
	http.SetCookie(w, s.operatorCookie("", -1))
	return s.redirect(w, r, "/office/", "office-signed-out")
}

// OfficePasswordPage changes the operator's own password; after a
// one-time password, before anything else.
type OfficePasswordPage struct {
	BasePage
	Forced bool
	Errors map[string]string
}

// PasswordField is the new password.
func (p *OfficePasswordPage) PasswordField() Field {
	return Field{ID: "password", Name: "password", Label: "Новый пароль", Type: "password", Error: p.Errors["password"],
		Hint: "Не короче 8 символов", Autocomplete: "new-password", Required: true}
}

// ConfirmField repeats it.
func (p *OfficePasswordPage) ConfirmField() Field {
	return Field{ID: "confirm", Name: "confirm", Label: "Подтверждение пароля", Type: "password", Error: p.Errors["confirm"],
		Autocomplete: "new-password", Required: true}
}

func (s *officeSite) handleOfficePasswordShow(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	p := &OfficePasswordPage{BasePage: s.base(r, "Смена пароля"), Forced: o.MustChangePassword}
	return s.render(w, http.StatusOK, "office_password", p)
}

func (s *officeSite) handleOfficePasswordUpdate(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.office.ChangePassword(r.Context(), o, r.PostForm.Get("password"), r.PostForm.Get("confirm"))
	if errs, ok := err.(auth.FormErrors); ok {
		p := &OfficePasswordPage{BasePage: s.base(r, "Смена пароля"), Forced: o.MustChangePassword, Errors: errs}
		return s.render(w, http.StatusUnprocessableEntity, "office_password", p)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, "/office/accounts", "office-password")
}
