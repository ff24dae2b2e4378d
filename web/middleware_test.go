package web

import (
	"net/http"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

func TestPanicRecovery(t *testing.T) {
	s := MustServer(t, nil)
	s.portal.mux.Handle("GET /boom", s.portal.handle(func(w http.ResponseWriter, r *http.Request) error {
		panic("kaboom-internal-detail")
	}))
	h, metrics := s.Handler(), s.Metrics()

	t.Run("PanicGives500Page", func(t *testing.T) {
		w := get(t, h, "/boom")
		wantStatus(t, w, http.StatusInternalServerError)
		if got := doc(t, w).Text("h1"); got != "Ошибка на сервере" {
			t.Errorf("h1 = %q", got)
		}
		if strings.Contains(w.Body.String(), "kaboom") {
			t.Error("the panic value leaked into the page")
		}
	})

	t.Run("ServerSurvives", func(t *testing.T) {
		wantStatus(t, get(t, h, "/boom"), http.StatusInternalServerError)
		wantStatus(t, get(t, h, "/login"), http.StatusOK)
	})

	t.Run("PanicIsCounted", func(t *testing.T) {
		if !strings.Contains(body(t, get(t, metrics, "/metrics")), `code="500",method="GET",route="GET /boom"`) {
			t.Error("no 500 counted for the panicking route")
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	h := MustServer(t, nil).Handler()
	for _, path := range []string{"/", "/healthz", "/nope"} {
		t.Run("Present"+path, func(t *testing.T) {
			w := get(t, h, path)
			csp := w.Header().Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "img-src 'self' data:", "object-src 'none'",
				"base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") {
				t.Errorf("CSP allows inline code: %q", csp)
			}
			for name, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"X-Frame-Options":        "DENY",
				"Referrer-Policy":        "same-origin",
			} {
				if got := w.Header().Get(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}

	t.Run("NoInlineStyleOrScript", func(t *testing.T) {
		d := doc(t, get(t, h, "/"))
		if d.Has("[style], style, [onclick], [onload]") {
			t.Error("page has inline style or script, which the CSP blocks")
		}
		for _, n := range d.Find("script") {
			if src, _ := htmltest.Attr(n, "src"); !strings.HasPrefix(src, "/static/") || htmltest.Text(n) != "" {
				t.Errorf("script src=%q with %q inline: only files under /static/ pass the CSP", src, htmltest.Text(n))
			}
		}
	})
}
