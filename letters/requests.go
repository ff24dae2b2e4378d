package letters

// StatementLetter carries a reconciliation statement (the PDF is
// attached). Dates are «02.01.2006».
type StatementLetter struct{ Account, Provider, Service, From, To string }

// Title is the letter's title and subject.
func (l StatementLetter) Title() string {
	return "Акт сверки взаиморасчетов по лицевому счету " + l.Account
}

// Body is the letter's text.
func (l StatementLetter) Body() string {
	return "Во вложении — акт сверки взаиморасчетов с " + l.Provider + " по услуге «" + l.Service +
		"» за период с " + l.From + " по " + l.To + ".\n\n" +
		"Вы заказали его в личном кабинете. Если это были не вы, просто удалите письмо."
}

// AnswerLetter is the supplier's answer to a request by e-mail.
type AnswerLetter struct{ Number, FullName, Topic, Answer string }

// Title is the letter's title and subject.
func (l AnswerLetter) Title() string { return "Ответ на обращение № " + l.Number }

// Body is the letter's text. It greets by name, and mail puts that
// greeting where its layout greets; an operator's answer that greets
// too loses its greeting line, so the letter greets once.
func (l AnswerLetter) Body() string {
	_, answer, _ := SplitGreeting(l.Answer)
	return "Здравствуйте, " + l.FullName + "!\n\nВы спрашивали: «" + l.Topic + "».\n\n" + answer
}
