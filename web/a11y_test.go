package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"kabinet/web/htmltest"
)

// a11yCookieFrom returns the settings cookie a response set.
func a11yCookieFrom(tb testing.TB, w *httptest.ResponseRecorder) *http.Cookie {
	tb.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == a11yCookie {
			return c
		}
	}
	tb.Fatalf("no %s cookie set", a11yCookie)
	return nil
}

func htmlAttr(tb testing.TB, d *htmltest.Doc, name string) string {
	tb.Helper()
	v, _ := htmltest.Attr(d.One("html"), name)
	return v
}

func TestA11y(t *testing.T) {
	h := MustServer(t, nil).Handler()

	t.Run("OrdinaryVersionHasNoAttributes", func(t *testing.T) {
		d := doc(t, get(t, h, "/login"))
		if htmlAttr(t, d, "data-a11y") != "" {
			t.Error("data-a11y set without the cookie")
		}
		if got := d.Text(`header a.a11y-link[href^="/a11y?return="]`); got != "Версия для слабовидящих" {
			t.Errorf("header link = %q", got)
		}
		if d.Has(".a11y-panel") {
			t.Error("settings panel shown in the ordinary version")
		}
	})

	t.Run("SettingsPageHasAllChoices", func(t *testing.T) {
		w := get(t, h, "/a11y?return=/login")
		wantStatus(t, w, http.StatusOK)
		d := doc(t, w)
		if got := len(d.Find(`form[action="/a11y"] button[aria-pressed]`)); got != 3+5+3 {
			t.Errorf("%d choice buttons, want 11", got)
		}
		d.One(`.a11y-form input[type=hidden][name=return][value="/login"]`)
		d.One(`button[name=theme][value=green][aria-pressed=false]`)
	})

	var cookie *http.Cookie
	t.Run("ChoiceSetsCookieAndRedirectsBack", func(t *testing.T) {
		w := postForm(t, h, "/a11y", url.Values{"return": {"/login"}, "size": {"200"}})
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != "/login#a11y-form" {
			t.Errorf("Location = %q, want /login#a11y-form (the panel unfolded)", got)
		}
		cookie = a11yCookieFrom(t, w)
		if cookie.MaxAge < 364*24*3600 || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" {
			t.Errorf("cookie = %+v, want a year, SameSite=Lax, Path=/", cookie)
		}
	})

	t.Run("CookieChangesHTMLAttributes", func(t *testing.T) {
		w := postForm(t, h, "/a11y", url.Values{"return": {"/login"}, "theme": {"black"}}, cookie)
		cookie = a11yCookieFrom(t, w)
		w = postForm(t, h, "/a11y", url.Values{"return": {"/login"}, "images": {"off"}}, cookie)
		cookie = a11yCookieFrom(t, w)
		d := doc(t, get(t, h, "/login", cookie))
		for name, want := range map[string]string{
			"data-a11y": "on", "data-a11y-size": "200", "data-a11y-theme": "black", "data-a11y-images": "off",
		} {
			if got := htmlAttr(t, d, name); got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		d.One(`.a11y-panel button[name=size][value="200"][aria-pressed=true]`)
		d.One(`.a11y-panel button[name=size][value="100"][aria-pressed=false]`)
		d.One(`.a11y-panel button[name=off]`)
		d.One(`.a11y-panel input[name=return][value="/login"]`)
	})

	t.Run("ImagesOffShowsAltText", func(t *testing.T) {
		d := doc(t, get(t, h, "/login", cookie))
		if d.Has("img") {
			t.Error("images rendered although switched off")
		}
		if got := d.Text(".side-panel .img-alt"); got != "Изображение: электросчётчик с показаниями на табло" {
			t.Errorf("alt text = %q", got)
		}
	})

	t.Run("OrdinaryVersionSwitchesOff", func(t *testing.T) {
		w := postForm(t, h, "/a11y", url.Values{"return": {"/login"}, "off": {"1"}}, cookie)
		wantStatus(t, w, http.StatusSeeOther)
		if c := a11yCookieFrom(t, w); c.MaxAge >= 0 {
			t.Errorf("cookie not deleted: %+v", c)
		}
	})

	t.Run("UnknownValueIsInvalid", func(t *testing.T) {
		w := postForm(t, h, "/a11y", url.Values{"return": {"/login"}, "size": {"900"}})
		wantStatus(t, w, http.StatusBadRequest)
	})

	t.Run("DamagedCookieMeansOrdinary", func(t *testing.T) {
		d := doc(t, get(t, h, "/login", &http.Cookie{Name: a11yCookie, Value: "%zz"}))
		if htmlAttr(t, d, "data-a11y") != "" {
			t.Error("damaged cookie switched the version on")
		}
	})
}

func TestA11yReturnPath(t *testing.T) {
	h := MustServer(t, nil).Handler()
	tests := []struct{ name, ret, want string }{
		{"Local", "/login", "/login#a11y-form"},
		{"Empty", "", "/#a11y-form"},
		{"ProtocolRelative", "//evil.example/x", "/#a11y-form"},
		{"Absolute", "https://evil.example/", "/#a11y-form"},
		{"Backslash", `/\evil.example`, "/#a11y-form"},
		{"Scheme", "javascript:alert(1)", "/#a11y-form"},
		{"Relative", "evil.example", "/#a11y-form"},
		{"ControlCharacter", "/\t/evil.example", "/#a11y-form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := postForm(t, h, "/a11y", url.Values{"return": {tt.ret}, "size": {"150"}})
			wantStatus(t, w, http.StatusSeeOther)
			if got := w.Header().Get("Location"); got != tt.want {
				t.Errorf("Location = %q, want %q", got, tt.want)
			}
		})
	}
}
