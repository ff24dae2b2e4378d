package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"kabinet"
	"kabinet/office"
)

// The back office's queues of requests: the list of one kind, filtered
// by status with plain links, and a request's page where an operator
// assigns, moves and answers it. The office service authorizes and
// audits each step; these handlers only read forms and draw pages.

// dueSoonDays marks an open request whose deadline is this close.
const dueSoonDays = 3

// OfficeQueuePage is one queue of requests.
type OfficeQueuePage struct {
	BasePage
	Kinds, Statuses []NavItem
	KindTitle       string
	Rows            []OfficeQueueRow
	// Branches shows «Отделение», which only enquiries have (FEED-1).
	Branches bool
}

// OfficeQueueRow is one request of a queue.
type OfficeQueueRow struct {
	URL, Number, Date, Age, Deadline, Name, Topic, Channel, Status, StatusClass, Assignee string
	Branch                                                                                string
	Overdue, DueSoon, Phone                                                               bool
}

// queueKinds are the queues, the enquiries first; statements are answered
// by the portal itself and are listed last.
var queueKinds = map[kabinet.RequestKind]string{kabinet.RequestFeedback: "Обращения", kabinet.RequestSpecialist: "Вызов специалиста",
	kabinet.RequestDocuments: "Документы он-лайн", kabinet.RequestStatement: "Акты сверки"}

// handleOfficeQueue shows the queue of ?kind= (enquiries by default), in
// ?status= if given.
func (s *officeSite) handleOfficeQueue(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	q := r.URL.Query()
	kind, status := kabinet.RequestKind(q.Get("kind")), kabinet.RequestStatus(q.Get("status"))
	if !slices.Contains(kabinet.RequestKinds, kind) {
		kind = kabinet.RequestFeedback
	}
	if !slices.Contains(kabinet.RequestStatuses, status) {
		status = ""
	}
	rs, err := s.office.Queue(r.Context(), o, office.QueueQuery{Kind: kind, Status: status}, s.officeClient(r))
	if err != nil {
		return err
	}
	names, err := s.assigneeNames(r, o)
	if err != nil {
		return err
	}
	branches, err := s.branchNames(r)
	if err != nil {
		return err
	}
	p := &OfficeQueuePage{BasePage: s.base(r, "Обращения: "+queueKinds[kind]), KindTitle: queueKinds[kind],
		Branches: kind == kabinet.RequestFeedback}
	for _, k := range kabinet.RequestKinds {
		p.Kinds = append(p.Kinds, NavItem{Label: queueKinds[k], URL: queueURL(k, status), Current: k == kind})
	}
	p.Statuses = append(p.Statuses, NavItem{Label: "Все", URL: queueURL(kind, ""), Current: status == ""})
	for _, st := range kabinet.RequestStatuses {
		p.Statuses = append(p.Statuses, NavItem{Label: st.Title(), URL: queueURL(kind, st), Current: st == status})
	}
	now := s.requests.Now()
	for _, req := range rs {
		row := s.queueRow(req, now, names)
		row.Branch = branches[req.BranchID]
		p.Rows = append(p.Rows, row)
	}
	return s.render(w, http.StatusOK, "office_requests", p)
}

func queueURL(k kabinet.RequestKind, st kabinet.RequestStatus) string {
	v := url.Values{"kind": {string(k)}}
	if st != "" {
		v.Set("status", string(st))
	}
	return "/office/requests?" + v.Encode()
}

func officeRequestPath(id int64) string { return "/office/requests/" + strconv.FormatInt(id, 10) }

func (s *officeSite) queueRow(req *kabinet.Request, now time.Time, names map[int64]string) OfficeQueueRow {
	days := int(now.Sub(req.CreatedAt).Hours() / 24)
	row := OfficeQueueRow{URL: officeRequestPath(req.ID), Number: req.Number(), Date: s.local(req.CreatedAt).Format("02.01.2006"),
		Age: strconv.Itoa(days) + " дн.", Deadline: s.local(req.Deadline).Format("02.01.2006"), Name: req.FullName, Topic: req.Topic,
		Channel: req.AnswerChannel.Title(), Phone: req.AnswerChannel == kabinet.AnswerPhone && req.Status.Open(),
		Status: req.Status.Title(), StatusClass: statusClass(req.Status), Assignee: names[req.AssigneeID],
		Overdue: req.Overdue(now)}
	row.DueSoon = !row.Overdue && req.Status.Open() && req.Deadline.Sub(now) <= dueSoonDays*24*time.Hour
	return row
}

func statusClass(st kabinet.RequestStatus) string {
	switch st {
	case kabinet.StatusAnswered:
		return "answered"
	case kabinet.StatusClosed:
		return "closed"
	}
	return "open"
}

