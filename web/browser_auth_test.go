package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"kabinet"
	"kabinet/browsertest"
)

// tick ticks a radio button or checkbox by its id and fails the test if
// it is not checked afterwards.
func tick(t *testing.T, b *browsertest.Browser, id string) {
	t.Helper()
	if !b.Tick(id) {
		t.Fatalf("#%s not checked after a click", id)
	}
}

// fillRegistration fills the registration form for the owner surname.
func fillRegistration(b *browsertest.Browser, surname, confirm string) {
	b.FillByLabel("Фамилия", surname)
	b.FillByLabel("Новый пароль", "Байкал-2026-омуль")
	b.FillByLabel("Подтверждение пароля", confirm)
	b.FillByLabel("Адрес e-mail", "owner@example.ru")
}

// wantText fails unless the first element matching selector reads want.
func wantText(t *testing.T, b *browsertest.Browser, selector, want string) {
	t.Helper()
	if got := strings.Join(strings.Fields(b.Text(selector)), " "); got != want {
		t.Errorf("%s = %q, want %q", selector, got, want)
	}
}

// noSmallTargets fails if a button or stand-alone link is under 44×44 px.
func noSmallTargets(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	if small := smallTargets(b); len(small) > 0 {
		t.Errorf("controls smaller than 44×44 px: %q", small)
	}
}

// visit signs in with a number and a surname or password.
func visit(b *browsertest.Browser, url, number, secret string) {
	b.Open(url + "/login")
	b.FillByLabel("Номер лицевого счета / договора", number)
	b.FillByLabel("Фамилия / пароль", secret)
	b.ClickText("Войти")
}

