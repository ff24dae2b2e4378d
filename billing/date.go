package billing

import (
	"time"

	"kabinet"
)

// day is a calendar date as a count of days since 1970-01-01, so that the
// rules can count days of delay without thinking about time zones or
// daylight saving.
type day int64

const secondsPerDay = 24 * 60 * 60

// dayOf returns the calendar date of t in t's own location.
func dayOf(t time.Time) day { return day(kabinet.DateOf(t).Unix() / secondsPerDay) }

// time returns the date as midnight UTC.
func (d day) time() time.Time { return time.Unix(int64(d)*secondsPerDay, 0).UTC() }

// date returns midnight UTC of a calendar date, for data tables.
func date(y int, m time.Month, d int) time.Time { return kabinet.Date(y, m, d) }

// within reports whether date t falls in [from, to); a zero from or to is
// open on that side.
func within(t, from, to time.Time) bool {
	d := dayOf(t)
	return (from.IsZero() || d >= dayOf(from)) && (to.IsZero() || d < dayOf(to))
}

// overlap counts the days of [a1, a2] (inclusive) that fall in [b1, b2).
func overlap(a1, a2, b1, b2 day) int64 {
	lo, hi := max(a1, b1), min(a2+1, b2)
	if hi <= lo {
		return 0
	}
	return int64(hi - lo)
}
