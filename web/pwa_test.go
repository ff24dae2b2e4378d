package web

import (
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

// The manifest makes the portal an app: Russian names, the start page, a
// window of its own, the theme colour and icons of 192 and 512 px, one of
// them maskable, each served as the PNG of the size it claims.
func TestManifest(t *testing.T) {
	h := MustServer(t, nil).Handler()
	w := get(t, h, "/manifest.webmanifest")
	wantStatus(t, w, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/manifest+json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var m struct {
		Name       string `json:"name"`
		ShortName  string `json:"short_name"`
		Lang       string `json:"lang"`
		StartURL   string `json:"start_url"`
		Scope      string `json:"scope"`
		Display    string `json:"display"`
		ThemeColor string `json:"theme_color"`
		Icons      []struct{ Src, Sizes, Type, Purpose string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s|Кабинет|ru|/|/|standalone|%s", "Личный кабинет — "+testSupplier, themeColor)
	if got := strings.Join([]string{m.Name, m.ShortName, m.Lang, m.StartURL, m.Scope, m.Display, m.ThemeColor}, "|"); got != want {
		t.Errorf("manifest %q, want %q", got, want)
	}
	have := map[string]bool{}
	for _, ic := range m.Icons {
		have[ic.Sizes+" "+ic.Purpose] = true
		iw := get(t, h, ic.Src)
		wantStatus(t, iw, http.StatusOK)
		img, err := png.Decode(iw.Body)
		if err != nil || ic.Type != "image/png" {
			t.Errorf("icon %s (%s): %v", ic.Src, ic.Type, err)
			continue
		}
		if size := fmt.Sprintf("%dx%d", img.Bounds().Dx(), img.Bounds().Dy()); size != ic.Sizes {
			t.Errorf("icon %s is %s, the manifest says %s", ic.Src, size, ic.Sizes)
		}
	}
	for _, need := range []string{"192x192 any", "512x512 any", "512x512 maskable"} {
		if !have[need] {
			t.Errorf("no %s icon in %v", need, have)
		}
	}
}

// The service worker is served from the root, never kept stale, under the
// portal's CSP, and lists a shell that is there to keep.
func TestServiceWorkerScript(t *testing.T) {
	h := MustServer(t, nil).Handler()
	w := get(t, h, "/sw.js")
	wantStatus(t, w, http.StatusOK)
	for name, want := range map[string]string{"Content-Type": "text/javascript; charset=utf-8",
		"Cache-Control": "no-cache", "Service-Worker-Allowed": "/", "Content-Security-Policy": contentSecurityPolicy} {
		if got := w.Header().Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	first, _, _ := strings.Cut(w.Body.String(), "\n")
	list, ok := strings.CutPrefix(first, "const SHELL = ")
	var shell []string
	if !ok || json.Unmarshal([]byte(strings.TrimSuffix(list, ";")), &shell) != nil {
		t.Fatalf("sw.js does not start with the shell: %q", first)
	}
	if len(shell) != len(shellAssets)+1 || shell[0] != offlinePath {
		t.Errorf("shell %q", shell)
	}
	for _, u := range shell {
		wantStatus(t, get(t, h, u), http.StatusOK)
	}
}

// The offline page is kept once for whoever uses the browser: it names
// nobody even when a customer asks for it, and its balances come from
// pwa.js.
func TestOfflinePage(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	wantStatus(t, a.get("/offline"), http.StatusOK)
	doc := a.doc()
	if got := doc.Text("h1"); got != "Нет связи с интернетом" {
		t.Errorf("h1 = %q", got)
	}
	body := a.last.Body.String()
	for _, private := range []string{d.ivanov.Display, "Иванов", "/logout", "Уведомления"} {
		if strings.Contains(body, private) {
			t.Errorf("offline page holds %q", private)
		}
	}
	if !doc.Has("[data-offline-balances] [data-offline-none]") {
		t.Error("no place for the kept balances")
	}
}

// «Главная» marks its balances and when they were read, for pwa.js.
func TestHomeMarksBalances(t *testing.T) {
	d := newDemoPortal(t, "http://portal.test")
	a := d.signedIn(t, "10103001857")
	wantStatus(t, a.get(accountPath(d.ivanov, "")), http.StatusOK)
	doc := a.doc()
	s := doc.One("[data-balances]")
	seen, _ := htmltest.Attr(s, "data-seen")
	account, _ := htmltest.Attr(s, "data-account")
	if want := d.clock.Now().In(irkutsk).Format("02.01.2006 15:04"); seen != want || account != d.ivanov.Display {
		t.Errorf("data-seen %q data-account %q, want %q %q", seen, account, want, d.ivanov.Display)
	}
	if n, all := len(doc.Find("[data-balances] [data-balance]")), len(doc.Find(".balance")); n != all || n == 0 {
		t.Errorf("%d of %d balances marked", n, all)
	}
}

// The portal's pages name the manifest and offer the installation, hidden
// until pwa.js hears the browser allow it; the back office is no app.
func TestLayoutNamesTheApp(t *testing.T) {
	h := MustServer(t, nil).Handler()
	for path, app := range map[string]bool{"/login": true, "/feedback": true, "/office/login": false} {
		d := doc(t, get(t, h, path))
		has := d.Has(`link[rel=manifest][href="/manifest.webmanifest"]`) && d.Has(`meta[name=theme-color][content="`+themeColor+`"]`)
		if has != app {
			t.Errorf("%s: manifest and theme colour %v, want %v", path, has, app)
		}
		if app && !d.Has("button[data-install][hidden]") {
			t.Errorf("%s: no hidden «Установить приложение»", path)
		}
	}
}
