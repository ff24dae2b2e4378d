package billing

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"kabinet"
)

// TestAccrue works month-by-month accruals by hand. A 10 000,00 ₽ debt at
// 9,5 % accrues 95 000 / 300 = 316,67 kop a day at 1/300 and 730,77 at 1/130.
func TestAccrue(t *testing.T) {
	rules := DefaultPenaltyRules()
	dec := per(t, "2025-12")
	none := kabinet.Period{}
	decDebt := []Debt{{Period: dec, Due: d(t, "10.01.2026"), Principal: rub(10000_00)}}
	for _, tc := range []struct {
		name     string
		debts    []Debt
		pays     []Payment
		from, to string
		want     []kabinet.Money
	}{
		// 4 000 ₽ paid on 20.02.2026, 6 000 ₽ never.
		// January: day 31 is 10.02, nothing.
		// February: 4 000 ₽ for 10.02–20.02 (11 days, the payment day
		// counts) = 38 000 × 11/300 = 1 393,33; 6 000 ₽ for 10.02–28.02
		// (19 days) = 57 000 × 19/300 = 3 610 → 5 003,33 → 50,03 ₽.
		// March: 57 000 × 31/300 = 5 890 → 58,90 ₽.
		// April: 01–10.04 at 1/300 = 1 900; 11–30.04 at 1/130 =
		// 57 000 × 20/130 = 8 769,23 → 10 669,23 → 106,69 ₽.
		// May: 57 000 × 31/130 = 13 592,31 → 135,92 ₽.
		{"PartialPaymentNamed", decDebt, []Payment{{d(t, "20.02.2026"), rub(4000_00), dec}},
			"01.01.2026", "01.06.2026", []kabinet.Money{0, rub(50_03), rub(58_90), rub(106_69), rub(135_92)}},
		// Part of a month: 15.02–19.02, before the payment: 5 days on the whole
		// debt = 95 000 × 5/300 = 1 583,33 → 15,83 ₽.
		{"PartOfAMonth", decDebt, []Payment{{d(t, "20.02.2026"), rub(4000_00), dec}},
			"15.02.2026", "20.02.2026", []kabinet.Money{rub(15_83)}},
		// November 3 000 ₽ (due 10.12.2025) and December 5 000 ₽; 4 000 ₽ paid
		// on 20.01.2026 naming no period goes to November first and pays it:
		// November accrues 10.01–20.01, 11 days: 28 500 × 11/300 = 1 045 kop.
		// December's day 31 is 10.02, so nothing for it in January.
		{"UnnamedPaysOldest", twoDebts(t), []Payment{{d(t, "20.01.2026"), rub(4000_00), none}},
			"01.01.2026", "01.02.2026", []kabinet.Money{rub(10_45)}},
		// The same payment naming December leaves November unpaid all January:
		// 10.01–31.01, 22 days: 28 500 × 22/300 = 2 090 kop.
		{"NamedLeavesOldestUnpaid", twoDebts(t), []Payment{{d(t, "20.01.2026"), rub(4000_00), dec}},
			"01.01.2026", "01.02.2026", []kabinet.Money{rub(20_90)}},
		// Due 10.03.2020, never paid: every day from day 31 (10.04.2020) to
		// 31.12.2020 falls in the moratorium. January 2021: 31 days at 1/130
		// of 4,25 %: 42 500 × 31/130 = 10 134,62 → 101,35 ₽.
		{"AcrossMoratorium", []Debt{{Period: per(t, "2020-02"), Due: d(t, "10.03.2020"), Principal: rub(10000_00)}}, nil,
			"01.03.2020", "01.02.2021", []kabinet.Money{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, rub(101_35)}},
		// May 2022 bill, due 10.06.2022, day 31 is 11.07.2022. July: 21 days
		// at the fixed 9,5 % (rate on 31.07): 95 000 × 21/300 = 6 650.
		// August, paid in full on 15.08: 15 days at the rate of the payment
		// day, min(9,5 %, 8 %) = 8 %: 80 000 × 15/300 = 4 000.
		{"RateOfThePaymentDay", []Debt{{Period: per(t, "2022-05"), Due: d(t, "10.06.2022"), Principal: rub(10000_00)}},
			[]Payment{{d(t, "15.08.2022"), rub(10000_00), none}},
			"01.07.2022", "01.09.2022", []kabinet.Money{rub(66_50), rub(40_00)}},
		{"NoDebts", nil, nil, "01.01.2026", "01.03.2026", []kabinet.Money{0, 0}},
		{"EmptyRange", decDebt, nil, "01.03.2026", "01.03.2026", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rules.Accrue(tc.debts, tc.pays, d(t, tc.from), d(t, tc.to))
			if err != nil {
				t.Fatal(err)
			}
			var amounts []kabinet.Money
			for i, m := range got {
				amounts = append(amounts, m.Amount)
				if want := kabinet.PeriodOf(d(t, tc.from)).Add(i); m.Period != want {
					t.Errorf("month %d is %s, want %s", i, m.Period, want)
				}
			}
			if !slices.Equal(amounts, tc.want) {
				t.Errorf("Accrue = %v, want %v", amounts, tc.want)
			}
		})
	}
}

