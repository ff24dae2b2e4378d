package smstest

import (
	"strings"
	"unicode/utf8"
)

// Parts counts the SMS parts a text takes: 160 characters in one part or
// 153 per part when split for Latin text, 70 or 67 for text with any other
// character, as Cyrillic is sent in UCS-2. (The real rule counts the GSM
// 03.38 alphabet, which includes a few non-ASCII characters; ASCII is close
// enough for tests.)
func Parts(text string) int {
	single, multi := 160, 153
	if strings.ContainsFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }) {
		single, multi = 70, 67
	}
	n := utf8.RuneCountInString(text)
	if n <= single {
		return 1
	}
	return (n + multi - 1) / multi
}

// validPhone reports whether p is a Russian number as the gateways take it.
func validPhone(p string) bool {
	return len(p) == 11 && p[0] == '7' && strings.Trim(p, "0123456789") == ""
}
