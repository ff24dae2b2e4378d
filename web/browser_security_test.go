package web

import (
	"context"
	"strings"
	"testing"

	"kabinet"
	"kabinet/browsertest"
)

// The journeys of «Вход и безопасность» with two browsers signed in as
// one customer: a password change ends the other browser's session; a
// new sign-in e-mail confirmed by the link from the outbox is where
// password recovery writes next; «Выйти на всех устройствах» ends the
// other browser's session and this one.
func TestBrowserSecurity(t *testing.T) {
	url, p := startAuthPortal(t)
	p.registered(t, "10103001857", "Иванов", "Байкал-2026-омуль", "ivanov@example.ru")
	dir := shotDir(t)
	a := browsertest.New(t).For(t)
	b := browsertest.New(t).For(t)
	visit(b, url, "10103001857", "Байкал-2026-омуль")
	b.Open(url + "/")
	wantText(t, b, "h1", "Главная")
	visit(a, url, "10103001857", "Байкал-2026-омуль")
	a.ClickText("Личные данные")
	wantText(t, a, ".signin-email", "ivanov@example.ru")
	checkLooks(t, a, dir, "profile-contacts")
	a.ClickText("Вход и безопасность")
	wantText(t, a, "h1", "Вход и безопасность")
	if n := a.Count(".device"); n != 2 {
		t.Errorf("devices listed = %d, want 2", n)
	}
	wantText(t, a, ".device-current .device-name", "Chrome, Linux Это устройство")
	noSmallTargets(t, a)
	checkLooks(t, a, dir, "security")

	// A wrong current password is refused beside its field.
	a.FillByLabel("Текущий пароль", "не тот пароль")
	a.FillByLabel("Новый пароль", "Ангара-2026-хариус")
	a.FillByLabel("Подтверждение пароля", "Ангара-2026-хариус")
	a.ClickText("Сменить пароль")
	wantText(t, a, "#current-error", "Неверный текущий пароль.")
	checkLooks(t, a, dir, "security-wrong-current")
	a.FillByLabel("Текущий пароль", "Байкал-2026-омуль")
	a.FillByLabel("Новый пароль", "Ангара-2026-хариус")
	a.FillByLabel("Подтверждение пароля", "Ангара-2026-хариус")
	a.ClickText("Сменить пароль")
	wantText(t, a, "main > .notice-success", "Пароль изменён. Другие сеансы входа завершены.")
	if n := a.Count(".device"); n != 1 {
		t.Errorf("devices after the change = %d, want 1", n)
	}
	b.Open(url + "/")
	wantText(t, b, "h1", "Вход в личный кабинет")

	// A new sign-in e-mail: refused when malformed, then confirmed by
	// the link sent to it.
	a.ClickText("Изменить электронную почту для входа")
	a.FillByLabel("Новый адрес e-mail", "petrov@")
	a.FillByLabel("Текущий пароль", "Ангара-2026-хариус")
	a.ClickText("Отправить ссылку")
	if got := a.Text("#email-error"); got == "" {
		t.Error("a malformed address was not refused beside the field")
	}
	if got := browsertest.Eval[string](a, `document.getElementById("email").value`); got != "petrov@" {
		t.Errorf("typed address not kept: %q", got)
	}
	checkLooks(t, a, dir, "security-email-error")
	a.FillByLabel("Новый адрес e-mail", "ivanov.new@example.ru")
	a.FillByLabel("Текущий пароль", "Ангара-2026-хариус")
	a.ClickText("Отправить ссылку")
	wantText(t, a, "main > .notice-success", "Письмо со ссылкой отправлено на новый адрес. Адрес для входа изменится, когда вы перейдёте по ссылке.")
	wantText(t, a, ".signin-email", "ivanov@example.ru Изменить электронную почту для входа")
	b.Open(url + "/dev/mail")
	b.ClickText(b.Text(".outbox-body a"))
	wantText(t, b, "h1", "Новый адрес для входа")
	checkLooks(t, b, dir, "security-confirm")
	b.ClickText("Подтвердить адрес")
	wantText(t, b, ".contact-done", "Адрес подтверждён. Теперь ссылки для восстановления пароля приходят на него.")
	a.ClickText("Личные данные")
	wantText(t, a, ".signin-email", "ivanov.new@example.ru")
	if got := lastEmailTo(t, p, "ivanov@example.ru"); !strings.Contains(got, "изменён") {
		t.Errorf("the old address was not told: %q", got)
	}

	// Password recovery writes to the new address.
	b.Open(url + "/password")
	b.FillByLabel("Номер лицевого счета / договора", "10103001857")
	b.ClickText("Отправить")
	if got := lastEmailTo(t, p, "ivanov.new@example.ru"); !strings.Contains(got, "/password/reset?token=") {
		t.Errorf("the reset letter did not go to the new address: %q", got)
	}

	// «Выйти на всех устройствах» ends the other browser's session too.
	visit(b, url, "10103001857", "Ангара-2026-хариус")
	b.Open(url + "/")
	wantText(t, b, "h1", "Главная")
	a.ClickText("Личные данные")
	a.ClickText("Вход и безопасность")
	if n := a.Count(".device"); n != 2 {
		t.Errorf("devices listed = %d, want 2", n)
	}
	a.ClickText("Выйти на всех устройствах")
	wantText(t, a, "main > .notice-success", "Вы вышли из личного кабинета на всех устройствах.")
	b.Open(url + "/")
	wantText(t, b, "h1", "Вход в личный кабинет")
}

// lastEmailTo is the text of the newest e-mail in the outbox to an
// address, "" for none.
func lastEmailTo(t *testing.T, p *portal, to string) string {
	t.Helper()
	ms, err := p.db.FindMessages(context.Background(), kabinet.ChannelEmail, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Recipient == to {
			return m.Text
		}
	}
	return ""
}
