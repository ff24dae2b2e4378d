package web

import (
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
)

// ServicesPanel is «Дополнительные услуги» (HOME-3, SVC-1..4): links to
// the services requested on-line, and the ticks saved all at once with
// «Сохранить изменения».
type ServicesPanel struct {
	Action string
	// Links lead to «Вызов специалиста», «Акт сверки взаиморасчетов» and
	// «Направить документы он-лайн».
	Links  []NavItem
	Form   home.SettingsForm
	Errors map[string]string
	// SavedAt says when the settings were last saved, "" if never.
	SavedAt string
	// Linked hides the form from a person who linked the account: the
	// contacts are its owner's, and so is where her bills go.
	Linked bool
}

// savedPanel shows the settings as saved (or the defaults).
func (s *portalSite) savedPanel(set *kabinet.ServiceSettings) *ServicesPanel {
	p := &ServicesPanel{Form: home.SettingsForm{Push: set.Push, SMS: set.SMS, EmailInfo: set.EmailInfo,
		BillPaper: set.BillPaper, BillEmail: set.BillEmail, Email: set.Email}}
	if set.Phone != "" {
		p.Form.Phone = kabinet.FormatPhone(set.Phone)
	}
	if !set.UpdatedAt.IsZero() {
		p.SavedAt = s.local(set.UpdatedAt).Format("02.01.2006 в 15:04")
	}
	return p
}

// links fills in the account's URLs.
func (p *ServicesPanel) links(a *kabinet.Account) {
	p.Action = accountPath(a, "services")
	p.Links = []NavItem{
		{Label: "Вызов специалиста", URL: accountPath(a, "specialist")},
		{Label: "Акт сверки взаиморасчетов", URL: accountPath(a, "statement")},
		{Label: "Направить документы он-лайн", URL: accountPath(a, "documents")},
		{Label: "Мои обращения", URL: accountPath(a, "requests")},
	}
}

// handleServicesUpdate saves the services panel («Сохранить изменения»):
// all of it or, with a mistake, nothing, and the page again with what
// was typed and the reason beside the field.
func (s *portalSite) handleServicesUpdate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if !owns(r, a) {
		return errOwnerOnly
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	on := func(name string) bool { return f.Get(name) == "on" }
	form := home.SettingsForm{Push: on("push"), SMS: on("sms"), EmailInfo: on("email_info"),
		BillPaper: on("bill_paper"), BillEmail: on("bill_email"), Phone: f.Get("phone"), Email: f.Get("email")}
	changes, err := s.home.SaveSettings(r.Context(), a, v.User, form)
	if errs, ok := err.(auth.FormErrors); ok {
		return s.renderHome(w, r, v, a, http.StatusUnprocessableEntity, &ServicesPanel{Form: form, Errors: errs})
	} else if err != nil {
		return err
	}
	key := "services-saved"
	if len(changes) == 0 {
		key = "services-unchanged"
	}
	return s.redirect(w, r, accountPath(a, "")+"#services", key)
}

