package smstest

// perNumber reports whether SMS.ru reports code in the entry of a number
// rather than for the whole request. DOMAIN.md §6.1 documents the codes but
// not their level, so this split follows the meaning: codes about a
// recipient are per number.
func perNumber(code int) bool {
	switch code {
	case 202, 207, 209, 213, 214, 215, 216, 230, 231, 232:
		return true
	}
	return false
}

// smsruText is the status_text the fake sends along with a code.
func smsruText(code int) string {
	switch code {
	case 200:
		return "Неправильный api_id"
	case 201:
		return "Не хватает средств на лицевом счету"
	case 202:
		return "Неправильно указан номер телефона получателя, либо на него нет маршрута"
	case 203:
		return "Нет текста сообщения"
	case 209:
		return "Вы добавили этот номер (или один из номеров) в стоп-лист"
	case 211:
		return "Метод не найден"
	case 212:
		return "Текст сообщения необходимо передать в кодировке UTF-8"
	case 220:
		return "Сервис временно недоступен, попробуйте чуть позже"
	}
	return "Ошибка"
}
