package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kabinet/browsertest"
)

// The journeys of the request forms (SVC-5..7, FEED-1..3): each form
// refused with an error beside the field, then sent, and the request in
// «Мои обращения»; the feedback form also for somebody not signed in.
// axe-core and screenshots at 360 px and desktop width on the way.
func TestBrowserRequests(t *testing.T) {
	url, _ := startDemoPortal(t)
	dir := shotDir(t)
	b := browsertest.New(t).For(t)
	scans := t.TempDir()
	pdfPath, fakePNG := filepath.Join(scans, "договор.pdf"), filepath.Join(scans, "фото.png")
	os.WriteFile(pdfPath, pdfFile, 0o644)
	os.WriteFile(fakePNG, pdfFile, 0o644) // a PDF under a picture's name
	set := func(id, value string) {
		Eval(t, b, `document.getElementById("`+id+`").value = "`+value+`"`)
	}

	visit(b, url, "10103001857", "demo2026")

	// «Вызов специалиста»: prefilled; a wrong phone is refused.
	b.ClickText("Вызов специалиста")
	wantText(t, b, "h1", "Вызов специалиста")
	set("phone", "12345")
	b.SelectByLabel("Цель визита *", "Проверка прибора учета")
	b.ClickText("Отправить")
	wantText(t, b, "#phone-error", "Укажите российский номер: 10 цифр после +7 или 8, например +7 950 123-45-67.")
	checkLooks(t, b, dir, "specialist-error")
	b.FillByLabel("Контактный телефон *", "+7 950 123-45-67")
	b.ClickText("Отправить")
	wantText(t, b, "h1", "Мои обращения")
	wantText(t, b, ".request-kind", "Вызов специалиста")
	wantText(t, b, ".status", "Принято")

	// «Акт сверки»: a range longer than three years is refused.
	b.ClickText("Акт сверки взаиморасчетов")
	wantText(t, b, "h1", "Акт сверки")
	set("from", "2020-01-01")
	b.ClickText("Сформировать акт сверки")
	wantText(t, b, "#from-error", "Акт сверки можно сформировать не больше чем за 3 года.")
	checkLooks(t, b, dir, "statement-error")
	set("from", "2026-01-01")
	b.ClickText("Сформировать акт сверки")
	wantText(t, b, "main > .notice-success", "Акт сверки сформирован и отправлен на вашу электронную почту.")

	// «Направить документы он-лайн»: a PDF named .png is refused.
	b.ClickText("Направить документы он-лайн")
	b.SelectByLabel("Вопрос *", "Количество проживающих")
	b.AttachByLabel("Сканы документов *", fakePNG)
	b.ClickText("Отправить")
	wantText(t, b, "#files-error", "Файл «фото.png» по содержимому — PDF, а не PNG. Проверьте, тот ли это файл, или исправьте его расширение.")
	checkLooks(t, b, dir, "documents-error")
	b.AttachByLabel("Сканы документов *", pdfPath)
	b.ClickText("Отправить")
	// The notice says where the answer comes, as the request says it.
	wantText(t, b, "main > .notice-success", "Документы отправлены. Ответ появится в личном кабинете, в разделе «Мои обращения».")
	wantText(t, b, ".request-files a", "договор.pdf")
	noSmallTargets(t, b)
	checkLooks(t, b, dir, "requests")

	// «Форма обратной связи» from the footer, prefilled; without consent
	// and a topic it is refused beside both.
	b.ClickText("Форма обратной связи")
	wantText(t, b, "h1", "Форма обратной связи")
	b.SelectByLabel("Отделение *", "Правобережное отделение (г. Иркутск)")
	b.SelectByLabel("Способ получения ответа *", "Телефон")
	b.FillByLabel("Обращение *", "Прошу проверить начисления за ноябрь.")
	b.ClickText("Отправить")
	wantText(t, b, "#topic-error", "Укажите тему обращения.")
	wantText(t, b, "#consent-error", "Без согласия на обработку персональных данных обращение не отправить.")
	checkLooks(t, b, dir, "feedback-error")
	b.FillByLabel("Тема *", "Начисления")
	b.Tick("consent")
	b.ClickText("Отправить")
	wantText(t, b, "main > .notice-success", "Обращение отправлено. Ответ в течение 30 дней сообщат по телефону; он появится и в разделе «Мои обращения».")

	// Signed out, the form is empty and still sends.
	b.ClickText("Выход")
	b.Open(url + "/feedback")
	checkLooks(t, b, dir, "feedback")
	b.SelectByLabel("Отделение *", "Ангарское отделение")
	for label, value := range map[string]string{"ФИО *": "Петров Петр Петрович", "Адрес *": "г. Ангарск, 12-й мкр, д. 1",
		"Номер лиц. счёта *": "ИЭСБК0041300", "Контактный телефон *": "89501234567", "Электронная почта *": "petrov@example.ru",
		"Тема *": "Показания", "Обращение *": "Не могу передать показания."} {
		b.FillByLabel(label, value)
	}
	b.SelectByLabel("Способ получения ответа *", "Электронная почта")
	b.Tick("consent")
	b.AttachByLabel("Прикрепить файлы", pdfPath)
	b.ClickText("Отправить")
	if got := b.Text(".request-number"); !strings.HasPrefix(got, "ОБ-") {
		t.Errorf("number = %q", got)
	}
	checkLooks(t, b, dir, "feedback-sent")
}
