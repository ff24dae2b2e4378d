// Package api is the customer's JSON API, /api/v1/, for the mobile app and
// the programs a customer allows: the same application services, limits,
// refusals and authorization as the portal's pages, over bearer tokens of
// device sessions, with errors as application/problem+json (RFC 9457) and
// an OpenAPI 3.1 document (openapi.json) that the tests hold every answer
// to. It is its own handler, mounted by the web shell under /api/; it
// speaks no HTML but the developers' page at /api/, and knows no SQL.
package api

import (
	"log/slog"
	"net/http"

	"kabinet"
	"kabinet/auth"
	"kabinet/home"
	"kabinet/payments"
	"kabinet/readings"
	"kabinet/requests"
)

// Prefix is where the API is served.
const Prefix = "/api/v1/"

// BillRenderer makes the PDF of a bill (*pdf.Renderer).
type BillRenderer interface {
	Bill(b *kabinet.Bill) ([]byte, error)
}

// Config is the plain configuration of the API.
type Config struct {
	// TrustProxy takes the client's address from the last
	// X-Forwarded-For hop, as the portal does behind a reverse proxy.
	TrustProxy bool
	// BaseURL is the portal's public address: a payment page the demo
	// bank serves on the portal's own address is given in full with it.
	BaseURL string
}

// Deps are the services the API stands on: the portal's own.
type Deps struct {
	Logger   *slog.Logger
	Auth     *auth.Service
	Home     *home.Service
	Readings *readings.Service
	Payments *payments.Service
	Requests *requests.Service
	PDF      BillRenderer
}

// Server is the API's HTTP surface.
type Server struct {
	cfg      Config
	log      *slog.Logger
	auth     *auth.Service
	home     *home.Service
	readings *readings.Service
	payments *payments.Service
	requests *requests.Service
	pdf      BillRenderer
	mux      *http.ServeMux
	patterns []string
	handler  http.Handler
}

// New builds the API.
func New(cfg Config, deps Deps) *Server {
	s := &Server{cfg: cfg, log: deps.Logger, auth: deps.Auth, home: deps.Home, readings: deps.Readings,
		payments: deps.Payments, requests: deps.Requests, pdf: deps.PDF, mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.routes()
	s.handler = s.recover(s.mux)
	return s
}

// ServeHTTP serves a request under /api/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns the patterns the API serves, for the access matrix.
func (s *Server) Routes() []string { return s.patterns }
