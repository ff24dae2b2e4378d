package kabinet_test

import (
	"testing"

	"kabinet"
)

func TestParseAccountNumber(t *testing.T) {
	tests := []struct {
		name, in, prefix, digits string
	}{
		{"Cyrillic", "ИЭСБК0041300", "ИЭСБК", "0041300"},
		{"LowerCaseWithDashAndSpace", " иэсбк-0041300", "ИЭСБК", "0041300"},
		{"LatinEIsCyrillicENotЭ", "ИEСБK0041300", "ИЕСБК", "0041300"},
		{"DigitsOnly", "10103001857", "", "10103001857"},
		{"DigitsWithSpaces", "101 030 018 57", "", "10103001857"},
		{"AllLatinLookAlikes", "ETCOO204646", "ЕТСОО", "204646"},
		{"MixedLookAlikes", "ЕтСoO204646", "ЕТСОО", "204646"},
		{"LowerLatin", "etcoo204646", "ЕТСОО", "204646"},
		{"DashesBetweenDigits", "ЕТСОО-204-646", "ЕТСОО", "204646"},
		{"Dots", "ЕТСОО.204.646", "ЕТСОО", "204646"},
		{"NumberSign", "№ 10103001857", "", "10103001857"},
		{"Tabs", "\tИЭСБК\t0041300\n", "ИЭСБК", "0041300"},
		{"LeadingZerosKept", "00211937", "", "00211937"},
		{"YoIsE", "ЁТСОО204646", "ЕТСОО", "204646"},
		{"AllTwelveLookAlikes", "ABEKMHOPCTYX1234", "АВЕКМНОРСТУХ", "1234"},
		{"NonLookAlikeLatinKept", "ZQ1234", "ZQ", "1234"},
		{"EnDash", "ИЭСБК–0041300", "ИЭСБК", "0041300"},
		{"Underscore", "ИЭСБК_0041300", "ИЭСБК", "0041300"},
		{"NoBreakSpace", "ИЭСБК\u00a00041300", "ИЭСБК", "0041300"},
		{"SpacesInsidePrefix", "И Э С Б К 0041300", "ИЭСБК", "0041300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := kabinet.ParseAccountNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseAccountNumber(%q): %v", tt.in, err)
			}
			if n.Prefix != tt.prefix || n.Digits != tt.digits {
				t.Errorf("ParseAccountNumber(%q) = %q+%q, want %q+%q", tt.in, n.Prefix, n.Digits, tt.prefix, tt.digits)
			}
		})
	}
}

func TestParseAccountNumberSameAccount(t *testing.T) {
	// The three spellings of one number, and the Latin-only one.
	want := kabinet.MustParseAccountNumber("ИЭСБК0041300")
	for _, in := range []string{" иэсбк-0041300", "ИЭCБK0041300", "ИЭСБК 004 1300", "иэсбк0041300"} {
		if got := kabinet.MustParseAccountNumber(in); got != want {
			t.Errorf("%q parsed to %v, want %v", in, got, want)
		}
	}
}

func TestParseAccountNumberInvalid(t *testing.T) {
	tests := []struct{ name, in string }{
		{"Empty", ""},
		{"OnlySpaces", "   "},
		{"OnlyLetters", "ИЭСБК"},
		{"TooFewDigits", "ИЭСБК123"},
		{"LetterAfterDigits", "0041300А"},
		{"LettersInsideDigits", "004А1300"},
		{"Punctuation", "0041300!"},
		{"TooManyDigits", "123456789012345678901"},
		{"Emoji", "0041300🙂"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kabinet.ParseAccountNumber(tt.in)
			if kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Fatalf("ParseAccountNumber(%q) error = %v, want EINVALID", tt.in, err)
			}
			if kabinet.ErrorMessage(err) == "" {
				t.Error("no user message")
			}
		})
	}
}
