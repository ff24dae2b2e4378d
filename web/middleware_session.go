package web

import (
	"context"
	"errors"
	"net/http"

	"kabinet"
	"kabinet/auth"
)

// sessionCookie holds the token of the visitor's session. It is a browser
// session cookie (no expiry): the server ends the session after 30 minutes
// idle or 12 hours, and closing the browser forgets it on a shared computer.
const sessionCookie = "kabinet_session"

// hostSessionCookie is its name over https: the __Host- prefix makes the
// browser refuse it unless it is Secure, for the whole host and set by
// the host itself, so a sibling subdomain cannot plant or shadow it.
const hostSessionCookie = "__Host-" + sessionCookie

// sessionCookieName is the session cookie's name on this portal.
func (s *portalSite) sessionCookieName() string {
	if s.secure() {
		return hostSessionCookie
	}
	return sessionCookie
}

type (
	visitorKey      struct{}
	sessionEndedKey struct{}
)

// resolveVisitor looks up the visitor of the session cookie once per
// request and puts it in the context. A cookie whose session ended (idle,
// too old, signed out elsewhere) is cleared, so the browser stops sending
// it. It is the portal's middleware only: static files and the operations
// endpoints are the shell's and never look the visitor up (they are
// requested far more often than pages), and the back office has sessions
// of its own (office.go).
func (s *portalSite) resolveVisitor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(s.sessionCookieName())
		if err != nil || s.auth == nil {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.auth.Visit(r.Context(), c.Value)
		switch {
		case errors.Is(err, auth.ErrNoSession):
			s.endSession(w)
			r = r.WithContext(context.WithValue(r.Context(), sessionEndedKey{}, true))
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			r = r.WithContext(context.WithValue(r.Context(), visitorKey{}, v))
		}
		next.ServeHTTP(w, r)
	})
}

// visitor returns the visitor of the request, nil for nobody.
func visitor(r *http.Request) *auth.Visitor {
	v, _ := r.Context().Value(visitorKey{}).(*auth.Visitor)
	return v
}

// sessionEnded reports whether the request brought the cookie of a
// session that has ended.
func sessionEnded(r *http.Request) bool {
	ended, _ := r.Context().Value(sessionEndedKey{}).(bool)
	return ended
}

// sessionToken is the token of the request's session cookie, "" if none.
func (s *portalSite) sessionToken(r *http.Request) string {
	if c, err := r.Cookie(s.sessionCookieName()); err == nil {
		return c.Value
	}
	return ""
}

// startSession gives the browser the cookie of a new session. Every
// sign-in, registration and password change issues a new token, so a
// token planted before sign-in is worth nothing after it.
func (s *portalSite) startSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, s.cookie(s.sessionCookieName(), token, 0))
}

// endSession tells the browser to forget its session cookie.
func (s *portalSite) endSession(w http.ResponseWriter) {
	http.SetCookie(w, s.cookie(s.sessionCookieName(), "", -1))
}

// needAuth guards the handlers that call the sign-in service, so a server
// built without one (the shell's own tests) answers with an error page
// rather than a nil dereference.
func (s *portalSite) needAuth(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.auth == nil {
			return kabinet.Errorf(kabinet.EINTERNAL, "Вход в личный кабинет временно недоступен. Попробуйте позже.")
		}
		return h(w, r)
	}
}
