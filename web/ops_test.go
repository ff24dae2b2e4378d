package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// slowPinger blocks until the context ends, like a database that hangs.
type slowPinger struct{}

func (slowPinger) Ping(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestOperations(t *testing.T) {
	t.Run("HealthzOK", func(t *testing.T) {
		w := get(t, MustServer(t, stubPinger{errDown}).Handler(), "/healthz")
		wantStatus(t, w, http.StatusOK)
		if got := body(t, w); got != "ok\n" {
			t.Errorf("body = %q", got)
		}
	})

	t.Run("ReadyWhenPingSucceeds", func(t *testing.T) {
		w := get(t, MustServer(t, stubPinger{}).Handler(), "/readyz")
		wantStatus(t, w, http.StatusOK)
	})

	t.Run("NotReadyWhenPingFails", func(t *testing.T) {
		w := get(t, MustServer(t, stubPinger{errDown}).Handler(), "/readyz")
		wantStatus(t, w, http.StatusServiceUnavailable)
	})

	t.Run("NotReadyWhenPingHangs", func(t *testing.T) {
		start := time.Now()
		w := get(t, MustServer(t, slowPinger{}).Handler(), "/readyz")
		wantStatus(t, w, http.StatusServiceUnavailable)
		if d := time.Since(start); d > readyTimeout+time.Second {
			t.Errorf("readyz took %v, want about %v", d, readyTimeout)
		}
	})

	t.Run("MetricsCountRequestsByRoutePattern", func(t *testing.T) {
		s := MustServer(t, nil)
		h := s.Handler()
		wantStatus(t, get(t, h, "/login"), http.StatusOK)
		wantStatus(t, get(t, h, "/no/such/page?account=123"), http.StatusNotFound)
		w := get(t, s.Metrics(), "/metrics")
		wantStatus(t, w, http.StatusOK)
		text := body(t, w)
		for _, want := range []string{
			`kabinet_http_requests_total{code="200",method="GET",route="GET /login"} 1`,
			`kabinet_http_requests_total{code="404",method="GET",route="/"} 1`,
			`kabinet_http_request_duration_seconds_count{route="GET /login"} 1`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		if strings.Contains(text, "/no/such/page") {
			t.Error("metrics carry a raw path")
		}
	})

	// /metrics on the portal's address needs the token; without one
	// configured it is not there at all (issue 14).
	t.Run("MetricsBehindToken", func(t *testing.T) {
		wantStatus(t, get(t, MustServer(t, nil).Handler(), "/metrics"), http.StatusNotFound)
		s, err := New(Config{SupplierName: testSupplier, BaseURL: "http://127.0.0.1", MetricsToken: "s3cret-token"}, Deps{})
		if err != nil {
			t.Fatal(err)
		}
		wantStatus(t, get(t, s.Handler(), "/metrics"), http.StatusUnauthorized)
		r := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		r.Header.Set("Authorization", "Bearer wrong")
		wantStatus(t, do(t, s.Handler(), r), http.StatusUnauthorized)
		r.Header.Set("Authorization", "Bearer s3cret-token")
		if w := do(t, s.Handler(), r); w.Code != http.StatusOK || !strings.Contains(body(t, w), "kabinet_http") {
			t.Errorf("with the token: %d", w.Code)
		}
	})
}
