package web

import (
	"log/slog"
	"net/http"
	"runtime/debug"
)

// recoverPanics turns a panic in a handler into a logged stack and a 500
// page, so one bad request does not take the server down with it.
func recoverPanics(log *slog.Logger, fail http.HandlerFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v) // the server's own signal to drop the connection
				}
				log.ErrorContext(r.Context(), "panic",
					"method", r.Method, "route", routeLabel(r),
					"panic", v, "stack", string(debug.Stack()))
				fail(w, r)
			}()
			next.ServeHTTP(w, r)
		})
	}
}
