package web

import "net/http"

// routeTable registers routes on the server's mux and keeps their
// patterns, so that tests can walk every route the portal has, including
// those added later: the access-control matrix tries each account-scoped
// one with every kind of visitor.
type routeTable struct{ s *Server }

// Handle registers h for pattern.
func (t routeTable) Handle(pattern string, h http.Handler) {
	t.s.patterns = append(t.s.patterns, pattern)
	t.s.mux.Handle(pattern, h)
}

// HandleFunc registers f for pattern.
func (t routeTable) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	t.Handle(pattern, http.HandlerFunc(f))
}
