package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// Each site answers its errors in its own layout: the back office's 404
// and its refused cross-site form under the office's header, the portal's
// and the shell's own under the customer portal's.
func TestSitesFrameTheirErrors(t *testing.T) {
	p := newPortal(t, "http://portal.test", Config{})
	crossSite := func(path string) *http.Request {
		r := newPost(path, url.Values{"login": {"admin"}})
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		return r
	}
	for _, c := range []struct {
		name   string
		r      *http.Request
		status int
		sub    string
	}{
		{"office 404", httptest.NewRequest(http.MethodGet, "/office/no-such-page", nil), http.StatusNotFound, "Рабочее место оператора"},
		{"office /office", httptest.NewRequest(http.MethodGet, "/office", nil), http.StatusNotFound, "Рабочее место оператора"},
		{"office CSRF", crossSite("/office/login"), http.StatusForbidden, "Рабочее место оператора"},
		{"portal 404", httptest.NewRequest(http.MethodGet, "/no-such-page", nil), http.StatusNotFound, "Личный кабинет физического лица"},
		{"portal CSRF", crossSite("/login"), http.StatusForbidden, "Личный кабинет физического лица"},
		{"shell 404", httptest.NewRequest(http.MethodGet, "/static/0000/no-such.css", nil), http.StatusNotFound, "Личный кабинет физического лица"},
	} {
		res := do(t, p.Handler(), c.r)
		wantStatus(t, res, c.status)
		if got := doc(t, res).Text(".brand-sub"); got != c.sub {
			t.Errorf("%s: brand %q, want %q", c.name, got, c.sub)
		}
	}
}
