package billing

import (
	"time"

	"kabinet"
)

// ReadingWindow is when customers pass meter readings for a month, valid for
// readings taken in [From, To). OpenDay and CloseDay are days of the month,
// both inclusive, in the supplier's time zone: a reading taken on CloseDay
// (up to 23:59:59) counts for that month, one taken later counts for the next
// (DOMAIN §2.1; METER-6). OpenDay only tells customers when to read.
type ReadingWindow struct {
	From, To          time.Time
	OpenDay, CloseDay int
	Basis             string
}

// ReadingWindows is the windows of a supplier over time.
type ReadingWindows []ReadingWindow

// DefaultReadingWindows returns the window of the seed manual: readings are
// taken from the 15th and count for the month until the end of the 25th.
func DefaultReadingWindows() ReadingWindows {
	return ReadingWindows{{OpenDay: 15, CloseDay: 25,
		Basis: "Показания, переданные после 25 числа, не будут приняты к расчету в текущем месяце"}}
}

// Find returns the window in force on date d (its own year, month and day).
func (ws ReadingWindows) Find(d time.Time) (ReadingWindow, error) {
	for _, w := range ws {
		if within(d, w.From, w.To) {
			return w, nil
		}
	}
	return ReadingWindow{}, kabinet.Errorf(kabinet.ENOTFOUND, "Не задан срок приёма показаний на %s", d.Format("02.01.2006"))
}

// Period returns the billing month a reading taken at t counts for: t's
// month up to the end of CloseDay, the next month after it. Only t's own
// calendar date counts, so t must be in the supplier's time zone.
func (w ReadingWindow) Period(t time.Time) kabinet.Period {
	p := kabinet.PeriodOf(t)
	if t.Day() > w.CloseDay {
		return p.Add(1)
	}
	return p
}

// Deadline returns the last day (midnight UTC, only its date counts) on
// which a reading still counts for period p.
func (w ReadingWindow) Deadline(p kabinet.Period) time.Time {
	last := p.Add(1).Start(time.UTC).AddDate(0, 0, -1).Day()
	return date(p.Year, p.Month, min(w.CloseDay, last))
}

// Late reports whether a reading taken at t misses its own month.
func (w ReadingWindow) Late(t time.Time) bool { return t.Day() > w.CloseDay }
