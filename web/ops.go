package web

import (
	"context"
	"crypto/subtle"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// readyTimeout bounds a readiness check: a probe that hangs is a failure.
const readyTimeout = 2 * time.Second

// handleHealthz answers while the process can serve HTTP at all.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	plain(w, http.StatusOK, "ok\n")
}

// handleReadyz answers 200 only while the dependencies answer, so a load
// balancer stops sending customers to an instance that lost its database.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if err := s.pinger.Ping(ctx); err != nil {
		s.log.WarnContext(r.Context(), "not ready", "err", err)
		plain(w, http.StatusServiceUnavailable, "not ready\n")
		return
	}
	plain(w, http.StatusOK, "ok\n")
}

// Metrics is the Prometheus endpoint without a guard, for cmd/kabinet to
// serve on a separate, private address (--metrics-listen).
func (s *Server) Metrics() http.Handler {
	return promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})
}

// metricsHandler is /metrics on the portal's own address: only with
// Config.MetricsToken as a bearer token. Without a token it is 404 there:
// the figures tell an outsider how busy the portal is and which pages
// fail, so they are served where only the monitoring reaches.
func (s *Server) metricsHandler() http.Handler {
	metrics := s.Metrics()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.MetricsToken == "" {
			s.own.handle(s.own.handleNotFound).ServeHTTP(w, r)
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.MetricsToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			plain(w, http.StatusUnauthorized, "unauthorized\n")
			return
		}
		metrics.ServeHTTP(w, r)
	})
}

func plain(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	io.WriteString(w, body)
}
