package main

import (
	"context"
	"fmt"
	"time"

	"kabinet"
	"kabinet/mail"
	"kabinet/notify"
	"kabinet/sms"
)

// letters writes auth's letters with the mail package's templates.
type letters struct {
	templates    *mail.Templates
	supplierName string
	cal          kabinet.Calendar
}

func (l *letters) ConfirmEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.render(to, mail.ConfirmEmail{SupplierName: l.supplierName, AccountNumber: number, Link: link,
		Expires: "24 часа, до " + l.when(expires)})
}

func (l *letters) ResetEmail(to, number, link string, expires time.Time) (*kabinet.Message, error) {
	return l.render(to, mail.ResetPassword{SupplierName: l.supplierName, AccountNumber: number, Link: link,
		Expires: "1 час, до " + l.when(expires)})
}

// Statement is the letter that carries a reconciliation statement.
func (l *letters) Statement(to string, s *kabinet.Statement) (*kabinet.Message, error) {
	return l.render(to, mail.Notice{SupplierName: l.supplierName, Title: "Акт сверки взаиморасчетов по лицевому счету " + s.AccountNumber,
		Body: "Здравствуйте!\n\nВо вложении — акт сверки взаиморасчетов с " + s.Provider.Name + " по услуге «" + s.Service.Title() +
			"» за период с " + s.From.Format("02.01.2006") + " по " + s.To.Format("02.01.2006") + ".\n\n" +
			"Вы заказали его в личном кабинете. Если это были не вы, просто удалите письмо."})
}

// Answer is the supplier's answer to a request.
func (l *letters) Answer(to string, r *kabinet.Request) (*kabinet.Message, error) {
	return l.render(to, mail.Notice{SupplierName: l.supplierName, Title: "Ответ на обращение № " + r.Number(),
		Body: "Здравствуйте, " + r.FullName + "!\n\nВы спрашивали: «" + r.Topic + "».\n\n" + r.Answer})
}

func (l *letters) when(t time.Time) string {
	return l.cal.Local(t).Format("02.01.2006 15:04") + " (" + l.cal.Zone().String() + ")"
}

func (l *letters) render(to string, letter mail.Letter) (*kabinet.Message, error) {
	m, err := l.templates.Render(to, letter)
	if err != nil {
		return nil, err
	}
	return &kabinet.Message{Channel: kabinet.ChannelEmail, Recipient: to, Subject: m.Subject, Text: m.Text, HTML: m.HTML}, nil
}

// smtpSender sends outbox e-mails over SMTP.
type smtpSender struct{ smtp *mail.SMTP }

func (s smtpSender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	msg := mail.Message{To: m.Recipient, Subject: m.Subject, Text: m.Text, HTML: m.HTML,
		ListUnsubscribe: m.Unsubscribe}
	for _, a := range m.Attachments {
		msg.Attachments = append(msg.Attachments, mail.Attachment{Name: a.Name, ContentType: a.ContentType, Data: a.Data})
	}
	id, err := s.smtp.Send(ctx, msg)
	if err != nil && mail.IsPermanent(err) {
		return "", notify.Permanent(err)
	}
	return id, err
}

// mailSender returns the configured e-mail sender: SMTP, or the demo's
// stand-in when no SMTP host is set.
func (c *Config) mailSender() (notify.Sender, error) {
	if c.SMTP.Host == "" {
		return notify.DevSender{}, nil
	}
	if err := c.SMTP.Validate(); err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return smtpSender{mail.NewSMTP(c.SMTP)}, nil
}

// smsSender returns the configured SMS gateway, or the demo's stand-in.
func (c *Config) smsSender() (notify.Sender, error) {
	switch c.SMS.Provider {
	case "dev", "":
		return notify.DevSender{}, nil
	case "smsru":
		if c.SMS.APIID == "" {
			return nil, fmt.Errorf("sms: KABINET_SMS_API_ID is required for SMS.ru")
		}
		return notify.SMS{Gateway: &sms.SMSRu{APIID: c.SMS.APIID, From: c.SMS.Sender, BaseURL: c.SMS.URL}}, nil
	case "smsc":
		if c.SMS.Login == "" || c.SMS.Password == "" {
			return nil, fmt.Errorf("sms: KABINET_SMS_LOGIN and KABINET_SMS_PASSWORD are required for SMSC")
		}
		return notify.SMS{Gateway: &sms.SMSC{Login: c.SMS.Login, Password: c.SMS.Password, Sender: c.SMS.Sender, BaseURL: c.SMS.URL}}, nil
	}
	return nil, fmt.Errorf("sms provider %q: want dev, smsru or smsc", c.SMS.Provider)
}