// TestAccrueProperties checks, on random ledgers while the rate is a constant
// 9,5 % (2024–2026):
//   - accruals are never negative;
//   - a month closed alone gives what it gives inside a longer range, and
//     payments after it do not change it (closing twice changes nothing);
//   - an unpaid debt's months add up to the one-shot Penalty within the
//     monthly roundings;
//   - dropping a payment never lowers the penalty.
func TestAccrueProperties(t *testing.T) {
	rules := DefaultPenaltyRules()
	rng := rand.New(rand.NewPCG(7, 8))
	from, to := d(t, "01.01.2024"), d(t, "01.01.2027")
	for range 300 {
		debts, pays := randomLedger(t, rng)
		all := mustAccrue(t, rules, debts, pays, from, to)
		var total kabinet.Money
		for _, m := range all {
			total += m.Amount
			if m.Amount < 0 {
				t.Fatalf("negative accrual %+v", m)
			}
		}
		i := rng.IntN(len(all))
		start := all[i].Period.Start(time.UTC)
		end := all[i].Period.Add(1).Start(time.UTC)
		before := slices.DeleteFunc(slices.Clone(pays), func(p Payment) bool { return !p.On.Before(end) })
		if one := mustAccrue(t, rules, debts, before, start, end); one[0] != all[i] {
			t.Fatalf("month %s: %d alone, %d in the range", all[i].Period, one[0].Amount, all[i].Amount)
		}
		if len(pays) > 0 {
			var less kabinet.Money
			for _, m := range mustAccrue(t, rules, debts, pays[1:], from, to) {
				less += m.Amount
			}
			if less < total {
				t.Fatalf("dropping a payment lowered the penalty from %d to %d", total, less)
			}
		}
	}
	for range 300 {
		due := d(t, "10.01.2024").AddDate(0, 0, rng.IntN(300))
		debt := Debt{Period: per(t, "2023-12"), Due: due, Principal: kabinet.Money(rng.Int64N(10_000_000))}
		asOf := due.AddDate(0, 0, rng.IntN(400))
		var months kabinet.Money
		ms := mustAccrue(t, rules, []Debt{debt}, nil, d(t, "01.01.2024"), asOf.AddDate(0, 0, 1))
		for _, m := range ms {
			months += m.Amount
		}
		once, _ := rules.Penalty(debt.Principal, due, asOf)
		if diff := int(months - once); diff*2 > len(ms)+1 || -diff*2 > len(ms)+1 {
			t.Fatalf("due %v as of %v: months add to %d, one shot %d", due, asOf, months, once)
		}
	}
}

func mustAccrue(tb testing.TB, r PenaltyRules, debts []Debt, pays []Payment, from, to time.Time) []MonthPenalty {
	tb.Helper()
	ms, err := r.Accrue(debts, pays, from, to)
	if err != nil {
		tb.Fatal(err)
	}
	return ms
}
