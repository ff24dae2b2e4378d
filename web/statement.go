package web

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/requests"
)

// StatementPage is «Акт сверки» (SVC-6).
type StatementPage struct {
	BasePage
	RequestForm
	Form     requests.StatementForm
	Services []kabinet.Service
	// Linked marks a person who linked the account: the statement goes
	// to the e-mail its owner keeps on file, which he does not see.
	Linked bool
}

// FullNameField is «ФИО».
func (p *StatementPage) FullNameField() Field {
	f := p.field("full_name", "ФИО", p.Form.FullName)
	f.Autocomplete = "name"
	return f
}

// AddressField is «Адрес».
func (p *StatementPage) AddressField() Field { return p.field("address", "Адрес", p.Form.Address) }

// ServiceSelect is «Услуга»: electricity or heat, of those the account has.
func (p *StatementPage) ServiceSelect() Select {
	return serviceSelect(&p.RequestForm, p.Services, p.Form.Service)
}

// FromField is «Начальная дата».
func (p *StatementPage) FromField() Field {
	f := p.field("from", "Начальная дата", p.Form.From)
	f.Type = "date"
	return f
}

// ToField is «Конечная дата».
func (p *StatementPage) ToField() Field {
	f := p.field("to", "Конечная дата", p.Form.To)
	f.Type, f.Hint = "date", "Не позже сегодняшнего дня; период — не больше 3 лет."
	return f
}

// EmailField is «Электронная почта», saved to the account's settings when
// it is changed.
func (p *StatementPage) EmailField() Field {
	f := p.field("email", "Электронная почта", p.Form.Email)
	f.Type, f.Autocomplete, f.InputMode = "email", "email", "email"
	f.Hint = "Проверьте адрес электронной почты, при необходимости введите изменения: новый адрес сохранится в дополнительных услугах."
	return f
}

// handleStatementShow shows «Акт сверки» prefilled.
func (s *portalSite) handleStatementShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	f, err := s.requests.StatementDefaults(r.Context(), a, v.User)
	if err != nil {
		return err
	}
	if !owns(r, a) {
		f.Email = ""
	}
	return s.renderStatement(w, r, a, http.StatusOK, f, nil)
}

// handleStatementCreate makes the statement and sends it by e-mail.
func (s *portalSite) handleStatementCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	pf := r.PostForm
	f := requests.StatementForm{FullName: pf.Get("full_name"), Address: pf.Get("address"), Service: pf.Get("service"),
		From: pf.Get("from"), To: pf.Get("to"), Email: pf.Get("email")}
	if pf.Get("do") == "download" {
		return s.statementDownload(w, r, v, a, f)
	}
	if !owns(r, a) { // only to the account's e-mail on file, whatever was posted
		d, err := s.requests.StatementDefaults(r.Context(), a, v.User)
		if err != nil {
			return err
		}
		f.Email = d.Email
	}
	_, err := s.requests.Statement(r.Context(), requests.Sender{Account: a, User: v.User}, f)
	if refused, ok := formRefusal(err); ok {
		if !owns(r, a) {
			if msg := refused.Errors["email"]; msg != "" {
				refused.Notice = "У владельца лицевого счета не указана электронная почта: акт сверки отправить некуда."
			}
			f.Email = ""
		}
		return s.renderStatement(w, r, a, refusalStatus(err), f, refused)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "requests"), "statement-sent")
}

// statementDownload sends the statement of the form as a PDF to save:
// the one the letter would carry. A form with mistakes is shown again.
func (s *portalSite) statementDownload(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account, f requests.StatementForm) error {
	doc, name, err := s.requests.StatementPDF(r.Context(), requests.Sender{Account: a, User: v.User}, f)
	if refused, ok := formRefusal(err); ok {
		if !owns(r, a) {
			f.Email = ""
		}
		return s.renderStatement(w, r, a, refusalStatus(err), f, refused)
	} else if err != nil {
		return err
	}
	return downloadPDF(w, doc, name)
}

func (s *portalSite) renderStatement(w http.ResponseWriter, r *http.Request, a *kabinet.Account, status int, f requests.StatementForm, refused *RequestForm) error {
	svcs, err := s.requests.AccountServices(r.Context(), a)
	if err != nil {
		return err
	}
	p := &StatementPage{BasePage: s.base(r, "Акт сверки"), Form: f, Services: svcs, Linked: !owns(r, a)}
	p.RequestForm = formFor(refused, accountPath(a, "statement"), accountPath(a, ""))
	return s.render(w, status, "statement", p)
}
