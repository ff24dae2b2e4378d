package totp

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcKey is the SHA-1 seed of RFC 6238 Appendix B: "12345678901234567890".
var rfcKey = []byte("12345678901234567890")

// TestRFC6238Vectors checks the eight-digit SHA-1 codes of RFC 6238
// Appendix B, and that six digits are their last six.
func TestRFC6238Vectors(t *testing.T) {
	for _, v := range []struct {
		unix int64
		code string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	} {
		step := Step(time.Unix(v.unix, 0))
		if got := Code(rfcKey, step, 8); got != v.code {
			t.Errorf("T=%d: code %s, want %s", v.unix, got, v.code)
		}
		if got := Code(rfcKey, step, 6); got != v.code[2:] {
			t.Errorf("T=%d: six digits %s, want %s", v.unix, got, v.code[2:])
		}
	}
}

func TestMatchWindow(t *testing.T) {
	now := time.Unix(1111111111, 0)
	cur := Step(now)
	for _, d := range []int64{-1, 0, 1} {
		step, ok := Match(rfcKey, Code(rfcKey, cur+d, Digits), now)
		if !ok || step != cur+d {
			t.Errorf("step %+d: matched %v at %d", d, ok, step)
		}
	}
	for _, d := range []int64{-2, 2, 10} {
		if _, ok := Match(rfcKey, Code(rfcKey, cur+d, Digits), now); ok {
			t.Errorf("step %+d is outside ±1 but matched", d)
		}
	}
	code := Code(rfcKey, cur, Digits)
	if _, ok := Match(rfcKey, code[:3]+" "+code[3:], now); !ok {
		t.Error("a code typed with a space in the middle did not match")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef", code + "0"} {
		if _, ok := Match(rfcKey, bad, now); ok {
			t.Errorf("%q matched", bad)
		}
	}
}

func TestSecretRoundTrip(t *testing.T) {
	s := NewSecret()
	if len(s) != 32 {
		t.Fatalf("secret %q: want 32 base32 characters (160 bits)", s)
	}
	key, err := Decode(strings.ToLower(s[:16]) + " " + s[16:])
	if err != nil || len(key) != 20 {
		t.Fatalf("decode: %v, %d bytes", err, len(key))
	}
	if NewSecret() == s {
		t.Error("two secrets are the same")
	}
	for _, bad := range []string{"", "ABC", "not base32 at all!", "AAAAAAAA"} {
		if _, err := Decode(bad); err == nil {
			t.Errorf("Decode(%q) accepted it", bad)
		}
	}
}

func TestURI(t *testing.T) {
	uri := URI("Демо-Энергосбыт", "admin", "JBSWY3DPEHPK3PXP")
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "otpauth" || u.Host != "totp" || q.Get("secret") != "JBSWY3DPEHPK3PXP" || q.Get("issuer") != "Демо-Энергосбыт" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("uri %s", uri)
	}
	if label, _ := url.PathUnescape(u.EscapedPath()); label != "/Демо-Энергосбыт:admin" {
		t.Errorf("label %q", label)
	}
}
