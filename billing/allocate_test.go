package billing

import (
	"math/rand/v2"
	"slices"
	"testing"

	"kabinet"
)

// twoDebts are a November and a December 2025 bill.
func twoDebts(tb testing.TB) []Debt {
	return []Debt{
		{Period: per(tb, "2025-11"), Due: d(tb, "10.12.2025"), Principal: rub(3000_00)},
		{Period: per(tb, "2025-12"), Due: d(tb, "10.01.2026"), Principal: rub(5000_00)},
	}
}

func TestAllocate(t *testing.T) {
	nov, dec := per(t, "2025-11"), per(t, "2025-12")
	none := kabinet.Period{}
	for _, tc := range []struct {
		name   string
		pays   []Payment
		parts  []Part
		left   [2]kabinet.Money // November, December
		credit kabinet.Money
	}{
		{"UnnamedGoesToOldest", []Payment{{d(t, "20.01.2026"), rub(4000_00), none}},
			[]Part{{0, nov, d(t, "20.01.2026"), rub(3000_00)}, {0, dec, d(t, "20.01.2026"), rub(1000_00)}},
			[2]kabinet.Money{0, rub(4000_00)}, 0},
		{"NamedPeriodFirst", []Payment{{d(t, "20.01.2026"), rub(4000_00), dec}},
			[]Part{{0, dec, d(t, "20.01.2026"), rub(4000_00)}},
			[2]kabinet.Money{rub(3000_00), rub(1000_00)}, 0},
		{"NamedPeriodThenOldest", []Payment{{d(t, "20.01.2026"), rub(6000_00), dec}},
			[]Part{{0, dec, d(t, "20.01.2026"), rub(5000_00)}, {0, nov, d(t, "20.01.2026"), rub(1000_00)}},
			[2]kabinet.Money{rub(2000_00), 0}, 0},
		{"NamedPeriodWithoutDebt", []Payment{{d(t, "20.01.2026"), rub(1000_00), per(t, "2026-01")}},
			[]Part{{0, nov, d(t, "20.01.2026"), rub(1000_00)}},
			[2]kabinet.Money{rub(2000_00), rub(5000_00)}, 0},
		{"Overpaid", []Payment{{d(t, "20.01.2026"), rub(10000_00), none}},
			[]Part{{0, nov, d(t, "20.01.2026"), rub(3000_00)}, {0, dec, d(t, "20.01.2026"), rub(5000_00)}},
			[2]kabinet.Money{0, 0}, rub(2000_00)},
		// Payments are taken in date order, whatever order they come in.
		{"DateOrder", []Payment{{d(t, "20.01.2026"), rub(2000_00), none}, {d(t, "05.01.2026"), rub(5000_00), dec}},
			[]Part{{1, dec, d(t, "05.01.2026"), rub(5000_00)}, {0, nov, d(t, "20.01.2026"), rub(2000_00)}},
			[2]kabinet.Money{rub(1000_00), 0}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Allocate(twoDebts(t), tc.pays)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(a.Parts, tc.parts, func(x, y Part) bool {
				return x.Payment == y.Payment && x.Period == y.Period && x.On.Equal(y.On) && x.Amount == y.Amount
			}) {
				t.Errorf("parts = %+v\nwant %+v", a.Parts, tc.parts)
			}
			if left := [2]kabinet.Money{a.Outstanding[0].Principal, a.Outstanding[1].Principal}; left != tc.left || a.Credit != tc.credit {
				t.Errorf("left %v credit %d, want %v credit %d", left, a.Credit, tc.left, tc.credit)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	ok := []Payment{{d(t, "20.01.2026"), rub(1_00), kabinet.Period{}}}
	for _, tc := range []struct {
		name  string
		debts []Debt
		pays  []Payment
	}{
		{"ErrNegativeDebt", []Debt{{Period: per(t, "2025-11"), Principal: -1}}, ok},
		{"ErrSamePeriodTwice", append(twoDebts(t), twoDebts(t)[0]), ok},
		{"ErrZeroPayment", twoDebts(t), []Payment{{d(t, "20.01.2026"), 0, kabinet.Period{}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Allocate(tc.debts, tc.pays); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("err = %v, want EINVALID", err)
			}
		})
	}
}

// TestAllocateKeepsMoney: allocation never creates or loses money. Parts
// plus credit are the payments; parts plus what is left are the debts; no
// debt goes below zero; and there is credit only when every debt is paid.
func TestAllocateKeepsMoney(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		debts, pays := randomLedger(t, rng)
		a, err := Allocate(debts, pays)
		if err != nil {
			t.Fatal(err)
		}
		var paid, parts, owed, left kabinet.Money
		for _, p := range pays {
			paid += p.Amount
		}
		for _, p := range a.Parts {
			parts += p.Amount
		}
		for i := range debts {
			owed += debts[i].Principal
			left += a.Outstanding[i].Principal
			if a.Outstanding[i].Principal < 0 || a.Credit > 0 && a.Outstanding[i].Principal != 0 {
				t.Fatalf("debt %+v left at %d with credit %d", debts[i], a.Outstanding[i].Principal, a.Credit)
			}
		}
		if parts+a.Credit != paid || parts+left != owed {
			t.Fatalf("paid %d = parts %d + credit %d? owed %d = parts + left %d?", paid, parts, a.Credit, owed, left)
		}
	}
}

// randomLedger returns up to a year of monthly debts from 2024 and payments
// made on random days, some naming a period.
func randomLedger(tb testing.TB, rng *rand.Rand) ([]Debt, []Payment) {
	first := per(tb, "2024-01")
	rules := DefaultDueRules()
	var debts []Debt
	for i := range rng.IntN(12) {
		p := first.Add(i)
		debts = append(debts, Debt{Period: p, Due: rules.DueDate(p), Principal: kabinet.Money(rng.Int64N(1_000_000))})
	}
	var pays []Payment
	for range rng.IntN(8) {
		pay := Payment{On: d(tb, "01.02.2024").AddDate(0, 0, rng.IntN(700)), Amount: kabinet.Money(1 + rng.Int64N(800_000))}
		if rng.IntN(2) == 0 {
			pay.Period = first.Add(rng.IntN(14))
		}
		pays = append(pays, pay)
	}
	return debts, pays
}
