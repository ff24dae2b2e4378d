package sms

import (
	"strings"
	"unicode"

	"kabinet"
)

// NormalizePhone turns a Russian mobile number as people type it — "+7 (950)
// 123-45-67", "8 950 123 45 67", "79501234567", "9501234567" — into the
// form the gateways take: 11 digits starting with 79, without a plus
// (DOMAIN.md §6.4). Anything else is a kabinet.EINVALID error with a
// Russian message for the form.
func NormalizePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", kabinet.Errorf(kabinet.EINVALID, "Укажите номер мобильного телефона.")
	}
	plus := strings.HasPrefix(s, "+")
	digits, ok := phoneDigits(strings.TrimPrefix(s, "+"))
	if !ok {
		return "", kabinet.Errorf(kabinet.EINVALID,
			"В номере телефона могут быть только цифры, пробелы, скобки и дефисы, например +7 950 123-45-67.")
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
		return "", kabinet.Errorf(kabinet.EINVALID,
			"Укажите российский номер: 10 цифр после +7 или 8, например +7 950 123-45-67.")
	}
	if national[0] != '9' {
		return "", kabinet.Errorf(kabinet.EINVALID,
			"Укажите номер мобильного телефона: после +7 он начинается с 9, например +7 950 123-45-67.")
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
