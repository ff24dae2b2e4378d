package main

import (
	"regexp"
	"strings"
	"testing"

	"kabinet/browsertest"
	"kabinet/mail/mailpittest"
	"kabinet/sms/smstest"
	"kabinet/sqlstore/sqlstoretest"
)

// The registration journeys on the whole program, with a real SMTP server
// (mailpit) and a fake of the SMS.ru API behind the job queue: the link and
// the code are taken from where a customer would find them.

var linkRE = regexp.MustCompile(`https?://\S+/register/confirm\?token=[\w-]+`)

// register fills the registration form after a first visit; with SMS
// chosen the form's button reads «Отправить СМС».
func register(t *testing.T, b *browsertest.Browser, url, number, surname, by, button string) {
	t.Helper()
	b.Open(url + "/")
	b.FillByLabel("Номер лицевого счета / договора", number)
	b.FillByLabel("Фамилия / пароль", surname)
	b.ClickText("Войти")
	b.FillByLabel("Фамилия", surname)
	b.FillByLabel("Новый пароль", "Байкал-2026-омуль")
	b.FillByLabel("Подтверждение пароля", "Байкал-2026-омуль")
	b.FillByLabel("Адрес e-mail", "customer@example.ru")
	if !b.Tick(by) || !b.Tick("consent") {
		t.Fatal("could not tick the confirmation method and the consent")
	}
	b.AxeClean(t)
	b.ClickText(button)
}

func signedIn(t *testing.T, b *browsertest.Browser, fullName string) {
	t.Helper()
	if got := strings.Join(strings.Fields(b.Text(".greeting")), " "); !strings.Contains(got, fullName) {
		t.Fatalf("greeting = %q, want %s in the cabinet", got, fullName)
	}
	b.AxeClean(t)
}

func TestBrowserRegistrationThroughRealChannels(t *testing.T) {
	mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), withChannels(mp, gw))
	browser := browsertest.New(t)
	url := m.URL()

	t.Run("EmailLinkFromMailpit", func(t *testing.T) {
		b := browser.For(t)
		register(t, b, url, "ИЭСБК0041300", "Петрова", "by-email", "Сохранить")
		b.AxeClean(t)
		// The contacts on file are told of the registration too; the link
		// goes to the address the customer gave.
		letter := letterTo(t, mp, "customer@example.ru")
		link := linkRE.FindString(letter.Text)
		if link == "" {
			t.Fatalf("no confirmation link in:\n%s", letter.Text)
		}
		// The letter links to the public base URL; the test server has its
		// own port, so follow the link's path there.
		b.Open(url + link[strings.Index(link, "/register/"):])
		b.AxeClean(t)
		b.ClickText("Перейти в Личный кабинет")
		signedIn(t, b, "Петрова Анна Сергеевна")
		b.ClickText("Выход")
		b.FillByLabel("Номер лицевого счета / договора", "ИЭСБК0041300")
		b.FillByLabel("Фамилия / пароль", "Байкал-2026-омуль")
		b.ClickText("Войти")
		signedIn(t, b, "Петрова Анна Сергеевна")
		b.ClickText("Выход")
	})

	t.Run("SMSCodeFromTheGateway", func(t *testing.T) {
		b := browser.For(t)
		register(t, b, url, "ЕТСОО204646", "Сидоров", "by-sms", "Отправить СМС")
		eventually(t, "the SMS at the gateway", func() bool { return len(gw.Messages()) == 1 })
		b.FillByLabel("Код подтверждения", gw.Messages()[0].Text[:6])
		b.ClickText("ОК")
		if !strings.Contains(b.Text("main"), "Подтверждено") {
			t.Fatalf("no «Подтверждено» after the right code:\n%s", b.Text("main"))
		}
		b.AxeClean(t)
		b.ClickText("Сохранить")
		signedIn(t, b, "Сидоров Пётр Алексеевич")
	})
}

// letterTo waits for the letter to addr in mailpit and returns it.
func letterTo(t *testing.T, mp *mailpittest.Server, addr string) mailpittest.Full {
	t.Helper()
	var id string
	eventually(t, "the letter to "+addr+" in mailpit", func() bool {
		for _, m := range mp.Messages(t) {
			for _, to := range m.To {
				if to.Address == addr {
					id = m.ID
					return true
				}
			}
		}
		return false
	})
	return mp.Message(t, id)
}