// write writes the panel under its heading: the links, then the form, or for
// a person who linked the account the note that its owner sets it up.
// Written here rather than by the template, as the chart is: its forty
// or so template actions, each value escaped through reflection, were a
// fifth of what rendering «Главная» allocated (issue 17).
func (p ServicesPanel) write(m *markup) {
	m.WriteString("\n    <ul class=\"service-links\">\n      ")
	for _, l := range p.Links {
		m.WriteString(`<li><a class="form-link"`)
		m.attr("href", l.URL)
		m.WriteString(`>`)
		m.esc(l.Label)
		m.WriteString(`</a></li>`)
	}
	m.WriteString("\n    </ul>\n    ")
	if p.Linked {
		m.WriteString(`<p class="muted services-owner-only">Информирование и способы получения счета настраивает владелец лицевого счета.</p>`)
		return
	}
	if len(p.Errors) > 0 {
		m.WriteString(`<div class="notice notice-error" role="alert"><p>Изменения не сохранены: исправьте поля с ошибками.</p></div>`)
	}
	m.WriteString("\n    <form class=\"form services-form\" method=\"post\"")
	m.attr("action", p.Action)
	m.WriteString(" novalidate>\n      ")
	p.PushBox().write(m)
	p.SMSBox().write(m)
	p.PhoneField().writeInput(m)
	p.EmailInfoBox().write(m)
	p.EmailField().writeInput(m)
	bill := p.Errors["bill"]
	m.WriteString("      <fieldset class=\"field choices")
	if bill != "" {
		m.WriteString(` field-invalid" aria-describedby="bill-error`)
	}
	m.WriteString("\">\n        <legend class=\"field-label\">Способы получения счета на оплату</legend>\n        ")
	p.BillPaperBox().write(m)
	p.BillEmailBox().write(m)
	if bill != "" {
		m.WriteString(`<p class="field-error" id="bill-error">`)
		m.esc(bill)
		m.WriteString(`</p>`)
	}
	m.WriteString("\n      </fieldset>\n      <div class=\"form-actions\">\n        <button class=\"button\" type=\"submit\">Сохранить изменения</button>\n      </div>\n      ")
	if p.SavedAt != "" {
		m.WriteString(`<p class="muted saved-at">Сохранено `)
		m.esc(p.SavedAt)
		m.WriteString(`</p>`)
	}
	m.WriteString("\n    </form>\n")

}

// Checkboxes and fields of the panel, labelled as in the manual (§4.1.1).

// PushBox is «Push-уведомления».
func (p ServicesPanel) PushBox() Checkbox {
	return Checkbox{ID: "push", Name: "push", Value: "on", Label: "Push-уведомления", Checked: p.Form.Push}
}

// SMSBox is «СМС-информирование».
func (p ServicesPanel) SMSBox() Checkbox {
	return Checkbox{ID: "sms", Name: "sms", Value: "on", Label: "СМС-информирование", Checked: p.Form.SMS}
}

// PhoneField is the phone for SMS, prefilled from the account's data.
func (p ServicesPanel) PhoneField() Field {
	return Field{ID: "phone", Name: "phone", Label: "Номер мобильного телефона", Type: "tel", Value: p.Form.Phone,
		Hint: "Например, +7 (950) 123-45-67", Error: p.Errors["phone"], Autocomplete: "tel", InputMode: "tel"}
}

// EmailInfoBox is «Информирование по e-mail».
func (p ServicesPanel) EmailInfoBox() Checkbox {
	return Checkbox{ID: "email_info", Name: "email_info", Value: "on", Label: "Информирование по e-mail", Checked: p.Form.EmailInfo}
}

// EmailField is the address for e-mail informing and the bill by e-mail.
func (p ServicesPanel) EmailField() Field {
	return Field{ID: "email", Name: "email", Label: "Адрес e-mail", Type: "email", Value: p.Form.Email,
		Hint: "Для информирования и счета по e-mail. Адрес для входа меняется в «Личные данные» → «Вход и безопасность».", Error: p.Errors["email"], Autocomplete: "email", InputMode: "email"}
}

// BillPaperBox is «счет на дом».
func (p ServicesPanel) BillPaperBox() Checkbox {
	return Checkbox{ID: "bill_paper", Name: "bill_paper", Value: "on", Label: "счет на дом", Checked: p.Form.BillPaper}
}

// BillEmailBox is «счет по e-mail».
func (p ServicesPanel) BillEmailBox() Checkbox {
	return Checkbox{ID: "bill_email", Name: "bill_email", Value: "on", Label: "счет по e-mail", Checked: p.Form.BillEmail}
}

// errOwnerOnly refuses a person who linked an account what only its
// owner may do.
var errOwnerOnly = kabinet.Errorf(kabinet.EFORBIDDEN, "Это может изменить только владелец лицевого счета, зарегистрировавший его в личном кабинете.")
