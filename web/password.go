package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// PasswordPage is «Восстановление пароля» (AUTH-7): the request form, and
// after it the one answer every account number gets. With SMS chosen the
// answer carries the form for the code and the new password.
type PasswordPage struct {
	BasePage
	Account string
	By      string // "email" or "sms"
	// Sent shows the answer instead of the request form.
	Sent bool
	// Notice is why the request as a whole was refused (too many).
	Notice string
	Errors map[string]string
}

// BySMS reports whether the code goes by SMS.
func (p *PasswordPage) BySMS() bool { return p.By == string(kabinet.ConfirmBySMS) }

// AccountField is the account number of the request.
func (p *PasswordPage) AccountField() Field {
	return Field{ID: "account", Name: "account", Label: "Номер лицевого счета / договора", Type: "text",
		Value: p.Account, Hint: "Например, ИЭСБК0041300 — как в квитанции", Error: p.Errors["account"],
		Autocomplete: "username", Required: true}
}

// ByChoice is where the link or code goes.
func (p *PasswordPage) ByChoice() Choice {
	return choice("by", "Как получить ссылку или код", p.By, p.Errors["by"],
		Option{Value: "email", Label: "На электронную почту", Hint: "Ссылка для смены пароля придёт на адрес, указанный при регистрации."},
		Option{Value: "sms", Label: "По СМС", Hint: "Код придёт на номер телефона, указанный при регистрации."})
}

// CodeField is «Код из СМС».
func (p *PasswordPage) CodeField() Field {
	return Field{ID: "code", Name: "code", Label: "Код из СМС", Type: "text", Hint: "6 цифр",
		Error: p.Errors["code"], Autocomplete: "one-time-code", InputMode: "numeric", Required: true}
}

// PasswordField is the new password.
func (p *PasswordPage) PasswordField() Field { return newPasswordField(p.Errors["password"]) }

// ConfirmField repeats the new password.
func (p *PasswordPage) ConfirmField() Field { return confirmPasswordField(p.Errors["confirm"]) }

func (s *portalSite) passwordPage(r *http.Request) *PasswordPage {
	return &PasswordPage{BasePage: s.base(r, "Восстановление пароля"), By: string(kabinet.ConfirmByEmail)}
}

func (s *portalSite) handlePasswordShow(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "password", s.passwordPage(r))
}

// handlePasswordCreate sends a reset link or code. The answer is the same
// whether or not the account exists or is registered; only a malformed
// number and the rate limit are told.
func (s *portalSite) handlePasswordCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p := s.passwordPage(r)
	p.Account = strings.TrimSpace(r.PostForm.Get("account"))
	if r.PostForm.Get("by") == string(kabinet.ConfirmBySMS) {
		p.By = string(kabinet.ConfirmBySMS)
	}
	if p.Account == "" {
		p.Errors = map[string]string{"account": "Укажите номер лицевого счета или договора."}
		return s.render(w, http.StatusUnprocessableEntity, "password", p)
	}
	err := s.auth.ForgotPassword(r.Context(), p.Account, kabinet.ConfirmBy(p.By), s.client(r))
	if errs, ok := err.(auth.FormErrors); ok {
		p.Errors = errs
		return s.render(w, http.StatusUnprocessableEntity, "password", p)
	}
	if errors.Is(err, auth.ErrTooMany) {
		p.Notice = kabinet.ErrorMessage(err)
		return s.render(w, http.StatusTooManyRequests, "password", p)
	} else if err != nil {
		return err
	}
	p.Sent = true
	return s.render(w, http.StatusOK, "password", p)
}

// handlePasswordCode sets a new password with the SMS code and signs the
// customer in with a new session.
func (s *portalSite) handlePasswordCode(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	token, err := s.auth.ResetByCode(r.Context(), f.Get("account"), f.Get("code"), f.Get("password"), f.Get("confirm"), s.client(r))
	if errs, ok := err.(auth.FormErrors); ok {
		p := s.passwordPage(r)
		p.Account, p.By, p.Sent, p.Errors = strings.TrimSpace(f.Get("account")), string(kabinet.ConfirmBySMS), true, errs
		return s.render(w, http.StatusUnprocessableEntity, "password", p)
	} else if err != nil {
		return err
	}
	s.replaceSession(w, r, token)
	return s.redirect(w, r, "/", "password-changed")
}
