package kabinet_test

import (
	"testing"
	"time"

	"kabinet"
)

func TestTotalsBalance(t *testing.T) {
	tests := []struct {
		name              string
		entries           []kabinet.LedgerEntry
		debt, penaltyPart kabinet.Money
	}{
		{"Empty", nil, 0, 0},
		{"DebtWithPenalties", []kabinet.LedgerEntry{charge(100000), penalty(1500), pay(-50000)}, 51500, 1500},
		{"PaidPrincipalLeavesPenalties", []kabinet.LedgerEntry{charge(100000), penalty(1500), pay(-100000)}, 1500, 1500},
		{"PartlyPaidPenalties", []kabinet.LedgerEntry{charge(100000), penalty(1500), pay(-100500)}, 1000, 1000},
		{"Overpaid", []kabinet.LedgerEntry{charge(100000), penalty(1500), pay(-120000)}, -18500, 0},
		{"AdjustmentDown", []kabinet.LedgerEntry{charge(100000), {Kind: kabinet.EntryAdjustment, Amount: -20000}}, 80000, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tot kabinet.Totals
			for _, e := range tt.entries {
				tot.Add(e)
			}
			b := tot.Balance()
			if b.Debt != tt.debt || b.PenaltyPart != tt.penaltyPart {
				t.Errorf("Balance() = %+v, want debt %d penalties %d", b, tt.debt, tt.penaltyPart)
			}
			if b.Overpaid() != (tt.debt < 0) {
				t.Errorf("Overpaid() = %v", b.Overpaid())
			}
		})
	}
}

func charge(k int64) kabinet.LedgerEntry {
	return kabinet.LedgerEntry{Kind: kabinet.EntryCharge, Amount: kabinet.Money(k)}
}
func penalty(k int64) kabinet.LedgerEntry {
	return kabinet.LedgerEntry{Kind: kabinet.EntryPenalty, Amount: kabinet.Money(k)}
}
func pay(k int64) kabinet.LedgerEntry {
	return kabinet.LedgerEntry{Kind: kabinet.EntryPayment, Amount: kabinet.Money(k)}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		in   kabinet.Money
		want string
	}{
		{0, "0,00"}, {5, "0,05"}, {123456, "1\u00a0234,56"}, {-226246, "−2\u00a0262,46"}, {100000000, "1\u00a0000\u00a0000,00"},
	}
	for _, tt := range tests {
		if got := tt.in.Plain(); got != tt.want {
			t.Errorf("Money(%d).Plain() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	ok := map[string]kabinet.Money{"1234": 123400, "1 234,5": 123450, "1234.56": 123456, "0,05 ₽": 5, ",5": 50}
	for in, want := range ok {
		if got, err := kabinet.ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "-5", "1,234", "12.", "1.2.3", "1e5"} {
		if _, err := kabinet.ParseMoney(in); kabinet.ErrorCode(err) != kabinet.EINVALID {
			t.Errorf("ParseMoney(%q) error = %v, want EINVALID", in, err)
		}
	}
}

// TestBookedOn: a close's entries, posted on the first of the next month,
// count on the last day of the month they close; payments and entries
// posted on other days count on the day posted.
func TestBookedOn(t *testing.T) {
	dec1 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	nov30 := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		e    kabinet.LedgerEntry
		want time.Time
	}{
		{"CloseCharge", kabinet.LedgerEntry{Kind: kabinet.EntryCharge, PostedOn: dec1}, nov30},
		{"ClosePenalty", kabinet.LedgerEntry{Kind: kabinet.EntryPenalty, PostedOn: dec1}, nov30},
		{"CloseRecalculation", kabinet.LedgerEntry{Kind: kabinet.EntryAdjustment, PostedOn: dec1}, nov30},
		{"PaymentOnTheFirst", kabinet.LedgerEntry{Kind: kabinet.EntryPayment, PostedOn: dec1}, dec1},
		{"CorrectionMidMonth", kabinet.LedgerEntry{Kind: kabinet.EntryAdjustment, PostedOn: nov30}, nov30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.BookedOn(); !got.Equal(tc.want) {
				t.Errorf("BookedOn = %s, want %s", got.Format(time.DateOnly), tc.want.Format(time.DateOnly))
			}
		})
	}
}
