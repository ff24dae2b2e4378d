package kabinet

import (
	"fmt"
	"strconv"
	"time"
)

// Period is a billing month. Its integer form YYYYMM is how it is stored.
type Period struct {
	Year  int
	Month time.Month
}

// PeriodOf returns the period that contains t in t's location.
func PeriodOf(t time.Time) Period { return Period{t.Year(), t.Month()} }

// PeriodFromInt converts the stored YYYYMM form back to a Period.
func PeriodFromInt(n int) Period { return Period{n / 100, time.Month(n % 100)} }

// ParsePeriod parses "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Period{}, Errorf(EINVALID, "Период указывается как ГГГГ-ММ, например 2026-01")
	}
	return PeriodOf(t), nil
}

// Int returns the stored form YYYYMM.
func (p Period) Int() int { return p.Year*100 + int(p.Month) }

// String returns "YYYY-MM".
func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month)) }

// Add returns the period n months later (earlier for negative n).
func (p Period) Add(n int) Period { return PeriodOf(p.Start(time.UTC).AddDate(0, n, 0)) }

// Start returns the first instant of the period in loc.
func (p Period) Start(loc *time.Location) time.Time {
	return time.Date(p.Year, p.Month, 1, 0, 0, 0, 0, loc)
}

// Before reports whether p is earlier than q.
func (p Period) Before(q Period) bool { return p.Int() < q.Int() }

var monthNames = [...]string{"январь", "февраль", "март", "апрель", "май", "июнь",
	"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"}

// Title returns the period as people read it on a bill: "январь 2026".
func (p Period) Title() string {
	var buf [32]byte
	return string(p.AppendTitle(buf[:0]))
}

// AppendTitle appends the period as Title writes it.
func (p Period) AppendTitle(b []byte) []byte {
	return strconv.AppendInt(append(append(b, monthNames[p.Month-1]...), ' '), int64(p.Year), 10)
}

// PeriodClose is the state of a month close.
type PeriodClose struct {
	Period      Period
	State       string // CloseRunning or CloseDone
	LastAccount int64  // the last account closed so far
	StartedAt   time.Time
	CompletedAt time.Time
}

// Month close states.
const (
	CloseRunning = "running"
	CloseDone    = "done"
)

// ClosedChunk is what a close writes for a chunk of accounts, in one
// transaction with its progress: the entries it posted (charges,
// recalculations, penalties), the readings it estimated for meters
// without one, and the period's bills.
type ClosedChunk struct {
	Period       Period
	FromID, ToID int64 // the chunk's first and last account
	Entries      []*LedgerEntry
	Estimates    []*Reading
	Bills        []*Bill
	// Debts are the sub-accounts' unpaid principals after the chunk, for
	// their kept balances.
	Debts map[int64]KeptDebts
}

// KeptDebts are a sub-account's unpaid principals as a writer computed
// them from its ledger, read when the kept balance was at Version.
type KeptDebts struct {
	Debts   []PeriodDebt
	Version int64
}

// MonthsTo counts the months from p to q (negative when q is earlier).
func (p Period) MonthsTo(q Period) int { return (q.Year-p.Year)*12 + int(q.Month) - int(p.Month) }
