package main

import (
	"os"
	"strings"
	"testing"

	"kabinet/browsertest"
	"kabinet/mail/mailpittest"
	"kabinet/sms/smstest"
	"kabinet/sqlstore/sqlstoretest"
)

// TestBrowserOfficeAnswersEnquiry is issue 8's journey across both
// sides: a customer sends «Форма обратной связи» wanting an e-mail
// answer; an operator finds it in the queue, takes it and answers; the
// customer reads the answer in «Мои обращения», and the letter arrives in
// mailpit.
func TestBrowserOfficeAnswersEnquiry(t *testing.T) {
	mp, gw := mailpittest.Start(t), smstest.NewSMSRu(t)
	m := MustRunMain(t, sqlstoretest.SQLiteDSN(t), withChannels(mp, gw))
	browser := browsertest.New(t)
	dir := os.Getenv("KABINET_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}

	customer := browser.For(t)
	customer.Open(m.URL() + "/login")
	customer.FillByLabel("Номер лицевого счета / договора", "10103001857")
	customer.FillByLabel("Фамилия / пароль", "demo2026")
	customer.ClickText("Войти")
	customer.Open(m.URL() + "/feedback")
	customer.SelectByLabel("Отделение *", "Правобережное отделение (г. Иркутск)")
	customer.SelectByLabel("Способ получения ответа *", "Электронная почта")
	customer.FillByLabel("Электронная почта *", "ivanov@example.ru")
	customer.FillByLabel("Тема *", "Перерасчет")
	customer.FillByLabel("Обращение *", "Прошу пересчитать ноябрь: меня не было дома.")
	customer.Tick("consent")
	customer.ClickText("Отправить")
	number := customer.Text(".request-number")
	if !strings.HasPrefix(number, "ОБ-") {
		t.Fatalf("the enquiry was not sent: %q", customer.Text("main"))
	}

	op := browser.For(t)
	op.Open(m.URL() + "/office/login")
	officeSignIn(op, "operator", demoCode(t, m, "operator", 0))
	op.ClickText("Обращения")
	op.CheckLooks(t, dir, "office-queue")
	op.ClickText(number)
	if got := op.Text("h1"); !strings.Contains(got, number) {
		t.Fatalf("request page h1 = %q", got)
	}
	op.CheckLooks(t, dir, "office-request")
	op.ClickText("Взять себе")
	if got := op.Text(".request-status"); got != "В работе" {
		t.Errorf("after «Взять себе»: %q", got)
	}
	op.ClickText("Ответить")
	if got := op.Text("#answer-error"); got != "Напишите ответ." {
		t.Errorf("an empty answer: %q", got)
	}
	op.FillByLabel("Текст ответа *", "Перерасчет сделан: сумма за ноябрь уменьшена.")
	op.ClickText("Ответить")
	if got := op.Text(".request-status"); got != "Ответ дан" {
		t.Errorf("after the answer: %q", got)
	}
	op.CheckLooks(t, dir, "office-request-answered")

	customer.Open(m.URL() + "/")
	customer.ClickText("Мои обращения")
	if got := customer.Text(".request-answer"); !strings.Contains(got, "Перерасчет сделан") {
		t.Errorf("«Мои обращения» shows %q", got)
	}
	eventually(t, "the answer in mailpit", func() bool {
		for _, s := range mp.Messages(t) {
			if strings.Contains(s.Subject, number) && len(s.To) == 1 && s.To[0].Address == "ivanov@example.ru" {
				return true
			}
		}
		return false
	})
}
