package api

import (
	"net/http"
	"strconv"
	"strings"

	"kabinet"
	"kabinet/auth"
	"kabinet/clientip"
)

// sessionHandler is a handler of a signed-in device.
type sessionHandler func(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error

// session lets a request through with the bearer token of a device
// session of a confirmed customer; anything else — no token, a browser's
// session token, one signed out, revoked or expired — is 401. Bearer
// requests need no CSRF protection: a browser never sends the token by
// itself.
func (s *Server) session(h sessionHandler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			return auth.ErrNoSession
		}
		v, err := s.auth.Visit(r.Context(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		if v.Session.Kind != kabinet.SessionDevice || !v.Confirmed() {
			return auth.ErrNoSession
		}
		return h(w, r, v)
	}
}

// visit is a request about one account: who asks, the account, and
// whether they own it (else they linked it).
type visit struct {
	*auth.Visitor
	Account *kabinet.Account
	Owner   bool
}

type accountHandler func(w http.ResponseWriter, r *http.Request, v *visit) error

var errNoAccount = kabinet.Errorf(kabinet.ENOTFOUND, "Страница не найдена")

// account guards the routes under /accounts/{acc}/: the sign-in service
// decides whether the customer reaches the account, and anybody who does
// not gets 404, as for an account that does not exist.
func (s *Server) account(h accountHandler) handlerFunc {
	return s.session(func(w http.ResponseWriter, r *http.Request, v *auth.Visitor) error {
		id := idParam(r.PathValue("acc"))
		if id == 0 {
			return errNoAccount
		}
		a, reached, err := s.auth.Enter(r.Context(), v, id)
		if err != nil {
			return err
		}
		vis := &visit{Visitor: v, Account: a}
		for _, ua := range reached {
			if ua.AccountID == a.ID {
				vis.Owner = ua.Owner
			}
		}
		return h(w, r, vis)
	})
}

// idParam parses a positive ID written canonically; anything else is 0,
// which finds nothing.
func idParam(s string) int64 {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0
	}
	return id
}

// client is where the request came from, for the limits and the session.
func (s *Server) client(r *http.Request) auth.Client {
	return auth.Client{IP: clientip.Of(r, s.cfg.TrustProxy), UserAgent: r.UserAgent()}
}
