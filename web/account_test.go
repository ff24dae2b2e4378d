package web

import (
	"net/http"
	"net/url"
	"testing"
)

// The pages of one account answer its owner, send a stranger to sign in,
// and answer 404 to another customer, as for an account that does not
// exist.
func TestAccountPagesReachOnlyTheirCustomers(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	p.registered(t, "ИЭСБК0041300", "Петрова", "Байкал-2026-омуль", "petrova@example.ru")
	owner, other, stranger := newAgent(t, p.Handler()), newAgent(t, p.Handler()), newAgent(t, p.Handler())
	owner.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	other.post("/login", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Байкал-2026-омуль"}})
	home := owner.get("/").Header().Get("Location")
	if home == "" || home == other.get("/").Header().Get("Location") {
		t.Fatalf("homes: owner %q", home)
	}
	for _, path := range []string{home, home + "readings", home + "profile"} {
		wantStatus(t, owner.get(path), http.StatusOK)
		wantStatus(t, other.get(path), http.StatusNotFound)
		w := stranger.get(path)
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != "/login" {
			t.Errorf("stranger %s → %q", path, got)
		}
	}
	for _, path := range []string{"/a/0/", "/a/999999/", "/a/x/", "/a/-1/readings", "/a/0" + home[3:]} {
		if got := owner.get(path).Code; got != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", path, got)
		}
	}
}
