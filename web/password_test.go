package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kabinet/web/htmltest"
)

func TestPasswordByEmail(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.registered(t, "10103001857", "Иванов", "old-password-2026", "ivanov@example.ru")
	a := newAgent(t, p.Handler())

	t.Run("Form", func(t *testing.T) {
		d := doc(t, a.get("/password"))
		if got := d.Text("h1"); got != "Восстановление пароля" {
			t.Errorf("h1 = %q", got)
		}
		if got := d.Text("label[for=by-email]"); got != "На электронную почту" {
			t.Errorf("e-mail label = %q", got)
		}
		if got := d.Text("label[for=by-sms]"); got != "По СМС" {
			t.Errorf("SMS label = %q", got)
		}
		d.One(`input#by-email[checked]`)
	})

	// The answer for a registered account and for one that does not exist
	// is the same page but for the typed number.
	var answers []string
	for _, number := range []string{"10103001857", "10103009999"} {
		w := a.post("/password", url.Values{"account": {number}, "by": {"email"}})
		wantStatus(t, w, http.StatusOK)
		if got := doc(t, w).Text(".password-sent"); !strings.HasPrefix(got, "Если лицевой счёт зарегистрирован, мы отправили письмо") {
			t.Errorf("%s: answer = %q", number, got)
		}
		answers = append(answers, strings.ReplaceAll(w.Body.String(), number, "NUMBER"))
	}
	if answers[0] != answers[1] {
		t.Error("the answer tells a registered account from an unknown one")
	}

	t.Run("MalformedNumberBesideTheField", func(t *testing.T) {
		w := a.post("/password", url.Values{"account": {"12!"}, "by": {"email"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		doc(t, w).One("#account-error.field-error")
	})

	link := p.letters.last(t)
	t.Run("LinkShowsForm", func(t *testing.T) {
		d := doc(t, a.get(link))
		d.One(`form[action="/password/reset"] input[type=hidden][name=token]`)
		if got := d.Text("label[for=password]"); got != "Новый пароль" {
			t.Errorf("label = %q", got)
		}
	})

	t.Run("MismatchBesideTheField", func(t *testing.T) {
		token := strings.TrimPrefix(link, "/password/reset?token=")
		w := a.post("/password/reset", url.Values{"token": {token}, "password": {"new-password-2026"}, "confirm": {"other"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		if got := doc(t, w).Text("#confirm-error"); got != "Пароли не совпадают." {
			t.Errorf("confirm error = %q", got)
		}
	})

	t.Run("NewPasswordSignsIn", func(t *testing.T) {
		token := strings.TrimPrefix(link, "/password/reset?token=")
		a.follow(a.post("/password/reset", url.Values{"token": {token}, "password": {"new-password-2026"}, "confirm": {"new-password-2026"}}), "/")
		if got := a.doc().Text("main > .notice-success"); !strings.HasPrefix(got, "Пароль изменён") {
			t.Errorf("flash = %q", got)
		}
		b := newAgent(t, p.Handler())
		b.follow(b.post("/login", url.Values{"account": {"10103001857"}, "secret": {"new-password-2026"}}), "/")
	})

	t.Run("UsedLinkIsInvalid", func(t *testing.T) {
		wantStatus(t, a.get(link), http.StatusNotFound)
	})

	t.Run("ExpiredLink", func(t *testing.T) {
		a.post("/password", url.Values{"account": {"10103001857"}, "by": {"email"}})
		p.clock.Add(time.Hour + time.Minute)
		w := a.get(p.letters.last(t))
		wantStatus(t, w, http.StatusGone)
		if got := doc(t, w).Text(`main a.button[href="/password"]`); got != "Восстановить пароль" {
			t.Errorf("way back = %q", got)
		}
	})
}

func TestPasswordBySMS(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.registered(t, "10103001857", "Иванов", "old-password-2026", "ivanov@example.ru")
	a := newAgent(t, p.Handler())

	w := a.post("/password", url.Values{"account": {"10103001857"}, "by": {"sms"}})
	wantStatus(t, w, http.StatusOK)
	d := doc(t, w)
	if got := d.Text(".password-sent"); !strings.HasPrefix(got, "Если лицевой счёт зарегистрирован, мы отправили СМС") {
		t.Errorf("answer = %q", got)
	}
	if v, _ := htmltest.Attr(d.One(`form[action="/password/code"] input[type=hidden][name=account]`), "value"); v != "10103001857" {
		t.Errorf("hidden account = %q", v)
	}
	for id, want := range map[string]string{"code": "Код из СМС", "password": "Новый пароль", "confirm": "Подтверждение пароля"} {
		if got := d.Text("label[for=" + id + "]"); got != want {
			t.Errorf("label %s = %q, want %q", id, got, want)
		}
	}
	if got := d.Text(`form[action="/password/code"] button`); got != "Сохранить" {
		t.Errorf("button = %q", got)
	}

	code := p.lastCode(t)
	form := url.Values{"account": {"10103001857"}, "code": {"999999"}, "password": {"new-password-2026"}, "confirm": {"new-password-2026"}}
	if code == "999999" {
		form.Set("code", "888888")
	}
	t.Run("WrongCodeBesideTheField", func(t *testing.T) {
		w := a.post("/password/code", form)
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		d.One("#code-error.field-error")
		d.One(`input[type=hidden][name=account][value="10103001857"]`)
		if strings.Contains(body(t, w), "new-password-2026") {
			t.Error("the password was sent back")
		}
	})

	t.Run("RightCodeSignsIn", func(t *testing.T) {
		form.Set("code", code)
		a.follow(a.post("/password/code", form), "/")
		if got := a.doc().Text("h1"); got != "Главная" {
			t.Errorf("h1 = %q", got)
		}
	})
}
