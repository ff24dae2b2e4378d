package billing

import (
	"testing"

	"kabinet"
)

func BenchmarkElectricityCharge(b *testing.B) {
	tr, _ := DemoTariffs().Find(GroupCity, d(b, "01.08.2025"))
	for b.Loop() {
		ElectricityCharge(tr, kabinet.ZoningTwo, []int64{215, 112}, false)
	}
}

// BenchmarkAccrueDebtor is one month's penalty for a debtor with three
// unpaid periods and a partial payment: the month close's work per debtor.
func BenchmarkAccrueDebtor(b *testing.B) {
	rules := DefaultPenaltyRules()
	debts := []Debt{
		{Period: per(b, "2025-10"), Due: d(b, "10.11.2025"), Principal: 150_000},
		{Period: per(b, "2025-11"), Due: d(b, "10.12.2025"), Principal: 170_000},
		{Period: per(b, "2025-12"), Due: d(b, "10.01.2026"), Principal: 190_000},
	}
	pays := []Payment{{On: d(b, "20.02.2026"), Amount: 100_000}}
	from, to := d(b, "01.02.2026"), d(b, "01.03.2026")
	for b.Loop() {
		if _, err := rules.Accrue(debts, pays, from, to); err != nil {
			b.Fatal(err)
		}
	}
}
