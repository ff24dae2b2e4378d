package web

import (
	"net"
	"net/http"
	"strings"

	"kabinet/auth"
)

// client describes where a request came from, for the sign-in service's
// per-IP limits, consent records and sessions.
func (s *Server) client(r *http.Request) auth.Client {
	return auth.Client{IP: s.clientIP(r), UserAgent: r.UserAgent()}
}

// clientIP is the address of the peer. Behind a trusted proxy it is the
// last X-Forwarded-For hop: the one our proxy appended. Earlier hops are
// written by the client and prove nothing.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if hops := r.Header.Values("X-Forwarded-For"); len(hops) > 0 {
			list := strings.Split(hops[len(hops)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(list[len(list)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
