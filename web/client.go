package web

import (
	"net/http"

	"kabinet/auth"
	"kabinet/clientip"
)

// client describes where a request came from, for the sign-in service's
// per-IP limits, consent records and sessions.
func (s *Server) client(r *http.Request) auth.Client {
	return auth.Client{IP: clientip.Of(r, s.cfg.TrustProxy), UserAgent: r.UserAgent()}
}
