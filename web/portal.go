package web

import (
	"net/http"

	"kabinet/auth"
	"kabinet/home"
	"kabinet/payments"
	"kabinet/readings"
	"kabinet/requests"
)

// portalSite is the customer portal, mounted on the shell at /: its routes
// (routes_portal.go), its middleware — the visitor of the session cookie
// (middleware_session.go) and the flash — and its guards: signed in
// (needAuth), confirming a registration (pending), the customer's cabinet
// (cabinet) and one account they reach (account).
type portalSite struct {
	site
	auth     *auth.Service
	outbox   Outbox
	accounts AccountData
	payments *payments.Service
	devBank  http.Handler
	home     *home.Service
	pdf      BillRenderer
	readings *readings.Service
	push     Pusher
	unsub    Unsubscriber
	requests *requests.Service
	handler  http.Handler
}

func newPortalSite(s *Server, deps Deps) *portalSite {
	p := &portalSite{auth: deps.Auth, outbox: deps.Outbox, accounts: deps.Accounts, payments: deps.Payments,
		devBank: deps.DevBank, home: deps.Home, pdf: deps.PDF, readings: deps.Readings, push: deps.Push,
		unsub: deps.Unsubscribe, requests: deps.Requests}
	p.site = s.newSite(p.base)
	p.routes()
	p.handler = p.middleware(recordRoute(p.mux))
	return p
}

// middleware wraps the portal's mux, outermost first: the shell's
// protection, the gate, then the visitor, then the flash. The visitor is
// resolved after the CSRF check and the input check, so a refused
// cross-site post or bad bytes cost no database read, and after the gate,
// whose requests wait before their first read.
func (p *portalSite) middleware(h http.Handler) http.Handler {
	return p.protect(p.admit(p.resolveVisitor(p.takeFlash(h))))
}
