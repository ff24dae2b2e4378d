package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"kabinet/web/htmltest"
)

const testSupplier = "Демо-Энергосбыт"

// stubPinger answers Ping with err.
type stubPinger struct{ err error }

func (p stubPinger) Ping(ctx context.Context) error { return p.err }

// MustServer builds a server for tests with a stub pinger and a logger
// that writes into the test log.
func MustServer(tb testing.TB, pinger Pinger) *Server {
	tb.Helper()
	s, err := New(Config{SupplierName: testSupplier, BaseURL: "http://127.0.0.1"}, Deps{
		Logger:   slog.New(slog.NewTextHandler(tbWriter{tb}, nil)),
		Registry: prometheus.NewRegistry(),
		Pinger:   pinger,
	})
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return s
}

type tbWriter struct{ tb testing.TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// do sends a request through the whole handler chain.
func do(tb testing.TB, h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	tb.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func get(tb testing.TB, h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	tb.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return do(tb, h, r)
}

// postForm posts a form as a same-origin browser would.
func postForm(tb testing.TB, h http.Handler, target string, form url.Values, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	tb.Helper()
	r := newPost(target, form)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return do(tb, h, r)
}

func body(tb testing.TB, w *httptest.ResponseRecorder) string {
	tb.Helper()
	b, err := io.ReadAll(w.Result().Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func doc(tb testing.TB, w *httptest.ResponseRecorder) *htmltest.Doc {
	tb.Helper()
	return htmltest.Parse(tb, w.Body.Bytes())
}

func wantStatus(tb testing.TB, w *httptest.ResponseRecorder, want int) {
	tb.Helper()
	if w.Code != want {
		tb.Fatalf("status = %d, want %d; body:\n%s", w.Code, want, w.Body.String())
	}
}

var errDown = errors.New("database is down")

func newPost(target string, form url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}
