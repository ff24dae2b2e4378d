package web

import "net/http"

// routes registers the shell's own routes — the assets and the
// operations, each behind the same protection as a site's pages — and
// mounts the sites, each with its own routes file and middleware: the
// back office at /office/ (routes_office.go), the billing exchange for
// machine clients at /api/exchange/ (exchangeapi: its own routes, bearer
// tokens and JSON errors), the customer's JSON API at /api/ (package
// api), and the customer portal at /, everything else
// (routes_portal.go).
func (s *Server) routes() {
	m, own := routeTable{s.own}, s.own

	// Static assets under content-hashed URLs.
	m.Handle("GET /static/{hash}/{name...}", own.protect(own.handle(s.handleAsset)))

	// Operations.
	m.Handle("GET /healthz", own.protect(http.HandlerFunc(s.handleHealthz)))
	m.Handle("GET /readyz", own.protect(http.HandlerFunc(s.handleReadyz)))
	m.Handle("GET /metrics", own.protect(s.metricsHandler()))

	// The billing exchange (BEY-6), for the supplier's billing system.
	if s.exchange != nil {
		m.Handle("/api/exchange/", own.protect(s.exchange))
	}

	// The customer's JSON API (issue 19) and its developers' page at
	// /api/. Not behind protect: it answers problem+json, not pages, and
	// a bearer request needs no CSRF check (a browser never sends the
	// token by itself); the API recovers its own panics.
	if s.api != nil {
		m.Mount("/api/", s.api)
	}

	// The back office (BEY-5), for the supplier's operators; "/office"
	// too, so that it answers the office's 404 rather than a redirect.
	m.Mount("/office/", s.office.handler)
	m.Mount("/office", s.office.handler)

	// The customer portal.
	m.Mount("/", s.portal.handler)
}
