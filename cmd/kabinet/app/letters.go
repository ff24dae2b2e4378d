package app

import (
	"time"

	"kabinet"
	"kabinet/letters"
	"kabinet/mail"
)

// Letters writes the letters of sign-in and of requests with the mail
// templates, dating them in the supplier's zone.
type Letters struct {
	templates    *mail.Templates
	supplierName string
	cal          kabinet.Calendar
}

// ConfirmEmail is the letter with the link that confirms a registration.
func (l *Letters) ConfirmEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.render(to, mail.ConfirmEmail{SupplierName: l.supplierName, AccountNumber: number, Link: link,
		Expires: "24 часа, до " + l.when(expires)})
}

// ResetEmail is the letter with the link that sets a new password.
func (l *Letters) ResetEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.render(to, mail.ResetPassword{SupplierName: l.supplierName, AccountNumber: number, Link: link,
		Expires: "1 час, до " + l.when(expires)})
}

// Statement is the letter that carries a reconciliation statement.
func (l *Letters) Statement(to string, s *kabinet.Statement) (*kabinet.Message, error) {
	w := letters.StatementLetter{Account: s.AccountNumber, Provider: s.Provider.Name, Service: s.Service.Title(),
		From: s.From.Format("02.01.2006"), To: s.To.Format("02.01.2006")}
	return l.render(to, mail.Notice{SupplierName: l.supplierName, Title: w.Title(), Body: w.Body()})
}

// Answer is the supplier's answer to a request.
func (l *Letters) Answer(to string, r *kabinet.Request) (*kabinet.Message, error) {
	w := letters.AnswerLetter{Number: r.Number(), FullName: r.FullName, Topic: r.Topic, Answer: r.Answer}
	return l.render(to, mail.Notice{SupplierName: l.supplierName, Title: w.Title(), Body: w.Body()})
}

func (l *Letters) when(t time.Time) string {
	return l.cal.Local(t).Format("02.01.2006 15:04") + " (" + l.cal.Zone().String() + ")"
}

func (l *Letters) render(to string, letter mail.Letter) (*kabinet.Message, error) {
	m, err := l.templates.Render(to, letter)
	if err != nil {
		return nil, err
	}
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: m.Subject, Text: m.Text, HTML: m.HTML}, nil
}
