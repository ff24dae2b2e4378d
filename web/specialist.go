package web

import (
	"errors"
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/requests"
)

// RequestForm is what the pages of the request forms share: where the
// form posts, the way back, and the refusals.
type RequestForm struct {
	Action, Back string
	// Errors are the refusals by field; Notice a refusal of the form as a
	// whole (too many requests).
	Errors map[string]string
	Notice string
}

// field is a text field of a request form, marked required.
func (f *RequestForm) field(id, label, value string) Field {
	return Field{ID: id, Name: id, Label: label, Type: "text", Value: value, Error: f.Errors[id], Required: true, Mark: true}
}

// SpecialistPage is «Вызов специалиста» (SVC-5).
type SpecialistPage struct {
	BasePage
	RequestForm
	Form     requests.SpecialistForm
	Services []kabinet.Service
}

// FullNameField is «ФИО».
func (p *SpecialistPage) FullNameField() Field {
	f := p.field("full_name", "ФИО", p.Form.FullName)
	f.Autocomplete = "name"
	return f
}

// AddressField is «Адрес».
func (p *SpecialistPage) AddressField() Field {
	return p.field("address", "Адрес", p.Form.Address)
}

// ContractField is «Номер договора».
func (p *SpecialistPage) ContractField() Field {
	return p.field("contract", "Номер договора", p.Form.Contract)
}

// PhoneField is the phone the specialist calls to agree the visit.
func (p *SpecialistPage) PhoneField() Field { return phoneField(&p.RequestForm, p.Form.Phone) }

func phoneField(f *RequestForm, value string) Field {
	pf := f.field("phone", "Контактный телефон", value)
	pf.Type, pf.Autocomplete, pf.InputMode, pf.Hint = "tel", "tel", "tel", "Например, +7 (950) 123-45-67"
	return pf
}

// ServiceSelect is the service the visit is about.
func (p *SpecialistPage) ServiceSelect() Select {
	return serviceSelect(&p.RequestForm, p.Services, p.Form.Service)
}

func serviceSelect(f *RequestForm, svcs []kabinet.Service, current string) Select {
	opts := make([]SelectOption, len(svcs))
	for i, s := range svcs {
		opts[i] = SelectOption{Value: string(s), Label: s.Title()}
	}
	return newSelect(f.field("service", "Услуга", ""), "", current, opts...)
}

// PurposeSelect is «Цель визита».
func (p *SpecialistPage) PurposeSelect() Select {
	return newSelect(p.field("purpose", "Цель визита", ""), "", p.Form.Purpose, textOptions(requests.Purposes)...)
}

// CommentArea is «Комментарий».
func (p *SpecialistPage) CommentArea() TextArea {
	return TextArea{Field: Field{ID: "comment", Name: "comment", Label: "Комментарий", Value: p.Form.Comment,
		Error: p.Errors["comment"], Hint: "Например, когда вам удобно принять специалиста. Для цели «Другое» — обязательно."}, Rows: 4}
}

func textOptions(values []string) []SelectOption {
	opts := make([]SelectOption, len(values))
	for i, v := range values {
		opts[i] = SelectOption{Value: v, Label: v}
	}
	return opts
}

// handleSpecialistShow shows «Вызов специалиста» prefilled from the account.
func (s *portalSite) handleSpecialistShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	f, err := s.requests.SpecialistDefaults(r.Context(), a, v.User)
	if err != nil {
		return err
	}
	if !owns(r, a) { // the owner's phone is not a linked person's to see
		f.Phone = ""
		if v.User.Phone != "" {
			f.Phone = kabinet.FormatPhone(v.User.Phone)
		}
	}
	return s.renderSpecialist(w, r, a, http.StatusOK, f, nil)
}

// handleSpecialistCreate sends the call and shows it in «Мои обращения».
func (s *portalSite) handleSpecialistCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	pf := r.PostForm
	f := requests.SpecialistForm{FullName: pf.Get("full_name"), Address: pf.Get("address"), Contract: pf.Get("contract"),
		Phone: pf.Get("phone"), Service: pf.Get("service"), Purpose: pf.Get("purpose"), Comment: pf.Get("comment")}
	_, err := s.requests.Specialist(r.Context(), requests.Sender{Account: a, User: v.User}, f)
	if refused, ok := formRefusal(err); ok {
		return s.renderSpecialist(w, r, a, refusalStatus(err), f, refused)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, accountPath(a, "requests"), "specialist-sent")
}

func (s *portalSite) renderSpecialist(w http.ResponseWriter, r *http.Request, a *kabinet.Account, status int, f requests.SpecialistForm, refused *RequestForm) error {
	svcs, err := s.requests.AccountServices(r.Context(), a)
	if err != nil {
		return err
	}
	p := &SpecialistPage{BasePage: s.base(r, "Вызов специалиста"), Form: f, Services: svcs}
	p.RequestForm = formFor(refused, accountPath(a, "specialist"), accountPath(a, ""))
	return s.render(w, status, "specialist", p)
}

// formRefusal turns a refusal of a request form into what the page shows
// beside the fields or above them; ok is false for any other error.
func formRefusal(err error) (*RequestForm, bool) {
	if fe, ok := err.(auth.FormErrors); ok {
		return &RequestForm{Errors: fe}, true
	}
	if errors.Is(err, requests.ErrTooMany) {
		return &RequestForm{Notice: kabinet.ErrorMessage(err)}, true
	}
	return nil, false
}

func refusalStatus(err error) int {
	if errors.Is(err, requests.ErrTooMany) {
		return http.StatusTooManyRequests
	}
	return http.StatusUnprocessableEntity
}

// formFor fills a form's addresses, keeping its refusals.
func formFor(refused *RequestForm, action, back string) RequestForm {
	f := RequestForm{Action: action, Back: back, Errors: map[string]string{}}
	if refused != nil {
		f.Errors, f.Notice = refused.Errors, refused.Notice
		if f.Errors == nil {
			f.Errors = map[string]string{}
		}
	}
	return f
}
