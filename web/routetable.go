package web

import "net/http"

// routeTable registers routes on a site's mux and keeps their patterns,
// the site's and, in order, every site's on the shell, so that tests can
// walk every route the portal has, including those added later: the
// access-control matrix tries each account-scoped one with every kind of
// visitor.
type routeTable struct{ s *site }

// Handle registers h for pattern.
func (t routeTable) Handle(pattern string, h http.Handler) {
	t.s.patterns = append(t.s.patterns, pattern)
	t.s.Server.patterns = append(t.s.Server.patterns, pattern)
	t.s.mux.Handle(pattern, h)
}

// HandleFunc registers f for pattern.
func (t routeTable) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	t.Handle(pattern, http.HandlerFunc(f))
}

// Fallback registers h for what no route of the site takes under pattern:
// the site's own catch-all, which answers 404 or 405.
func (t routeTable) Fallback(pattern string, h http.Handler) {
	t.Handle(pattern, h)
	t.s.fallbacks = append(t.s.fallbacks, pattern)
}

// Mount hands everything under pattern to a site with its own routes.
// Its patterns are not routes of this one.
func (t routeTable) Mount(pattern string, h http.Handler) {
	t.s.mux.Handle(pattern, h)
	t.s.fallbacks = append(t.s.fallbacks, pattern)
}
