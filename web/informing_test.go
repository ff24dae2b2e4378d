package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet"
)

// The link of an informing e-mail asks first, then turns the e-mail tick
// off and logs the change; a forged token changes nothing.
func TestUnsubscribe(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	a := p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	set := kabinet.DefaultServiceSettings(a, nil)
	set.EmailInfo, set.Email = true, "ivanov@example.ru"
	if _, err := p.db.SaveServiceSettings(context.Background(), set, kabinet.DefaultServiceSettings(a, nil), kabinet.ChangeSourceWeb, 0); err != nil {
		t.Fatal(err)
	}
	ag := newAgent(t, p.Handler())
	tok := p.signer.Sign(a.ID)
	resp := ag.get("/unsubscribe?t=" + url.QueryEscape(tok))
	if resp.Code != http.StatusOK || !strings.Contains(resp.Body.String(), "Отписаться") {
		t.Fatalf("GET: %d %s", resp.Code, resp.Body)
	}
	if s, _ := p.db.FindServiceSettings(context.Background(), a.ID); !s.EmailInfo {
		t.Fatal("opening the link unsubscribed")
	}
	forged := ag.post("/unsubscribe", url.Values{"t": {"99" + tok[1:]}})
	if forged.Code != http.StatusBadRequest {
		t.Errorf("forged token: %d", forged.Code)
	}
	done := ag.post("/unsubscribe", url.Values{"t": {tok}})
	if done.Code != http.StatusOK || !strings.Contains(done.Body.String(), "Вы отписались") {
		t.Fatalf("POST: %d %s", done.Code, done.Body)
	}
	s, _ := p.db.FindServiceSettings(context.Background(), a.ID)
	cs, _ := p.db.FindServiceChanges(context.Background(), a.ID)
	if s.EmailInfo || cs[len(cs)-1].Source != kabinet.ChangeSourceUnsubscribe {
		t.Errorf("settings %+v, last change %+v", s, cs[len(cs)-1])
	}
}
