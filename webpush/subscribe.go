package webpush

import (
	"context"
	"encoding/base64"

	"kabinet"
)

// SubscriptionStore keeps subscriptions.
type SubscriptionStore interface {
	SavePushSubscription(ctx context.Context, s *kabinet.PushSubscription, defaults *kabinet.ServiceSettings) error
}

// Subscriptions takes browsers' subscriptions for the portal.
type Subscriptions struct {
	Store     SubscriptionStore
	Keys      Keys
	Endpoints *Endpoints
}

// PublicKey is the VAPID key browsers subscribe with.
func (s *Subscriptions) PublicKey() string { return s.Keys.Public }

// Subscribe checks a browser's subscription (a public https endpoint, a
// P-256 point and a 16-byte auth secret) and keeps it.
func (s *Subscriptions) Subscribe(ctx context.Context, sub *kabinet.PushSubscription, defaults *kabinet.ServiceSettings) error {
	p, err1 := base64.RawURLEncoding.DecodeString(sub.P256dh)
	a, err2 := base64.RawURLEncoding.DecodeString(sub.Auth)
	if err1 != nil || err2 != nil || len(p) != 65 || p[0] != 4 || len(a) != 16 {
		return kabinet.Errorf(kabinet.EINVALID, "Ключи подписки не приняты")
	}
	if err := s.Endpoints.Check(ctx, sub.Endpoint); err != nil {
		return err
	}
	return s.Store.SavePushSubscription(ctx, sub, defaults)
}
