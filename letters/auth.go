package letters

// Code is the SMS with a one-time code: one SMS part (at most 70
// Cyrillic characters), the code first so that phones can offer it.
type Code struct {
	Code  string
	Reset bool // a password reset's code; otherwise a registration's
	// Phone marks the code that confirms a new sign-in phone.
	Phone bool
}

// SMS is the text.
func (c Code) SMS() string {
	purpose := "регистрации"
	if c.Reset {
		purpose = "смены пароля"
	}
	if c.Phone {
		purpose = "смены телефона"
	}
	return c.Code + " — код " + purpose + " в личном кабинете. Никому не сообщайте."
}

// Registered tells the contacts on file that an account was registered,
// with how to undo it.
type Registered struct {
	Account string // the number as the bill prints it
	Date    string // «27.11.2026», in the supplier's zone
	Email   string // the registration's address, masked
}

// Subject is the e-mail's subject.
func (r Registered) Subject() string {
	return "Лицевой счет " + r.Account + " зарегистрирован в личном кабинете"
}

// Text is the e-mail's text.
func (r Registered) Text() string {
	return Greeting + "\n\nЛицевой счет " + r.Account + " зарегистрирован в личном кабинете " + r.Date + " на адрес " + r.Email +
		". Если это были не вы, позвоните по телефону " + Hotline + ": регистрацию удалят, и вы сможете зарегистрировать лицевой счет сами."
}

// SMS is the SMS's text.
func (r Registered) SMS() string {
	return "Счет " + r.Account + " зарегистрирован в личном кабинете. Не вы? Звоните " + Hotline
}

// Linked tells an account's owner that another customer linked her
// account, or, with Request, asks her leave to.
type Linked struct {
	Account string
	Email   string // the other customer's address, masked
	Request bool
}

// Subject is the e-mail's subject.
func (l Linked) Subject() string {
	if l.Request {
		return "Запрос доступа к лицевому счету " + l.Account
	}
	return "Ваш лицевой счет " + l.Account + " привязан к другому личному кабинету"
}

// Text is the e-mail's text.
func (l Linked) Text() string {
	who := Greeting + "\n\nПользователь с адресом " + l.Email
	if l.Request {
		return who + " просит доступ к вашему лицевому счету " + l.Account + " в личном кабинете. " +
			"Разрешите или отклоните запрос в личном кабинете: «Личные данные» → «Доступ к лицевому счету». Без вашего разрешения доступа не будет."
	}
	return who + " привязал ваш лицевой счет " + l.Account + " к своему личному кабинету и видит начисления и платежи по нему. " +
		"Если вы не давали доступ, отзовите его в личном кабинете («Личные данные» → «Доступ к лицевому счету») или позвоните по телефону " + Hotline + "."
}

// SMS is the SMS's text.
func (l Linked) SMS() string {
	if l.Request {
		return "Запрос доступа к лицевому счету " + l.Account + ". Решите в кабинете: «Личные данные»."
	}
	return "Ваш лицевой счет " + l.Account + " привязан к чужому кабинету. Отозвать: «Личные данные»."
}
