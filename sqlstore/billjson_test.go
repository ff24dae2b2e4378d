package sqlstore

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"kabinet"
)

// TestStoredBillJSON: the bills' data written by hand is what
// encoding/json writes for storedBill, byte for byte, over bills made at
// random from texts that need escaping or not, empty and missing lines,
// negative and zero amounts, and due dates in other zones and with
// fractions of a second.
func TestStoredBillJSON(t *testing.T) {
	texts := []string{"", "Иванов Иван Иванович", "ул. Ленина, д. 5, кв. 12", `кв. "12"`, `a\b`, "<b>&amp;</b>", "a & b", "x > y", "x < y", "tab\there",
		"line\nbreak", "\x00\x1f", "\u2028\u2029", "bad \xff utf-8", "кВт·ч", "м²", "по показаниям", "emoji 🙂", "\x7f"}
	moscow := time.FixedZone("MSK", 3*3600)
	rng := rand.New(rand.NewPCG(16, 17))
	text := func() string { return texts[rng.IntN(len(texts))] }
	amount := func() int64 { return rng.Int64N(2_000_000_000) - 1_000_000_000 }
	for n := range 3000 {
		b := &kabinet.BillData{AccountNumber: text(), Payer: text(), Address: text(), Residents: rng.IntN(7) - 1,
			Area: kabinet.Area(amount()), Total: kabinet.Money(amount()), Number: text()}
		refs := make([]string, rng.IntN(4))
		for i := range refs {
			p := kabinet.BillProvider{SubAccount: text(), OpeningBalance: kabinet.Money(amount()), Adjustments: kabinet.Money(amount() % 3),
				Penalties: kabinet.Money(amount()), Payments: kabinet.Money(amount()), ToPay: kabinet.Money(amount()),
				DueOn: time.Date(2020+rng.IntN(10), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)}
			switch n % 4 {
			case 1:
				p.DueOn = p.DueOn.In(moscow)
			case 2:
				p.DueOn = p.DueOn.Add(time.Duration(rng.Int64N(int64(time.Hour))))
			case 3:
				p.DueOn = time.Time{}
			}
			if k := rng.IntN(4); k > 0 {
				p.Lines = make([]kabinet.BillLine, k-1) // k == 1: empty, not missing
			}
			for j := range p.Lines {
				p.Lines[j] = kabinet.BillLine{Service: kabinet.Service(text()), MeterSerial: text(), Zone: text(),
					Previous: amount() % 3, Current: amount(), Consumption: amount() % 2, Unit: text(), TariffKopecks: amount(),
					Amount: kabinet.Money(amount()), Basis: text()}
			}
			b.Providers = append(b.Providers, p)
			refs[i] = []string{"", "dfd3ad6020acee7735c31347725915f6"}[rng.IntN(2)]
		}
		s := storedBill{BillData: b, Providers: make([]storedSection, len(b.Providers))}
		for i := range b.Providers {
			s.Providers[i] = storedSection{BillProvider: &b.Providers[i], Ref: refs[i]}
		}
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendStoredBill(nil, b, refs); string(got) != string(want) {
			t.Fatalf("bill %d:\n got %s\nwant %s", n, got, want)
		}
	}
}
