package notify

import (
	"context"
	"strconv"

	"kabinet"
)

// DevSender stands in for a channel that is not configured (the demo):
// it sends nothing and reports success, so the message shows as sent on
// the demo's /dev/mail and /dev/sms pages.
type DevSender struct{}

// Send records nothing; the outbox row is the record.
func (DevSender) Send(_ context.Context, m *kabinet.Message) (string, error) {
	return "dev-" + strconv.FormatInt(m.ID, 10), nil
}
