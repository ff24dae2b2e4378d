package web

import (
	"net/http"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

func TestAssets(t *testing.T) {
	s := MustServer(t, nil)
	h := s.Handler()
	cssURL, err := s.assets.URL("style.css")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("PageLinksHashedURL", func(t *testing.T) {
		link := doc(t, get(t, h, "/")).One(`link[rel=stylesheet][href*=style.css]`)
		if href, _ := htmltest.Attr(link, "href"); href != cssURL {
			t.Errorf("href = %q, want %q", href, cssURL)
		}
	})

	t.Run("ServedImmutable", func(t *testing.T) {
		w := get(t, h, cssURL)
		wantStatus(t, w, http.StatusOK)
		if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("Cache-Control = %q", got)
		}
		if got := w.Header().Get("Content-Type"); !strings.HasPrefix(got, "text/css") {
			t.Errorf("Content-Type = %q", got)
		}
		if !strings.Contains(w.Body.String(), "--font:") {
			t.Error("not the stylesheet")
		}
	})

	t.Run("WrongHash404", func(t *testing.T) {
		w := get(t, h, "/static/000000000000/style.css")
		wantStatus(t, w, http.StatusNotFound)
		if w.Header().Get("Cache-Control") == "public, max-age=31536000, immutable" {
			t.Error("a 404 is cached forever")
		}
	})

	t.Run("UnknownFile404", func(t *testing.T) {
		hash := strings.Split(cssURL, "/")[2]
		wantStatus(t, get(t, h, "/static/"+hash+"/secret.txt"), http.StatusNotFound)
	})

	t.Run("UnknownNameIsError", func(t *testing.T) {
		if _, err := s.assets.URL("nope.css"); err == nil {
			t.Error("URL of an unknown asset gave no error")
		}
	})
}
