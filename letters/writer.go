package letters

import (
	"time"

	"kabinet"
	"kabinet/notify"
)

// Writer writes the e-mails: the sign-in links, the letters of requests
// and the informing notices, with the embedded templates, dating them in
// the supplier's zone. It is auth's and requests' Messages, and its
// Notice is the informer's renderer.
type Writer struct {
	templates    *Templates
	supplierName string // the signature
	cal          kabinet.Calendar
}

// NewWriter parses the templates. An error means a broken build.
func NewWriter(supplierName string, cal kabinet.Calendar) (*Writer, error) {
	t, err := NewTemplates()
	if err != nil {
		return nil, err
	}
	return &Writer{templates: t, supplierName: supplierName, cal: cal}, nil
}

// ConfirmEmail is the letter with the link that confirms a registration.
func (w *Writer) ConfirmEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return w.templates.Render(to, ConfirmEmail{SupplierName: w.supplierName, AccountNumber: number, Link: link,
		Expires: "24 часа, до " + w.when(expires)})
}

// ResetEmail is the letter with the link that sets a new password.
func (w *Writer) ResetEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return w.templates.Render(to, ResetPassword{SupplierName: w.supplierName, AccountNumber: number, Link: link,
		Expires: "1 час, до " + w.when(expires)})
}

// Statement is the letter that carries a reconciliation statement.
func (w *Writer) Statement(to string, s *kabinet.Statement) (*kabinet.Message, error) {
	l := StatementLetter{Account: s.AccountNumber, Provider: s.Provider.Name, Service: s.Service.Title(),
		From: s.From.Format("02.01.2006"), To: s.To.Format("02.01.2006")}
	return w.templates.Render(to, Notice{SupplierName: w.supplierName, Title: l.Title(), Body: l.Body()})
}

// Answer is the supplier's answer to a request.
func (w *Writer) Answer(to string, r *kabinet.Request) (*kabinet.Message, error) {
	l := AnswerLetter{Number: r.Number(), FullName: r.FullName, Topic: r.Topic, Answer: r.Answer}
	return w.templates.Render(to, Notice{SupplierName: w.supplierName, Title: l.Title(), Body: l.Body()})
}

// Notice is an informing letter: a reminder, a broadcast, a notice.
func (w *Writer) Notice(to string, l notify.Letter) (*kabinet.Message, error) {
	return w.templates.Render(to, Notice{SupplierName: w.supplierName, Title: l.Title, Body: l.Body,
		Link: l.Link, Unsubscribe: l.Unsubscribe})
}

func (w *Writer) when(t time.Time) string {
	return w.cal.Local(t).Format("02.01.2006 15:04") + " (" + w.cal.Zone().String() + ")"
}
