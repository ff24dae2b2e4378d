package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kabinet"
)

// The billing exchange's access matrix: every route of the exchange
// (exchangeapi records them, so routes added later are tried) × a working
// exchange token, a revoked one, a customer signed in to the portal, an
// operator and an admin signed in to the back office, and nobody. Only
// the working token is served; everyone else gets 401.
func TestExchangeAccessMatrix(t *testing.T) {
	routes := newPortal(t, "http://portal.test", Config{}).exchange.Routes()
	for _, want := range []string{"GET /api/exchange/v1/export", "POST /api/exchange/v1/{kind}",
		"GET /api/exchange/v1/requests/{req}/attachments/{att}"} {
		if !hasRoute(routes, want) {
			t.Fatalf("route %q is not among the exchange's routes %q", want, routes)
		}
	}
	for _, route := range routes {
		for _, role := range []string{"token", "revoked", "customer", "operator", "admin", "anonymous"} {
			t.Run(route+"/"+role, func(t *testing.T) {
				w := newExchangeWorld(t, role)
				res := w.send(t, route)
				served := res.Code != http.StatusUnauthorized && res.Code != http.StatusForbidden && res.Code < 500
				switch {
				case role == "token" && !served:
					t.Errorf("%s with a working token: %d %s, want it served", route, res.Code, res.Body)
				case role != "token" && res.Code != http.StatusUnauthorized:
					t.Errorf("%s as %s: %d, want 401", route, role, res.Code)
				case role != "token" && !strings.Contains(res.Header().Get("Content-Type"), "json"):
					t.Errorf("%s as %s: %q, want a JSON error", route, role, res.Header().Get("Content-Type"))
				}
			})
		}
	}
}

// exchangeWorld is a portal with a customer's request (for the attachment
// route), the back office's staff, and an agent in the role under test.
type exchangeWorld struct {
	p      *portal
	a      *agent
	bearer string
	req    *kabinet.Request
}

func newExchangeWorld(t *testing.T, role string) *exchangeWorld {
	p := newPortal(t, "http://portal.test", Config{})
	acc := p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	p.officeStaff(t)
	w := &exchangeWorld{p: p, a: newAgent(t, p.Handler()), req: p.officeRequest(t, acc)}
	switch role {
	case "token", "revoked":
		secret, _, err := p.tokens.Add(context.Background(), "billing", kabinet.ScopeExchange)
		if err != nil {
			t.Fatal(err)
		}
		w.bearer = "Bearer " + secret
		if role == "revoked" {
			if err := p.tokens.Revoke(context.Background(), "billing"); err != nil {
				t.Fatal(err)
			}
		}
	case "customer":
		if res := w.a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"Байкал-2026-омуль"}}); w.a.session() == "" {
			t.Fatalf("the customer could not sign in: %d", res.Code)
		}
	case "operator", "admin":
		p.officeSignIn(t, w.a, role)
	}
	return w
}

// send calls a route with the role's cookies and token, its placeholders
// filled with things of the world.
func (w *exchangeWorld) send(t *testing.T, route string) *httptest.ResponseRecorder {
	method, path, ok := strings.Cut(route, " ")
	if !ok {
		method, path = http.MethodGet, route+"nothing"
	}
	path = placeholder.ReplaceAllStringFunc(path, func(m string) string {
		switch placeholder.FindStringSubmatch(m)[1] {
		case "req":
			return strconv.FormatInt(w.req.ID, 10)
		case "att":
			return strconv.FormatInt(w.req.Attachments[0].ID, 10)
		case "kind":
			return "readings"
		}
		t.Fatalf("route %q: no example for %s", route, m)
		return ""
	})
	r := httptest.NewRequest(method, path, strings.NewReader(""))
	if w.bearer != "" {
		r.Header.Set("Authorization", w.bearer)
	}
	return w.a.send(r)
}

// An exchange token reaches nothing but the exchange: on every route of
// the portal and the back office, a request with the token answers as the
// same request without it (a sign-in form, 404, a public page).
func TestExchangeTokenReachesOnlyTheExchange(t *testing.T) {
	w := newExchangeWorld(t, "token")
	for _, route := range w.p.patterns {
		method, path, ok := strings.Cut(route, " ")
		if !ok || strings.HasPrefix(path, "/api/exchange/") || strings.HasPrefix(path, "/dev/bank") {
			continue
		}
		path = placeholder.ReplaceAllStringFunc(path, func(m string) string {
			if placeholder.FindStringSubmatch(m)[1] == "$" {
				return ""
			}
			return "1"
		})
		call := func(bearer string) *httptest.ResponseRecorder {
			var r *http.Request
			if method == http.MethodPost {
				r = newPost(path, url.Values{})
				r.Header.Set("Sec-Fetch-Site", "same-origin")
			} else {
				r = httptest.NewRequest(method, path, nil)
			}
			if bearer != "" {
				r.Header.Set("Authorization", bearer)
			}
			return newAgent(t, w.p.Handler()).send(r)
		}
		without, with := call(""), call(w.bearer)
		if with.Code != without.Code || with.Header().Get("Location") != without.Header().Get("Location") {
			t.Errorf("%s %s: with the token %d → %q, without %d → %q; a token must add nothing", method, path,
				with.Code, with.Header().Get("Location"), without.Code, without.Header().Get("Location"))
		}
		if with.Code >= 200 && with.Code < 300 && strings.HasPrefix(path, "/office/") && path != "/office/login" {
			t.Errorf("%s %s served to a token", method, path)
		}
	}
}