// branchNames maps the branch offices' IDs to their names.
func (s *officeSite) branchNames(r *http.Request) (map[int64]string, error) {
	bs, err := s.requests.Branches(r.Context())
	names := map[int64]string{}
	for _, b := range bs {
		names[b.ID] = b.Name
	}
	return names, err
}

// assigneeNames maps the operators' IDs to their names; nobody is «—».
func (s *officeSite) assigneeNames(r *http.Request, o *kabinet.Operator) (map[int64]string, error) {
	ops, err := s.office.Assignees(r.Context(), o)
	names := map[int64]string{0: "—"}
	for _, op := range ops {
		names[op.ID] = op.Name
	}
	return names, err
}

// OfficeRequestPage is a request as the customer sent it, with the
// operator's forms.
type OfficeRequestPage struct {
	BasePage
	ID                                      int64
	Number, Kind, Status, StatusClass, Date string
	Deadline                                string
	Overdue, DueSoon                        bool
	Facts                                   []Fact
	Files                                   []FileLink
	Answer, AnsweredAt                      string
	Open                                    bool
	Action                                  string
	AssignTo, NewStatus, AnswerText         string
	Errors                                  map[string]string
	assignees                               []*kabinet.Operator
	status                                  kabinet.RequestStatus
	me                                      int64
}

// AssignSelect chooses the operator.
func (p *OfficeRequestPage) AssignSelect() Select {
	opts := []SelectOption{{Value: "0", Label: "Никому (снять назначение)"}}
	for _, op := range p.assignees {
		opts = append(opts, SelectOption{Value: strconv.FormatInt(op.ID, 10), Label: op.Name + " (" + op.Login + ")"})
	}
	return newSelect(Field{ID: "operator", Name: "operator", Label: "Исполнитель", Error: p.Errors["operator"]}, "", p.AssignTo, opts...)
}

// MeValue is the operator's own ID, for «Взять себе».
func (p *OfficeRequestPage) MeValue() string { return strconv.FormatInt(p.me, 10) }

// StatusSelect chooses a status other than «Ответ дан».
func (p *OfficeRequestPage) StatusSelect() Select {
	var opts []SelectOption
	for _, st := range kabinet.RequestStatuses {
		if st != kabinet.StatusAnswered {
			opts = append(opts, SelectOption{Value: string(st), Label: st.Title()})
		}
	}
	cur, prompt := p.NewStatus, ""
	if cur == "" {
		cur = string(p.status)
	}
	if p.status == kabinet.StatusAnswered { // not in the list: say so, do not show another
		prompt = "Ответ дан — выберите новый статус"
	}
	return newSelect(Field{ID: "status", Name: "status", Label: "Статус", Error: p.Errors["status"]}, prompt, cur, opts...)
}

// AnswerArea is the answer's text.
func (p *OfficeRequestPage) AnswerArea() TextArea {
	return TextArea{Field: Field{ID: "answer", Name: "answer", Label: "Текст ответа", Value: p.AnswerText, Error: p.Errors["answer"],
		Required: true, Mark: true, Hint: p.answerHint()}, Rows: 6}
}

func (p *OfficeRequestPage) answerHint() string {
	for _, f := range p.Facts {
		if f.Label != "Способ получения ответа" {
			continue
		}
		switch f.Value {
		case kabinet.AnswerEmail.Title():
			return "Ответ уйдет письмом на электронную почту клиента и появится в «Мои обращения»."
		case kabinet.AnswerPhone.Title():
			return "Позвоните клиенту и запишите, что ему сказали: отметка «Ответ дан по телефону» добавится сама."
		case kabinet.AnswerPost.Title():
			return "Отправьте письмо и запишите его содержание: отметка об отправке почтой добавится сама."
		}
	}
	return "Ответ появится у клиента в «Мои обращения»."
}

// handleOfficeRequest shows a request; the view is audited.
func (s *officeSite) handleOfficeRequest(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	p := &OfficeRequestPage{Errors: map[string]string{}}
	return s.renderOfficeRequest(w, r, o, http.StatusOK, p)
}

