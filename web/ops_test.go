package web

import (
	"context"
	"net/http"
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
		h := MustServer(t, nil).Handler()
		wantStatus(t, get(t, h, "/login"), http.StatusOK)
		wantStatus(t, get(t, h, "/no/such/page?account=123"), http.StatusNotFound)
		w := get(t, h, "/metrics")
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
}
