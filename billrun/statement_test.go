package billrun_test

import (
	"testing"
	"time"

	"kabinet"
	"kabinet/billrun"
	"kabinet/pdf"
)

// TestStatement: the ledger as closes post it, each month's charges,
// recalculations and penalties on the first day of the next month.
// December 2025's 1 200,00 ₽ (posted 01.01.2026) is owed before the act.
// January: 614,84 ₽ charged, −35,20 ₽ recalculated, 12,47 ₽ penalties (all
// posted 01.02), 1 000,00 ₽ paid on 14.01: 792,11 ₽ left. February: 702,30
// ₽ charged (posted 01.03) and 792,11 ₽ paid on 28.02. March's charge and a
// payment of 01.03 are after the act. Closing on 28.02: 792,11 + 702,30 −
// 792,11 = 702,30 ₽, February's bill's «к оплате». Rows by the date posted
// would put January's charges in February and leave February's out.
func TestStatement(t *testing.T) {
	e := func(kind kabinet.EntryKind, amount kabinet.Money, y int, m time.Month, d int) *kabinet.LedgerEntry {
		return &kabinet.LedgerEntry{Kind: kind, Amount: amount, PostedOn: day(y, m, d)}
	}
	entries := []*kabinet.LedgerEntry{
		e(kabinet.EntryCharge, 120000, 2026, 1, 1),
		e(kabinet.EntryCharge, 61484, 2026, 2, 1), e(kabinet.EntryAdjustment, -3520, 2026, 2, 1),
		e(kabinet.EntryPenalty, 1247, 2026, 2, 1), e(kabinet.EntryPayment, -100000, 2026, 1, 14),
		e(kabinet.EntryCharge, 70230, 2026, 3, 1), e(kabinet.EntryPayment, -79211, 2026, 2, 28),
		e(kabinet.EntryCharge, 65502, 2026, 4, 1), e(kabinet.EntryPayment, -5000, 2026, 3, 1),
	}
	s := billrun.Statement(entries, day(2026, 1, 1), time.Date(2026, 2, 28, 23, 59, 0, 0, time.UTC))
	if s.Opening != 120000 || s.Closing != 70230 || len(s.Months) != 2 {
		t.Fatalf("statement = opening %d, closing %d, %d months", s.Opening, s.Closing, len(s.Months))
	}
	jan := s.Months[0]
	if jan.Charged != 61484 || jan.Adjustments != -3520 || jan.Penalties != 1247 || jan.Paid != 100000 {
		t.Errorf("January = %+v", jan)
	}
	if feb := s.Months[1]; feb.Charged != 70230 || feb.Paid != 79211 {
		t.Errorf("February = %+v", feb)
	}
	s.AccountNumber, s.Payer, s.Provider = "10103001857", "Иванов Иван Иванович", kabinet.Provider{Name: "ООО «Демо-Энергосбыт»", INN: "3801999990", KPP: "380101001"}
	if _, err := pdf.Statement(s); err != nil { // the renderer refuses one that does not add up
		t.Errorf("rendering the statement: %v", err)
	}
}
