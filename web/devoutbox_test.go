package web

import (
	"net/http"
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
		p := newPortal(t, "http://127.0.0.1", Config{DevOutbox: true})
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
	})
}
