package web

import (
	"context"
	"encoding/json"
	"net/http"

	"kabinet"
	"kabinet/auth"
)

// Pusher keeps the browsers' push subscriptions (SVC-1).
type Pusher interface {
	// PublicKey is the VAPID key browsers subscribe with.
	PublicKey() string
	// Subscribe checks and keeps a subscription and ticks the account's
	// push service; a bad endpoint or key is EINVALID.
	Subscribe(ctx context.Context, s *kabinet.PushSubscription, defaults *kabinet.ServiceSettings) error
}

// PushOffer is «Подписаться на уведомления»: hidden in the HTML, shown by
// push.js where the browser can subscribe and the user has not answered.
type PushOffer struct {
	Key    string // the VAPID public key
	Action string // where push.js posts the subscription
}

// pushOffer returns the offer for account a, nil without push.
func (s *portalSite) pushOffer(a *kabinet.Account) *PushOffer {
	if s.push == nil {
		return nil
	}
	return &PushOffer{Key: s.push.PublicKey(), Action: accountPath(a, "push")}
}

// handlePushCreate keeps the subscription push.js posts as JSON, the
// shape of PushSubscription.toJSON().
func (s *portalSite) handlePushCreate(w http.ResponseWriter, r *http.Request, v *auth.Visitor, a *kabinet.Account) error {
	if s.push == nil {
		return s.handleNotFound(w, r)
	}
	var body struct {
		Endpoint string `json:"endpoint"`
		Keys     struct {
			P256dh string `json:"p256dh"`
			Auth   string `json:"auth"`
		} `json:"keys"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<10)).Decode(&body); err != nil {
		return kabinet.Errorf(kabinet.EINVALID, "Не удалось прочитать подписку")
	}
	sub := &kabinet.PushSubscription{UserID: v.User.ID, AccountID: a.ID, Endpoint: body.Endpoint,
		P256dh: body.Keys.P256dh, Auth: body.Keys.Auth, UserAgent: truncate(r.UserAgent(), 300)}
	if err := s.push.Subscribe(r.Context(), sub, kabinet.DefaultServiceSettings(a, v.User)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
