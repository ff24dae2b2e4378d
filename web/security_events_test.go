package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a log sink the handlers write to from the test's
// goroutine only, guarded anyway.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Failed sign-ins, lockouts and forged bank callbacks leave a security
// event in the log, without the secret typed (issue 14).
func TestSecurityEvents(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	var logs lockedBuffer
	p.Server.log = slog.New(slog.NewTextHandler(&logs, nil))
	a := newAgent(t, p.Handler())
	for range 11 {
		a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"секрет-который-не-пишут"}})
	}
	r := newPost("/payments/callback", url.Values{"mdOrder": {"x"}, "orderNumber": {"1"}, "operation": {"deposited"},
		"status": {"1"}, "checksum": {"00"}})
	if res := do(t, p.Handler(), r); res.Code != http.StatusForbidden {
		t.Fatalf("forged callback: %d", res.Code)
	}
	out := logs.String()
	for _, event := range []string{"event=signin_failed", "event=signin_locked", "event=bank_callback_bad_checksum"} {
		if !strings.Contains(out, event) {
			t.Errorf("no %s in the log:\n%s", event, out)
		}
	}
	if strings.Contains(out, "секрет-который-не-пишут") {
		t.Error("the secret typed is in the log")
	}
}
