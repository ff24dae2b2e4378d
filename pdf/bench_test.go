package pdf

import (
	"testing"

	"kabinet"
)

// BenchmarkBill renders the demo bill again and again with one Renderer,
// as a reprint or the portal's download does: the QR symbols come from the
// cache.
func BenchmarkBill(b *testing.B) {
	r, bill := NewRenderer(), demoBill()
	for b.Loop() {
		if _, err := r.Bill(bill); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBillDistinct renders a different bill each time, as the month's
// batch does: every QR code is encoded afresh.
func BenchmarkBillDistinct(b *testing.B) {
	r := NewRenderer()
	for i := 0; b.Loop(); i++ {
		bill := demoBill()
		for j := range bill.Data.Providers {
			bill.Data.Providers[j].ToPay += kabinet.Money(i)
		}
		if _, err := r.Bill(bill); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQR encodes the electricity code of the demo bill, eight masks
// included, with the plans of its version already made.
func BenchmarkQR(b *testing.B) {
	bill := demoBill()
	text, err := Payment(bill, &bill.Data.Providers[0]).Encode()
	if err != nil {
		b.Fatal(err)
	}
	c := newQRCoder(1)
	for b.Loop() {
		if _, err := c.encode(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRenderer prepares the fonts, once per Renderer.
func BenchmarkNewRenderer(b *testing.B) {
	for b.Loop() {
		NewRenderer()
	}
}

// BenchmarkBillOneShot is the package-level Bill: Unicode fonts, no cache.
func BenchmarkBillOneShot(b *testing.B) {
	bill := demoBill()
	for b.Loop() {
		if _, err := Bill(bill); err != nil {
			b.Fatal(err)
		}
	}
}
