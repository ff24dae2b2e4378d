package web

import (
	"net/http"
	"strings"

	"kabinet"
)

// LoginPage is the sign-in form (AUTH-1). On the first visit the second
// field takes the owner's surname, later the password (AUTH-2, AUTH-6).
type LoginPage struct {
	BasePage
	Account string
	// Notice is a message beside the form about the attempt as a whole.
	Notice string
	Errors map[string]string
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

func (s *Server) handleLoginShow(w http.ResponseWriter, r *http.Request) error {
	p := &LoginPage{BasePage: s.base(r, "Вход в личный кабинет")}
	return s.render(w, http.StatusOK, "login", p)
}

// handleLoginCreate will sign the customer in. Until sessions exist it
// checks the form, keeps the typed number and says honestly that sign-in
// is not there yet: never a dead end.
func (s *Server) handleLoginCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p := &LoginPage{
		BasePage: s.base(r, "Вход в личный кабинет"),
		Account:  strings.TrimSpace(r.PostForm.Get("account")),
		Errors:   map[string]string{},
	}
	if p.Account == "" {
		p.Errors["account"] = "Укажите номер лицевого счета или договора."
	} else if _, err := kabinet.ParseAccountNumber(p.Account); err != nil {
		p.Errors["account"] = kabinet.ErrorMessage(err)
	}
	if r.PostForm.Get("secret") == "" {
		p.Errors["secret"] = "Укажите фамилию владельца счета или пароль."
	}
	if len(p.Errors) > 0 {
		return s.render(w, http.StatusUnprocessableEntity, "login", p)
	}
	p.Notice = "Вход в кабинет появится в следующей версии портала."
	return s.render(w, http.StatusOK, "login", p)
}
