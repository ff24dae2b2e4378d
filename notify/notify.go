// Package notify delivers the outbox: each e-mail and SMS the portal
// writes waits there, and a job hands it to its channel's sender, records
// the provider's id and retries what failed for a temporary reason.
package notify

import (
	"context"
	"errors"

	"kabinet"
)

// Store is the outbox.
type Store interface {
	FindMessageByID(ctx context.Context, id int64) (*kabinet.Message, error)
	UpdateMessage(ctx context.Context, id int64, u kabinet.MessageUpdate) error
}

// Deliverer delivers outbox messages.
type Deliverer struct {
	Store   Store
	Senders map[kabinet.Channel]kabinet.Sender
}

// Deliver sends message id once: a message already sent is not sent again
// when its job runs twice (after a crash between the send and the job's
// completion the provider may still get it twice; the outbox row makes
// that window as small as one send).
func (d *Deliverer) Deliver(ctx context.Context, id int64) error {
	m, err := d.Store.FindMessageByID(ctx, id)
	if err != nil {
		return err
	}
	if m.Status != kabinet.MessageQueued {
		return nil
	}
	s := d.Senders[m.Channel]
	if s == nil {
		return d.Store.UpdateMessage(ctx, id, kabinet.MessageUpdate{Status: kabinet.MessageFailed, Error: "no sender for " + string(m.Channel)})
	}
	providerID, err := s.Send(ctx, m)
	switch {
	case err == nil:
		return d.Store.UpdateMessage(ctx, id, kabinet.MessageUpdate{Status: kabinet.MessageSent, ProviderID: providerID})
	case errors.Is(err, kabinet.ErrPermanent):
		return d.Store.UpdateMessage(ctx, id, kabinet.MessageUpdate{Status: kabinet.MessageFailed, Error: err.Error()})
	}
	if uerr := d.Store.UpdateMessage(ctx, id, kabinet.MessageUpdate{Status: kabinet.MessageQueued, Error: err.Error()}); uerr != nil {
		return uerr
	}
	return err // the job is retried with backoff
}