func (s *officeSite) renderOfficeRequest(w http.ResponseWriter, r *http.Request, o *kabinet.Operator, code int, p *OfficeRequestPage) error {
	id, err := pathID(r, "req")
	if err != nil {
		return err
	}
	req, err := s.office.Request(r.Context(), o, id, s.officeClient(r))
	if err != nil {
		return err
	}
	if p.assignees, err = s.office.Assignees(r.Context(), o); err != nil {
		return err
	}
	now := s.requests.Now()
	row := s.queueRow(req, now, nil)
	p.BasePage = s.base(r, req.Kind.Title()+" № "+req.Number())
	p.ID, p.Number, p.Kind, p.Status, p.StatusClass, p.Date = req.ID, req.Number(), req.Kind.Title(), row.Status, row.StatusClass, row.Date
	p.Deadline, p.Overdue, p.DueSoon, p.Open, p.status, p.me = row.Deadline, row.Overdue, row.DueSoon, req.Status.Open(), req.Status, o.ID
	branches, err := s.branchNames(r)
	if err != nil {
		return err
	}
	p.Action, p.Answer, p.Facts = officeRequestPath(req.ID), req.Answer, requestFacts(req, branches[req.BranchID])
	if p.AssignTo == "" {
		p.AssignTo = strconv.FormatInt(req.AssigneeID, 10)
	}
	if !req.AnsweredAt.IsZero() {
		p.AnsweredAt = s.local(req.AnsweredAt).Format("02.01.2006 15:04")
	}
	for _, at := range req.Attachments {
		p.Files = append(p.Files, FileLink{Name: at.Name, Size: fileSize(at.Size),
			URL: officeRequestPath(req.ID) + "/files/" + strconv.FormatInt(at.ID, 10)})
	}
	return s.render(w, code, "office_request", p)
}

// requestFacts is what the customer gave, in the order of the forms;
// branch is the name of the enquiry's «Отделение», "" for none.
func requestFacts(req *kabinet.Request, branch string) []Fact {
	var fs []Fact
	add := func(label, value string) {
		if value != "" {
			fs = append(fs, Fact{label, value})
		}
	}
	add("Отделение", branch)
	add("ФИО", req.FullName)
	add("Адрес", req.Address)
	add("Номер лицевого счета", req.AccountNumber)
	if req.Phone != "" {
		add("Телефон", kabinet.FormatPhone(req.Phone))
	}
	add("Электронная почта", req.Email)
	add("Способ получения ответа", req.AnswerChannel.Title())
	if req.Service != "" {
		add("Услуга", req.Service.Title())
	}
	if !req.From.IsZero() {
		add("Период", req.From.Format("02.01.2006")+" — "+req.To.Format("02.01.2006"))
	}
	add("Тема", req.Topic)
	add("Текст", req.Text)
	return fs
}

// pathID is the positive ID in the path's placeholder name.
func pathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != raw {
		return 0, kabinet.Errorf(kabinet.ENOTFOUND, "Не найдено")
	}
	return id, nil
}

// officeRequestChange runs change on the request of the path and sends
// the operator back to its page with flash; a refusal of the form comes
// back beside field.
func (s *officeSite) officeRequestChange(w http.ResponseWriter, r *http.Request, o *kabinet.Operator, field, flashKey string,
	change func(id int64) error) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r, "req")
	if err != nil {
		return err
	}
	if err := change(id); kabinet.ErrorCode(err) == kabinet.EINVALID {
		p := &OfficeRequestPage{Errors: map[string]string{field: kabinet.ErrorMessage(err)}, AssignTo: r.PostForm.Get("operator"),
			NewStatus: r.PostForm.Get("status"), AnswerText: r.PostForm.Get("answer")}
		return s.renderOfficeRequest(w, r, o, http.StatusUnprocessableEntity, p)
	} else if err != nil {
		return err
	}
	return s.redirect(w, r, officeRequestPath(id), flashKey)
}

// handleOfficeAssign gives the request to the chosen operator.
func (s *officeSite) handleOfficeAssign(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.officeRequestChange(w, r, o, "operator", "office-assigned", func(id int64) error {
		to, err := strconv.ParseInt(r.PostForm.Get("operator"), 10, 64)
		if err != nil || to < 0 {
			return kabinet.Errorf(kabinet.EINVALID, "Выберите оператора из списка.")
		}
		return s.office.Assign(r.Context(), o, id, to, s.officeClient(r))
	})
}

// handleOfficeStatus moves the request to the chosen status.
func (s *officeSite) handleOfficeStatus(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.officeRequestChange(w, r, o, "status", "office-status", func(id int64) error {
		return s.office.SetStatus(r.Context(), o, id, kabinet.RequestStatus(r.PostForm.Get("status")), s.officeClient(r))
	})
}

// handleOfficeAnswer answers the request by the customer's channel.
func (s *officeSite) handleOfficeAnswer(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	return s.officeRequestChange(w, r, o, "answer", "office-answered", func(id int64) error {
		return s.office.Answer(r.Context(), o, id, r.PostForm.Get("answer"), s.officeClient(r))
	})
}

// handleOfficeAttachment streams a request's file to an operator, after
// the office service has recorded the download.
func (s *officeSite) handleOfficeAttachment(w http.ResponseWriter, r *http.Request, o *kabinet.Operator) error {
	reqID, err1 := pathID(r, "req")
	attID, err2 := pathID(r, "att")
	if err1 != nil || err2 != nil {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
	}
	at, f, err := s.office.Attachment(r.Context(), o, reqID, attID, s.officeClient(r))
	if err != nil {
		return err
	}
	defer f.Close()
	s.sendAttachment(w, r, at, f)
	return nil
}
