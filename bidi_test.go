package kabinet

import "testing"

func TestStripBidi(t *testing.T) {
	for in, want := range map[string]string{
		"счет\u202Efdp.exe":    "счетfdp.exe",
		"\u2066скан\u2069.pdf": "скан.pdf",
		"обычный.pdf":          "обычный.pdf",
	} {
		if got := StripBidi(in); got != want {
			t.Errorf("StripBidi(%q) = %q, want %q", in, got, want)
		}
	}
}
