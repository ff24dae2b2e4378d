// Package webpush sends the cabinet's notifications to browsers by Web
// Push (RFC 8030) with VAPID (RFC 8292) and payloads encrypted to the
// browser's keys (RFC 8291, aes128gcm), through SherClockHolmes/webpush-go.
// The VAPID key pair is made at first start and kept in the database.
package webpush

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	wp "github.com/SherClockHolmes/webpush-go"

	"kabinet"
)

// Keys is the portal's VAPID key pair, base64url: the public key is what
// browsers subscribe with (applicationServerKey).
type Keys struct {
	Public, Private string
}

// SecretStore keeps the key pair.
type SecretStore interface {
	EnsureSecret(ctx context.Context, name string, make func() (string, error)) (string, error)
}

// LoadKeys returns the portal's VAPID keys, making them on first start.
// The pair is one secret, so servers starting together agree on both.
func LoadKeys(ctx context.Context, s SecretStore) (Keys, error) {
	v, err := s.EnsureSecret(ctx, "vapid", func() (string, error) {
		private, public, err := wp.GenerateVAPIDKeys()
		return public + " " + private, err
	})
	if err != nil {
		return Keys{}, err
	}
	public, private, ok := strings.Cut(v, " ")
	if !ok {
		return Keys{}, errors.New("webpush: malformed VAPID secret")
	}
	return Keys{Public: public, Private: private}, nil
}

// Store finds and forgets subscriptions.
type Store interface {
	FindPushSubscription(ctx context.Context, id int64) (*kabinet.PushSubscription, error)
	DeletePushSubscription(ctx context.Context, id int64) error
}

// Sender delivers outbox messages of the push channel. A message's
// Recipient is the subscription's ID and its Text the payload (JSON, see
// notify.PushPayload).
type Sender struct {
	Store Store
	Keys  Keys
	// Subscriber is the VAPID contact: a mailto: or https: URL.
	Subscriber string
	Endpoints  *Endpoints
	client     *http.Client
}

// NewSender returns a sender whose connections go only where Endpoints
// allows.
func NewSender(store Store, keys Keys, subscriber string, e *Endpoints) *Sender {
	return &Sender{Store: store, Keys: keys, Subscriber: subscriber, Endpoints: e, client: e.client(nil)}
}

// client is an HTTP client that checks each address it connects to;
// roots, when set, replaces the system's CAs (tests).
func (e *Endpoints) client(roots *x509.CertPool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, Control: e.dialControl}
	t := &http.Transport{DialContext: d.DialContext, TLSClientConfig: &tls.Config{RootCAs: roots},
		TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: 20 * time.Second, MaxIdleConnsPerHost: 8}
	return &http.Client{Transport: t, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// ttl is how long the push service keeps a message for a browser that is
// offline: a day, as reminders are no older news than that.
const ttl = 24 * 60 * 60

// Send encrypts the payload to the subscription and posts it to its push
// service, returning the service's message location as the provider id.
// A subscription the service no longer knows (404, 410) is forgotten.
func (s *Sender) Send(ctx context.Context, m *kabinet.Message) (string, error) {
	id, err := strconv.ParseInt(m.Recipient, 10, 64)
	if err != nil {
		return "", kabinet.Permanent(fmt.Errorf("push recipient %q", m.Recipient))
	}
	sub, err := s.Store.FindPushSubscription(ctx, id)
	if kabinet.ErrorCode(err) == kabinet.ENOTFOUND {
		return "", kabinet.Permanent(errors.New("the subscription was removed"))
	} else if err != nil {
		return "", err
	}
	if err := s.Endpoints.Check(ctx, sub.Endpoint); err != nil {
		return "", kabinet.Permanent(err)
	}
	resp, err := wp.SendNotificationWithContext(ctx, []byte(m.Text), &wp.Subscription{Endpoint: sub.Endpoint,
		Keys: wp.Keys{P256dh: sub.P256dh, Auth: sub.Auth}}, &wp.Options{HTTPClient: s.client, Subscriber: s.Subscriber,
		VAPIDPublicKey: s.Keys.Public, VAPIDPrivateKey: s.Keys.Private, TTL: ttl, Urgency: wp.UrgencyNormal})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	return s.outcome(ctx, sub, resp)
}

// outcome reads the push service's answer (RFC 8030 §5, RFC 8292 §4).
func (s *Sender) outcome(ctx context.Context, sub *kabinet.PushSubscription, resp *http.Response) (string, error) {
	switch c := resp.StatusCode; {
	case c >= 200 && c < 300:
		return resp.Header.Get("Location"), nil
	case c == http.StatusNotFound || c == http.StatusGone:
		if err := s.Store.DeletePushSubscription(ctx, sub.ID); err != nil {
			return "", err
		}
		return "", kabinet.Permanent(fmt.Errorf("push service: %s: the subscription has expired", resp.Status))
	case c == http.StatusTooManyRequests || c >= 500:
		return "", fmt.Errorf("push service: %s", resp.Status)
	default:
		return "", kabinet.Permanent(fmt.Errorf("push service: %s", resp.Status))
	}
}
