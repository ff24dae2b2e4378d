package webpush_test

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"kabinet"
	"kabinet/webpush"
)

var ctx = context.Background()

var b64 = base64.RawURLEncoding

// browser is the subscribing side: its ECDH key pair and auth secret.
type browser struct {
	key  *ecdh.PrivateKey
	auth []byte
}

func newBrowser(t *testing.T) *browser {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	return &browser{key: k, auth: auth}
}

// decrypt opens an aes128gcm body as RFC 8291 §3.4 and RFC 8188 say.
func (b *browser) decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("short body")
	}
	salt, rs, idLen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	asPublic, ciphertext := body[21:21+idLen], body[21+idLen:]
	if rs < 18 || len(ciphertext) > int(rs) {
		return nil, errors.New("more than one record")
	}
	as, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, err
	}
	shared, err := b.key.ECDH(as)
	if err != nil {
		return nil, err
	}
	prkKey, _ := hkdf.Extract(sha256.New, shared, b.auth)
	info := append(append([]byte("WebPush: info\x00"), b.key.PublicKey().Bytes()...), asPublic...)
	ikm, _ := hkdf.Expand(sha256.New, prkKey, string(info), 32)
	prk, _ := hkdf.Extract(sha256.New, ikm, salt)
	cek, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, err
	}
	plain = bytes.TrimRight(plain, "\x00")
	if len(plain) == 0 || plain[len(plain)-1] != 2 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:len(plain)-1], nil
}

// pushService is a fake push service: it checks the VAPID JWT as a real
// one does and keeps the bodies it accepted.
type pushService struct {
	t      *testing.T
	srv    *httptest.Server
	status int
	mu     sync.Mutex
	bodies [][]byte
	keys   []string // the k= of each request
}

func newPushService(t *testing.T) *pushService {
	p := &pushService{t: t, status: http.StatusCreated}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *pushService) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Content-Encoding") != "aes128gcm" || r.Header.Get("TTL") == "" {
		http.Error(w, "bad headers", http.StatusBadRequest)
		return
	}
	k, err := p.verifyVAPID(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	p.bodies, p.keys = append(p.bodies, body), append(p.keys, k)
	n := len(p.bodies)
	p.mu.Unlock()
	w.Header().Set("Location", p.srv.URL+"/m/"+strconv.Itoa(n))
	w.WriteHeader(p.status)
}

// verifyVAPID checks "vapid t=<JWT>, k=<public key>" (RFC 8292): the
// ES256 signature under k, the audience (this origin), expiry within 24 h
// and a contact.
func (p *pushService) verifyVAPID(r *http.Request) (string, error) {
	v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "vapid ")
	if !ok {
		return "", errors.New("no vapid authorization")
	}
	var token, key string
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if s, ok := strings.CutPrefix(part, "t="); ok {
			token = s
		} else if s, ok := strings.CutPrefix(part, "k="); ok {
			key = s
		}
	}
	segs := strings.Split(token, ".")
	if len(segs) != 3 {
		return "", errors.New("not a JWT")
	}
	pub, err := b64.DecodeString(key)
	if err != nil || len(pub) != 65 {
		return "", errors.New("bad k")
	}
	x, y := elliptic.Unmarshal(elliptic.P256(), pub)
	sig, err := b64.DecodeString(segs[2])
	if x == nil || err != nil || len(sig) != 64 {
		return "", errors.New("bad key or signature encoding")
	}
	digest := sha256.Sum256([]byte(segs[0] + "." + segs[1]))
	if !ecdsa.Verify(&ecdsa.PublicKey{Curve: elliptic.P256(), X: x, Y: y}, digest[:],
		new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "", errors.New("bad signature")
	}
	var header struct{ Alg string }
	var claims struct {
		Aud string
		Exp int64
		Sub string
	}
	hb, _ := b64.DecodeString(segs[0])
	cb, _ := b64.DecodeString(segs[1])
	if json.Unmarshal(hb, &header) != nil || json.Unmarshal(cb, &claims) != nil || header.Alg != "ES256" {
		return "", errors.New("bad JWT header or claims")
	}
	exp := time.Unix(claims.Exp, 0)
	if claims.Aud != p.srv.URL || time.Until(exp) <= 0 || time.Until(exp) > 24*time.Hour || claims.Sub == "" {
		return "", errors.New("bad claims")
	}
	return key, nil
}

// store is the subscriptions in memory.
type store struct {
	subs    map[int64]*kabinet.PushSubscription
	deleted []int64
}

func (s *store) FindPushSubscription(_ context.Context, id int64) (*kabinet.PushSubscription, error) {
	if sub, ok := s.subs[id]; ok {
		return sub, nil
	}
	return nil, kabinet.Errorf(kabinet.ENOTFOUND, "no subscription")
}

func (s *store) DeletePushSubscription(_ context.Context, id int64) error {
	delete(s.subs, id)
	s.deleted = append(s.deleted, id)
	return nil
}

type secrets map[string]string

func (s secrets) EnsureSecret(_ context.Context, name string, make func() (string, error)) (string, error) {
	if v, ok := s[name]; ok {
		return v, nil
	}
	v, err := make()
	s[name] = v
	return v, err
}

