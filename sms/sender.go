package sms

import (
	"context"

	"kabinet"
)

// Sender sends outbox texts through a gateway: the kabinet.Sender of SMS.
// A refusal the gateway calls final is marked kabinet.Permanent.
type Sender struct{ Gateway Gateway }

// Send sends m's text to its recipient.
func (s Sender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	id, err := s.Gateway.Send(ctx, m.Recipient, m.Text)
	if err != nil && IsPermanent(err) {
		return "", kabinet.Permanent(err)
	}
	return id, err
}
