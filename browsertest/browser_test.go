package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture serves a small form page without JavaScript, as the portal's are.
func fixture(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html lang="ru"><head><title>Форма</title></head><body><main>
<h1>Форма</h1>
<form method="post" action="/done">
<label for="acc">Номер счёта</label><input id="acc" name="acc">
<label>Фамилия <input name="name"></label>
<input type="submit" value="Отправить">
</form>
<p><a href="/done">Далее</a></p>
</main></body></html>`)
	})
	mux.HandleFunc("/done", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="ru"><head><title>Готово</title></head><body><main>
<h1>Готово</h1><p id="acc">%s</p><p id="name">%s</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</main></body></html>`, r.FormValue("acc"), r.FormValue("name"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestJourney(t *testing.T) {
	srv := fixture(t)
	browser := New(t)
	browser.Open(srv.URL)

	t.Run("FillByLabelForAndNested", func(t *testing.T) {
		b := browser.For(t)
		b.FillByLabel("Номер счёта", "ИЭСБК0041300")
		b.FillByLabel("Фамилия", "Иванова")
		b.ClickText("Отправить")
		if got := b.Text("#acc"); got != "ИЭСБК0041300" {
			t.Errorf("acc = %q", got)
		}
		if got := b.Text("#name"); got != "Иванова" {
			t.Errorf("name = %q", got)
		}
	})

	t.Run("AxeFindsMissingAlt", func(t *testing.T) {
		b := browser.For(t)
		var ids []string
		for _, v := range b.Axe() {
			ids = append(ids, v.ID)
		}
		if !strings.Contains(strings.Join(ids, " "), "image-alt") {
			t.Errorf("violations = %v, want image-alt", ids)
		}
	})

	t.Run("ClickLinkAndAxeClean", func(t *testing.T) {
		b := browser.For(t)
		b.Open(srv.URL)
		b.ClickText("Далее")
		if !strings.HasSuffix(b.URL(), "/done") {
			t.Errorf("URL = %s", b.URL())
		}
		b.Open(srv.URL)
		b.AxeClean(t)
	})

	// A transition that starts halfway (a negative delay) shows grey on
	// grey at once; axe must see the page only once it has ended.
	t.Run("AxeWaitsForTransitions", func(t *testing.T) {
		b := browser.For(t)
		b.Open(srv.URL)
		Eval[bool](b, `(() => {
			const p = document.querySelector("h1");
			p.style.cssText = "color: #000; background: #fff; transition: color 2s linear -1s, background-color 2s linear -1s";
			getComputedStyle(p).color;
			p.style.color = "#fff"; p.style.background = "#000";
			return true })()`)
		b.AxeClean(t)
	})

	t.Run("ScreenshotIsPNG", func(t *testing.T) {
		b := browser.For(t)
		path := filepath.Join(t.TempDir(), "shots", "page.png")
		b.Screenshot(path)
		png, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(png), "\x89PNG") {
			t.Error("not a PNG")
		}
	})
}

func TestCleanup(t *testing.T) {
	var profile string
	t.Run("Browse", func(t *testing.T) {
		b := New(t)
		profile = b.profile
		if len(profileProcesses(profile)) == 0 {
			t.Fatal("no browser process found for the profile")
		}
	})
	if profile == "" {
		t.Skip("no browser")
	}
	if pids := profileProcesses(profile); len(pids) > 0 {
		t.Errorf("browser processes left behind: %v", pids)
	}
	if _, err := os.Stat(profile); !os.IsNotExist(err) {
		t.Errorf("profile %s not removed: %v", profile, err)
	}
}
