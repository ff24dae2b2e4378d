package web

import (
	"net/http/httptest"
	"os"
	"testing"

	"kabinet/browsertest"
)

// shotDir is where journeys save screenshots: KABINET_SCREENSHOTS if set
// (to look at them), else the test's temporary directory.
func shotDir(t *testing.T) string {
	if dir := os.Getenv("KABINET_SCREENSHOTS"); dir != "" {
		return dir
	}
	return t.TempDir()
}

// startPortal serves the real handler on 127.0.0.1. The browser must use
// the same host name throughout, or the CSRF check sees another site.
func startPortal(t *testing.T) string {
	t.Helper()
	url, _ := startAuthPortal(t)
	return url
}

// startAuthPortal serves a whole portal over a fresh database with the
// dev outbox on, and the letters' links pointing at it.
func startAuthPortal(t *testing.T) (string, *portal) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	p := newPortal(t, url, Config{DevOutbox: true})
	p.account(t, "ИЭСБК0041300", "Петрова")
	srv.Config.Handler = p.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	return url, p
}

// signIn fills the sign-in form by its labels with a wrong surname and
// submits it: the refusal keeps the typed number.
func signIn(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.FillByLabel("Номер лицевого счета / договора", "ИЭСБК0041300")
	b.FillByLabel("Фамилия / пароль", "Иванова")
	b.ClickText("Войти")
	if got := b.Text(".notice"); got != "Неверный номер лицевого счета или фамилия / пароль." {
		t.Errorf("notice = %q", got)
	}
	if got := browsertest.Eval[string](b, `document.getElementById("account").value`); got != "ИЭСБК0041300" {
		t.Errorf("account number not kept: %q", got)
	}
}

// checkLooks saves desktop and phone screenshots of the current page,
// checks that neither scrolls sideways, and runs axe-core on both.
func checkLooks(t *testing.T, b *browsertest.Browser, dir, name string) {
	t.Helper()
	b.CheckLooks(t, dir, name)
}

func TestBrowserSignIn(t *testing.T) {
	url := startPortal(t)
	dir := shotDir(t)
	browser := browsertest.New(t)

	t.Run("Ordinary", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/")
		if small := smallTargets(b); len(small) > 0 {
			t.Errorf("controls smaller than 44×44 px: %q", small)
		}
		checkLooks(t, b, dir, "login")
		signIn(t, b)
		checkLooks(t, b, dir, "login-posted")
	})

	t.Run("Size200Black", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		b.ClickText("Версия для слабовидящих")
		checkLooks(t, b, dir, "a11y-settings")
		b.ClickText("200 %")
		b.ClickText("Белым по чёрному")
		wantHTML(t, b, "200", "black", "on")
		checkLooks(t, b, dir, "login-200-black")
		signIn(t, b)
		checkLooks(t, b, dir, "login-200-black-posted")
	})

	t.Run("BlueImagesOff", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		unfoldSettings(t, b)
		b.ClickText("Синим по голубому")
		b.ClickText("Скрыть")
		b.ClickText("150 %")
		wantHTML(t, b, "150", "blue", "off")
		if n := b.Count("img"); n != 0 {
			t.Errorf("%d images shown with images off", n)
		}
		if got := b.Text(".side-panel .img-alt"); got != "Изображение: электросчётчик с показаниями на табло" {
			t.Errorf("alt text = %q", got)
		}
		checkLooks(t, b, dir, "login-150-blue-noimg")
	})

	t.Run("GreenGrayscaleErrors", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		unfoldSettings(t, b)
		b.ClickText("Зелёным по коричневому")
		b.ClickText("Чёрно-белые")
		b.ClickText("100 %")
		wantHTML(t, b, "100", "green", "grayscale")
		if small := smallTargets(b); len(small) > 0 {
			t.Errorf("controls smaller than 44×44 px: %q", small)
		}
		b.ClickText("Войти")
		if got := b.Text("#account-error"); got != "Укажите номер лицевого счета или договора." {
			t.Errorf("account error = %q", got)
		}
		checkLooks(t, b, dir, "login-100-green-gray-errors")
	})

	t.Run("OrdinaryAgain", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		unfoldSettings(t, b)
		b.ClickText("Обычная версия")
		if got := browsertest.Eval[bool](b, `document.documentElement.hasAttribute("data-a11y")`); got {
			t.Error("still the version for the visually impaired")
		}
		b.Text("header .a11y-link")
	})

	t.Run("ErrorsAndNotFound", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		b.ClickText("Войти")
		if got := b.Text("#secret-error"); got != "Укажите фамилию владельца счета или пароль." {
			t.Errorf("secret error = %q", got)
		}
		checkLooks(t, b, dir, "login-errors")
		b.Open(url + "/no/such/page")
		checkLooks(t, b, dir, "not-found")
	})
}

// wantHTML checks the settings the server put on <html>.
func wantHTML(t *testing.T, b *browsertest.Browser, size, theme, images string) {
	t.Helper()
	got := browsertest.Eval[[]string](b, `["size", "theme", "images"].map(
		n => document.documentElement.getAttribute("data-a11y-" + n))`)
	if want := []string{size, theme, images}; len(got) != 3 || got[0] != size || got[1] != theme || got[2] != images {
		t.Errorf("html data-a11y-* = %q, want %q", got, want)
	}
}

// smallTargets lists the buttons and stand-alone links smaller than the
// 44×44 px the a11y settings promise (links inside text are exempt).
func smallTargets(b *browsertest.Browser) []string {
	return browsertest.Eval[[]string](b, `[...document.querySelectorAll(
		"button, .button, .a11y-link, .form-link, .brand, .nav-list a")]
		.filter(e => e.getClientRects().length > 0) // shown; a hidden one is no target
		.filter(e => { const r = e.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
		.map(e => e.innerText.trim())`)
}
