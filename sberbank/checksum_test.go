package sberbank

import (
	"net/url"
	"testing"
)

// TestChecksumString checks the signed string against the official example
// (DOMAIN §4.6): an HMAC over exactly those bytes, in upper case.
func TestChecksumString(t *testing.T) {
	key := []byte("secret")
	p := url.Values{"amount": {"123456"}, "mdOrder": {"3ff6962a-7dcc-4283-ab50-a6d7dd3386fe"},
		"operation": {"deposited"}, "orderNumber": {"10747"}, "status": {"1"}, "sign_alias": {"x"}}
	want := hmacHex(key, "amount;123456;mdOrder;3ff6962a-7dcc-4283-ab50-a6d7dd3386fe;operation;deposited;orderNumber;10747;status;1;")
	if got := Checksum(p, key); got != want {
		t.Fatalf("Checksum = %s, want %s", got, want)
	}
}

func TestVerifyCallback(t *testing.T) {
	key := []byte("k")
	signed := func() url.Values {
		p := url.Values{"mdOrder": {"m1"}, "orderNumber": {"n1"}, "operation": {"deposited"}, "status": {"1"}}
		p.Set("checksum", Checksum(p, key))
		return p
	}
	t.Run("OK", func(t *testing.T) {
		cb, err := VerifyCallback(signed(), key)
		if err != nil || cb.OrderID != "m1" || cb.Operation != OpDeposited || !cb.Success {
			t.Fatalf("got %+v, %v", cb, err)
		}
	})
	t.Run("LowerCase", func(t *testing.T) {
		p := signed()
		p.Set("checksum", toLower(p.Get("checksum")))
		if _, err := VerifyCallback(p, key); err != nil {
			t.Fatal(err)
		}
	})
	for name, spoil := range map[string]func(url.Values){
		"Missing":  func(p url.Values) { p.Del("checksum") },
		"Forged":   func(p url.Values) { p.Set("checksum", Checksum(p, []byte("other key"))) },
		"Altered":  func(p url.Values) { p.Set("mdOrder", "m2") },
		"Added":    func(p url.Values) { p.Set("amount", "1") },
		"Repeated": func(p url.Values) { p.Add("mdOrder", "m2") },
	} {
		t.Run(name, func(t *testing.T) {
			p := signed()
			spoil(p)
			if _, err := VerifyCallback(p, key); err != ErrChecksum {
				t.Fatalf("err = %v, want ErrChecksum", err)
			}
		})
	}
	t.Run("NoKey", func(t *testing.T) {
		if _, err := VerifyCallback(signed(), nil); err != ErrChecksum {
			t.Fatalf("err = %v", err)
		}
	})
}
