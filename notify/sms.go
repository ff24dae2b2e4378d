package notify

import (
	"context"

	"kabinet"
	"kabinet/sms"
)

// SMS sends outbox texts through an SMS gateway; a refusal the gateway
// calls final is not retried.
type SMS struct{ Gateway sms.Sender }

// Send sends m's text to its recipient.
func (g SMS) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	id, err := g.Gateway.Send(ctx, m.Recipient, m.Text)
	if err != nil && sms.IsPermanent(err) {
		return "", Permanent(err)
	}
	return id, err
}
