package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"kabinet"
	"kabinet/office"
)

// Broadcasts (issue 9) are the admins' messages to many customers: to
// everyone, a district, or a pasted list of accounts. An admin writes
// one, sees how many accounts it reaches, and sends it; its page then
// shows the progress.

// OfficeBroadcastsPage is the form of a new broadcast and the list of
// the newest ones.
type OfficeBroadcastsPage struct {
	BasePage
	Draft      office.BroadcastDraft
	Districts  []string
	Errors     map[string]string
	Broadcasts []OfficeBroadcastRow
}

// OfficeBroadcastRow is one broadcast of the list.
type OfficeBroadcastRow struct{ URL, Number, Created, Title, Audience, Status string }

// TitleField is the broadcast's title.
func (p *OfficeBroadcastsPage) TitleField() Field {
	return Field{ID: "title", Name: "title", Label: "Заголовок", Type: "text", Value: p.Draft.Title, Error: p.Errors["title"],
		Required: true, Mark: true, Hint: "Его видно в колокольчике, в push-уведомлении и в теме письма."}
}

// TextArea is the broadcast's text.
func (p *OfficeBroadcastsPage) TextArea() TextArea {
	return TextArea{Rows: 6, Field: Field{ID: "text", Name: "text", Label: "Текст", Value: p.Draft.Text, Error: p.Errors["text"],
		Required: true, Mark: true, Hint: "До 2000 символов."}}
}

// SMSField is the short text for SMS.
func (p *OfficeBroadcastsPage) SMSField() Field {
	return Field{ID: "sms", Name: "sms", Label: "Текст SMS", Type: "text", Value: p.Draft.SMS, Error: p.Errors["sms"],
		Hint: "До 70 символов — одно сообщение. Пусто — без SMS."}
}

// AudienceChoice is who the broadcast goes to.
func (p *OfficeBroadcastsPage) AudienceChoice() Choice {
	c := Choice{Name: "audience", Legend: "Кому", Error: p.Errors["audience"], Options: []Option{
		{ID: "audience-all", Value: string(kabinet.AudienceAll), Label: "Всем клиентам"},
		{ID: "audience-district", Value: string(kabinet.AudienceDistrict), Label: "Клиентам района"},
		{ID: "audience-list", Value: string(kabinet.AudienceList), Label: "Списку лицевых счетов"},
	}}
	for i := range c.Options {
		c.Options[i].Checked = c.Options[i].Value == string(p.Draft.Audience)
	}
	return c
}

// DistrictSelect is the district of a district audience.
func (p *OfficeBroadcastsPage) DistrictSelect() Select {
	opts := make([]SelectOption, len(p.Districts))
	for i, d := range p.Districts {
		opts[i] = SelectOption{Value: d, Label: d}
	}
	return newSelect(Field{ID: "district", Name: "district", Label: "Район", Error: p.Errors["district"],
		Hint: "Для рассылки клиентам района."}, "Выберите район", p.Draft.District, opts...)
}

// ListArea is the pasted list of accounts.
func (p *OfficeBroadcastsPage) ListArea() TextArea {
	return TextArea{Rows: 5, Field: Field{ID: "list", Name: "list", Label: "Лицевые счета", Value: p.Draft.List, Error: p.Errors["list"],
		Hint: "Для рассылки списку: номера лицевых счетов, по одному в строке."}}
}

func (s *officeSite) handleOfficeBroadcasts(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.renderOfficeBroadcasts(w, r, o, http.StatusOK, office.BroadcastDraft{Audience: kabinet.AudienceAll}, nil)
}

func (s *officeSite) renderOfficeBroadcasts(w http.ResponseWriter, r *http.Request, o *kabinet.Operator, status int,
	d office.BroadcastDraft, errs map[string]string) error {
	districts, err := s.broadcasts.Districts(r.Context(), o)
	if err != nil {
		return err
	}
	bs, err := s.broadcasts.List(r.Context(), o)
	if err != nil {
		return err
	}
	p := &OfficeBroadcastsPage{BasePage: s.base(r, "Рассылки"), Draft: d, Districts: districts, Errors: errs}
	for _, b := range bs {
		p.Broadcasts = append(p.Broadcasts, OfficeBroadcastRow{URL: broadcastPath(b.ID), Number: strconv.FormatInt(b.ID, 10),
			Created: s.officeTime(b.CreatedAt), Title: b.Title, Audience: office.AudienceText(b), Status: broadcastStatus(b)})
	}
	return s.render(w, status, "office_broadcasts", p)
}

