// Package web is the web surface: one shell (Server) and the sites on it.
// The shell has what they share — the request log, metrics, security
// headers, panic recovery, the CSRF and input checks, typed pages rendered
// with html/template in one layout, error pages, content-hashed static
// assets, the version for the visually impaired, the operations
// endpoints. The sites are the customer portal at / (portalSite,
// routes_portal.go) and the back office at /office/ (officeSite,
// routes_office.go), each with its own middleware chain and guards; the
// billing exchange (exchangeapi) is mounted at /api/exchange/. It speaks
// Russian to people and knows nothing about SQL; cmd/kabinet/app wires it
// to the services.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
	"kabinet/office"
	"kabinet/payments"
	"kabinet/readings"
	"kabinet/requests"
)

// Config is the plain configuration of the web surface. cmd/kabinet fills it
// from flags and the environment.
type Config struct {
	// SupplierName is shown in the header, the footer and page titles,
	// e.g. «ООО «Иркутскэнергосбыт»» (or «Демо-Энергосбыт» in the demo).
	SupplierName string
	// BaseURL is the public address of the portal. An https address makes
	// cookies Secure and turns on HSTS.
	BaseURL string
	// Dev shows internal error details on error pages. Never in production.
	Dev bool
	// DevOutbox serves /dev/mail and /dev/sms, the latest messages of the
	// outbox, so a demo user can follow a confirmation link without a
	// mailbox. Never in production: the pages show every customer's mail.
	DevOutbox bool
	// TrustProxy makes the last X-Forwarded-For hop the client's address,
	// for a portal behind a reverse proxy. Off, the header is ignored:
	// anyone could write it and dodge the per-IP limits.
	TrustProxy bool
	// AgentURL is a payment agent's page («Система Город») with
	// {account} where the account number goes; "" shows no link.
	AgentURL string
	// BusinessURL is the supplier's cabinet for legal entities: the
	// sign-in form's «Для юридических лиц» leads there; "" hides the
	// choice (a page that could only say «not here» helps nobody).
	BusinessURL string
	// MetricsToken, if set, is the bearer token /metrics asks for on the
	// portal's address; without it /metrics is not served there (see
	// Server.Metrics for a separate address).
	MetricsToken string
	// Location is the supplier's time zone, in which times are shown
	// (UTC when nil).
	Location *time.Location
	// Active is how many requests of the portal and the back office work
	// at once; the others wait their turn, oldest first (gate). 0: no
	// limit.
	Active int
}

// Pinger reports whether the things the portal needs to serve requests
// (the database, mostly) are reachable. GET /readyz asks it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Outbox lists the messages sent to customers, newest first, for the dev
// outbox pages. *sqlstore.DB satisfies it.
type Outbox interface {
	FindMessages(ctx context.Context, ch kabinet.Channel, limit int) ([]*kabinet.Message, error)
}

// BillRenderer makes the PDF of a bill and of the explained sample bill.
// *pdf.Renderer satisfies it.
type BillRenderer interface {
	Bill(b *kabinet.Bill) ([]byte, error)
	SampleBill(b *kabinet.Bill) ([]byte, error)
}

// Deps are the collaborators of the shell and its sites, grouped by who
// uses them. Nil fields get harmless defaults: a discarding logger, a
// private registry, always ready. Without Auth nobody is signed in and
// the sign-in forms answer that sign-in is unavailable; without Outbox the
// dev outbox pages are 404. Home and PDF are needed by «Главная» and the
// bills.
type Deps struct {
	// The shell's.
	Logger   *slog.Logger
	Registry *prometheus.Registry
	Pinger   Pinger

	// The customer portal's.
	Auth   *auth.Service
	Outbox Outbox
	// Accounts gives the sub-accounts and providers of an account for
	// «Личные данные»; without it the page leaves them out.
	Accounts AccountData
	// Payments takes card payments; DevBank, if set, is the demo's fake
	// bank, served under /dev/bank/.
	Payments *payments.Service
	DevBank  http.Handler
	Home     *home.Service
	PDF      BillRenderer
	// Readings passes meter readings; without it the pages say the
	// service is unavailable.
	Readings *readings.Service
	// Push keeps browsers' push subscriptions; nil: no offer, no route.
	Push Pusher
	// Unsubscribe turns off e-mail informing from a letter's link.
	Unsubscribe Unsubscriber

	// Requests takes the customers' requests and enquiries, and lets the
	// back office answer them; the pages of both sites need it.
	Requests *requests.Service

	// The back office's: it is served under /office/; without Office
	// there is none (every /office/ path is 404).
	Office *office.Service
	// Broadcasts are the admins' messages to many customers; without
	// them the back office has no «Рассылки».
	Broadcasts *office.Broadcasts

	// Exchange is the billing exchange for machine clients
	// (exchangeapi), mounted under /api/exchange/ with its own routes and
	// bearer tokens; without it there is none.
	Exchange http.Handler
	// API is the customer's JSON API for the mobile app (package api),
	// mounted under /api/ (its developers' page) and /api/v1/ with its
	// own routes, bearer tokens and problem+json errors; without it
	// there is none.
	API http.Handler
}

