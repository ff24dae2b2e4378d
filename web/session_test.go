package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// sessionCookieOf returns the session cookie a response set.
func sessionCookieOf(tb testing.TB, w *httptest.ResponseRecorder) *http.Cookie {
	tb.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie || c.Name == hostSessionCookie {
			return c
		}
	}
	tb.Fatalf("no %s cookie set", sessionCookie)
	return nil
}

func TestSessionCookie(t *testing.T) {
	for _, tt := range []struct {
		name, base, cookie string
		secure             bool
	}{{"HTTP", "http://127.0.0.1", sessionCookie, false}, {"HTTPS", "https://lk.example.ru", "__Host-kabinet_session", true}} {
		t.Run(tt.name, func(t *testing.T) {
			p := newPortal(t, tt.base, Config{})
			p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
			a := newAgent(t, p.Handler())
			w := a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
			wantStatus(t, w, http.StatusSeeOther)
			c := sessionCookieOf(t, w)
			if c.Name != tt.cookie || c.Domain != "" {
				t.Errorf("cookie %q (domain %q), want %q for the host alone", c.Name, c.Domain, tt.cookie)
			}
			if hsts := w.Header().Get("Strict-Transport-Security"); tt.secure && hsts != "max-age=31536000; includeSubDomains" {
				t.Errorf("HSTS = %q", hsts)
			}
			if tt.secure { // the prefixed cookie is the one the portal reads
				a.cookies = map[string]*http.Cookie{hostSessionCookie: c}
				if res := a.get("/"); res.Code != http.StatusSeeOther || res.Header().Get("Location") == "/login" {
					t.Errorf("signed in over https, / answers %d → %s", res.Code, res.Header().Get("Location"))
				}
			}
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure != tt.secure {
				t.Errorf("cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, Secure=%v", c, tt.secure)
			}
			if c.MaxAge != 0 || !c.Expires.IsZero() {
				t.Errorf("cookie outlives the browser: %+v", c)
			}
		})
	}
}

// TestNoSessionFixation: a token the browser held before sign-in is worth
// nothing after it.
func TestNoSessionFixation(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")

	t.Run("PlantedCookie", func(t *testing.T) {
		a := newAgent(t, p.Handler())
		a.cookies[sessionCookie] = &http.Cookie{Name: sessionCookie, Value: "planted-by-attacker"}
		a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
		if got := a.session(); got == "planted-by-attacker" || got == "" {
			t.Errorf("session after sign-in = %q", got)
		}
	})

	t.Run("FirstVisitThenSignIn", func(t *testing.T) {
		a := newAgent(t, p.Handler())
		firstVisit(t, a, "ИЭСБК0041300", "Петрова")
		before := a.session()
		a.follow(a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}}), "/")
		if a.session() == before {
			t.Fatal("sign-in kept the earlier token")
		}
		if _, err := p.svc.Visit(t.Context(), before); err == nil {
			t.Error("the earlier session still works after signing in as someone else")
		}
	})
}

func TestEndedSessionClearsCookie(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	a := newAgent(t, p.Handler())
	a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	p.clock.Add(31 * time.Minute)
	w := a.get("/")
	wantStatus(t, w, http.StatusOK)
	if c := sessionCookieOf(t, w); c.MaxAge >= 0 {
		t.Errorf("ended session's cookie kept: %+v", c)
	}
	doc(t, w).One(`form[action="/login"]`)
}

func TestCabinetGuards(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	stranger := newAgent(t, p.Handler())
	visiting := newAgent(t, p.Handler())
	firstVisit(t, visiting, "ИЭСБК0041300", "Петрова")
	customer := newAgent(t, p.Handler())
	customer.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	home := customer.get("/").Header().Get("Location")

	for _, path := range []string{home + "readings", home + "profile"} {
		for _, tt := range []struct {
			name string
			a    *agent
			want string
		}{{"Stranger", stranger, "/login"}, {"FirstVisit", visiting, "/register"}} {
			t.Run(tt.name+path, func(t *testing.T) {
				w := tt.a.get(path)
				wantStatus(t, w, http.StatusSeeOther)
				if got := w.Header().Get("Location"); got != tt.want {
					t.Errorf("Location = %q, want %q", got, tt.want)
				}
			})
		}
		t.Run("Customer"+path, func(t *testing.T) {
			w := customer.get(path)
			wantStatus(t, w, http.StatusOK)
			d := doc(t, w)
			d.One(`header nav a[href="` + path + `"][aria-current=page]`)
		})
	}
	t.Run("StrangerRegisterGoesToSignIn", func(t *testing.T) {
		w := stranger.get("/register/pending")
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != "/login" {
			t.Errorf("Location = %q", got)
		}
	})
}

func TestCrossSitePostsRefused(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	a := newAgent(t, p.Handler())
	a.post("/login", url.Values{"account": {"10103001857"}, "secret": {"demo2026-secret"}})
	for _, path := range []string{"/logout", "/register", "/password", "/password/reset", "/register/sms"} {
		t.Run(path, func(t *testing.T) {
			r := newPost(path, url.Values{})
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			w := a.send(r)
			wantStatus(t, w, http.StatusForbidden)
		})
	}
	if _, err := p.svc.Visit(t.Context(), a.session()); err != nil {
		t.Errorf("a cross-site «Выход» ended the session: %v", err)
	}
}

func TestEndedSessionSaysSo(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	a := newAgent(t, p.Handler())
	firstVisit(t, a, "ИЭСБК0041300", "Петрова")
	p.clock.Add(31 * time.Minute) // the registration window is 30 minutes
	a.follow(a.get("/register"), "/login")
	if got := a.doc().Text("main > .notice-success"); got != "Сеанс завершён. Войдите снова." {
		t.Errorf("flash = %q", got)
	}
	if a.session() != "" {
		t.Error("the ended session's cookie is kept")
	}
}
