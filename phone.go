package kabinet

import (
	"net/mail"
	"strings"
	"unicode"
)

// ParsePhone parses a Russian mobile number however people type it
// (+7 (950) 123-45-67, 8 950 123 45 67, 79501234567, 9501234567) and
// returns it as the SMS gateways want it: 11 digits starting with 79,
// without a plus (DOMAIN.md §6.4). Anything else is EINVALID with a
// Russian message for the form.
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Errorf(EINVALID, "Укажите номер мобильного телефона.")
	}
	plus := strings.HasPrefix(s, "+")
	digits, ok := phoneDigits(strings.TrimPrefix(s, "+"))
	if !ok {
		return "", Errorf(EINVALID, "В номере телефона могут быть только цифры, пробелы, скобки и дефисы, например +7 950 123-45-67.")
	}
	var national string
	switch {
	case len(digits) == 11 && digits[0] == '7':
		national = digits[1:]
	case len(digits) == 11 && digits[0] == '8' && !plus:
		national = digits[1:]
	case len(digits) == 10 && !plus:
		national = digits
	default:
		return "", Errorf(EINVALID, "Укажите российский номер: 10 цифр после +7 или 8, например +7 950 123-45-67.")
	}
	if national[0] != '9' {
		return "", Errorf(EINVALID, "Укажите номер мобильного телефона: после +7 он начинается с 9, например +7 950 123-45-67.")
	}
	return "7" + national, nil
}

// phoneDigits keeps the ASCII digits of s, allowing the separators people
// type between them; any other character makes it fail.
func phoneDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsSpace(r), r == '(', r == ')', r == '-', r == '.':
		default:
			return "", false
		}
	}
	return b.String(), true
}

// FormatPhone writes 79501234567 as +7 (950) 123-45-67.
func FormatPhone(p string) string {
	if len(p) != 11 {
		return p
	}
	return "+7 (" + p[1:4] + ") " + p[4:7] + "-" + p[7:9] + "-" + p[9:]
}

// MaskPhone hides the middle of a phone number: +7 (950) ***-**-67.
func MaskPhone(p string) string {
	if len(p) != 11 {
		return "***"
	}
	return "+7 (" + p[1:4] + ") ***-**-" + p[9:]
}

// ParseEmail checks an e-mail address typed by a customer and returns it
// normalised (trimmed, lower-case).
func ParseEmail(s string) (string, error) {
	e := NormalizeEmail(s)
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || len(e) > 254 || !strings.Contains(e[strings.LastIndex(e, "@")+1:], ".") {
		return "", Errorf(EINVALID, "Укажите адрес электронной почты, например ivanov@mail.ru.")
	}
	return e, nil
}

// MaskEmail hides most of the local part: iv***@mail.ru.
func MaskEmail(e string) string {
	at := strings.LastIndex(e, "@")
	if at < 0 {
		return "***"
	}
	return e[:min(2, at)] + "***" + e[at:]
}
