package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRegisterBySMS(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	a := newAgent(t, p.Handler())
	firstVisit(t, a, "ИЭСБК0041300", "Петрова")
	a.follow(a.post("/register", registration("sms")), "/register/pending")

	t.Run("PanelWithCodeField", func(t *testing.T) {
		d := a.doc()
		if got := d.Text(".sms-panel h2"); got != "СМС подтверждение" {
			t.Errorf("h2 = %q", got)
		}
		if got := d.Text(".pending-phone"); got != "+7 (902) ***-**-11" {
			t.Errorf("phone = %q", got)
		}
		if got := d.Text(`form[action="/register/code"] label[for=code]`); got != "Код подтверждения" {
			t.Errorf("code label = %q", got)
		}
		if got := d.Text(`form[action="/register/code"] button`); got != "ОК" {
			t.Errorf("ok button = %q", got)
		}
		if got := d.Text(`form[action="/register/sms"] button`); got != "Отправить СМС" {
			t.Errorf("send button = %q", got)
		}
		if d.Has(".verified") {
			t.Error("«Подтверждено» before the code")
		}
	})

	code := p.lastCode(t)
	t.Run("WrongCodeBesideTheField", func(t *testing.T) {
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		w := a.post("/register/code", url.Values{"code": {wrong}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		d := doc(t, w)
		d.One(`.field-invalid input#code[aria-invalid=true]`)
		if got := d.Text("#code-error"); got != "Неверный код. Осталось попыток: 4." {
			t.Errorf("code error = %q", got)
		}
	})

	t.Run("SaveBeforeCodeIsRefused", func(t *testing.T) {
		w := a.post("/register/complete", nil)
		wantStatus(t, w, http.StatusUnprocessableEntity)
		if got := doc(t, w).Text("#code-error"); !strings.Contains(got, "Сначала подтвердите") {
			t.Errorf("error = %q", got)
		}
	})

	t.Run("SMSLimitBesideTheButton", func(t *testing.T) {
		// Registration sent the first SMS; two more fit in 10 minutes.
		for range 2 {
			a.follow(a.post("/register/sms", nil), "/register/pending")
		}
		if got := a.doc().Text("main > .notice-success"); got != "СМС с кодом отправлено." {
			t.Errorf("flash = %q", got)
		}
		w := a.post("/register/sms", nil)
		wantStatus(t, w, http.StatusTooManyRequests)
		if got := doc(t, w).Text("#sms-error"); !strings.Contains(got, "Подождите 10 минут") {
			t.Errorf("sms error = %q", got)
		}
	})

	t.Run("RightCodeThenSave", func(t *testing.T) {
		a.follow(a.post("/register/code", url.Values{"code": {p.lastCode(t)}}), "/register/pending")
		d := a.doc()
		if got := d.Text(".verified"); got != "✓ Подтверждено" {
			t.Errorf("mark = %q", got)
		}
		if !strings.Contains(d.Text(".sms-panel"), `Для перехода в личный кабинет нажмите "Сохранить".`) {
			t.Error("no instruction to press «Сохранить»")
		}
		before := a.session()
		a.follow(a.post("/register/complete", url.Values{}), "/")
		if a.session() == before {
			t.Error("completing registration kept the session token")
		}
		d = a.doc()
		if got := d.Text("h1"); got != "Главная" {
			t.Errorf("h1 = %q", got)
		}
		if got := d.Text("main > .notice-success"); !strings.HasPrefix(got, "Регистрация завершена") {
			t.Errorf("flash = %q", got)
		}
	})

	t.Run("PendingPagesLeadHome", func(t *testing.T) {
		w := a.get("/register/pending")
		wantStatus(t, w, http.StatusSeeOther)
		if got := w.Header().Get("Location"); got != "/" {
			t.Errorf("Location = %q", got)
		}
	})
}

func TestExpiredLink(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	p.account(t, "ИЭСБК0041300", "Петрова")
	a := newAgent(t, p.Handler())
	firstVisit(t, a, "ИЭСБК0041300", "Петрова")
	a.follow(a.post("/register", registration("email")), "/register/pending")
	p.clock.Add(24*time.Hour + time.Minute)

	w := a.get(p.letters.last(t))
	wantStatus(t, w, http.StatusGone)
	d := doc(t, w)
	if got := d.Text(".link-problem"); got != "Срок действия ссылки истёк." {
		t.Errorf("text = %q", got)
	}
	if got := d.Text(`main a.button[href="/login"]`); got != "Пройти регистрацию заново" {
		t.Errorf("way back = %q", got)
	}
	t.Run("RegisterAgain", func(t *testing.T) {
		b := newAgent(t, p.Handler())
		firstVisit(t, b, "ИЭСБК0041300", "Петрова")
		b.follow(b.post("/register", registration("email")), "/register/pending")
	})
}

func TestEleventhAccountOnOneEmail(t *testing.T) {
	p := newPortal(t, "http://127.0.0.1", Config{})
	for i := range 10 {
		p.registered(t, "1010300"+strconv.Itoa(1000+i), "Иванов", "pw-irrelevant-1", "petrova@example.ru")
	}
	p.account(t, "ИЭСБК0041300", "Петрова")
	a := newAgent(t, p.Handler())
	firstVisit(t, a, "ИЭСБК0041300", "Петрова")
	w := a.post("/register", registration("email"))
	wantStatus(t, w, http.StatusUnprocessableEntity)
	d := doc(t, w)
	d.One(`.field-invalid input#email[aria-invalid=true][aria-describedby*=email-error]`)
	if got := d.Text("#email-error"); !strings.Contains(got, "уже зарегистрировано 10 лицевых счетов") {
		t.Errorf("email error = %q", got)
	}
}
