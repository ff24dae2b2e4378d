package kabinet

import (
	"strings"
	"testing"
)

func TestParseAccountName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  Дача  в   Листвянке ", "Дача в Листвянке"},
		{"", ""},
		{"Квартира мамы, ул. Ленина 5", "Квартира мамы, ул. Ленина 5"},
		{strings.Repeat("я", MaxAccountNameLen), strings.Repeat("я", MaxAccountNameLen)},
	} {
		got, err := ParseAccountName(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseAccountName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{strings.Repeat("я", MaxAccountNameLen+1), "Дача\x00", "Дача\u200b", "\xff"} {
		if _, err := ParseAccountName(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParseAccountName(%q) = %v, want EINVALID", in, err)
		}
	}
}

func TestUserAccountLabel(t *testing.T) {
	ua := &UserAccount{Display: "ИЭСБК0041300"}
	if got := ua.Label(); got != "ИЭСБК0041300" {
		t.Errorf("Label without a name = %q", got)
	}
	ua.Name = "Дача"
	if got := ua.Label(); got != "Дача" {
		t.Errorf("Label with a name = %q", got)
	}
}
