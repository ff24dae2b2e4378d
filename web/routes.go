package web

// routes registers every route of the customer portal. Patterns use the
// stdlib ServeMux syntax; "{$}" pins the root so "/" alone is the catch-all
// that renders the Russian 404 page.
func (s *Server) routes() {
	m, h := s.mux, s.handle

	// Sign-in (AUTH-1). The account pages come with the next issues.
	m.Handle("GET /{$}", h(s.handleLoginShow))
	m.Handle("GET /login", h(s.handleLoginShow))
	m.Handle("POST /login", h(s.handleLoginCreate))
	m.Handle("GET /password", h(s.handlePasswordShow))

	// Version for the visually impaired (UI-2).
	m.Handle("GET /a11y", h(s.handleA11yShow))
	m.Handle("POST /a11y", h(s.handleA11yUpdate))

	// Static assets under content-hashed URLs.
	m.Handle("GET /static/{hash}/{name...}", h(s.handleAsset))

	// Operations.
	m.HandleFunc("GET /healthz", s.handleHealthz)
	m.HandleFunc("GET /readyz", s.handleReadyz)
	m.Handle("GET /metrics", s.metricsHandler())

	m.Handle("/", h(s.handleNotFound))
}
