package letters

// ConfirmNewEmail is the letter to a new sign-in address, with the link
// that proves the customer reads it.
type ConfirmNewEmail struct {
	Account string // the number as the bill prints it
	Link    string
	Expires string // «28.11.2026 10:00»
}

// Subject is the e-mail's subject.
func (c ConfirmNewEmail) Subject() string {
	return "Подтвердите новый адрес для входа в личный кабинет"
}

// Text is the e-mail's text.
func (c ConfirmNewEmail) Text() string {
	return "Этот адрес указали для входа в личный кабинет по лицевому счету " + c.Account +
		". Чтобы он заменил прежний, перейдите по ссылке до " + c.Expires + ":\n\n" + c.Link +
		"\n\nЕсли это были не вы, ничего не делайте: адрес не изменится."
}

// Change is what changed in a customer's sign-in.
type Change int

// The changes a notice tells of.
const (
	ChangedPassword Change = iota
	ChangedEmail
	ChangedPhone
)

// Changed tells the contacts a customer signed in with before that the
// password, the e-mail or the phone of the sign-in changed, with what to
// do if it was not the customer.
type Changed struct {
	Account string
	Date    string // «27.11.2026 18:00»
	What    Change
	To      string // the new address or phone, masked; "" for the password
}

// Subject is the e-mail's subject.
func (c Changed) Subject() string {
	switch c.What {
	case ChangedEmail:
		return "Изменён адрес электронной почты для входа в личный кабинет"
	case ChangedPhone:
		return "Изменён телефон для входа в личный кабинет"
	}
	return "Изменён пароль к личному кабинету"
}

// Text is the e-mail's text.
func (c Changed) Text() string {
	var what string
	switch c.What {
	case ChangedEmail:
		what = "Адрес электронной почты для входа в личный кабинет по лицевому счету " + c.Account + " изменён " + c.Date +
			" на " + c.To + ". Ссылки для восстановления пароля теперь приходят на новый адрес."
	case ChangedPhone:
		what = "Телефон для входа в личный кабинет по лицевому счету " + c.Account + " изменён " + c.Date +
			" на " + c.To + ". Коды для восстановления пароля теперь приходят на новый номер."
	default:
		what = "Пароль к личному кабинету по лицевому счету " + c.Account + " изменён " + c.Date +
			". На других устройствах вход завершён."
	}
	return what + " Если это были не вы, восстановите пароль на странице входа или позвоните по телефону " + Hotline + "."
}

// SMS is the SMS's text.
func (c Changed) SMS() string {
	what := "Пароль к кабинету изменён"
	switch c.What {
	case ChangedEmail:
		what = "Почта для входа в кабинет изменена"
	case ChangedPhone:
		what = "Телефон для входа в кабинет изменён"
	}
	return what + " (счет " + c.Account + "). Не вы? Звоните " + Hotline
}
