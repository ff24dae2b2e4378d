package kabinet

import (
	"context"
	"errors"
	"fmt"
)

// Sender sends one outbox message of its channel (e-mail, SMS, push) and
// returns the provider's id for it. mail, sms and webpush implement it;
// notify delivers the outbox through one per channel.
type Sender interface {
	Send(ctx context.Context, m *Message) (id string, err error)
}

// ErrPermanent marks a delivery failure that no retry will fix (a rejected
// address, a removed subscription): the message is failed at once instead
// of being retried with backoff.
var ErrPermanent = errors.New("permanent delivery failure")

// Permanent marks err as a permanent delivery failure.
func Permanent(err error) error { return fmt.Errorf("%w: %w", ErrPermanent, err) }
