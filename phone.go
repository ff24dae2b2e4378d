package kabinet

import (
	"net/mail"
	"strings"
)

// ParsePhone parses a Russian mobile number however people type it
// (+7 (950) 123-45-67, 8 950 123 45 67, 9501234567) and returns it as the
// SMS gateways want it: 11 digits starting with 7.
func ParsePhone(s string) (string, error) {
	var d strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d.WriteRune(r)
		case strings.ContainsRune(" +-()\u00a0.", r):
		default:
			return "", errBadPhone
		}
	}
	digits := d.String()
	switch {
	case len(digits) == 10:
		digits = "7" + digits
	case len(digits) == 11 && digits[0] == '8':
		digits = "7" + digits[1:]
	}
	if len(digits) != 11 || digits[0] != '7' || digits[1] != '9' {
		return "", errBadPhone
	}
	return digits, nil
}

var errBadPhone = Errorf(EINVALID, "Укажите номер мобильного телефона в формате +7 (9XX) XXX-XX-XX.")

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
