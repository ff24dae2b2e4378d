package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"kabinet/web/htmltest"
)

// registration is a filled registration form for Петрова.
func registration(by string) url.Values {
	return url.Values{"surname": {"петрова "}, "password": {"Байкал-2026-омуль"}, "confirm": {"Байкал-2026-омуль"},
		"email": {"Petrova@Example.RU"}, "phone": {"+7 (902) 555-00-11"}, "by": {by}, "consent": {"yes"}}
}

// firstVisit signs in with the surname and lands on the registration form.
func firstVisit(tb testing.TB, a *agent, number, surname string) {
	tb.Helper()
	a.follow(a.post("/login", url.Values{"account": {number}, "secret": {surname}}), "/register")
	wantStatus(tb, a.last, http.StatusOK)
}

func TestRegisterByEmail(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	a := newAgent(t, p.Handler())

	firstVisit(t, a, "ИЭСБК 0041300", "ПЕТРОВА")
	first := a.session()
	t.Run("FormAsInTheManual", func(t *testing.T) {
		d := a.doc()
		if got := d.Text("main .lead"); got != "Уважаемые клиенты! В данной форме необходимо ввести данные:" {
			t.Errorf("lead = %q", got)
		}
		if got := d.Text(".facts dd.account-number"); got != "ИЭСБК0041300" {
			t.Errorf("account shown = %q", got)
		}
		var labels []string
		for _, l := range d.Find("form[action='/register'] label") {
			labels = append(labels, htmltest.Text(l))
		}
		want := []string{"Фамилия", "Новый пароль", "Подтверждение пароля", "Адрес e-mail", "Номер телефона",
			"По электронной почте", "По СМС", "Подтверждаю свое согласие на обработку персональных данных"}
		if !slices.Equal(labels, want) {
			t.Errorf("labels = %q, want %q", labels, want)
		}
		if v, _ := htmltest.Attr(d.One("input#phone"), "value"); v != "+7 (902) 555-00-11" {
			t.Errorf("phone prefilled = %q", v)
		}
		if v, _ := htmltest.Attr(d.One("input#surname"), "value"); v != "" {
			t.Errorf("surname prefilled = %q", v)
		}
		d.One(`input#by-email[type=radio][checked]`)
		d.One(`input#consent[type=checkbox][name=consent][value=yes]`)
		if got := d.Text(`a[href="/consent"]`); got != "Ознакомиться с условиями обработки персональных данных" {
			t.Errorf("consent link = %q", got)
		}
		if got := d.Text("#register-submit"); got != "Сохранить" {
			t.Errorf("button = %q", got)
		}
		d.One(`script[src*="register.js"][defer]`)
		if d.Has("header nav") {
			t.Error("the cabinet navigation is shown before registration")
		}
	})

	t.Run("ErrorsBesideFieldsKeepAllButPasswords", func(t *testing.T) {
		form := registration("sms")
		form.Set("surname", "Иванова")
		form.Set("confirm", "другой-пароль-2026")
		form.Del("consent")
		w := a.post("/register", form)
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		for _, id := range []string{"surname", "confirm", "consent"} {
			d.One("#" + id + "-error.field-error")
		}
		if v, _ := htmltest.Attr(d.One("input#surname"), "value"); v != "Иванова" {
			t.Errorf("surname kept = %q", v)
		}
		if v, _ := htmltest.Attr(d.One("input#email"), "value"); v != "Petrova@Example.RU" {
			t.Errorf("email kept = %q", v)
		}
		d.One(`input#by-sms[checked]`)
		if strings.Contains(body(t, w), "Байкал-2026-омуль") || strings.Contains(body(t, w), "другой-пароль") {
			t.Error("a password was sent back")
		}
		if a.session() != first {
			t.Error("a refused form changed the session")
		}
	})

	a.follow(a.post("/register", registration("email")), "/register/pending")
	if a.session() == first || a.session() == "" {
		t.Fatal("registration did not replace the first visit's session")
	}
	t.Run("PendingPageSaysWhatToDo", func(t *testing.T) {
		d := a.doc()
		if got := d.Text(".pending-notice"); !strings.HasPrefix(got, "Ваша регистрация успешно завершена. На указанный Вами адрес e-mail направлено уведомление") {
			t.Errorf("notice = %q", got)
		}
		if got := d.Text(".pending-warning"); !strings.Contains(got, "функционал Личного кабинета будет не доступен") {
			t.Errorf("warning = %q", got)
		}
		if got := d.Text(".pending-email"); got != "pe***@example.ru" {
			t.Errorf("masked e-mail = %q", got)
		}
		d.One(`form[action="/register/resend"] button`)
	})

	t.Run("CabinetWaitsForConfirmation", func(t *testing.T) {
		for _, path := range []string{"/", "/a/1/readings", "/register"} {
			w := a.get(path)
			wantStatus(t, w, http.StatusSeeOther)
			if got := w.Header().Get("Location"); got != "/register/pending" {
				t.Errorf("%s → %q", path, got)
			}
		}
	})

	t.Run("Resend", func(t *testing.T) {
		before := p.letters.last(t)
		a.follow(a.post("/register/resend", nil), "/register/pending")
		if got := a.doc().Text("main > .notice-success"); got != "Письмо со ссылкой отправлено ещё раз." {
			t.Errorf("flash = %q", got)
		}
		if p.letters.last(t) == before {
			t.Error("no new letter")
		}
	})

	link := p.letters.last(t)
	t.Run("LinkConfirms", func(t *testing.T) {
		stranger := newAgent(t, p.Handler())
		w := stranger.get(link)
		wantStatus(t, w, http.StatusOK)
		d := doc(t, w)
		if got := d.Text("h1"); got != "Подтверждение" {
			t.Errorf("h1 = %q", got)
		}
		if got := d.Text(".success-text"); got != "Поздравляем! Вы успешно подтвердили лицевой счет." {
			t.Errorf("text = %q", got)
		}
		if got := d.Text(`main a[href="/"]`); got != "Перейти в Личный кабинет" {
			t.Errorf("link = %q", got)
		}
	})

	t.Run("LinkFollowedAgainAnswersTheSame", func(t *testing.T) {
		// Mail scanners open links first; the customer must not then hear
		// that the link is invalid.
		w := a.get(link)
		wantStatus(t, w, http.StatusOK)
		if got := doc(t, w).Text(".success-text"); got != "Поздравляем! Вы успешно подтвердили лицевой счет." {
			t.Errorf("text = %q", got)
		}
	})

	t.Run("SessionNowReachesTheCabinet", func(t *testing.T) {
		w := a.settle(a.get("/"))
		wantStatus(t, w, http.StatusOK)
		if got := doc(t, w).Text(".greeting"); got != "Здравствуйте, Петрова Анна Сергеевна!" {
			t.Errorf("greeting = %q", got)
		}
	})

	t.Run("SignInWithPasswordThenOut", func(t *testing.T) {
		b := newAgent(t, p.Handler())
		b.follow(b.post("/login", url.Values{"account": {"ИЭСБК0041300"}, "secret": {"Байкал-2026-омуль"}}), "/")
		wantStatus(t, b.last, http.StatusOK)
		d := b.doc()
		if got := d.Text("h1"); got != "Главная" {
			t.Errorf("h1 = %q", got)
		}
		if got := d.Text(".account-number"); got != "ИЭСБК0041300" {
			t.Errorf("account = %q", got)
		}
		d.One(`header nav a[href^="/a/"][aria-current=page]`)
		token := b.session()
		b.follow(b.post("/logout", nil), "/")
		if b.session() != "" {
			t.Error("the session cookie survived «Выход»")
		}
		d = b.doc()
		if got := d.Text("main > .notice-success"); got != "Вы вышли из личного кабинета." {
			t.Errorf("flash = %q", got)
		}
		d.One(`form[action="/login"]`)
		if d.Has("header nav") {
			t.Error("navigation shown after «Выход»")
		}
		if _, err := p.svc.Visit(t.Context(), token); err == nil {
			t.Error("the session lives on after «Выход»")
		}
	})
}
