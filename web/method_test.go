package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// A path the portal serves, asked with a method it does not take, is 405
// with Allow; a path it does not serve stays 404.
func TestUnknownMethod(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	for _, c := range []struct {
		method, path, allow string
		want                int
	}{
		{http.MethodDelete, "/login", "GET, HEAD, POST", http.StatusMethodNotAllowed},
		{http.MethodPut, "/feedback", "GET, HEAD, POST", http.StatusMethodNotAllowed},
		{http.MethodPost, "/consent", "GET, HEAD", http.StatusMethodNotAllowed},
		{http.MethodPatch, "/office/login", "GET, HEAD, POST", http.StatusMethodNotAllowed},
		{http.MethodGet, "/office/logout", "POST", http.StatusMethodNotAllowed},
		{http.MethodPost, "/healthz", "GET, HEAD", http.StatusMethodNotAllowed}, // the shell's own route
		{http.MethodGet, "/office", "", http.StatusNotFound},
		{http.MethodGet, "/office/no-such-page", "", http.StatusNotFound},
		{http.MethodGet, "/no-such-page", "", http.StatusNotFound},
		{http.MethodDelete, "/no-such-page", "", http.StatusNotFound},
	} {
		r := httptest.NewRequest(c.method, c.path, nil)
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		res := do(t, p.Handler(), r)
		if res.Code != c.want || res.Header().Get("Allow") != c.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q", c.method, c.path, res.Code, res.Header().Get("Allow"), c.want, c.allow)
		}
	}
}
