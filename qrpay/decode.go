package qrpay

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
)

// Decode reads a payment string as a scanner gives it. It is liberal where
// generators differ: any of the three encodings, any separator, a trailing
// separator or line break, keys in any case, a Purpose of up to 210
// characters, and requisites in any order. Keys it has no field for go to
// Extra. It checks lengths and amounts but not control keys: use Encode to
// hold a payment to the stricter rules. A malformed string is EINVALID.
func Decode(s string) (Payment, error) {
	var p Payment
	if len(s) < 8 || s[:6] != "ST0001" {
		return p, invalid("строка не начинается с ST0001")
	}
	text, err := decodeText(Charset(s[6]), s)
	if err != nil {
		return p, err
	}
	// The 8th character is the separator for the whole string.
	sep, n := utf8.DecodeRuneInString(text[7:])
	body := strings.TrimSuffix(strings.TrimRight(text[7+n:], "\r\n"), string(sep))
	seen := make(map[string]bool)
	for _, part := range strings.Split(body, string(sep)) {
		if err := p.set(part, seen); err != nil {
			return Payment{}, err
		}
	}
	for _, f := range p.fields()[:mandatory] {
		if *f.text == "" {
			return Payment{}, invalid("нет обязательного реквизита %s", f.key)
		}
	}
	return p, nil
}

func decodeText(cs Charset, s string) (string, error) {
	switch cs {
	case UTF8:
		if !utf8.ValidString(s) {
			return "", invalid("строка объявлена как UTF-8, но это не UTF-8")
		}
		return s, nil
	case Windows1251:
		return charmap.Windows1251.NewDecoder().String(s)
	case KOI8R:
		return charmap.KOI8R.NewDecoder().String(s)
	}
	return "", invalid("неизвестный признак кодировки %q", s[6])
}

// set stores one "Key=Value" requisite in p; seen holds the keys read so
// far, in lower case, so that a repeated key is an error, not a guess.
func (p *Payment) set(part string, seen map[string]bool) error {
	key, value, ok := strings.Cut(part, "=")
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if !ok || !keyPattern.MatchString(key) {
		return invalid("реквизит %q не в виде Ключ=Значение", truncate(part, 40))
	}
	if seen[strings.ToLower(key)] {
		return invalid("реквизит %s указан дважды", key)
	}
	seen[strings.ToLower(key)] = true
	for _, f := range p.fields() {
		if strings.EqualFold(f.key, key) {
			return f.set(value)
		}
	}
	p.Extra = append(p.Extra, Requisite{key, value})
	return nil
}

func (f field) set(value string) error {
	if f.max > 0 && utf8.RuneCountInString(value) > f.max {
		return invalid("реквизит %s длиннее %d знаков", f.key, f.max)
	}
	if f.money == nil {
		*f.text = value
		return nil
	}
	if value == "" {
		return nil
	}
	if !allDigits(value) {
		return invalid("сумма %s указывается в копейках, только цифрами", f.key)
	}
	k, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return invalid("сумма %s слишком велика", f.key)
	}
	*f.money = kabinet.Money(k)
	return nil
}
