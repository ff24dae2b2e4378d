// Package exchangeapi is the billing exchange over HTTP for machine
// clients (the supplier's billing system): /api/exchange/v1/, bearer
// tokens of the exchange scope, JSON answers and errors. It is its own
// handler, mounted beside the portal and the back office; it speaks no
// HTML and knows nothing about SQL.
package exchangeapi

import (
	"context"
	"log/slog"
	"net/http"

	"kabinet"
	"kabinet/exchange"
)

// Prefix is where the exchange is served.
const Prefix = "/api/exchange/v1/"

// Tokens authenticate machine clients and audit what they do.
// *exchange.Tokens satisfies it.
type Tokens interface {
	Authenticate(ctx context.Context, header string) (*kabinet.ExchangeToken, error)
	Audit(ctx context.Context, t *kabinet.ExchangeToken, action kabinet.AuditAction, detail, ip string) error
}

// Config is the plain configuration of the exchange surface.
type Config struct {
	// TrustProxy takes the client's address from the last
	// X-Forwarded-For hop, as the portal does behind a reverse proxy.
	TrustProxy bool
}

// Deps are the collaborators of the exchange surface. Without Importer the
// POST routes answer 503.
type Deps struct {
	Logger   *slog.Logger
	Tokens   Tokens
	Exporter *exchange.Exporter
	Importer Importer
}

// Server is the exchange's HTTP surface.
type Server struct {
	cfg      Config
	log      *slog.Logger
	tokens   Tokens
	exporter *exchange.Exporter
	importer Importer
	mux      *http.ServeMux
	patterns []string
	handler  http.Handler
}

// New builds the exchange surface.
func New(cfg Config, deps Deps) *Server {
	s := &Server{cfg: cfg, log: deps.Logger, tokens: deps.Tokens, exporter: deps.Exporter, importer: deps.Importer,
		mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.routes()
	s.handler = s.needToken(s.mux)
	return s
}

// ServeHTTP serves a request under Prefix.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Routes returns the patterns the exchange serves, for the access
// matrices.
func (s *Server) Routes() []string { return s.patterns }

// handle registers a route and records its pattern.
func (s *Server) handle(pattern string, h handlerFunc) {
	s.patterns = append(s.patterns, pattern)
	s.mux.Handle(pattern, s.adapt(h))
}
