package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kabinet/auth"
)

// TestSignedInRequestsAreCountedByRoute: the visitor middleware hands the
// mux a copy of the request; the metrics must still see the route.
func TestSignedInRequestsAreCountedByRoute(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	in, err := p.svc.SignIn(context.Background(), "10103001857", "Байкал-2026-омуль", auth.Client{IP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: in.Token})
	w := httptest.NewRecorder()
	p.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("GET / signed in = %d", w.Code)
	}
	m := httptest.NewRecorder()
	p.Metrics().ServeHTTP(m, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(m.Body)
	if want := `kabinet_http_requests_total{code="303",method="GET",route="GET /{$}"} 1`; !strings.Contains(string(body), want) {
		t.Errorf("metrics lack %s", want)
	}
	if strings.Contains(string(body), `route="unmatched"`) {
		t.Error("a signed-in page was counted as unmatched")
	}
}
