package exchangeapi

import (
	"context"
	"net/http"

	"kabinet"
)

type tokenKey struct{}

// needToken lets a request through only with a working exchange token in
// its Authorization header; anything else (no header, a customer's or an
// operator's cookie, a revoked token) is 401 with a JSON body.
func (s *Server) needToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, err := s.tokens.Authenticate(r.Context(), r.Header.Get("Authorization"))
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), tokenKey{}, t)))
	})
}

// token is the request's token, set by needToken.
func token(r *http.Request) *kabinet.ExchangeToken {
	return r.Context().Value(tokenKey{}).(*kabinet.ExchangeToken)
}
