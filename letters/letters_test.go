package letters_test

import (
	"testing"
	"unicode/utf8"

	"kabinet/letters"
)

// A code's SMS is one part: at most 70 characters, the code first.
func TestCodeIsOneSMSPart(t *testing.T) {
	for _, c := range []letters.Code{{Code: "123456"}, {Code: "123456", Reset: true}} {
		s := c.SMS()
		if n := utf8.RuneCountInString(s); n > 70 {
			t.Errorf("%q is %d characters, more than one SMS part", s, n)
		}
		if s[:6] != c.Code {
			t.Errorf("%q does not start with the code", s)
		}
	}
}
