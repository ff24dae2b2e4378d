package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

func TestLogin(t *testing.T) {
	s := MustServer(t, nil)
	h := s.Handler()

	for _, path := range []string{"/", "/login"} {
		t.Run("ShowsForm"+path, func(t *testing.T) {
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

	t.Run("PostKeepsTypedNumberAndSaysNotYet", func(t *testing.T) {
		w := postForm(t, h, "/login", url.Values{"account": {" ИЭСБК0041300 "}, "secret": {"Иванова"}})
		wantStatus(t, w, http.StatusOK)
		d := doc(t, w)
		if v, _ := htmltest.Attr(d.One("input#account"), "value"); v != "ИЭСБК0041300" {
			t.Errorf("account value = %q, want the typed number", v)
		}
		if v, _ := htmltest.Attr(d.One("input#secret"), "value"); v != "" {
			t.Errorf("secret echoed back: %q", v)
		}
		if got := d.Text(".notice"); got != "Вход в кабинет появится в следующей версии портала." {
			t.Errorf("notice = %q", got)
		}
	})

	t.Run("PostEmptyShowsErrorsBesideFields", func(t *testing.T) {
		w := postForm(t, h, "/login", url.Values{"account": {""}, "secret": {""}})
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

	t.Run("PostMalformedNumberKeepsItWithTheReason", func(t *testing.T) {
		w := postForm(t, h, "/login", url.Values{"account": {"0041300А!"}, "secret": {"Иванова"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		if v, _ := htmltest.Attr(d.One("input#account"), "value"); v != "0041300А!" {
			t.Errorf("account value = %q, want what was typed", v)
		}
		if got := d.Text("#account-error"); !strings.Contains(got, "Номер лицевого счёта состоит из букв") {
			t.Errorf("account error = %q", got)
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
