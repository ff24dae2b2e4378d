package letters

// Reminder is a reminder's wording: templates (text/template) over ReminderData for
// the bell's and push's title and text, the SMS (one part: 70
// characters), and the cabinet page it leads to (a path under the
// account, "" for «Главная»).
type Reminder struct {
	Title, Body, SMS, Page string
}

// ReminderData is what a reminder's text may say.
type ReminderData struct {
	Period string // «ноябрь 2026»
	Date   string // «20.12.2026»: the due, penalty or verification date
	Amount string // «1 234,56 ₽»
	Until  string // «25»: the window's last day
}

// Reminders are the reminders' words by rule (remind's Rule… names), as
// data: a supplier changes them without touching the rules.
var Reminders = map[string]Reminder{
	"readings_open": {Title: "Передайте показания",
		Body: "Начался прием показаний приборов учета за {{.Period}}: передайте их до {{.Until}} числа.",
		SMS:  "Передайте показания счетчиков до {{.Until}} числа", Page: "readings"},
	"readings_again": {Title: "Показания еще не переданы",
		Body: "Показания приборов учета за {{.Period}} еще не переданы. Прием заканчивается {{.Until}} числа, иначе начисление будет по среднему.",
		SMS:  "Показания не переданы: прием до {{.Until}} числа", Page: "readings"},
	"bill_ready": {Title: "Счет готов",
		Body: "Счет за {{.Period}} готов: его можно открыть и оплатить в личном кабинете.",
		SMS:  "Счет за {{.Period}} готов в личном кабинете"},
	"debt_overdue": {Title: "Задолженность",
		Body: "Срок оплаты прошел, задолженность {{.Amount}}. Оплатите ее, чтобы не начислялись пени.",
		SMS:  "Задолженность {{.Amount}}: оплатите", Page: "pay"},
	"penalty_soon": {Title: "Скоро начнут начисляться пени",
		Body: "Оплатите {{.Amount}} до {{.Date}}, чтобы не начислялись пени.",
		SMS:  "Оплатите {{.Amount}} до {{.Date}}: иначе пени", Page: "pay"},
	"verification_due": {Title: "Поверка прибора учета",
		Body: "Срок поверки прибора учета истекает {{.Date}}. Закажите поверку заранее, иначе показания не будут приниматься.",
		SMS:  "Поверка счетчика до {{.Date}}", Page: "specialist"},
	"autopay_tomorrow": {Title: "Завтра автоплатеж",
		Body: "Завтра, {{.Date}}, с карты будет списано {{.Amount}} по автоплатежу.",
		SMS:  "Завтра автоплатеж {{.Amount}}"},
}
