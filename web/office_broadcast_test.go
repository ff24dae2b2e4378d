package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
	"kabinet/office"
)

// broadcastDraft writes a draft broadcast to everyone as the admin.
func (p *portal) broadcastDraft(tb testing.TB) *kabinet.Broadcast {
	tb.Helper()
	admin, err := p.db.FindOperatorByLogin(context.Background(), "admin")
	if err != nil {
		tb.Fatal(err)
	}
	b, err := p.Server.office.broadcasts.Create(context.Background(), admin, office.BroadcastDraft{Title: "Отключение", Text: "Завтра",
		Audience: kabinet.AudienceAll}, office.Client{IP: "127.0.0.1"})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestOfficeBroadcastForm(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	p.officeStaff(t)
	a := newAgent(t, p.Handler())
	p.officeSignIn(t, a, "admin")

	res := a.post("/office/broadcasts", url.Values{"title": {"Отключение"}, "text": {"Завтра с 10 до 12"},
		"audience": {"list"}, "list": {"10103001857\n77777777777"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	d := a.doc()
	if got := d.Text("#list-error"); !strings.Contains(got, "строка 2 «77777777777»") {
		t.Errorf("list error = %q", got)
	}
	if got := d.Text("#list"); !strings.Contains(got, "77777777777") || !d.Has(`#title[value="Отключение"]`) {
		t.Errorf("the form did not keep what was typed: list %q", got)
	}

	res = a.post("/office/broadcasts", url.Values{"title": {"Отключение"}, "text": {"Завтра с 10 до 12"},
		"audience": {"list"}, "list": {"10103001857"}})
	a.follow(res, "/office/broadcasts/1")
	if got := a.doc().Text("#broadcast-total"); got != "1" {
		t.Errorf("preview count = %q, want 1", got)
	}
}
