package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestDevOutbox(t *testing.T) {
	t.Run("OffIs404", func(t *testing.T) {
		p := newPortal(t, "http://127.0.0.1", Config{})
		for _, path := range []string{"/dev/mail", "/dev/sms"} {
			wantStatus(t, get(t, p.Handler(), path), http.StatusNotFound)
		}
	})
	t.Run("OnListsMessagesWithLinks", func(t *testing.T) {
		p := newPortal(t, "http://127.0.0.1", Config{DevOutbox: true, Dev: true})
		p.account(t, "ИЭСБК0041300", "Петрова")
		a := newAgent(t, p.Handler())
		firstVisit(t, a, "ИЭСБК0041300", "Петрова")
		a.post("/register", registration("email"))
		d := doc(t, a.get("/dev/mail"))
		d.One(`table.outbox tbody td .outbox-body a[href^="http://127.0.0.1/register/confirm?token="]`)
		if got := d.Text("table.outbox tbody td.outbox-to"); got != "petrova@example.ru" {
			t.Errorf("recipient = %q", got)
		}
		wantStatus(t, a.get("/dev/sms"), http.StatusOK)
	}) // Without --dev the outbox is for the machine itself only: every
	// reset link and code is on it (issue 14).
	t.Run("OnlyLoopbackWithoutDev", func(t *testing.T) {
		p := newPortal(t, "http://127.0.0.1", Config{DevOutbox: true})
		for _, c := range []struct {
			remote, forwarded string
			want              int
		}{{"192.0.2.10:4000", "", http.StatusNotFound}, {"127.0.0.1:4000", "", http.StatusOK},
			{"[::1]:4000", "", http.StatusOK}, {"127.0.0.1:4000", "192.0.2.10", http.StatusNotFound}} {
			r := httptest.NewRequest(http.MethodGet, "/dev/sms", nil)
			r.RemoteAddr = c.remote
			if c.forwarded != "" {
				r.Header.Set("X-Forwarded-For", c.forwarded)
			}
			if got := do(t, p.Handler(), r).Code; got != c.want {
				t.Errorf("from %s (forwarded %q): %d, want %d", c.remote, c.forwarded, got, c.want)
			}
		}
	})
}
