package kabinet

import (
	"strings"
	"unicode"
)

// AccountNumber is a лицевой счёт number as the supplier prints it, parsed so
// that people find their account however they type it. A number has an
// optional letter part (ИЭСБК, ЕТСОО) and a digit part; Latin letters that
// look like Cyrillic ones are read as Cyrillic, and spaces, dashes, dots and
// case are ignored.
type AccountNumber struct {
	Prefix string // canonical letter part, upper-case Cyrillic where a look-alike exists; "" if none
	Digits string // digit part, leading zeros kept
}

// latinToCyrillic maps the Latin capitals that people type in place of the
// Cyrillic letters they look like.
var latinToCyrillic = map[rune]rune{
	'A': 'А', 'B': 'В', 'E': 'Е', 'K': 'К', 'M': 'М', 'H': 'Н', 'O': 'О',
	'P': 'Р', 'C': 'С', 'T': 'Т', 'Y': 'У', 'X': 'Х',
}

// ParseAccountNumber parses a number as typed: letters first (optional),
// then digits. Separators (space, dash, dot, slash, underscore, №) anywhere
// are dropped. Anything else, or a letter after the digits, is EINVALID.
func ParseAccountNumber(s string) (AccountNumber, error) {
	var prefix, digits strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case isNumberSeparator(r):
			continue
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case unicode.IsLetter(r) && digits.Len() == 0:
			prefix.WriteRune(canonicalLetter(r))
		default:
			return AccountNumber{}, errBadAccountNumber
		}
	}
	n := AccountNumber{Prefix: prefix.String(), Digits: digits.String()}
	if len(n.Digits) < 4 || len(n.Digits) > 20 || len([]rune(n.Prefix)) > 12 {
		return AccountNumber{}, errBadAccountNumber
	}
	return n, nil
}

var errBadAccountNumber = Errorf(EINVALID, "Номер лицевого счёта состоит из букв (если есть) и цифр, например ИЭСБК0041300 или 10103001857")

// MustParseAccountNumber is ParseAccountNumber for constants in code and tests.
func MustParseAccountNumber(s string) AccountNumber {
	n, err := ParseAccountNumber(s)
	if err != nil {
		panic(err)
	}
	return n
}

func isNumberSeparator(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("-‐‑–—._/№#", r)
}

func canonicalLetter(r rune) rune {
	if c, ok := latinToCyrillic[r]; ok {
		return c
	}
	if r == 'Ё' {
		return 'Е'
	}
	return r
}

// String returns the canonical form: prefix then digits, "ИЭСБК0041300".
func (n AccountNumber) String() string { return n.Prefix + n.Digits }

// HasPrefix reports whether the number was typed with its letter part.
func (n AccountNumber) HasPrefix() bool { return n.Prefix != "" }

// IsZero reports whether n is the zero value.
func (n AccountNumber) IsZero() bool { return n.Digits == "" }
