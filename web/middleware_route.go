package web

import (
	"context"
	"net/http"
)

// matchedRoute carries the route pattern the mux matched back out to the
// middleware that wraps it. The mux records the pattern on the request it
// is given, and middleware in between (the visitor, the flash) pass on
// copies made with WithContext, so the outer request never sees it.
type matchedRoute struct{ pattern string }

type routeKey struct{}

// withRoute gives the request a place for the matched route; it is the
// outermost middleware, so every other one can read it.
func withRoute(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, &matchedRoute{})))
	})
}

// recordRoute wraps a mux and fills in the route it matches. The shell's
// mux records the site it mounts, and the site's mux, inside, the route.
func recordRoute(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m, ok := r.Context().Value(routeKey{}).(*matchedRoute); ok {
			_, m.pattern = mux.Handler(r)
		}
		mux.ServeHTTP(w, r)
	})
}
