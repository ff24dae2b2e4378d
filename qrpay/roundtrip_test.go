package qrpay

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"kabinet"
)

// TestRoundTrip is a property test: any payment Encode accepts decodes back
// to the same requisites, as Encode cleaned them, in either encoding.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(56042, 2014))
	for i := range 2000 {
		p := randomPayment(r)
		s, err := p.Encode()
		if err != nil {
			t.Fatalf("#%d: Encode(%+v): %v", i, p, err)
		}
		got, err := Decode(s)
		if err != nil {
			t.Fatalf("#%d: Decode(%q): %v", i, s, err)
		}
		if want := p.normalized(); !reflect.DeepEqual(got, want) {
			t.Fatalf("#%d: %q\ngot  %+v\nwant %+v", i, s, got, want)
		}
		b, err := p.EncodeAs(Windows1251)
		if err != nil {
			t.Fatalf("#%d: EncodeAs(Windows1251): %v", i, err)
		}
		if got1251, err := Decode(string(b)); err != nil || !reflect.DeepEqual(got1251, got) {
			t.Fatalf("#%d: windows-1251 gives %+v, %v; UTF-8 gave %+v", i, got1251, err, got)
		}
	}
}

// alphabet has what bills hold, and what breaks payment strings: the
// separator, "=", line breaks and padding spaces.
var alphabet = []rune("АБВЖЁЯабвжёяABCxyz0123456789 .,-/№«»\"'|=\n\t")

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range r.IntN(n + 1) {
		b.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

func randomDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// randomAccount returns an account with a right control key for bic.
func randomAccount(r *rand.Rand, bic, prefix string, valid func(bic, acc string) bool) string {
	acc := prefix + randomDigits(r, 20-len(prefix))
	for k := range byte(10) {
		acc = acc[:8] + string('0'+k) + acc[9:]
		if valid(bic, acc) {
			return acc
		}
	}
	panic("no control key fits " + acc)
}

func randomPayment(r *rand.Rand) Payment {
	bic := "04" + randomDigits(r, 7)
	sum := kabinet.Money(r.Int64N(1e12))
	return Payment{
		Name: "ООО " + randomText(r, 100), PersonalAcc: randomAccount(r, bic, "40702810", ValidAccount),
		BankName: "Банк " + randomText(r, 35), BIC: bic,
		CorrespAcc: randomAccount(r, bic, "30101810", ValidCorrespAccount),
		KPP:        randomDigits(r, 9), Purpose: randomText(r, 300), Sum: sum,
		PersAcc: randomDigits(r, 1+r.IntN(12)), PaymPeriod: randomDigits(r, 6),
		LastName: randomText(r, 20), FirstName: randomText(r, 20), MiddleName: randomText(r, 20),
		PayerAddress: randomText(r, 120), AddAmount: sum / kabinet.Money(1+r.IntN(20)),
		Flat: randomText(r, 4), TechCode: TechCodeUtilities,
	}
}

// FuzzDecode: Decode never panics, and what it reads, written out again as
// Encode would write it, reads back the same.
func FuzzDecode(f *testing.F) {
	f.Add(workedExampleString)
	f.Add(strings.ReplaceAll(workedExampleString, "|", "#") + "#")
	f.Add("ST00011|Name=\xce\xce\xce|PersonalAcc=1|BankName=b|BIC=1|CorrespAcc=0|Sum=00")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Decode(s)
		if err != nil {
			return
		}
		q := p.normalized()
		q.Extra = withValues(q.Extra)
		again, err := Decode(q.render(UTF8))
		if err != nil {
			if q.Name == "" || q.PersonalAcc == "" || q.BankName == "" || q.BIC == "" || q.CorrespAcc == "" {
				return // cleaning emptied a mandatory requisite
			}
			t.Fatalf("%q read as %+v does not read back: %v", s, q, err)
		}
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("%q\nfirst  %+v\nsecond %+v", s, q, again)
		}
	})
}

func withValues(rs []Requisite) []Requisite {
	var out []Requisite
	for _, r := range rs {
		if r.Value != "" {
			out = append(out, r)
		}
	}
	return out
}
