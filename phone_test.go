package kabinet_test

import (
	"strings"
	"testing"

	"kabinet"
)

func TestParsePhone(t *testing.T) {
	for _, in := range []string{
		"+7 (950) 123-45-67", "8 950 123 45 67", "79501234567", "9501234567",
		"+79501234567", " 8(950)123-45-67 ", "8-950-123-45-67", "+7\u00a0950\u00a0123\u00a045\u00a067",
	} {
		t.Run("OK/"+in, func(t *testing.T) {
			got, err := kabinet.ParsePhone(in)
			if err != nil || got != "79501234567" {
				t.Errorf("ParsePhone(%q) = %q, %v; want 79501234567", in, got, err)
			}
		})
	}
	for name, in := range map[string]string{
		"ErrEmpty":        "  ",
		"ErrLetters":      "+7 (950) 123-45-67 доб. 1",
		"ErrShort":        "+7 950 123",
		"ErrLong":         "7 950 123 45 67 8",
		"ErrPlusEight":    "+8 950 123 45 67",
		"ErrPlusTen":      "+9501234567",
		"ErrForeign":      "+44 20 7946 0958",
		"ErrLandline":     "8 3952 12-34-56",
		"ErrPlusInMiddle": "7950+1234567",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := kabinet.ParsePhone(in)
			if kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Fatalf("ParsePhone(%q) = %q, %v; want an EINVALID error", in, got, err)
			}
			if msg := kabinet.ErrorMessage(err); !strings.Contains(msg, "номер") {
				t.Errorf("message %q does not explain the number", msg)
			}
		})
	}
	if got := kabinet.FormatPhone("79501234567"); got != "+7 (950) 123-45-67" {
		t.Errorf("FormatPhone = %q", got)
	}
	for in, want := range map[string]string{"79501234567": "+7 (950) ***-**-67", "123": "***", "": "***"} {
		if got := kabinet.MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseEmail(t *testing.T) {
	if got, err := kabinet.ParseEmail("  Ivanov@Mail.RU "); got != "ivanov@mail.ru" || err != nil {
		t.Errorf("ParseEmail = %q, %v", got, err)
	}
	for _, in := range []string{"", "ivanov", "ivanov@", "@mail.ru", "ivanov@mail", "Иван <ivanov@mail.ru>", "a b@mail.ru"} {
		if _, err := kabinet.ParseEmail(in); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("ParseEmail(%q) error = %v, want EINVALID", in, err)
		}
	}
	if got := kabinet.MaskEmail("ivanov@mail.ru"); got != "iv***@mail.ru" {
		t.Errorf("MaskEmail = %q", got)
	}
}
