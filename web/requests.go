package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"kabinet"
	"kabinet/auth"
)

// RequestsPage is «Мои обращения»: every request and enquiry of the
// account with its number, date, status, deadline and answer.
type RequestsPage struct {
	BasePage
	Items []RequestItem
	// Links start the requests that can be sent from the cabinet.
	Links []NavItem
}

// RequestItem is one request as «Мои обращения» shows it.
type RequestItem struct {
	Number, Kind, Topic, Text string
	Date, Deadline            string
	Status                    string
	// StatusClass colours the status: open, answered or closed.
	StatusClass string
	Overdue     bool
	Channel     string
	Answer      string
	AnsweredAt  string
	Files       []FileLink
}

// FileLink is an attachment with the URL that downloads it.
type FileLink struct {
	Name, URL, Size string
}

// handleRequestsShow shows «Мои обращения».
func (s *portalSite) handleRequestsShow(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	rs, err := s.requests.List(r.Context(), a, sentBy(r, v, a))
	if err != nil {
		return err
	}
	p := &RequestsPage{BasePage: s.base(r, "Мои обращения"), Links: []NavItem{
		{Label: "Вызов специалиста", URL: accountPath(a, "specialist")},
		{Label: "Акт сверки взаиморасчетов", URL: accountPath(a, "statement")},
		{Label: "Направить документы он-лайн", URL: accountPath(a, "documents")},
		{Label: "Форма обратной связи", URL: "/feedback"},
	}}
	now := s.requests.Now()
	for _, req := range rs {
		p.Items = append(p.Items, s.requestItem(a, req, now))
	}
	return s.render(w, http.StatusOK, "requests", p)
}

func (s *portalSite) requestItem(a *kabinet.Account, req *kabinet.Request, now time.Time) RequestItem {
	it := RequestItem{Number: req.Number(), Kind: req.Kind.Title(), Topic: req.Topic, Text: req.Text,
		Date: s.local(req.CreatedAt).Format("02.01.2006"), Deadline: s.local(req.Deadline).Format("02.01.2006"),
		Status: req.Status.Title(), StatusClass: "open", Overdue: req.Overdue(now), Answer: req.Answer,
		Channel: req.AnswerChannel.Title()}
	switch req.Status {
	case kabinet.StatusAnswered:
		it.StatusClass = "answered"
	case kabinet.StatusClosed:
		it.StatusClass = "closed"
	}
	if !req.AnsweredAt.IsZero() {
		it.AnsweredAt = s.local(req.AnsweredAt).Format("02.01.2006")
	}
	for _, at := range req.Attachments {
		it.Files = append(it.Files, FileLink{Name: at.Name, Size: fileSize(at.Size),
			URL: accountPath(a, "requests/"+strconv.FormatInt(req.ID, 10)+"/files/"+strconv.FormatInt(at.ID, 10))})
	}
	return it
}

// fileSize is a size as people read it: «1,2 Мб», «340 Кб».
func fileSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)>>10, 10) + " Кб"
	}
	return strconv.FormatInt(n>>20, 10) + "," + strconv.FormatInt((n%(1<<20))*10>>20, 10) + " Мб"
}

// handleAttachment sends a file of one of the account's requests. It is
// always a download with the type its content was found to be, so that a
// browser never renders it as a page of the portal.
func (s *portalSite) handleAttachment(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	reqID, err1 := strconv.ParseInt(r.PathValue("req"), 10, 64)
	attID, err2 := strconv.ParseInt(r.PathValue("att"), 10, 64)
	if err1 != nil || err2 != nil {
		return kabinet.Errorf(kabinet.ENOTFOUND, "Файл не найден")
	}
	at, f, err := s.requests.Attachment(r.Context(), a, sentBy(r, v, a), reqID, attID)
	if err != nil {
		return err
	}
	defer f.Close()
	s.sendAttachment(w, r, at, f)
	return nil
}

// sendAttachment streams file f of attachment at as a download.
func (s *Server) sendAttachment(w http.ResponseWriter, r *http.Request, at *kabinet.Attachment, f io.Reader) {
	w.Header().Set("Content-Type", at.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(at.Size, 10))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": at.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	// Whatever a customer uploaded, opened in the browser it runs nothing
	// and reaches nothing of the portal's origin.
	w.Header().Set("Content-Security-Policy", "sandbox")
	if _, err := io.Copy(w, f); err != nil { // the headers are out: log, no error page
		s.log.WarnContext(r.Context(), "send attachment", "err", err)
	}
}
