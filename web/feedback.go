package web

import (
	"net/http"
	"strconv"

	"kabinet"
	"kabinet/clientip"
	"kabinet/requests"
)

// FeedbackPage is «Форма обратной связи» (FEED-1..3), open to everybody.
type FeedbackPage struct {
	BasePage
	RequestForm
	Form     requests.FeedbackForm
	Branches []*kabinet.Branch
	Limits   requests.Config
	// Sent is the number of the enquiry just sent by somebody not signed
	// in, shown instead of the form; "" otherwise.
	Sent string
}

// BranchSelect is «Отделение».
func (p *FeedbackPage) BranchSelect() Select {
	opts := make([]SelectOption, len(p.Branches))
	for i, b := range p.Branches {
		opts[i] = SelectOption{Value: strconv.FormatInt(b.ID, 10), Label: b.Name}
	}
	return newSelect(p.field("branch", "Отделение", ""), "Выберите отделение", p.Form.Branch, opts...)
}

// FullNameField is «ФИО».
func (p *FeedbackPage) FullNameField() Field {
	f := p.field("full_name", "ФИО", p.Form.FullName)
	f.Autocomplete = "name"
	return f
}

// AddressField is «Адрес».
func (p *FeedbackPage) AddressField() Field {
	f := p.field("address", "Адрес", p.Form.Address)
	f.Autocomplete = "street-address"
	return f
}

// AccountField is «Номер лиц. счёта».
func (p *FeedbackPage) AccountField() Field {
	f := p.field("account", "Номер лиц. счёта", p.Form.Account)
	f.Hint, f.Autocomplete = "Как в квитанции, например ИЭСБК0041300", "off"
	return f
}

// PhoneField is «Контактный телефон».
func (p *FeedbackPage) PhoneField() Field { return phoneField(&p.RequestForm, p.Form.Phone) }

// EmailField is «Электронная почта».
func (p *FeedbackPage) EmailField() Field {
	f := p.field("email", "Электронная почта", p.Form.Email)
	f.Type, f.Autocomplete, f.InputMode = "email", "email", "email"
	return f
}

// ChannelSelect is «Способ получения ответа».
func (p *FeedbackPage) ChannelSelect() Select {
	opts := make([]SelectOption, len(requests.AnswerChannels))
	for i, ch := range requests.AnswerChannels {
		opts[i] = SelectOption{Value: string(ch), Label: ch.Title()}
	}
	f := p.field("answer_channel", "Способ получения ответа", "")
	f.Hint = "Обращения, на которые выбран ответ по телефону, обрабатываются в первую очередь."
	return newSelect(f, "Выберите способ", p.Form.AnswerChannel, opts...)
}

// TopicField is «Тема».
func (p *FeedbackPage) TopicField() Field { return p.field("topic", "Тема", p.Form.Topic) }

// TextArea is «Обращение».
func (p *FeedbackPage) TextArea() TextArea {
	return TextArea{Field: p.field("text", "Обращение", p.Form.Text), Rows: 6}
}

// ConsentBox is the consent to the processing of personal data.
func (p *FeedbackPage) ConsentBox() Checkbox {
	return Checkbox{ID: "consent", Name: "consent", Value: "on", Checked: p.Form.Consent, Required: true,
		Error: p.Errors["consent"],
		Label: "Согласен на обработку и пересылку моих персональных данных по открытым каналам передачи данных *"}
}

// FilesInput is the attachments (FEED-2).
func (p *FeedbackPage) FilesInput() FileInput { return filesInput(&p.RequestForm, p.Limits) }

// handleFeedbackShow shows the form, prefilled for a signed-in customer,
// or the number of the enquiry just sent.
func (s *portalSite) handleFeedbackShow(w http.ResponseWriter, r *http.Request) error {
	var f requests.FeedbackForm
	if v := visitor(r); v != nil && v.Confirmed() {
		var err error
		if f, err = s.requests.FeedbackDefaults(r.Context(), v.Account, v.User); err != nil {
			return err
		}
	}
	p, err := s.feedbackPage(r, f, nil)
	if err != nil {
		return err
	}
	if id, err := kabinet.ParseRequestNumber(r.URL.Query().Get("sent")); err == nil {
		p.Sent = (&kabinet.Request{Kind: kabinet.RequestFeedback, ID: id}).Number()
	}
	return s.render(w, http.StatusOK, "feedback", p)
}

// handleFeedbackCreate takes an enquiry with its files as they stream in.
func (s *portalSite) handleFeedbackCreate(w http.ResponseWriter, r *http.Request) error {
	up := s.requests.NewUpload()
	pf, err := s.readUpload(w, r, up, "files")
	if err != nil {
		up.Discard(r.Context())
		return err
	}
	f := requests.FeedbackForm{Branch: pf.Get("branch"), FullName: pf.Get("full_name"), Address: pf.Get("address"),
		Account: pf.Get("account"), Phone: pf.Get("phone"), Email: pf.Get("email"), AnswerChannel: pf.Get("answer_channel"),
		Topic: pf.Get("topic"), Text: pf.Get("text"), Consent: pf.Get("consent") == "on"}
	from := requests.Sender{IP: clientip.Of(r, s.cfg.TrustProxy)}
	v := visitor(r)
	if v != nil && v.Confirmed() {
		from.Account, from.User = v.Account, v.User
	}
	req, err := s.requests.Feedback(r.Context(), from, f, up)
	if refused, ok := formRefusal(err); ok {
		p, perr := s.feedbackPage(r, f, refused)
		if perr != nil {
			return perr
		}
		return s.render(w, refusalStatus(err), "feedback", p)
	} else if err != nil {
		return err
	}
	if from.Account != nil {
		return s.redirect(w, r, accountPath(from.Account, "requests"), sentKey("feedback", req.AnswerChannel))
	}
	return s.redirect(w, r, "/feedback?sent="+strconv.FormatInt(req.ID, 10), "")
}

func (s *portalSite) feedbackPage(r *http.Request, f requests.FeedbackForm, refused *RequestForm) (*FeedbackPage, error) {
	branches, err := s.requests.Branches(r.Context())
	if err != nil {
		return nil, err
	}
	p := &FeedbackPage{BasePage: s.base(r, "Форма обратной связи"), Form: f, Branches: branches, Limits: s.requests.Config()}
	p.RequestForm = formFor(refused, "/feedback", "/")
	return p, nil
}