// Server is the shell of the web surface: what the customer portal and
// the back office share — configuration, the request log, metrics and
// security headers, assets, templates and their layout, error pages,
// cookies — and the mux that serves its own routes (assets, operations)
// and mounts the sites: the back office at /office/, the billing exchange
// at /api/exchange/, the customer portal at / (routes_shell.go).
type Server struct {
	cfg      Config
	log      *slog.Logger
	registry *prometheus.Registry
	pinger   Pinger
	pages    *pages
	assets   *assets
	metrics  *metrics
	mux      *http.ServeMux
	// patterns are the routes of every site, in order (routeTable).
	patterns []string
	// own are the shell's own routes, on mux; portal and office the sites.
	own      *site
	portal   *portalSite
	office   *officeSite
	exchange http.Handler
	api      http.Handler
	handler  http.Handler
	gate     *gate // nil: no limit
}

// New builds the server: it hashes the assets, parses the templates and
// registers the metrics once, so a broken template fails at start, not
// in front of a customer; then it builds the sites on it.
func New(cfg Config, deps Deps) (*Server, error) {
	s := &Server{cfg: cfg, log: deps.Logger, registry: deps.Registry, pinger: deps.Pinger, exchange: deps.Exchange, api: deps.API,
		gate: newGate(cfg.Active)}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
	}
	if s.pinger == nil {
		s.pinger = alwaysReady{}
	}
	var err error
	if s.assets, err = loadAssets(staticFS); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(templateFS, s.assets.URL); err != nil {
		return nil, err
	}
	if s.metrics, err = newMetrics(s.registry, s.gate); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.own = &site{Server: s, mux: s.mux, frame: s.plainBase}
	s.portal = newPortalSite(s, deps)
	s.office = newOfficeSite(s, deps)
	s.routes()
	s.handler = s.middleware(recordRoute(s.mux))
	return s, nil
}

// Handler returns the portal with all its middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// ServeHTTP lets the server be used as an http.Handler directly.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// middleware wraps the shell's mux, outermost first. The request log and
// metrics sit outside everything a site does (site.protect), so a
// recovered panic or a refused form is still logged and counted.
func (s *Server) middleware(h http.Handler) http.Handler {
	chain := []func(http.Handler) http.Handler{
		withRoute,
		securityHeaders(s.secure()),
		logRequests(s.log),
		s.metrics.observe,
	}
	for i := len(chain) - 1; i >= 0; i-- {
		h = chain[i](h)
	}
	return h
}

// plainBase is the BasePage of the shell's own pages (an unknown asset,
// a refused request to the exchange): the layout with nobody signed in.
// The sites' frames build on the same fields.
func (s *Server) plainBase(r *http.Request, title string) BasePage {
	return BasePage{Title: title, SupplierName: s.cfg.SupplierName, Path: r.URL.Path, Flash: flash(r), A11y: a11yFromRequest(r)}
}

// local returns t in the supplier's time zone.
func (s *Server) local(t time.Time) time.Time {
	if s.cfg.Location == nil {
		return t.UTC()
	}
	return t.In(s.cfg.Location)
}

// secure reports whether the portal is served over https.
func (s *Server) secure() bool {
	return strings.HasPrefix(strings.ToLower(s.cfg.BaseURL), "https://")
}

type alwaysReady struct{}

func (alwaysReady) Ping(context.Context) error { return nil }