func TestBrowserAuth(t *testing.T) {
	url, p := startAuthPortal(t) // ИЭСБК0041300 Петрова
	p.account(t, "ЕТСОО204646", "Сидоров")
	p.account(t, "ИЭСБК0077002", "Кузнецова")
	p.account(t, "ИЭСБК0077003", "Смирнова")
	dir := shotDir(t)
	browser := browsertest.New(t)

	t.Run("RegisterByEmail", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/")
		checkLooks(t, b, dir, "auth-login")
		visit(b, url, "ИЭСБК0041300", "петрова")
		wantText(t, b, "h1", "Регистрация в личном кабинете")
		noSmallTargets(t, b)
		checkLooks(t, b, dir, "auth-register")
		fillRegistration(b, "Петрова", "не тот пароль")
		b.ClickText("Сохранить")
		wantText(t, b, "#confirm-error", "Пароли не совпадают.")
		wantText(t, b, "#consent-error", "Без согласия на обработку персональных данных регистрация невозможна.")
		checkLooks(t, b, dir, "auth-register-errors")
		b.FillByLabel("Новый пароль", "Байкал-2026-омуль")
		b.FillByLabel("Подтверждение пароля", "Байкал-2026-омуль")
		tick(t, b, "consent")
		b.ClickText("Сохранить")
		wantText(t, b, ".pending-email", "ow***@example.ru")
		checkLooks(t, b, dir, "auth-pending-email")

		b.Open(url + "/dev/mail")
		checkLooks(t, b, dir, "auth-dev-mail")
		b.ClickText(b.Text(".outbox-body a"))
		wantText(t, b, ".success-text", "Поздравляем! Вы успешно подтвердили лицевой счет.")
		checkLooks(t, b, dir, "auth-confirmed")
		b.ClickText("Перейти в Личный кабинет")
		wantText(t, b, ".greeting", "Здравствуйте, Петрова Анна Сергеевна!")
		checkLooks(t, b, dir, "auth-home")
		b.ClickText("Выход")
		wantText(t, b, "main > .notice-success", "Вы вышли из личного кабинета.")
		checkLooks(t, b, dir, "auth-signed-out")
		visit(b, url, "ИЭСБК0041300", "Байкал-2026-омуль")
		wantText(t, b, "h1", "Главная")
		b.ClickText("Передать показания")
		checkLooks(t, b, dir, "auth-soon")
		b.ClickText("Выход")
	})

	t.Run("Consent", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/consent")
		checkLooks(t, b, dir, "auth-consent")
	})

	t.Run("RegisterBySMS", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "ЕТСОО204646", "Сидоров")
		fillRegistration(b, "Сидоров", "Байкал-2026-омуль")
		tick(t, b, "by-sms")
		tick(t, b, "consent")
		// The enhancement names the button as the old site did.
		b.ClickText("Отправить СМС")
		wantText(t, b, ".sms-panel h2", "СМС подтверждение")
		noSmallTargets(t, b)
		checkLooks(t, b, dir, "auth-pending-sms")
		b.FillByLabel("Код подтверждения", "000000")
		b.ClickText("ОК")
		b.Text("#code-error")
		checkLooks(t, b, dir, "auth-pending-sms-error")
		b.Open(url + "/dev/sms")
		checkLooks(t, b, dir, "auth-dev-sms")
		b.Open(url + "/register/pending")
		b.FillByLabel("Код подтверждения", p.lastCode(t))
		b.ClickText("ОК")
		wantText(t, b, ".verified", "✓ Подтверждено")
		checkLooks(t, b, dir, "auth-sms-verified")
		b.ClickText("Сохранить")
		wantText(t, b, "h1", "Главная")
		b.ClickText("Выход")
	})

	t.Run("WrongSurname", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "ИЭСБК0077002", "Иванова")
		wantText(t, b, ".notice-error", "Неверный номер лицевого счета или фамилия / пароль.")
		checkLooks(t, b, dir, "auth-wrong-surname")
	})

	t.Run("ForgottenPassword", func(t *testing.T) {
		b := browser.For(t)
		b.Open(url + "/login")
		b.ClickText("Забыли пароль?")
		checkLooks(t, b, dir, "auth-password")
		b.FillByLabel("Номер лицевого счета / договора", "ИЭСБК0041300")
		b.ClickText("Отправить")
		checkLooks(t, b, dir, "auth-password-sent")
		b.Open(url + "/dev/mail")
		b.ClickText(b.Text(".outbox-body a"))
		checkLooks(t, b, dir, "auth-reset")
		b.FillByLabel("Новый пароль", "Ангара-2026-хариус")
		b.FillByLabel("Подтверждение пароля", "Ангара-2026-хариус")
		b.ClickText("Сохранить")
		wantText(t, b, "main > .notice-success", "Пароль изменён. Другие сеансы входа завершены.")
		b.ClickText("Выход")

		b.Open(url + "/password")
		b.FillByLabel("Номер лицевого счета / договора", "ЕТСОО204646")
		tick(t, b, "by-sms")
		b.ClickText("Отправить")
		checkLooks(t, b, dir, "auth-password-sms")
		b.FillByLabel("Код из СМС", p.lastCode(t))
		b.FillByLabel("Новый пароль", "Ангара-2026-хариус")
		b.FillByLabel("Подтверждение пароля", "Ангара-2026-хариус")
		b.ClickText("Сохранить")
		wantText(t, b, "h1", "Главная")
		b.ClickText("Выход")
	})

	t.Run("RegisterFormVisuallyImpaired", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "ИЭСБК0077002", "Кузнецова")
		b.ClickText("Версия для слабовидящих")
		b.ClickText("200 %")
		b.ClickText("Белым по чёрному")
		wantText(t, b, "h1", "Регистрация в личном кабинете")
		b.ClickText("Сохранить")
		checkLooks(t, b, dir, "auth-register-200-black")
		unfoldSettings(t, b)
		b.ClickText("Обычная версия")
		b.ClickText("Отмена")
	})

	t.Run("ExpiredLink", func(t *testing.T) {
		b := browser.For(t)
		visit(b, url, "ИЭСБК0077003", "Смирнова")
		fillRegistration(b, "Смирнова", "Байкал-2026-омуль")
		tick(t, b, "consent")
		b.ClickText("Сохранить")
		p.clock.Add(24*time.Hour + time.Minute)
		b.Open(url + "/dev/mail")
		b.ClickText(b.Text(".outbox-body a"))
		wantText(t, b, ".link-problem", "Срок действия ссылки истёк.")
		checkLooks(t, b, dir, "auth-link-expired")
		b.ClickText("Пройти регистрацию заново")
		wantText(t, b, "h1", "Вход в личный кабинет")
		b.Open(url + "/register/confirm?token=nonsense")
		checkLooks(t, b, dir, "auth-link-invalid")
	})

	t.Run("EleventhAccountOnOneEmail", func(t *testing.T) {
		for i := range 10 { // ten registrations on owner@example.ru already
			a := p.account(t, "ИЭСБК00880"+string(rune('0'+i))+"0", "Орлова")
			u := &kabinet.User{PasswordHash: "x", Email: "owner@example.ru", ConfirmBy: kabinet.ConfirmByEmail}
			if err := p.db.CreateUser(context.Background(), u, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		p.account(t, "ИЭСБК0088999", "Орлова")
		b := browser.For(t)
		visit(b, url, "ИЭСБК0088999", "Орлова")
		fillRegistration(b, "Орлова", "Байкал-2026-омуль")
		tick(t, b, "consent")
		b.ClickText("Сохранить")
		if got := b.Text("#email-error"); !strings.Contains(got, "уже зарегистрировано 10 лицевых счетов") {
			t.Errorf("e-mail error = %q", got)
		}
		checkLooks(t, b, dir, "auth-eleventh-account")
	})
}
