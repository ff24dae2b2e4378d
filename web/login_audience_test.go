package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"kabinet/browsertest"
	"kabinet/web/htmltest"
)

// The sign-in form offers the manual's «Для физических лиц / Для
// юридических лиц» when the supplier has a cabinet for legal entities,
// and no such choice when it has none (issue 20).
func TestLoginAudience(t *testing.T) {
	t.Run("NotConfigured", func(t *testing.T) {
		a := newAgent(t, newPortal(t, "http://portal.test", Config{}).Handler())
		if doc(t, a.get("/login")).Has(".login-audience") {
			t.Error("the choice is offered with nowhere for legal entities to go")
		}
	})
	t.Run("Configured", func(t *testing.T) {
		a := newAgent(t, newPortal(t, "http://portal.test", Config{BusinessURL: "https://b2b.example/login"}).Handler())
		for _, path := range []string{"/", "/login"} {
			d := doc(t, a.get(path))
			if got := d.Text(`.login-audience a[aria-current="page"]`); got != "Для физических лиц" {
				t.Errorf("%s: the current choice is %q", path, got)
			}
			links := d.Find(".login-audience a")
			if len(links) != 2 || htmltest.Text(links[1]) != "Для юридических лиц" {
				t.Fatalf("%s: the choice is %q", path, texts(links))
			}
			if href, _ := htmltest.Attr(links[1], "href"); href != "https://b2b.example/login" {
				t.Errorf("%s: «Для юридических лиц» leads to %q", path, href)
			}
		}
		wantStatus(t, a.post("/login", nil), http.StatusUnprocessableEntity)
		if !a.doc().Has(".login-audience") {
			t.Error("the refused form lost the choice")
		}
	})
}

// In Chromium «Для юридических лиц» takes the visitor to the supplier's
// cabinet for legal entities.
func TestBrowserLoginAudience(t *testing.T) {
	business := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html lang="ru"><title>Юрлица</title><h1>Кабинет юридического лица</h1></html>`))
	}))
	t.Cleanup(business.Close)
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	srv.Config.Handler = newPortal(t, url, Config{BusinessURL: business.URL + "/"}).Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	dir := shotDir(t)
	b := browsertest.New(t).For(t)
	b.Open(url + "/")
	checkLooks(t, b, dir, "login-audience")
	b.ClickText("Для юридических лиц")
	wantText(t, b, "h1", "Кабинет юридического лица")
}
