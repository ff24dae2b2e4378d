package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

func TestLoginForm(t *testing.T) {
	h := MustServer(t, nil).Handler()
	for _, path := range []string{"/", "/login"} {
		t.Run("Shows"+path, func(t *testing.T) {
			w := get(t, h, path)
			wantStatus(t, w, http.StatusOK)
			d := doc(t, w)
			if got := d.Text("h1"); got != "Вход в личный кабинет" {
				t.Errorf("h1 = %q", got)
			}
			if got := d.Text("label[for=account]"); got != "Номер лицевого счета / договора" {
				t.Errorf("account label = %q", got)
			}
			if got := d.Text("label[for=secret]"); got != "Фамилия / пароль" {
				t.Errorf("secret label = %q", got)
			}
			d.One(`form[method=post][action="/login"] input#account[name=account]`)
			d.One(`form input#secret[type=password]`)
			if got := d.Text(`form button[type=submit]`); got != "Войти" {
				t.Errorf("button = %q", got)
			}
			if got := d.Text(`a[href="/password"]`); got != "Забыли пароль?" {
				t.Errorf("forgot link = %q", got)
			}
			if got := d.Text("aside .deadline p"); got != "Передача показаний приборов учета — до 25 числа каждого месяца" {
				t.Errorf("side panel = %q", got)
			}
		})
	}

	t.Run("WithoutServiceSaysUnavailable", func(t *testing.T) {
		w := postForm(t, h, "/login", url.Values{"account": {"10103001857"}, "secret": {"x"}})
		wantStatus(t, w, http.StatusInternalServerError)
		if got := doc(t, w).Text(".error-message"); !strings.Contains(got, "временно недоступен") {
			t.Errorf("message = %q", got)
		}
	})

	t.Run("CrossSitePostIsRefused", func(t *testing.T) {
		r := newPost("/login", url.Values{"account": {"1"}, "secret": {"x"}})
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		w := do(t, h, r)
		wantStatus(t, w, http.StatusForbidden)
		if got := doc(t, w).Text("h1"); got != "Доступ запрещён" {
			t.Errorf("h1 = %q", got)
		}
	})
}

func TestLoginErrors(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	a := newAgent(t, p.Handler())

	t.Run("EmptyShowsErrorsBesideFields", func(t *testing.T) {
		w := a.post("/login", url.Values{"account": {""}, "secret": {""}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		d.One(`.field-invalid input#account[aria-invalid=true][aria-describedby*=account-error]`)
		if got := d.Text("#account-error.field-error"); got != "Укажите номер лицевого счета или договора." {
			t.Errorf("account error = %q", got)
		}
		d.One("#secret-error.field-error")
		if d.Has(".notice") {
			t.Error("notice shown with field errors")
		}
	})

	t.Run("MalformedNumberKeepsItWithTheReason", func(t *testing.T) {
		w := a.post("/login", url.Values{"account": {"0041300А!"}, "secret": {"Иванова"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		if v, _ := htmltest.Attr(d.One("input#account"), "value"); v != "0041300А!" {
			t.Errorf("account value = %q, want what was typed", v)
		}
		if got := d.Text("#account-error"); !strings.Contains(got, "Номер лицевого счёта состоит из букв") {
			t.Errorf("account error = %q", got)
		}
		if v, _ := htmltest.Attr(d.One("input#secret"), "value"); v != "" {
			t.Errorf("secret echoed back: %q", v)
		}
	})
}

// TestUniformRefusals: an unknown account, a wrong surname and a wrong
// password get the same page with the same status; only the typed number
// differs. The page must not tell a stranger which accounts exist.
func TestUniformRefusals(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	p.registered(t, "10103001857", "Иванов", "demo2026-secret", "ivanov@example.ru")
	tries := []struct{ name, number, secret string }{
		{"UnknownAccount", "ИЭСБК0099999", "Петрова"},
		{"WrongSurname", "ИЭСБК0041300", "Сидорова"},
		{"WrongPassword", "10103001857", "wrong-password"},
		{"SurnameOfRegistered", "10103001857", "Иванов"},
	}
	var first string
	for _, tt := range tries {
		t.Run(tt.name, func(t *testing.T) {
			a := newAgent(t, p.Handler())
			w := a.post("/login", url.Values{"account": {tt.number}, "secret": {tt.secret}})
			wantStatus(t, w, statusSignInRefused)
			d := doc(t, w)
			if got := d.Text(".notice-error[role=alert]"); got != "Неверный номер лицевого счета или фамилия / пароль." {
				t.Errorf("notice = %q", got)
			}
			if v, _ := htmltest.Attr(d.One("input#account"), "value"); v != tt.number {
				t.Errorf("typed number not kept: %q", v)
			}
			if strings.Contains(body(t, w), tt.secret) {
				t.Error("the secret was echoed")
			}
			if a.session() != "" {
				t.Error("a refused sign-in set a session cookie")
			}
			page := strings.Replace(w.Body.String(), `value="`+tt.number+`"`, `value="NUMBER"`, 1)
			if first == "" {
				first = page
			} else if page != first {
				t.Errorf("the page differs from the first refusal's:\n%s", page)
			}
		})
	}

	t.Run("LockoutLooksTheSameForEveryNumber", func(t *testing.T) {
		for _, number := range []string{"ИЭСБК0099998", "10103001857"} {
			a := newAgent(t, p.Handler())
			var w = a.post("/login", url.Values{"account": {number}, "secret": {"wrong-password"}})
			for range 10 {
				w = a.post("/login", url.Values{"account": {number}, "secret": {"wrong-password"}})
			}
			wantStatus(t, w, statusSignInRefused)
			if got := doc(t, w).Text(".notice-error"); !strings.Contains(got, "Слишком много неудачных попыток") {
				t.Errorf("%s: notice = %q", number, got)
			}
		}
	})
}
