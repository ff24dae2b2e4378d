package web

import (
	"net/http"

	"kabinet/auth"
	"kabinet/office"
)

// securityEvent logs one event a security officer looks for — a refused
// sign-in, a lockout, a forged bank callback — once, as a warning, with
// where it came from. Never the secret, nor the account number a probe
// typed: the address and the route are enough to follow a probe.
func (s *Server) securityEvent(r *http.Request, event string) {
	s.log.WarnContext(r.Context(), "security event", "event", event, "ip", s.client(r).IP,
		"route", routeLabel(r), "user_agent", truncateText(r.UserAgent(), 200))
}

// signInEvent names the refusal of a sign-in or a link as a security
// event, "" for an error that is not one.
func signInEvent(err error) string {
	switch err {
	case auth.ErrSignIn, office.ErrSignIn:
		return "signin_failed"
	case auth.ErrLocked, office.ErrLocked:
		return "signin_locked"
	case auth.ErrTooMany, office.ErrTooMany:
		return "signin_rate_limited"
	}
	return ""
}

// logSignIn logs the security event of a sign-in's or a link's refusal.
func (s *Server) logSignIn(r *http.Request, err error) {
	if e := signInEvent(err); e != "" {
		s.securityEvent(r, e)
	}
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