func loopback(a netip.Addr) bool { return a.IsLoopback() }

func setup(t *testing.T) (*pushService, *browser, *store, *webpush.Sender, webpush.Keys) {
	t.Helper()
	ps, b := newPushService(t), newBrowser(t)
	st := &store{subs: map[int64]*kabinet.PushSubscription{7: {ID: 7, UserID: 1, AccountID: 1,
		Endpoint: ps.srv.URL + "/push/abc", P256dh: b64.EncodeToString(b.key.PublicKey().Bytes()), Auth: b64.EncodeToString(b.auth)}}}
	keys, err := webpush.LoadKeys(ctx, secrets{})
	if err != nil {
		t.Fatal(err)
	}
	e := &webpush.Endpoints{}
	e.AllowForTest(loopback)
	s := webpush.NewSender(st, keys, "mailto:noreply@kabinet.local", e)
	roots := x509.NewCertPool()
	roots.AddCert(ps.srv.Certificate())
	s.TrustForTest(roots)
	return ps, b, st, s, keys
}

// A push reaches the push service with a VAPID JWT signed by the portal's
// key, and its body decrypts with the browser's keys to the payload.
func TestSendReachesPushService(t *testing.T) {
	ps, b, _, s, keys := setup(t)
	payload := `{"title":"Счет готов","body":"Счет за ноябрь 2026 готов","url":"/a/1/"}`
	id, err := s.Send(ctx, &kabinet.Message{Channel: kabinet.ChannelPush, Recipient: "7", Text: payload})
	if err != nil {
		t.Fatal(err)
	}
	if id != ps.srv.URL+"/m/1" || len(ps.bodies) != 1 {
		t.Fatalf("provider id %q, %d bodies", id, len(ps.bodies))
	}
	if ps.keys[0] != keys.Public {
		t.Errorf("the JWT was signed under %s, not the portal's key", ps.keys[0])
	}
	got, err := b.decrypt(ps.bodies[0])
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != payload {
		t.Errorf("decrypted %q", got)
	}
	other := newBrowser(t)
	if _, err := other.decrypt(ps.bodies[0]); err == nil {
		t.Error("another browser's keys decrypt the body")
	}
}

// A subscription the push service forgot is removed and not retried; a
// busy service is retried.
func TestSendOutcomes(t *testing.T) {
	ps, _, st, s, _ := setup(t)
	ps.status = http.StatusServiceUnavailable
	_, err := s.Send(ctx, &kabinet.Message{Recipient: "7", Text: "{}"})
	if err == nil || errors.Is(err, kabinet.ErrPermanent) {
		t.Errorf("503: %v, want a temporary error", err)
	}
	ps.status = http.StatusGone
	_, err = s.Send(ctx, &kabinet.Message{Recipient: "7", Text: "{}"})
	if !errors.Is(err, kabinet.ErrPermanent) || len(st.deleted) != 1 {
		t.Errorf("410: %v, deleted %v", err, st.deleted)
	}
	if _, err := s.Send(ctx, &kabinet.Message{Recipient: "7", Text: "{}"}); !errors.Is(err, kabinet.ErrPermanent) {
		t.Errorf("a removed subscription: %v", err)
	}
}

// Without the seam the fake push service on loopback is refused, at the
// check and at the connection.
func TestSendRefusesLoopback(t *testing.T) {
	ps, _, st, _, keys := setup(t)
	s := webpush.NewSender(st, keys, "mailto:x@y", &webpush.Endpoints{})
	if _, err := s.Send(ctx, &kabinet.Message{Recipient: "7", Text: "{}"}); !errors.Is(err, kabinet.ErrPermanent) {
		t.Errorf("loopback endpoint: %v", err)
	}
	if len(ps.bodies) != 0 {
		t.Error("the push service was reached")
	}
}

func TestCheckEndpoint(t *testing.T) {
	e := &webpush.Endpoints{}
	for _, raw := range []string{
		"http://fcm.googleapis.com/fcm/send/x", // not https
		"https://127.0.0.1/x", "https://[::1]/x", "https://10.1.2.3/x", "https://192.168.0.1/x",
		"https://172.16.5.5/x", "https://169.254.169.254/latest", "https://[fe80::1]/x", "https://[fc00::1]/x",
		"https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::ffff:127.0.0.1]/x", "https://localhost/x",
		"https://user:pw@8.8.8.8/x", "ftp://8.8.8.8/", "not a url", "https:///x",
	} {
		if err := e.Check(ctx, raw); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("%s: %v, want EINVALID", raw, err)
		}
	}
	if err := e.Check(ctx, "https://8.8.8.8/push/x"); err != nil {
		t.Errorf("a public address: %v", err)
	}
}

func TestPublic(t *testing.T) {
	for s, want := range map[string]bool{"8.8.8.8": true, "2a00:1450:4010::8a": true, "127.0.0.1": false,
		"10.0.0.1": false, "169.254.1.1": false, "fe80::1": false, "::": false, "224.0.0.1": false} {
		if got := webpush.Public(netip.MustParseAddr(s)); got != want {
			t.Errorf("Public(%s) = %v", s, got)
		}
	}
}
