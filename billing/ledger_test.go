package billing

import (
	"testing"

	"kabinet"
)

// TestForecastLedger: November 3 000 ₽ and December 5 000 ₽ charged, a
// recalculation of −200 ₽ on November, 1 000 ₽ paid naming December and a
// penalty (ignored as principal). The December payment leaves November's
// 2 800 ₽ for 09.01.2026, the first debt to turn late.
func TestForecastLedger(t *testing.T) {
	nov, dec := per(t, "2025-11"), per(t, "2025-12")
	entries := []*kabinet.LedgerEntry{
		{Period: nov, Kind: kabinet.EntryCharge, Amount: rub(3000_00), PostedOn: d(t, "01.12.2025")},
		{Period: nov, Kind: kabinet.EntryAdjustment, Amount: -rub(200_00), PostedOn: d(t, "01.12.2025")},
		{Period: dec, Kind: kabinet.EntryCharge, Amount: rub(5000_00), PostedOn: d(t, "01.01.2026")},
		{Period: dec, Kind: kabinet.EntryPenalty, Amount: rub(12_00), PostedOn: d(t, "01.01.2026")},
		{Period: dec, Kind: kabinet.EntryPayment, Amount: -rub(1000_00), PostedOn: d(t, "03.01.2026"), Channel: kabinet.ChannelCard},
	}
	debts, pays := FromLedger(entries, DefaultDueRules())
	if len(debts) != 2 || debts[0].Principal != rub(2800_00) || debts[1].Principal != rub(5000_00) || len(pays) != 1 || pays[0].Amount != rub(1000_00) {
		t.Fatalf("FromLedger = %+v, %+v", debts, pays)
	}
	f, err := DefaultPenaltyRules().ForecastLedger(entries, DefaultDueRules(), d(t, "05.01.2026"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Pay != rub(2800_00) || f.By.Format("02.01.2006") != "09.01.2026" || f.PerDay != 0 {
		t.Errorf("forecast = %s by %s, %s a day; want 2 800,00 ₽ by 09.01.2026", f.Pay, f.By.Format("02.01.2006"), f.PerDay)
	}
}
