package billing_test

import (
	"fmt"
	"strings"
	"time"

	"kabinet"
	"kabinet/billing"
)

// Example shows a month close for one city flat with a two-zone meter, as
// the engine would run it: the charge, the due date, the penalty on an old
// debt, and the cabinet's forecast.
func Example() {
	p := kabinet.Period{Year: 2025, Month: time.December}
	tariff, err := billing.DemoTariffs().ForPeriod(billing.GroupOf(kabinet.SettlementCity, false), p)
	if err != nil {
		panic(err)
	}
	charge, lines, _ := billing.ElectricityCharge(tariff, kabinet.ZoningTwo, []int64{215, 112},
		tariff.UsesHeatingLimits(p, false))
	for _, l := range lines {
		show(l.Zone, l.Units, l.Price, l.Amount)
	}
	show("итого", charge)

	due := billing.DefaultDueRules().DueDate(p)
	show("оплатить до", due.Format("02.01.2006"))

	rules := billing.DefaultPenaltyRules()
	debts := []billing.Debt{{Period: p, Due: due, Principal: charge}}
	pays := []billing.Payment{{On: time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC), Amount: 20000, Period: p}}
	months, _ := rules.Accrue(debts, pays, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	// 200 ₽ paid on 20.02 accrues 10.02–20.02: 1 900 × 11/300 = 69,67 kop;
	// 372,91 ₽ accrues 10.02–28.02: 3 542,645 × 19/300 = 224,37 kop;
	// 294,03 → 2,94 ₽.
	show("пени за", months[0].Period, months[0].Amount)

	alloc, _ := billing.Allocate(debts, pays)
	f, _ := rules.Forecast(alloc.Outstanding, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	// 37 291 × 9,5 % / 300 = 11,81 kop a day → 0,12 ₽.
	show(fmt.Sprintf("оплатите %s до %s; пени %s в день", f.Pay, f.By.Format("02.01"), f.PerDay))
	// Output:
	// T1 215 2,05 ₽ 440,75 ₽
	// T2 112 1,18 ₽ 132,16 ₽
	// итого 572,91 ₽
	// оплатить до 10.01.2026
	// пени за 2026-02 2,94 ₽
	// оплатите 372,91 ₽ до 01.03; пени 0,12 ₽ в день
}

// show prints like fmt.Println with the no-break spaces of Money and Price
// as plain spaces, so that the expected output reads plainly.
func show(a ...any) { fmt.Print(strings.ReplaceAll(fmt.Sprintln(a...), "\u00a0", " ")) }
