package web

import (
	"log/slog"
	"net/http"
	"time"
)

// logRequests logs one line per request. It logs the route pattern, not the
// URL: query strings and paths may hold personal data.
func logRequests(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("route", routeLabel(r)),
				slog.Int("status", sw.code()),
				slog.Duration("duration", time.Since(start)),
				slog.Int64("bytes", sw.bytes),
			)
		})
	}
}
