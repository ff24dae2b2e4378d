package main

import (
	"context"
	"net/http"
	"time"
)

// drainable answers /readyz with 503 once the server drains, so that the
// load balancer stops sending it customers while it still serves those it
// sent; every other path is served as before.
func (m *Main) drainable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/readyz" && m.draining.Load() {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("draining\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Drain takes the server out of the balancer before it stops: /readyz
// answers 503 for the grace period (--drain-grace) while requests are
// still served, keep-alive connections closing after their next answer;
// then Close stops taking connections, lets those in flight finish
// (until ctx ends) and stops the workers.
func (m *Main) Drain(ctx context.Context) error {
	m.draining.Store(true)
	if m.srv != nil {
		m.srv.SetKeepAlivesEnabled(false)
	}
	if grace := m.Config.DrainGrace; grace > 0 {
		m.log.Info("draining", "grace", grace)
		t := time.NewTimer(grace)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}
	return m.Close(ctx)
}
