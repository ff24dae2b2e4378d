package kabinet

import "strings"

// IsBidiControl reports the characters that change the direction text is
// shown in: a file name «счет\u202Efdp.exe» reads as «счетexe.pdf», so an
// operator would see a false extension.
func IsBidiControl(c rune) bool {
	switch {
	case c == '\u061C', c == '\u200E', c == '\u200F',
		c >= '\u202A' && c <= '\u202E',
		c >= '\u2066' && c <= '\u2069':
		return true
	}
	return false
}

// StripBidi returns s without its bidirectional controls.
func StripBidi(s string) string {
	return strings.Map(func(c rune) rune {
		if IsBidiControl(c) {
			return -1
		}
		return c
	}, s)
}