// handleOfficeBroadcastCreate saves a draft and shows its preview; a bad
// form comes back with what was typed and the errors beside the fields.
func (s *officeSite) handleOfficeBroadcastCreate(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	d := office.BroadcastDraft{Title: r.PostForm.Get("title"), Text: r.PostForm.Get("text"), SMS: r.PostForm.Get("sms"),
		Audience: kabinet.Audience(r.PostForm.Get("audience")), District: r.PostForm.Get("district"), List: r.PostForm.Get("list")}
	b, err := s.broadcasts.Create(r.Context(), o, d, s.officeClient(r))
	var bad office.InvalidDraft
	if errors.As(err, &bad) {
		return s.renderOfficeBroadcasts(w, r, o, http.StatusUnprocessableEntity, d, bad)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, broadcastPath(b.ID), "")
}

func broadcastPath(id int64) string { return "/office/broadcasts/" + strconv.FormatInt(id, 10) }

func broadcastStatus(b *kabinet.Broadcast) string {
	switch {
	case b.Done():
		return "Отправлена"
	case b.Sent():
		return "Отправляется"
	}
	return "Черновик"
}

func (s *officeSite) officeTime(t time.Time) string {
	return t.In(s.cfg.Location).Format("02.01.2006 15:04")
}

// OfficeBroadcastPage is a broadcast: before sending, its preview with
// the accounts it reaches and «Отправить»; after, its progress.
type OfficeBroadcastPage struct {
	BasePage
	Number, Subject, Text, SMS, Audience, Status, Created string
	Total                                                 int
	Sent, Done                                            bool
	SendAction, SendError                                 string
	// Progress, once sent.
	Batches, BatchesDone, Informed, Percent int
	Queued, Delivered, Failed               int
}

func (s *officeSite) handleOfficeBroadcast(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.renderOfficeBroadcast(w, r, o, http.StatusOK, "")
}

func (s *officeSite) renderOfficeBroadcast(w http.ResponseWriter, r *http.Request, o *kabinet.Operator, status int, sendError string) error {
	id, err := broadcastID(r)
	if err != nil {
		return err
	}
	v, err := s.broadcasts.Broadcast(r.Context(), o, id)
	if err != nil {
		return err
	}
	b := v.Broadcast
	p := &OfficeBroadcastPage{BasePage: s.base(r, "Рассылка № "+strconv.FormatInt(b.ID, 10)), Number: strconv.FormatInt(b.ID, 10),
		Subject: b.Title, Text: b.Text, SMS: b.SMS, Audience: office.AudienceText(b), Status: broadcastStatus(b),
		Created: s.officeTime(b.CreatedAt), Total: b.Total, Sent: b.Sent(), Done: b.Done(),
		SendAction: broadcastPath(b.ID) + "/send", SendError: sendError,
		Batches: b.Batches, BatchesDone: b.BatchesDone, Informed: b.Informed,
		Queued: v.Messages.Queued, Delivered: v.Messages.Sent, Failed: v.Messages.Failed}
	p.Percent = 100
	if b.Batches > 0 {
		p.Percent = b.BatchesDone * 100 / b.Batches
	}
	return s.render(w, status, "office_broadcast", p)
}

// handleOfficeBroadcastSend starts the sending and shows the progress.
func (s *officeSite) handleOfficeBroadcastSend(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	id, err := broadcastID(r)
	if err != nil {
		return err
	}
	_, err = s.broadcasts.Send(r.Context(), o, id, s.officeClient(r))
	if kabinet.ErrorCode(err) == kabinet.ECONFLICT {
		return s.renderOfficeBroadcast(w, r, o, http.StatusConflict, kabinet.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, broadcastPath(id), "")
}

func broadcastID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Рассылка не найдена")
	}
	return id, nil
}
