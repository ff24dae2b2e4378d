package letters_test

import (
	"testing"

	"kabinet/letters"
)

// Every kind of letter greets once, in text and in HTML (issue 20: the
// act's letter said «Здравствуйте!» twice, the answer three times).
func TestEveryLetterGreetsOnce(t *testing.T) {
	tpl, err := letters.NewTemplates()
	if err != nil {
		t.Fatal(err)
	}
	supplier := `ООО "Энергосбыт"`
	notice := func(title, body string) letters.Letter {
		return letters.Notice{SupplierName: supplier, Title: title, Body: body, Link: "https://kabinet.example/a/1/"}
	}
	statement := letters.StatementLetter{Account: "10103001857", Provider: "ООО «БЭК»", Service: "Теплоснабжение",
		From: "01.01.2026", To: "30.11.2026"}
	answer := letters.AnswerLetter{Number: "12", FullName: "Петрова Анна Сергеевна", Topic: "Перерасчет",
		Answer: "Перерасчет выполнен."}
	greeted := answer
	greeted.Answer = "Здравствуйте, Анна Сергеевна!\n\nПерерасчет выполнен.\n\nС уважением, Иванова"
	kinds := map[string]letters.Letter{
		"confirm_email":  letters.ConfirmEmail{SupplierName: supplier, AccountNumber: "10103001857", Link: "https://kabinet.example/c", Expires: "24 часа"},
		"reset_password": letters.ResetPassword{SupplierName: supplier, AccountNumber: "10103001857", Link: "https://kabinet.example/r", Expires: "1 час"},
		"statement":      notice(statement.Title(), statement.Body()),
		"answer":         notice(answer.Title(), answer.Body()),
		"answer_greeted": notice(greeted.Title(), greeted.Body()),
		"broadcast":      notice("Плановые работы", "Добрый день!\n\nС 01:00 до 03:00 кабинет недоступен."),
		"autopay_on":     notice(letters.AutopayOn{}.Title(), letters.AutopayOn{Account: "1", Card: "•••• 1111"}.Text()),
		"autopay_done":   notice(letters.AutopayDone{}.Title(), letters.AutopayDone{Account: "1"}.Text()),
	}
	for rule, r := range letters.Reminders {
		kinds["reminder_"+rule] = notice(r.Title, r.Body)
	}
	for name, l := range kinds {
		t.Run(name, func(t *testing.T) {
			m, err := tpl.Render("anna@example.com", l)
			if err != nil {
				t.Fatal(err)
			}
			if n := letters.CountGreetings(m.Text); n != 1 {
				t.Errorf("the text greets %d times:\n%s", n, m.Text)
			}
			if n := letters.CountGreetings(m.HTML); n != 1 {
				t.Errorf("the HTML greets %d times:\n%s", n, m.HTML)
			}
		})
	}
	// The notices of a registration and of a link go as plain text,
	// without the layout: their words greet.
	for name, text := range map[string]string{"registered": letters.Registered{Account: "1"}.Text(),
		"linked": letters.Linked{Account: "1"}.Text(), "link_request": letters.Linked{Account: "1", Request: true}.Text()} {
		if n := letters.CountGreetings(text); n != 1 {
			t.Errorf("%s greets %d times: %s", name, n, text)
		}
	}
	t.Run("AnswerGreetsByName", func(t *testing.T) {
		m, _ := tpl.Render("anna@example.com", kinds["answer_greeted"])
		if g, _, _ := letters.SplitGreeting(m.Text); g != "Здравствуйте, Петрова Анна Сергеевна!" {
			t.Errorf("greeting %q", g)
		}
	})
}
