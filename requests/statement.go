package requests

import (
	"context"
	"slices"
	"strings"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/home"
)

// StatementForm is «Акт сверки» as typed (SVC-6). Dates are as the browser
// sends a date field (2026-01-31) or as a person types one (31.01.2026).
type StatementForm struct {
	FullName, Address string
	Service           string // a kabinet.Service
	From, To          string
	Email             string
}

// StatementServices are the services a statement can be made for.
var StatementServices = []kabinet.Service{kabinet.ServiceElectricity, kabinet.ServiceHeat}

// StatementDefaults prefills the form: the account's owner and address,
// its first service, the year up to today and the e-mail on file.
func (s *Service) StatementDefaults(ctx context.Context, a *kabinet.Account, u *kabinet.User) (StatementForm, error) {
	today := s.Today()
	f := StatementForm{FullName: a.FullName(), Address: a.Address,
		From: kabinet.Date(today.Year(), 1, 1).Format(time.DateOnly), To: today.Format(time.DateOnly)}
	set, err := s.settings.Settings(ctx, a, u)
	if err != nil {
		return f, err
	}
	f.Email = set.Email
	svcs, err := s.AccountServices(ctx, a)
	if len(svcs) > 0 {
		f.Service = string(svcs[0])
	}
	return f, err
}

// Statement makes the reconciliation statement of account a for a service
// and days and e-mails it as a PDF through the outbox (SVC-6); the request
// is kept, answered, in «Мои обращения». An e-mail that differs from the
// one in the account's services settings is saved there. A form with
// mistakes is auth.FormErrors by field and sends nothing.
func (s *Service) Statement(ctx context.Context, from Sender, f StatementForm) (*kabinet.Request, error) {
	a := from.Account
	r, err := s.statementRequest(ctx, a, f, true)
	if err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, from); err != nil {
		return nil, err
	}
	if err := s.keepEmail(ctx, a, from.User, r.Email); err != nil {
		return nil, err
	}
	st, err := s.statement(ctx, a, r)
	if err != nil {
		return nil, err
	}
	m, err := s.statementLetter(r.Email, st)
	if err != nil {
		return nil, err
	}
	r.Topic = r.Service.Title() + ", " + r.From.Format("02.01.2006") + " — " + r.To.Format("02.01.2006")
	r.Answer = "Акт сверки направлен на адрес " + r.Email + "."
	r.AnsweredAt = s.Now()
	return r, s.create(ctx, from, r, nil, m)
}

// StatementPDF makes the reconciliation statement of the form for the
// customer to download: the PDF the letter of Statement carries, under
// its name. The e-mail is not needed and not saved, and nothing is kept.
func (s *Service) StatementPDF(ctx context.Context, from Sender, f StatementForm) (doc []byte, name string, err error) {
	r, err := s.statementRequest(ctx, from.Account, f, false)
	if err != nil {
		return nil, "", err
	}
	st, err := s.statement(ctx, from.Account, r)
	if err != nil {
		return nil, "", err
	}
	doc, err = s.pdf.Statement(st)
	return doc, statementFile(st), err
}

// statementRequest checks the form and returns the request it makes; the
// e-mail is checked only when the statement is to be sent. A form with
// mistakes is auth.FormErrors by field.
func (s *Service) statementRequest(ctx context.Context, a *kabinet.Account, f StatementForm, send bool) (*kabinet.Request, error) {
	svcs, err := s.AccountServices(ctx, a)
	if err != nil {
		return nil, err
	}
	c := newCheck()
	r := &kabinet.Request{Kind: kabinet.RequestStatement, Status: kabinet.StatusAnswered, AnswerChannel: kabinet.AnswerEmail,
		FullName: c.text("full_name", f.FullName, "Укажите фамилию, имя и отчество.", 200),
		Address:  c.text("address", f.Address, "Укажите адрес.", 300), AccountNumber: a.Display}
	if send {
		r.Email = c.email("email", f.Email)
	}
	r.Service = kabinet.Service(c.oneOf("service", f.Service, "Выберите услугу.", serviceNames(StatementServices)))
	if r.Service != "" && !slices.Contains(svcs, r.Service) {
		c.set("service", "По этому лицевому счету нет услуги «"+r.Service.Title()+"».")
	}
	r.From, r.To = s.statementDays(c, f.From, f.To)
	return r, c.err()
}

// statementDays checks the range: real dates, the first not after the
// last, the last not in the future, at most StatementYears long.
func (s *Service) statementDays(c *fieldCheck, fromText, toText string) (from, to time.Time) {
	from, to = c.date("from", fromText, "Укажите начальную дату."), c.date("to", toText, "Укажите конечную дату.")
	if from.IsZero() || to.IsZero() {
		return from, to
	}
	switch {
	case to.After(s.Today()):
		c.set("to", "Конечная дата не может быть позже сегодняшней.")
	case from.After(to):
		c.set("from", "Начальная дата должна быть не позже конечной.")
	case to.After(from.AddDate(s.cfg.StatementYears, 0, 0)):
		c.set("from", "Акт сверки можно сформировать не больше чем за 3 года.")
	}
	return from, to
}

// date parses a date as a date field sends it or as a person types it.
func (c *fieldCheck) date(field, v, empty string) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		c.set(field, empty)
		return time.Time{}
	}
	for _, layout := range []string{time.DateOnly, "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, v); err == nil && t.Year() >= 2000 {
			return t
		}
	}
	c.set(field, "Введите дату в виде ДД.ММ.ГГГГ, например 31.01.2026.")
	return time.Time{}
}

// keepEmail saves email in the account's services settings if it is not
// the one there (SVC-6: «Сохранить»).
func (s *Service) keepEmail(ctx context.Context, a *kabinet.Account, u *kabinet.User, email string) error {
	set, err := s.settings.Settings(ctx, a, u)
	if err != nil || set.Email == email {
		return err
	}
	_, err = s.settings.SaveSettings(ctx, a, u, home.SettingsForm{Push: set.Push, SMS: set.SMS, EmailInfo: set.EmailInfo,
		BillPaper: set.BillPaper, BillEmail: set.BillEmail, Phone: set.Phone, Email: email})
	return err
}

// statement builds the statement of r's service and days from the ledger
// of the sub-account that supplies the service, with the payer and
// address as the form gave them.
func (s *Service) statement(ctx context.Context, a *kabinet.Account, r *kabinet.Request) (*kabinet.Statement, error) {
	st, err := billrun.StatementOf(ctx, s.store, billrun.StatementFor{Account: a, Of: string(r.Service), From: r.From, To: r.To, Due: s.Due})
	if err != nil {
		return nil, err
	}
	st.Payer, st.Address, st.IssuedAt = r.FullName, r.Address, s.Now()
	return st, nil
}

// statementLetter writes the letter and attaches the statement's PDF.
func (s *Service) statementLetter(to string, st *kabinet.Statement) (*kabinet.Message, error) {
	doc, err := s.pdf.Statement(st)
	if err != nil {
		return nil, err
	}
	m, err := s.letters.Statement(to, st)
	if err != nil {
		return nil, err
	}
	m.Attachments = append(m.Attachments, kabinet.MessageAttachment{Name: statementFile(st), ContentType: "application/pdf", Data: doc})
	return m, nil
}

// statementFile is the name of st's PDF, in the letter and downloaded.
func statementFile(st *kabinet.Statement) string {
	return "akt-sverki-" + st.From.Format("2006-01-02") + "-" + st.To.Format("2006-01-02") + ".pdf"
}
