package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"kabinet/web/htmltest"
)

// agent is a browser without a screen for handler tests: it keeps the
// cookies the portal sets, sends them back, and posts forms same-origin.
type agent struct {
	tb      testing.TB
	h       http.Handler
	cookies map[string]*http.Cookie
	// last is the latest response.
	last *httptest.ResponseRecorder
}

func newAgent(tb testing.TB, h http.Handler) *agent {
	return &agent{tb: tb, h: h, cookies: map[string]*http.Cookie{}}
}

func (a *agent) get(target string) *httptest.ResponseRecorder {
	a.tb.Helper()
	return a.send(httptest.NewRequest(http.MethodGet, target, nil))
}

func (a *agent) post(target string, form url.Values) *httptest.ResponseRecorder {
	a.tb.Helper()
	r := newPost(target, form)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return a.send(r)
}

func (a *agent) send(r *http.Request) *httptest.ResponseRecorder {
	a.tb.Helper()
	r.RemoteAddr = "192.0.2.10:40000"
	r.Header.Set("User-Agent", "agent-test")
	for _, c := range a.cookies {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	w := do(a.tb, a.h, r)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(a.cookies, c.Name)
		} else {
			a.cookies[c.Name] = c
		}
	}
	a.last = w
	return w
}

// follow fetches the Location of a redirect and checks where it led.
func (a *agent) follow(w *httptest.ResponseRecorder, wantLocation string) *httptest.ResponseRecorder {
	a.tb.Helper()
	wantStatus(a.tb, w, http.StatusSeeOther)
	if got := w.Header().Get("Location"); got != wantLocation {
		a.tb.Fatalf("Location = %q, want %q", got, wantLocation)
	}
	return a.settle(a.get(wantLocation))
}

// settle follows the redirects that lead on without a form, as from "/"
// to the account's «Главная», and returns the page they end on.
func (a *agent) settle(w *httptest.ResponseRecorder) *httptest.ResponseRecorder {
	a.tb.Helper()
	for i := 0; i < 3 && w.Code == http.StatusSeeOther; i++ {
		w = a.get(w.Header().Get("Location"))
	}
	return w
}

// session is the session token the agent holds, "" for none.
func (a *agent) session() string {
	if c, ok := a.cookies[sessionCookie]; ok {
		return c.Value
	}
	return ""
}

// doc parses the latest response.
func (a *agent) doc() *htmltest.Doc {
	a.tb.Helper()
	return htmltest.Parse(a.tb, a.last.Body.Bytes())
}
