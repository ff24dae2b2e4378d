package billing

import (
	"math/rand/v2"
	"testing"
	"time"

	"kabinet"
)

// TestPenalty works examples of DOMAIN §3.4 by hand. 10 000,00 ₽ at 9,5 % is
// 950,00 ₽ a year's worth of rate, so a day at 1/300 is 3,1667 ₽ and a day at
// 1/130 is 7,3077 ₽.
func TestPenalty(t *testing.T) {
	rules := DefaultPenaltyRules()
	principal := rub(10000_00)
	for _, tc := range []struct {
		name      string
		principal kabinet.Money
		due, paid string
		want      kabinet.Money
	}{
		{"BeforeDue", principal, "10.01.2026", "05.01.2026", 0},
		// Day 30 after the due date: no penalty yet.
		{"Day30", principal, "10.01.2026", "09.02.2026", 0},
		// Day 31 (10.02): 1 day × 1/300: 95 000 / 300 = 316,67 kop → 3,17 ₽.
		{"Day31", principal, "10.01.2026", "10.02.2026", rub(3_17)},
		// Day 90 (10.04): days 31..90 = 60 days: 95 000 × 60/300 = 19 000 kop.
		{"Day90", principal, "10.01.2026", "10.04.2026", rub(190_00)},
		// Day 91 (11.04): + 95 000/130 = 730,77 → 19 730,77 → 197,31 ₽.
		{"Day91", principal, "10.01.2026", "11.04.2026", rub(197_31)},
		// The brief's example: paid 25.04: 60 days × 1/300 + 15 days × 1/130
		// (11.04..25.04) = 19 000 + 10 961,54 = 29 961,54 kop → 299,62 ₽.
		{"Paid25April", principal, "10.01.2026", "25.04.2026", rub(299_62)},
		// March 2022 bill, due 10.04.2022, paid 20.05.2022 (day 40): 10 days at
		// the fixed 9,5 % of ПП 474, not the key rate of 14 %:
		// 95 000 × 10/300 = 3 166,67 → 31,67 ₽. The 2022 moratorium does not
		// cover it: the debt arose after 01.04.2022.
		{"Fixed2022", principal, "10.04.2022", "20.05.2022", rub(31_67)},
		// Due 10.10.2022, paid 15.01.2023: 60 days × 1/300 + 7 days × 1/130
		// (09.01..15.01) at min(9,5 %, 7,5 %) = 7,5 %:
		// 75 000 × (60/300 + 7/130) = 15 000 + 4 038,46 = 19 038,46 → 190,38 ₽.
		{"MinOfFixedAndKey2023", principal, "10.10.2022", "15.01.2023", rub(190_38)},
		// Due 10.03.2020, paid 15.01.2021. Days 31..90 (10.04–08.06.2020) all
		// fall in the 2020 moratorium, and so do days 91.. to 31.12.2020; only
		// 01.01–15.01.2021 count, 15 days at 1/130 of the key rate on the
		// payment day, 4,25 %: 42 500 × 15/130 = 4 903,85 → 49,04 ₽.
		{"AcrossMoratorium2020", principal, "10.03.2020", "15.01.2021", rub(49_04)},
		// Due 10.01.2020, paid 10.05.2020. Days 31..90 are 10.02–09.04.2020;
		// the moratorium from 06.04 leaves 10.02–05.04 = 20 + 31 + 5 = 56 days
		// at 1/300 of 5,5 %: 55 000 × 56/300 = 10 266,67 → 102,67 ₽.
		{"IntoMoratorium2020", principal, "10.01.2020", "10.05.2020", rub(102_67)},
		// January 2022 bill, due 10.02.2022, paid 10.11.2022: the 2022
		// moratorium covers it. Days 31..90 are 13.03–11.05.2022, of which
		// 13.03–31.03 = 19 count; days 91.. from 12.05, of which 02.10–10.11 =
		// 40 count. Rate min(9,5 %, 7,5 %) = 7,5 %:
		// 75 000 × (19/300 + 40/130) = 4 750 + 23 076,92 = 27 826,92 → 278,27 ₽.
		{"AcrossMoratorium2022", principal, "10.02.2022", "10.11.2022", rub(278_27)},
		// December 2026 bill, due 15.01.2027, paid 15.03.2027: after the cap
		// ends, the key rate (15,5 %, the table's last entry) applies:
		// 15.02–15.03.2027 = 29 days, 155 000 × 29/300 = 14 983,33 → 149,83 ₽.
		{"KeyRateFrom2027", principal, "15.01.2027", "15.03.2027", rub(149_83)},
		{"ZeroPrincipal", 0, "10.01.2026", "25.04.2026", 0},
		{"OneKopeck", 1, "10.01.2026", "25.04.2026", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := rules.Penalty(tc.principal, d(t, tc.due), d(t, tc.paid))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Penalty = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPenaltyPaymentDayFlag(t *testing.T) {
	rules := DefaultPenaltyRules()
	rules.IncludePaymentDay = false
	for _, tc := range []struct {
		paid string
		want kabinet.Money
	}{
		{"10.02.2026", 0},         // day 31 itself is not counted
		{"11.02.2026", rub(3_17)}, // one day, 10.02
		{"26.04.2026", rub(299_62)},
	} {
		got, err := rules.Penalty(rub(10000_00), d(t, "10.01.2026"), d(t, tc.paid))
		if err != nil || got != tc.want {
			t.Errorf("paid %s: Penalty = %s, %v; want %s", tc.paid, got, err, tc.want)
		}
	}
}

func TestPenaltyErrNoKeyRate(t *testing.T) {
	_, err := DefaultPenaltyRules().Penalty(rub(1000_00), d(t, "10.01.2019"), d(t, "15.03.2019"))
	if kabinet.ErrorCode(err) != kabinet.ENOTFOUND {
		t.Errorf("err = %v, want ENOTFOUND for a date before the key rate table", err)
	}
}

func TestRateOn(t *testing.T) {
	rules := DefaultPenaltyRules()
	for _, tc := range []struct {
		on   string
		want Rate
	}{
		{"15.01.2021", 425},  // key rate
		{"27.02.2022", 950},  // key rate, the day before the fix
		{"28.02.2022", 950},  // fixed, while the key rate was 20 %
		{"31.07.2022", 950},  // last fixed day
		{"01.08.2022", 800},  // min(9,5; 8)
		{"15.01.2023", 750},  // min(9,5; 7,5)
		{"15.08.2023", 950},  // min(9,5; 12)
		{"25.04.2026", 950},  // min(9,5; 15,5)
		{"31.12.2026", 950},  // last day of the cap
		{"01.01.2027", 1550}, // key rate again
	} {
		if got, err := rules.RateOn(d(t, tc.on)); err != nil || got != tc.want {
			t.Errorf("RateOn(%s) = %s, %v; want %s", tc.on, got, err, tc.want)
		}
	}
}

func TestPenaltyRulesValidate(t *testing.T) {
	if err := DefaultPenaltyRules().Validate(); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	for name, mutate := range map[string]func(*PenaltyRules){
		"ErrOverlappingRates": func(r *PenaltyRules) { r.Rates[1].From = d(t, "01.01.2022") },
		"ErrUnknownMode":      func(r *PenaltyRules) { r.Rates[0].Mode = 0 },
		"ErrKeyRatesOrder":    func(r *PenaltyRules) { r.KeyRates[3].From = d(t, "01.01.2019") },
		"ErrOpenMoratorium":   func(r *PenaltyRules) { r.Moratoria[0].To = time.Time{} },
		"ErrMoratoriaOverlap": func(r *PenaltyRules) { r.Moratoria[1].From = d(t, "01.12.2020") },
	} {
		t.Run(name, func(t *testing.T) {
			r := DefaultPenaltyRules()
			mutate(&r)
			if err := r.Validate(); kabinet.ErrorCode(err) != kabinet.EINVALID {
				t.Errorf("Validate = %v, want EINVALID", err)
			}
		})
	}
}

// TestPenaltyProperties: a penalty is never negative, never falls when the
// principal grows, and, while the rate stays the same (9,5 % from 2024 to the
// end of 2026), never falls when the payment is later. (Across a change of
// rate it can: the rate on the payment day applies to the whole delay.)
func TestPenaltyProperties(t *testing.T) {
	rules := DefaultPenaltyRules()
	rng := rand.New(rand.NewPCG(3, 4))
	start := d(t, "01.01.2020")
	for range 3000 {
		due := start.AddDate(0, 0, rng.IntN(2000))
		paid := due.AddDate(0, 0, rng.IntN(400))
		p := kabinet.Money(rng.Int64N(5_000_000))
		a, err1 := rules.Penalty(p, due, paid)
		b, err2 := rules.Penalty(p+kabinet.Money(rng.Int64N(100_000)), due, paid)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if a < 0 || b < a {
			t.Fatalf("due %v paid %v: %d then %d for a larger principal", due, paid, a, b)
		}
	}
	for range 3000 {
		due := d(t, "01.01.2024").AddDate(0, 0, rng.IntN(700))
		paid := due.AddDate(0, 0, rng.IntN(300))
		if paid.Year() > 2026 {
			continue
		}
		p := kabinet.Money(rng.Int64N(5_000_000))
		a, _ := rules.Penalty(p, due, paid)
		b, _ := rules.Penalty(p, due, paid.AddDate(0, 0, 1+rng.IntN(30)))
		if a < 0 || b < a && paid.AddDate(0, 0, 30).Year() <= 2026 {
			t.Fatalf("due %v: %d paid %v, then %d paid later", due, a, paid, b)
		}
	}
}

func TestPenaltyHugeDebtDoesNotOverflow(t *testing.T) {
	// 10 billion rubles unpaid for 20 years: 10^12 kop × 2 000 × ~220 000
	// day-shares overflows int64; the exact sum must not.
	rules := PenaltyRules{Rates: []RateRule{{Mode: RateFixed, Fixed: 2000}}, IncludePaymentDay: true}
	got, err := rules.Penalty(kabinet.Money(1_000_000_000_000), d(t, "10.01.2000"), d(t, "10.01.2020"))
	if err != nil {
		t.Fatal(err)
	}
	// 60 days × 1/300 + (7 305 − 90) days × 1/130 of 20 % of 10^12:
	// 2·10^11 × (0,2 + 7 215/130) = 4·10^10 + 11 100 000 000 000 = 11 140 000 000 000.
	if got != kabinet.Money(11_140_000_000_000) {
		t.Errorf("Penalty = %d", got)
	}
}

// dayOf counts days as midnight's Unix time does, across leap years,
// centuries, time zones and dates before 1970.
func TestDayOfCountsAsUnixMidnight(t *testing.T) {
	irkutsk := time.FixedZone("Irkutsk", 8*3600)
	for _, start := range []time.Time{date(1599, 12, 20), date(1899, 12, 20), date(1968, 1, 1), date(1999, 12, 1), date(2099, 12, 1)} {
		for i := range 1200 {
			d := start.AddDate(0, 0, i)
			want := day(d.Unix() / secondsPerDay)
			if got := dayOf(d); got != want {
				t.Fatalf("dayOf(%s) = %d, want %d", d.Format(time.DateOnly), got, want)
			}
			// 23:30 in Irkutsk is 15:30 UTC the same day: its own calendar date.
			if got := dayOf(time.Date(d.Year(), d.Month(), d.Day(), 23, 30, 0, 0, irkutsk)); got != want {
				t.Fatalf("dayOf(%s 23:30 +08) = %d, want %d", d.Format(time.DateOnly), got, want)
			}
		}
	}
}
