package billing

import (
	"testing"

	"kabinet"
)

// TestForecast: November 3 000 ₽ due 10.12.2025 (last penalty-free day
// 10.12 + 30 = 09.01.2026) and December 5 000 ₽ due 10.01.2026 (last free
// day 09.02.2026).
func TestForecast(t *testing.T) {
	rules := DefaultPenaltyRules()
	for _, tc := range []struct {
		name   string
		rules  func(*PenaltyRules)
		debts  []Debt
		today  string
		pay    kabinet.Money
		due    string
		by     string
		perDay kabinet.Money
	}{
		{"BeforeTheDueDate", nil, twoDebts(t), "05.12.2025", rub(3000_00), "10.12.2025", "09.01.2026", 0},
		{"BeforeAnyPenalty", nil, twoDebts(t), "05.01.2026", rub(3000_00), "10.12.2025", "09.01.2026", 0},
		{"OnTheLastFreeDay", nil, twoDebts(t), "09.01.2026", rub(3000_00), "10.12.2025", "09.01.2026", 0},
		// November accrues from 10.01: 300 000 × 9,5 % / 300 = 95 kop a day.
		{"Accruing", nil, twoDebts(t), "15.01.2026", rub(3000_00), "10.12.2025", "15.01.2026", rub(95)},
		// 12.04.2026 is day 123 for November and day 92 for December, both at
		// 1/130: 28 500/130 + 47 500/130 = 219,23 + 365,38 = 584,62 → 5,85 ₽.
		{"BothAt1of130", nil, twoDebts(t), "12.04.2026", rub(8000_00), "10.12.2025", "12.04.2026", rub(5_85)},
		{"PaidNovember", nil, []Debt{{Period: per(t, "2025-11"), Due: d(t, "10.12.2025")}, twoDebts(t)[1]},
			"15.01.2026", rub(5000_00), "10.01.2026", "09.02.2026", 0},
		{"NothingOwed", nil, nil, "15.01.2026", 0, "", "", 0},
		// Not counting the payment day, paying on day 31 (10.01) is still free.
		{"PaymentDayNotCounted", func(r *PenaltyRules) { r.IncludePaymentDay = false }, twoDebts(t),
			"05.01.2026", rub(3000_00), "10.12.2025", "10.01.2026", 0},
		// Inside the 2020 moratorium nothing accrues, but the debt is still late.
		{"InMoratorium", nil, []Debt{{Period: per(t, "2020-02"), Due: d(t, "10.03.2020"), Principal: rub(1000_00)}},
			"15.05.2020", rub(1000_00), "10.03.2020", "15.05.2020", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rules
			if tc.rules != nil {
				tc.rules(&r)
			}
			f, err := r.Forecast(tc.debts, d(t, tc.today))
			if err != nil {
				t.Fatal(err)
			}
			by, due := "", ""
			if !f.By.IsZero() {
				by, due = f.By.Format("02.01.2006"), f.Due.Format("02.01.2006")
			}
			if f.Overdue != (due != "" && d(t, tc.due).Before(d(t, tc.today))) {
				t.Errorf("Overdue = %t on %s, due %s", f.Overdue, tc.today, due)
			}
			if f.Pay != tc.pay || due != tc.due || by != tc.by || f.PerDay != tc.perDay {
				t.Errorf("Forecast = %s due %q by %q, %s a day; want %s due %q by %q, %s a day",
					f.Pay, due, by, f.PerDay, tc.pay, tc.due, tc.by, tc.perDay)
			}
		})
	}
}

// TestForecastHolds: paying Pay on By leaves nothing that accrues a penalty
// on By + 1, for the debts the forecast covered.
func TestForecastHolds(t *testing.T) {
	rules := DefaultPenaltyRules()
	debts := twoDebts(t)
	for _, today := range []string{"01.01.2026", "09.01.2026", "20.01.2026", "09.02.2026"} {
		f, err := rules.Forecast(debts, d(t, today))
		if err != nil {
			t.Fatal(err)
		}
		pays := []Payment{{On: f.By, Amount: f.Pay}}
		ms, err := rules.Accrue(debts, pays, f.By.AddDate(0, 0, 1), f.By.AddDate(0, 0, 2))
		if err != nil {
			t.Fatal(err)
		}
		if ms[0].Amount != 0 {
			t.Errorf("today %s: paid %s on %s, still %s accrues the next day", today, f.Pay, f.By.Format("02.01"), ms[0].Amount)
		}
	}
}
