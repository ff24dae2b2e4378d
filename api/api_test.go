package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kabinet/api"
)

func get(t *testing.T, h http.Handler, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if len(header) == 2 {
		req.Header.Set(header[0], header[1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Result(), string(b)
}

// The developers' page lists every operation of the document, and the
// document is served as it is embedded.
func TestDocs(t *testing.T) {
	s := api.New(api.Config{}, api.Deps{})
	res, body := get(t, s, "/api/")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/api/: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{"<code>POST</code></td><td><code>/api/v1/sessions</code>", "Передать показания",
		`href="/api/v1/openapi.json"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	res, body = get(t, s, "/api/v1/openapi.json")
	if res.StatusCode != http.StatusOK || body != string(api.Spec) {
		t.Errorf("openapi.json: %d", res.StatusCode)
	}
}

// Anything the API does not have, and any call without a token, is a
// problem+json with a stable code and the Russian sentence.
func TestProblems(t *testing.T) {
	s := api.New(api.Config{}, api.Deps{})
	for _, c := range []struct {
		name, path, auth string
		status           int
		code             string
	}{
		{"UnknownRoute", "/api/v1/nope", "", http.StatusNotFound, "not_found"},
		{"NoToken", "/api/v1/accounts", "", http.StatusUnauthorized, "session_ended"},
		{"NotBearer", "/api/v1/accounts", "Basic eDp5", http.StatusUnauthorized, "session_ended"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, body := get(t, s, c.path, "Authorization", c.auth)
			var p api.Problem
			if err := json.Unmarshal([]byte(body), &p); err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != c.status || p.Code != c.code || p.Status != c.status || p.Detail == "" ||
				res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("%d %s %+v", res.StatusCode, res.Header.Get("Content-Type"), p)
			}
		})
	}
}
