package kabinet_test

import (
	"testing"

	"kabinet"
)

func TestParsePhone(t *testing.T) {
	ok := map[string]string{
		"+7 (950) 123-45-67": "79501234567", "8 950 123 45 67": "79501234567", "79501234567": "79501234567",
		"9501234567": "79501234567", "+7-950-123-45-67": "79501234567",
	}
	for in, want := range ok {
		if got, err := kabinet.ParsePhone(in); got != want || err != nil {
			t.Errorf("ParsePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "12345", "+7 (3952) 20-00-00", "+1 650 253 0000", "79501234567x", "795012345678"} {
		if _, err := kabinet.ParsePhone(in); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("ParsePhone(%q) error = %v, want EINVALID", in, err)
		}
	}
	if got := kabinet.FormatPhone("79501234567"); got != "+7 (950) 123-45-67" {
		t.Errorf("FormatPhone = %q", got)
	}
	if got := kabinet.MaskPhone("79501234567"); got != "+7 (950) ***-**-67" {
		t.Errorf("MaskPhone = %q", got)
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
