package kabinet

import (
	"strconv"
	"strings"
)

// Money is an amount in kopecks. Money never passes through floating point:
// arithmetic is integer, and rounding happens only at display boundaries.
type Money int64

// Rubles returns the whole-ruble part of m, truncated toward zero.
func (m Money) Rubles() int64 { return int64(m) / 100 }

// Kopecks returns the kopeck part of m (0..99) of its absolute value.
func (m Money) Kopecks() int64 {
	k := int64(m) % 100
	if k < 0 {
		k = -k
	}
	return k
}

// Abs returns the absolute value of m.
func (m Money) Abs() Money {
	if m < 0 {
		return -m
	}
	return m
}

// String formats m the Russian way: "1 234,56 ₽", with a thin-space-free
// no-break space between thousands so an amount never wraps.
func (m Money) String() string {
	var buf [48]byte
	return string(append(m.AppendPlain(buf[:0]), "\u00a0₽"...))
}

// Plain formats m without the currency sign: "1 234,56".
func (m Money) Plain() string {
	var buf [48]byte
	return string(m.AppendPlain(buf[:0]))
}

// AppendPlain appends m as Plain writes it. The formatters append to one
// buffer and make one string: every amount and figure of a page is
// formatted so, a few hundred on «Главная» (issue 17).
func (m Money) AppendPlain(b []byte) []byte {
	if m < 0 {
		b = append(b, "−"...)
	}
	b = appendGrouped(b, uint64(m.Abs().Rubles()))
	b = append(b, ',')
	if k := m.Kopecks(); k < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, m.Kopecks(), 10)
}

// FormatInt writes a whole number with its thousands grouped by no-break
// spaces, as amounts are: "12 345".
func FormatInt(n int64) string {
	var buf [40]byte
	return string(AppendInt(buf[:0], n))
}

// AppendInt appends n as FormatInt writes it.
func AppendInt(b []byte, n int64) []byte {
	u := uint64(n)
	if n < 0 {
		b, u = append(b, "−"...), uint64(-n)
	}
	return appendGrouped(b, u)
}

// appendGrouped appends u's digits, their thousands grouped by no-break
// spaces.
func appendGrouped(b []byte, u uint64) []byte {
	var buf [20]byte
	digits := strconv.AppendUint(buf[:0], u, 10)
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, "\u00a0"...)
		}
		b = append(b, c)
	}
	return b
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// ParseMoney parses an amount typed by a person: "1234", "1 234,5",
// "1234.56", "1234,56 ₽". More than two decimals or a negative amount is
// EINVALID.
func ParseMoney(s string) (Money, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "₽"))
	s = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(s)
	whole, frac, hasFrac := strings.Cut(s, ".")
	bad := Errorf(EINVALID, "Введите сумму в рублях, например 1250,50")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) || len(frac) > 2 || len(whole) > 12 {
		return 0, bad
	}
	if hasFrac && frac == "" {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	r, _ := strconv.ParseInt("0"+whole, 10, 64)
	k, _ := strconv.ParseInt(frac, 10, 64)
	return Money(r*100 + k), nil
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
