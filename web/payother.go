package web

import (
	"errors"
	"net/http"
	"strings"

	"kabinet"
	"kabinet/auth"
)

// PayOtherPage is «Оплата другого лицевого счета» (PAY-3): the number and
// the owner's surname, then «Далее». Anyone may use it, signed in or not.
type PayOtherPage struct {
	BasePage
	Account, Surname string
	Notice           string
	Errors           map[string]string
}

// AccountField is the account number field.
func (p *PayOtherPage) AccountField() Field {
	return Field{ID: "account", Name: "account", Label: "Лицевой счет", Type: "text", Value: p.Account,
		Error: p.Errors["account"], Hint: "Номер из квитанции, например ИЭСБК0041300", Required: true}
}

// SurnameField is the owner's surname field.
func (p *PayOtherPage) SurnameField() Field {
	return Field{ID: "surname", Name: "surname", Label: "Фамилия", Type: "text", Value: p.Surname,
		Error: p.Errors["surname"], Hint: "Фамилия владельца лицевого счета", Required: true}
}

func (s *portalSite) handlePayOtherShow(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "payother", &PayOtherPage{BasePage: s.base(r, "Оплата другого лицевого счета")})
}

// handlePayOtherCreate checks the number and surname and shows what the
// account owes, with the payee masked. Every refusal that could tell
// whether an account exists reads the same and has the same status.
func (s *portalSite) handlePayOtherCreate(w http.ResponseWriter, r *http.Request) error {
	a, p, err := s.payee(w, r)
	if p != nil || err != nil {
		return err
	}
	pay, err := s.payPage(r, a, "/pay/order", nil)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "pay", otherPayPage(pay, a, r))
}

// handlePayOtherOrder takes the amounts for another account. The number
// and surname come again with the form and are checked again: the page
// keeps no state between the steps.
func (s *portalSite) handlePayOtherOrder(w http.ResponseWriter, r *http.Request) error {
	a, p, err := s.payee(w, r)
	if p != nil || err != nil {
		return err
	}
	return s.pay(w, r, a, "/pay/order", func(pay *PayPage) { otherPayPage(pay, a, r) })
}

// payee finds the account the form names. When it cannot, it renders the
// first step again with the reason and returns its page.
func (s *portalSite) payee(w http.ResponseWriter, r *http.Request) (*kabinet.Account, *PayOtherPage, error) {
	if err := parseForm(w, r); err != nil {
		return nil, nil, err
	}
	p := &PayOtherPage{BasePage: s.base(r, "Оплата другого лицевого счета"), Errors: map[string]string{},
		Account: strings.TrimSpace(r.PostForm.Get("account")), Surname: strings.TrimSpace(r.PostForm.Get("surname"))}
	if p.Account == "" {
		p.Errors["account"] = "Укажите номер лицевого счета."
	}
	if p.Surname == "" {
		p.Errors["surname"] = "Укажите фамилию владельца лицевого счета."
	}
	if len(p.Errors) > 0 {
		return nil, p, s.render(w, http.StatusUnprocessableEntity, "payother", p)
	}
	a, err := s.auth.FindPayee(r.Context(), p.Account, p.Surname, s.client(r))
	switch {
	case err == nil:
		return a, nil, nil
	case errors.Is(err, auth.ErrPayee) || errors.Is(err, auth.ErrTooMany):
		p.Notice = kabinet.ErrorMessage(err)
		return nil, p, s.render(w, statusSignInRefused, "payother", p)
	case kabinet.ErrorCode(err) == kabinet.EINVALID:
		p.Errors["account"] = kabinet.ErrorMessage(err)
		return nil, p, s.render(w, http.StatusUnprocessableEntity, "payother", p)
	}
	return nil, nil, err
}

// otherPayPage turns an account's payment form into the one for somebody
// else's account: the payee masked, the number and surname carried on.
func otherPayPage(p *PayPage, a *kabinet.Account, r *http.Request) *PayPage {
	p.Title = "Оплата другого лицевого счета"
	p.Payee = maskedName(a)
	p.Carry = []Hidden{{"account", r.PostForm.Get("account")}, {"surname", r.PostForm.Get("surname")}}
	p.OtherURL = ""
	return p
}

// Hidden is a hidden form field.
type Hidden struct{ Name, Value string }

// maskedName shows enough of the owner's name to recognise the account
// and no more: «П*****а А. С.».
func maskedName(a *kabinet.Account) string {
	s := []rune(a.Surname)
	name := string(s)
	if len(s) > 2 {
		name = string(s[0]) + strings.Repeat("*", len(s)-2) + string(s[len(s)-1])
	}
	for _, part := range []string{a.FirstName, a.Patronymic} {
		if r := []rune(part); len(r) > 0 {
			name += " " + string(r[0]) + "."
		}
	}
	return name
}
