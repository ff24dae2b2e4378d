package qrpay

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"kabinet"
)

// Charset is the encoding flag, the 7th byte of a payment string.
type Charset byte

// The encodings the standard names.
const (
	Windows1251 Charset = '1'
	UTF8        Charset = '2'
	KOI8R       Charset = '3'
)

// separator is the only one Encode uses: values have it stripped, so no
// other needs to be tried.
const separator = '|'

// purposeMax is how long a Purpose Encode writes: QRCoder allows 160
// characters and other readers 210, so 160 satisfies both.
const purposeMax = 160

// Encode returns the payment string in UTF-8 ("ST00012|..."), the form a
// bill's QR code carries. It strips the separator and control characters
// from values, shortens Purpose to 160 characters, and checks the
// requisites (DOMAIN.md §1.2, §1.6); a bad one is EINVALID.
func (p Payment) Encode() (string, error) {
	b, err := p.EncodeAs(UTF8)
	return string(b), err
}

// EncodeAs is Encode with the given encoding flag; the bytes are in that
// encoding. Text that the 8-bit encodings cannot hold (₽, say) is EINVALID.
func (p Payment) EncodeAs(cs Charset) ([]byte, error) {
	q := p.normalized()
	if err := q.check(); err != nil {
		return nil, err
	}
	s := q.render(cs)
	switch cs {
	case UTF8:
		return []byte(s), nil
	case Windows1251:
		return encode8(charmap.Windows1251, s)
	case KOI8R:
		return encode8(charmap.KOI8R, s)
	}
	return nil, invalid("неизвестная кодировка %q", byte(cs))
}

func encode8(cm *charmap.Charmap, s string) ([]byte, error) {
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		return nil, invalid("в реквизитах есть знаки, которых нет в кодировке %s", cm)
	}
	return b, nil
}

// render writes the requisites in fields() order, then Extra, without a
// trailing separator (the standard makes it optional).
func (p *Payment) render(cs Charset) string {
	var b strings.Builder
	b.WriteString("ST0001")
	b.WriteByte(byte(cs))
	for _, f := range p.fields() {
		if v := f.value(); v != "" {
			writeRequisite(&b, f.key, v)
		}
	}
	for _, r := range p.Extra {
		if r.Value != "" {
			writeRequisite(&b, r.Key, r.Value)
		}
	}
	return b.String()
}

func writeRequisite(b *strings.Builder, key, value string) {
	b.WriteByte(separator)
	b.WriteString(key)
	b.WriteByte('=')
	b.WriteString(value)
}

// value is the field as written: amounts as kopeck digits, zero left out.
func (f field) value() string {
	if f.money != nil {
		if *f.money == 0 {
			return ""
		}
		return strconv.FormatInt(int64(*f.money), 10)
	}
	return *f.text
}

// normalized returns a copy of p with every value made safe to write.
func (p Payment) normalized() Payment {
	p.Extra = append([]Requisite(nil), p.Extra...)
	for _, f := range p.fields() {
		if f.text != nil {
			*f.text = clean(*f.text)
		}
	}
	p.Purpose = strings.TrimSpace(truncate(p.Purpose, purposeMax))
	for i := range p.Extra {
		p.Extra[i].Value = clean(p.Extra[i].Value)
	}
	return p
}

// clean drops the separator, turns control characters (a line break in an
// address) into spaces and trims the ends: a value with the separator would
// split in two, and scanners show line breaks badly.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == separator:
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// truncate keeps the first n characters of s.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func invalid(format string, args ...any) *kabinet.Error {
	return kabinet.Errorf(kabinet.EINVALID, "QR-код оплаты: "+format, args...)
}
