package mail

import (
	"context"

	"kabinet"
)

// Sender sends outbox e-mails over SMTP: the kabinet.Sender of e-mail. A
// refusal the server calls final is marked kabinet.Permanent.
type Sender struct{ SMTP *SMTP }

// Send sends m with its attachments.
func (s Sender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	msg := Message{To: m.Recipient, Subject: m.Subject, Text: m.Text, HTML: m.HTML, ListUnsubscribe: m.Unsubscribe}
	for _, a := range m.Attachments {
		msg.Attachments = append(msg.Attachments, Attachment{Name: a.Name, ContentType: a.ContentType, Data: a.Data})
	}
	id, err := s.SMTP.Send(ctx, msg)
	if err != nil && IsPermanent(err) {
		return "", kabinet.Permanent(err)
	}
	return id, err
}
