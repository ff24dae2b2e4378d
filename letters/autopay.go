package letters

import "fmt"

// The autopay notices (PAY-2): each has a title (the bell's, and the
// SMS's and e-mail's beginning) and a text. Card is the masked card
// («**1111»), Period the bill's month («ноябрь 2026»), amounts as shown
// («1 234,56 ₽»).

// AutopayNotSaved: the bank paid the first payment but kept no card.
type AutopayNotSaved struct{}

// Title is the notice's title.
func (AutopayNotSaved) Title() string { return "Автоплатеж не подключен" }

// Text is the notice's text.
func (AutopayNotSaved) Text() string {
	return "Банк не сохранил карту, поэтому автоплатеж не подключен. Подключите его снова при следующей оплате картой."
}

// AutopayOn: autopay is on.
type AutopayOn struct {
	Account, Card string
	Rule          string // «полная сумма счета», «не более 3 000,00 ₽»
	Day           int
}

// Title is the notice's title.
func (AutopayOn) Title() string { return "Автоплатеж подключен" }

// Text is the notice's text.
func (n AutopayOn) Text() string {
	return fmt.Sprintf("Автоплатеж по лицевому счету %s подключен: карта %s, %s, %d-го числа после выставления счета.",
		n.Account, n.Card, n.Rule, n.Day)
}

// AutopayTomorrow: the card is charged tomorrow.
type AutopayTomorrow struct{ Account, Card, Amount, Period string }

// Title is the notice's title.
func (AutopayTomorrow) Title() string { return "Завтра автоплатеж" }

// Text is the notice's text.
func (n AutopayTomorrow) Text() string {
	return fmt.Sprintf("Завтра с карты %s будет списано %s по счету за %s, лицевой счет %s.", n.Card, n.Amount, n.Period, n.Account)
}

// AutopayDone: the card was charged.
type AutopayDone struct{ Account, Card, Amount, Period string }

// Title is the notice's title.
func (AutopayDone) Title() string { return "Автоплатеж выполнен" }

// Text is the notice's text.
func (n AutopayDone) Text() string {
	return fmt.Sprintf("С карты %s списано %s по счету за %s, лицевой счет %s.", n.Card, n.Amount, n.Period, n.Account)
}

// AutopayDeclined: the bank refused the charge, and autopay stopped.
type AutopayDeclined struct{ Card, Amount, Period string }

// Title is the notice's title.
func (AutopayDeclined) Title() string { return "Автоплатеж не прошел" }

// Text is the notice's text.
func (n AutopayDeclined) Text() string {
	return fmt.Sprintf("Банк отклонил списание %s с карты %s по счету за %s. Автоплатеж отключен: оплатите счет картой и подключите автоплатеж снова.",
		n.Amount, n.Card, n.Period)
}

// AutopaySubject is the subject of an autopay notice's e-mail.
func AutopaySubject(title, account string) string {
	return title + " — лицевой счет " + account
}
